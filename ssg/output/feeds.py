"""Stage 4c: Atom 1.0, RSS 2.0 and JSON Feed 1.1, for all posts and for each tag.

Feeds carry full content with absolute URLs, so a reader can follow the hub
from any feed reader without visiting it. No build time goes into a feed: the
`updated` stamps come from the posts themselves, so the same input gives the
same bytes.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from email.utils import format_datetime
from urllib.parse import urljoin

from ssg.core.i18n import language
from ssg.core.model import Post, Site
from ssg.core.page import FEED_TYPES
from ssg.core.urls import absolute_url

ATOM_NS = "http://www.w3.org/2005/Atom"
JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"
_URL_ATTR = re.compile(r"""(<[A-Za-z][^<>]*?\s(?:href|src))=(["'])(.*?)\2""")  # in tags only
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")  # illegal in XML 1.0


@functools.lru_cache(maxsize=512)
def absolutize(html: str, page_url: str) -> str:
    """Make every href/src absolute against the page the HTML was rendered for.

    Kept for the build: a post is in three formats of the main feed and of each of its tags.
    """

    def join(m: re.Match[str]) -> str:
        try:
            url = urljoin(page_url, m[3])
        except ValueError:  # a malformed URL in raw HTML: leave it as written
            url = m[3]
        return f"{m[1]}={m[2]}{url}{m[2]}"

    return _URL_ATTR.sub(join, html)


class FeedSpec:
    """One feed family (all posts, or one tag): what to put in it and where it lives."""

    def __init__(self, site: Site, posts: Sequence[Post], prefix: str = "", label: str = ""):
        cfg = site.config
        limit = cfg.feeds.limit
        self.site = site
        self.posts = list(posts[:limit] if limit else posts)
        self.prefix = prefix
        self.title = cfg.title + (f": {label}" if label else "")
        tagged = language(cfg.language).gettext("Posts tagged {tag} on {title}.")
        self.description = (
            tagged.format(tag=label, title=cfg.title) if label else cfg.description
        ) or cfg.title
        self.home = absolute_url(cfg.base_url, prefix)

    def url(self, kind: str) -> str:
        return absolute_url(self.site.config.base_url, self.prefix + FEED_TYPES[kind][0])

    def updated(self) -> dt.datetime:
        if self.posts:
            return max(p.updated or p.date for p in self.posts)
        return self.site.build_time or dt.datetime.combine(self.site.today, dt.time(), dt.UTC)

    def item(self, post: Post) -> tuple[str, str]:
        link = absolute_url(self.site.config.base_url, post.url)
        return link, absolutize(post.html, link)


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    """A child element; characters XML cannot carry (form feeds...) are dropped."""
    element = ET.SubElement(parent, tag, {k: _NOT_XML.sub("", v) for k, v in attrs.items()})
    if text is not None:
        element.text = _NOT_XML.sub("", text)
    return element


def _xml(root: ET.Element) -> str:
    ET.indent(root, space="  ")
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def atom(spec: FeedSpec) -> str:
    cfg = spec.site.config
    feed = ET.Element("feed", {"xmlns": ATOM_NS, "xml:lang": cfg.language})
    _sub(feed, "title", spec.title)
    _sub(feed, "subtitle", spec.description)
    _sub(feed, "link", href=spec.url("atom"), rel="self", type="application/atom+xml")
    _sub(feed, "link", href=spec.home, rel="alternate", type="text/html")
    _sub(feed, "id", spec.url("atom"))
    _sub(feed, "updated", spec.updated().isoformat())
    _sub(_sub(feed, "author"), "name", cfg.brand)
    _sub(feed, "generator", "ssg")
    for post in spec.posts:
        link, html = spec.item(post)
        entry = _sub(feed, "entry")
        _sub(entry, "title", post.title)
        _sub(entry, "link", href=link, rel="alternate", type="text/html")
        _sub(entry, "id", link)
        _sub(entry, "published", post.date.isoformat())
        _sub(entry, "updated", (post.updated or post.date).isoformat())
        if post.author:
            _sub(_sub(entry, "author"), "name", post.author)
        for tag in post.tags:
            _sub(entry, "category", term=tag)
        _sub(entry, "summary", post.summary)
        _sub(entry, "content", html, type="html")
    return _xml(feed)


def rss(spec: FeedSpec) -> str:
    cfg = spec.site.config
    root = ET.Element("rss", {"version": "2.0", "xmlns:atom": ATOM_NS})
    channel = _sub(root, "channel")
    _sub(channel, "title", spec.title)
    _sub(channel, "link", spec.home)
    _sub(channel, "description", spec.description)
    _sub(channel, "language", cfg.language)
    _sub(channel, "atom:link", href=spec.url("rss"), rel="self", type="application/rss+xml")
    _sub(channel, "generator", "ssg")
    if spec.posts:
        _sub(channel, "pubDate", format_datetime(spec.posts[0].date))
    for post in spec.posts:
        link, html = spec.item(post)
        item = _sub(channel, "item")
        _sub(item, "title", post.title)
        _sub(item, "link", link)
        _sub(item, "guid", link, isPermaLink="true")
        _sub(item, "pubDate", format_datetime(post.date))
        for tag in post.tags:
            _sub(item, "category", tag)
        _sub(item, "description", html)
    return _xml(root)


def json_feed(spec: FeedSpec) -> str:
    cfg = spec.site.config
    items = []
    for post in spec.posts:
        link, html = spec.item(post)
        item = {
            "id": link,
            "url": link,
            "title": post.title,
            "summary": post.summary,
            "content_html": html,
            "date_published": post.date.isoformat(),
            "date_modified": (post.updated or post.date).isoformat(),
            "tags": list(post.tags),
        }
        if post.author:
            item["authors"] = [{"name": post.author}]
        items.append(item)
    document = {
        "version": JSON_FEED_VERSION,
        "title": spec.title,
        "home_page_url": spec.home,
        "feed_url": spec.url("json"),
        "description": spec.description,
        "language": cfg.language,
        "authors": [{"name": cfg.brand}],
        "items": items,
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


WRITERS = {"atom": atom, "rss": rss, "json": json_feed}


def families(site: Site) -> list[FeedSpec]:
    """The site's feed families: all posts, then each tag when `feeds.per_tag`."""
    specs = [FeedSpec(site, site.posts)]
    if site.config.feeds.per_tag:
        specs += [FeedSpec(site, tag.posts, tag.url, tag.name) for tag in site.tags]
    return specs


def feed_file(spec: FeedSpec, kind: str) -> str:
    """The site path of one format of a feed family."""
    return spec.prefix + FEED_TYPES[kind][0]


def feed_files(site: Site) -> dict[str, str]:
    """Every feed file of the site, keyed by its site path."""
    formats = site.config.feeds.formats
    return {feed_file(spec, k): WRITERS[k](spec) for spec in families(site) for k in formats}
