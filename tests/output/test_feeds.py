"""Atom, RSS and JSON feeds: valid, absolute, complete and reproducible."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
from dataclasses import replace
from email.utils import parsedate_to_datetime
from pathlib import Path
from xml.etree import ElementTree as ET

import feedparser
import pytest

from ssg.core.model import Config, FeedConfig, Post, Site
from ssg.output.feeds import FeedSpec, absolutize, feed_files

from .feedcheck import A, atom_problems, parse, rss_problems

XML_FEEDS = [
    "feed.xml",
    "rss.xml",
    "tags/news/feed.xml",
    "tags/news/rss.xml",
    "tags/events/feed.xml",
    "tags/events/rss.xml",
    "tags/community/feed.xml",
    "tags/community/rss.xml",
    "tags/guides/feed.xml",
    "tags/guides/rss.xml",
]
JSON_FEEDS = [
    "feed.json",
    "tags/news/feed.json",
    "tags/events/feed.json",
    "tags/community/feed.json",
    "tags/guides/feed.json",
]
PUBLISHED = {"Hello & welcome", "Meetup in Lyon", "A guide", "Launch"}
URL_ATTR = re.compile(r"""(?:href|src)\s*=\s*["']([^"']*)["']""")


def only_absolute(html: str) -> list[str]:
    """Every href/src in `html` that is not an absolute URL."""
    return [u for u in URL_ATTR.findall(html) if not re.match(r"^(https?:|mailto:)", u)]


def strict_problems(name: str, text: str) -> list[str]:
    """What a strict XML parse and the format's rules find wrong in feed `name`."""
    return (atom_problems if name.endswith("feed.xml") else rss_problems)(text)


@pytest.mark.parametrize("name", XML_FEEDS)
def test_xml_feeds_are_valid_atom_or_rss(basic, name: str) -> None:
    assert strict_problems(name, basic.read(name)) == []
    parsed = feedparser.parse(basic.read(name))
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    assert parsed.version == ("atom10" if name.endswith("feed.xml") else "rss20")
    assert parsed.entries
    for entry in parsed.entries:
        assert entry.link.startswith("https://example.org/hub/posts/")
        assert entry.title in PUBLISHED
        content = entry.content[0].value if "content" in entry else entry.description
        assert only_absolute(content) == [], (name, entry.title)


def test_main_feeds_hold_every_published_post_newest_first(basic) -> None:
    for name in ("feed.xml", "rss.xml"):
        titles = [e.title for e in feedparser.parse(basic.read(name)).entries]
        assert titles == ["Hello & welcome", "Meetup in Lyon", "A guide", "Launch"], name
    titles = [item["title"] for item in json.loads(basic.read("feed.json"))["items"]]
    assert titles == ["Hello & welcome", "Meetup in Lyon", "A guide", "Launch"]


def test_tag_feeds_hold_only_their_tag(basic) -> None:
    titles = [e.title for e in feedparser.parse(basic.read("tags/news/feed.xml")).entries]
    assert titles == ["Hello & welcome", "A guide", "Launch"]
    feed = feedparser.parse(basic.read("tags/events/rss.xml"))
    assert [e.title for e in feed.entries] == ["Meetup in Lyon"]
    assert feed.feed.title == "Basic Hub: events"


def test_atom_feed_metadata(basic) -> None:
    feed = feedparser.parse(basic.read("feed.xml"))
    assert feed.feed.title == "Basic Hub"
    assert feed.feed.id == "https://example.org/hub/feed.xml"
    links = {link.rel: link.href for link in feed.feed.links}
    assert links == {
        "self": "https://example.org/hub/feed.xml",
        "alternate": "https://example.org/hub/",
    }
    hello = feed.entries[0]
    assert hello.id == "https://example.org/hub/posts/hello/"
    assert hello.author == "Ada"
    assert [t.term for t in hello.tags] == ["news", "Community"]
    assert hello.published == "2026-11-20T10:00:00+01:00"
    assert feed.feed.updated == "2026-11-20T10:00:00+01:00"


