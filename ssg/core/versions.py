"""The installed versions of the libraries that shape the output, read once per process.

Caches and fingerprints name them; `importlib.metadata` reads a package's
metadata files on every call (about a millisecond each), and a build asked
eleven times for six libraries.
"""

from __future__ import annotations

import functools
from importlib.metadata import PackageNotFoundError, version


@functools.cache
def library_version(name: str) -> str:
    """The installed version of distribution `name`, or "-" when it is not installed."""
    try:
        return version(name)
    except PackageNotFoundError:
        return "-"
