"""The cadence linter: publishing consistency as a build check.

A community stops listening to a brand that posts in bursts and then goes
quiet, so `site.yaml` states a cadence and `ssg lint` fails when it lapses.
This module is pure: posts, communities, "today" and the timezone come in as
values, so every boundary can be tested without a clock. Days are calendar
days in the site timezone, so DST changes never shift a post by a day.
Drafts never count; a post dated after today is scheduled and counts only for
the runway, since it appears only after a rebuild on or after its date.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
import zoneinfo
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ssg.cadence.rules import CadenceRules, CountRule, GapRule, ReviewRule, RuleSet
from ssg.cadence.windows import below_since, drafts_hint, runway_chain
from ssg.content.load import local_day
from ssg.core.diagnostics import Diagnostic, Severity
from ssg.core.model import Community, Config, Post

PUBLISH_HINT = "Publish a post, or schedule one with `ssg new post`."


@dataclass(frozen=True)
class PostRef:
    title: str
    source: str
    day: dt.date  # calendar day in the site time zone
    tags: tuple[str, ...] = ()

    def as_dict(self) -> dict:
        return {"title": self.title, "source": self.source, "date": self.day.isoformat()}


@dataclass(frozen=True)
class Runway:
    """What is scheduled, and how long it keeps the site-wide `max_gap` satisfied.

    `on_cadence_until` is the last day on cadence counting scheduled posts: the
    chain of posts is followed from the newest published one (or, when
    publishing has already lapsed, from the next scheduled post, which
    `resumes_on` names) while each next post falls within max_gap days.
    """

    next_scheduled: PostRef | None = None
    scheduled: tuple[PostRef, ...] = ()
    max_gap: str | None = None
    rule_line: int = 0
    lapses_on: dt.date | None = None  # from published posts only
    on_cadence_until: dt.date | None = None
    resumes_on: dt.date | None = None


@dataclass(frozen=True)
class RuleFigure:
    """One rule as checked, with the numbers behind it (for `--format json`)."""

    rule: str  # max_gap | min_posts | max_posts | review_every
    scope: str  # "site", "tag:<name>" or "communities"
    line: int
    limit: str  # "14d", "4 per 30d", "180d"
    severity: str  # what a failure is: error | warning
    status: str  # ok | error | warning
    figures: Mapping[str, Any]  # JSON-ready values

    def as_dict(self) -> dict:
        return {
            "rule": self.rule,
            "scope": self.scope,
            "line": self.line,
            "limit": self.limit,
            "severity": self.severity,
            "status": self.status,
            "figures": dict(self.figures),
        }


@dataclass(frozen=True)
class CadenceReport:
    today: dt.date
    timezone: str
    config_path: str
    findings: list[Diagnostic]
    runway: Runway
    rules: list[RuleFigure]
    has_rules: bool = True

    @property
    def failed(self) -> bool:
        return any(d.severity is Severity.ERROR for d in self.findings)


def published_days(posts: Iterable[Post], tz: zoneinfo.ZoneInfo, today: dt.date) -> list[dt.date]:
    """One site-local day per published post (drafts and scheduled posts left out), for charts."""
    return sorted(d for p in posts if not p.draft and (d := local_day(p.date, tz)) <= today)


def _ago(days: int) -> str:
    return "today" if days == 0 else "yesterday" if days == 1 else f"{days} days ago"


def _within(days: int) -> str:
    return "today" if days == 0 else "tomorrow" if days == 1 else f"in {days} days"


def _them(n: int) -> str:
    return "it" if n == 1 else "them"


def _posts(n: int) -> str:
    return f"{n} post" if n == 1 else f"{n} posts"


class _Checker:
    def __init__(self, today: dt.date, config_path: str):
        self.today, self.path = today, config_path
        self.findings: list[Diagnostic] = []
        self.figures: list[RuleFigure] = []

    def cite(self, line: int) -> str:
        return f"{self.path}:{line}" if line else self.path

    def add(
        self,
        rule: str,
        scope: str,
        line: int,
        limit: str,
        sev: Severity,
        figures: dict,
        message: str | None,
        found: Severity | None = None,
        at: int = 0,
    ) -> None:
        """Record a rule's figures and, when `message` is set, its finding (`found` severity)."""
        status = "ok"
        if message is not None:
            found = found or sev
            label = f'tag "{scope[4:]}": ' if scope.startswith("tag:") else ""
            self.findings.append(
                Diagnostic(self.path, at or line, label + message, found, "cadence")
            )
            status = found.value
        self.figures.append(RuleFigure(rule, scope, line, limit, sev.value, status, figures))

    def gap(
        self,
        rule: GapRule,
        scope: str,
        published: list[PostRef],
        scheduled: list[PostRef],
        drafts: Sequence[PostRef] = (),
    ) -> Runway:
        today, n = self.today, rule.after.days
        last = published[-1] if published else None
        lapse = last.day + dt.timedelta(days=n) if last else None
        until, resumes = runway_chain(
            last.day if last else None, [s.day for s in scheduled], n, today
        )
        age = (today - last.day).days if last else None
        left = (until - today).days if until else None
        ww = rule.warn_within
        figures = {
            "last_post": last.as_dict() if last else None,
            "days_since_last_post": age,
            "lapses_on": _iso(lapse),
            "on_cadence_until": _iso(until),
            "resumes_on": _iso(resumes),
            "days_left": left,
            "warn_within": ww.text if ww else None,
        }
        limit = f"max_gap is {rule.after.text} ({self.cite(rule.line)})"
        message, sev, line = None, rule.severity, rule.line
        if last is None:
            message = f"no published posts yet; {limit}. {PUBLISH_HINT}"
            if scope == "site":  # a hub that never published has not lapsed: it has not begun
                sev = Severity.WARNING
        elif lapse is not None and today > lapse:
            message = (
                f'last post "{last.title}" ({last.source}) was published {_ago(age or 0)}; '
                f"{limit}. Publishing lapsed on {lapse}. {PUBLISH_HINT}"
            )
        elif ww and until is not None and left is not None and left <= ww.days:
            # A scheduled post that bridges the gap pushes `until` more than max_gap (> ww)
            # days out, so a warning always means nothing scheduled arrives in time.
            sev, line = Severity.WARNING, ww.line
            message = (
                f'last post "{last.title}" ({last.source}) was published {_ago(age or 0)}; '
                f"publishing lapses on {until} ({_within(left)}); "
                f"max_gap is {rule.after.text}, warn_within is {ww.text} ({self.cite(ww.line)}). "
                f"{PUBLISH_HINT}"
            )
        waiting = [d for d in drafts if today - dt.timedelta(days=n) < d.day <= today]
        if message is not None and waiting:
            message += drafts_hint(waiting)
        self.add(
            "max_gap", scope, rule.line, rule.after.text, rule.severity, figures, message, sev, line
        )
        return Runway(
            scheduled[0] if scheduled else None,
            tuple(scheduled),
            rule.after.text,
            rule.line,
            lapse,
            until,
            resumes,
        )

    def count(self, rule: CountRule, scope: str, published: list[PostRef]) -> None:
        today, w = self.today, rule.window
        start = today - dt.timedelta(days=w.days - 1)
        days = [p.day for p in published]
        inside = bisect.bisect_right(days, today) - bisect.bisect_left(days, start)
        limit = f"{rule.count} per {w.text}"
        figures = {
            "count": rule.count,
            "window": w.text,
            "window_start": start.isoformat(),
            "window_end": today.isoformat(),
            "posts_in_window": inside,
        }
        seen = (
            f"{_posts(inside)} published in the last {w.days} days ({start} to {today}); "
            f"{rule.kind} is {limit} ({self.cite(rule.line)})."
        )
        message = None
        if rule.kind == "min_posts":
            since = below_since(days, rule.count, w.days, today) if inside < rule.count else None
            figures["below_since"] = _iso(since)
            if inside < rule.count:
                when = f" Below the minimum since {since}." if since and since < today else ""
                more = rule.count - inside
                noun = "post" if more == 1 else "posts"
                message = (
                    f"{seen}{when} Publish {more} more {noun}, "
                    f"or schedule {_them(more)} with `ssg new post`."
                )
        elif inside > rule.count:
            message = (
                f"{seen} That is a burst: space upcoming posts out so the community "
                "is not flooded (reschedule them to later dates)."
            )
        self.add(rule.kind, scope, rule.line, limit, rule.severity, figures, message)

    def reviews(self, rule: ReviewRule, communities: Sequence[Community]) -> None:
        today, n = self.today, rule.every.days
        active = [
            c for c in communities if c.status != "archived" and isinstance(c.reviewed, dt.date)
        ]
        stale = []
        for c in sorted(active, key=lambda c: (c.source, c.slug)):
            due = c.reviewed + dt.timedelta(days=n)
            if today <= due:
                continue
            age = (today - c.reviewed).days
            stale.append(
                {
                    "source": c.source,
                    "name": c.name,
                    "reviewed": c.reviewed.isoformat(),
                    "days_since_review": age,
                }
            )
            self.findings.append(
                Diagnostic(
                    c.source,
                    c.line_of("reviewed"),
                    (
                        f'community "{c.name}" was last reviewed on {c.reviewed}, {_ago(age)}; '
                        f"the rule communities.review_every is {rule.every.text} "
                        f"({self.cite(rule.line)}). "
                        f"The review lapsed on {due}. Check that {c.url} is still active and "
                        f"welcoming, update its page, then set `reviewed: {today}`."
                    ),
                    rule.severity,
                    "cadence",
                )
            )
        figures = {"checked": len(active), "exempt": len(communities) - len(active), "stale": stale}
        status = rule.severity.value if stale else "ok"
        self.figures.append(
            RuleFigure(
                "review_every",
                "communities",
                rule.line,
                rule.every.text,
                rule.severity.value,
                status,
                figures,
            )
        )


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _tag_key(name: str) -> str:
    return re.sub(r"[^0-9a-z]+", "-", name.casefold()).strip("-")


