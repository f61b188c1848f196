"""The Markdown cache: a hit only when nothing the render read has changed; damage is ignored."""

from __future__ import annotations

import json
import marshal
from pathlib import Path

import pytest

from ssg.content import markup
from ssg.engine import cache as cache_mod
from ssg.engine.cache import Item, MarkdownCache, Rendered
from ssg.engine.parallel import render_items

LINKS = {"content/posts/b.md": "posts/b/"}
ITEM = Item("See [b](b.md).", "content/posts/a.md", 5, "posts/a/")


def _warm(folder: Path) -> MarkdownCache:
    cache = MarkdownCache.open(folder)
    render_items([ITEM], LINKS, {}, cache, jobs=1)
    cache.save()
    return MarkdownCache.open(folder)


def test_a_saved_render_is_found_again(tmp_path: Path) -> None:
    cache = _warm(tmp_path)
    found = cache.get(ITEM, LINKS, {})
    assert found is not None and 'href="../b/"' in found.html
    assert found.deps == {"content/posts/b.md": "url:posts/b/"}
    assert cache.warning is None


@pytest.mark.parametrize(
    "changed",
    [
        Item("See [b](b.md)!", ITEM.source, ITEM.body_line, ITEM.url),
        Item(ITEM.body, "content/posts/c.md", ITEM.body_line, ITEM.url),
        Item(ITEM.body, ITEM.source, 6, ITEM.url),
        Item(ITEM.body, ITEM.source, ITEM.body_line, "2026/a/"),
        Item(ITEM.body, ITEM.source, ITEM.body_line, ITEM.url, allow_html=False),
    ],
)
def test_any_changed_input_misses(tmp_path: Path, changed: Item) -> None:
    assert _warm(tmp_path).get(changed, LINKS, {}) is None


@pytest.mark.parametrize(
    ("links", "unpublished"),
    [
        ({"content/posts/b.md": "posts/b-renamed/"}, {}),
        ({}, {"content/posts/b.md": "a draft"}),
        ({}, {}),
    ],
)
def test_a_linked_file_that_moved_or_left_misses(tmp_path: Path, links, unpublished) -> None:
    assert _warm(tmp_path).get(ITEM, links, unpublished) is None


def test_other_links_changing_still_hits(tmp_path: Path) -> None:
    links = {**LINKS, "content/posts/z.md": "posts/z-new/"}
    assert _warm(tmp_path).get(ITEM, links, {}) is not None


def test_the_text_key_is_the_same_for_a_fresh_and_a_kept_render(tmp_path: Path) -> None:
    fresh = MarkdownCache.open(tmp_path)
    [rendered], _ = render_items([ITEM], LINKS, {}, fresh, jobs=1)
    kept = _warm(tmp_path).get(ITEM, LINKS, {})
    assert kept is not None and rendered.key == kept.key != ""
    assert cache_mod.text_key(rendered) == cache_mod.text_key(kept)


def test_the_text_key_changes_with_the_body_and_with_a_linked_url(tmp_path: Path) -> None:
    def key(item: Item, links: dict[str, str]) -> bytes:
        [rendered], _ = render_items([item], links, {}, MarkdownCache.open(None), jobs=1)
        return cache_mod.text_key(rendered)

    edited = Item("See [b](b.md)!", ITEM.source, ITEM.body_line, ITEM.url)
    moved = {"content/posts/b.md": "posts/b-renamed/"}
    assert len({key(ITEM, LINKS), key(edited, LINKS), key(ITEM, moved)}) == 3
    assert cache_mod.text_key(Rendered("<p>Unseen.</p>", (), {})) == b""  # no key: none made


def test_markdown_settings_are_part_of_the_key(tmp_path: Path, monkeypatch) -> None:
    _warm(tmp_path)
    config = {**markup.EXTENSIONS_CONFIG, "toc": {"permalink": "¶"}}
    monkeypatch.setattr(markup, "EXTENSIONS_CONFIG", config)
    assert MarkdownCache.open(tmp_path).get(ITEM, LINKS, {}) is None


def _with_version(data: bytes, version: int) -> bytes:
    """The same file with another version in its header (the header's length changes too)."""
    start = len(cache_mod.MAGIC) + 4
    size = int.from_bytes(data[len(cache_mod.MAGIC) : start], "little")
    _, parts, code = marshal.loads(data[start : start + size])
    header = marshal.dumps((version, parts, code))
    return cache_mod.MAGIC + len(header).to_bytes(4, "little") + header + data[start + size :]


