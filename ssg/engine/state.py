"""What the last build wrote, kept in `.ssg-cache/output.cache` so the next one can skip work.

The record holds, for one output folder: every file and folder as it was left
(size, modification time and inode, so a file touched since is noticed without
reading it), what each page was made from (`PageRecord`), a fingerprint of
every input the build read, and what the build printed. When the inputs are
unchanged and the output is exactly as recorded, the next build is the same
build: it writes nothing and shows the same lint (`replay`).

A record that cannot be read, or describes another output folder, counts as
none: the build then renders everything, exactly as without a cache. It is
written whole under a temporary name and renamed into place, with a hash of
its content: a record whose hash does not match is damaged and ignored, and
one that matches is exactly what a build wrote, so it is used without
checking its ten thousand entries one by one.
"""

from __future__ import annotations

import hashlib
import marshal
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ssg.engine.pages import PageRecord

FORMAT, FORMAT_VERSION = "ssg-output-record", 4
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
            "out": self.out,
            "inputs": self.inputs,
            "files": dict(sorted(self.files.items())),
            "pages": {name: tuple(r) for name, r in sorted(self.pages.items())},
            "replay": self.replay,
            "caches": self.caches,
        }
        payload = marshal.dumps(data)
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / FILE_NAME
        tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
        try:
            tmp.write_bytes(marshal.dumps((FORMAT, FORMAT_VERSION, _checksum(payload), payload)))
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
    except (OSError, ValueError, TypeError, KeyError, AttributeError, EOFError, IndexError):
        message = f"{path}: ignoring an unreadable record of the last build; rebuilding it"
        return OutputRecord(warning=message)


def _checksum(payload: bytes) -> bytes:
    return hashlib.blake2b(payload, digest_size=20).digest()


def _parse(stored: Any) -> OutputRecord:
    """The record in `stored` (format, version, hash, payload) if it is whole and ours."""
    if type(stored) is not tuple or stored[:2] != (FORMAT, FORMAT_VERSION) or len(stored) != 4:
        raise ValueError("another format")
    checksum, payload = stored[2:]
    if type(payload) is not bytes or _checksum(payload) != checksum:
        raise ValueError("damaged")
    data = marshal.loads(payload)  # as a build wrote it: the hash matched
    pages = dict(zip(data["pages"], map(PageRecord._make, data["pages"].values()), strict=True))
    return OutputRecord(
        data["out"], data["inputs"], data["files"], pages, data["replay"], data["caches"]
    )
