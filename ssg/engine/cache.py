"""Rendered Markdown kept between builds in `.ssg-cache/markdown.cache`.

An entry is found by a hash of everything the render reads (the body, its
file, its first line, the page URL, whether raw HTML is allowed, the Markdown
settings and the versions of Python, ssg, Python-Markdown and Pygments) and is
used only while every content file the body links to still has the URL (or the
reason it is left out) it had when the entry was made. So an edit, a slug
change of a linked post or an upgrade re-renders exactly what it affects, and
the cache can never make the output wrong, only slower when it misses.

The file is written whole to a temporary name and renamed over the old one, so
two builds at once leave one of their complete versions and never a mix. A
file that cannot be read (truncated, corrupt, from another version) is ignored
with one warning and replaced at the end of the build. The entries are stored
in `SHARDS` groups by key, each with a hash of its bytes: a group whose hash
matches is exactly what a build wrote, so its entries are used without being
checked one by one, and a group whose entries did not change is written back
as the bytes it was read as (a one-post edit encodes one group, not all).
"""

from __future__ import annotations

import hashlib
import json
import marshal
import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from ssg import __version__
from ssg.content import highlight, markup
from ssg.core.versions import library_version

FORMAT, FORMAT_VERSION = "ssg-markdown-cache", 5
MAGIC = b"ssg-markdown-cache\n"  # the file's first bytes (see `encode`)
FILE_NAME = "markdown.cache"  # marshal: read and written five times faster than JSON
SHARDS = 16  # groups of entries by the first hex digit of their key
Stored = tuple[str, tuple[tuple[int, str], ...], dict[str, str], tuple[tuple[str, int], ...]]
Part = tuple[bytes, bytes | memoryview]  # a group's SHA-256 and its marshal bytes


@dataclass(frozen=True)
class Item:
    """One Markdown body to render, with everything that affects its HTML."""

    body: str
    source: str
    body_line: int
    url: str
    allow_html: bool = True


@dataclass(frozen=True)
class Rendered:
    html: str
    problems: tuple[tuple[int, str], ...]  # (line, message) in the item's source
    deps: Mapping[str, str]  # content file linked to -> markup.link_state when rendered
    site_links: tuple[tuple[str, int], ...] = ()  # (site path, line) of links such as /docs/
    code: Mapping[str, str] = field(default_factory=dict)  # blocks a worker highlighted (unsaved)
    key: str = ""  # the item's `item_key` once the cache has seen it


def text_key(rendered: Rendered) -> bytes:
    """What fixes an item's body and HTML: its key and the state of each link it made.

    The page hasher takes this in place of hashing 4,000 bodies and their HTML
    again: the same key and link states give the same render (the premise of
    this cache). Empty when the cache has not seen the item.
    """
    if not rendered.key:
        return b""
    return rendered.key.encode("ascii") + marshal.dumps(sorted(rendered.deps.items()))


def _environment() -> str:
    """What every render shares: settings and versions (a change re-renders everything)."""
    parts = [
        FORMAT,
        FORMAT_VERSION,
        __version__,
        library_version("markdown"),
        library_version("pygments"),
        list(sys.version_info[:2]),
        markup.EXTENSIONS,
        markup.EXTENSIONS_CONFIG,
    ]
    return json.dumps(parts, sort_keys=True, default=lambda o: f"{o.__module__}.{o.__qualname__}")


def item_key(item: Item, environment: str) -> str:
    """A hash of everything one render reads but the link table, each part length-prefixed."""
    hasher = hashlib.sha256()
    for part in (environment, item.source, str(item.body_line), item.url, str(item.allow_html)):
        data = part.encode("utf-8", "surrogatepass")
        hasher.update(b"%d:" % len(data))
        hasher.update(data)
    hasher.update(item.body.encode("utf-8", "surrogatepass"))  # the last part: no length needed
    return hasher.hexdigest()


def _shard(key: str) -> int:
    return int(key[0], 16) % SHARDS


def _checksum(payload: bytes) -> bytes:
    return hashlib.sha256(payload).digest()  # the fastest strong hash here (CPU instructions)


def _stored(rendered: Rendered) -> Stored:
    return rendered.html, rendered.problems, dict(rendered.deps), rendered.site_links