def test_feed_content_links_are_absolute(basic) -> None:
    content = feedparser.parse(basic.read("feed.xml")).entries[0].content[0].value
    assert 'href="https://example.org/hub/posts/launch/#plans"' in content
    assert 'href="https://example.org/hub/about/"' in content
    assert 'href="https://example.org/hub/posts/hello/#fn:1"' in content
    meetup = json.loads(basic.read("feed.json"))["items"][1]["content_html"]
    assert 'href="https://example.org/hub/communities/acme-forum/"' in meetup


@pytest.mark.parametrize("name", JSON_FEEDS)
def test_json_feed_required_fields(basic, name: str) -> None:
    feed = json.loads(basic.read(name))
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert isinstance(feed["title"], str) and feed["title"]
    assert feed["home_page_url"].startswith("https://example.org/hub/")
    assert feed["feed_url"] == "https://example.org/hub/" + name
    assert isinstance(feed["items"], list) and feed["items"]
    ids = [item["id"] for item in feed["items"]]
    assert len(ids) == len(set(ids))
    for item in feed["items"]:
        assert isinstance(item["id"], str) and item["id"]
        assert "content_html" in item or "content_text" in item
        assert item["url"].startswith("https://example.org/hub/posts/")
        dt.datetime.fromisoformat(item["date_published"])
        dt.datetime.fromisoformat(item["date_modified"])
        assert only_absolute(item["content_html"]) == [], item["id"]
        assert item["title"] in PUBLISHED


def test_feed_files_for_formats(basic) -> None:
    files = basic.files()
    for name in XML_FEEDS + JSON_FEEDS:
        assert name in files


# In-memory sites for the options.

TZ = dt.UTC


def make_site(n: int, feeds: FeedConfig, build_time: dt.datetime | None = None) -> Site:
    posts = tuple(
        Post(
            source=f"content/posts/p{i}.md",
            title=f"P{i}",
            date=dt.datetime(2026, 1, i, tzinfo=TZ),
            summary="S",
            slug=f"p{i}",
            url=f"posts/p{i}/",
            body="",
            tags=("t",),
            html=f'<p><a href="../p{i - 1}/">prev</a> <img src="img.png"> <a href="#x">x</a></p>',
        )
        for i in range(n, 0, -1)
    )
    from ssg.content.load import collect_tags

    config = Config(title="Hub", base_url="https://example.org/", feeds=feeds)
    return Site(
        config=config,
        today=dt.date(2026, 11, 25),
        posts=posts,
        tags=collect_tags(posts),
        build_time=build_time,
    )


@pytest.mark.parametrize(("limit", "count"), [(2, 2), (0, 5), (10, 5)])
def test_limit(limit: int, count: int) -> None:
    files = feed_files(make_site(5, FeedConfig(limit=limit)))
    assert len(json.loads(files["feed.json"])["items"]) == count
    assert len(feedparser.parse(files["feed.xml"]).entries) == count
    assert len(feedparser.parse(files["rss.xml"]).entries) == count
    assert (atom_problems(files["feed.xml"]), rss_problems(files["rss.xml"])) == ([], [])


def test_formats_and_per_tag() -> None:
    files = feed_files(make_site(2, FeedConfig(formats=("rss",), per_tag=False)))
    assert sorted(files) == ["rss.xml"]
    files = feed_files(make_site(2, FeedConfig(formats=("json", "atom"))))
    assert sorted(files) == ["feed.json", "feed.xml", "tags/t/feed.json", "tags/t/feed.xml"]


def test_relative_links_in_post_html_made_absolute() -> None:
    files = feed_files(make_site(2, FeedConfig()))
    item = json.loads(files["feed.json"])["items"][0]
    assert item["content_html"] == (
        '<p><a href="https://example.org/posts/p1/">prev</a> <img src="https://example.org/posts/p2/img.png">'
        ' <a href="https://example.org/posts/p2/#x">x</a></p>'
    )


def test_empty_feed_is_valid_and_dated_without_the_clock() -> None:
    site = make_site(0, FeedConfig())
    files = feed_files(site)
    parsed = feedparser.parse(files["feed.xml"])
    assert parsed.bozo == 0
    assert parsed.feed.updated == "2026-11-25T00:00:00+00:00"
    assert feedparser.parse(files["rss.xml"]).bozo == 0
    assert (atom_problems(files["feed.xml"]), rss_problems(files["rss.xml"])) == ([], [])
    assert parse(files["rss.xml"]).find("channel/pubDate") is None
    assert json.loads(files["feed.json"])["items"] == []
    stamp = dt.datetime(2026, 11, 25, 8, 0, tzinfo=dt.UTC)
    assert FeedSpec(make_site(0, FeedConfig(), stamp), ()).updated() == stamp


