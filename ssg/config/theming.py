"""Branding without editing templates: `theme_options` and `extra_css` in site.yaml.

An accent colour is checked for WCAG AA contrast (4.5:1 for text) against the
default theme's backgrounds in the scheme it is for, so a brand colour cannot
make links unreadable. A logo and extra stylesheets are files of the hub's
`static/` folder, linked after the theme's stylesheet, never replacing it.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ssg.config.reader import Reader, section
from ssg.core.diagnostics import Diagnostic, Severity, error
from ssg.core.model import Config, FooterOptions, Labels, ThemeOptions
from ssg.core.yamlfile import LineDict

HEX = re.compile(r"^#(?:[0-9a-fA-F]{3}){1,2}$")
AA_TEXT = 4.5
# The default theme's backgrounds and the text colour drawn on the accent, per scheme.
GROUNDS = {
    "light": {"page": "#f6f7f8", "card": "#ffffff", "button text": "#ffffff"},
    "dark": {"page": "#111316", "card": "#1a1d22", "button text": "#0b1623"},
}
OPTIONS_CSS = "static/css/theme-options.css"
LABEL_KEYS = tuple(Labels.__dataclass_fields__)


def _rgb(colour: str) -> tuple[float, float, float]:
    digits = colour[1:]
    if len(digits) == 3:
        digits = "".join(ch * 2 for ch in digits)
    return tuple(int(digits[i : i + 2], 16) / 255 for i in (0, 2, 4))  # type: ignore[return-value]


def luminance(colour: str) -> float:
    """WCAG 2 relative luminance of a #rgb or #rrggbb colour."""

    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in _rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


# The tinted background drawn from the accent (`--accent-soft`): this share of the accent
# mixed into this colour, as `theme_files` writes it with color-mix(in srgb, ...).
SOFT = {"light": (0.12, "#ffffff"), "dark": (0.18, "#1a1d22")}


def mix(colour: str, share: float, base: str) -> str:
    """color-mix(in srgb, colour share, base) as #rrggbb."""
    a, b = _rgb(colour), _rgb(base)
    return "#" + "".join(
        f"{round((x * share + y * (1 - share)) * 255):02x}" for x, y in zip(a, b, strict=True)
    )


def accent_problem(colour: str, scheme: str) -> str:
    """Why an accent colour fails AA in its scheme, naming the worst pair, or ""."""
    share, base = SOFT[scheme]
    grounds = {**GROUNDS[scheme], "tinted background": mix(colour, share, base)}
    worst = min(grounds.items(), key=lambda item: contrast(colour, item[1]))
    ratio = contrast(colour, worst[1])
    if ratio >= AA_TEXT:
        return ""
    fix = "darker" if scheme == "light" else "lighter"
    return (
        f"{colour} has a contrast of {ratio:.1f}:1 with the {worst[0]} colour {worst[1]}; "
        f"WCAG AA needs {AA_TEXT}:1 for text, so choose a {fix} colour"
    )


def _accent(r: Reader) -> tuple[str, str]:
    raw = r.get("accent", LineDict, "a mapping such as {light: '#0a5cad', dark: '#7cb6f6'}")
    if raw is None:
        return "", ""
    a = Reader(raw, r.path, f"{r.prefix}accent.", r.diags)
    a.unknown({"light", "dark"})
    found = []
    for scheme in ("light", "dark"):
        colour = a.get(scheme, str, "a colour such as '#0a5cad' (quote it: # starts a comment)")
        if colour is None:
            a.fail(scheme, f"missing; give a {scheme} colour too, both schemes use the accent")
        elif not HEX.match(colour):
            a.fail(scheme, f"expected a colour such as '#0a5cad', got {colour!r}")
        elif problem := accent_problem(colour, scheme):
            a.fail(scheme, problem)
        else:
            found.append(colour.lower())
            continue
        found.append("")
    return (found[0], found[1]) if all(found) else ("", "")


def _static_file(r: Reader, key: str, value: Any, suffixes: tuple[str, ...]) -> str:
    """A site path under static/ (leading slash optional); checked on disk by `check_files`."""
    path = value.strip().lstrip("/") if isinstance(value, str) else ""
    if not path.startswith("static/") or ".." in path.split("/") or not path.endswith(suffixes):
        r.fail(key, f"expected a file of the hub's static/ folder such as static/x{suffixes[0]}")
        return ""
    return path


