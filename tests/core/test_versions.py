"""Library versions: read once per process, a missing one named "-"."""

from __future__ import annotations

from importlib.metadata import version

from ssg.core import versions


def test_a_version_is_read_once(monkeypatch) -> None:
    versions.library_version.cache_clear()
    calls: list[str] = []
    monkeypatch.setattr(versions, "version", lambda name: calls.append(name) or version(name))
    assert versions.library_version("jinja2") == version("jinja2")
    assert versions.library_version("jinja2") == version("jinja2")
    assert calls == ["jinja2"]
    versions.library_version.cache_clear()


def test_a_missing_library_is_a_dash() -> None:
    assert versions.library_version("no-such-distribution-here") == "-"
