"""Watching the hub's files: watchdog events, filtered, gathered into settled batches.

An editor's save is often several events (write a temporary file, rename it
over the original), and a `git checkout` touches hundreds of files at once.
Events are gathered until the files have been quiet for a moment, so each of
these gives one rebuild. Only writes count: the rebuild's own reads (watchdog
reports file opens and closes too) must not start another rebuild.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterable
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

WRITES = {"created", "deleted", "modified", "moved", "closed"}
EDITOR_LEFTOVERS = ("~", ".swp", ".swx", ".swo", ".tmp", ".kate-swp", ".crdownload")


def relevant(path: str) -> bool:
    """Not a hidden, temporary or editor swap file (Vim's `4913` probe included)."""
    name = os.path.basename(path)
    return bool(name) and not (
        name.startswith((".", "#")) or name.endswith(EDITOR_LEFTOVERS) or name == "4913"
    )


class Batches:
    """Changed paths, handed out once they have settled."""

    def __init__(self, quiet: float = 0.05, longest: float = 1.0) -> None:
        self.quiet = quiet  # seconds without a new change before a batch is complete
        self.longest = longest  # a steady stream of changes still rebuilds this often
        self._cond = threading.Condition()
        self._paths: set[str] = set()
        self._first = self._last = 0.0
        self._closed = False

    def add(self, paths: Iterable[str]) -> None:
        with self._cond:
            now = time.monotonic()
            if not self._paths:
                self._first = now
            self._paths.update(paths)
            self._last = now
            self._cond.notify_all()

    def take(self, timeout: float | None = None) -> set[str] | None:
        """The next settled batch; an empty set after `timeout` s of quiet; None once closed."""
        give_up = None if timeout is None else time.monotonic() + timeout
        with self._cond:
            while not self._closed:
                if not self._paths:
                    if give_up is not None and time.monotonic() >= give_up:
                        return set()
                    self._cond.wait(None if give_up is None else give_up - time.monotonic())
                    continue
                now = time.monotonic()
                due = min(self._last + self.quiet, self._first + self.longest)
                if now >= due:
                    batch, self._paths = self._paths, set()
                    return batch
                self._cond.wait(due - now)
            return None

    def pending(self) -> int:
        with self._cond:
            return len(self._paths)

    def close(self) -> None:
        with self._cond:
            self._closed = True
            self._cond.notify_all()


class _Handler(FileSystemEventHandler):
    def __init__(self, batches: Batches) -> None:
        self.batches = batches

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type not in WRITES or event.is_directory and event.event_type == "modified":
            return
        paths = [os.fsdecode(event.src_path)]
        if getattr(event, "dest_path", ""):
            paths.append(os.fsdecode(event.dest_path))
        paths = [p for p in paths if relevant(p)]
        if paths:
            self.batches.add(paths)


def watch(root: Path, folders: Iterable[Path], batches: Batches) -> Observer:
    """A started observer: the hub folder (not recursively) and each folder, recursively."""
    observer = Observer()
    handler = _Handler(batches)
    observer.schedule(_TopLevel(handler), str(root), recursive=False)
    for folder in dict.fromkeys(f.resolve() for f in folders if f.is_dir()):
        observer.schedule(handler, str(folder), recursive=True)
    observer.daemon = True
    observer.start()
    return observer


class _TopLevel(FileSystemEventHandler):
    """The hub folder itself: `site.yaml`, and a content, templates or static folder appearing."""

    NAMES = {"site.yaml", "content", "templates", "static", "themes"}

    def __init__(self, inner: _Handler) -> None:
        self.inner = inner

    def on_any_event(self, event: FileSystemEvent) -> None:
        paths = {os.fsdecode(event.src_path), os.fsdecode(getattr(event, "dest_path", "") or "")}
        if any(os.path.basename(path) in self.NAMES for path in paths):
            self.inner.on_any_event(event)
