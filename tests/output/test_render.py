"""Jinja rendering: lookup order, strictness, escaping, located template errors."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from ssg.config.themes import BUILTIN_THEMES, check_theme, theme_chain
from ssg.core.diagnostics import SsgError
from ssg.core.model import Config, Site
from ssg.core.page import Job, PageMeta
from ssg.engine.inputs import OWN_FILES
from ssg.output.render import (
    BYTECODE_FOLDER,
    KeptTemplates,
    format_date,
    make_environment,
    render_jobs,
)

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


def _render_cached(root: Path, kept: Path) -> tuple[str, list[str]]:
    """Render one page with compiled templates kept in `kept`; the names Jinja compiled."""
    compiled = KeptTemplates(kept)
    env = make_environment(root, SITE, compiled)
    names: list[str] = []
    real = env.compile

    def counting(source, name=None, filename=None, raw=False, defer_init=False):  # noqa: ANN001, ANN202
        names.append(name)
        return real(source, name, filename, raw, defer_init)

    env.compile = counting  # type: ignore[method-assign]
    html = render_jobs(root, SITE, [job("p.html")], env=env)["posts/a/"]
    compiled.save()
    return html, names


def test_compiled_templates_are_kept_and_follow_edits(tmp_path: Path) -> None:
    root = hub_with(tmp_path / "hub", {"p.html": "first {{ page.title }}"})
    kept = tmp_path / "cache"
    assert _render_cached(root, kept) == ("first T", ["p.html"])
    assert _render_cached(root, kept) == ("first T", [])  # loaded, not compiled
    assert list((kept / BYTECODE_FOLDER).rglob("*.cache"))
    (root / "templates/p.html").write_text("second {{ page.title }}", encoding="utf-8")
    assert _render_cached(root, kept) == ("second T", ["p.html"])


def test_compiled_templates_wait_for_save(tmp_path: Path) -> None:
    root = hub_with(tmp_path / "hub", {"p.html": "x"})
    compiled = KeptTemplates(tmp_path / "cache")
    render_jobs(root, SITE, [job("p.html")], env=make_environment(root, SITE, compiled))
    assert not (tmp_path / "cache").exists()  # a build refused later leaves no trace
    compiled.save()
    assert list((tmp_path / "cache").rglob("*.cache"))


def test_a_damaged_compiled_template_is_compiled_again(tmp_path: Path) -> None:
    root = hub_with(tmp_path / "hub", {"p.html": "page {{ page.title }}"})
    kept = tmp_path / "cache"
    _render_cached(root, kept)
    for file in (kept / BYTECODE_FOLDER).rglob("*.cache"):
        file.write_bytes(file.read_bytes()[:20])
    assert _render_cached(root, kept) == ("page T", ["p.html"])


def test_without_a_cache_folder_nothing_is_kept(tmp_path: Path) -> None:
    root = hub_with(tmp_path / "hub", {"p.html": "x"})
    env = make_environment(root, SITE)
    assert env.bytecode_cache is None
    assert render_jobs(root, SITE, [job("p.html")], env=env) == {"posts/a/": "x"}


def test_compiled_templates_are_the_builds_own_cache_files() -> None:
    assert BYTECODE_FOLDER in OWN_FILES  # the nothing-changed check must not count them


def test_an_unwritable_template_cache_only_costs_a_compile(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import jinja2.bccache

    def full(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(jinja2.bccache.tempfile, "NamedTemporaryFile", full)
    root = hub_with(tmp_path / "hub", {"p.html": "ok {{ page.title }}"})
    assert _render_cached(root, tmp_path / "cache") == ("ok T", ["p.html"])


@pytest.mark.parametrize(
    "source",
    [
        '{{ _("Skip to content") }}',
        '{{ _("100%% <b>sure</b>") }}',
        '{{ _("Hello %(name)s", name="<i>you</i>") }}',
        '{% autoescape false %}{{ _("a < b %%") }}{% endautoescape %}',
        '{% trans name="<x>" %}Hi {{ name }} 5%{% endtrans %}',
        '{% trans %}Plain{% endtrans %} {{ gettext("Plain") }} {{ _("Plain") }}',
    ],
)
def test_remembered_gettext_gives_jinjas_own_result(source: str) -> None:
    import gettext

    import jinja2

    from ssg.output.render import _remembered_gettext

    def env(fast: bool) -> jinja2.Environment:
        made = jinja2.Environment(extensions=["jinja2.ext.i18n"], autoescape=True)
        made.install_gettext_translations(gettext.NullTranslations(), newstyle=True)
        if fast:
            made.globals["gettext"] = _remembered_gettext(gettext.NullTranslations().gettext)
        return made

    stock, fast = env(False).from_string(source), env(True).from_string(source)
    assert fast.render() == stock.render()
    assert fast.render() == stock.render()  # the second time from what it kept
