"""The site model: plain frozen dataclasses, no I/O.

Every later stage (render, feeds, cadence, lint) works on these values, so they
can be built in a test without touching the disk. URLs are *site paths*:
relative to the site root, without a leading slash, ending in `/` for a
page that is written as `index.html` (`""` is the home page, `posts/hello/`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

Rendered = TypeVar("Rendered", "Post", "Page", "Community")


def with_html(item: Rendered, html: str) -> Rendered:
    """`item` with the render stage's HTML, its other fields shared as they are.

    Made without `__init__`: the fields were checked when the item was made, and
    `dataclasses.replace` (which runs it again) was a fifth of a one-edit
    build's Markdown stage at 4,000 posts.
    """
    copy = object.__new__(type(item))
    object.__setattr__(copy, "__dict__", {**item.__dict__, "html": html})
    return copy


@dataclass(frozen=True)
class NavItem:
    title: str
    url: str  # a site path ("about/") or an absolute http(s) URL
    line: int = 0


@dataclass(frozen=True)
class FeedConfig:
    formats: tuple[str, ...] = ("atom", "rss", "json")
    limit: int = 20  # newest posts per feed; 0 means all
    per_tag: bool = True


@dataclass(frozen=True)
class CommunitiesConfig:
    show_archived: bool = True  # list archived communities apart, or hide them
    activity_threshold: int = 0  # days without a feed item before the lint flags it; 0: off


@dataclass(frozen=True)
class PrivacyConfig:
    allow_origins: tuple[str, ...] = ()


@dataclass(frozen=True)
class Labels:
    """Words of the default theme a brand may change in site.yaml; "" keeps the theme's."""

    latest_posts: str = ""
    communities_heading: str = ""
    communities_note: str = ""
    communities_activity: str = ""  # "Latest from the communities"
    privacy_note: str = ""


@dataclass(frozen=True)
class FooterOptions:
    privacy_note: bool = True
    built_with: bool = True
    lines: tuple[str, ...] = ()  # the brand's own lines, plain text


@dataclass(frozen=True)
class ThemeOptions:
    """`theme_options:` in site.yaml: branding without editing templates."""

    accent_light: str = ""  # "#rrggbb", checked for WCAG AA contrast; both or neither
    accent_dark: str = ""
    logo: str = ""  # a site path of a file in the hub's static/, e.g. static/logo.svg
    labels: Labels = field(default_factory=Labels)
    footer: FooterOptions = field(default_factory=FooterOptions)
    logo_line: int = 0  # where site.yaml names the logo, for a located "no such file"


@dataclass(frozen=True)
class Config:
    """`site.yaml`, typed. `lines` maps each top-level key to its line, for messages."""

    title: str
    base_url: str  # absolute, always ending in "/"
    description: str = ""
    language: str = "en"
    timezone: str = "UTC"
    theme: str = "default"
    brand: str = ""
    nav: tuple[NavItem, ...] = ()
    posts_per_page: int = 10
    permalink: str = "/posts/{slug}/"
    feeds: FeedConfig = field(default_factory=FeedConfig)
    communities: CommunitiesConfig = field(default_factory=CommunitiesConfig)
    privacy: PrivacyConfig = field(default_factory=PrivacyConfig)
    cadence: Any = None  # ssg.cadence.rules.CadenceRules
    extra: Mapping[str, Any] = field(default_factory=dict)
    theme_options: ThemeOptions = field(default_factory=ThemeOptions)
    extra_css: tuple[str, ...] = ()  # site paths of hub files, linked after the theme's CSS
    path: str = "site.yaml"
    lines: Mapping[str, int] = field(default_factory=dict)

    def line_of(self, key: str) -> int:
        return self.lines.get(key, 0)

    @property
    def base_path(self) -> str:
        """The sub-path the site is deployed under, e.g. "/hub/" (or "/")."""
        rest = self.base_url.split("://", 1)[1]
        return "/" + rest.split("/", 1)[1] if "/" in rest else "/"


@dataclass(frozen=True)
class Post:
    source: str  # path relative to the hub root, e.g. content/posts/2026-11-01-hello.md
    title: str
    date: dt.datetime  # timezone-aware
    summary: str
    slug: str
    url: str
    body: str = field(repr=False)  # text: left out of repr, so only `.body` reads it
    body_line: int = 1
    tags: tuple[str, ...] = ()
    author: str = ""
    updated: dt.datetime | None = None
    draft: bool = False
    expires: dt.datetime | None = None
    lines: Mapping[str, int] = field(default_factory=dict)
    html: str = field(default="", repr=False)  # filled in by the render stage
    summary_html: str = ""  # `summary` is its plain text (content/summary.py)

    def line_of(self, key: str) -> int:
        return self.lines.get(key, 1)


@dataclass(frozen=True)
class Page:
    source: str
    title: str
    slug: str
    url: str
    body: str = field(repr=False)  # text: left out of repr, so only `.body` reads it
    summary: str = ""
    body_line: int = 1
    lines: Mapping[str, int] = field(default_factory=dict)
    html: str = field(default="", repr=False)
    summary_html: str = ""

    def line_of(self, key: str) -> int:
        return self.lines.get(key, 1)


@dataclass(frozen=True)
class FeedItem:
    """One item of a community's own feed, as `ssg fetch-feeds` kept it: text and a link only."""

    title: str
    link: str  # an http(s) URL on the community's side
    date: dt.datetime | None = None  # timezone-aware, when the feed gave one
    author: str = ""


@dataclass(frozen=True)
class Community:
    """A curated link to a community the brand points to (and usually does not run)."""

    source: str
    slug: str
    name: str
    url: str
    platform: str
    summary: str
    run_by: str  # fans | brand | partner
    reviewed: dt.date
    page_url: str  # the hub's own page about it, e.g. communities/tinkerers-forum/
    body: str = field(default="", repr=False)
    body_line: int = 1
    segments: tuple[str, ...] = ()
    language: str = "en"
    region: str = ""
    feed: str = ""
    status: str = "active"  # active | archived
    lines: Mapping[str, int] = field(default_factory=dict)
    html: str = field(default="", repr=False)
    items: tuple[FeedItem, ...] = ()  # newest first, from the feed cache (never the network)
    seen_working: Mapping[str, dt.date] = field(default_factory=dict)  # url/feed → last good check
    summary_html: str = ""

    def line_of(self, key: str) -> int:
        return self.lines.get(key, 1)


@dataclass(frozen=True)
class Tag:
    name: str
    slug: str
    posts: tuple[Post, ...]

    @property
    def url(self) -> str:
        return f"tags/{self.slug}/"


@dataclass(frozen=True)
class Site:
    """Everything the render stage needs, read and validated, in a stable order."""

    config: Config
    today: dt.date  # the build date, in the site timezone
    posts: tuple[Post, ...]  # published, newest first
    pages: tuple[Page, ...] = ()
    communities: tuple[Community, ...] = ()
    tags: tuple[Tag, ...] = ()
    scheduled: tuple[Post, ...] = ()  # dated after `today`, left out of the output
    drafts: tuple[Post, ...] = ()  # left out unless --drafts
    expired: tuple[Post, ...] = ()  # past their `expires` day: left out, but they were published
    build_time: dt.datetime | None = None  # only from SOURCE_DATE_EPOCH

    @property
    def year(self) -> int:
        """The build's year, for a footer: a page that shows only this stays the same all year."""
        return self.today.year
