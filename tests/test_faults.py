"""Faults through the real command line: SIGKILL, two builds at once, a full or read-only disk.

Each test runs `python -m ssg build` in a subprocess and looks only at what a
person would see: the exit code, the message and the files in the output
folder. The promise checked everywhere: the output folder holds, at every
moment, either the whole previous site or the whole new one, byte for byte,
and the next build gives the same bytes as a clean build.

`SSG_PAUSE_AT=<point>` (ssg/core/faults.py) stops a build at a named point so
the kill lands exactly there; kills after a timed delay cover any other point.
"""

from __future__ import annotations

import hashlib
import os
import select
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from ssg.engine.cache import MarkdownCache
from tests.conftest import TODAY, copy_hub

DEADLINE = 60  # seconds for any one build on a loaded machine
NEW_POST = "content/posts/2026-11-24-fault-line.md"


def tree(folder: Path) -> dict[str, str]:
    """Every file under `folder` with the hash of its bytes."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def ssg_build(root: Path, out: Path, **env: str) -> subprocess.Popen[str]:
    command = [sys.executable, "-m", "ssg", "build", "--site", str(root), "--out", str(out)]
    return subprocess.Popen(
        [*command, "--today", TODAY.isoformat()],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "SOURCE_DATE_EPOCH": "1764000000", **env},
    )


def finish(process: subprocess.Popen[str]) -> tuple[int, str]:
    _, err = process.communicate(timeout=DEADLINE)
    return process.returncode, err


def wait_for_line(process: subprocess.Popen[str], wanted: str) -> None:
    """Read stderr until `wanted` appears; fails (never hangs) past the deadline."""
    assert process.stderr is not None
    end = time.monotonic() + DEADLINE
    seen = ""
    while time.monotonic() < end:
        ready, _, _ = select.select([process.stderr], [], [], 0.5)
        if ready:
            line = process.stderr.readline()
            seen += line
            if wanted in line:
                return
            if not line and process.poll() is not None:
                break
    process.kill()
    pytest.fail(f"the build never said {wanted!r}: {seen}")


def add_post(root: Path) -> None:
    text = "---\ntitle: Fault line\ndate: 2026-11-24\nsummary: A post the new build adds.\n---\n"
    (root / NEW_POST).write_text(text + "Body.\n", encoding="utf-8")


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, str]]:
    """The previous site (the fixture hub) and the new one (with a post added), built clean."""
    base = tmp_path_factory.mktemp("clean")
    root = copy_hub("basic", base / "hub")
    code, err = finish(ssg_build(root, base / "previous"))
    assert code in (0, 1), err  # 1: the lint failed, the site is written all the same
    add_post(root)
    code, err = finish(ssg_build(root, base / "new"))
    assert code in (0, 1), err
    previous, new = tree(base / "previous"), tree(base / "new")
    assert previous != new
    return {"previous": previous, "new": new}


@pytest.fixture
def hub(tmp_path: Path, sites: dict[str, dict[str, str]]) -> Iterator[Path]:
    """A hub whose output holds the previous site; its content has changed since."""
    root = copy_hub("basic", tmp_path / "hub")
    code, err = finish(ssg_build(root, root / "public"))
    assert code in (0, 1) and tree(root / "public") == sites["previous"], err
    add_post(root)
    yield root


def assert_next_build_is_clean(root: Path, sites: dict[str, dict[str, str]]) -> None:
    code, err = finish(ssg_build(root, root / "public"))
    assert code in (0, 1), err
    assert tree(root / "public") == sites["new"]
    assert sorted(p.name for p in root.iterdir() if p.name.startswith(".public")) == []


@pytest.mark.parametrize("point", ["render", "write", "swap", "swapped"])
def test_sigkill_at_a_named_point(hub: Path, sites, point: str) -> None:
    build = ssg_build(hub, hub / "public", SSG_PAUSE_AT=point)
    wait_for_line(build, f"ssg: paused at {point}")
    build.send_signal(signal.SIGKILL)
    build.wait(timeout=DEADLINE)
    expected = "new" if point == "swapped" else "previous"
    assert tree(hub / "public") == sites[expected]
    assert (hub / "public/index.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert_next_build_is_clean(hub, sites)


@pytest.mark.parametrize("delay", [0.4, 0.9, 1.4, 2.0])
def test_sigkill_at_any_moment(hub: Path, sites, delay: float) -> None:
    build = ssg_build(hub, hub / "public")
    time.sleep(delay)
    build.send_signal(signal.SIGKILL)
    build.wait(timeout=DEADLINE)
    assert tree(hub / "public") in (sites["previous"], sites["new"])
    assert_next_build_is_clean(hub, sites)


MARKDOWN_CACHE = ".ssg-cache/markdown.cache"  # the files a build writes beside its output
OWN_CACHES = (MARKDOWN_CACHE, ".ssg-cache/posts.pickle", ".ssg-cache/output.cache")


def sources(root: Path) -> dict[str, str]:
    """The hub's own files and the caches a build only reads."""
    skip = ("public/", ".public", *OWN_CACHES)
    return {k: v for k, v in tree(root).items() if not k.startswith(skip)}


