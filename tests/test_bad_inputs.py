"""The bad-input corpus: every case in tests/bad_inputs/ through the real command line.

Each case is a tiny hub with an `expected.yaml` (exit code, the messages with
their `path:line`, the command, a time bound). Content comes from strangers'
pull requests, so for every case the run must finish in bounded time, say
what is wrong without a traceback, leave the previous `public/` as it was,
write nothing outside the output folder and change nothing the user wrote.
Files git cannot hold well (a 20 MB post, binary data, symlinks out of the
hub) are made by the `generate:` entry of a case.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

CORPUS = Path(__file__).parent / "bad_inputs"
CASES = sorted(p.name for p in CORPUS.iterdir() if (p / "expected.yaml").is_file())
TODAY = "2026-11-20"
DEFAULT_SECONDS = 20  # whole-process wall time on a loaded 2-core machine
OUTSIDE_SECRET = b"a file outside the hub that must never be published\n"
PREVIOUS = b"<!doctype html><title>previous build</title>\n"


def _generate(root: Path, outside: Path, generate: dict[str, str]) -> None:
    for kind, rel in generate.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if kind == "big":  # valid front matter, then 20 MB of Markdown
            line = "A paragraph of a very long post, written again and again. " * 3 + "\n\n"
            body = line * (20 * 2**20 // len(line) + 1)
            front = "---\ntitle: Big\ndate: 2026-11-10\nsummary: S.\n---\n"
            path.write_text(front + body, encoding="utf-8")
        elif kind == "binary":  # a PNG saved under a .md name
            path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 64)
        elif kind == "symlink":  # a pull request can add a symlink to any path
            path.symlink_to(outside / "secret.md")
        else:  # pragma: no cover - a typo in a case
            raise AssertionError(f"unknown generate kind {kind!r}")


def _snapshot(folder: Path, skip: Path) -> dict[str, tuple]:
    """Every entry under `folder` except `skip` and the build's own Markdown cache
    (`.ssg-cache/`, which a successful build keeps): content hash, mode, mtime, link target."""
    seen: dict[str, tuple] = {}
    for dirpath, dirnames, filenames in os.walk(folder):
        here = Path(dirpath)
        dirnames[:] = [d for d in dirnames if here / d != skip and d != ".ssg-cache"]
        for name in dirnames + filenames:
            path = here / name
            stat = path.lstat()
            if path.is_symlink():
                seen[str(path)] = ("link", os.readlink(path))
            elif path.is_file():
                digest = hashlib.sha256(path.read_bytes()).hexdigest()
                seen[str(path)] = (digest, stat.st_mode, stat.st_mtime_ns)
            else:
                seen[str(path)] = ("dir", stat.st_mode)
    return seen


def _previous_output(out: Path) -> dict[str, tuple]:
    """A previous build's output (with the marker `ssg build` leaves), to check it survives."""
    (out / "posts/old").mkdir(parents=True)
    (out / ".ssg-output").write_text("written by ssg build\n", encoding="utf-8")
    (out / "index.html").write_bytes(PREVIOUS)
    (out / "posts/old/index.html").write_bytes(PREVIOUS)
    return _snapshot(out, out / "__none__")


@pytest.mark.parametrize("case", CASES)
def test_bad_input(case: str, tmp_path: Path) -> None:
    expected = yaml.safe_load((CORPUS / case / "expected.yaml").read_text(encoding="utf-8"))
    root, outside = tmp_path / "hub", tmp_path / "outside"
    shutil.copytree(CORPUS / case, root, symlinks=True)
    (root / "expected.yaml").unlink()
    outside.mkdir()
    (outside / "secret.md").write_bytes(OUTSIDE_SECRET)
    _generate(root, outside, expected.get("generate", {}))
    out = root / "public"
    previous = _previous_output(out)
    before = _snapshot(tmp_path, skip=out)

    command = [sys.executable, "-m", "ssg", expected["command"], "--site", str(root)]
    command += ["--today", TODAY]
    started = time.monotonic()
    run = subprocess.run(
        command,
        capture_output=True,
        text=True,
        timeout=expected.get("seconds", DEFAULT_SECONDS) + 30,  # a hang fails, never blocks
        env={**os.environ, "HOME": str(tmp_path / "home"), "PYTHONHASHSEED": "0"},
        cwd=tmp_path,
    )
    elapsed = time.monotonic() - started
    said = run.stdout + run.stderr

    assert run.returncode == expected["exit"], said
    for message in expected["messages"]:
        assert message in said, said
    assert "Traceback" not in said and "internal error" not in said, said
    assert elapsed < expected.get("seconds", DEFAULT_SECONDS), f"took {elapsed:.1f} s"
    assert _snapshot(tmp_path, skip=out) == before, "a file outside the output changed"
    assert not (tmp_path / "home").exists()
    assert OUTSIDE_SECRET not in b"".join(
        p.read_bytes() for p in out.rglob("*") if p.is_file() and not p.is_symlink()
    )
    if expected["exit"] == 2 or expected["command"] == "lint":
        assert _snapshot(out, out / "__none__") == previous, "the previous output changed"
    else:
        assert (out / "index.html").read_bytes() != PREVIOUS
        assert not (out / "posts/old").exists()  # replaced whole, not merged


def test_corpus_is_large_enough() -> None:
    assert len(CASES) >= 40