def test_characters_xml_cannot_carry_are_dropped_from_xml_feeds() -> None:
    site = make_site(1, FeedConfig())
    post = replace(site.posts[0], html="<p>page\x0cbreak \x01</p>")
    files = feed_files(replace(site, posts=(post,), tags=()))
    for name in ("feed.xml", "rss.xml"):
        assert feedparser.parse(files[name]).bozo == 0, name
        assert strict_problems(name, files[name]) == [], name
    assert parse(files["feed.xml"]).findtext(f"{A}entry/{A}content") == "<p>pagebreak </p>"
    assert parse(files["rss.xml"]).findtext("channel/item/description") == "<p>pagebreak </p>"
    assert "page\x0cbreak" in json.loads(files["feed.json"])["items"][0]["content_html"]


def test_rss_is_well_formed_xml_with_atom_self_link() -> None:
    root = ET.fromstring(feed_files(make_site(1, FeedConfig()))["rss.xml"])
    link = root.find("channel/{http://www.w3.org/2005/Atom}link")
    assert link is not None and link.get("href") == "https://example.org/rss.xml"


@pytest.mark.parametrize(
    ("html", "page", "out"),
    [
        ('<a href="../x/">', "https://e.org/hub/posts/a/", '<a href="https://e.org/hub/posts/x/">'),
        ('<a href="#f">', "https://e.org/a/", '<a href="https://e.org/a/#f">'),
        ('<img src="p.png">', "https://e.org/a/", '<img src="https://e.org/a/p.png">'),
        ('<a href="https://o.org/">', "https://e.org/a/", '<a href="https://o.org/">'),
        ('<a href="mailto:x@e.org">', "https://e.org/a/", '<a href="mailto:x@e.org">'),
        ("<img src='p.png'>", "https://e.org/a/", "<img src='https://e.org/a/p.png'>"),
        ('<a href="http://[bad/">', "https://e.org/a/", '<a href="http://[bad/">'),
    ],
)
def test_absolutize(html: str, page: str, out: str) -> None:
    assert absolutize(html, page) == out


# Dates: RFC 822 in RSS, RFC 3339 in Atom, edits in `updated`, the channel dated by its newest post.


def test_rss_dates_are_rfc_822_and_match_the_posts(basic) -> None:
    items = parse(basic.read("rss.xml")).findall("channel/item")
    entries = parse(basic.read("feed.xml")).findall(f"{A}entry")
    assert [i.findtext("link") for i in items] == [e.findtext(f"{A}id") for e in entries]
    for item, entry in zip(items, entries, strict=True):
        published = dt.datetime.fromisoformat(entry.findtext(f"{A}published"))
        assert parsedate_to_datetime(item.findtext("pubDate")) == published
    assert items[0].findtext("pubDate") == "Fri, 20 Nov 2026 10:00:00 +0100"
    assert items[-1].findtext("pubDate") == "Tue, 30 Dec 2025 09:00:00 +0100"


def test_rss_channel_is_dated_by_its_newest_post(basic) -> None:
    channel = parse(basic.read("rss.xml")).find("channel")
    assert channel.findtext("pubDate") == "Fri, 20 Nov 2026 10:00:00 +0100"
    events = parse(basic.read("tags/events/rss.xml")).find("channel")
    assert events.findtext("pubDate") == "Tue, 10 Nov 2026 00:00:00 +0100"
    newest = parsedate_to_datetime(channel.findtext("pubDate"))
    assert newest == max(parsedate_to_datetime(d.text) for d in channel.iter("pubDate"))


