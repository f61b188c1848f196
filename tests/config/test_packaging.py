"""The built-in themes ship with a wheel: every theme file is named in pyproject's data-files."""

from __future__ import annotations

import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def _shipped() -> set[str]:
    """The files setuptools puts in a wheel: its data-files patterns, globbed as it globs them."""
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = [p for ps in config["tool"]["setuptools"]["data-files"].values() for p in ps]
    return {f.relative_to(REPO).as_posix() for p in patterns for f in REPO.glob(p) if f.is_file()}


def test_every_template_and_stylesheet_of_the_default_theme_ships() -> None:
    theme = REPO / "themes" / "default"
    needed = {
        f.relative_to(REPO).as_posix()
        for f in theme.rglob("*")
        if f.is_file() and f.suffix in (".html", ".css", ".js", ".svg", ".png", ".woff2")
    }
    assert needed, "the default theme has files"
    assert needed - _shipped() == set()


def test_data_files_install_where_the_theme_lookup_looks() -> None:
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    for target, patterns in config["tool"]["setuptools"]["data-files"].items():
        for pattern in patterns:
            folder = pattern.rsplit("/", 1)[0]
            assert target == "share/ssg/" + folder, (target, pattern)
