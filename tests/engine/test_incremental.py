"""Work kept between builds: nothing-changed replays, pages kept, small changes written in place.

Every test compares a warm build with a cold build of the same hub (the bytes
must be equal) and then checks that the warm one really skipped the work.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from ssg.core.model import Post
from ssg.engine import digest, pages
from ssg.output.journal import apply_in_place, journal_path, recover
from tests.conftest import build_hub, copy_hub
from tests.engine.test_warm_builds import HELLO, snapshot

TODAY = ("--today", "2026-11-23")


def _stamps(out: Path) -> dict[str, tuple[int, int]]:
    return {
        p.relative_to(out).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns)
        for p in out.rglob("*")
        if p.is_file()
    }


def _append(file: Path, text: str) -> None:
    file.write_text(file.read_text(encoding="utf-8") + text, encoding="utf-8")


def _grow(root: Path, count: int) -> None:
    """More posts, so one edit is a small share of the site (the in-place path)."""
    for number in range(count):
        (root / f"content/posts/2026-09-{number % 28 + 1:02d}-extra-{number}.md").write_text(
            f"---\ntitle: Extra {number}\ndate: 2026-09-{number % 28 + 1:02d}\n"
            f"summary: Extra post {number}.\ntags: [extra{number % 3}]\n---\nBody {number}.\n",
            encoding="utf-8",
        )


def test_a_post_edit_renders_only_the_pages_that_show_it(tmp_path: Path) -> None:
    root = copy_hub("basic", tmp_path / "basic")
    first = build_hub(root)
    before = _stamps(first.out)
    _append(root / HELLO, "\nA new closing line.\n")
    warm = build_hub(root)
    cold = build_hub(root, out=tmp_path / "cold", use_cache=False)
    assert snapshot(warm.out) == snapshot(cold.out)
    stats = warm.result.stats
    assert 0 < stats.pages_rendered < first.result.stats.pages_rendered
    assert stats.pages_kept == first.result.stats.pages_rendered - stats.pages_rendered
    after = _stamps(warm.out)
    assert after["posts/hello/index.html"] != before["posts/hello/index.html"]
    assert after["about/index.html"] == before["about/index.html"]  # not rendered, not written


def test_a_site_attribute_a_template_reads_renders_its_pages_again(tmp_path: Path) -> None:
    """A custom footer counting drafts: no page context holds the drafts, `site` does."""
    root = copy_hub("basic", tmp_path / "basic")
    theme = Path(__file__).resolve().parents[2] / "themes/default/templates/base.html"
    (root / "templates").mkdir()
    text = theme.read_text(encoding="utf-8")
    (root / "templates/base.html").write_text(
        text + "{{ site.drafts|length }} drafts\n", encoding="utf-8"
    )
    assert "1 drafts" in build_hub(root).read("about/index.html")
    (root / "content/posts/2026-11-02-draft-two.md").write_text(
        "---\ntitle: Two\ndate: 2026-11-02\nsummary: Also not ready.\ndraft: true\n---\nDraft.\n",
        encoding="utf-8",
    )
    warm = build_hub(root)
    cold = build_hub(root, out=tmp_path / "cold", use_cache=False)
    assert "2 drafts" in warm.read("about/index.html")
    assert snapshot(warm.out) == snapshot(cold.out)


def test_pages_rendered_on_two_cores_are_the_same_bytes(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(pages, "MIN_PARALLEL", 1)  # the small hub uses the workers too
    monkeypatch.setattr(pages, "SLICE", 3)
    monkeypatch.setattr(pages.threading, "active_count", lambda: 1)  # threads other tests left
    root = copy_hub("basic", tmp_path / "basic")
    one = build_hub(root, out=tmp_path / "one", jobs=1, use_cache=False)
    two = build_hub(root, out=tmp_path / "two", jobs=2, use_cache=False)
    assert snapshot(one.out) == snapshot(two.out)


def test_keys_hashed_while_two_cores_render_serve_the_next_build(
    tmp_path: Path, monkeypatch
) -> None:
    """A first build hashes its page keys while the workers render; the next build keeps pages."""
    monkeypatch.setattr(pages, "MIN_PARALLEL", 1)
    monkeypatch.setattr(pages, "SLICE", 3)
    monkeypatch.setattr(pages.threading, "active_count", lambda: 1)
    root = copy_hub("basic", tmp_path / "basic")
    first = build_hub(root, jobs=2)
    _append(root / HELLO, "\nA new closing line.\n")
    warm = build_hub(root, jobs=2)
    assert 0 < warm.result.stats.pages_rendered < first.result.stats.pages_rendered
    assert snapshot(warm.out) == snapshot(
        build_hub(root, out=tmp_path / "cold", use_cache=False).out
    )


@pytest.mark.parametrize("workers", [1, 2])
def test_meanwhile_runs_once_beside_the_work(workers: int) -> None:
    calls: list[int] = []
    found = pages._map(
        lambda i: i + 1, 6, workers, pages.MIN_PARALLEL, True, lambda: calls.append(1)
    )
    assert list(found) == [1, 2, 3, 4, 5, 6] and calls == [1]


def test_the_page_workers_are_other_processes() -> None:
    """Forced past the thread check: other tests of this run may have left threads behind."""
    found = list(pages._map(lambda i: os.getpid(), 8, 2, pages.MIN_PARALLEL, beside_threads=True))
    assert len(found) == 8 and os.getpid() not in found
    squares = pages._map(lambda i: i * i, 8, 2, pages.MIN_PARALLEL, beside_threads=True)
    assert list(squares) == [i * i for i in range(8)]


def test_a_template_error_on_two_cores_is_reported_once(tmp_path: Path, monkeypatch) -> None:
    from ssg.core.diagnostics import SsgError

    monkeypatch.setattr(pages, "MIN_PARALLEL", 1)
    monkeypatch.setattr(pages, "SLICE", 2)
    monkeypatch.setattr(pages.threading, "active_count", lambda: 1)
    root = copy_hub("basic", tmp_path / "basic")
    (root / "templates").mkdir()
    (root / "templates/post.html").write_text("{{ post.nope.deeper }}\n", encoding="utf-8")
    with pytest.raises(SsgError) as caught:
        build_hub(root, jobs=2)
    shown = [d.text() for d in caught.value.diagnostics]
    assert len(shown) == 1 and "templates/post.html:1" in shown[0], shown


def test_nothing_changed_replays_the_lint_and_its_exit_code(tmp_path: Path, run_cli) -> None:
    root = copy_hub("basic", tmp_path / "basic")
    late = ("--today", "2027-03-01")  # months without a post: the cadence lint fails
    first = run_cli("build", "--site", root, *late)
    again = run_cli("build", "--site", root, *late)
    assert first[0] == again[0] == 1
    assert first[1] == again[1] and "max_gap" in first[1]
    assert "nothing changed since the last build" in again[2]
    for fmt in ("json", "github"):
        one = run_cli("lint", "--site", root, *late, "--format", fmt)
        two = run_cli("build", "--site", root, *late, "--format", fmt)
        assert "nothing changed" in two[2] and one[1] == two[1]


@pytest.mark.parametrize(
    "change",
    ["another day", "another build time", "an output file edited", "an output file added",
     "the record damaged", "the parsed posts damaged"],
)  # fmt: skip
def test_a_build_is_done_again_when(tmp_path: Path, change: str) -> None:
    root = copy_hub("basic", tmp_path / "basic")
    first = build_hub(root)
    options: dict = {}
    if change == "another day":
        options["today"] = first.result.site.today.replace(day=24)
    elif change == "another build time":
        options["epoch"] = "1764000000"
    elif change == "an output file edited":
        (first.out / "about/index.html").write_text("edited by hand", encoding="utf-8")
    elif change == "an output file added":
        (first.out / "stray.html").write_text("left here", encoding="utf-8")
    elif change == "the record damaged":
        (root / ".ssg-cache/output.cache").write_bytes(b"{\xda\x06format")
    else:
        (root / ".ssg-cache/posts.pickle").write_bytes(b"\x80\x05garbage")
    again = build_hub(root, **options)
    cold = build_hub(root, out=tmp_path / "cold", use_cache=False, **options)
    assert not again.result.unchanged
    warned = again.result.stats.others  # one line for a damaged file, none otherwise
    assert len(warned) == (1 if "damaged" in change else 0), warned
    assert all("ignoring" in line and "rebuilding it" in line for line in warned)
    assert snapshot(again.out) == snapshot(cold.out)
    assert build_hub(root, **options).result.unchanged  # and then it is settled


def test_a_small_change_is_written_in_place_and_a_large_one_swapped(tmp_path: Path) -> None:
    root = copy_hub("basic", tmp_path / "basic")
    _grow(root, 120)
    first = build_hub(root)
    folder = first.out.stat().st_ino
    before = _stamps(first.out)
    _append(root / "content/posts/2026-09-05-extra-4.md", "One more line.\n")
    small = build_hub(root)
    assert small.out.stat().st_ino == folder  # the same folder, patched
    after = _stamps(small.out)
    changed = {name for name in after if after[name] != before.get(name)}
    assert "posts/extra-4/index.html" in changed and len(changed) < len(after) // 20
    assert snapshot(small.out) == snapshot(build_hub(root, out=tmp_path / "a", use_cache=False).out)
    (root / "content/posts/2026-09-05-extra-4.md").unlink()
    gone = build_hub(root)
    assert not (gone.out / "posts/extra-4").exists()  # its page and its folder
    assert snapshot(gone.out) == snapshot(build_hub(root, out=tmp_path / "b", use_cache=False).out)
    (root / "templates").mkdir()
    (root / "templates/post.html").write_text("{{ post.title }}\n", encoding="utf-8")
    large = build_hub(root)
    assert large.out.stat().st_ino != folder  # a whole new folder, swapped in


def test_a_journal_cut_short_is_completed_by_the_next_write(tmp_path: Path) -> None:
    out = tmp_path / "public"
    out.mkdir()
    (out / "a.html").write_text("old a", encoding="utf-8")
    (out / "gone").mkdir()
    (out / "gone/index.html").write_text("old", encoding="utf-8")
    apply_in_place(out, {"a.html": b"new a", "b/index.html": b"new b"}, ["gone/index.html"])
    assert (out / "a.html").read_text() == "new a" and (out / "b/index.html").read_text() == "new b"
    assert not (out / "gone").exists() and not journal_path(out).exists()
    stage = tmp_path / ".public.new-1"  # as a build killed while moving leaves it
    stage.mkdir()
    (stage / "1").write_text("newer b", encoding="utf-8")
    moves = [["0", "a.html"], ["1", "b/index.html"]]  # "0" was moved before the kill
    journal = {"stage": stage.name, "moves": moves, "deletes": ["a.html"]}
    journal_path(out).write_text(json.dumps(journal), encoding="utf-8")
    recover(out)
    assert (out / "b/index.html").read_text() == "newer b" and not (out / "a.html").exists()
    assert not journal_path(out).exists() and not stage.exists()


def _tag_page(root: Path, body: str) -> None:
    """A hub tag template listing its posts with `body` for each (in templates/)."""
    (root / "templates").mkdir(exist_ok=True)
    (root / "templates/tag.html").write_text(
        '{% extends "base.html" %}{% block main %}{% for post in posts %}'
        + body
        + "{% endfor %}{% endblock %}\n",
        encoding="utf-8",
    )


@pytest.mark.parametrize(
    ("shows", "rendered_again"),
    [
        ("<p>{{ post.title }}</p>", False),
        ("{{ post.html }}", True),
        ("{{ post['body'] }}", True),
        ("{{ post|attr('html') }}", True),
        ("{{ [post]|map(attribute='html')|join }}", True),
        ("{{ post }}", False),  # printed whole: the text is not in its repr
    ],
)
def test_a_text_edit_renders_a_listing_again_only_if_it_shows_the_text(
    tmp_path: Path, shows: str, rendered_again: bool
) -> None:
    root = copy_hub("basic", tmp_path / "basic")
    _tag_page(root, shows)
    (root / "templates/index.html").write_text("{{ posts|length }}\n", encoding="utf-8")
    first = build_hub(root)
    before = _stamps(first.out)
    _append(root / HELLO, "\nA sentence only the post's text has.\n")
    warm = build_hub(root)
    cold = build_hub(root, out=tmp_path / "cold", use_cache=False)
    assert snapshot(warm.out) == snapshot(cold.out)
    assert "sentence only the post" not in repr(cold.result.site.posts)
    after = _stamps(warm.out)
    assert (after["tags/news/index.html"] != before["tags/news/index.html"]) is rendered_again
    assert after["posts/hello/index.html"] != before["posts/hello/index.html"]
    assert after["archive/index.html"] == before["archive/index.html"]  # titles and dates only


def test_a_title_edit_renders_its_listings_again(tmp_path: Path) -> None:
    root = copy_hub("basic", tmp_path / "basic")
    first = build_hub(root)
    before = _stamps(first.out)
    file = root / HELLO
    file.write_text(file.read_text(encoding="utf-8").replace("Hello & welcome", "Hi"), "utf-8")
    warm = build_hub(root)
    assert snapshot(warm.out) == snapshot(build_hub(root, out=tmp_path / "c", use_cache=False).out)
    after = _stamps(warm.out)
    for page in ("tags/news/index.html", "archive/index.html", "index.html"):
        assert after[page] != before[page], page


def test_a_static_file_that_becomes_a_folder_is_written_whole(tmp_path: Path) -> None:
    root = copy_hub("basic", tmp_path / "basic")
    _grow(root, 120)  # large enough that a two-file change would go in place
    (root / "static").mkdir(exist_ok=True)
    (root / "static/notes").write_text("a file", encoding="utf-8")
    build_hub(root)
    (root / "static/notes").unlink()
    (root / "static/notes").mkdir()
    (root / "static/notes/one.txt").write_text("now a folder", encoding="utf-8")
    warm = build_hub(root)
    assert (warm.out / "static/notes/one.txt").read_text(encoding="utf-8") == "now a folder"
    assert snapshot(warm.out) == snapshot(build_hub(root, out=tmp_path / "c", use_cache=False).out)


def test_the_next_day_renders_only_pages_that_show_the_date(tmp_path: Path) -> None:
    """A daily build: the footer's year is all most pages take from the build date."""
    import datetime as dt

    root = copy_hub("basic", tmp_path / "basic")
    first = build_hub(root, today=dt.date(2026, 11, 23))
    before = _stamps(first.out)
    nextday = build_hub(root, today=dt.date(2026, 11, 24))
    cold = build_hub(root, out=tmp_path / "cold", use_cache=False, today=dt.date(2026, 11, 24))
    assert snapshot(nextday.out) == snapshot(cold.out)
    assert nextday.result.stats.pages_rendered < first.result.stats.pages_rendered // 2
    assert _stamps(nextday.out)["posts/hello/index.html"] == before["posts/hello/index.html"]
    newyear = build_hub(root, today=dt.date(2027, 1, 2))  # the footer's year changes everywhere
    assert newyear.result.stats.pages_kept == 0


