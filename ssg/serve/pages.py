"""Markdown and page HTML kept between rebuilds: only what a change touches is rendered again.

Markdown: a document is rendered again when it changed (a new object from
`sources`), or when the table of link targets changed and its body links to a
content file (`.md`; no other body can depend on that table).

Pages: a `Job` is rendered again when it differs from last time (frozen
dataclasses compare by value, and unchanged posts are the same objects) in
anything but the text of posts it did not show, when the templates changed, or
when an attribute of `site` that its templates read last time (recorded as they
render) has another value now. So a tag page listing an edited post is kept
unless it showed that post's text; a custom sidebar that lists `site.posts`
re-renders every page that shows it. The Jinja environment, and with it every
compiled template, is kept until the templates change.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator, Mapping, Sequence, Set
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, TypeVar

from ssg.build import tag_url
from ssg.communities import directory
from ssg.content.markup import render_tracked
from ssg.core.diagnostics import Diagnostic, SsgError, error
from ssg.core.model import Site
from ssg.core.page import Job
from ssg.core.urls import output_file
from ssg.engine import pages as engine_pages
from ssg.engine.digest import TEXT_FIELDS
from ssg.engine.parallel import default_jobs
from ssg.output import render

Item = TypeVar("Item")  # Post, Page or Community
SiteLink = tuple[str, int, str]  # (source, line, site path)
_Document = tuple[Any, Any, tuple[Diagnostic, ...], tuple[SiteLink, ...]]  # as read, as rendered


class MarkdownCache:
    """Rendered documents by (kind, source), reused while their inputs are the same."""

    def __init__(self) -> None:
        self._done: dict[tuple[str, str], _Document] = {}
        self._tables: tuple[Mapping[str, str], Mapping[str, str]] | None = None
        self.rendered = 0
        self.site_links: list[SiteLink] = []  # (source, line, site path) of links like /docs/

    def render_site(
        self, site: Site, links: Mapping[str, str], unpublished: Mapping[str, str]
    ) -> tuple[Site, list[Diagnostic]]:
        """The site with HTML in every post, page and community (as `build.render_content`)."""
        tables_changed = self._tables != (links, unpublished)
        self._tables = (links, unpublished)
        self.rendered = 0
        diags: list[Diagnostic] = []
        fresh: dict[tuple[str, str], _Document] = {}
        self.site_links = []

        def each(kind: str, items: Sequence[Item], url: Callable[[Any], str]) -> tuple[Item, ...]:
            out = []
            for item in items:
                key = (kind, item.source)  # type: ignore[attr-defined]
                old = self._done.get(key)
                reuse = old is not None and (old[0] is item or old[0] == item)
                if reuse and tables_changed and ".md" in item.body:  # type: ignore[attr-defined]
                    reuse = False
                if not reuse:
                    source = item.source  # type: ignore[attr-defined]
                    html, problems, _, found = render_tracked(
                        item.body,  # type: ignore[attr-defined]
                        source,
                        item.body_line,  # type: ignore[attr-defined]
                        url(item),
                        links,
                        unpublished,
                        kind != "community",
                    )
                    errors = tuple(error(source, line, message) for line, message in problems)
                    paths = tuple((source, line, path) for path, line in found)
                    old = (item, replace(item, html=html), errors, paths)  # type: ignore[type-var]
                    self.rendered += 1
                assert old is not None
                fresh[key] = old
                diags.extend(old[2])
                self.site_links.extend(old[3])
                out.append(old[1])
            return tuple(out)

        posts = each("post", site.posts, lambda p: p.url)
        by_source = {p.source: p for p in posts}
        site = replace(
            site,
            posts=posts,
            pages=each("page", site.pages, lambda p: p.url),
            communities=each("community", site.communities, lambda c: c.page_url),
            tags=tuple(
                replace(t, posts=tuple(by_source[p.source] for p in t.posts)) for t in site.tags
            ),
        )
        self._done = fresh
        return site, diags


class _SiteReader:
    """Stands for `site` in templates and notes which of its attributes they read."""

    def __init__(self, site: Site) -> None:
        self._site = site
        self.read: set[str] = set()

    def __getattr__(self, name: str) -> Any:
        self.read.add(name)
        return getattr(self._site, name)


@dataclass(frozen=True)
class _Rendered:
    job: Job
    reads: tuple[tuple[str, Any], ...]  # (attribute of site, its value) the templates read
    html: bytes
    texts: frozenset[str] = frozenset()  # sources whose text (`.html`, `.body`) it showed


def same_but_texts(old: Any, new: Any, shown: Set[str]) -> bool:
    """`old == new`, except for the text of content objects whose text was not `shown`."""
    if old is new:
        return True
    if type(old) is not type(new):
        return False
    if isinstance(old, (tuple, list)) and old == new:  # at C speed: unchanged posts are `is`
        return True
    if dataclasses.is_dataclass(old):
        names = [f.name for f in dataclasses.fields(old)]
        if "source" in names and not TEXT_FIELDS.isdisjoint(names):
            if old.source in shown:
                return old == new
            return all(getattr(old, n) == getattr(new, n) for n in names if n not in TEXT_FIELDS)
        return all(same_but_texts(getattr(old, n), getattr(new, n), shown) for n in names)
    if isinstance(old, (tuple, list)):
        return len(old) == len(new) and all(
            same_but_texts(a, b, shown) for a, b in zip(old, new, strict=True)
        )
    if isinstance(old, dict):
        return list(old) == list(new) and all(same_but_texts(old[k], new[k], shown) for k in old)
    return bool(old == new)


class PageCache:
    """Rendered pages by output file."""

    def __init__(self) -> None:
        self._done: dict[str, _Rendered] = {}
        self._env: render.TextTrackingEnvironment | None = None
        self.rendered = 0

    def clear(self) -> None:
        """The templates changed: forget every page and every compiled template."""
        self._done = {}
        self._env = None

    def render(self, root: Path, site: Site, jobs: Sequence[Job]) -> dict[str, bytes]:
        """Output file -> HTML of every job; template errors of the run are raised together."""
        todo = [job for job in jobs if not self._fresh(job, site)]
        self.rendered = len(todo)
        globals_ = directory.template_globals(site) | {"tag_url": tag_url}
        try:
            if len(todo) >= engine_pages.MIN_PARALLEL:  # a template edit: every core
                html, reads, texts = self._in_workers(root, site, todo, globals_)
            else:
                html, reads, texts = self._here(root, site, todo, globals_)
        except SsgError:
            for job in todo:
                self._done.pop(job.meta.url, None)
            raise
        for job in todo:
            names = sorted(reads.get(job.meta.url, ()))
            values = tuple((name, getattr(site, name)) for name in names)
            page = html[job.meta.url].encode("utf-8")
            self._done[job.meta.url] = _Rendered(job, values, page, texts[job.meta.url])
        urls = {job.meta.url for job in jobs}
        self._done = {url: done for url, done in self._done.items() if url in urls}
        return {output_file(job.meta.url): self._done[job.meta.url].html for job in jobs}

    def _here(
        self, root: Path, site: Site, todo: Sequence[Job], globals_: Mapping[str, Any]
    ) -> tuple[dict[str, str], dict[str, set[str]], dict[str, frozenset[str]]]:
        """A few pages, in this process, with the environment kept between rebuilds."""
        reader = _SiteReader(site)
        reads: dict[str, set[str]] = {}
        texts: dict[str, frozenset[str]] = {}
        if self._env is None:
            self._env = render.make_environment(root, site)
        env = self._env

        def tracked() -> Iterator[Job]:  # the renderer takes one job at a time, in order
            for job in todo:
                reader.read, env.text_reads = set(), set()
                yield job
                reads[job.meta.url] = reader.read
                texts[job.meta.url] = frozenset(env.text_reads)

        html = render.render_jobs(
            root, site, tracked(), globals_={**globals_, "site": reader}, env=env
        )
        return html, reads, texts

    def _in_workers(
        self, root: Path, site: Site, todo: Sequence[Job], globals_: Mapping[str, Any]
    ) -> tuple[dict[str, str], dict[str, set[str]], dict[str, frozenset[str]]]:
        """Many pages, on forked workers as `ssg build` renders them (same bytes)."""
        workers = default_jobs()
        files, found = engine_pages.render_batch(todo, root, site, globals_, workers, True)
        by_file = {output_file(job.meta.url): job.meta.url for job in todo}
        html = {by_file[name]: text for name, text in files.items()}
        reads = {by_file[name]: set(names) for name, (names, _) in found.items()}
        texts = {by_file[name]: frozenset(sources) for name, (_, sources) in found.items()}
        return html, reads, texts

    def _fresh(self, job: Job, site: Site) -> bool:
        done = self._done.get(job.meta.url)
        if done is None or (done.job != job and not same_but_texts(done.job, job, done.texts)):
            return False
        return all(getattr(site, name) == value for name, value in done.reads)
