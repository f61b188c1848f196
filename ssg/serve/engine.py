"""The site `ssg serve` holds in memory, rebuilt in place after every change.

The steps are those of `ssg.build.build()`, from the same component functions,
with three memories in between: parsed files (`sources`), rendered Markdown and
rendered pages (`pages`). Re-planning the whole site is cheap (pure data), so
every rebuild plans everything and renders only what changed. Nothing is
written to disk, and a failed rebuild raises every error of the run together,
leaving the previous `Snapshot` for the server to keep serving.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Mapping, Set
from dataclasses import dataclass, field, replace
from pathlib import Path
from zoneinfo import ZoneInfo

from ssg.build import assemble_site, check_nav, check_site_links, check_urls, link_tables
from ssg.cadence import page as cadence_page
from ssg.communities import activity, directory, exports
from ssg.communities.load import load_communities
from ssg.config import themes, theming
from ssg.config.load import load_config
from ssg.content import sitevalues
from ssg.content.load import check_tags, collect_tags, parse_page, parse_post, source_files
from ssg.core.clock import resolve_today
from ssg.core.diagnostics import SsgError, raise_if_errors
from ssg.core.model import Config, Page, Post, Site
from ssg.core.urls import output_file
from ssg.output import plan, sitemap
from ssg.serve.generated import GeneratedFiles
from ssg.serve.pages import MarkdownCache, PageCache
from ssg.serve.sources import ContentFolder, StaticFiles, tree_signature


@dataclass(frozen=True)
class Report:
    """What one rebuild did, for the terminal and the benchmark."""

    seconds: float
    files_parsed: int
    markdown_rendered: int
    pages_rendered: int
    pages: int

    def text(self) -> str:
        return (
            f"rebuilt in {self.seconds * 1000:.0f} ms ({self.files_parsed} files read, "
            f"{self.markdown_rendered} documents and {self.pages_rendered} of "
            f"{self.pages} pages rendered)"
        )


@dataclass(frozen=True)
class Snapshot:
    """One complete built site: output file -> bytes, and what the server marks on pages."""

    files: Mapping[str, bytes]
    base_path: str = "/"
    badges: Mapping[str, str] = field(default_factory=dict)  # output file -> badge text
    site: Site | None = None  # as the lint sees it (scheduled posts kept apart)
    report: Report | None = None


def draft_badges(site: Site, tz: ZoneInfo) -> dict[str, str]:
    """Badges for posts a public build would leave out: drafts and scheduled posts."""
    badges = {
        output_file(p.url): f"Scheduled for {p.date.astimezone(tz).date()}: not public yet"
        for p in site.scheduled
    }
    badges.update({output_file(p.url): "Draft: not published" for p in site.drafts})
    return badges


def with_scheduled(site: Site) -> Site:
    """`--drafts` in the server: scheduled posts are shown as well, newest first."""
    posts = sorted((*site.posts, *site.scheduled), key=lambda p: (p.date, p.source), reverse=True)
    return replace(site, posts=tuple(posts), tags=collect_tags(posts), scheduled=())


class LiveBuild:
    """Rebuilds one hub in memory; `rebuild()` returns a Snapshot or raises SsgError."""

    def __init__(self, root: Path, drafts: bool = False, today: dt.date | None = None):
        self.root = root.resolve()
        self.drafts = drafts
        self.today_option = today
        self._config: Config | None = None
        self._templates: object = None
        self._reset()

    def _reset(self) -> None:
        self._posts: ContentFolder[Post] | None = None
        self._pages: ContentFolder[Page] | None = None
        self._static = StaticFiles()
        self._markdown = MarkdownCache()
        self._rendered = PageCache()
        self._generated = GeneratedFiles()

    def watched(self) -> list[Path]:
        """Folders whose changes matter: content, templates, static files, the theme chain."""
        try:
            theme = (self._config or load_config(self.root)).theme
        except SsgError:  # a broken site.yaml: watch the default theme until it is fixed
            theme = "default"
        folders = [self.root / name for name in ("content", "templates", "static")]
        return folders + themes.theme_chain(self.root, theme)

    def rebuild(self, touched: Set[str] = frozenset()) -> Snapshot:
        """Everything changed since the last call (`touched`: paths the watcher saw change)."""
        start = time.perf_counter()
        root = self.root
        config = load_config(root)
        if config != self._config:
            self._config = config
            self._reset()
        tz = ZoneInfo(config.timezone)
        today = resolve_today(self.today_option, tz)
        self._check_templates(config, touched)
        site, diags, on_disk = self._load(config, tz, today, touched)
        site, cache_diags = activity.with_activity(site, root, None)  # never the network
        diags += cache_diags
        lint_site = site
        if self.drafts:
            site = with_scheduled(site)
        links, unpublished = link_tables(site, tz, on_disk)
        site, md_diags = self._markdown.render_site(site, links, unpublished)
        parts = [directory.plan_pages, cadence_page.cadence_page]
        jobs = plan.plan(site, tz, directory.home_context(site), parts=parts)
        files: dict[str, bytes | str] = {
            **self._generated.feed_files(site),
            **activity.feed_files(site),
            "sitemap.xml": self._generated.sitemap(site, [job.meta for job in jobs]),
            "robots.txt": sitemap.robots(config),
            "communities.json": exports.communities_json(site.communities, config),
            "communities.opml": exports.communities_opml(site.communities, config),
            **cadence_page.cadence_files(site),
            **theming.theme_files(config),
        }
        chain = reversed(themes.theme_chain(root, config.theme))
        static_dirs = [*((t / "static", "static/") for t in chain), (root / "static", "static/")]
        known = files.keys() | {output_file(job.meta.url) for job in jobs}
        static, static_diags = self._static.load(static_dirs, known, touched)
        nav_diags = check_nav(config, known, static_dirs)
        checks = check_urls(site, jobs) + nav_diags + static_diags
        checks += check_site_links(self._markdown.site_links, known, static_dirs)  # /docs/ ...
        raise_if_errors(diags + md_diags + checks)
        html = self._rendered.render(root, site, jobs)
        out = {
            path: text.encode("utf-8") if isinstance(text, str) else text
            for path, text in files.items()
        }
        out.update(html)
        out.update(static)
        report = Report(
            time.perf_counter() - start,
            sum(f.parsed for f in (self._posts, self._pages) if f),
            self._markdown.rendered,
            self._rendered.rendered,
            len(jobs),
        )
        badges = draft_badges(lint_site, tz) if self.drafts else {}
        return Snapshot(out, config.base_path, badges, lint_site, report)

    def _check_templates(self, config: Config, touched: Set[str]) -> None:
        dirs = themes.template_dirs(self.root, config.theme)
        signature = tree_signature(dirs)
        named = any(path.startswith(str(d) + "/") for d in dirs for path in touched)
        if named or signature != self._templates:
            self._templates = signature
            self._rendered.clear()

    def _load(
        self, config: Config, tz: ZoneInfo, today: dt.date, touched: Set[str]
    ) -> tuple[Site, list, set[str]]:
        if self._posts is None or self._pages is None:
            self._posts = ContentFolder("posts", lambda source: parse_post(source, config, tz))
            values = sitevalues.site_values(config)
            self._pages = ContentFolder("pages", lambda source: parse_page(source, values))
        posts, diags = self._posts.load(self.root, touched)
        pages, page_diags = self._pages.load(self.root, touched)
        communities, community_diags = load_communities(self.root, config.language, today)
        site = assemble_site(config, today, self.drafts, posts, pages, communities)
        communities_on_disk = {shown for _, shown in source_files(self.root, "communities")[0]}
        on_disk = {*self._posts.files, *self._pages.files, *communities_on_disk}
        return site, diags + page_diags + community_diags + check_tags(posts), on_disk
