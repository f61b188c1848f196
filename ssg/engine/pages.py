"""Pages rendered only when what they show changed, and then on every core.

Each page job gets a key: a hash of the templates, the versions that render
them, the site's settings and the job itself (its posts, its pagination, its
metadata), leaving out the text of posts, pages and communities. Rendering
records what else a page read: attributes of `site` (the default theme reads
`site.today` for the footer's year) and whose text (`.html`, `.body`, noted by
the Jinja environment). The next build compares those values too, so a tag
page listing an edited post is kept unless it showed that post's text. A page
whose key and reads are unchanged, and whose file in the previous output is
untouched, is kept as it is (`KEPT`): no render, no write. This holds because
rendering is deterministic: given the same values for everything it read, a
template reads the same things and writes the same bytes.

The pages left to render are split over forked worker processes: the workers
inherit the site and compiled templates, render contiguous slices, and the
pages are put back in job order, so `--jobs N` gives the bytes of `--jobs 1`
and template errors are reported once each, in the same order.
"""

from __future__ import annotations

import multiprocessing
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from ssg import __version__
from ssg.config.themes import template_dirs
from ssg.core.diagnostics import Diagnostic, SsgError
from ssg.core.model import Site
from ssg.core.page import Job
from ssg.core.urls import output_file
from ssg.core.versions import library_version
from ssg.engine.digest import Digester, Unstable
from ssg.engine.progress import Progress
from ssg.output import render
from ssg.output.render import KeptTemplates
from ssg.output.write import KEPT, Kept

SLICE = 48  # pages per task: large enough that the task overhead is a small share
MIN_PARALLEL = 200  # fewer pages than this render faster in this process


class PageRecord(NamedTuple):
    """What a page was made from; a tuple, so 5,000 of them are read back in milliseconds."""

    key: str  # hash of templates, versions, settings and the job
    reads: tuple[tuple[str, str], ...]  # (attribute of site, hash of its value) templates read
    texts: tuple[tuple[str, str], ...] = ()  # (source, hash with its text) whose text was read


@dataclass(frozen=True)
class Rendered:
    files: dict[str, str | Kept]  # output file -> HTML, or KEPT
    records: dict[str, PageRecord]  # output file -> what the page was made from
    rendered: int


class _SiteReader:
    """Stands for `site` in templates and notes which of its attributes they read."""

    def __init__(self, site: Site) -> None:
        self._site = site
        self.read: set[str] = set()

    def __getattr__(self, name: str) -> Any:
        self.read.add(name)
        return getattr(self._site, name)


def template_state(root: Path, site: Site) -> str:
    """Every template file of the chain and the versions that render them, as one hash."""
    parts: list[object] = [__version__, library_version("jinja2"), library_version("babel")]
    for folder in template_dirs(root, site.config.theme):
        if folder.is_dir():
            files = sorted(p for p in folder.rglob("*") if p.is_file())
            parts += [(f.relative_to(folder).as_posix(), f.read_bytes()) for f in files]
    return Digester().hexdigest(parts)


def page_keys(
    jobs: Sequence[Job], site: Site, state: str, globals_: Mapping[str, Any], digester: Digester
) -> list[str | None]:
    """One key per job; None for a job whose context has no stable hash (always rendered)."""
    common = digester.hexdigest(state, site.config, sorted(globals_))
    keys: list[str | None] = []
    for job in jobs:
        try:
            keys.append(digester.hexdigest(common, job.template, job.meta, job.context))
        except Unstable:
            keys.append(None)
    return keys


Reads = tuple[list[str], list[str]]  # (attributes of site, sources whose text) a page read


class _Inputs:
    """The current value of what pages read beyond their key, each hashed once per build."""

    def __init__(self, site: Site, digester: Digester) -> None:
        self.site = site
        self.digester = digester
        self._site: dict[str, str] = {}
        everything = (*site.posts, *site.scheduled, *site.drafts, *site.expired)
        self.content = {c.source: c for c in (*everything, *site.pages, *site.communities)}

    def site_digest(self, name: str) -> str:
        """The hash of `site.<name>`; "-" (never equal to a stored hash) when it has none."""
        if name not in self._site:
            try:
                self._site[name] = self.digester.hexdigest(getattr(self.site, name))
            except (Unstable, AttributeError):
                self._site[name] = "-"
        return self._site[name]

    def text_digest(self, source: str) -> str:
        found = self.content.get(source)
        return "-" if found is None else self.digester.text_digest(found)

    def fresh(self, record: PageRecord | None, key: str | None) -> bool:
        if record is None or key is None or record.key != key:
            return False
        return all(d != "-" and self.site_digest(n) == d for n, d in record.reads) and all(
            d != "-" and self.text_digest(source) == d for source, d in record.texts
        )

    def record(self, key: str, reads: Reads) -> PageRecord:
        names, sources = reads
        return PageRecord(
            key,
            tuple((n, self.site_digest(n)) for n in sorted(names)),
            tuple((source, self.text_digest(source)) for source in sorted(sources)),
        )


def render_pages(
    root: Path,
    site: Site,
    jobs: Sequence[Job],
    globals_: Mapping[str, Any],
    previous: Mapping[str, PageRecord],
    workers: int,
    compiled: KeptTemplates | None = None,
    digester: Digester | None = None,
) -> Rendered:
    """Every job's page: kept from the previous output when nothing it shows changed.

    `compiled`: where compiled templates are kept (None: compiled every build).
    `digester`: the build's hasher, holding what it hashed already (the feeds' posts).
    """
    progress = Progress(len(jobs), label="rendering pages")
    try:
        return _render_pages(
            root,
            site,
            jobs,
            globals_,
            previous,
            workers,
            progress.advance,
            compiled,
            digester or Digester(),
        )
    finally:
        progress.finish()


