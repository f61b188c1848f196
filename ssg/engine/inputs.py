"""A fingerprint of everything a build reads, taken from file metadata in milliseconds.

Every file under `site.yaml`, `content/`, `templates/`, `static/`, the theme
chain, the feed and link caches and ssg's own package counts by path, size,
modification time, change time and inode. The change time cannot be set back
by tools (`touch -d`, `cp -p`, a checkout), so any write to an input changes
the fingerprint; a false "changed" only costs a normal build. Added to that:
the build's options and date, `SOURCE_DATE_EPOCH`, and the versions of Python
and of the libraries that shape the output.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import sys
from collections.abc import Iterable
from pathlib import Path

import ssg
from ssg.config.themes import theme_chain
from ssg.core.versions import library_version

LIBRARIES = ("jinja2", "markupsafe", "markdown", "pygments", "babel", "pyyaml")
# the build's own, in .ssg-cache/ ("templates": compiled templates, output/render.py)
OWN_FILES = ("markdown.cache", "output.cache", "posts.pickle", "templates")


def _versions() -> list[str]:
    found = [f"python {sys.version_info[:3]}", f"ssg {ssg.__version__}"]
    return found + [f"{name} {library_version(name)}" for name in LIBRARIES]


def _tree(top: Path, skip: Iterable[str] = (), hidden: bool = True) -> Iterable[str]:
    """One line per file and folder under `top` (`hidden`: dot-files count too)."""
    skipped = set(skip)
    stack = [str(top)]
    while stack:
        folder = stack.pop()
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except NotADirectoryError:
            st = os.stat(folder)
            yield f"{folder} {st.st_size} {st.st_mtime_ns} {st.st_ctime_ns} {st.st_ino}"
            continue
        except FileNotFoundError:
            continue  # a missing folder reads as an empty one
        for entry in entries:
            if entry.name in skipped or entry.name == "__pycache__":
                continue
            if not hidden and entry.name.startswith("."):
                continue  # another command's file being written
            try:
                st = entry.stat()  # follows symbolic links: what the build reads
            except OSError:
                yield f"{entry.path} -"
                continue
            yield f"{entry.path} {st.st_size} {st.st_mtime_ns} {st.st_ctime_ns} {st.st_ino}"
            if entry.is_dir():
                stack.append(entry.path)


def fingerprint(
    root: Path, theme: str, out: Path, today: dt.date, drafts: bool, cache: Path
) -> str:
    """The build's inputs as one hash; equal fingerprints mean the same output and lint."""
    hasher = hashlib.blake2b(digest_size=20)
    lines: list[str] = [*_versions(), f"out {out}", f"today {today}", f"drafts {drafts}"]
    lines.append(f"epoch {os.environ.get('SOURCE_DATE_EPOCH')}")
    tops = [root / "site.yaml", root / "content", root / "templates", root / "static"]
    tops += theme_chain(root, theme)
    tops.append(Path(ssg.__file__).parent)
    for top in tops:
        lines.extend(_tree(top))
    lines.extend(_tree(cache, OWN_FILES, hidden=False))
    for line in lines:
        hasher.update(line.encode("utf-8", "surrogateescape") + b"\n")
    return hasher.hexdigest()