def test_atom_entry_updated_comes_from_the_posts_updated(basic) -> None:
    entries = {e.findtext(f"{A}id"): e for e in parse(basic.read("feed.xml")).iter(f"{A}entry")}
    launch = entries["https://example.org/hub/posts/launch/"]
    assert launch.findtext(f"{A}published") == "2025-12-30T09:00:00+01:00"
    assert launch.findtext(f"{A}updated") == "2026-01-02T00:00:00+01:00"  # `updated:` in the post
    hello = entries["https://example.org/hub/posts/hello/"]
    assert hello.findtext(f"{A}updated") == hello.findtext(f"{A}published")  # never edited
    item = json.loads(basic.read("feed.json"))["items"][-1]
    assert (item["date_published"], item["date_modified"]) == (
        "2025-12-30T09:00:00+01:00",
        "2026-01-02T00:00:00+01:00",
    )


def test_an_old_post_edited_last_dates_the_atom_feed_but_not_the_rss_channel() -> None:
    site = make_site(3, FeedConfig(per_tag=False))  # P3 (2026-01-03) newest, P1 oldest
    edited = dt.datetime(2026, 2, 1, 8, 30, tzinfo=TZ)
    posts = (*site.posts[:2], replace(site.posts[2], updated=edited))
    files = feed_files(replace(site, posts=posts))
    assert (atom_problems(files["feed.xml"]), rss_problems(files["rss.xml"])) == ([], [])
    feed = parse(files["feed.xml"])
    assert feed.findtext(f"{A}updated") == "2026-02-01T08:30:00+00:00"
    assert [e.findtext(f"{A}updated") for e in feed.iter(f"{A}entry")] == [
        "2026-01-03T00:00:00+00:00",
        "2026-01-02T00:00:00+00:00",
        "2026-02-01T08:30:00+00:00",
    ]
    channel = parse(files["rss.xml"]).find("channel")
    assert channel.findtext("pubDate") == "Sat, 03 Jan 2026 00:00:00 +0000"
    assert [i.findtext("pubDate") for i in channel.iter("item")] == [
        "Sat, 03 Jan 2026 00:00:00 +0000",
        "Fri, 02 Jan 2026 00:00:00 +0000",
        "Thu, 01 Jan 2026 00:00:00 +0000",
    ]


# The strict checks themselves must fail on broken feeds.


def _rss_with(site_files: dict[str, str], old: str, new: str) -> str:
    assert old in site_files["rss.xml"]
    return site_files["rss.xml"].replace(old, new, 1)


def test_the_strict_rss_check_rejects_what_readers_would_misread() -> None:
    files = feed_files(make_site(2, FeedConfig(per_tag=False)))
    item_date = "<pubDate>Fri, 02 Jan 2026 00:00:00 +0000</pubDate>\n      <category>"
    cases = {
        "<pubDate>Fri, 02 Jan 2026 00:00:00 +0000</pubDate>\n    <item>": (
            "<pubDate>Thu, 01 Jan 2026 00:00:00 +0000</pubDate>\n    <item>",
            ["channel pubDate 2026-01-01 00:00:00+00:00 is not the newest item's "
             "2026-01-02 00:00:00+00:00"],
        ),
        item_date: (
            "<pubDate>2026-01-02T00:00:00+00:00</pubDate>\n      <category>",
            ["item 0 pubDate '2026-01-02T00:00:00+00:00' is not RFC 822",
             "channel pubDate 2026-01-02 00:00:00+00:00 is not the newest item's "
             "2026-01-01 00:00:00+00:00"],
        ),
        "Fri, 02 Jan 2026 00:00:00 +0000</pubDate>\n      <category>": (
            "Sat, 02 Jan 2026 00:00:00 +0000</pubDate>\n      <category>",
            ["item 0 pubDate 'Sat, 02 Jan 2026 00:00:00 +0000' is not RFC 822",
             "channel pubDate 2026-01-02 00:00:00+00:00 is not the newest item's "
             "2026-01-01 00:00:00+00:00"],
        ),
        "<title>Hub</title>": ("", ["channel: 0 <title> elements; exactly one is required"]),
        "<link>https://example.org/posts/p2/</link>": (
            "<link>posts/p2/</link><ttl>5</ttl><tll>5</tll>",
            ["item 0: unknown element <ttl>", "item 0: unknown element <tll>",
             "item 0 link: 'posts/p2/' is not an absolute http(s) URL"],
        ),
    }  # fmt: skip
    for old, (new, expected) in cases.items():
        assert rss_problems(_rss_with(files, old, new)) == expected, old
    with pytest.raises(ET.ParseError):
        rss_problems(_rss_with(files, "<title>Hub</title>", "<title>Hub &</title>"))


