"""Posts as parsed by the last build, kept in `.ssg-cache/posts.pickle` for the next run.

Reading 4,000 posts is quick; parsing their front matter and checking every
key is most of what `ssg lint` and a one-post rebuild spend. An entry is used
only for the exact text it was made from (its hash) and while the settings
that shape a post (the whole `site.yaml`), the versions of Python and ssg and
ssg's own code are the same, recorded in a stamp read before anything else.
A file that is damaged or from another version is ignored and replaced by the
next build; `ssg lint` only reads it.

The file is a pickle, as Sphinx keeps its environment: like the rest of
`.ssg-cache/` it is the build's own scratch space, never part of a pull request.
"""

from __future__ import annotations

import hashlib
import io
import os
import pickle
import sys
from dataclasses import dataclass, field
from pathlib import Path

import ssg
from ssg.core.diagnostics import Diagnostic
from ssg.core.model import Config, Post

FILE_NAME = "posts.pickle"
Parsed = tuple[Post | None, list[Diagnostic]]


def _code() -> list[str]:
    """ssg's own modules by size and time: a changed parser never reuses old entries."""
    package = Path(ssg.__file__).parent
    found = []
    for folder in ("core", "content"):
        for file in sorted((package / folder).glob("*.py")):
            st = file.stat()
            found.append(f"{file.name} {st.st_size} {st.st_mtime_ns}")
    return found


def stamp(config: Config) -> str:
    parts = ["ssg-parsed-posts 1", ssg.__version__, repr(sys.version_info[:3]), repr(config)]
    return hashlib.blake2b("\n".join([*parts, *_code()]).encode(), digest_size=20).hexdigest()


def text_key(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=20).hexdigest()


@dataclass
class ParsedPosts:
    """Entries read at the start; `save` keeps the ones this run used or made."""

    path: Path | None
    stamp: str = ""
    entries: dict[str, tuple[str, Parsed]] = field(default_factory=dict)
    used: dict[str, tuple[str, Parsed]] = field(default_factory=dict)
    changed: bool = False
    warning: str | None = None  # the file was there but could not be read

    @classmethod
    def open(cls, folder: Path | None, config: Config) -> ParsedPosts:
        if folder is None:
            return cls(None)
        cache = cls(folder / FILE_NAME, stamp(config))
        try:
            with open(cache.path, "rb") as file:
                if pickle.load(file) == cache.stamp:  # noqa: S301 - the build's own scratch file
                    entries = pickle.load(file)  # noqa: S301
                    cache.entries = entries if isinstance(entries, dict) else {}
        except FileNotFoundError:
            pass
        except Exception:  # noqa: BLE001 - damaged: parse afresh, and say so once
            cache.entries = {}
            cache.warning = f"{cache.path}: ignoring unreadable parsed posts; rebuilding it"
        return cache

    def get(self, shown: str, text: str) -> Parsed | None:
        if self.path is None:
            return None
        key = text_key(text)
        found = self.entries.get(shown)
        if found is None or found[0] != key:
            self.used[shown] = (key, (None, []))  # a placeholder `put` fills in
            return None
        self.used[shown] = found
        return found[1]

    def put(self, shown: str, parsed: Parsed) -> None:
        if self.path is None or shown not in self.used:
            return
        self.used[shown] = (self.used[shown][0], parsed)
        self.changed = True

    def save(self) -> None:
        """Written whole under a temporary name, then renamed: two builds never mix."""
        if self.path is None or not (self.changed or self.used.keys() != self.entries.keys()):
            return
        buffer = io.BytesIO()
        pickle.dump(self.stamp, buffer, protocol=pickle.HIGHEST_PROTOCOL)
        pickle.dump(self.used, buffer, protocol=pickle.HIGHEST_PROTOCOL)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(f".{self.path.name}.tmp-{os.getpid()}")
        try:
            tmp.write_bytes(buffer.getvalue())
            os.replace(tmp, self.path)
        finally:
            tmp.unlink(missing_ok=True)
