"""Shared fixtures: copy a fixture hub into a temporary folder, build it, run the CLI.

Every build pins `today`, so no test depends on the clock. Fixture hubs live in
tests/sites/ and are never built in place: a test always works on a copy.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import settings

from ssg.build import BuildOptions, BuildResult, build
from tests.communities.webserver import web  # noqa: F401 - the scripted HTTP server fixture

REPO = Path(__file__).resolve().parent.parent
SITES = Path(__file__).resolve().parent / "sites"
TODAY = dt.date(2026, 11, 25)


# Property tests draw the same examples on every run, so CI's verdict never depends on a seed;
# HYPOTHESIS_PROFILE=explore draws new random examples, to search further by hand.
settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
settings.register_profile("explore", max_examples=2000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@dataclass(frozen=True)
class Built:
    """A built copy of a fixture hub."""

    root: Path
    out: Path
    result: BuildResult

    def read(self, site_path: str) -> str:
        return (self.out / site_path).read_text(encoding="utf-8")

    def files(self) -> list[str]:
        return sorted(
            p.relative_to(self.out).as_posix() for p in self.out.rglob("*") if p.is_file()
        )


def copy_hub(name_or_path: str | Path, dest: Path) -> Path:
    """Copy a fixture hub (a name under tests/sites/ or a path) to `dest`, which must not exist."""
    source = Path(name_or_path)
    if not source.is_absolute():
        source = SITES / name_or_path
    shutil.copytree(source, dest, ignore=shutil.ignore_patterns("public"))
    return dest


def build_hub(root: Path, epoch: str | None = None, **opts: object) -> Built:
    """Build a hub folder in place with `today` pinned unless given.

    SOURCE_DATE_EPOCH is set to `epoch` (or unset) for the duration of the build only.
    """
    opts.setdefault("today", TODAY)
    saved = os.environ.pop("SOURCE_DATE_EPOCH", None)
    if epoch is not None:
        os.environ["SOURCE_DATE_EPOCH"] = epoch
    try:
        result = build(BuildOptions(root=root, **opts))  # type: ignore[arg-type]
    finally:
        os.environ.pop("SOURCE_DATE_EPOCH", None)
        if saved is not None:
            os.environ["SOURCE_DATE_EPOCH"] = saved
    return Built(root, result.out, result)


@pytest.fixture(scope="session")
def build_site(tmp_path_factory: pytest.TempPathFactory) -> Callable[..., Built]:
    """`build_site(name_or_path, **opts)`: copy a hub into a fresh temporary folder and build it.

    Session-scoped so module-scoped fixtures can build once and share the output.
    """

    def _build(name_or_path: str | Path, **opts: object) -> Built:
        name = Path(name_or_path).name
        root = copy_hub(name_or_path, tmp_path_factory.mktemp(f"hub-{name}") / name)
        return build_hub(root, **opts)

    return _build


@pytest.fixture()
def hub(tmp_path: Path) -> Callable[..., Path]:
    """`hub(name="basic", **files)`-style helper: a copy of a fixture hub to break on purpose.

    Call as `hub()` or `hub("basic", {"content/posts/x.md": "..."})`; text values are
    written as UTF-8, bytes as they are, None deletes the file.
    """

    def _hub(name: str = "basic", files: dict[str, str | bytes | None] | None = None) -> Path:
        root = copy_hub(name, tmp_path / name)
        for rel, data in (files or {}).items():
            path = root / rel
            if data is None:
                path.unlink()
                continue
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(data, bytes):
                path.write_bytes(data)
            else:
                path.write_text(data, encoding="utf-8")
        return root

    return _hub


def _cli(
    *args: str | Path, cwd: Path | None = None, env: dict[str, str] | None = None
) -> tuple[int, str, str]:
    full_env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    full_env["PYTHONPATH"] = str(REPO) + os.pathsep + full_env.get("PYTHONPATH", "")
    full_env.update(env or {})
    proc = subprocess.run(
        [sys.executable, "-m", "ssg", *map(str, args)],
        cwd=cwd or REPO,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    return proc.returncode, proc.stdout, proc.stderr


@pytest.fixture(scope="session")
def run_cli() -> Callable[..., tuple[int, str, str]]:
    """`run_cli(*args, cwd=None, env=None) -> (code, stdout, stderr)` via `python -m ssg`."""
    return _cli


@pytest.fixture(autouse=True)
def _no_source_date_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    """Builds in tests are reproducible only if the environment does not leak a build time."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)


@pytest.fixture(scope="session")
def basic(build_site: Callable[..., Built]) -> Built:
    """The `basic` fixture hub built once for the whole run; tests must only read it."""
    return build_site("basic")


@pytest.fixture(scope="session")
def copy_site() -> Callable[[str | Path, Path], Path]:
    """`copy_site(name_or_path, dest) -> dest`: a copy of a fixture hub, not built."""
    return copy_hub


@pytest.fixture(scope="session")
def build_in_place() -> Callable[..., Built]:
    """`build_in_place(root, epoch=None, **opts) -> Built`: build a hub folder where it is."""
    return build_hub
