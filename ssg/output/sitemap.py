"""Stage 4d: `sitemap.xml` and `robots.txt`, from the page plan."""

from __future__ import annotations

from collections.abc import Iterable
from zoneinfo import ZoneInfo

from ssg.core.model import Config
from ssg.core.page import PageMeta
from ssg.core.urls import absolute_url

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})  # as ElementTree's text


def sitemap(config: Config, pages: Iterable[PageMeta]) -> str:
    """One <url> per indexable page, sorted by URL; posts carry their last change.

    Written as text, in the bytes ElementTree would write (its tree for 5,000
    pages cost a one-post rebuild 30 ms); the test keeps ElementTree as the reference.
    """
    tz = ZoneInfo(config.timezone)
    entries = []
    for meta in sorted((p for p in pages if p.in_sitemap), key=lambda p: p.url):
        loc = absolute_url(config.base_url, meta.url).translate(_ESCAPES)
        lastmod = ""
        if meta.modified is not None:
            day = meta.modified.astimezone(tz).date()  # the day the page itself shows
            lastmod = f"\n    <lastmod>{day.isoformat()}</lastmod>"
        entries.append(f"  <url>\n    <loc>{loc}</loc>{lastmod}\n  </url>\n")
    head = f'<?xml version="1.0" encoding="utf-8"?>\n<urlset xmlns="{SITEMAP_NS}"'
    return head + (">\n" + "".join(entries) + "</urlset>\n" if entries else " />\n")


def robots(config: Config) -> str:
    return f"User-agent: *\nAllow: /\n\nSitemap: {absolute_url(config.base_url, 'sitemap.xml')}\n"
