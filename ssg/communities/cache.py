"""The `.ssg-cache/` files the online commands write and the offline build reads.

`links.json` holds one entry per checked address (`ssg check-links`);
`feeds/<slug>.json` the newest items of one community (`ssg fetch-feeds`).
Files are written whole through a temporary name and a rename, so an
interrupted run never leaves half a file. A cache that cannot be read is a
located error saying how to recover (delete it, or fetch again), never a
traceback.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

from ssg.core.diagnostics import Diagnostic, error

CACHE_DIR = ".ssg-cache"
LINKS_FILE = "links.json"
FEEDS_DIR = "feeds"
VERSION = 1


def cache_dir(root: Path, override: Path | None = None) -> Path:
    return override if override is not None else root / CACHE_DIR


def shown(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def read_json(path: Path, root: Path, what: str) -> tuple[dict[str, Any] | None, list[Diagnostic]]:
    """A cache file as a mapping: None when absent; a located error when unreadable."""
    if not path.is_file():
        return None, []
    hint = f"delete it and run `ssg {what}` again"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        line = getattr(exc, "lineno", 0)
        return None, [error(shown(path, root), line, f"unreadable cache ({exc}); {hint}", "cache")]
    if not isinstance(data, dict) or data.get("version") != VERSION:
        message = f"not a version {VERSION} ssg cache file; {hint}"
        return None, [error(shown(path, root), 1, message, "cache")]
    return data, []


def write_json(path: Path, data: dict[str, Any]) -> None:
    """Write `data` (with the cache version) whole or not at all."""
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps({**data, "version": VERSION}, indent=2, sort_keys=True, ensure_ascii=False)
    handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text + "\n")
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def links_path(cache: Path) -> Path:
    return cache / LINKS_FILE


def feed_path(cache: Path, slug: str) -> Path:
    return cache / FEEDS_DIR / f"{slug}.json"