def test_the_strict_atom_check_rejects_what_readers_would_misread() -> None:
    files = feed_files(make_site(2, FeedConfig(per_tag=False)))
    text = files["feed.xml"]
    first = "<id>https://example.org/posts/p2/</id>"
    cases = {
        first: (
            "",
            ["entry 0: 0 <id> elements; exactly one is required",
             "entry 0 id: None is not an absolute http(s) URL"],
        ),
        "<updated>2026-01-02T00:00:00+00:00</updated>\n  <author>": (
            "<updated>2026-01-01T00:00:00+00:00</updated>\n  <author>",
            ["feed updated 2026-01-01 00:00:00+00:00 is not the newest entry update "
             "2026-01-02 00:00:00+00:00"],
        ),
        "<published>2026-01-02T00:00:00+00:00</published>": (
            "<published>2026-01-03T00:00:00+00:00</published>",
            ["entry 0: published 2026-01-03 00:00:00+00:00 after updated "
             "2026-01-02 00:00:00+00:00"],
        ),
        "<updated>2026-01-01T00:00:00+00:00</updated>\n    <category": (
            "<updated>Thu, 01 Jan 2026 00:00:00 +0000</updated>\n    <category",
            ["entry 1 updated 'Thu, 01 Jan 2026 00:00:00 +0000' is not RFC 3339"],
        ),
        'rel="self"': ('rel="me"', ["feed: 0 <link rel=self>; expected one"]),
        "<generator>ssg</generator>": (
            "<generator>ssg</generator><modified>x</modified>",
            ["feed: unknown element <modified>"],
        ),
    }  # fmt: skip
    for old, (new, expected) in cases.items():
        assert old in text, old
        assert atom_problems(text.replace(old, new, 1)) == expected, old
    assert atom_problems(text.removeprefix('<?xml version="1.0" encoding="utf-8"?>\n')) == [
        "no UTF-8 XML declaration on the first line"
    ]


# The exact bytes of every feed of a one-post site: structure, attributes, keys and formatting.

GOLDEN = Path(__file__).parent / "golden" / "feeds"


def small_site() -> Site:
    from ssg.content.load import collect_tags

    post = Post(
        source="content/posts/p1.md",
        title="Zoë's notes",
        date=dt.datetime(2026, 1, 2, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=1))),
        updated=dt.datetime(2026, 1, 5, 8, 0, tzinfo=dt.UTC),
        summary="Why it matters.",
        slug="p1",
        url="posts/p1/",
        body="",
        tags=("Café",),
        author="Zoë",
        html='<p><a href="../p0/">prev</a></p>',
    )
    config = Config(
        title="Hub",
        description="News & notes",
        brand="Acme",
        base_url="https://example.org/",
        feeds=FeedConfig(),
    )
    return Site(
        config=config, today=dt.date(2026, 11, 25), posts=(post,), tags=collect_tags((post,))
    )


def test_every_feed_of_a_small_site_byte_for_byte() -> None:
    """Set SSG_UPDATE_GOLDEN=1 to rewrite tests/output/golden/feeds/ after a deliberate change."""
    files = feed_files(small_site())
    if os.environ.get("SSG_UPDATE_GOLDEN"):
        shutil.rmtree(GOLDEN, ignore_errors=True)
        for name, text in files.items():
            (GOLDEN / name).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / name).write_text(text, encoding="utf-8")
    golden = {
        p.relative_to(GOLDEN).as_posix(): p.read_text(encoding="utf-8")
        for p in sorted(GOLDEN.rglob("*"))
        if p.is_file()
    }
    assert sorted(files) == sorted(golden)
    for name, text in files.items():
        assert text == golden[name], name


def test_characters_xml_cannot_carry_are_dropped_from_attributes_too() -> None:
    site = make_site(1, FeedConfig(per_tag=False))
    post = replace(site.posts[0], tags=("page\x0cbreak",))
    files = feed_files(replace(site, posts=(post,), tags=()))
    assert [c.get("term") for c in parse(files["feed.xml"]).iter(f"{A}category")] == ["pagebreak"]
