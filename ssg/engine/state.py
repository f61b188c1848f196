"""What the last build wrote, kept in `.ssg-cache/output.cache` so the next one can skip work.

The record holds, for one output folder: every file and folder as it was left
(size, modification time and inode, so a file touched since is noticed without
reading it), what each page was made from (`PageRecord`), a fingerprint of
every input the build read, and what the build printed. When the inputs are
unchanged and the output is exactly as recorded, the next build is the same
build: it writes nothing and shows the same lint (`replay`).

A record that cannot be read, or describes another output folder, counts as
none: the build then renders everything, exactly as without a cache. It is
written whole under a temporary name and renamed into place.
"""

from __future__ import annotations

import marshal
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ssg.engine.pages import PageRecord

FORMAT, FORMAT_VERSION = "ssg-output-record", 3
FILE_NAME = "output.cache"  # marshal: plain data, read in milliseconds
CACHES = ("markdown.cache", "posts.pickle")  # the build's other files in .ssg-cache/
Stat = tuple[int, int, int]  # size, modification time (ns), inode


def cache_stats(folder: Path) -> dict[str, Stat | None]:
    return {name: stat_of(str(folder / name)) for name in CACHES}


def stat_of(path: str) -> Stat | None:
    try:
        st = os.stat(path, follow_symlinks=False)
    except OSError:
        return None
    return (st.st_size, st.st_mtime_ns, st.st_ino)


def scan(out: Path) -> dict[str, Stat]:
    """Every file and folder under `out` (folders end with /; "" is `out`), as they are now."""
    found: dict[str, Stat] = {}
    base = str(out)
    if (st := stat_of(base)) is not None:
        found[""] = st  # a file added or removed at the top shows here
    for folder, dirs, files in os.walk(base):
        rel = os.path.relpath(folder, base).replace(os.sep, "/")
        prefix = "" if rel == "." else rel + "/"
        for name in dirs:
            if (st := stat_of(os.path.join(folder, name))) is not None:
                found[prefix + name + "/"] = st
        for name in files:
            if (st := stat_of(os.path.join(folder, name))) is not None:
                found[prefix + name] = st
    return found


def rescan(
    out: Path, before: Mapping[str, Stat], touched: Iterable[str], whole: bool = False
) -> dict[str, Stat]:
    """`before` updated for the files written or removed in place, and their folders.

    `whole`: the output was replaced whole, so everything is looked at again.
    """
    if whole:
        return scan(out)
    after = dict(before)
    paths = {""}
    for name in touched:
        paths.add(name)
        parts = name.split("/")[:-1]
        paths.update("/".join(parts[: i + 1]) + "/" for i in range(len(parts)))
    for name in sorted(paths):
        st = stat_of(str(out / name.rstrip("/")) if name else str(out))
        if st is None:
            after.pop(name, None)
        else:
            after[name] = st
    return after


@dataclass
class OutputRecord:
    """The last build's output, as far as the next build may rely on it."""

    out: str = ""
    inputs: str = ""  # fingerprint of everything the build read ("" when unknown)
    files: dict[str, Stat] = field(default_factory=dict)
    pages: dict[str, PageRecord] = field(default_factory=dict)  # pages and feeds: their keys
    replay: dict[str, Any] = field(default_factory=dict)  # what the build printed
    caches: dict[str, Stat | None] = field(default_factory=dict)  # CACHES as the build left them
    _seen: dict[str, bool] | None = field(default=None, repr=False, compare=False)
    warning: str | None = field(default=None, compare=False)  # a record there but unreadable

    def _same(self, out: Path) -> dict[str, bool]:
        """Recorded path -> still as recorded; looked at once (the build holds the lock)."""
        if self._seen is None:
            base = str(out)
            self._seen = {
                name: stat_of(os.path.join(base, name.rstrip("/")) if name else base) == st
                for name, st in self.files.items()
            }
        return self._seen

    def intact(self, out: Path) -> bool:
        """True when `out` holds exactly the recorded files and folders, untouched since."""
        if not self.files or self.out != str(out) or "" not in self.files:
            return False
        return all(self._same(out).values())

    def caches_intact(self, folder: Path) -> bool:
        """True when the other cache files are as this build left them (none damaged since)."""
        return bool(self.caches) and self.caches == cache_stats(folder)

    def kept_pages(self, out: Path) -> dict[str, PageRecord]:
        """Records of the pages and feeds whose files are still exactly as this build left them."""
        if self.out != str(out):
            return {}
        same = self._same(out)
        return {name: record for name, record in self.pages.items() if same.get(name)}

    def save(self, folder: Path) -> None:
        data = {
            "format": FORMAT,
            "version": FORMAT_VERSION,
            "out": self.out,
            "inputs": self.inputs,
            "files": {name: list(st) for name, st in sorted(self.files.items())},
            "pages": {
                name: [r.key, [list(pair) for pair in r.reads], [list(pair) for pair in r.texts]]
                for name, r in sorted(self.pages.items())
            },
            "replay": self.replay,
            "caches": {name: st and list(st) for name, st in self.caches.items()},
        }
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / FILE_NAME
        tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
        try:
            tmp.write_bytes(marshal.dumps(data))
            os.replace(tmp, path)
        finally:
            tmp.unlink(missing_ok=True)


def open_record(folder: Path | None) -> OutputRecord:
    """The stored record, or an empty one when there is none we can trust."""
    if folder is None:
        return OutputRecord()
    path = folder / FILE_NAME
    try:
        return _parse(marshal.loads(path.read_bytes()))
    except FileNotFoundError:
        return OutputRecord()
    except (OSError, ValueError, TypeError, KeyError, AttributeError, EOFError):
        message = f"{path}: ignoring an unreadable record of the last build; rebuilding it"
        return OutputRecord(warning=message)


def _stat(raw: Any) -> Stat:
    if not (isinstance(raw, list) and len(raw) == 3 and all(type(x) is int for x in raw)):
        raise ValueError("not a file record")
    return (raw[0], raw[1], raw[2])


def _page(raw: Any) -> PageRecord:
    key, reads, texts = raw
    if not isinstance(key, str) or not isinstance(reads, list) or not isinstance(texts, list):
        raise ValueError("not a page record")
    pairs = tuple((str(name), str(digest)) for name, digest in reads)
    return PageRecord(key, pairs, tuple((str(source), str(digest)) for source, digest in texts))


def _parse(data: Any) -> OutputRecord:
    if data.get("format") != FORMAT or data.get("version") != FORMAT_VERSION:
        raise ValueError("another format")
    out, inputs, replay = data["out"], data["inputs"], data["replay"]
    if not isinstance(out, str) or not isinstance(inputs, str) or not isinstance(replay, dict):
        raise ValueError("not a record")
    files = {str(name): _stat(st) for name, st in data["files"].items()}
    pages = {str(name): _page(raw) for name, raw in data["pages"].items()}
    caches = {str(name): st and _stat(st) for name, st in data["caches"].items()}
    return OutputRecord(out, inputs, files, pages, replay, caches)
