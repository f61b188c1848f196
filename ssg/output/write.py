"""Stage 5: write the site atomically.

The new site is written into a temporary sibling folder and swapped into place
with renames, so a failed or interrupted build leaves the previous output as
it was, and the new output holds exactly the current site. The build refuses
any folder it might damage: the hub itself, its sources, or a non-empty folder
it did not create (it keeps a marker file in what it writes).

Incremental without risk: a file whose bytes are the same as in the current
output is hard-linked into the new folder instead of written, so unchanged
files keep their timestamps (rsync and CDN uploads skip them) while the swap
stays whole-or-nothing; files of pages that no longer exist are simply not in
the new folder. The current output is only ever read and linked, never
written, so a build killed at any point leaves it as it was.

Two builds writing next to each other take turns: the swap holds a lock on the
output's parent folder (no lock file is left behind); a build waits for it at
most `LOCK_WAIT` seconds, saying so once, then stops with an error.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import shutil
import sys
import time
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

from ssg.core.diagnostics import Diagnostic, SsgError, error
from ssg.core.faults import pause_point
from ssg.output.swap import swap_in

MARKER = ".ssg-output"
MARKER_TEXT = "This folder is written by `ssg build` and replaced on every build. Do not edit it.\n"
SOURCE_DIRS = ("content", "themes", "templates", "static", ".git")
LOCK_WAIT = 300.0  # seconds a build waits for another one writing beside it


def check_output_dir(root: Path, out: Path) -> list[Diagnostic]:
    """Reasons the build must not replace `out`; empty when it is safe."""
    root, out = root.resolve(), out.resolve()
    shown = str(out)
    if out == root or out in root.parents:
        return [
            error(
                shown,
                0,
                "output folder contains the hub itself; choose a folder such as public/",
                "output",
            )
        ]
    for name in SOURCE_DIRS:
        source = root / name
        if out == source or source in out.parents:
            return [
                error(
                    shown,
                    0,
                    f"output folder is inside the hub's {name}/; choose a folder such as public/",
                    "output",
                )
            ]
    if out.exists() and not out.is_dir():
        return [error(shown, 0, "output path is a file; expected a folder", "output")]
    if (out / ".git").exists():
        message = "output folder holds a .git; ssg replaces the whole folder, so build elsewhere"
        return [error(shown, 0, message + " and copy the files in", "output")]
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).is_file():
        return [
            error(
                shown,
                0,
                f"output folder is not empty and was not written by ssg (no {MARKER}); "
                "empty it or choose another folder",
                "output",
            )
        ]
    return []


def _same_bytes(previous: Path, data: bytes) -> bool:
    try:
        return previous.stat().st_size == len(data) and previous.read_bytes() == data
    except OSError:  # missing, a folder, unreadable: write it afresh
        return False


def _place(dest: Path, data: bytes, previous: Path | None) -> None:
    """`dest` gets `data`: linked from the previous output when it is the same, else written.

    `dest` never exists yet, so a write can never go through a link into the previous output.
    """
    dest.parent.mkdir(parents=True, exist_ok=True)
    if previous is not None and _same_bytes(previous, data):
        with contextlib.suppress(OSError):  # no hard links here: fall back to writing
            os.link(previous, dest)
            return
    dest.write_bytes(data)


def _write_files(target: Path, files: Mapping[str, str | bytes], previous: Path | None) -> None:
    half = len(files) // 2
    for count, (site_path, data) in enumerate(sorted(files.items())):
        if count == half:
            pause_point("write")
        if isinstance(data, str):
            data = data.encode("utf-8")
        _place(target / site_path, data, previous / site_path if previous else None)


def _copy_static(
    target: Path,
    static_dirs: Sequence[tuple[Path, str]],
    generated: Mapping[str, object],
    previous: Path | None,
) -> list[Diagnostic]:
    """Copy static folders in order, later ones overriding; a clash with a page is an error."""
    diags = []
    for source, prefix in static_dirs:
        if not source.is_dir():
            continue
        for file in sorted(p for p in source.rglob("*") if p.is_file()):
            site_path = prefix + file.relative_to(source).as_posix()
            if site_path in generated:
                diags.append(
                    error(
                        str(file),
                        0,
                        f"static file would overwrite the generated {site_path}; rename it",
                        "output",
                    )
                )
                continue
            dest = target / site_path
            if (
                dest.exists()
            ):  # a later folder overrides an earlier one: unlink, never write through
                dest.unlink()
            _place(dest, file.read_bytes(), previous / site_path if previous else None)
    return diags


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _recover_leftovers(out: Path) -> None:
    """Folders of builds that died: restore a previous site caught mid-swap, drop the rest.

    Only our own names (`.public.tmp-PID`, `.public.old-PID`) of processes that no
    longer run, holding our marker, are touched; anything else is the user's.
    """
    pattern = re.compile(rf"\.{re.escape(out.name)}\.(tmp|old)-(\d+)")
    for stale in sorted(out.parent.iterdir()):
        match = pattern.fullmatch(stale.name)
        if not match or _alive(int(match[2])) or not (stale / MARKER).is_file():
            continue
        if match[1] == "old" and not out.exists():
            os.rename(stale, out)  # the swap was cut between its two renames
        else:
            shutil.rmtree(stale, ignore_errors=True)


@contextlib.contextmanager
def _turn(folder: Path, wait: float) -> Iterator[None]:
    """Hold the lock on `folder` (a flock on the folder itself, so nothing is left behind)."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        deadline, said = time.monotonic() + wait, False
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    message = (
                        f"another build kept writing here for over {wait:.0f}s; "
                        "wait for it to finish, then build again"
                    )
                    raise SsgError([error(str(folder), 0, message, "output")]) from None
                if not said:
                    print(f"ssg: waiting for another build writing in {folder}", file=sys.stderr)
                    said = True
                time.sleep(0.1)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def _cannot_write(exc: OSError) -> str:
    return (
        f"cannot write the output folder ({exc.strerror or exc}); free some space or make "
        "the folder writable, or choose another with --out; the previous output is untouched"
    )


def write_site(
    root: Path, out: Path, files: Mapping[str, str | bytes], static_dirs: Sequence[tuple[Path, str]]
) -> None:
    """Write `files` (site path -> content) and the static folders into `out`, atomically."""
    diags = check_output_dir(root, out)
    if diags:
        raise SsgError(diags)
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    with _turn(out.parent, LOCK_WAIT):
        _recover_leftovers(out)
        _swap_in(out, files, static_dirs)


def _swap_in(
    out: Path, files: Mapping[str, str | bytes], static_dirs: Sequence[tuple[Path, str]]
) -> None:
    """Build the new folder beside `out`, then rename it into place."""
    previous = out if (out / MARKER).is_file() else None
    tmp = out.parent / f".{out.name}.tmp-{os.getpid()}"
    old = out.parent / f".{out.name}.old-{os.getpid()}"
    try:
        tmp.mkdir()
        _place(tmp / MARKER, MARKER_TEXT.encode("utf-8"), previous and previous / MARKER)
        _write_files(tmp, files, previous)
        diags = _copy_static(tmp, static_dirs, files, previous)
        if diags:
            raise SsgError(diags)
        swap_in(tmp, out, old)
    except OSError as exc:  # a full disk, a read-only folder: name it, keep the previous site
        raise SsgError([error(str(out), 0, _cannot_write(exc), "output")]) from exc
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
