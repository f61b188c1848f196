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

When the caller knows the previous output exactly (the engine's record of
it, checked against the disk) and few files change, they are applied in place
through a journal instead (`journal`); files the caller did not render again
(`KEPT`) are left or linked as they are.

Two builds writing next to each other take turns: a build holds a lock on the
output's parent folder (no lock file is left behind) from reading the previous
output to the end of the swap; a build waits for it at most `LOCK_WAIT`
seconds, saying so once, then stops with an error.
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
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from ssg.core.diagnostics import Diagnostic, SsgError, error
from ssg.core.faults import pause_point
from ssg.output.journal import apply_in_place, recover
from ssg.output.swap import swap_in

MARKER = ".ssg-output"
MARKER_TEXT = "This folder is written by `ssg build` and replaced on every build. Do not edit it.\n"
SOURCE_DIRS = ("content", "themes", "templates", "static", ".git")
LOCK_WAIT = 300.0  # seconds a build waits for another one writing beside it
WRITERS = 4  # threads writing files: system calls overlap, even on two cores
IN_PLACE_SHARE = 20  # at most 1 file in 20 changed: apply in place rather than swap
_HELD: set[str] = set()  # output parents this process holds the lock of


class Kept:
    """Stands for a file the caller did not produce again: the previous output's is right."""

    def __repr__(self) -> str:
        return "KEPT"


KEPT = Kept()
Content = str | bytes | Kept


@dataclass(frozen=True)
class Written:
    """How the output was replaced: `touched` lists the files written or removed in place."""

    swapped: bool
    touched: tuple[str, ...] = ()


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


def _place(dest: Path, data: bytes | Kept, previous: Path | None) -> None:
    """`dest` gets `data`: linked from the previous output when it is the same, else written.

    `dest` never exists yet, so a write can never go through a link into the previous output.
    """
    dest.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, Kept):
        if previous is None:
            raise OSError(f"{dest.name}: kept from a previous output that is not there")
        try:
            os.link(previous, dest)
        except OSError:
            shutil.copyfile(previous, dest)
        return
    if previous is not None and _same_bytes(previous, data):
        with contextlib.suppress(OSError):  # no hard links here: fall back to writing
            os.link(previous, dest)
            return
    dest.write_bytes(data)


def _write_files(target: Path, files: Mapping[str, Content], previous: Path | None) -> None:
    """Files go out from a few threads: each is a handful of system calls that release the GIL."""
    ordered = sorted(files.items())
    half = len(ordered) // 2

    def place(item: tuple[str, Content]) -> None:
        site_path, data = item
        if isinstance(data, str):
            data = data.encode("utf-8")
        _place(target / site_path, data, previous / site_path if previous else None)

    with ThreadPoolExecutor(WRITERS) as pool:
        list(pool.map(place, ordered[:half], chunksize=64))  # re-raises the first error
        pause_point("write")
        list(pool.map(place, ordered[half:], chunksize=64))


def static_files(
    static_dirs: Sequence[tuple[Path, str]], generated: Mapping[str, object]
) -> tuple[dict[str, Path], list[Diagnostic]]:
    """Site path -> file of the static folders, later ones overriding; a clash is an error."""
    found: dict[str, Path] = {}
    diags = []
    for source, prefix in static_dirs:
        if not source.is_dir():
            continue
        for file in sorted(p for p in source.rglob("*") if p.is_file()):
            site_path = prefix + file.relative_to(source).as_posix()
            if site_path in generated:
                message = f"static file would overwrite the generated {site_path}; rename it"
                diags.append(error(str(file), 0, message, "output"))
                continue
            found[site_path] = file
    return found, diags


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _recover_leftovers(out: Path) -> None:
    """What dead builds left: complete a journal, restore a site cut mid-swap, drop the rest.

    Only our own names (`.public.tmp-PID`, `.public.old-PID` holding our marker;
    `.public.new-PID` and `.public.journal-PID` of the journal) of processes that
    no longer run are touched; anything else is the user's.
    """
    recover(out)
    pattern = re.compile(rf"\.{re.escape(out.name)}\.(tmp|old|new|journal)-(\d+)")
    for stale in sorted(out.parent.iterdir()):
        match = pattern.fullmatch(stale.name)
        if not match or _alive(int(match[2])):
            continue
        if match[1] == "journal" and stale.is_file():
            stale.unlink()  # cut before its commit
        elif match[1] == "new":
            shutil.rmtree(stale, ignore_errors=True)
        elif not (stale / MARKER).is_file():
            if match[1] == "tmp" and stale.is_dir() and not any(stale.iterdir()):
                stale.rmdir()  # made, then cut before its marker: empty, so nothing is lost
            continue
        elif match[1] == "old" and not out.exists():
            os.rename(stale, out)  # the swap was cut between its two renames
        else:
            shutil.rmtree(stale, ignore_errors=True)