@dataclass
class MarkdownCache:
    """Entries read at the start of a build; the ones it used are written back at the end."""

    path: Path | None  # None: --no-cache, nothing read or written
    entries: dict[str, Stored] = field(default_factory=dict)
    used: dict[str, Rendered] = field(default_factory=dict)
    warning: str | None = None
    shards: dict[int, Part] = field(default_factory=dict)  # as read: hash, bytes
    dirty: set[int] = field(default_factory=set)  # groups with an entry put in this build
    code_changed: bool = False
    environment: str = field(default_factory=_environment)

    @classmethod
    def open(cls, folder: Path | None) -> MarkdownCache:
        if folder is None:
            return cls(None)
        cache = cls(folder / FILE_NAME)
        cache.shards, cache.entries, code, cache.warning = _read(cache.path)
        highlight.preload(code)
        return cache

    def get(
        self, item: Item, links: Mapping[str, str], unpublished: Mapping[str, str]
    ) -> Rendered | None:
        """The stored render of `item` if every link it made still resolves the same way."""
        key = item_key(item, self.environment)
        found = self.entries.get(key)
        if found is None:
            return None
        html, problems, deps, site_links = found
        for target, state in deps.items():
            if markup.link_state(target, links, unpublished) != state:
                return None
        rendered = Rendered(html, problems, deps, site_links, key=key)
        self.used[key] = rendered
        return rendered

    def put(self, item: Item, rendered: Rendered) -> Rendered:
        """Keep a fresh render of `item`; it comes back with its key."""
        key = item_key(item, self.environment)
        self.used[key] = rendered = replace(rendered, key=key)
        self.dirty.add(_shard(key))
        return rendered

    def save(self) -> None:
        """Keep exactly the entries of this build; written only when something changed."""
        if self.path is None:
            return
        groups: dict[int, list[str]] = {}
        for key in self.used:
            groups.setdefault(_shard(key), []).append(key)
        stored: dict[int, set[str]] = {}
        for key in self.entries:
            stored.setdefault(_shard(key), set()).add(key)
        everything = groups.keys() | stored.keys()
        changed = self.dirty | {n for n in everything if set(groups.get(n, ())) != stored.get(n)}
        if not changed:  # code blocks change only with an entry put
            return
        shards = {}
        for n, keys in sorted(groups.items()):
            if n in changed or n not in self.shards:
                payload = marshal.dumps({k: _stored(self.used[k]) for k in sorted(keys)})
                shards[n] = (_checksum(payload), payload)
            else:
                shards[n] = self.shards[n]
        code_payload = marshal.dumps(highlight.used())  # highlighted blocks by language and text
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(f".{self.path.name}.tmp-{os.getpid()}")
        try:
            with open(tmp, "wb") as file:
                for part in encode(shards, (_checksum(code_payload), code_payload)):
                    file.write(part)
            os.replace(tmp, self.path)
        finally:
            tmp.unlink(missing_ok=True)


Read = tuple[dict[int, Part], dict[str, Stored], dict[str, str], str | None]


def encode(shards: dict[int, Part], code: Part) -> list[bytes | memoryview]:
    """The file as parts written one after another: the groups' bytes are never joined.

    Layout: `MAGIC`, the header's length (4 bytes, little-endian), the header
    (marshal: version, each group's number, hash and length, the code blocks'
    hash and length), then the groups' bytes in that order and the code's.
    """
    ordered = sorted(shards.items())
    parts = [(n, checksum, len(payload)) for n, (checksum, payload) in ordered]
    header = marshal.dumps((FORMAT_VERSION, parts, (code[0], len(code[1]))))
    return [
        MAGIC,
        len(header).to_bytes(4, "little"),
        header,
        *(p for _, (_, p) in ordered),
        code[1],
    ]


def decode(data: bytes) -> tuple[dict[int, Part], Part]:
    """The groups and code blocks of a file (views into `data`, not copies).

    ValueError says why a file is not one to read. A group cut short by a
    truncated file comes back shorter than its length, so its hash does not
    match and it is left out as damaged.
    """
    if not data.startswith(MAGIC) or len(data) < len(MAGIC) + 4:
        raise ValueError("an unreadable cache")
    view, at = memoryview(data), len(MAGIC) + 4
    size = int.from_bytes(data[len(MAGIC) : at], "little")
    try:
        version, parts, (code_checksum, code_size) = marshal.loads(view[at : at + size])
        at += size
        shards = {}
        for n, checksum, length in parts:
            shards[n] = (checksum, view[at : at + length])
            at += length
        code = (code_checksum, view[at : at + code_size])
    except (ValueError, EOFError, TypeError):
        raise ValueError("an unreadable cache") from None
    if version != FORMAT_VERSION:
        raise ValueError("a cache of another version")
    return shards, code


def _read(path: Path) -> Read:
    """The stored groups, their entries and the code blocks, and a warning for damage.

    A damaged group is left out alone; a file that is not ours is left out whole.
    """
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return {}, {}, {}, None
    except OSError as exc:
        name = type(exc).__name__
        return {}, {}, {}, f"{path}: ignoring an unreadable cache ({name}); rebuilding it"
    try:
        decoded = decode(data)
    except ValueError as exc:
        return {}, {}, {}, f"{path}: ignoring {exc}; rebuilding it"
    parts, code_part = decoded
    shards: dict[int, Part] = {}
    entries: dict[str, Stored] = {}
    for n, part in parts.items():
        found = _part(part)
        if found is not None and type(n) is int:
            shards[n] = part
            entries.update(found)
    code = _part(code_part)
    if len(shards) != len(parts) or code is None:
        warning = f"{path}: ignoring damaged parts of the cache; they are rendered again"
        return shards, entries, code or {}, warning
    return shards, entries, code, None


def _part(part: Part) -> dict | None:
    """One stored group, if its bytes are the ones its hash was taken of."""
    checksum, payload = part
    if _checksum(payload) != checksum:
        return None
    try:
        found = marshal.loads(payload)
    except (ValueError, EOFError, TypeError):
        return None
    return found if type(found) is dict else None
