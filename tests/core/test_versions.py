"""Library versions: read once per process from the installed metadata, a missing one "-"."""

from __future__ import annotations

import sys
from importlib.metadata import version
from pathlib import Path

import pytest

from ssg.core import versions


@pytest.fixture(autouse=True)
def _fresh() -> None:
    versions.library_version.cache_clear()
    versions._dist_infos.cache_clear()
    yield
    versions.library_version.cache_clear()
    versions._dist_infos.cache_clear()


@pytest.mark.parametrize(
    "name", ["jinja2", "Markdown", "pygments", "PyYAML", "markupsafe", "babel"]
)
def test_the_version_is_the_one_importlib_metadata_reads(name: str) -> None:
    assert versions.library_version(name) == version(name)


def test_the_first_folder_on_the_path_wins_and_names_are_compared_normalised(
    tmp_path: Path, monkeypatch
) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    (first / "Fan_Hub.Tools-2.0.dist-info").mkdir(parents=True)
    (second / "fan_hub_tools-1.0.dist-info").mkdir(parents=True)
    monkeypatch.setattr(sys, "path", [str(first), str(second), *sys.path])
    assert versions.library_version("fan-hub-tools") == "2.0"


def test_two_versions_in_one_folder_are_left_to_importlib_metadata(
    tmp_path: Path, monkeypatch
) -> None:
    for name in ("twice-1.0.dist-info", "twice-2.0.dist-info"):
        (tmp_path / name).mkdir()
    monkeypatch.setattr(sys, "path", [str(tmp_path), *sys.path])
    asked: list[str] = []
    monkeypatch.setattr("importlib.metadata.version", lambda name: asked.append(name) or "9")
    assert versions.library_version("twice") == "9"
    assert asked == ["twice"]


def test_a_version_is_read_once(monkeypatch) -> None:
    expected = version("markdown")
    listed: list[str] = []
    real = versions.os.listdir
    monkeypatch.setattr(
        versions.os, "listdir", lambda folder: listed.append(folder) or real(folder)
    )
    assert versions.library_version("jinja2") == versions.library_version("jinja2")
    assert versions.library_version("markdown") == expected
    assert listed and len(listed) == len(set(listed))  # each folder listed once, whatever is asked


def test_a_missing_library_is_a_dash() -> None:
    assert versions.library_version("no-such-distribution-here") == "-"
