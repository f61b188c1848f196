"""Feed items and link dates from the cache into the site: offline, ordered, escaped later."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

from ssg.communities.activity import feed_files, latest, with_activity
from ssg.communities.feedcache import FeedState, write_state
from ssg.core.model import Community, Config, FeedItem, Site
from ssg.core.page import feed_links

TODAY = dt.date(2026, 11, 25)


def community(slug: str, name: str, status: str = "active") -> Community:
    return Community(
        source=f"content/communities/{slug}.md",
        slug=slug,
        name=name,
        url=f"https://{slug}.example/",
        platform="forum",
        summary="Threads.",
        run_by="fans",
        reviewed=TODAY,
        page_url=f"communities/{slug}/",
        feed=f"https://{slug}.example/feed",
        status=status,
    )


def item(title: str, day: int | None) -> FeedItem:
    date = dt.datetime(2026, 11, day, 9, tzinfo=dt.UTC) if day else None
    return FeedItem(title, f"https://x.example/{title.replace(' ', '-')}", date)


@pytest.fixture()
def site() -> Site:
    config = Config(title="Hub", base_url="https://example.org/hub/", brand="Acme")
    chosen = (community("a", "Alpha"), community("b", "Beta"), community("z", "Zed", "archived"))
    return Site(config=config, today=TODAY, posts=(), communities=chosen)


def test_no_cache_changes_nothing(site: Site, tmp_path: Path) -> None:
    same, diags = with_activity(site, tmp_path)
    assert same == site and diags == []
    assert feed_files(same) == {} and not any("communities" in f.url for f in feed_links(same))


def test_items_of_active_communities_newest_first(site: Site, tmp_path: Path) -> None:
    cache = tmp_path / ".ssg-cache"
    write_state(
        cache, "a", FeedState("https://a.example/feed", (item("a new", 20), item("a old", 2)))
    )
    write_state(cache, "b", FeedState("https://b.example/feed", (item("b undated", None),)))
    write_state(cache, "z", FeedState("https://z.example/feed", (item("z archived", 24),)))
    links = {
        "version": 1,
        "links": {"https://a.example/": {"state": "ok", "last_ok": "2026-11-21"}},
    }
    (cache / "links.json").write_text(json.dumps(links))
    full, diags = with_activity(site, tmp_path)
    assert diags == []
    assert [i.title for i, _ in latest(full)] == ["a new", "a old", "b undated"]
    assert full.communities[0].seen_working == {"https://a.example/": dt.date(2026, 11, 21)}
    files = feed_files(full)
    assert set(files) == {"communities/feed.xml", "communities/feed.json"}
    assert "z archived" not in files["communities/feed.xml"]
    assert [f.url for f in feed_links(full)][-2:] == list(files)


def test_items_of_another_feed_address_are_not_shown(site: Site, tmp_path: Path) -> None:
    cache = tmp_path / ".ssg-cache"
    write_state(cache, "a", FeedState("https://a.example/old-feed", (item("stale", 20),)))
    full, _ = with_activity(site, tmp_path)
    assert latest(full) == []


def test_hand_edited_items_are_cleaned_again(site: Site, tmp_path: Path) -> None:
    path = tmp_path / ".ssg-cache/feeds/a.json"
    path.parent.mkdir(parents=True)
    raw = [
        {"title": "<b>Bold</b>\u0007", "link": "https://a.example/1", "date": "2026-11-01"},
        {"title": "x", "link": "javascript:alert(1)"},
    ]
    path.write_text(json.dumps({"version": 1, "url": "https://a.example/feed", "items": raw}))
    full, _ = with_activity(site, tmp_path)
    assert [(i.title, i.link) for i in full.communities[0].items] == [
        ("Bold", "https://a.example/1")
    ]


def test_corrupt_cache_is_a_located_error(site: Site, tmp_path: Path) -> None:
    path = tmp_path / ".ssg-cache/feeds/a.json"
    path.parent.mkdir(parents=True)
    path.write_text("[1, 2")
    _, diags = with_activity(site, tmp_path)
    assert [(d.path, d.severity.value) for d in diags] == [(".ssg-cache/feeds/a.json", "error")]
    assert "run `ssg fetch-feeds` again" in diags[0].message


def test_the_build_imports_nothing_that_goes_online() -> None:
    code = "import sys, ssg.build; print(sorted(m for m in sys.modules if m in ONLINE))"
    online = "{'ssg.communities.http', 'ssg.communities.feedfetch', 'urllib.request', 'feedparser'}"
    result = subprocess.run(
        [sys.executable, "-c", f"ONLINE = {online}\n{code}"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert result.stdout.strip() == "[]"