def test_a_warm_build_hashes_only_the_posts_that_changed(tmp_path: Path, monkeypatch) -> None:
    """Unchanged posts bring their hash from the last build (kept with their parsed form)."""
    root = copy_hub("basic", tmp_path / "basic")
    _grow(root, 30)
    build_hub(root)
    hashed: list[str] = []
    real = digest.Digester.object_digest

    def spy(self: digest.Digester, value: object) -> bytes:
        if isinstance(value, Post) and id(value) not in self._memo:
            hashed.append(value.source)
        return real(self, value)

    monkeypatch.setattr(digest.Digester, "object_digest", spy)
    edited = "content/posts/2026-09-05-extra-4.md"
    _append(root / edited, "One more line.\n")
    warm = build_hub(root)
    assert sorted(set(hashed)) == [edited]
    cold = build_hub(root, out=tmp_path / "cold", use_cache=False)
    assert snapshot(warm.out) == snapshot(cold.out)


def test_templates_pages_include_are_compiled_here_and_kept(tmp_path: Path) -> None:
    """Workers compile nothing the parent has not: what pages extend is kept for next time."""
    from ssg.output.render import BYTECODE_FOLDER, KeptTemplates
    from tests.output.test_render import SITE, hub_with, job

    templates = {"p.html": "{% extends 'frame.html' %}", "frame.html": "{% include 'part.html' %}"}
    root = hub_with(tmp_path / "hub", {**templates, "part.html": "part"})
    compiled = KeptTemplates(tmp_path / "cache")
    pages.render_batch([], root, SITE, {}, workers=2, compiled=compiled)  # nothing rendered here
    compiled.save()
    kept = list((tmp_path / "cache" / BYTECODE_FOLDER).rglob("*.cache"))
    theme = Path(__file__).resolve().parents[2] / "themes/default/templates"
    assert len(kept) == 3 + len([*theme.rglob("*.html"), *theme.rglob("*.xml")])
    html, _ = pages.render_batch([job("p.html")], root, SITE, {}, workers=1)
    assert html == {"posts/a/index.html": "part"}


def test_a_build_does_not_look_at_template_files_once_per_page(tmp_path: Path, monkeypatch) -> None:
    """Templates cannot change during a build: no modification check for each page using one."""
    from tests.output.test_render import SITE, hub_with, job

    templates = {"p.html": "{% extends 'frame.html' %}", "frame.html": "{% include 'part.html' %}"}
    root = hub_with(tmp_path / "hub", {**templates, "part.html": "part"})
    checked: list[str] = []
    real = os.path.getmtime
    monkeypatch.setattr(os.path, "getmtime", lambda p: checked.append(str(p)) or real(p))
    jobs = [job("p.html", f"posts/{n}/") for n in range(40)]
    html, _ = pages.render_batch(jobs, root, SITE, {}, workers=1)
    assert set(html.values()) == {"part"}
    assert len(checked) < 40
