"""The communities directory as built pages: grouping, filters, labels, escaping, exports."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest

EVIL = """---
name: "<script>alert('x')</script> \\"Quoted\\" Club"
url: https://evil.example/club
platform: forum
summary: "Talk about <b>lamps</b> & \\"beams\\" with <script>alert(1)</script> owners."
run_by: fans
reviewed: 2026-11-01
segments: [beginners]
---
Body with a [link](https://evil.example/) and <script>alert(3)</script> raw HTML.
"""


class Anchors(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.anchors: list[dict[str, str | None]] = []
        self.scripts = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self.anchors.append(dict(attrs))
        if tag == "script":
            self.scripts += 1


def parse(html: str) -> Anchors:
    parser = Anchors()
    parser.feed(html)
    return parser


@pytest.fixture(scope="module")
def built(build_site):
    return build_site("basic")


def test_directory_groups_by_platform_and_lists_archived_apart(hub, build_site):
    # An archived *forum*: platform order alone cannot put it after the active forum.
    root = hub("basic", {"content/communities/old-fansite.md": (
        "---\nname: Acme Old Forum\nurl: https://old.acme.example/\nplatform: forum\n"
        "summary: Ride reports from the early years.\nrun_by: fans\nreviewed: 2026-06-01\n"
        "status: archived\n---\nArchived.\n")})  # fmt: skip
    html = build_site(root).read("communities/index.html")
    active, _, archived = html.partition('id="archived-heading"')
    assert 'id="group-forum"' in active and 'id="group-discord"' in active
    assert "Acme Riders Forum" in active and "Acme Chat" in active
    assert "Acme Old Forum" not in active
    assert "Acme Old Forum" in archived and "Acme Riders Forum" not in archived


def test_every_entry_says_who_runs_it_and_when_it_was_reviewed(built):
    html = built.read("communities/index.html")
    assert html.count("Run by fans, independent of Acme") >= 3
    assert "1 October 2026" in html  # acme-forum reviewed date


def test_platform_and_segment_pages_filter_without_javascript(built):
    forum = built.read("communities/platform/forum/index.html")
    assert "Acme Riders Forum" in forum and "Acme Chat" not in forum
    beginners = built.read("communities/segment/beginners/index.html")
    assert "Acme Chat" in beginners and "Acme Riders Forum" not in beginners
    assert parse(forum).scripts == 0 and parse(beginners).scripts == 0
    fan_sites = built.read("communities/platform/fan-site/index.html")  # only an archived one
    assert "Acme Fan Pages" in fan_sites and "Archived" in fan_sites


def test_community_page_links_straight_out_with_rel_external_noopener(built):
    html = built.read("communities/acme-forum/index.html")
    outs = [a for a in parse(html).anchors if a.get("href") == "https://forum.acmeriders.example/"]
    assert outs, "the community page links to the community itself"
    for anchor in outs:
        assert set((anchor.get("rel") or "").split()) >= {"external", "noopener"}
    assert "A friendly forum." in html


def test_home_page_has_where_the_community_gathers_and_nav_links_directory(built):
    home = built.read("index.html")
    assert "Where the community already gathers" in home
    assert 'href="communities/"' in home
    assert "Acme Riders Forum" in home


def test_communities_are_in_the_sitemap(built):
    sitemap = built.read("sitemap.xml")
    for path in ("communities/", "communities/acme-forum/", "communities/platform/forum/",
                 "communities/segment/beginners/"):  # fmt: skip
        assert f"<loc>https://example.org/hub/{path}</loc>" in sitemap


def test_exports_are_written(built):
    data = json.loads(built.read("communities.json"))
    assert [c["slug"] for c in data["communities"]] == ["acme-discord", "acme-forum", "old-fansite"]
    opml = ET.fromstring(built.read("communities.opml"))
    assert [o.get("xmlUrl") for o in opml.iter("outline")] == [
        "https://forum.acmeriders.example/latest.rss"
    ]


def test_archived_can_be_hidden_by_a_site_setting(hub, build_site):
    root = hub()
    config = root / "site.yaml"
    config.write_text(config.read_text() + "communities: {show_archived: false}\n")
    html = build_site(root).read("communities/index.html")
    assert "Acme Fan Pages" not in html


def test_names_and_summaries_are_text_never_markup(hub, build_site):
    root = hub("basic", {"content/communities/evil.md": EVIL})
    built = build_site(root)
    for page in ("communities/index.html", "communities/evil/index.html", "index.html",
                 "communities/platform/forum/index.html"):  # fmt: skip
        html = built.read(page)
        assert "<script>alert" not in html, page  # names, summaries and bodies are text
        assert "&lt;script&gt;alert(" in html, page
        assert parse(html).scripts == 0, page
    data = json.loads(built.read("communities.json"))
    evil = next(c for c in data["communities"] if c["slug"] == "evil")
    assert evil["name"] == "<script>alert('x')</script> \"Quoted\" Club"
