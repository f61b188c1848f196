"""Stage 4d: `sitemap.xml` and `robots.txt`, from the page plan."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable
from zoneinfo import ZoneInfo

from ssg.core.model import Config
from ssg.core.page import PageMeta
from ssg.core.urls import absolute_url

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


def sitemap(config: Config, pages: Iterable[PageMeta]) -> str:
    """One <url> per indexable page, sorted by URL; posts carry their last change."""
    tz = ZoneInfo(config.timezone)
    urlset = ET.Element("urlset", {"xmlns": SITEMAP_NS})
    for meta in sorted((p for p in pages if p.in_sitemap), key=lambda p: p.url):
        entry = ET.SubElement(urlset, "url")
        ET.SubElement(entry, "loc").text = absolute_url(config.base_url, meta.url)
        if meta.modified is not None:
            day = meta.modified.astimezone(tz).date()  # the day the page itself shows
            ET.SubElement(entry, "lastmod").text = day.isoformat()
    ET.indent(urlset, space="  ")
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(urlset, encoding="unicode") + "\n"
    )


def robots(config: Config) -> str:
    return f"User-agent: *\nAllow: /\n\nSitemap: {absolute_url(config.base_url, 'sitemap.xml')}\n"