@contextlib.contextmanager
def output_turn(out: Path, wait: float = LOCK_WAIT) -> Iterator[None]:
    """Hold the lock beside `out` (a flock on its parent folder, so nothing is left behind).

    A build holds it from reading the previous output to the end of its write;
    the write inside takes it again without waiting on itself.
    """
    folder = out.resolve().parent
    if str(folder) in _HELD:
        yield
        return
    folder.mkdir(parents=True, exist_ok=True)
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
        _HELD.add(str(folder))
        try:
            yield
        finally:
            _HELD.discard(str(folder))
    finally:
        os.close(fd)  # closing releases the lock


def _cannot_write(exc: OSError) -> str:
    return (
        f"cannot write the output folder ({exc.strerror or exc}); free some space or make "
        "the folder writable, or choose another with --out; the previous output is untouched"
    )


def write_site(
    root: Path,
    out: Path,
    files: Mapping[str, Content],
    static_dirs: Sequence[tuple[Path, str]],
    previous: Mapping[str, object] | None = None,
) -> Written:
    """Write `files` (site path -> content) and the static folders into `out`, atomically.

    `previous`: every file and folder (folders end with /) now in `out`, when the
    caller has checked that; it allows applying a small change in place.
    """
    diags = check_output_dir(root, out)
    if diags:
        raise SsgError(diags)
    out = out.resolve()
    with output_turn(out, LOCK_WAIT):
        _recover_leftovers(out)
        static, diags = static_files(static_dirs, files)
        if diags:
            raise SsgError(diags)
        try:
            if previous is not None and (out / MARKER).is_file():
                change = _changes(out, files, static, previous)
                if change is not None:
                    apply_in_place(out, *change)
                    return Written(False, tuple(sorted([*change[0], *change[1]])))
            _swap_in(out, files, static)
        except OSError as exc:  # a full disk, a read-only folder: name it, keep the previous site
            raise SsgError([error(str(out), 0, _cannot_write(exc), "output")]) from exc
    return Written(True)


def _changes(
    out: Path,
    files: Mapping[str, Content],
    static: Mapping[str, Path],
    previous: Mapping[str, object],
) -> tuple[dict[str, bytes], list[str]] | None:
    """Files to write and to delete in place; None when so many change that a swap is better."""
    wanted = {**{name: path for name, path in static.items()}, **files, MARKER: MARKER_TEXT}
    old = [name for name in previous if name and not name.endswith("/")]  # "" is `out` itself
    deleted = [name for name in old if name not in wanted]
    limit = max(1, len(wanted) // IN_PLACE_SHARE)
    if len(deleted) > limit:
        return None
    old_files = set(old)
    changes: dict[str, bytes] = {}
    for name, data in wanted.items():
        parents = name.split("/")[:-1]
        if name + "/" in previous or any(
            "/".join(parents[: i + 1]) in old_files for i in range(len(parents))
        ):
            return None  # a file where a folder was, or the reverse: a new folder is simpler
        if isinstance(data, Kept):
            continue
        data = data.read_bytes() if isinstance(data, Path) else data
        data = data.encode("utf-8") if isinstance(data, str) else data
        if name in previous and _same_bytes(out / name, data):
            continue
        changes[name] = data
        if len(changes) + len(deleted) > limit:
            return None
    return changes, deleted


def _swap_in(out: Path, files: Mapping[str, Content], static: Mapping[str, Path]) -> None:
    """Build the new folder beside `out`, then rename it into place."""
    previous = out if (out / MARKER).is_file() else None
    tmp = out.parent / f".{out.name}.tmp-{os.getpid()}"
    old = out.parent / f".{out.name}.old-{os.getpid()}"
    try:
        tmp.mkdir()
        _place(tmp / MARKER, MARKER_TEXT.encode("utf-8"), previous and previous / MARKER)
        _write_files(tmp, files, previous)
        for site_path, file in static.items():
            _place(tmp / site_path, file.read_bytes(), previous / site_path if previous else None)
        swap_in(tmp, out, old)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
