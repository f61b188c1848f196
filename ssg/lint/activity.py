"""`communities.activity_threshold`: a community whose feed has gone quiet may have closed.

The lint reads what `ssg fetch-feeds` kept (never the network): when the
newest item of an active community's feed is older than the threshold, or the
feed was fetched and holds no dated item at all, a warning at the
community's `feed:` line asks a person to look. A community never fetched is
not judged.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from zoneinfo import ZoneInfo

from ssg.communities.cache import cache_dir
from ssg.communities.feedcache import read_state
from ssg.core.diagnostics import Diagnostic, Severity
from ssg.core.model import Community, Config


def check_activity(
    root: Path,
    config: Config,
    communities: Iterable[Community],
    today: dt.date,
    cache: Path | None = None,
) -> list[Diagnostic]:
    days = config.communities.activity_threshold
    folder = cache_dir(root, cache)
    if not days or not folder.is_dir():
        return []
    tz = ZoneInfo(config.timezone)
    found: list[Diagnostic] = []
    for c in communities:
        if not c.feed or c.status != "active":
            continue
        state, problems = read_state(folder, root, c.slug)
        found += problems
        if state is None or state.url != c.feed or state.ok is None:
            continue
        dates = [item.date.astimezone(tz).date() for item in state.items if item.date]
        newest = max(dates, default=None)
        if newest is not None and (today - newest).days < days:
            continue
        said = "its feed holds no dated item"
        if newest is not None:
            said = f"its newest item is from {newest} ({(today - newest).days} days ago)"
        message = (
            f"{c.name} may be inactive: {said}, over communities.activity_threshold "
            f"({days} days); look at it, then update 'reviewed' or set status: archived"
        )
        found.append(Diagnostic(c.source, c.line_of("feed"), message, Severity.WARNING, "activity"))
    return found
