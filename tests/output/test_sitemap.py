"""sitemap.xml and robots.txt."""

from __future__ import annotations

import datetime as dt
from xml.etree import ElementTree as ET

from ssg.core.model import Config
from ssg.core.page import PageMeta
from ssg.core.urls import output_file
from ssg.output.sitemap import SITEMAP_NS, robots, sitemap

NS = {"s": SITEMAP_NS}
CONFIG = Config(title="Hub", base_url="https://example.org/hub/")


def locs(xml: str) -> list[str]:
    return [e.text or "" for e in ET.fromstring(xml).findall("s:url/s:loc", NS)]


def test_sitemap_sorted_absolute_and_without_hidden_pages() -> None:
    when = dt.datetime(2026, 11, 20, 10, tzinfo=dt.UTC)
    pages = [
        PageMeta("post", "posts/b/", "B", "", modified=when),
        PageMeta("home", "", "Home", ""),
        PageMeta("404", "404.html", "Not found", "", in_sitemap=False),
        PageMeta("tags", "tags/", "Tags", ""),
    ]
    xml = sitemap(CONFIG, pages)
    assert locs(xml) == [
        "https://example.org/hub/",
        "https://example.org/hub/posts/b/",
        "https://example.org/hub/tags/",
    ]
    entries = ET.fromstring(xml).findall("s:url", NS)
    assert entries[1].find("s:lastmod", NS).text == "2026-11-20"
    assert entries[0].find("s:lastmod", NS) is None
    assert xml.startswith('<?xml version="1.0" encoding="utf-8"?>\n<urlset')


def test_robots_points_at_sitemap() -> None:
    assert (
        robots(CONFIG)
        == "User-agent: *\nAllow: /\n\nSitemap: https://example.org/hub/sitemap.xml\n"
    )


def test_built_sitemap_lists_every_html_page_but_404(basic) -> None:
    listed = locs(basic.read("sitemap.xml"))
    assert len(listed) == len(set(listed)), "no page listed twice"
    prefix = "https://example.org/hub/"
    assert all(u.startswith(prefix) for u in listed)
    listed_files = {output_file(u.removeprefix(prefix)) for u in listed}
    html_files = {f for f in basic.files() if f.endswith(".html")}
    assert listed_files == html_files - {"404.html"}
    assert "404.html" in html_files


def test_built_sitemap_dates_posts(basic) -> None:
    root = ET.fromstring(basic.read("sitemap.xml"))
    dates = {e.find("s:loc", NS).text: e.find("s:lastmod", NS) for e in root.findall("s:url", NS)}
    assert dates["https://example.org/hub/posts/launch/"].text == "2026-01-02"
    assert dates["https://example.org/hub/posts/meetup/"].text == "2026-11-10"


def test_built_robots(basic) -> None:
    assert "Sitemap: https://example.org/hub/sitemap.xml" in basic.read("robots.txt")


def test_lastmod_is_the_day_in_the_site_timezone() -> None:
    late = dt.datetime(2026, 11, 20, 23, 30, tzinfo=dt.timezone(dt.timedelta(hours=-5)))
    config = Config(title="Hub", base_url="https://example.org/", timezone="Europe/Paris")
    xml = sitemap(config, [PageMeta("post", "posts/a/", "A", "", modified=late)])
    assert [e.text for e in ET.fromstring(xml).iter(f"{{{SITEMAP_NS}}}lastmod")] == ["2026-11-21"]


def _reference(config: Config, pages: list[PageMeta]) -> str:
    """The sitemap as ElementTree writes it: the text writer must give the same bytes."""
    from zoneinfo import ZoneInfo

    from ssg.core.urls import absolute_url

    urlset = ET.Element("urlset", {"xmlns": SITEMAP_NS})
    for meta in sorted((p for p in pages if p.in_sitemap), key=lambda p: p.url):
        entry = ET.SubElement(urlset, "url")
        ET.SubElement(entry, "loc").text = absolute_url(config.base_url, meta.url)
        if meta.modified is not None:
            day = meta.modified.astimezone(ZoneInfo(config.timezone)).date()
            ET.SubElement(entry, "lastmod").text = day.isoformat()
    ET.indent(urlset, space="  ")
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(urlset, encoding="unicode") + "\n"
    )


def test_same_bytes_as_elementtree_for_awkward_urls_and_none() -> None:
    late = dt.datetime(2026, 11, 20, 23, 30, tzinfo=dt.UTC)
    config = Config(title="Hub", base_url="https://example.org/a&b<c>/", timezone="Asia/Tokyo")
    pages = [
        PageMeta("post", "posts/x&y/", "X", "", modified=late),  # the next day in Tokyo
        PageMeta("page", "über/<b>/", "Ü", ""),
        PageMeta("home", "", "Home", ""),
        PageMeta("404", "404.html", "Not found", "", in_sitemap=False),
    ]
    assert sitemap(config, pages) == _reference(config, pages)
    assert "<lastmod>2026-11-21</lastmod>" in sitemap(config, pages)
    assert "a&amp;b&lt;c&gt;" in sitemap(config, pages)
    hidden = [p for p in pages if not p.in_sitemap]
    assert sitemap(config, hidden) == _reference(config, hidden)  # <urlset ... />
    ET.fromstring(sitemap(config, pages))  # well-formed
