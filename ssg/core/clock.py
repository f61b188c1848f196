"""The build date: the one place the clock is read.

`--today` wins, then `SOURCE_DATE_EPOCH` (reproducible builds), then today in
the site timezone. Tests always pin the date, so output never depends on when
they run.
"""

from __future__ import annotations

import datetime as dt
import os
from zoneinfo import ZoneInfo

from ssg.core.diagnostics import SsgError, error


def build_time() -> dt.datetime | None:
    """The reproducible build timestamp, only when SOURCE_DATE_EPOCH asks for one."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch:
        return None
    try:
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC)
    except (ValueError, OverflowError, OSError) as exc:
        message = f"expected a whole number of seconds, got {epoch!r}"
        raise SsgError([error("SOURCE_DATE_EPOCH", 0, message, "config")]) from exc


def resolve_today(option: dt.date | None, tz: ZoneInfo) -> dt.date:
    """The build date: --today, else SOURCE_DATE_EPOCH, else today in the site timezone."""
    if option is not None:
        return option
    stamp = build_time()
    return (stamp or dt.datetime.now(dt.UTC)).astimezone(tz).date()
