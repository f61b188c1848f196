"""Files a hub may use: nothing a pull request adds may reach outside the hub.

A pull request can add a symbolic link as easily as a file. A link from
`content/` or `static/` to `~/.ssh/id_rsa` or `/etc/passwd` would be read,
rendered or copied into the published site, so such links are refused with
their path before anything is read or written.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from ssg.core.diagnostics import Diagnostic, error

OUTSIDE = (
    "is a symbolic link to {target}, outside the hub; ssg reads only files inside the hub, "
    "so copy the file in instead"
)


def inside(root: Path, path: Path | str) -> bool:
    """True when `path`, with every symbolic link followed, is under `root`."""
    real, base = os.path.realpath(path), os.path.realpath(root)
    return real == base or real.startswith(base.rstrip(os.sep) + os.sep)


def outside_link(root: Path, path: Path | str, shown: str) -> Diagnostic | None:
    """An error for a symbolic link that leads out of the hub, else None."""
    if not os.path.islink(path) or inside(root, path):
        return None
    return error(shown, 0, OUTSIDE.format(target=os.readlink(path)))


def outside_links(root: Path, folders: Iterable[str]) -> list[Diagnostic]:
    """Every symbolic link under the hub's `folders` that leads out of the hub."""
    diags = []
    for folder in folders:
        for dirpath, dirnames, filenames in os.walk(root / folder):  # never follows links
            for name in sorted(dirnames + filenames):
                path = Path(dirpath, name)
                shown = path.relative_to(root).as_posix()
                if (found := outside_link(root, path, shown)) is not None:
                    diags.append(found)
    return sorted(diags)
