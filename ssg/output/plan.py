"""Stage 4a: plan every HTML page of the site as (template, URL, context).

The plan is pure data computed from the `Site`: the renderer turns each `Job`
into HTML, and tests can inspect the plan without Jinja or disk. Templates
receive `site`, `page` (a `PageMeta`) and the job's own context.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ssg.model import Post, Site

FEED_TYPES = {
    "atom": ("feed.xml", "application/atom+xml", "Atom"),
    "rss": ("rss.xml", "application/rss+xml", "RSS"),
    "json": ("feed.json", "application/feed+json", "JSON Feed"),
}


@dataclass(frozen=True)
class FeedLink:
    title: str
    mime: str
    url: str  # site path


@dataclass(frozen=True)
class Pagination:
    number: int  # 1-based
    total: int
    urls: tuple[str, ...]  # site path of every page, in order

    @property
    def prev_url(self) -> str | None:
        return self.urls[self.number - 2] if self.number > 1 else None

    @property
    def next_url(self) -> str | None:
        return self.urls[self.number] if self.number < self.total else None


@dataclass(frozen=True)
class PageMeta:
    """What every template knows about the page it renders."""

    kind: str  # home, post, page, tag, tags, archive, communities, community, cadence, 404...
    url: str
    title: str
    description: str
    og_type: str = "website"
    feeds: tuple[FeedLink, ...] = ()
    published: dt.datetime | None = None
    modified: dt.datetime | None = None
    in_sitemap: bool = True


@dataclass(frozen=True)
class Job:
    template: str
    meta: PageMeta
    context: Mapping[str, Any] = field(default_factory=dict)


def feed_links(site: Site, prefix: str = "", label: str = "") -> tuple[FeedLink, ...]:
    """Autodiscovery links for the feeds under `prefix` (the site root or a tag folder)."""
    name = site.config.title + (f": {label}" if label else "")
    return tuple(
        FeedLink(f"{name} ({FEED_TYPES[f][2]})", FEED_TYPES[f][1], prefix + FEED_TYPES[f][0])
        for f in site.config.feeds.formats
    )


def paginate(
    items: Sequence[Any], per_page: int, first_url: str
) -> list[tuple[Sequence[Any], Pagination]]:
    """Split a list into pages: `first_url`, then `first_url + "page/2/"` and so on."""
    chunks = [items[i : i + per_page] for i in range(0, len(items), per_page)] or [items[:0]]
    urls = tuple(
        first_url if n == 1 else f"{first_url}page/{n}/" for n in range(1, len(chunks) + 1)
    )
    return [(chunk, Pagination(n, len(chunks), urls)) for n, chunk in enumerate(chunks, start=1)]


def _home(site: Site, extra: Mapping[str, Any]) -> Iterator[Job]:
    cfg, feeds = site.config, feed_links(site)
    for posts, pager in paginate(site.posts, cfg.posts_per_page, ""):
        title = cfg.title if pager.number == 1 else f"{cfg.title}, page {pager.number}"
        meta = PageMeta("home", pager.urls[pager.number - 1], title, cfg.description, feeds=feeds)
        yield Job("index.html", meta, {"posts": posts, "pagination": pager, **extra})


def _posts(site: Site) -> Iterator[Job]:
    chronological = list(reversed(site.posts))
    feeds = feed_links(site)
    for index, post in enumerate(chronological):
        older = chronological[index - 1] if index > 0 else None
        newer = chronological[index + 1] if index + 1 < len(chronological) else None
        meta = PageMeta(
            "post",
            post.url,
            post.title,
            post.summary,
            "article",
            feeds,
            published=post.date,
            modified=post.updated or post.date,
        )
        yield Job("post.html", meta, {"post": post, "prev_post": older, "next_post": newer})


def _tags(site: Site) -> Iterator[Job]:
    cfg = site.config
    counts = sorted(site.tags, key=lambda t: (-len(t.posts), t.slug))
    yield Job(
        "tags.html",
        PageMeta("tags", "tags/", "Tags", f"Every topic on {cfg.title}.", feeds=feed_links(site)),
        {"tags": site.tags, "tags_by_count": counts},
    )
    for tag in site.tags:
        prefix = tag.url if cfg.feeds.per_tag else ""
        feeds = feed_links(site, prefix, tag.name) if cfg.feeds.per_tag else feed_links(site)
        for posts, pager in paginate(tag.posts, cfg.posts_per_page, tag.url):
            title = f"Posts tagged {tag.name}" + (
                f", page {pager.number}" if pager.number > 1 else ""
            )
            meta = PageMeta(
                "tag",
                pager.urls[pager.number - 1],
                title,
                f"{len(tag.posts)} posts about {tag.name} on {cfg.title}.",
                feeds=feeds,
            )
            yield Job("tag.html", meta, {"tag": tag, "posts": posts, "pagination": pager})


def years_of(posts: Sequence[Post], tz: Any) -> list[tuple[int, list[Post]]]:
    years: dict[int, list[Post]] = {}
    for post in posts:
        years.setdefault(post.date.astimezone(tz).year, []).append(post)
    return sorted(years.items(), reverse=True)


def _archive(site: Site, tz: Any) -> Iterator[Job]:
    years = years_of(site.posts, tz)
    desc = f"Every post on {site.config.title}, by year."
    yield Job(
        "archive.html",
        PageMeta("archive", "archive/", "Archive", desc, feeds=feed_links(site)),
        {"years": years, "year": None},
    )
    for year, posts in years:
        meta = PageMeta(
            "archive",
            f"archive/{year}/",
            f"Posts from {year}",
            f"Every post from {year}.",
            feeds=feed_links(site),
        )
        yield Job("archive.html", meta, {"years": [(year, posts)], "year": year})


def _pages(site: Site) -> Iterator[Job]:
    for page in site.pages:
        desc = page.summary or site.config.description
        yield Job(
            "page.html",
            PageMeta("page", page.url, page.title, desc, feeds=feed_links(site)),
            {"doc": page},
        )


def not_found(site: Site) -> Job:
    meta = PageMeta(
        "404",
        "404.html",
        "Page not found",
        "This page does not exist.",
        feeds=feed_links(site),
        in_sitemap=False,
    )
    return Job("404.html", meta, {"posts": site.posts[:5]})


PlanPart = Callable[[Site], Iterator[Job]]


def plan(
    site: Site, tz: Any, home_extra: Mapping[str, Any], parts: Sequence[PlanPart] = ()
) -> list[Job]:
    """Every HTML page of the site; `parts` add sections such as the communities directory."""
    jobs = [
        *_home(site, home_extra),
        *_posts(site),
        *_tags(site),
        *_archive(site, tz),
        *_pages(site),
    ]
    for part in parts:
        jobs.extend(part(site))
    jobs.append(not_found(site))
    return jobs
