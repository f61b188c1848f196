"""Where themes live and how they stack.

Lookup goes: the hub's own `templates/`, then the chosen theme, then
`default`; a theme is looked for in the hub's `themes/` first, then in the
themes shipped with ssg. Kept apart from the renderer so the lint can find
templates without importing Jinja.
"""

from __future__ import annotations

import sys
from pathlib import Path

from ssg.core.diagnostics import Diagnostic, error


def _builtin_themes() -> Path:
    """The checkout's `themes/` (editable install), else the copy a wheel installs."""
    checkout = Path(__file__).resolve().parents[2] / "themes"
    if (checkout / "default").is_dir():
        return checkout
    return Path(sys.prefix) / "share" / "ssg" / "themes"


BUILTIN_THEMES = _builtin_themes()


def theme_chain(root: Path, theme: str) -> list[Path]:
    """Theme folders, most specific first, ending with `default`."""
    chain = []
    for name in dict.fromkeys([theme, "default"]):
        for base in (root / "themes", BUILTIN_THEMES):
            if (base / name).is_dir():
                chain.append(base / name)
                break
    return chain


def check_theme(root: Path, theme: str, line: int) -> list[Diagnostic]:
    if any((base / theme).is_dir() for base in (root / "themes", BUILTIN_THEMES)):
        return []
    known = sorted(
        {
            p.name
            for base in (root / "themes", BUILTIN_THEMES)
            if base.is_dir()
            for p in base.iterdir()
            if p.is_dir()
        }
    )
    return [
        error(
            "site.yaml",
            line,
            f"unknown theme {theme!r}; expected one of: {', '.join(known)}",
            "config",
        )
    ]


def template_dirs(root: Path, theme: str) -> list[Path]:
    dirs = [root / "templates"] if (root / "templates").is_dir() else []
    return dirs + [t / "templates" for t in theme_chain(root, theme) if (t / "templates").is_dir()]
