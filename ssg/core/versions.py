"""The installed versions of the libraries that shape the output, read once per process.

Caches and fingerprints name them. A version is read from the name of the
package's `.dist-info` folder on `sys.path` (what pip and every wheel
installer write, `<name>-<version>.dist-info`), found with one listing per
folder; `importlib.metadata` is asked only when no such folder is found, since
importing it and its `email` parser costs about a tenth of a one-edit build's
imports.
"""

from __future__ import annotations

import functools
import os
import re
import sys


def _normal(name: str) -> str:
    """The comparable form of a distribution name (PEP 503, with `_` as wheels spell it)."""
    return re.sub(r"[-_.]+", "_", name).lower()


@functools.cache
def _dist_infos(folder: str) -> dict[str, list[str]]:
    """Normalised name -> versions of the `.dist-info` folders directly in `folder`."""
    found: dict[str, list[str]] = {}
    try:
        names = os.listdir(folder or ".")
    except OSError:
        return found
    for entry in names:
        if entry.endswith(".dist-info"):
            name, dash, version = entry.removesuffix(".dist-info").partition("-")
            if dash and version:
                found.setdefault(_normal(name), []).append(version)
    return found


def _from_folders(name: str) -> str | None:
    """The version of the first `sys.path` folder holding `name`, as Python would import it.

    None when none does, or when one folder holds two versions (left to
    `importlib.metadata`, which decides such cases the same way every time).
    """
    wanted = _normal(name)
    for folder in sys.path:
        versions = _dist_infos(folder).get(wanted)
        if versions:
            return versions[0] if len(versions) == 1 else None
    return None


@functools.cache
def library_version(name: str) -> str:
    """The installed version of distribution `name`, or "-" when it is not installed."""
    found = _from_folders(name)
    if found is not None:
        return found
    from importlib.metadata import PackageNotFoundError, version  # noqa: PLC0415 - rare

    try:
        return version(name)
    except PackageNotFoundError:
        return "-"
