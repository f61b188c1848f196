"""The whole pipeline in one readable function: config → load → validate → render → write.

Everything is read and checked before anything is written, and every content
error of the run is reported together. The lint (cadence, privacy) runs after
the site is written, so people can look at the site a failing lint is about.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Mapping, Set
from dataclasses import dataclass, replace
from pathlib import Path
from zoneinfo import ZoneInfo

from ssg.cadence import page as cadence_page
from ssg.communities import activity, directory, exports
from ssg.communities import load as communities_mod
from ssg.config import themes, theming
from ssg.config.load import load_config
from ssg.content import load as content
from ssg.content.parsed import ParsedPosts
from ssg.core import page as pages
from ssg.core.clock import build_time, resolve_today
from ssg.core.diagnostics import Diagnostic, error, raise_if_errors
from ssg.core.model import Community, Config, Page, Post, Site, with_html
from ssg.core.paths import outside_links
from ssg.core.urls import output_file, slugify
from ssg.engine import feeds as kept_feeds
from ssg.engine import state
from ssg.engine.cache import Item, MarkdownCache, text_key
from ssg.engine.digest import Digester, code_stamp
from ssg.engine.inputs import fingerprint
from ssg.engine.pages import render_pages
from ssg.engine.parallel import default_jobs, render_items
from ssg.engine.progress import Progress, Stats
from ssg.engine.replay import Replayed, replayed, summary
from ssg.lint import run as lint
from ssg.output import plan, sitemap
from ssg.output.render import KeptTemplates
from ssg.output.write import Kept, output_turn, write_site


@dataclass(frozen=True)
class BuildOptions:
    root: Path
    out: Path | None = None  # default: <root>/public
    drafts: bool = False
    today: dt.date | None = None
    cache: Path | None = None  # default: <root>/.ssg-cache (feed items, link checks; read only)
    jobs: int | None = None  # processes rendering Markdown; default: every core
    use_cache: bool = True  # keep rendered Markdown in <root>/.ssg-cache between builds


@dataclass(frozen=True)
class BuildResult:
    site: Site | None  # None when nothing changed since the last build (`unchanged`)
    out: Path
    files: int
    lint: lint.LintReport | Replayed
    stats: Stats = Stats()
    unchanged: bool = False  # nothing was read, rendered or written: the last build stands


def load_site(
    root: Path, config: Config, today: dt.date, drafts: bool, parsed: ParsedPosts | None = None
) -> tuple[Site, list[Diagnostic]]:
    """Read and validate every content file; the site holds what is valid, diags the rest."""
    all_posts, diags = content.load_posts(root, config, parsed)
    page_list, page_diags = content.load_pages(root, config)
    community_list, community_diags = communities_mod.load_communities(root, config.language, today)
    site = assemble_site(config, today, drafts, all_posts, page_list, community_list)
    return site, diags + page_diags + community_diags + content.check_tags(all_posts)


def assemble_site(
    config: Config,
    today: dt.date,
    drafts: bool,
    all_posts: list[Post],
    page_list: list[Page],
    community_list: list[Community],
) -> Site:
    """The `Site` of valid content files as a build on `today` publishes it (`ssg serve` too)."""
    chosen = content.select_posts(all_posts, today, ZoneInfo(config.timezone), drafts)
    if not config.communities.show_archived:  # hidden means not published at all
        community_list = [c for c in community_list if c.status != "archived"]
    return Site(
        config=config,
        today=today,
        posts=tuple(chosen.published),
        pages=tuple(page_list),
        communities=tuple(community_list),
        tags=content.collect_tags(chosen.published),
        scheduled=tuple(chosen.scheduled),
        drafts=tuple(chosen.drafts),
        expired=tuple(chosen.expired),
        build_time=build_time(),
    )


def content_files(root: Path) -> set[str]:
    folders = ("posts", "pages", "communities")
    return {shown for folder in folders for _, shown in content.source_files(root, folder)[0]}


def link_tables(
    site: Site, tz: ZoneInfo, on_disk: set[str]
) -> tuple[dict[str, str], dict[str, str]]:
    """Content file -> site path, and content file -> why it is not published (for messages)."""
    links = {p.source: p.url for p in (*site.posts, *site.pages)}
    links.update({c.source: c.page_url for c in site.communities})
    unpublished = {
        p.source: f"scheduled for {p.date.astimezone(tz).date()}" for p in site.scheduled
    }
    unpublished.update({p.source: "a draft" for p in site.drafts if p.source not in links})
    unpublished.update(
        {
            p.source: f"expired on {p.expires.astimezone(tz).date()}"
            for p in site.expired
            if p.expires
        }
    )
    for source in on_disk - links.keys() - unpublished.keys():
        unpublished[source] = ""  # its own errors are reported; a link to it is no second error
    return links, unpublished


SiteLink = tuple[str, int, str]  # (source, line, site path) of a link such as /docs/


TextKey = tuple[object, bytes]  # a content object and what fixes its text (`text_key`)


def render_content(
    site: Site, on_disk: set[str], cache: MarkdownCache, jobs: int
) -> tuple[Site, list[Diagnostic], Stats, list[SiteLink], list[TextKey]]:
    """Markdown for every post, page and community; broken content links are errors.

    Site-absolute links come back to be checked once the whole output is planned,
    and each object's text key, so pages can be compared without hashing the texts.
    """
    tz = ZoneInfo(site.config.timezone)
    links, unpublished = link_tables(site, tz, on_disk)
    items = [Item(p.body, p.source, p.body_line, p.url) for p in (*site.posts, *site.pages)]
    items += [Item(c.body, c.source, c.body_line, c.page_url, False) for c in site.communities]
    progress = Progress(len(items))
    done, cached = render_items(items, links, unpublished, cache, jobs, progress.advance)
    progress.finish()
    diags = [
        error(i.source, line, msg)
        for i, r in zip(items, done, strict=True)
        for line, msg in r.problems
    ]
    html = iter(r.html for r in done)
    posts = tuple(with_html(p, next(html)) for p in site.posts)
    by_source = {p.source: p for p in posts}
    site = replace(
        site,
        posts=posts,
        pages=tuple(with_html(p, next(html)) for p in site.pages),
        communities=tuple(with_html(c, next(html)) for c in site.communities),
        tags=tuple(
            replace(t, posts=tuple(by_source[p.source] for p in t.posts)) for t in site.tags
        ),
    )
    stats = Stats(len(items) - cached, cached, time.monotonic() - progress.started, cache.warning)
    site_links = [
        (i.source, line, path)
        for i, r in zip(items, done, strict=True)
        for path, line in r.site_links
    ]
    shown = (*site.posts, *site.pages, *site.communities)  # in the order of `items`
    texts = [(obj, text_key(r)) for obj, r in zip(shown, done, strict=True)]
    return site, diags, stats, site_links, texts


def check_urls(site: Site, jobs: list[pages.Job]) -> list[Diagnostic]:
    """Two sources claiming one URL, one a content file and the other content or generated."""
    owners = {
        job.meta.url: f"the generated {job.meta.kind} page"
        for job in reversed(jobs)
        if job.meta.kind not in ("post", "page", "community")
    }
    claims = [(p.url, p.source, p.lines.get("slug")) for p in (*site.posts, *site.pages)]
    claims += [(c.page_url, c.source, 1) for c in site.communities]
    diags = []
    for url, source, line in claims:
        if url in owners:
            how = "" if line else "; this file's slug comes from its name"
            message = (
                f"/{url} is already claimed by {owners[url]}{how}; "
                "give one of them another slug with `slug:`"
            )
            diags.append(error(source, line or 1, message))
        owners.setdefault(url, source)
    return diags


def _in_output(target: str, files: Set[str], static: list[tuple[Path, str]]) -> bool:
    """True when the site path `target` (no leading /) is a page or file of the output."""
    if output_file(target) in files or output_file(target + "/") in files:
        return True
    if ".." in target.split("/") or "\0" in target:
        return False
    return any(
        (folder / target.removeprefix(prefix)).is_file()
        for folder, prefix in static
        if target.startswith(prefix)
    )


def check_nav(config: Config, files: Set[str], static: list[tuple[Path, str]]) -> list[Diagnostic]:
    """Internal nav links must point at a page or file of the output."""
    diags = []
    for item in config.nav:
        target = item.url.partition("#")[0].partition("?")[0]
        if "://" in item.url or _in_output(target, files, static):
            continue
        message = f"nav link /{item.url} points to no page or file of this site"
        diags.append(error(config.path, item.line, message, "config"))
    return diags


def check_site_links(
    links: list[SiteLink], files: Set[str], static: list[tuple[Path, str]]
) -> list[Diagnostic]:
    """Site-absolute links in content (`/docs/`, `<img src="/img/x.png">`) must resolve."""
    return [
        error(
            source,
            line,
            f"link to /{target}, which is no page or file of this site; "
            "expected the path of a page, a feed or a file under static/",
        )
        for source, line, target in links
        if not _in_output(target, files, static)
    ]


def generated_files(
    site: Site, jobs: list[pages.Job], feed_files: Mapping[str, str | Kept]
) -> dict[str, str | bytes | Kept]:
    """Every output file that is not a page: feeds, sitemap, exports, the theme's CSS."""
    config = site.config
    return {
        **feed_files,
        **activity.feed_files(site),
        "sitemap.xml": sitemap.sitemap(config, [job.meta for job in jobs]),
        "robots.txt": sitemap.robots(config),
        "communities.json": exports.communities_json(site.communities, config),
        "communities.opml": exports.communities_opml(site.communities, config),
        **cadence_page.cadence_files(site),
        **theming.theme_files(config),
    }