def test_the_same_version_reads_back(tmp_path: Path) -> None:  # the helper below changes only it
    _warm(tmp_path)
    path = tmp_path / cache_mod.FILE_NAME
    path.write_bytes(_with_version(path.read_bytes(), cache_mod.FORMAT_VERSION))
    cache = MarkdownCache.open(tmp_path)
    assert cache.warning is None and cache.get(ITEM, LINKS, {}) is not None


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 2],  # truncated
        lambda data: b"\x00\xff garbage",
        lambda data: marshal.dumps({"format": "something-else", "version": 1, "entries": {}}),
        lambda data: marshal.dumps({"format": cache_mod.FORMAT, "version": 999, "entries": {}}),
        lambda data: marshal.dumps([1, 2, 3]),
        lambda data: json.dumps({"format": cache_mod.FORMAT, "entries": {}}).encode(),  # v1
        lambda data: _with_version(data, cache_mod.FORMAT_VERSION - 1),
        lambda data: cache_mod.MAGIC + b"\xff\xff\xff\x7f" + data[len(cache_mod.MAGIC) + 4 :],
        lambda data: data[: len(cache_mod.MAGIC) + 2],
    ],
)
def test_a_damaged_file_is_ignored_with_one_warning(tmp_path: Path, damage) -> None:
    _warm(tmp_path)
    path = tmp_path / cache_mod.FILE_NAME
    path.write_bytes(damage(path.read_bytes()))
    cache = MarkdownCache.open(tmp_path)
    assert cache.warning and str(path) in cache.warning and "\n" not in cache.warning
    done, hits = render_items([ITEM], LINKS, {}, cache, jobs=1)
    assert hits == 0 and 'href="../b/"' in done[0].html
    cache.save()
    assert MarkdownCache.open(tmp_path).get(ITEM, LINKS, {}) is not None  # rebuilt


def _groups(path: Path) -> dict[int, tuple[bytes, bytes]]:
    shards, _ = cache_mod.decode(path.read_bytes())
    return {n: (checksum, bytes(payload)) for n, (checksum, payload) in shards.items()}


def _stored(path: Path) -> dict:
    """Every entry in the file, group by group."""
    return {
        k: v for _, payload in _groups(path).values() for k, v in marshal.loads(payload).items()
    }


@pytest.mark.parametrize("what", ["an entry's bytes", "a hash"])
def test_a_damaged_group_is_a_miss_with_a_warning(tmp_path: Path, what: str) -> None:
    _warm(tmp_path)
    path = tmp_path / cache_mod.FILE_NAME
    shards, code = cache_mod.decode(path.read_bytes())
    (n, (checksum, payload)), *_ = shards.items()
    if what == "a hash":
        checksum = bytes(20)
    else:  # a changed letter in the HTML: still a valid entry, but not the one written
        payload = bytes(payload).replace(b"See", b"Sea", 1)
    path.write_bytes(b"".join(cache_mod.encode({n: (checksum, payload)}, code)))
    cache = MarkdownCache.open(tmp_path)
    assert cache.get(ITEM, LINKS, {}) is None
    assert cache.warning and "damaged parts" in cache.warning
    done, hits = render_items([ITEM], LINKS, {}, cache, jobs=1)
    assert hits == 0 and "See" in done[0].html
    cache.save()
    assert MarkdownCache.open(tmp_path).get(ITEM, LINKS, {}) is not None  # rebuilt


def test_save_keeps_only_this_builds_entries_and_no_temp_file(tmp_path: Path) -> None:
    cache = _warm(tmp_path)
    other = Item("Other.", "content/posts/o.md", 3, "posts/o/")
    cache.put(other, Rendered("<p>Other.</p>", (), {}))
    cache.save()
    assert list(_stored(tmp_path / cache_mod.FILE_NAME)) == [
        cache_mod.item_key(other, cache.environment)
    ]
    assert [p.name for p in tmp_path.iterdir()] == [cache_mod.FILE_NAME]


def test_one_new_entry_encodes_one_group_again(tmp_path: Path, monkeypatch) -> None:
    items = [Item(f"Post {n}.", f"content/posts/p{n}.md", 3, f"posts/p{n}/") for n in range(60)]
    cache = MarkdownCache.open(tmp_path)
    render_items(items, {}, {}, cache, jobs=1)
    cache.save()
    before = _groups(tmp_path / cache_mod.FILE_NAME)
    assert len(before) == cache_mod.SHARDS  # sixty entries fill every group
    edited = Item(
        "Post 7, edited.", *[getattr(items[7], f) for f in ("source", "body_line", "url")]
    )
    cache = MarkdownCache.open(tmp_path)
    encoded: list[dict] = []
    real = marshal.dumps
    monkeypatch.setattr(cache_mod.marshal, "dumps", lambda v: encoded.append(v) or real(v))
    done, hits = render_items([*items[:7], edited, *items[8:]], {}, {}, cache, jobs=1)
    assert hits == 59 and "edited" in done[7].html
    cache.save()
    after = _groups(tmp_path / cache_mod.FILE_NAME)
    old, new = (cache_mod.item_key(i, cache.environment) for i in (items[7], edited))
    assert {n for n in after if after[n] != before[n]} == {int(old[0], 16), int(new[0], 16)}
    groups = [v for v in encoded if isinstance(v, dict) and v and all(len(k) == 64 for k in v)]
    assert len(groups) == len({int(old[0], 16), int(new[0], 16)})


def test_an_unchanged_cache_is_not_rewritten(tmp_path: Path) -> None:
    cache = _warm(tmp_path)
    path = tmp_path / cache_mod.FILE_NAME
    before = path.stat().st_mtime_ns
    path.touch()
    stamp = path.stat().st_mtime_ns
    render_items([ITEM], LINKS, {}, cache, jobs=1)
    cache.save()
    assert path.stat().st_mtime_ns == stamp >= before


def test_no_cache_reads_and_writes_nothing(tmp_path: Path) -> None:
    cache = MarkdownCache.open(None)
    done, hits = render_items([ITEM], LINKS, {}, cache, jobs=1)
    cache.save()
    assert hits == 0 and done[0].html and list(tmp_path.iterdir()) == []
