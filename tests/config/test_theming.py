"""Branding from site.yaml: accent colours checked for contrast, logo, CSS, words, switches."""

from __future__ import annotations

from pathlib import Path

import pytest

from ssg.config.theming import accent_problem, contrast
from ssg.core.diagnostics import SsgError

BASIC = (Path(__file__).parents[1] / "sites/basic/site.yaml").read_text(encoding="utf-8")
LINE = BASIC.count("\n") + 1  # the first line appended to the fixture's site.yaml


def test_contrast_follows_wcag() -> None:
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    assert accent_problem("#0a5cad", "light") == ""
    assert accent_problem("#7cb6f6", "dark") == ""
    assert "choose a darker colour" in accent_problem("#777777", "light")


def test_the_tinted_background_counts_too() -> None:
    # 4.5:1 on white, but not on the tint of itself the theme draws behind chips and notes
    assert contrast("#767676", "#ffffff") >= 4.5
    assert accent_problem("#767676", "light") == (
        "#767676 has a contrast of 4.0:1 with the tinted background colour #efefef; "
        "WCAG AA needs 4.5:1 for text, so choose a darker colour"
    )


def _errors(hub, extra: str, files: dict | None = None, build_in_place=None) -> list[str]:
    root = hub("basic", {"site.yaml": BASIC + extra, **(files or {})})
    with pytest.raises(SsgError) as info:
        build_in_place(root)
    assert not (root / "public").exists()
    return [d.text() for d in info.value.diagnostics]


def test_low_contrast_accent_is_refused_at_its_line(hub, build_in_place) -> None:
    extra = "theme_options:\n  accent:\n    light: '#66aaff'\n    dark: '#7cb6f6'\n"
    assert _errors(hub, extra, build_in_place=build_in_place) == [
        f"site.yaml:{LINE + 2}: theme_options.accent.light: #66aaff has a contrast of 2.2:1 "
        "with the tinted background colour #edf5ff; WCAG AA needs 4.5:1 for text, "
        "so choose a darker colour"
    ]


def test_dark_accent_needs_a_light_colour_and_both_are_required(hub, build_in_place) -> None:
    extra = "theme_options:\n  accent:\n    dark: '#223344'\n"
    found = _errors(hub, extra, build_in_place=build_in_place)
    assert found[0].startswith(f"site.yaml:{LINE + 2}: theme_options.accent.dark: #223344 has")
    assert "choose a lighter colour" in found[0]
    assert found[1] == (
        f"site.yaml:{LINE + 2}: theme_options.accent.light: missing; give a light colour too, "
        "both schemes use the accent"
    )


def test_missing_files_and_misspelt_keys(hub, build_in_place) -> None:
    extra = "theme_options:\n  logo: static/logo.svg\nextra_css: [static/x.css]\n"
    assert _errors(hub, extra, build_in_place=build_in_place) == [
        f"site.yaml:{LINE + 1}: logo: no file static/logo.svg in the hub; add it or fix the path",
        f"site.yaml:{LINE + 2}: extra_css: no file static/x.css in the hub; add it or fix the path",
    ]


def test_misspelt_option_suggests_the_key(hub, build_in_place) -> None:
    [found] = _errors(hub, "theme_options:\n  lables: {}\n", build_in_place=build_in_place)
    assert found.startswith(f"site.yaml:{LINE + 1}: theme_options.lables: unknown key; did you")
    assert "did you mean 'labels'?" in found


BRANDED = """theme_options:
  accent: {light: "#0b6e4f", dark: "#7fd1ae"}
  logo: static/img/paddle.svg
  labels: {latest_posts: "Fresh from the river", communities_heading: "Paddle with others"}
  footer: {built_with: false, privacy_note: false, lines: ["Paddle safe & dry."]}
extra_css: [static/css/brand.css]
"""


@pytest.fixture()
def branded(hub, build_in_place):
    files = {
        "site.yaml": BASIC.replace("  max_gap: 14d\n", "  max_gap: 14d\n  public_page: false\n")
        + BRANDED,
        "static/css/brand.css": ".hero__title { letter-spacing: -0.02em; }\n",
        "static/img/paddle.svg": '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 8"/>\n',
    }
    return build_in_place(hub("basic", files))


def test_extra_css_comes_after_the_theme_stylesheet(branded) -> None:
    html = branded.read("index.html")
    sheets = [line for line in html.splitlines() if 'rel="stylesheet"' in line]
    assert sheets == [
        '<link rel="stylesheet" href="static/css/style.css">',
        '<link rel="stylesheet" href="static/css/pygments.css">',
        '<link rel="stylesheet" href="static/css/theme-options.css">',
        '<link rel="stylesheet" href="static/css/brand.css">',
    ]
    assert "--accent: #0b6e4f;" in branded.read("static/css/theme-options.css")
    assert "--accent: #7fd1ae;" in branded.read("static/css/theme-options.css")
    assert (branded.out / "static/css/style.css").stat().st_size > 10_000  # the theme's, whole


def test_logo_words_and_switches(branded) -> None:
    html = branded.read("index.html")
    assert '<img class="site-title__mark" src="static/img/paddle.svg" alt=""' in html
    assert '<svg class="site-title__mark"' not in html
    assert "Fresh from the river" in html and "Latest posts" not in html
    assert "Paddle with others" in html and "already gathers" not in html
    assert '<p class="site-footer__line">Paddle safe &amp; dry.</p>' in html
    assert "Built with ssg" not in html and "No cookies" not in html
    assert "Publishing cadence" not in html and "cadence/" not in html
    assert not (branded.out / "cadence").exists()
    assert not branded.result.lint.failed or branded.result.lint.cadence.findings


def test_a_static_file_that_shadows_the_theme_is_a_warning(hub, build_in_place) -> None:
    root = hub("basic", {"static/css/style.css": ":root { --accent: #c00; }\n"})
    built = build_in_place(root)
    [warning] = [d for d in built.result.lint.findings if d.code == "theme"]
    assert warning.severity == "warning" and warning.path == "static/css/style.css"
    assert "replaces static/css/style.css of the default theme shipped with ssg" in warning.text()
    assert "extra_css" in warning.message
