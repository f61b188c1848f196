"""Pages rendered only when what they show changed, and then on every core.

Each page job gets a key: a hash of the templates, the versions that render
them, the site's settings and the job itself (its posts with their HTML, its
pagination, its metadata). Templates can also read `site` directly (the
default theme reads `site.today` for the footer's year), so each page records
which attributes of `site` it read, and the next build compares those values
too. A page whose key and reads are unchanged, and whose file in the previous
output is untouched, is kept as it is (`KEPT`): no render, no write.

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
from importlib.metadata import version
from pathlib import Path
from typing import Any

from ssg import __version__
from ssg.config.themes import template_dirs
from ssg.core.diagnostics import Diagnostic, SsgError
from ssg.core.model import Site
from ssg.core.page import Job
from ssg.core.urls import output_file
from ssg.engine.digest import Digester, Unstable
from ssg.engine.progress import Progress
from ssg.output import render
from ssg.output.write import KEPT, Kept

SLICE = 48  # pages per task: large enough that the task overhead is a small share
MIN_PARALLEL = 200  # fewer pages than this render faster in this process


@dataclass(frozen=True)
class PageRecord:
    key: str  # hash of templates, versions, settings and the job
    reads: tuple[tuple[str, str], ...]  # (attribute of site, hash of its value) templates read


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
    parts: list[object] = [__version__, version("jinja2"), version("babel")]
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


def _site_digest(name: str, site: Site, digester: Digester, memo: dict[str, str | None]) -> str:
    """The hash of `site.<name>`; "-" (never equal to a hash) when it has none."""
    if name not in memo:
        try:
            memo[name] = digester.hexdigest(getattr(site, name))
        except (Unstable, AttributeError):
            memo[name] = None
    return memo[name] or "-"


def _fresh(
    record: PageRecord | None,
    key: str | None,
    site: Site,
    digester: Digester,
    memo: dict[str, str | None],
) -> bool:
    if record is None or key is None or record.key != key:
        return False
    return all(
        digest != "-" and _site_digest(name, site, digester, memo) == digest
        for name, digest in record.reads
    )


def render_pages(
    root: Path,
    site: Site,
    jobs: Sequence[Job],
    globals_: Mapping[str, Any],
    previous: Mapping[str, PageRecord],
    workers: int,
) -> Rendered:
    """Every job's page: kept from the previous output when nothing it shows changed."""
    progress = Progress(len(jobs), label="rendering pages")
    try:
        return _render_pages(root, site, jobs, globals_, previous, workers, progress.advance)
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
) -> Rendered:
    digester = Digester()
    keys = page_keys(jobs, site, template_state(root, site), globals_, digester)
    memo: dict[str, str | None] = {}
    files: dict[str, str | Kept] = {}
    todo: list[int] = []
    for index, (job, key) in enumerate(zip(jobs, keys, strict=True)):
        name = output_file(job.meta.url)
        if _fresh(previous.get(name), key, site, digester, memo):
            files[name] = KEPT
        else:
            todo.append(index)
    on_done(len(jobs) - len(todo))
    html, reads = _render([jobs[i] for i in todo], root, site, globals_, workers, on_done)
    records = {}
    for index, key in enumerate(keys):
        name = output_file(jobs[index].meta.url)
        if name in html:
            files[name] = html[name]
            names = reads[name]
        else:
            names = [n for n, _ in previous[name].reads]
        if key is not None:
            reads_now = tuple((n, _site_digest(n, site, digester, memo)) for n in sorted(names))
            records[name] = PageRecord(key, reads_now)
    ordered = {output_file(job.meta.url): files[output_file(job.meta.url)] for job in jobs}
    return Rendered(ordered, records, len(todo))


# The slice renderer the forked workers run; set just before forking.
_TASK: list[Callable[[int], tuple[dict[str, str], dict[str, list[str]], list[Diagnostic]]]] = []


def _run(index: int) -> tuple[dict[str, str], dict[str, list[str]], list[Diagnostic]]:
    return _TASK[0](index)


def _render(
    jobs: Sequence[Job],
    root: Path,
    site: Site,
    globals_: Mapping[str, Any],
    workers: int,
    on_done: Callable[[int], None],
) -> tuple[dict[str, str], dict[str, list[str]]]:
    """Output file -> HTML and -> names of site attributes read, for every job."""
    reader = _SiteReader(site)
    env = render.make_environment(root, site)
    env.globals.update(globals_)
    env.globals["site"] = reader
    for name in sorted({job.template for job in jobs}):
        try:  # compiled once here: forked workers inherit the compiled templates
            env.get_template(name)
        except Exception:  # noqa: BLE001, S112 - render_jobs reports template errors in place
            continue
    slices = [jobs[start : start + SLICE] for start in range(0, len(jobs), SLICE)]

    def one(number: int) -> tuple[dict[str, str], dict[str, list[str]], list[Diagnostic]]:
        reads: dict[str, list[str]] = {}

        def tracked() -> Iterator[Job]:
            for job in slices[number]:
                reader.read = set()
                yield job
                reads[output_file(job.meta.url)] = sorted(reader.read)

        try:
            html = render.render_jobs(root, site, tracked(), env=env)
        except SsgError as exc:
            return {}, {}, list(exc.diagnostics)
        return {output_file(url): text for url, text in html.items()}, reads, []

    html: dict[str, str] = {}
    reads: dict[str, list[str]] = {}
    diags: list[Diagnostic] = []
    for part_html, part_reads, problems in _map(one, len(slices), workers, len(jobs)):
        html.update(part_html)
        reads.update(part_reads)
        diags.extend(d for d in problems if d not in diags)
        on_done(len(part_html))
    if diags:
        raise SsgError(diags)
    return html, reads


def _map(func: Callable[[int], Any], count: int, workers: int, pages: int) -> Iterator[Any]:
    """`func(i)` for each i in order: forked workers for a large batch, else in this process."""
    forkable = "fork" in multiprocessing.get_all_start_methods()
    forkable = forkable and threading.active_count() == 1  # forking beside threads is unsafe
    if workers <= 1 or pages < MIN_PARALLEL or count < 2 or not forkable:
        yield from map(func, range(count))
        return
    _TASK[:] = [func]
    try:
        with multiprocessing.get_context("fork").Pool(min(workers, count)) as pool:
            yield from pool.imap(_run, range(count))
    finally:
        _TASK.clear()
