"""The proof: a build with a warm cache writes the same bytes as a cold one, whatever changed."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import build_hub, copy_hub

HELLO = "content/posts/2026-11-20-hello.md"
LAUNCH = "content/posts/2025-12-30-launch.md"
MEETUP = "content/posts/2026-11-10-meetup.md"


def _edit(path: str, old: str, new: str) -> Callable[[Path], None]:
    def change(root: Path) -> None:
        file = root / path
        text = file.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {path}"
        file.write_text(text.replace(old, new), encoding="utf-8")

    return change


def _truncate_cache(root: Path) -> None:
    file = root / ".ssg-cache/markdown.cache"
    file.write_bytes(file.read_bytes()[:100])


def _edit_static(root: Path) -> None:
    """The hub's static/ overrides the theme's stylesheet: the served file changes."""
    static = root / "static/css"
    static.mkdir(parents=True, exist_ok=True)
    (static / "style.css").write_text("body { color: red; }\n", encoding="utf-8")


def _edit_template(root: Path) -> None:
    theme = Path(__file__).resolve().parents[2] / "themes/default/templates/base.html"
    (root / "templates").mkdir()
    text = theme.read_text(encoding="utf-8")
    (root / "templates/base.html").write_text(text + "<!-- edited -->\n", encoding="utf-8")


CHANGES = {
    "post edited": _edit(HELLO, "A footnote", "An edited footnote"),
    "post deleted": lambda root: (root / MEETUP).unlink(),
    "linked post's slug changed": _edit(LAUNCH, "tags: [news]", "tags: [news]\nslug: kickoff"),
    "tag renamed": _edit(MEETUP, "tags: [events]", "tags: [gatherings]"),
    "template edited": _edit_template,
    "theme static file changed": _edit_static,
    "base_url changed": _edit("site.yaml", "https://example.org/hub/", "https://example.com/"),
    "permalink setting changed": _edit(
        "site.yaml", "brand: Acme", "brand: Acme\npermalink: /{year}/{slug}/"
    ),
    "cache file truncated": _truncate_cache,
}


def snapshot(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}


@pytest.mark.parametrize("name", CHANGES)
def test_warm_build_matches_cold(tmp_path: Path, name: str) -> None:
    root = copy_hub("basic", tmp_path / "basic")
    first = build_hub(root)  # warms .ssg-cache and public/
    before = snapshot(first.out)
    CHANGES[name](root)
    warm = build_hub(root)
    cold = build_hub(root, out=tmp_path / "cold", use_cache=False)
    assert snapshot(warm.out) == snapshot(cold.out)
    if name == "cache file truncated":
        assert snapshot(warm.out) == before
        assert warm.result.stats.cached == 0 and warm.result.stats.warning
    else:
        assert snapshot(warm.out) != before  # the change shows in the output
        assert warm.result.stats.cached > 0 and not warm.result.stats.warning


def test_unchanged_warm_build_renders_no_markdown(tmp_path: Path) -> None:
    root = copy_hub("basic", tmp_path / "basic")
    cold = build_hub(root)
    post = next((root / "content/posts").glob("*.md"))
    os.utime(post)  # touched, same text: read again, nothing rendered
    warm = build_hub(root)
    assert cold.result.stats.cached == 0 and cold.result.stats.rendered > 0
    assert not warm.result.unchanged and warm.result.stats.rendered == 0
    assert warm.result.stats.cached == cold.result.stats.rendered
    assert warm.result.stats.pages_rendered == 0
    assert warm.result.stats.pages_kept == cold.result.stats.pages_rendered


def test_linked_slug_change_rerenders_the_linking_post(tmp_path: Path) -> None:
    root = copy_hub("basic", tmp_path / "basic")
    build_hub(root)
    CHANGES["linked post's slug changed"](root)
    warm = build_hub(root)
    assert 'href="../kickoff/#plans"' in warm.read("posts/hello/index.html")
    assert warm.result.stats.rendered == 2  # the renamed post and the one linking to it


def test_jobs_one_and_two_write_the_same_bytes(tmp_path: Path, monkeypatch) -> None:
    from ssg.engine import parallel

    monkeypatch.setattr(parallel, "MIN_PER_WORKER", 1)  # the small hub uses the pool too
    root = copy_hub("basic", tmp_path / "basic")
    one = build_hub(root, out=tmp_path / "one", jobs=1, use_cache=False)
    two = build_hub(root, out=tmp_path / "two", jobs=2, use_cache=False)
    assert snapshot(one.out) == snapshot(two.out)


def test_unchanged_warm_build_rewrites_no_file(tmp_path: Path) -> None:
    root = copy_hub("basic", tmp_path / "basic")
    first = build_hub(root)
    stamps = _stamps(first.out)
    again = build_hub(root)
    assert _stamps(again.out) == stamps and len(stamps) > 50


def _stamps(out: Path) -> dict[Path, tuple[int, int]]:
    return {p: (p.stat().st_ino, p.stat().st_mtime_ns) for p in out.rglob("*") if p.is_file()}