def _render_pages(
    root: Path,
    site: Site,
    jobs: Sequence[Job],
    globals_: Mapping[str, Any],
    previous: Mapping[str, PageRecord],
    workers: int,
    on_done: Callable[[int], None],
    compiled: KeptTemplates | None,
    digester: Digester,
) -> Rendered:
    inputs = _Inputs(site, digester)
    keys: list[str | None] = []

    def hash_inputs() -> None:
        keys[:] = page_keys(jobs, site, template_state(root, site), globals_, digester)
        if not previous:  # every page is rendered, and each records the text it read
            for content in inputs.content.values():
                inputs.digester.text_digest(content)

    files: dict[str, str | Kept] = {}
    todo: list[int] = []
    if previous:  # which pages can be kept is known from the keys
        hash_inputs()
        for index, (job, key) in enumerate(zip(jobs, keys, strict=True)):
            name = output_file(job.meta.url)
            if inputs.fresh(previous.get(name), key):
                files[name] = KEPT
            else:
                todo.append(index)
    else:  # nothing to keep: the keys, needed only for the record, are hashed meanwhile
        todo = list(range(len(jobs)))
    on_done(len(jobs) - len(todo))
    html, reads = render_batch(
        [jobs[i] for i in todo],
        root,
        site,
        globals_,
        workers,
        False,
        on_done,
        compiled,
        meanwhile=None if previous else hash_inputs,
    )
    records = {}
    for index, key in enumerate(keys):
        name = output_file(jobs[index].meta.url)
        if name in html:
            files[name] = html[name]
            records[name] = inputs.record(key, reads[name]) if key is not None else None
        elif key is not None:
            records[name] = previous[name]  # fresh: every value it read is the same
    ordered = {output_file(job.meta.url): files[output_file(job.meta.url)] for job in jobs}
    return Rendered(ordered, {k: v for k, v in records.items() if v is not None}, len(todo))


# The slice renderer the forked workers run; set just before forking.
_TASK: list[Callable[[int], tuple[dict[str, str], dict[str, Reads], list[Diagnostic]]]] = []


def _run(index: int) -> tuple[dict[str, str], dict[str, Reads], list[Diagnostic]]:
    return _TASK[0](index)


def render_batch(
    jobs: Sequence[Job],
    root: Path,
    site: Site,
    globals_: Mapping[str, Any],
    workers: int,
    beside_threads: bool = False,
    on_done: Callable[[int], None] = lambda count: None,
    compiled: KeptTemplates | None = None,
    meanwhile: Callable[[], None] | None = None,
) -> tuple[dict[str, str], dict[str, Reads]]:
    """Output file -> HTML and -> what of `site` and whose text it read, for every job.

    `beside_threads`: fork even though this process runs threads (`ssg serve`:
    the workers only render and return text, and hold none of those threads' locks).
    `compiled`: where compiled templates are kept between builds.
    `meanwhile`: work for this process while the workers render (run once in any case).
    """
    reader = _SiteReader(site)
    env = render.make_environment(root, site, compiled)
    env.auto_reload = False  # no template changes during a build: no `stat` per template use
    env.globals.update(globals_)
    env.globals["site"] = reader
    names = {job.template for job in jobs} | set(env.list_templates(extensions=("html", "xml")))
    for name in sorted(names):  # the ones pages include or extend too, so they are kept
        try:  # compiled once here: forked workers inherit the compiled templates
            env.get_template(name)
        except Exception:  # noqa: BLE001, S112 - render_jobs reports template errors in place
            continue
    slices = [jobs[start : start + SLICE] for start in range(0, len(jobs), SLICE)]

    def one(number: int) -> tuple[dict[str, str], dict[str, Reads], list[Diagnostic]]:
        reads: dict[str, Reads] = {}

        def tracked() -> Iterator[Job]:
            for job in slices[number]:
                reader.read, env.text_reads = set(), set()
                yield job
                reads[output_file(job.meta.url)] = (sorted(reader.read), sorted(env.text_reads))

        try:
            html = render.render_jobs(root, site, tracked(), env=env)
        except SsgError as exc:
            return {}, {}, list(exc.diagnostics)
        return {output_file(url): text for url, text in html.items()}, reads, []

    html: dict[str, str] = {}
    reads: dict[str, Reads] = {}
    diags: list[Diagnostic] = []
    for part_html, part_reads, problems in _map(
        one, len(slices), workers, len(jobs), beside_threads, meanwhile or (lambda: None)
    ):
        html.update(part_html)
        reads.update(part_reads)
        diags.extend(d for d in problems if d not in diags)
        on_done(len(part_html))
    if diags:
        raise SsgError(diags)
    return html, reads


def _map(
    func: Callable[[int], Any],
    count: int,
    workers: int,
    pages: int,
    beside_threads: bool = False,
    meanwhile: Callable[[], None] = lambda: None,
) -> Iterator[Any]:
    """`func(i)` for each i in order: forked workers for a large batch, else in this process.

    `meanwhile()` runs here once the workers have their tasks (first, without workers).
    """
    forkable = "fork" in multiprocessing.get_all_start_methods()
    forkable = forkable and (beside_threads or threading.active_count() == 1)
    if workers <= 1 or pages < MIN_PARALLEL or count < 2 or not forkable:
        meanwhile()
        yield from map(func, range(count))
        return
    _TASK[:] = [func]
    try:
        with multiprocessing.get_context("fork").Pool(min(workers, count)) as pool:
            results = pool.imap(_run, range(count))
            meanwhile()
            yield from results
    finally:
        _TASK.clear()