def test_two_builds_at_once(hub: Path, sites) -> None:
    (hub / ".ssg-cache/feeds").mkdir(parents=True)
    (hub / ".ssg-cache/feeds/kept.json").write_text('{"kept": true}\n', encoding="utf-8")
    before = sources(hub)
    for _ in range(3):
        first, second = ssg_build(hub, hub / "public"), ssg_build(hub, hub / "public")
        results = [finish(first), finish(second)]
        for code, err in results:
            assert code in (0, 1) or (code == 2 and "another build" in err), err
            assert "Traceback" not in err and "internal error" not in err, err
        assert any(code in (0, 1) for code, _ in results)
        assert tree(hub / "public") == sites["new"]
        assert [p.name for p in hub.iterdir() if p.name.startswith(".public")] == []
    assert sources(hub) == before  # neither the content nor the read-only caches were touched
    if (hub / MARKDOWN_CACHE).exists():  # the build's own cache is whole, not interleaved
        kept = MarkdownCache.open(hub / ".ssg-cache")
        assert kept.warning is None and kept.entries


def test_a_build_beside_one_paused_mid_swap(hub: Path, sites) -> None:
    paused = ssg_build(hub, hub / "public", SSG_PAUSE_AT="swap", SSG_PAUSE_SECONDS="3")
    wait_for_line(paused, "ssg: paused at swap")
    code, err = finish(ssg_build(hub, hub / "public"))
    assert code in (0, 1) or (code == 2 and "another build" in err), err
    assert finish(paused)[0] in (0, 1)
    assert tree(hub / "public") == sites["new"]
    assert_next_build_is_clean(hub, sites)


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 4 MB tmpfs of its own, to fill up or make read-only (needs root to mount)."""
    disk = tmp_path / "disk"
    disk.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(disk)], capture_output=True
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode().strip()}")
    try:
        yield disk
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=False)


def test_a_full_disk(hub: Path, small_disk: Path, sites) -> None:
    out = small_disk / "public"
    assert finish(ssg_build(hub, out))[0] in (0, 1)
    before = tree(out)
    (hub / "static").mkdir(exist_ok=True)
    (hub / "static/video.bin").write_bytes(os.urandom(5 * 2**20))  # more than the disk holds
    code, err = finish(ssg_build(hub, out))
    assert code == 2 and f"{out}: error: cannot write the output folder (No space" in err, err
    assert "Traceback" not in err
    assert tree(out) == before
    assert [p.name for p in small_disk.iterdir()] == ["public"]  # the partial copy is gone
    (hub / "static/video.bin").unlink()
    assert finish(ssg_build(hub, out))[0] in (0, 1)


def test_a_read_only_disk(hub: Path, small_disk: Path) -> None:
    out = small_disk / "public"
    assert finish(ssg_build(hub, out))[0] in (0, 1)
    before = tree(out)
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    post = hub / NEW_POST
    post.write_text(post.read_text(encoding="utf-8") + "A change to write.\n", encoding="utf-8")
    code, err = finish(ssg_build(hub, out))
    assert code == 2 and str(out) in err and "Read-only file system" in err, err
    assert "Traceback" not in err
    assert tree(out) == before


def test_the_pause_hook_is_off_by_default(hub: Path) -> None:
    started = time.monotonic()
    code, err = finish(ssg_build(hub, hub / "public", SSG_PAUSE_AT=""))
    assert code in (0, 1) and "paused" not in err
    assert time.monotonic() - started < DEADLINE
    shutil.rmtree(hub / "public")


def test_sigkill_while_a_small_change_is_moved_into_place(tmp_path: Path) -> None:
    """In place, a kill between two moves leaves a journal; the next build completes it."""
    root = copy_hub("basic", tmp_path / "hub")
    for number in range(120):  # one edit is then a small share: applied in place
        day = f"2026-09-{number % 28 + 1:02d}"
        (root / f"content/posts/{day}-extra-{number}.md").write_text(
            f"---\ntitle: Extra {number}\ndate: {day}\nsummary: Extra.\n---\nBody.\n",
            encoding="utf-8",
        )
    assert finish(ssg_build(root, root / "public"))[0] in (0, 1)
    post = root / "content/posts/2026-09-05-extra-4.md"
    text = post.read_text(encoding="utf-8").replace("Extra 4", "Extra four")
    post.write_text(text, encoding="utf-8")  # its page and its neighbours' links change
    build = ssg_build(root, root / "public", SSG_PAUSE_AT="moving")
    wait_for_line(build, "ssg: paused at moving")
    build.send_signal(signal.SIGKILL)
    build.wait(timeout=DEADLINE)
    assert (root / ".public.journal").is_file()
    assert finish(ssg_build(root, root / "public"))[0] in (0, 1)
    assert finish(ssg_build(root, tmp_path / "clean"))[0] in (0, 1)  # another output: all rendered
    assert tree(root / "public") == tree(tmp_path / "clean")
    assert sorted(p.name for p in root.iterdir() if p.name.startswith(".public")) == []
