"""What the server adds to HTML: only to HTML responses, and nothing the privacy lint objects to."""

from __future__ import annotations

from ssg.config.load import load_config
from ssg.lint.privacy import check_privacy
from ssg.serve.inject import SCRIPT, Marks, inject, panel

PAGE = b"<!DOCTYPE html><html><body><p>Hi</p></body></html>\n"


def test_the_panel_goes_before_the_last_body_end() -> None:
    out = inject(PAGE, Marks(epoch=7))
    assert out.startswith(b'<!DOCTYPE html><html><body><p>Hi</p><div id="ssg-live" data-epoch="7">')
    assert out.endswith(b"</script>\n</body></html>\n")


def test_errors_and_findings_are_escaped_and_listed() -> None:
    marks = Marks(1, errors=["a.md:3: bad <b>"], findings=["b.md:1: warning: x [privacy]"])
    text = panel(marks)
    assert "a.md:3: bad &lt;b&gt;" in text and "b.md:1: warning: x [privacy]" in text
    assert 'role="alert"' in text and "data-ssg-dismiss" in text


def test_without_reload_nothing_is_added_to_a_good_page() -> None:
    assert inject(PAGE, Marks(1, reload=False)) == PAGE
    assert b"<script>" not in inject(PAGE, Marks(1, reload=False, badge="Draft"))


def test_the_script_passes_the_privacy_lint(hub) -> None:
    root = hub()
    (root / "templates").mkdir()
    (root / "templates" / "live.html").write_text(panel(Marks(3, badge="Draft")), "utf-8")
    (root / "static").mkdir()
    (root / "static" / "live.js").write_text(
        SCRIPT.removeprefix("<script>").removesuffix("</script>\n"), "utf-8"
    )  # noqa: E501
    findings = check_privacy(root, load_config(root), documents=[])
    assert [f for f in findings if "live" in f.path] == []
    (root / "static" / "live.js").write_text(
        'new EventSource("https://elsewhere.example/e");\n', "utf-8"
    )  # noqa: E501
    assert [f for f in check_privacy(root, load_config(root), documents=[]) if "live" in f.path]
