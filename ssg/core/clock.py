"""The build date: the one place the clock is read.

`--today` wins, then `SOURCE_DATE_EPOCH` (reproducible builds), then today in
the site timezone. Tests always pin the date, so output never depends on when
they run.
"""

from __future__ import annotations

import calendar
import datetime as dt
import os
import re
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


_DATE_PARTS = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:$|[ T])")
# English on purpose: the machine's locale must not change a message.
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def why_not_a_date(text: str) -> str:
    """Why a YYYY-MM-DD that looks right is impossible ("November has 30 days"), or ""."""
    match = _DATE_PARTS.match(text)
    if not match:
        return ""
    year, month, day = (int(part) for part in match.groups())
    if not 1 <= month <= 12:
        return f"there is no month {month}; months go from 01 to 12"
    length = calendar.monthrange(year, month)[1]
    if not 1 <= day <= length:
        name = _MONTHS[month - 1]
        leap = "" if month != 2 or length == 29 else f"; {year} is not a leap year"
        return f"{name} {year} has {length} days{leap}"
    return ""
