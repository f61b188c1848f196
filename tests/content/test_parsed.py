"""Posts kept parsed between runs: bodies given back from the text, groups saved when changed."""

from __future__ import annotations

import pickle
from dataclasses import replace
from pathlib import Path

import pytest

from ssg.content import parsed as parsed_mod
from ssg.content.load import load_posts
from ssg.content.parsed import FILE_NAME, ParsedPosts, shard
from ssg.core.model import Config

CONFIG = Config(title="Hub", base_url="https://example.org/")


def _hub(root: Path, count: int) -> Path:
    posts = root / "content/posts"
    posts.mkdir(parents=True)
    for n in range(count):
        front = f"title: Post {n}\ndate: 2026-10-{n % 28 + 1:02d}\nsummary: Why {n}.\n"
        text = f"---\n{front}---\nBody *{n}*.\n\nMore.\n"
        (posts / f"post-{n:02d}.md").write_text(text, encoding="utf-8")
    return root


def _load(root: Path) -> tuple[list, ParsedPosts]:
    cache = ParsedPosts.open(root / ".ssg-cache", CONFIG)
    posts, diags = load_posts(root, CONFIG, cache)
    assert diags == []
    return posts, cache


def _shards(root: Path) -> dict[int, bytes]:
    with open(root / ".ssg-cache" / FILE_NAME, "rb") as file:
        pickle.load(file)  # the stamp
        return pickle.load(file)


def test_a_reused_post_equals_the_parsed_one_body_included(tmp_path: Path) -> None:
    root = _hub(tmp_path, 20)
    fresh, cache = _load(root)
    assert not cache.entries and len(cache.used) == 20
    cache.save()
    again, cache = _load(root)
    assert len(cache.entries) == 20  # every post came from the file
    assert again == fresh
    assert again[3].body == "Body *3*.\n\nMore.\n"


def test_bodies_are_not_stored(tmp_path: Path) -> None:
    root = _hub(tmp_path, 5)
    _load(root)[1].save()
    for data in _shards(root).values():
        for _, post, _, start, _ in pickle.loads(data).values():
            assert post.body == "" and start > 0


def test_a_body_that_is_not_the_end_of_the_text_is_stored_whole(tmp_path: Path) -> None:
    root = _hub(tmp_path, 1)
    shown = "content/posts/post-00.md"
    posts, cache = _load(root)
    text = (root / shown).read_text(encoding="utf-8")
    cache.used[shown] = (cache.used[shown][0], None, [], -1, None)
    cache.put(shown, text + "changed", (posts[0], []))  # as if the parser had moved it
    cache.save()
    _, post, _, start, _ = pickle.loads(_shards(root)[shard(shown)])[shown]
    assert (post.body, start) == (posts[0].body, -1)


def test_one_edit_pickles_one_group_again(tmp_path: Path, monkeypatch) -> None:
    root = _hub(tmp_path, 40)
    _load(root)[1].save()
    before = _shards(root)
    assert len(before) > 4  # the posts are spread over several groups
    edited = root / "content/posts/post-07.md"
    edited.write_text(edited.read_text(encoding="utf-8") + "Edited.\n", encoding="utf-8")
    pickled: list[dict] = []
    real_dumps = pickle.dumps
    monkeypatch.setattr(
        parsed_mod.pickle, "dumps", lambda v, **k: pickled.append(v) or real_dumps(v, **k)
    )
    posts, cache = _load(root)
    cache.save()
    after = _shards(root)
    group = shard("content/posts/post-07.md")
    assert [set(entries) for entries in pickled] == [{s for s in cache.used if shard(s) == group}]
    assert {n for n in after if after[n] != before[n]} == {group}
    assert next(p for p in posts if p.source.endswith("post-07.md")).body.endswith("Edited.\n")
    assert _load(root)[0] == posts


def test_nothing_changed_writes_nothing_and_a_deletion_rewrites_its_group(tmp_path: Path) -> None:
    root = _hub(tmp_path, 12)
    _load(root)[1].save()
    path = root / ".ssg-cache" / FILE_NAME
    path.touch()
    touched = path.stat().st_mtime_ns
    _load(root)[1].save()
    assert path.stat().st_mtime_ns == touched  # not written again
    (root / "content/posts/post-04.md").unlink()
    _load(root)[1].save()
    entries = {s for data in _shards(root).values() for s in pickle.loads(data)}
    assert "content/posts/post-04.md" not in entries and len(entries) == 11


@pytest.mark.parametrize(
    "damage",
    [b"\x80\x05garbage", pickle.dumps("x")[:-1]],
)
def test_a_damaged_file_is_ignored_with_a_warning(tmp_path: Path, damage: bytes) -> None:
    root = _hub(tmp_path, 3)
    _load(root)[1].save()
    (root / ".ssg-cache" / FILE_NAME).write_bytes(damage)
    posts, cache = _load(root)
    assert len(posts) == 3 and not cache.entries
    assert cache.warning and "ignoring unreadable parsed posts" in cache.warning


def test_entries_of_the_wrong_shape_are_ignored_with_a_warning(tmp_path: Path) -> None:
    root = _hub(tmp_path, 3)
    _, cache = _load(root)
    path = root / ".ssg-cache" / FILE_NAME
    path.parent.mkdir(parents=True, exist_ok=True)
    bad = {0: pickle.dumps({"content/posts/post-00.md": ("key", None)})}
    path.write_bytes(pickle.dumps(cache.stamp) + pickle.dumps(bad))
    posts, cache = _load(root)
    assert len(posts) == 3 and cache.warning


def _rendered(posts: list) -> list:
    return [replace(p, html=f"<p>{p.title}</p>") for p in posts]  # as the render stage does


def test_a_posts_page_hash_is_kept_for_the_same_post_and_stamp(tmp_path: Path) -> None:
    root = _hub(tmp_path, 6)
    posts, cache = _load(root)
    site_posts = _rendered(posts)
    digests = [(p, bytes([n]) * 20) for n, p in enumerate(site_posts)]
    cache.keep_digests(digests, "stamp-1")
    cache.save()
    posts, cache = _load(root)
    again = _rendered(posts)
    assert cache.known_digests(again, "stamp-1") == [
        (p, bytes([n]) * 20) for n, p in enumerate(again)
    ]
    assert cache.known_digests(again, "stamp-2") == []  # made by other code: not used


def test_no_hash_for_a_post_changed_after_parsing_or_edited(tmp_path: Path) -> None:
    root = _hub(tmp_path, 3)
    posts, cache = _load(root)
    site_posts = _rendered(posts)
    cache.keep_digests([(p, b"h" * 20) for p in site_posts], "s")
    cache.save()
    edited = root / "content/posts/post-01.md"
    edited.write_text(edited.read_text(encoding="utf-8") + "More.\n", encoding="utf-8")
    posts, cache = _load(root)
    site_posts = _rendered(posts)
    site_posts[2] = replace(site_posts[2], title="Post 2")  # equal, but not the same object
    found = cache.known_digests(site_posts, "s")
    assert [p.source for p, _ in found] == ["content/posts/post-00.md"]
    cache.keep_digests([(replace(posts[0], slug="other"), b"x" * 20)], "s")
    assert cache.known_digests(site_posts, "s") == found  # not the post parsed: not kept
