"""The command wrappers around build and lint."""

from __future__ import annotations

import gc
import importlib
import shutil
from pathlib import Path

import pytest

from ssg.cli.commands import rare_collections
from ssg.cli.main import main

SITES = Path(__file__).resolve().parents[1] / "sites"


def test_collections_are_rare_inside_and_as_before_after() -> None:
    before = gc.get_threshold()
    with rare_collections():
        assert gc.get_threshold()[0] >= 100 * before[0]
        assert gc.isenabled()  # still collected, only less often
    assert gc.get_threshold() == before


def test_thresholds_come_back_when_the_build_fails() -> None:
    before = gc.get_threshold()
    with pytest.raises(ValueError), rare_collections():
        raise ValueError("a failed build")
    assert gc.get_threshold() == before


@pytest.mark.parametrize(
    ("command", "module", "function"),
    [("build", "ssg.build", "build"), ("lint", "ssg.lint.run", "run_lint")],
)
def test_build_and_lint_run_with_rare_collections(
    command: str, module: str, function: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[tuple[int, int, int]] = []
    real = getattr(importlib.import_module(module), function)

    def spy(*args: object, **kwargs: object) -> object:
        seen.append(gc.get_threshold())
        return real(*args, **kwargs)

    monkeypatch.setattr(f"{module}.{function}", spy)
    before = gc.get_threshold()
    site = shutil.copytree(SITES / "basic", tmp_path / "hub")
    args = [command, "--site", str(site), "--today", "2026-11-25"]
    main([*args, "--out", str(tmp_path / "out")] if command == "build" else args)
    assert seen and seen[0][0] >= 100 * before[0]
    assert gc.get_threshold() == before