def _labels(r: Reader) -> Labels:
    sub = section(r.data, "labels", r.path, r.diags)
    sub.prefix = f"{r.prefix}labels."
    sub.unknown(set(LABEL_KEYS))
    return Labels(**{k: sub.get(k, str, "the words to show instead", "") for k in LABEL_KEYS})


def _footer(r: Reader) -> FooterOptions:
    sub = section(r.data, "footer", r.path, r.diags)
    sub.prefix = f"{r.prefix}footer."
    sub.unknown({"privacy_note", "built_with", "lines"})
    lines = sub.get("lines", list, "a list of lines of text", [])
    if not all(isinstance(line, str) for line in lines):
        sub.fail("lines", "expected a list of lines of text")
        lines = []
    return FooterOptions(
        privacy_note=sub.get("privacy_note", bool, "true or false", True),
        built_with=sub.get("built_with", bool, "true or false", True),
        lines=tuple(lines),
    )


def parse_theme_options(data: LineDict, path: str, diags: list[Diagnostic]) -> ThemeOptions:
    r = section(data, "theme_options", path, diags)
    r.unknown({"accent", "logo", "labels", "footer"})
    light, dark = _accent(r)
    logo = r.get("logo", str, "a file of the hub such as static/logo.svg", None)
    images = (".svg", ".png", ".webp", ".jpg", ".jpeg", ".gif")
    return ThemeOptions(
        accent_light=light,
        accent_dark=dark,
        logo=_static_file(r, "logo", logo, images) if logo is not None else "",
        labels=_labels(r),
        footer=_footer(r),
        logo_line=r.data.line_of("logo"),
    )


def parse_extra_css(data: LineDict, path: str, diags: list[Diagnostic]) -> tuple[str, ...]:
    r = Reader(data, path, "", diags)
    sheets = r.get("extra_css", list, "a list of files such as [static/css/brand.css]", [])
    return tuple(p for p in (_static_file(r, "extra_css", s, (".css",)) for s in sheets) if p)


def check_files(root: Path, config: Config) -> list[Diagnostic]:
    """The logo and the extra stylesheets must exist in the hub."""
    options = config.theme_options
    wanted = [("logo", options.logo, options.logo_line)]
    wanted += [("extra_css", sheet, config.line_of("extra_css")) for sheet in config.extra_css]
    diags = []
    for key, site_path, line in wanted:
        if site_path and not (root / site_path).is_file():
            message = f"{key}: no file {site_path} in the hub; add it or fix the path"
            diags.append(error(config.path, line, message, "config"))
    return diags


def theme_files(config: Config) -> dict[str, str]:
    """The stylesheet that applies the accent colours, when site.yaml sets them."""
    options = config.theme_options
    if not options.accent_light:
        return {}
    light, dark = options.accent_light, options.accent_dark
    css = (
        "/* Written by ssg from theme_options.accent in site.yaml; edit it there. */\n"
        f":root {{\n  --accent: {light};\n  --focus: {light};\n"
        f"  --accent-strong: color-mix(in srgb, {light} 80%, #000);\n"
        f"  --accent-soft: {mix(light, *SOFT['light'])};\n}}\n"
        "@media (prefers-color-scheme: dark) {\n"
        f"  :root {{\n    --accent: {dark};\n    --focus: {dark};\n"
        f"    --accent-strong: color-mix(in srgb, {dark} 75%, #fff);\n"
        f"    --accent-soft: {mix(dark, *SOFT['dark'])};\n  }}\n}}\n"
    )
    return {OPTIONS_CSS: css}


def shadowed_static(root: Path, chain: list[Path]) -> list[Diagnostic]:
    """A hub file in static/ with the path of a theme file replaces it whole: say so."""
    hub = root / "static"
    if not hub.is_dir():
        return []
    diags = []
    for file in sorted(p for p in hub.rglob("*") if p.is_file()):
        rel = file.relative_to(hub).as_posix()
        theme = next((t for t in chain if (t / "static" / rel).is_file()), None)
        if theme is None:
            continue
        original = theme / "static" / rel
        theirs = (
            original.relative_to(root).as_posix()
            if original.is_relative_to(root)
            else f"static/{rel} of the {theme.name} theme shipped with ssg"
        )
        message = (
            f"replaces {theirs} entirely, so nothing of the theme's file is used; to add to it, "
            "rename this file and list it under extra_css in site.yaml"
        )
        diags.append(Diagnostic(f"static/{rel}", 0, message, Severity.WARNING, "theme"))
    return diags
