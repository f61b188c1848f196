"""A test hook to stop a build at a named point, so a test can kill it exactly there.

`SSG_PAUSE_AT=swap ssg build` prints `ssg: paused at swap` on stderr and
sleeps (at most `SSG_PAUSE_SECONDS`, default 30) at that point; the fault
tests in tests/test_faults.py then send SIGKILL. Points: `render` (half the
pages rendered), `write` (half the files written to the temporary folder),
`swap` (the new site complete, just before it replaces the output),
`moving` (a small change applied in place, between two of its moves) and
`swapped` (just after). Without the variable this is one dictionary lookup.
"""

from __future__ import annotations

import os
import sys
import time

PAUSE_VARIABLE = "SSG_PAUSE_AT"


def pause_point(name: str) -> None:
    """Stop here when the environment asks for this point (tests only)."""
    if os.environ.get(PAUSE_VARIABLE) != name:
        return
    sys.stderr.write(f"ssg: paused at {name}\n")
    sys.stderr.flush()
    time.sleep(float(os.environ.get("SSG_PAUSE_SECONDS", "30")))
