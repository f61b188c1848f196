"""fetch-feeds against a real HTTP server on 127.0.0.1: formats, conditional GET, bad feeds."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest

from ssg.communities.feedcache import FeedState, read_state, write_state
from ssg.communities.feedfetch import fetch_all, fetch_one, parse_feed, report
from ssg.communities.http import Client, Policy
from ssg.core.model import Community
from tests.communities.webserver import Reply, WebServer

TODAY = dt.date(2026, 11, 25)

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Wiki</title><id>urn:x</id>
<updated>2026-11-20T10:00:00Z</updated>
<entry><title>Older page</title><link href="https://wiki.example/old"/><id>1</id>
<updated>2026-10-01T08:00:00Z</updated><author><name>Dee</name></author></entry>
<entry><title>New settings reference</title><link href="https://wiki.example/new"/><id>2</id>
<updated>2026-11-20T10:00:00Z</updated><author><name>Dee</name></author></entry>
</feed>"""

RSS = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Digest</title>
<link>https://digest.example/</link><description>d</description>
<item><title>Issue 41</title><link>https://digest.example/41</link>
<pubDate>Tue, 17 Nov 2026 07:00:00 GMT</pubDate><author>ed@digest.example (Ed)</author></item>
</channel></rss>"""

JSON_FEED = b"""{"version": "https://jsonfeed.org/version/1.1", "title": "Pod",
"items": [{"id": "e9", "url": "https://pod.example/9", "title": "Episode 9: winter walks",
"date_published": "2026-11-12T18:00:00+01:00", "authors": [{"name": "Sam"}]}]}"""

HOSTILE = (
    b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>'
    b"<item><title>&lt;script&gt;alert(1)&lt;/script&gt;Hello\x1b[31m\xe2\x80\xae there</title>"
    b"<link>https://ok.example/1</link><pubDate>Mon, 23 Nov 2026 10:00:00 GMT</pubDate></item>"
    b"<item><title>Click me</title><link>javascript:alert(document.cookie)</link></item>"
    b"</channel></rss>"
)


def community(feed: str, slug: str = "wiki") -> Community:
    return Community(
        source=f"content/communities/{slug}.md",
        slug=slug,
        name="Wiki People",
        url="https://wiki.example/",
        platform="wiki",
        summary="Settings and guides.",
        run_by="fans",
        reviewed=TODAY,
        page_url=f"communities/{slug}/",
        feed=feed,
        lines={"feed": 8},
    )


def client(**changes: object) -> Client:
    settings: dict = {"timeout": 2.0, "backoff": 0.01, **changes}
    return Client(Policy(user_agent="ssg/test (feed reader)", **settings), sleep=lambda s: None)


@pytest.mark.parametrize(
    "body,content_type,expected",
    [
        (ATOM, "application/atom+xml", ("New settings reference", "https://wiki.example/new")),
        (RSS, "application/rss+xml", ("Issue 41", "https://digest.example/41")),
        (JSON_FEED, "application/feed+json", ("Episode 9: winter walks", "https://pod.example/9")),
        (JSON_FEED, "text/plain", ("Episode 9: winter walks", "https://pod.example/9")),
    ],
)
def test_atom_rss_and_json_feed(body: bytes, content_type: str, expected: tuple) -> None:
    items, problem = parse_feed(body, content_type)
    assert not problem
    assert expected in [(i.title, i.link) for i in items]  # in feed order; sorted when kept
    assert all(i.date is not None and i.date.tzinfo is not None for i in items)


def test_newest_first_and_limited(web: WebServer, tmp_path: Path) -> None:
    url = web.route("/atom", Reply(200, {"Content-Type": "application/atom+xml"}, ATOM))
    result = fetch_one(client(), community(url), None, TODAY, limit=1)
    assert result.news == "fetched"
    assert [i.title for i in result.state.items] == ["New settings reference"]
    assert result.state.items[0].author == "Dee"


def test_hostile_titles_become_plain_text(web: WebServer) -> None:
    url = web.route("/hostile", Reply(200, {"Content-Type": "application/rss+xml"}, HOSTILE))
    items = fetch_one(client(), community(url), None, TODAY, limit=5).state.items
    assert [i.link for i in items] == ["https://ok.example/1"]  # the javascript: item is dropped
    title = items[0].title
    assert "<" not in title and "\x1b" not in title and "\u202e" not in title
    assert "Hello" in title


def test_etag_and_304_keep_the_items(web: WebServer) -> None:
    def answer(seen):  # noqa: ANN001, ANN202
        if seen.headers.get("if-none-match") == '"v1"':
            return Reply(304, {"ETag": '"v1"'})
        return Reply(200, {"ETag": '"v1"', "Content-Type": "application/rss+xml"}, RSS)

    url = web.route("/rss", answer)
    first = fetch_one(client(), community(url), None, TODAY, limit=5)
    assert first.state.etag == '"v1"'
    second = fetch_one(client(), community(url), first.state, TODAY, limit=5)
    assert second.news == "unchanged" and second.state.items == first.state.items
    assert web.asked("/rss")[1].headers["if-none-match"] == '"v1"'


def test_last_modified_is_sent_back(web: WebServer) -> None:
    stamp = "Tue, 17 Nov 2026 07:00:00 GMT"

    def answer(seen):  # noqa: ANN001, ANN202
        if seen.headers.get("if-modified-since") == stamp:
            return Reply(304)
        return Reply(200, {"Last-Modified": stamp}, RSS)

    url = web.route("/lm", answer)
    first = fetch_one(client(), community(url), None, TODAY, limit=5)
    assert fetch_one(client(), community(url), first.state, TODAY, limit=5).news == "unchanged"


@pytest.mark.parametrize(
    "reply,problem",
    [
        (Reply(200, {}, b"<rss><channel><item><title>cut"), "malformed"),
        (Reply(200, {}, b"{not json"), "malformed JSON Feed"),
        (Reply(200, {"Content-Type": "text/html"}, b"<html><body>hi</body></html>"), "not an"),
        (Reply(404), "HTTP 404"),
        (Reply(200, endless=True), "larger than 100000 bytes"),
    ],
)
def test_a_bad_feed_keeps_the_last_good_items(
    web: WebServer, tmp_path: Path, reply: Reply, problem: str
) -> None:
    url = web.route("/feed", Reply(200, {}, ATOM))
    fetch_all(client(), [community(url)], tmp_path, tmp_path, TODAY, 5)
    web.route("/feed", reply)
    started = time.monotonic()
    results, _ = fetch_all(
        client(max_bytes=100_000), [community(url)], tmp_path, tmp_path, TODAY, 5
    )
    assert time.monotonic() - started < 5
    assert results[0].news == "failed" and problem in results[0].state.error
    state, _ = read_state(tmp_path, tmp_path, "wiki")
    assert state is not None and len(state.items) == 2 and state.ok == TODAY
    warning = report(results)[0]
    assert (warning.path, warning.line) == ("content/communities/wiki.md", 8)
    assert "kept the 2 earlier items" in warning.message


def test_one_bad_feed_never_stops_the_others(web: WebServer, tmp_path: Path) -> None:
    good = web.route("/good", Reply(200, {}, RSS))
    bad = web.route("/bad", Reply(200, {}, b"\x00\x01 garbage"))
    chosen = [community(bad, "bad"), community(good, "good")]
    results, _ = fetch_all(client(), chosen, tmp_path, tmp_path, TODAY, 5)
    assert [r.news for r in results] == ["failed", "fetched"]
    assert (tmp_path / "feeds" / "good.json").is_file()


def test_a_changed_feed_address_drops_the_old_items(web: WebServer, tmp_path: Path) -> None:
    write_state(tmp_path, "wiki", FeedState("https://old.example/feed", ()))
    url = web.route("/new", Reply(500))
    old, _ = read_state(tmp_path, tmp_path, "wiki")
    result = fetch_one(client(retries=0), community(url), old, TODAY, 5)
    assert result.state.url == url and result.state.items == ()


def test_archived_and_feedless_communities_are_not_fetched(web: WebServer, tmp_path: Path) -> None:
    from dataclasses import replace

    url = web.route("/f", Reply(200, {}, RSS))
    chosen = [replace(community(url), status="archived"), community("", "nofeed")]
    results, _ = fetch_all(client(), chosen, tmp_path, tmp_path, TODAY, 5)
    assert results == [] and web.requests == []
