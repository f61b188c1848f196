"""Small changes to a large site, applied in place with a journal instead of a whole new folder.

Swapping in a whole new folder costs a link and a folder for every file of the
site, about a second at 5,000 pages, even when one post changed. When few
files change, the build instead writes the new files into a staging folder
beside the output, then writes a journal naming each move and deletion, and
only then (the commit point, one rename) moves them into place.

A build killed before the commit leaves the previous site whole. A build
killed while moving (a few renames, milliseconds) leaves a journal, and the
next build completes it before anything else, so the site always ends up
whole: either the previous one or the new one, never a mix that stays.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Mapping, Sequence
from pathlib import Path

from ssg.core.faults import pause_point


def journal_path(out: Path) -> Path:
    return out.parent / f".{out.name}.journal"


def stage_path(out: Path) -> Path:
    return out.parent / f".{out.name}.new-{os.getpid()}"


def apply_in_place(out: Path, changes: Mapping[str, bytes], deleted: Sequence[str]) -> None:
    """Write `changes` (site path -> bytes) and delete `deleted` in `out`, through a journal."""
    stage = stage_path(out)
    stage.mkdir()
    try:
        moves = []
        for number, (name, data) in enumerate(sorted(changes.items())):
            (stage / str(number)).write_bytes(data)
            moves.append([str(number), name])
        pause_point("swap")
        journal = {"stage": stage.name, "moves": moves, "deletes": sorted(deleted)}
        tmp = out.parent / f".{out.name}.journal-{os.getpid()}"
        tmp.write_text(json.dumps(journal), encoding="utf-8")
        os.replace(tmp, journal_path(out))  # the commit point
        _apply(out, journal)
        pause_point("swapped")
    finally:
        shutil.rmtree(stage, ignore_errors=True)


def _apply(out: Path, journal: Mapping[str, object]) -> None:
    stage = out.parent / str(journal["stage"])
    moves = journal["moves"]
    assert isinstance(moves, list)
    for index, (number, name) in enumerate(moves):
        if index == 1:
            pause_point("moving")
        staged, dest = stage / number, out / name
        if staged.exists():  # a completed move is not repeated
            dest.parent.mkdir(parents=True, exist_ok=True)
            if dest.is_dir() and not dest.is_symlink():
                shutil.rmtree(dest)  # a page that became a file's name
            os.replace(staged, dest)
    deletes = journal["deletes"]
    assert isinstance(deletes, list)
    for name in deletes:
        (out / name).unlink(missing_ok=True)
        _prune(out, (out / name).parent)
    journal_path(out).unlink(missing_ok=True)


def _prune(out: Path, folder: Path) -> None:
    """Remove folders emptied by deletions, up to (not including) `out`."""
    while folder != out and out in folder.parents:
        try:
            folder.rmdir()
        except OSError:  # not empty, or gone
            return
        folder = folder.parent


def recover(out: Path) -> None:
    """Complete the journal a killed build left, so the output is the new site whole."""
    path = journal_path(out)
    try:
        journal = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return
    except (OSError, ValueError):
        path.unlink(missing_ok=True)  # cut while being written: never committed
        return
    _apply(out, journal)
    shutil.rmtree(out.parent / str(journal["stage"]), ignore_errors=True)
