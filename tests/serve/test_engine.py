"""The in-memory rebuild: what a full build writes, after any edit, rendering only what changed."""

from __future__ import annotations

from pathlib import Path

import pytest

from ssg.core.diagnostics import SsgError
from ssg.serve.engine import LiveBuild
from tests.conftest import TODAY

HELLO = "content/posts/2026-11-20-hello.md"
GUIDE = "content/posts/2026-11-05-guide.md"
ABOUT = "content/pages/about.md"


def built_files(root: Path, build_in_place) -> dict[str, bytes]:
    out = build_in_place(root).out
    files = {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    files.pop(".ssg-output")
    return files


def edit(root: Path, rel: str, change) -> None:  # noqa: ANN001 - str -> str
    path = root / rel
    path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")


def test_each_rebuild_equals_a_full_build(hub, build_in_place) -> None:
    root = hub()
    engine = LiveBuild(root, today=TODAY)
    assert dict(engine.rebuild().files) == built_files(root, build_in_place)
    steps = [
        (HELLO, lambda t: t + "\nOne more line.\n"),
        (HELLO, lambda t: t.replace("Hello & welcome", "Hello again")),
        (HELLO, lambda t: t.replace("[news, Community]", "[news, renamed]")),
        (ABOUT, lambda t: t + "\nAnd [the guide](../posts/2026-11-05-guide.md).\n"),
        (GUIDE, lambda t: t.replace("slug: battery-guide", "slug: moved")),
        ("site.yaml", lambda t: t.replace("posts_per_page: 2", "posts_per_page: 3")),
    ]  # fmt: skip
    for rel, change in steps:
        edit(root, rel, change)
        snapshot = engine.rebuild({str(root / rel)})
        assert dict(snapshot.files) == built_files(root, build_in_place), rel
    (root / "content/posts/2026-11-10-meetup.md").unlink()
    assert dict(engine.rebuild().files) == built_files(root, build_in_place)


def test_a_body_edit_renders_that_post_and_the_pages_that_list_it(hub) -> None:
    root = hub()
    engine = LiveBuild(root, today=TODAY)
    first = engine.rebuild()
    assert first.report and first.report.pages_rendered == first.report.pages
    edit(root, "content/posts/2025-12-30-launch.md", lambda t: t + "\nLate addition.\n")
    report = engine.rebuild().report
    assert report is not None
    assert (report.files_parsed, report.markdown_rendered) == (1, 1)
    assert 1 <= report.pages_rendered < report.pages // 2
    again = engine.rebuild().report
    assert again is not None and (again.files_parsed, again.pages_rendered) == (0, 0)


def test_a_template_reading_site_posts_is_rendered_again_everywhere(hub, build_in_place) -> None:
    sidebar = "{% for p in site.posts %}<i>{{ p.title }}</i>{% endfor %}</footer>"
    root = hub()
    base = Path(__file__).resolve().parents[2] / "themes/default/templates/base.html"
    (root / "templates").mkdir()
    (root / "templates/base.html").write_text(
        base.read_text(encoding="utf-8").replace("</footer>", sidebar, 1), encoding="utf-8"
    )
    engine = LiveBuild(root, today=TODAY)
    engine.rebuild()
    edit(root, HELLO, lambda t: t.replace("Hello & welcome", "Renamed post"))
    snapshot = engine.rebuild()
    assert b"<i>Renamed post</i>" in snapshot.files["about/index.html"]
    assert dict(snapshot.files) == built_files(root, build_in_place)


def test_drafts_include_scheduled_posts_with_badges(hub) -> None:
    snapshot = LiveBuild(hub(), drafts=True, today=TODAY).rebuild()
    assert "posts/scheduled/index.html" in snapshot.files
    assert snapshot.badges == {
        "posts/scheduled/index.html": "Scheduled for 2026-12-24: not public yet",
        "posts/draft/index.html": "Draft: not published",
    }


def test_a_text_edit_keeps_the_listings_that_do_not_show_the_text(hub, build_in_place) -> None:
    root = hub()
    (root / "templates").mkdir(exist_ok=True)
    (root / "templates/tag.html").write_text(
        '{% extends "base.html" %}{% block main %}{% for post in posts %}'
        "<p>{{ post.title }}</p>{% endfor %}{% endblock %}\n",
        encoding="utf-8",
    )
    engine = LiveBuild(root, today=TODAY)
    engine.rebuild()
    edit(root, HELLO, lambda t: t + "\nOnly in the text.\n")
    snapshot = engine.rebuild({str(root / HELLO)})
    assert snapshot.report is not None and snapshot.report.pages_rendered == 1  # the post alone
    assert dict(snapshot.files) == built_files(root, build_in_place)
    (root / "templates/tag.html").write_text(
        '{% extends "base.html" %}{% block main %}{% for post in posts %}'
        "{{ post.html }}{% endfor %}{% endblock %}\n",
        encoding="utf-8",
    )
    engine.rebuild({str(root / "templates/tag.html")})
    edit(root, HELLO, lambda t: t + "\nAgain only in the text.\n")
    snapshot = engine.rebuild({str(root / HELLO)})
    assert snapshot.report is not None and snapshot.report.pages_rendered > 1  # its tag pages
    assert dict(snapshot.files) == built_files(root, build_in_place)


def test_a_template_edit_renders_on_workers_with_the_same_bytes(
    hub, build_in_place, monkeypatch
) -> None:
    from ssg.engine import pages

    monkeypatch.setattr(pages, "MIN_PARALLEL", 1)  # the small hub takes the workers' path too
    monkeypatch.setattr(pages, "SLICE", 3)
    root = hub()
    engine = LiveBuild(root, today=TODAY)
    assert dict(engine.rebuild().files) == built_files(root, build_in_place)
    theme = Path(__file__).resolve().parents[2] / "themes/default/templates/base.html"
    (root / "templates").mkdir(exist_ok=True)
    text = theme.read_text(encoding="utf-8") + "<!-- x -->\n"
    (root / "templates/base.html").write_text(text, encoding="utf-8")
    snapshot = engine.rebuild({str(root / "templates/base.html")})
    assert b"<!-- x -->" in snapshot.files["posts/hello/index.html"]
    assert dict(snapshot.files) == built_files(root, build_in_place)


def test_the_server_reports_what_a_build_refuses(hub) -> None:
    """Two tag spellings sharing one tag page: an error in `ssg build`, and here."""
    root = hub()
    engine = LiveBuild(root, today=TODAY)
    engine.rebuild()
    edit(root, HELLO, lambda t: t.replace("[news, Community]", "[news, C++, C]"))
    with pytest.raises(SsgError) as caught:
        engine.rebuild({str(root / HELLO)})
    assert any("C++" in d.text() for d in caught.value.diagnostics)
    edit(root, HELLO, lambda t: t.replace("[news, C++, C]", "[news, Community]"))
    assert engine.rebuild({str(root / HELLO)}).files


def test_a_site_link_to_nothing_is_an_error_until_the_page_exists(hub) -> None:
    root = hub()
    engine = LiveBuild(root, today=TODAY)
    engine.rebuild()
    edit(root, HELLO, lambda t: t + "\nSee [the docs](/docs/).\n")
    with pytest.raises(SsgError) as caught:
        engine.rebuild({str(root / HELLO)})
    shown = [d.text() for d in caught.value.diagnostics]
    assert any(HELLO in line and "/docs/" in line for line in shown), shown
    (root / "content/pages/docs.md").write_text(
        "---\ntitle: Docs\n---\nThe docs.\n", encoding="utf-8"
    )
    assert "docs/index.html" in engine.rebuild({str(root / "content/pages/docs.md")}).files