def static_folders(root: Path, config: Config) -> list[tuple[Path, str]]:
    """The theme chain's static folders, then the hub's own: later ones override."""
    chain = reversed(themes.theme_chain(root, config.theme))
    return [*((t / "static", "static/") for t in chain), (root / "static", "static/")]


def check_output(
    root: Path,
    site: Site,
    jobs: list[pages.Job],
    files: Set[str],
    static: list[tuple[Path, str]],
    site_links: list[SiteLink],
) -> list[Diagnostic]:
    """What only the whole planned output can tell: nav and site links, URL clashes."""
    known = files | {output_file(job.meta.url) for job in jobs}
    checks = check_nav(site.config, known, static) + check_site_links(site_links, known, static)
    checks += outside_links(root, ("static", "templates", "themes"))  # nothing read from outside
    return checks + check_urls(site, jobs)


def unchanged(record: state.OutputRecord, inputs: str, out: Path, kept: Path) -> Replayed | None:
    """The last build's lint when nothing it read changed and its output and caches are intact."""
    last = replayed(record) if record.inputs == inputs else None
    if last is not None and record.intact(out) and record.caches_intact(kept):
        return last
    return None


def build(options: BuildOptions) -> BuildResult:
    root = options.root.resolve()
    out = (options.out or root / "public").resolve()
    config = load_config(root)
    tz = ZoneInfo(config.timezone)
    today = resolve_today(options.today, tz)
    kept = root / ".ssg-cache" if options.use_cache else None  # rendered work between builds
    with output_turn(out):  # builds into one folder take turns, from reading it to writing it
        record = state.open_record(kept)
        feeds_cache = options.cache or root / ".ssg-cache"
        inputs = fingerprint(root, config.theme, out, today, options.drafts, feeds_cache)
        if kept and (last := unchanged(record, inputs, out, kept)) is not None:
            return BuildResult(None, out, last.counts.get("files", 0), last, unchanged=True)
        parsed = ParsedPosts.open(kept, config)
        site, diags = load_site(root, config, today, options.drafts, parsed)
        site, cache_diags = activity.with_activity(site, root, options.cache)  # never the network
        cache = MarkdownCache.open(kept)
        workers = options.jobs or default_jobs()
        on_disk = content_files(root)
        site, link_diags, stats, links, texts = render_content(site, on_disk, cache, workers)
        parts = [directory.plan_pages, cadence_page.cadence_page]
        jobs = plan.plan(site, tz, directory.home_context(site), parts=parts)
        previous = record.kept_pages(out)  # pages and feeds whose files are as last written
        digester = Digester(parsed.known_digests(site.posts, code_stamp()), texts)
        feed_files, feed_records = kept_feeds.feed_files(site, previous, digester)
        files = generated_files(site, jobs, feed_files)
        static = static_folders(root, config)
        checks = check_output(root, site, jobs, files.keys(), static, links)
        raise_if_errors(diags + cache_diags + link_diags + checks)

        globals_ = directory.template_globals(site) | {"tag_url": tag_url}
        compiled = KeptTemplates(kept) if kept else None
        pages = render_pages(root, site, jobs, globals_, previous, workers, compiled, digester)
        files.update(pages.files)
        listed = record.files if record.intact(out) else None  # known exactly: may patch it
        written = write_site(root, out, files, static, listed)
        cache.save()  # after the write: a build refused for its output leaves the hub as it was
        parsed.keep_digests(digester.known(site.posts), code_stamp())
        parsed.save()
        if compiled:
            compiled.save()

        report = lint.run_lint(root, config, today, site=site)
        others = tuple(w for w in (record.warning, parsed.warning) if w)
        kept_count = len(jobs) - pages.rendered
        stats = replace(stats, pages_rendered=pages.rendered, pages_kept=kept_count, others=others)
        if kept:  # for the next build: what was written, from what, and what it printed
            listing = state.rescan(out, record.files, written.touched, whole=written.swapped)
            shown = summary(site, report, stats, len(files))
            caches = state.cache_stats(kept)
            records = {**pages.records, **feed_records}
            state.OutputRecord(str(out), inputs, listing, records, shown, caches).save(kept)
    return BuildResult(site, out, len(files), report, stats)


def tag_url(name: str) -> str:
    return f"tags/{slugify(name)}/"
