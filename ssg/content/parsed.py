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
Two things keep it cheap, since a one-post rebuild reads and writes it whole:
a post's body is not stored (it is the end of the file's text, which is read
anyway, so an entry keeps where it starts), and the entries are pickled in
`SHARDS` groups by file name, so a save pickles again only the groups whose
entries changed and copies the others' bytes as they were read.
"""

from __future__ import annotations

import hashlib
import io
import os
import pickle
import sys
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import ssg
from ssg.core.diagnostics import Diagnostic
from ssg.core.model import Config, Post

FILE_NAME = "posts.pickle"
SHARDS = 16  # a one-post edit pickles one group of entries again, not all of them
Parsed = tuple[Post | None, list[Diagnostic]]
Stored = tuple[str, Post | None, list[Diagnostic], int, "Digest | None"]  # see `_stored`
Digest = tuple[str, bytes]  # (the hasher's stamp, the post's hash) as the page engine made it


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
    parts = ["ssg-parsed-posts 3", ssg.__version__, repr(sys.version_info[:3]), repr(config)]
    return hashlib.blake2b("\n".join([*parts, *_code()]).encode(), digest_size=20).hexdigest()


def text_key(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=20).hexdigest()


def shard(shown: str) -> int:
    return zlib.crc32(shown.encode("utf-8", "surrogatepass")) % SHARDS


def _without_body(post: Post) -> Post:
    """A copy of `post` with an empty body, made without `__init__` (it is not a new post)."""
    copy = object.__new__(Post)
    object.__setattr__(copy, "__dict__", {**post.__dict__, "body": ""})
    return copy


def _stored(key: str, text: str, parsed: Parsed) -> Stored:
    """Text hash, post (its body left out when saved), where the body starts, its page hash."""
    post, diags = parsed
    if post is None or not text.endswith(post.body):  # a body that is not the text's end: kept
        return key, post, diags, -1, None
    return key, post, diags, len(text) - len(post.body), None


def _same_but_html(parsed: Post, post: Post) -> bool:
    """True when `post` is `parsed` with only the render stage's `html` filled in.

    Every other field must be the very same object, not an equal one: a
    post's hash stands for exactly those values.
    """
    mine, theirs = parsed.__dict__, post.__dict__
    return len(mine) == len(theirs) and all(
        value is theirs.get(name) for name, value in mine.items() if name != "html"
    )


@dataclass
class ParsedPosts:
    """Entries read at the start; `save` keeps the ones this run used or made."""

    path: Path | None
    stamp: str = ""
    shards: dict[int, bytes] = field(default_factory=dict)  # as read: pickled entries by group
    entries: dict[str, Stored] = field(default_factory=dict)
    used: dict[str, Stored] = field(default_factory=dict)
    dirty: set[int] = field(default_factory=set)  # groups whose entries differ from the file's
    warning: str | None = None  # the file was there but could not be read

    @classmethod
    def open(cls, folder: Path | None, config: Config) -> ParsedPosts:
        if folder is None:
            return cls(None)
        cache = cls(folder / FILE_NAME, stamp(config))
        try:
            with open(cache.path, "rb") as file:
                if pickle.load(file) == cache.stamp:  # noqa: S301 - the build's own scratch file
                    cache.shards = pickle.load(file)  # noqa: S301
                    for data in cache.shards.values():
                        cache.entries.update(pickle.loads(data))  # noqa: S301
                    if not all(type(e) is tuple and len(e) == 5 for e in cache.entries.values()):
                        raise ValueError("not an entry")
        except FileNotFoundError:
            pass
        except Exception:  # noqa: BLE001 - damaged: parse afresh, and say so once
            cache.shards, cache.entries = {}, {}
            cache.warning = f"{cache.path}: ignoring unreadable parsed posts; rebuilding it"
        return cache

    def get(self, shown: str, text: str) -> Parsed | None:
        if self.path is None:
            return None
        key = text_key(text)
        found = self.entries.get(shown)
        if found is None or found[0] != key:
            self.used[shown] = (key, None, [], -1, None)  # a placeholder `put` fills in
            self.dirty.add(shard(shown))
            return None
        self.used[shown] = found
        _, post, diags, start, _ = found
        if post is not None and start >= 0:  # made once, in this run only: given its body
            object.__setattr__(post, "body", text[start:])
        return post, diags

    def put(self, shown: str, text: str, parsed: Parsed) -> None:
        if self.path is None or shown not in self.used:
            return
        self.used[shown] = _stored(self.used[shown][0], text, parsed)
        self.dirty.add(shard(shown))

    def known_digests(self, posts: Iterable[Post], stamp: str) -> list[tuple[Post, bytes]]:
        """The page hash kept for each of `posts` still as it was when that hash was made."""
        found = []
        for post in posts:
            parsed, kept = self._parsed(post.source)
            if kept and kept[0] == stamp and parsed and _same_but_html(parsed, post):
                found.append((post, kept[1]))
        return found

    def keep_digests(self, digests: Iterable[tuple[Post, bytes]], stamp: str) -> None:
        """Keep each post's page hash for the next run, if the post is the one parsed here."""
        for post, digest in digests:
            parsed, kept = self._parsed(post.source)
            if parsed and kept != (stamp, digest) and _same_but_html(parsed, post):
                self.used[post.source] = (*self.used[post.source][:4], (stamp, digest))
                self.dirty.add(shard(post.source))

    def _parsed(self, shown: str) -> tuple[Post | None, Digest | None]:
        """The post this run parsed or reused for `shown`, and the page hash kept with it."""
        entry = self.used.get(shown)
        return (entry[1], entry[4]) if entry else (None, None)

    def save(self) -> None:
        """Written whole under a temporary name, then renamed: two builds never mix."""
        if self.path is None:
            return
        self.dirty.update(shard(shown) for shown in self.entries.keys() - self.used.keys())
        if not self.dirty and self.shards.keys() == {shard(shown) for shown in self.used}:
            return
        groups: dict[int, dict[str, Stored]] = {}
        for shown in sorted(self.used):
            groups.setdefault(shard(shown), {})[shown] = self.used[shown]
        shards = {n: self.shards[n] for n in groups if n not in self.dirty and n in self.shards}
        for n in groups.keys() - shards.keys():
            entries = {shown: self._strip(entry) for shown, entry in groups[n].items()}
            shards[n] = pickle.dumps(entries, protocol=pickle.HIGHEST_PROTOCOL)
        buffer = io.BytesIO()
        pickle.dump(self.stamp, buffer, protocol=pickle.HIGHEST_PROTOCOL)
        pickle.dump(dict(sorted(shards.items())), buffer, protocol=pickle.HIGHEST_PROTOCOL)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(f".{self.path.name}.tmp-{os.getpid()}")
        try:
            tmp.write_bytes(buffer.getvalue())
            os.replace(tmp, self.path)
        finally:
            tmp.unlink(missing_ok=True)

    @staticmethod
    def _strip(entry: Stored) -> Stored:
        """Entries hold their post with its body (given back, or as parsed); stored without."""
        key, post, diags, start, digest = entry
        return (key, _without_body(post), diags, start, digest) if post and start >= 0 else entry
