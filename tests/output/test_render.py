"""Jinja rendering: lookup order, strictness, escaping, located template errors."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from ssg.config.themes import BUILTIN_THEMES, check_theme, theme_chain
from ssg.core.diagnostics import SsgError
from ssg.core.model import Config, Site
from ssg.core.page import Job, PageMeta
from ssg.output.render import format_date, render_jobs

SITE = Site(
    config=Config(title="Hub", base_url="https://example.org/hub/"),
    today=dt.date(2026, 11, 25),
    posts=(),
)


def job(template: str, url: str = "posts/a/", kind: str = "post", **context: object) -> Job:
    return Job(template, PageMeta(kind, url, "T", "D"), context)


def hub_with(tmp_path: Path, templates: dict[str, str]) -> Path:
    for name, text in templates.items():
        file = tmp_path / "templates" / name
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(text, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    ("value", "style", "text"),
    [
        (dt.date(2026, 3, 7), "long", "7 March 2026"),
        (dt.date(2026, 3, 7), "short", "7 Mar 2026"),
        (dt.date(2026, 3, 7), "iso", "2026-03-07"),
        (dt.datetime(2026, 12, 31, 23, 0), "long", "31 December 2026"),
    ],
)
def test_format_date(value: dt.date, style: str, text: str) -> None:
    assert format_date(value, style) == text


def test_theme_chain_prefers_hub_themes(tmp_path: Path) -> None:
    (tmp_path / "themes" / "brand" / "templates").mkdir(parents=True)
    assert theme_chain(tmp_path, "brand") == [
        tmp_path / "themes" / "brand",
        BUILTIN_THEMES / "default",
    ]
    assert theme_chain(tmp_path, "default") == [BUILTIN_THEMES / "default"]
    assert check_theme(tmp_path, "brand", 4) == []


def test_unknown_theme_names_site_yaml_line(tmp_path: Path) -> None:
    (diag,) = check_theme(tmp_path, "nosuch", 6)
    assert diag.text().startswith("site.yaml:6: unknown theme 'nosuch'; expected one of: ")
    assert "default" in diag.message


def test_render_urls_are_relative_and_404_is_rooted(tmp_path: Path) -> None:
    root = hub_with(
        tmp_path, {"t.html": "{{ url('tags/x/') }} {{ url('/about/') }} {{ abs_url(page.url) }}"}
    )
    out = render_jobs(root, SITE, [job("t.html"), job("t.html", "404.html", "404")])
    assert out["posts/a/"] == "../../tags/x/ ../../about/ https://example.org/hub/posts/a/"
    assert out["404.html"] == "/hub/tags/x/ /hub/about/ https://example.org/hub/404.html"


def test_autoescape_is_on(tmp_path: Path) -> None:
    root = hub_with(tmp_path, {"t.html": "<p>{{ text }}</p>{{ html|safe }}"})
    out = render_jobs(root, SITE, [job("t.html", text="<b>&", html="<i>ok</i>")])
    assert out["posts/a/"] == "<p>&lt;b&gt;&amp;</p><i>ok</i>"


def test_hub_template_overrides_theme(tmp_path: Path) -> None:
    root = hub_with(tmp_path, {"404.html": "hub 404 for {{ config.title }}"})
    out = render_jobs(root, SITE, [job("404.html", "404.html", "404")])
    assert out["404.html"] == "hub 404 for Hub"


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ("line one\nline two\n{{ nope }}\n", 3, "'nope' is undefined"),
        ("a\n{{ page.nope }}\n", 2, "has no attribute 'nope'"),
        ("a\nb\n{% if %}\n", 3, "template error:"),
        ("{{ 1 + }}\n", 1, "template error:"),
        # Errors Python raises while a template runs are template errors too, not tracebacks.
        ("{% for x in 3 %}{% endfor %}\n", 1, "not iterable"),
        ("a\n{{ 1 / 0 }}\n", 2, "division by zero"),
    ],
)
def test_template_errors_are_located(tmp_path: Path, text: str, line: int, fragment: str) -> None:
    root = hub_with(tmp_path, {"post.html": text})
    with pytest.raises(SsgError) as info:
        render_jobs(root, SITE, [job("post.html")])
    (diag,) = info.value.diagnostics
    assert (diag.path, diag.line) == ("templates/post.html", line)
    assert diag.text().startswith(f"templates/post.html:{line}: template error: ")
    assert fragment in diag.message


def test_error_in_parent_template_points_at_parent(tmp_path: Path) -> None:
    root = hub_with(
        tmp_path,
        {
            "base.html": "<html>\n{% block main %}{% endblock %}\n{{ missing_var }}\n</html>\n",
            "child.html": '{% extends "base.html" %}\n{% block main %}ok{% endblock %}\n',
        },
    )
    with pytest.raises(SsgError) as info:
        render_jobs(root, SITE, [job("child.html")])
    assert [d.text().split(": template error")[0] for d in info.value.diagnostics] == [
        "templates/base.html:3"
    ]


def test_all_template_errors_together_and_each_once(tmp_path: Path) -> None:
    root = hub_with(tmp_path, {"a.html": "{{ one }}", "b.html": "\n{{ two }}"})
    jobs = [job("a.html", "x/"), job("a.html", "y/"), job("b.html", "z/")]
    with pytest.raises(SsgError) as info:
        render_jobs(root, SITE, jobs)
    assert [(d.path, d.line) for d in info.value.diagnostics] == [
        ("templates/a.html", 1),
        ("templates/b.html", 2),
    ]


def test_missing_template(tmp_path: Path) -> None:
    with pytest.raises(SsgError) as info:
        render_jobs(tmp_path, SITE, [job("nosuch.html")])
    assert "template 'nosuch.html' not found" in info.value.diagnostics[0].message
