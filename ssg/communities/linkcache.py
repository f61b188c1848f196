"""What `ssg check-links` learnt, kept in `.ssg-cache/links.json`: verdicts and their history.

Apart from the link check itself so the offline build can read the last day
each address was seen working without importing anything that goes online.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ssg.communities.cache import links_path, read_json, write_json
from ssg.core.diagnostics import Diagnostic

TIMEOUT_DAYS = 3
GOOD = ("ok", "moved")


@dataclass(frozen=True)
class Outcome:
    """The verdict on one address, as kept in the cache."""

    state: str  # ok | moved | dead | timeout | unsure
    status: int = 0
    detail: str = ""
    new_url: str = ""
    checked: dt.date | None = None
    last_ok: dt.date | None = None
    timeouts: tuple[dt.date, ...] = ()  # days it timed out since it last worked
    cached: bool = False

    @property
    def escalated(self) -> bool:
        return self.state == "timeout" and len(self.timeouts) >= TIMEOUT_DAYS


def _date(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def outcome_from(entry: Any) -> Outcome | None:
    """One cache entry, or None when it is not one (it is then simply asked again)."""
    if not isinstance(entry, dict) or entry.get("state") not in (
        *GOOD,
        "dead",
        "timeout",
        "unsure",
    ):
        return None
    timeouts = entry.get("timeouts") if isinstance(entry.get("timeouts"), list) else []
    return Outcome(
        state=entry["state"],
        status=entry.get("status") if isinstance(entry.get("status"), int) else 0,
        detail=str(entry.get("detail") or ""),
        new_url=str(entry.get("new_url") or ""),
        checked=_date(entry.get("checked")),
        last_ok=_date(entry.get("last_ok")),
        timeouts=tuple(d for d in map(_date, timeouts) if d is not None),
    )


def load_outcomes(cache: Path, root: Path) -> tuple[dict[str, Outcome], list[Diagnostic]]:
    data, diags = read_json(links_path(cache), root, "check-links --no-cache")
    links = data.get("links") if data else None
    if not isinstance(links, dict):
        return {}, diags
    found = {url: outcome_from(entry) for url, entry in links.items()}
    return {url: o for url, o in found.items() if o is not None}, diags


def save_outcomes(cache: Path, outcomes: dict[str, Outcome]) -> None:
    """Only the addresses of this run are kept, so removed links leave the cache."""

    def entry(o: Outcome) -> dict[str, Any]:
        return {
            "state": o.state,
            "status": o.status,
            "detail": o.detail,
            "new_url": o.new_url,
            "checked": o.checked.isoformat() if o.checked else None,
            "last_ok": o.last_ok.isoformat() if o.last_ok else None,
            "timeouts": [d.isoformat() for d in o.timeouts],
        }

    write_json(links_path(cache), {"links": {url: entry(o) for url, o in outcomes.items()}})


def last_seen_working(cache: Path, root: Path) -> tuple[dict[str, dt.date], list[Diagnostic]]:
    """Address → the last day a check found it working, for the community pages."""
    outcomes, diags = load_outcomes(cache, root)
    return {url: o.last_ok for url, o in outcomes.items() if o.last_ok}, diags
