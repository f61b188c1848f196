"""What a page to render is: a `Job` (template, `PageMeta`, context), as pure data.

It lives in the core because every component that adds pages (the output's
posts and tags, the communities directory, the cadence page) speaks it, and the
renderer turns each `Job` into HTML. Templates receive `site`, `page` (a
`PageMeta`) and the job's own context.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ssg.core.i18n import language
from ssg.core.model import Config, Site

FEED_TYPES = {
    "atom": ("feed.xml", "application/atom+xml", "Atom"),
    "rss": ("rss.xml", "application/rss+xml", "RSS"),
    "json": ("feed.json", "application/feed+json", "JSON Feed"),
}

# The combined feed of what the communities publish (`ssg.communities.activity`).
ACTIVITY_FEEDS = {"atom": "communities/feed.xml", "json": "communities/feed.json"}


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
    own = tuple(
        FeedLink(f"{name} ({FEED_TYPES[f][2]})", FEED_TYPES[f][1], prefix + FEED_TYPES[f][0])
        for f in site.config.feeds.formats
    )
    return own + activity_feed_links(site)


def activity_title(config: Config) -> str:
    """The combined community feed's title, in the site's language."""
    text = language(config.language).gettext("{title}: latest from the communities")
    return text.format(title=config.title)


def activity_feed_links(site: Site) -> tuple[FeedLink, ...]:
    """The combined community feed, when the build has kept items to put in it."""
    if not any(c.items for c in site.communities if c.status == "active"):
        return ()
    name = activity_title(site.config)
    return tuple(
        FeedLink(f"{name} ({FEED_TYPES[kind][2]})", FEED_TYPES[kind][1], url)
        for kind, url in ACTIVITY_FEEDS.items()
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