def check(
    posts: Sequence[Post],
    communities: Sequence[Community],
    rules: CadenceRules | None,
    today: dt.date,
    tz: zoneinfo.ZoneInfo,
    config_path: str = "site.yaml",
) -> CadenceReport:
    """Check every rule on `today` (a calendar day in the site time zone `tz`).

    Tag rules match a post's tags case-insensitively, ignoring punctuation
    (`Events`, `events` and `events!` are one tag).
    """
    rules = rules or CadenceRules()
    refs = _refs(posts, tz)
    drafts = _refs(posts, tz, drafts=True)
    published = [r for r in refs if r.day <= today]
    scheduled = [r for r in refs if r.day > today]
    checker = _Checker(today, config_path)
    runway = Runway(scheduled[0] if scheduled else None, tuple(scheduled))
    runway = _check_set(checker, rules.site, "site", published, scheduled, drafts) or runway
    for tag, ruleset in rules.tags:
        key = _tag_key(tag)

        def has(r: PostRef, key: str = key) -> bool:
            return any(_tag_key(t) == key for t in r.tags)

        pub, later = [r for r in published if has(r)], [r for r in scheduled if has(r)]
        _check_set(checker, ruleset, f"tag:{tag}", pub, later, [d for d in drafts if has(d)])
    if rules.review:
        checker.reviews(rules.review, communities)
    return CadenceReport(
        today,
        str(getattr(tz, "key", tz)),
        config_path,
        checker.findings,
        runway,
        checker.figures,
        not rules.empty,
    )


