"""Putting a finished site in place of the previous one, with no moment without a site.

Linux can exchange two directories in one step (`renameat2` with
`RENAME_EXCHANGE`): the output folder is at every instant either the whole
previous site or the whole new one, whether the build is killed, the machine
loses power or another build swaps at the same time. Where the exchange is not
available (another system, a file system without it) two renames are used,
and a build that dies between them is repaired by the next one.
"""

from __future__ import annotations

import errno
import functools
import os
import shutil
from pathlib import Path

from ssg.core.faults import pause_point

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2
_UNSUPPORTED = {errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EXDEV}


@functools.cache
def _renameat2():  # noqa: ANN202 - a ctypes function or None
    """Loaded on first use: most builds write in place and never swap (ctypes is 5 ms)."""
    import ctypes  # noqa: PLC0415

    try:
        return ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        return None


def exchange(a: Path, b: Path) -> bool:
    """Swap two existing paths in one step; False when this system cannot."""
    renameat2 = _renameat2()
    if renameat2 is None:
        return False
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    import ctypes  # noqa: PLC0415 - loaded by `_renameat2` already

    code = ctypes.get_errno()
    if code in _UNSUPPORTED:
        return False
    raise OSError(code, os.strerror(code), str(b))


def swap_in(new: Path, out: Path, old: Path) -> None:
    """Replace `out` by the complete site in `new`; `old` is a free name for the fallback."""
    pause_point("swap")
    for _ in range(3):  # another build may create or swap `out` at the same moment
        if out.exists() and exchange(new, out):
            pause_point("swapped")
            shutil.rmtree(new, ignore_errors=True)  # it now holds the previous site
            return
        if out.exists():
            break  # no exchange here: fall back on two renames
        try:
            os.rename(new, out)
            return
        except OSError as exc:
            if exc.errno not in (errno.ENOTEMPTY, errno.EEXIST):
                raise
    os.rename(out, old)
    try:
        os.rename(new, out)
    except BaseException:
        os.rename(old, out)  # put the previous site back before giving up
        raise
    pause_point("swapped")
    shutil.rmtree(old, ignore_errors=True)
