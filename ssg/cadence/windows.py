"""Day arithmetic behind the cadence check: runways, "below since", and drafts waiting.

Pure functions over sorted calendar days, kept apart from the checker so each
stays small and testable on its own.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Sequence
from typing import Any


def runway_chain(
    last: dt.date | None, scheduled: list[dt.date], n: int, today: dt.date
) -> tuple[dt.date | None, dt.date | None]:
    """(last day on cadence counting scheduled posts, day a lapsed cadence resumes)."""
    gap = dt.timedelta(days=n)
    resumes = None
    if last is None or today > last + gap:
        if not scheduled:
            return (last + gap if last else None), None
        last = resumes = scheduled[0]
    for day in scheduled:
        if day - last > gap:
            break
        last = max(last, day)
    return last + gap, resumes


def below_since(days: list[dt.date], count: int, window: int, today: dt.date) -> dt.date | None:
    """The first day of the current run of days whose trailing window held too few posts."""
    if not days:
        return None
    day = today
    while day > days[0]:
        before = day - dt.timedelta(days=1)
        start = before - dt.timedelta(days=window - 1)
        if bisect.bisect_right(days, before) - bisect.bisect_left(days, start) >= count:
            return day
        day = before
    return day


def drafts_hint(drafts: Sequence[Any]) -> str:
    """Finished work the lapse does not see: drafts dated recently enough to restore it."""
    named = ", ".join(f'"{d.title}" ({d.source})' for d in drafts[:3])
    more = f" and {len(drafts) - 3} more" if len(drafts) > 3 else ""
    one = len(drafts) == 1
    return (
        f" {'A draft' if one else f'{len(drafts)} drafts'} would restore the cadence if "
        f"published: {named}{more}; remove `draft: true` from {'it' if one else 'one'} to publish."
    )