def _refs(posts: Sequence[Post], tz: zoneinfo.ZoneInfo, drafts: bool = False) -> list[PostRef]:
    """Non-draft posts (or only drafts), oldest first by instant (ties by source), as local days."""

    def key(p: Post) -> tuple:
        moment = p.date if p.date.tzinfo else p.date.replace(tzinfo=tz)
        return (local_day(p.date, tz), moment, p.source)

    ordered = sorted((p for p in posts if p.draft == drafts), key=key)
    return [PostRef(p.title, p.source, local_day(p.date, tz), tuple(p.tags)) for p in ordered]


def _check_set(
    checker: _Checker,
    rules: RuleSet,
    scope: str,
    published: list[PostRef],
    scheduled: list[PostRef],
    drafts: Sequence[PostRef] = (),
) -> Runway | None:
    gap = rules.max_gap
    runway = checker.gap(gap, scope, published, scheduled, drafts) if gap else None
    for rule in (rules.min_posts, rules.max_posts):
        if rule:
            checker.count(rule, scope, published)
    return runway


def check_config(
    config: Config, posts: Sequence[Post], communities: Sequence, today: dt.date
) -> CadenceReport:
    """The report for a hub's own rules, timezone and `site.yaml` path."""
    tz = zoneinfo.ZoneInfo(config.timezone)
    return check(posts, communities, config.cadence, today, tz, config.path)
