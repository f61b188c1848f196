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
with one warning and replaced at the end of the build.
"""

from __future__ import annotations

import hashlib
import json
import marshal
import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ssg import __version__
from ssg.content import highlight, markup
from ssg.core.versions import library_version

FORMAT, FORMAT_VERSION = "ssg-markdown-cache", 3
FILE_NAME = "markdown.cache"  # marshal: read and written five times faster than JSON


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


def _parse_entry(raw: object) -> Rendered | None:
    """An entry as stored, checked field by field; None when it is not one of ours."""
    if not isinstance(raw, dict):
        return None
    html, problems, deps = raw.get("html"), raw.get("problems"), raw.get("deps")
    if not isinstance(html, str) or not isinstance(problems, list) or not isinstance(deps, dict):
        return None
    if not all(
        isinstance(p, list) and len(p) == 2 and isinstance(p[0], int) and isinstance(p[1], str)
        for p in problems
    ):
        return None
    if not all(isinstance(k, str) and isinstance(v, str) for k, v in deps.items()):
        return None
    links = raw.get("site_links")
    if not isinstance(links, list) or not all(
        isinstance(x, list) and len(x) == 2 and isinstance(x[0], str) and isinstance(x[1], int)
        for x in links
    ):
        return None  # an entry from before site links were kept: render again
    problem_pairs = tuple((line, message) for line, message in problems)
    return Rendered(html, problem_pairs, deps, tuple((path, line) for path, line in links))


@dataclass
class MarkdownCache:
    """Entries read at the start of a build; the ones it used are written back at the end."""

    path: Path | None  # None: --no-cache, nothing read or written
    entries: dict[str, object] = field(default_factory=dict)
    used: dict[str, Rendered] = field(default_factory=dict)
    warning: str | None = None
    changed: bool = False
    environment: str = field(default_factory=_environment)

    @classmethod
    def open(cls, folder: Path | None) -> MarkdownCache:
        if folder is None:
            return cls(None)
        cache = cls(folder / FILE_NAME)
        cache.entries, code, cache.warning = _read(cache.path)
        highlight.preload(code)
        return cache

    def get(
        self, item: Item, links: Mapping[str, str], unpublished: Mapping[str, str]
    ) -> Rendered | None:
        """The stored render of `item` if every link it made still resolves the same way."""
        key = item_key(item, self.environment)
        found = _parse_entry(self.entries.get(key))
        if found is None:
            if key in self.entries and self.warning is None:
                self.warning = f"{self.path}: ignoring a damaged entry; it is rendered again"
            return None
        for target, state in found.deps.items():
            if markup.link_state(target, links, unpublished) != state:
                return None
        self.used[key] = found
        return found

    def put(self, item: Item, rendered: Rendered) -> None:
        self.used[item_key(item, self.environment)] = rendered
        self.changed = True

    def save(self) -> None:
        """Keep exactly the entries of this build; written only when something changed."""
        if self.path is None or not (self.changed or self.used.keys() != self.entries.keys()):
            return
        entries = {
            key: {
                "html": r.html,
                "problems": [list(p) for p in r.problems],
                "deps": dict(r.deps),
                "site_links": [list(x) for x in r.site_links],
            }
            for key, r in sorted(self.used.items())
        }
        data = {
            "format": FORMAT,
            "version": FORMAT_VERSION,
            "entries": entries,
            "code": highlight.used(),  # highlighted blocks by language and text
        }
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(f".{self.path.name}.tmp-{os.getpid()}")
        try:
            tmp.write_bytes(marshal.dumps(data))
            os.replace(tmp, self.path)
        finally:
            tmp.unlink(missing_ok=True)


def _read(path: Path) -> tuple[dict[str, object], dict[str, str], str | None]:
    """The stored entries and code blocks, or none and one warning when the file is not ours."""
    try:
        data = marshal.loads(path.read_bytes())
    except FileNotFoundError:
        return {}, {}, None
    except (OSError, ValueError, EOFError, TypeError) as exc:
        name = type(exc).__name__
        return {}, {}, f"{path}: ignoring an unreadable cache ({name}); rebuilding it"
    ok = (
        isinstance(data, dict)
        and data.get("format") == FORMAT
        and data.get("version") == FORMAT_VERSION
        and isinstance(data.get("entries"), dict)
        and isinstance(data.get("code"), dict)
    )
    if not ok:
        return {}, {}, f"{path}: ignoring a cache of another format or version; rebuilding it"
    code = {k: v for k, v in data["code"].items() if isinstance(k, str) and isinstance(v, str)}
    return data["entries"], code, None
