"""What the communities are talking about, from the caches only: the build never goes online.

`with_activity` puts the kept feed items and the last day each link was seen
working onto the communities of the `Site`; without a cache nothing changes
and the pages simply leave the section out. `latest` is the home page's
"Latest from the communities"; `feed_files` the combined Atom and JSON Feed
(titles and links only) that lets a reader follow the whole ecosystem.
"""

from __future__ import annotations

import datetime as dt
import json
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

from ssg.communities.cache import cache_dir
from ssg.communities.feedcache import read_state
from ssg.communities.linkcache import last_seen_working
from ssg.core.diagnostics import Diagnostic
from ssg.core.model import Community, FeedItem, Site
from ssg.core.page import ACTIVITY_FEEDS, activity_title
from ssg.core.urls import absolute_url

HOME_ITEMS = 10
ATOM_NS = "http://www.w3.org/2005/Atom"
JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"


def with_activity(
    site: Site, root: Path, cache: Path | None = None
) -> tuple[Site, list[Diagnostic]]:
    """The site with feed items (active communities) and last-seen-working dates from the cache."""
    folder = cache_dir(root, cache)
    if not folder.is_dir():
        return site, []
    seen, diags = last_seen_working(folder, root)
    updated = []
    for c in site.communities:
        items: tuple[FeedItem, ...] = ()
        if c.feed and c.status == "active":
            state, problems = read_state(folder, root, c.slug)
            diags += problems
            items = state.items if state is not None and state.url == c.feed else ()
        links = {url: seen[url] for url in (c.url, c.feed) if url in seen}
        updated.append(replace(c, items=items, seen_working=links))
    return replace(site, communities=tuple(updated)), diags


def latest(site: Site, limit: int = HOME_ITEMS) -> list[tuple[FeedItem, Community]]:
    """The newest items of all active communities, newest first, ties in a stable order."""
    floor = dt.datetime.min.replace(tzinfo=dt.UTC)
    pairs = [(item, c) for c in site.communities if c.status == "active" for item in c.items]
    pairs.sort(key=lambda p: (-(p[0].date or floor).timestamp(), p[1].name.casefold(), p[0].link))
    return pairs[:limit] if limit else pairs


def _updated(site: Site, pairs: list[tuple[FeedItem, Community]]) -> dt.datetime:
    dates = [item.date for item, _ in pairs if item.date]
    if dates:
        return max(dates)
    return site.build_time or dt.datetime.combine(site.today, dt.time(), dt.UTC)


def _title(site: Site) -> str:
    return activity_title(site.config)


def atom(site: Site, pairs: list[tuple[FeedItem, Community]]) -> str:
    base = site.config.base_url
    feed = ET.Element("feed", {"xmlns": ATOM_NS, "xml:lang": site.config.language})
    ET.SubElement(feed, "title").text = _title(site)
    self_url = absolute_url(base, ACTIVITY_FEEDS["atom"])
    ET.SubElement(feed, "link", href=self_url, rel="self", type="application/atom+xml")
    ET.SubElement(feed, "link", href=absolute_url(base, "communities/"), rel="alternate")
    ET.SubElement(feed, "id").text = self_url
    ET.SubElement(feed, "updated").text = _updated(site, pairs).isoformat()
    ET.SubElement(ET.SubElement(feed, "author"), "name").text = site.config.brand
    for item, c in pairs:
        entry = ET.SubElement(feed, "entry")
        ET.SubElement(entry, "title").text = f"{item.title} ({c.name})"
        ET.SubElement(entry, "link", href=item.link, rel="alternate")
        ET.SubElement(entry, "id").text = item.link
        moment = (item.date or _updated(site, pairs)).isoformat()
        ET.SubElement(entry, "updated").text = moment
        ET.SubElement(ET.SubElement(entry, "author"), "name").text = item.author or c.name
    ET.indent(feed, space="  ")
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"


def json_feed(site: Site, pairs: list[tuple[FeedItem, Community]]) -> str:
    base = site.config.base_url
    items = []
    for item, c in pairs:
        entry = {"id": item.link, "url": item.link, "title": f"{item.title} ({c.name})"}
        if item.date:
            entry["date_published"] = item.date.isoformat()
        entry["authors"] = [{"name": item.author or c.name}]
        items.append(entry)
    document = {
        "version": JSON_FEED_VERSION,
        "title": _title(site),
        "home_page_url": absolute_url(base, "communities/"),
        "feed_url": absolute_url(base, ACTIVITY_FEEDS["json"]),
        "language": site.config.language,
        "items": items,
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def feed_files(site: Site) -> dict[str, str]:
    """The combined feeds, only when some community has kept items (no cache, no file)."""
    pairs = latest(site, limit=0)
    if not pairs:
        return {}
    return {
        ACTIVITY_FEEDS["atom"]: atom(site, pairs),
        ACTIVITY_FEEDS["json"]: json_feed(site, pairs),
    }
