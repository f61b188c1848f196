"""Incremental writes: unchanged files keep their inode and timestamp, builds take turns."""

from __future__ import annotations

import fcntl
import os
import threading
from pathlib import Path

import pytest

from ssg.core.diagnostics import SsgError
from ssg.output import write
from ssg.output.write import write_site


@pytest.fixture()
def root(tmp_path: Path) -> Path:
    hub = tmp_path / "hub"
    (hub / "static").mkdir(parents=True)
    (hub / "static" / "s.css").write_text("body{}", encoding="utf-8")
    return hub


def _stamps(out: Path) -> dict[str, tuple[int, int]]:
    return {
        p.relative_to(out).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns)
        for p in out.rglob("*")
        if p.is_file()
    }


def test_only_changed_files_are_written(root: Path) -> None:
    out, static = root / "public", [(root / "static", "static/")]
    write_site(root, out, {"a.html": "A", "b.html": "B", "gone.html": "G"}, static)
    before = _stamps(out)
    write_site(root, out, {"a.html": "A", "b.html": "B2"}, static)
    after = _stamps(out)
    assert after["a.html"] == before["a.html"]
    assert after["static/s.css"] == before["static/s.css"]
    assert after[".ssg-output"] == before[".ssg-output"]
    assert after["b.html"][0] != before["b.html"][0]
    assert (out / "b.html").read_text(encoding="utf-8") == "B2"
    assert "gone.html" not in after


def test_a_failed_write_leaves_linked_files_untouched(root: Path, tmp_path: Path) -> None:
    out = root / "public"
    write_site(root, out, {"a.html": "A", "index.html": "v1"}, [])
    clash = tmp_path / "clash"
    clash.mkdir()
    (clash / "index.html").write_text("x", encoding="utf-8")
    with pytest.raises(SsgError):
        write_site(root, out, {"a.html": "A", "index.html": "v2"}, [(clash, "")])
    assert (out / "a.html").read_text(encoding="utf-8") == "A"
    assert (out / "index.html").read_text(encoding="utf-8") == "v1"
    assert (out / "a.html").stat().st_nlink == 1  # the new folder's link is gone with it


def test_a_later_static_folder_overrides_without_touching_the_old_output(
    root: Path, tmp_path: Path
) -> None:
    theme = tmp_path / "theme"
    theme.mkdir()
    (theme / "s.css").write_text("theme", encoding="utf-8")
    out = root / "public"
    write_site(root, out, {}, [(theme, "static/")])
    kept = out / "static/s.css"
    first = kept.stat().st_ino
    write_site(root, out, {}, [(theme, "static/"), (root / "static", "static/")])
    assert (out / "static/s.css").read_text(encoding="utf-8") == "body{}"
    assert (theme / "s.css").read_text(encoding="utf-8") == "theme"
    assert (out / "static/s.css").stat().st_ino != first


def _hold(folder: Path) -> int:
    fd = os.open(folder, os.O_RDONLY)
    fcntl.flock(fd, fcntl.LOCK_EX)
    return fd


def test_a_second_build_waits_its_turn(root: Path, capsys, monkeypatch) -> None:
    fd = _hold(root)
    threading.Timer(0.5, os.close, [fd]).start()
    write_site(root, root / "public", {"a.html": "A"}, [])
    assert (root / "public/a.html").is_file()
    assert "waiting for another build" in capsys.readouterr().err


def test_a_build_gives_up_after_the_wait(root: Path, monkeypatch) -> None:
    monkeypatch.setattr(write, "LOCK_WAIT", 0.3)
    fd = _hold(root)
    try:
        with pytest.raises(SsgError) as info:
            write_site(root, root / "public", {"a.html": "A"}, [])
    finally:
        os.close(fd)
    assert "another build" in info.value.diagnostics[0].message
    assert not (root / "public").exists()
