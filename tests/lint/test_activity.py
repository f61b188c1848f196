"""communities.activity_threshold: a quiet feed is flagged at the community's feed line."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest

from ssg.communities.feedcache import FeedState, write_state
from ssg.core.model import CommunitiesConfig, Community, Config, FeedItem
from ssg.lint.activity import check_activity

TODAY = dt.date(2026, 11, 25)
CONFIG = Config(
    title="Hub",
    base_url="https://example.org/",
    communities=CommunitiesConfig(activity_threshold=90),
)
FORUM = Community(
    source="content/communities/forum.md",
    slug="forum",
    name="Forum",
    url="https://forum.example/",
    platform="forum",
    summary="Threads.",
    run_by="fans",
    reviewed=TODAY,
    page_url="communities/forum/",
    feed="https://forum.example/feed",
    lines={"feed": 9},
)


def kept(tmp_path: Path, *days_ago: int, ok: dt.date | None = TODAY) -> None:
    items = tuple(
        FeedItem(
            f"t{n}",
            f"https://forum.example/{n}",
            dt.datetime.combine(TODAY - dt.timedelta(days=n), dt.time(12), dt.UTC),
        )
        for n in days_ago
    )
    write_state(tmp_path / ".ssg-cache", "forum", FeedState(FORUM.feed, items, ok=ok))


@pytest.mark.parametrize(
    ("days_ago", "flagged"), [((89, 200), False), ((90, 120), True), ((), True)]
)
def test_threshold(tmp_path: Path, days_ago: tuple[int, ...], flagged: bool) -> None:
    kept(tmp_path, *days_ago)
    found = check_activity(tmp_path, CONFIG, [FORUM], TODAY)
    assert [(d.path, d.line, d.severity.value) for d in found] == (
        [("content/communities/forum.md", 9, "warning")] if flagged else []
    )


def test_not_judged_without_a_good_fetch_or_when_off(tmp_path: Path) -> None:
    kept(tmp_path, 400, ok=None)  # never fetched successfully
    assert check_activity(tmp_path, CONFIG, [FORUM], TODAY) == []
    kept(tmp_path, 400)
    off = replace(CONFIG, communities=CommunitiesConfig())
    assert check_activity(tmp_path, off, [FORUM], TODAY) == []
    archived = replace(FORUM, status="archived")
    assert check_activity(tmp_path, CONFIG, [archived], TODAY) == []
    assert len(check_activity(tmp_path, CONFIG, [FORUM], TODAY)) == 1
