"""`ssg check-links`, `ssg fetch-feeds`, then an offline `ssg build`, as a hub manager runs them.

Every outside address of the hub points at a scripted server on 127.0.0.1.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.communities.webserver import Reply, WebServer

TODAY = "2026-11-25"
RSS = """<?xml version="1.0"?><rss version="2.0"><channel><title>Forum</title>
<item><title>&lt;script&gt;alert(1)&lt;/script&gt;Ride report &amp; photos</title>
<link>https://forum.example/t/1</link><pubDate>Mon, 23 Nov 2026 10:00:00 GMT</pubDate></item>
<item><title>Old thread</title><link>https://forum.example/t/0</link>
<pubDate>Mon, 02 Mar 2026 10:00:00 GMT</pubDate></item>
<item><title>Bad link</title><link>javascript:alert(1)</link></item>
</channel></rss>"""
OLD_RSS = """<?xml version="1.0"?><rss version="2.0"><channel><title>Quiet</title>
<item><title>Last words</title><link>https://quiet.example/1</link>
<pubDate>Mon, 02 Mar 2026 10:00:00 GMT</pubDate></item></channel></rss>"""


def community_file(name: str, url: str, feed: str = "") -> str:
    feed_line = f"feed: {feed}\n" if feed else ""
    return (
        f"---\nname: {name}\nurl: {url}\nplatform: forum\n"
        f"summary: Threads about rides and repairs, written by owners.\n"
        f"run_by: fans\nreviewed: 2026-11-01\n{feed_line}---\nA place.\n"
    )


@pytest.fixture()
def online_hub(hub: Callable[..., Path], web: WebServer) -> Path:
    web.route("/forum", Reply(200))
    web.route("/feed.xml", Reply(200, {"Content-Type": "application/rss+xml"}, RSS.encode()))
    web.route("/quiet", Reply(200))
    web.route("/quiet.xml", Reply(200, {}, OLD_RSS.encode()))
    web.route("/moved", Reply(301, {"Location": "/new-home"}))
    web.route("/new-home", Reply(200))
    web.route("/gone", Reply(410))
    post = (
        "---\ntitle: Hello\ndate: 2026-11-20 10:00\nsummary: A post that links out.\n---\n"
        f"Welcome.\n\nSee [the new place]({web.url('/moved')}).\n"
    )
    return hub(
        "online",
        {
            "content/communities/riders.md": community_file(
                "Riders Forum", web.url("/forum"), web.url("/feed.xml")
            ),
            "content/communities/quiet.md": community_file(
                "Quiet Club", web.url("/quiet"), web.url("/quiet.xml")
            ),
            "content/communities/closed.md": community_file("Closed Board", web.url("/gone")),
            "content/posts/2026-11-20-hello.md": post,
        },
    )


def test_check_links_reports_dead_and_moved_at_their_lines(
    online_hub: Path, run_cli: Callable[..., tuple[int, str, str]], web: WebServer
) -> None:
    code, out, err = run_cli(
        "check-links", "--site", online_hub, "--today", TODAY, "--format", "json"
    )
    assert code == 1, err
    findings = {
        (f["path"], f["line"], f["severity"], f["code"]) for f in json.loads(out)["findings"]
    }
    assert findings == {
        ("content/communities/closed.md", 3, "error", "link-dead"),
        ("content/posts/2026-11-20-hello.md", 8, "warning", "link-moved"),
    }
    cache = json.loads((online_hub / ".ssg-cache" / "links.json").read_text())
    assert cache["links"][web.url("/forum")]["last_ok"] == TODAY
    assert "Online Hub" in web.asked("/forum")[0].headers["user-agent"]
    code, out, _ = run_cli(
        "check-links", "--site", online_hub, "--today", TODAY, "--format", "github"
    )
    assert code == 1
    assert (
        "::error file=content/communities/closed.md,line=3,title=ssg link-dead error::dead link"
        in out
    )
    assert len(web.asked("/forum")) == 1  # the good result came from the cache


def test_check_links_exits_0_when_nothing_is_dead(
    online_hub: Path, run_cli: Callable[..., tuple[int, str, str]], web: WebServer
) -> None:
    (online_hub / "content/communities/closed.md").unlink()
    code, out, _ = run_cli("check-links", "--site", online_hub, "--today", TODAY, "--no-cache")
    assert code == 0
    assert re.search(r"hello\.md:8: warning: .*moved permanently to .*/new-home", out)


def test_bad_input_exits_2_before_any_request(
    online_hub: Path, run_cli: Callable[..., tuple[int, str, str]], web: WebServer
) -> None:
    (online_hub / "content/communities/bad.md").write_text("---\nname: Bad\n---\n")
    for command in ("check-links", "fetch-feeds"):
        code, _, err = run_cli(command, "--site", online_hub, "--today", TODAY)
        assert code == 2 and "content/communities/bad.md:1: missing required 'url'" in err
    assert web.requests == []
    code, _, err = run_cli("check-links", "--site", online_hub, "--max-age", "soon")
    assert code == 2 and "expected a number of days" in err


def test_fetch_then_build_offline(
    online_hub: Path, run_cli: Callable[..., tuple[int, str, str]], web: WebServer
) -> None:
    code, _, err = run_cli("build", "--site", online_hub, "--today", TODAY)
    assert code == 0, err
    home = (online_hub / "public/index.html").read_text()
    assert "Latest from the communities" not in home  # no cache: no section, no feed
    assert not (online_hub / "public/communities/feed.xml").exists()

    run_cli("check-links", "--site", online_hub, "--today", TODAY)
    code, _, err = run_cli("fetch-feeds", "--site", online_hub, "--today", TODAY)
    assert code == 0, err
    asked = len(web.requests)
    code, _, err = run_cli("build", "--site", online_hub, "--today", TODAY)
    assert code == 0, err
    assert len(web.requests) == asked  # the build never went online

    home = (online_hub / "public/index.html").read_text()
    section = home.split("Latest from the communities")[1]
    assert "&lt;script&gt;" not in section and "<script" not in section  # tags dropped
    assert "alert(1) Ride report &amp; photos" in section
    assert 'href="https://forum.example/t/1" rel="external noopener"' in section
    assert "javascript:" not in home
    assert "Riders Forum" in section and "Run by fans, independent of Acme" in section
    assert section.index("Ride report") < section.index("Last words")  # newest first

    page = (online_hub / "public/communities/riders/index.html").read_text()
    assert "Latest from Riders Forum" in page and "Last words" not in page
    assert "Link last seen working" in page and "25 November 2026" in page
    assert "communities/feed.xml" in home and 'type="application/feed+json"' in home

    atom = ET.parse(online_hub / "public/communities/feed.xml").getroot()
    titles = [e.findtext("{http://www.w3.org/2005/Atom}title") for e in atom.iter()]
    assert "alert(1) Ride report & photos (Riders Forum)" in titles
    items = json.loads((online_hub / "public/communities/feed.json").read_text())["items"]
    assert [i["url"] for i in items][:2] == ["https://forum.example/t/1", "https://quiet.example/1"]
    opml = (online_hub / "public/communities.opml").read_text()
    assert 'xmlUrl="https://example.org/hub/communities/feed.xml"' in opml


def test_fetch_failure_is_reported_and_the_build_keeps_items(
    online_hub: Path, run_cli: Callable[..., tuple[int, str, str]], web: WebServer
) -> None:
    run_cli("fetch-feeds", "--site", online_hub, "--today", TODAY)
    web.route("/feed.xml", Reply(500))
    code, out, err = run_cli(
        "fetch-feeds", "--site", online_hub, "--today", TODAY, "--timeout", "2"
    )
    assert code == 0, err
    assert "content/communities/riders.md:8: warning: feed " in out and "HTTP 500" in out
    run_cli("build", "--site", online_hub, "--today", TODAY)
    assert "Ride report" in (online_hub / "public/index.html").read_text()


def test_lint_flags_a_quiet_community_at_its_feed_line(
    online_hub: Path, run_cli: Callable[..., tuple[int, str, str]]
) -> None:
    run_cli("fetch-feeds", "--site", online_hub, "--today", TODAY)
    code, out, _ = run_cli("lint", "--site", online_hub, "--today", TODAY)
    assert code == 0  # a warning: a person looks, nothing fails
    assert "content/communities/quiet.md:8: warning: Quiet Club may be inactive" in out
    assert "riders.md" not in out
    config = online_hub / "site.yaml"
    config.write_text(config.read_text().replace("30d", "300d"))
    assert "may be inactive" not in run_cli("lint", "--site", online_hub, "--today", TODAY)[1]


def test_a_corrupt_cache_stops_the_build_with_a_located_error(
    online_hub: Path, run_cli: Callable[..., tuple[int, str, str]]
) -> None:
    run_cli("build", "--site", online_hub, "--today", TODAY)
    before = (online_hub / "public/index.html").read_text()
    broken = online_hub / ".ssg-cache/feeds/riders.json"
    broken.parent.mkdir(parents=True)
    broken.write_text('{"version": 1, "items": [')
    code, _, err = run_cli("build", "--site", online_hub, "--today", TODAY)
    assert code == 2 and ".ssg-cache/feeds/riders.json:1: error: unreadable cache" in err
    assert "run `ssg fetch-feeds` again" in err and "Traceback" not in err
    assert (online_hub / "public/index.html").read_text() == before  # the output is untouched
    code, out, err = run_cli("fetch-feeds", "--site", online_hub, "--today", TODAY)
    assert code == 0, err
    assert ".ssg-cache/feeds/riders.json:1: warning: unreadable cache" in out
    assert "started it afresh" in out
    assert run_cli("build", "--site", online_hub, "--today", TODAY)[0] == 0
