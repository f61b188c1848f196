"""Feeds kept from the last build: untouched when what they show is unchanged, else as cold."""

from __future__ import annotations

from pathlib import Path

from ssg.engine import feeds as kept_feeds
from ssg.engine.pages import PageRecord
from ssg.output import feeds
from ssg.output.write import KEPT
from tests.conftest import build_hub, copy_hub
from tests.engine.test_incremental import _append, _stamps
from tests.engine.test_warm_builds import HELLO, LAUNCH, snapshot

MAIN = ("feed.xml", "rss.xml", "feed.json")
NEWS = tuple(f"tags/news/{name}" for name in MAIN)  # HELLO and LAUNCH are tagged news
COMMUNITY = tuple(f"tags/community/{name}" for name in MAIN)  # HELLO only


def _limit(root: Path, limit: int) -> None:
    _append(root / "site.yaml", f"feeds:\n  limit: {limit}\n")


def _changed(before: dict, after: dict, names: tuple[str, ...]) -> set[str]:
    return {name for name in names if after[name] != before[name]}


def test_an_edit_to_a_post_no_feed_shows_leaves_every_feed_untouched(tmp_path: Path) -> None:
    root = copy_hub("basic", tmp_path / "basic")
    _limit(root, 1)  # each feed shows its newest post only: LAUNCH is in none of them
    first = build_hub(root)
    before = _stamps(first.out)
    _append(root / LAUNCH, "\nA closing line.\n")
    warm = build_hub(root)
    assert snapshot(warm.out) == snapshot(
        build_hub(root, out=tmp_path / "cold", use_cache=False).out
    )
    after = _stamps(warm.out)
    assert after["posts/launch/index.html"] != before["posts/launch/index.html"]
    feed_files = [name for name in before if name.endswith(("feed.xml", "rss.xml", "feed.json"))]
    assert len(feed_files) > 6 and all(after[name] == before[name] for name in feed_files)


def test_an_edit_to_a_shown_post_writes_its_feeds_again_and_only_those(tmp_path: Path) -> None:
    root = copy_hub("basic", tmp_path / "basic")
    first = build_hub(root)
    before = _stamps(first.out)
    _append(root / LAUNCH, "\nA closing line.\n")  # shown in the main feed and in news
    warm = build_hub(root)
    assert snapshot(warm.out) == snapshot(
        build_hub(root, out=tmp_path / "cold", use_cache=False).out
    )
    after = _stamps(warm.out)
    assert "A closing line." in (warm.out / "feed.xml").read_text(encoding="utf-8")
    assert _changed(before, after, MAIN + NEWS) == set(MAIN + NEWS)
    assert _changed(before, after, COMMUNITY) == set()  # LAUNCH is not tagged community


def test_a_feed_setting_or_a_title_change_writes_feeds_as_a_cold_build(tmp_path: Path) -> None:
    root = copy_hub("basic", tmp_path / "basic")
    build_hub(root)
    _limit(root, 1)
    limited = build_hub(root)
    assert snapshot(limited.out) == snapshot(
        build_hub(root, out=tmp_path / "a", use_cache=False).out
    )
    hello = root / HELLO
    hello.write_text(hello.read_text(encoding="utf-8").replace("Hello &", "Hi &"), encoding="utf-8")
    retitled = build_hub(root)
    assert "Hi &amp; welcome" in (retitled.out / "feed.xml").read_text(encoding="utf-8")
    assert snapshot(retitled.out) == snapshot(
        build_hub(root, out=tmp_path / "b", use_cache=False).out
    )


def test_kept_only_for_the_same_key_and_format(tmp_path: Path) -> None:
    root = copy_hub("basic", tmp_path / "basic")
    site = build_hub(root).result.site
    written, records = kept_feeds.feed_files(site, {})
    assert written == feeds.feed_files(site)  # nothing kept: the writers' own text
    assert records.keys() == written.keys()
    kept, again = kept_feeds.feed_files(site, records)
    assert set(kept.values()) == {KEPT} and again == records
    swapped = {"feed.xml": records["rss.xml"], "rss.xml": PageRecord("atom:" + "0" * 40, ())}
    other, _ = kept_feeds.feed_files(site, swapped)
    assert other["feed.xml"] == written["feed.xml"] and other["rss.xml"] == written["rss.xml"]
