"""Content, static and template files kept in memory between rebuilds of `ssg serve`.

A file is read again when its stat (mtime, size, inode) changes or the watcher
names it; when its text is the same as before it keeps its parsed value, the
very same object, so later stages compare it by identity at no cost. Saving one
post therefore parses one file, not four thousand.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Set
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TypeVar

from ssg.content.frontmatter import Source, split_front_matter
from ssg.content.load import source_files
from ssg.core.diagnostics import Diagnostic, error
from ssg.core.yamlfile import read_text

T = TypeVar("T")
Stat = tuple[int, int, int]


def stat_key(path: str) -> Stat | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_size, st.st_ino)


@dataclass(frozen=True)
class _Entry(Generic[T]):
    stat: Stat
    text: str | None
    value: T | None
    diags: tuple[Diagnostic, ...]


class ContentFolder(Generic[T]):
    """The files of one content folder (`posts`, `pages`), each parsed once per change."""

    def __init__(self, folder: str, parse: Callable[[Source], tuple[T | None, list[Diagnostic]]]):
        self.folder = folder
        self.parse = parse
        self.parsed = 0  # files parsed by the last load, for the rebuild report
        self.files: list[str] = []  # shown path of every file of the last load, valid or not
        self._entries: dict[str, _Entry[T]] = {}

    def load(self, root: Path, touched: Set[str]) -> tuple[list[T], list[Diagnostic]]:
        """Valid values in file-name order, and every problem of every file."""
        files, diags = source_files(root, self.folder)
        fresh: dict[str, _Entry[T]] = {}
        self.parsed = 0
        for file, shown in files:
            key = stat_key(file)
            if key is None:  # deleted between the listing and now
                continue
            old = self._entries.get(shown)
            if old is not None and old.stat == key and file not in touched:
                fresh[shown] = old
            else:
                fresh[shown] = self._read(file, shown, key, old)
        self._entries = fresh
        self.files = list(fresh)
        values = [e.value for e in fresh.values() if e.value is not None]
        diags += [d for e in fresh.values() for d in e.diags]
        return values, diags

    def _read(self, file: str, shown: str, key: Stat, old: _Entry[T] | None) -> _Entry[T]:
        text, read_diags = read_text(file, shown)
        if old is not None and text is not None and text == old.text:
            return _Entry(key, old.text, old.value, old.diags)
        if text is None:
            return _Entry(key, None, None, tuple(read_diags))
        self.parsed += 1
        source, split_diags = split_front_matter(text, shown)
        value, parse_diags = (None, []) if source is None else self.parse(source)
        return _Entry(key, text, value, tuple(split_diags + parse_diags))


def _inside(file: str, folder: str) -> bool:
    """True when `file`, symlinks resolved, is still inside `folder` (also resolved)."""
    real = os.path.realpath(file)
    return real == folder or real.startswith(folder.rstrip(os.sep) + os.sep)


def walk_files(folder: Path) -> Iterable[tuple[str, str]]:
    """(path, name relative to `folder`) of every file, sorted; symlinks out are left out."""
    if not folder.is_dir():
        return []
    real = os.path.realpath(folder)
    found = []
    for parent, dirs, names in os.walk(folder):  # symlinked folders are not entered
        dirs.sort()
        for name in names:
            path = os.path.join(parent, name)
            if os.path.isfile(path) and _inside(path, real):
                found.append((path, os.path.relpath(path, folder).replace(os.sep, "/")))
    return sorted(found, key=lambda item: item[1])


class StaticFiles:
    """The static folders as the build copies them (later folders override), in memory."""

    def __init__(self) -> None:
        self._cache: dict[str, tuple[Stat, bytes]] = {}

    def load(
        self, folders: Iterable[tuple[Path, str]], generated: Set[str], touched: Set[str]
    ) -> tuple[dict[str, bytes], list[Diagnostic]]:
        files: dict[str, bytes] = {}
        diags: list[Diagnostic] = []
        fresh: dict[str, tuple[Stat, bytes]] = {}
        for folder, prefix in folders:
            for path, name in walk_files(folder):
                site_path = prefix + name
                if site_path in generated:
                    message = f"static file would overwrite the generated {site_path}; rename it"
                    diags.append(error(path, 0, message, "output"))
                    continue
                data = self._read(path, touched, fresh)
                if data is not None:
                    files[site_path] = data
        self._cache = fresh
        return files, diags

    def _read(
        self, path: str, touched: Set[str], fresh: dict[str, tuple[Stat, bytes]]
    ) -> bytes | None:
        key = stat_key(path)
        if key is None:
            return None
        old = self._cache.get(path)
        if old is not None and old[0] == key and path not in touched:
            fresh[path] = old
            return old[1]
        try:
            data = Path(path).read_bytes()
        except OSError:
            return None
        if old is not None and old[1] == data:
            data = old[1]  # the same object: unchanged files compare by identity
        fresh[path] = (key, data)
        return data


def tree_signature(folders: Iterable[Path]) -> tuple[tuple[str, Stat | None], ...]:
    """A value that changes when any file under `folders` is added, removed or rewritten."""
    return tuple((path, stat_key(path)) for folder in folders for path, _ in walk_files(folder))
