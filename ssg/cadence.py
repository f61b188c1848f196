"""The cadence linter: publishing consistency as a build check.

A community stops listening to a brand that posts in bursts and then goes
quiet, so `site.yaml` can state a cadence (`cadence:`) and `ssg lint` fails
when it lapses. This module is pure: rules come in as parsed YAML, posts and
communities as model values, and "today" and the site time zone are
parameters, so every boundary can be tested without a clock or a disk.

Day arithmetic is done on calendar days in the site time zone (a post's aware
datetime is converted first), so daylight-saving changes and far time zones
never shift a post by a day. Boundaries, all inclusive of the limit:

- `max_gap: N`: with the newest published post on day L, publishing stays on
  cadence through the end of day L+N (the "lapse date"); it is a finding from
  L+N+1 on, when the post is *older than* N days.
- `warn_within: W`: a warning while 0 <= (lapse date - today) <= W, where the
  lapse date counts scheduled posts (see `Runway`).
- `min_posts`/`max_posts` with window W: posts on the W calendar days ending
  today (today-W+1 .. today) are counted; fewer than / more than `count` is a
  finding.
- `communities.review_every: N`: a community reviewed on day R is stale from
  R+N+1 on (its review is older than N days). Archived communities are exempt.

Only published posts count: drafts never; a post dated after today (site time
zone) is scheduled. It only counts for the runway, because it appears on the
site only after a rebuild on or after its date.
"""

from __future__ import annotations

import bisect
import datetime as dt
import json
import re
import zoneinfo
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from ssg.diagnostics import Diagnostic, Severity, error
from ssg.model import Community, Post

DURATION_RE = re.compile(r"^([0-9]+)([dw])$")
SEVERITIES = {"error": Severity.ERROR, "warn": Severity.WARNING}
RULE_KEYS = ("max_gap", "warn_within", "min_posts", "max_posts")
TOP_KEYS = (*RULE_KEYS, "tags", "communities")
PUBLISH_HINT = "Publish a post, or schedule one with `ssg new post`."
REMINDER = "a scheduled post appears only after a rebuild on or after its date"


# --- rules ------------------------------------------------------------------


@dataclass(frozen=True)
class Duration:
    days: int
    text: str  # as written in site.yaml, e.g. "2w"
    line: int


@dataclass(frozen=True)
class GapRule:
    after: Duration
    severity: Severity
    line: int  # line of the `max_gap:` key
    warn_within: Duration | None = None


@dataclass(frozen=True)
class CountRule:
    kind: str  # "min_posts" | "max_posts"
    count: int
    window: Duration
    severity: Severity
    line: int


@dataclass(frozen=True)
class RuleSet:
    max_gap: GapRule | None = None
    min_posts: CountRule | None = None
    max_posts: CountRule | None = None

    @property
    def empty(self) -> bool:
        return self.max_gap is None and self.min_posts is None and self.max_posts is None


@dataclass(frozen=True)
class ReviewRule:
    every: Duration
    severity: Severity
    line: int


@dataclass(frozen=True)
class CadenceRules:
    """Everything under `cadence:`; the default value has no rules and finds nothing."""

    site: RuleSet = field(default_factory=RuleSet)
    tags: tuple[tuple[str, RuleSet], ...] = ()  # in site.yaml order
    review: ReviewRule | None = None
    line: int = 0

    @property
    def empty(self) -> bool:
        return self.site.empty and not self.tags and self.review is None


def _line(data: Any, key: Any, default: int) -> int:
    line_of = getattr(data, "line_of", None)
    return (line_of(key) or default) if line_of else default


def _show(value: Any) -> str:
    return "nothing" if value is None else f"{type(value).__name__} {value!r}"


class _Parser:
    """Reads one `cadence:` section, collecting every problem as a located error."""

    def __init__(self, path: str):
        self.path = path
        self.diags: list[Diagnostic] = []

    def fail(self, line: int, name: str, message: str) -> None:
        self.diags.append(error(self.path, line, f"cadence.{name}: {message}", "config"))

    def mapping(self, value: Any, name: str, line: int, expected: str) -> Mapping | None:
        if isinstance(value, Mapping):
            return value
        self.fail(line, name, f"expected {expected}, got {_show(value)}")
        return None

    def unknown(self, data: Mapping, name: str, line: int, allowed: Sequence[str]) -> None:
        for key in data:
            if key not in allowed:
                where = f"{name}.{key}" if name else str(key)
                self.fail(
                    _line(data, key, line),
                    where,
                    f"unknown key; expected one of: {', '.join(allowed)}",
                )

    def duration(self, value: Any, name: str, line: int) -> Duration | None:
        if isinstance(value, str) and (m := DURATION_RE.match(value.strip())) and int(m[1]) > 0:
            return Duration(int(m[1]) * (7 if m[2] == "w" else 1), value.strip(), line)
        self.fail(
            line,
            name,
            "expected a duration such as 14d or 2w (whole days or weeks, at least 1), "
            f"got {_show(value)}",
        )
        return None

    def severity(self, data: Mapping, name: str, line: int, default: Severity) -> Severity:
        if "severity" not in data:
            return default
        value = data["severity"]
        if isinstance(value, str) and value in SEVERITIES:
            return SEVERITIES[value]
        self.fail(
            _line(data, "severity", line),
            f"{name}.severity",
            f"expected error or warn, got {_show(value)}",
        )
        return default

    def every(
        self, value: Any, name: str, line: int, sub: str, default: Severity
    ) -> tuple[Duration | None, Severity]:
        """A duration, or `{<sub>: duration, severity: error|warn}`."""
        if not isinstance(value, Mapping):
            return self.duration(value, name, line), default
        self.unknown(value, name, line, (sub, "severity"))
        sev = self.severity(value, name, line, default)
        return self.duration(value.get(sub), f"{name}.{sub}", _line(value, sub, line)), sev

    def count_rule(self, data: Mapping, kind: str, prefix: str, line: int) -> CountRule | None:
        name, line = f"{prefix}{kind}", _line(data, kind, line)
        value = self.mapping(data[kind], name, line, "a mapping such as {count: 4, window: 30d}")
        if value is None:
            return None
        self.unknown(value, name, line, ("count", "window", "severity"))
        count = value.get("count")
        if (
            isinstance(count, bool)
            or not isinstance(count, int)
            or count < 0
            or (count == 0 and kind == "min_posts")
        ):
            low = "1" if kind == "min_posts" else "0"
            self.fail(
                _line(value, "count", line),
                f"{name}.count",
                f"expected a whole number of posts, {low} or more, got {_show(count)}",
            )
            count = None
        window = self.duration(value.get("window"), f"{name}.window", _line(value, "window", line))
        sev = self.severity(value, name, line, Severity.WARNING)
        if count is None or window is None:
            return None
        return CountRule(kind, count, window, sev, line)

    def ruleset(self, data: Mapping, prefix: str, line: int) -> RuleSet:
        gap = None
        if "max_gap" in data:
            gap_line = _line(data, "max_gap", line)
            after, sev = self.every(
                data["max_gap"], f"{prefix}max_gap", gap_line, "after", Severity.ERROR
            )
            gap = GapRule(after, sev, gap_line) if after else None
        if "warn_within" in data:
            ww_line = _line(data, "warn_within", line)
            within = self.duration(data["warn_within"], f"{prefix}warn_within", ww_line)
            if within and "max_gap" not in data:
                self.fail(
                    ww_line,
                    f"{prefix}warn_within",
                    "needs a max_gap in the same section; expected max_gap: 14d next to it",
                )
            elif within and gap and within.days >= gap.after.days:
                self.fail(
                    ww_line,
                    f"{prefix}warn_within",
                    f"expected less than max_gap ({gap.after.text}), got {within.text!r}",
                )
            elif within and gap:
                gap = replace(gap, warn_within=within)
        mins = self.count_rule(data, "min_posts", prefix, line) if "min_posts" in data else None
        maxs = self.count_rule(data, "max_posts", prefix, line) if "max_posts" in data else None
        return RuleSet(gap, mins, maxs)

    def tags(self, raw: Any, line: int) -> tuple[tuple[str, RuleSet], ...]:
        data = self.mapping(
            raw, "tags", line, "a mapping of tag names to rules such as {events: {max_gap: 30d}}"
        )
        out = []
        for tag, value in (data or {}).items():
            tag_line = _line(data, tag, line)
            name = f"tags.{tag}"
            rules = self.mapping(value, name, tag_line, "a mapping of rules such as {max_gap: 30d}")
            if rules is None:
                continue
            self.unknown(rules, name, tag_line, RULE_KEYS)
            before = len(self.diags)
            parsed = self.ruleset(rules, f"{name}.", tag_line)
            if parsed.empty and len(self.diags) == before:
                self.fail(tag_line, name, f"expected at least one of: {', '.join(RULE_KEYS)}")
            if not parsed.empty:
                out.append((str(tag), parsed))
        return tuple(out)

    def review(self, raw: Any, line: int) -> ReviewRule | None:
        data = self.mapping(raw, "communities", line, "a mapping such as {review_every: 180d}")
        if data is None:
            return None
        self.unknown(data, "communities", line, ("review_every",))
        if "review_every" not in data:
            return None
        rline = _line(data, "review_every", line)
        every, sev = self.every(
            data["review_every"], "communities.review_every", rline, "every", Severity.ERROR
        )
        return ReviewRule(every, sev, rline) if every else None


def parse_rules(raw: Any, path: str, line: int) -> tuple[CadenceRules, list[Diagnostic]]:
    """Validate the `cadence:` value of site.yaml (a LineDict, or None for no rules).

    Bad rules are left out of the result and reported as `path:LINE` errors, so
    the config stage can list them with every other problem in the file.
    """
    if raw is None:
        return CadenceRules(line=line), []
    parser = _Parser(path)
    if not isinstance(raw, Mapping):
        expected = "expected a mapping of rules such as {max_gap: 14d}"
        return CadenceRules(line=line), [
            error(path, line, f"cadence: {expected}, got {_show(raw)}", "config")
        ]
    data = raw
    parser.unknown(data, "", line, TOP_KEYS)
    site = parser.ruleset(data, "", line)
    tags = parser.tags(data["tags"], _line(data, "tags", line)) if "tags" in data else ()
    review = (
        parser.review(data["communities"], _line(data, "communities", line))
        if "communities" in data
        else None
    )
    return CadenceRules(site, tags, review, line), parser.diags


# --- checking -----------------------------------------------------------------


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


def local_day(moment: dt.datetime, tz: zoneinfo.ZoneInfo) -> dt.date:
    """The calendar day of an instant in the site time zone (a naive value is taken as local)."""
    if moment.tzinfo is None:
        return moment.date()
    return moment.astimezone(tz).date()


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
        self, rule: GapRule, scope: str, published: list[PostRef], scheduled: list[PostRef]
    ) -> Runway:
        today, n = self.today, rule.after.days
        last = published[-1] if published else None
        lapse = last.day + dt.timedelta(days=n) if last else None
        until, resumes = _chain(last.day if last else None, [s.day for s in scheduled], n, today)
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
            since = _below_since(days, rule.count, w.days, today) if inside < rule.count else None
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
                        f"review_every is {rule.every.text} ({self.cite(rule.line)}). "
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


def _chain(
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


def _below_since(days: list[dt.date], count: int, window: int, today: dt.date) -> dt.date | None:
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
    published = [r for r in refs if r.day <= today]
    scheduled = [r for r in refs if r.day > today]
    checker = _Checker(today, config_path)
    runway = Runway(scheduled[0] if scheduled else None, tuple(scheduled))
    runway = _check_set(checker, rules.site, "site", published, scheduled) or runway
    for tag, ruleset in rules.tags:
        key = _tag_key(tag)

        def has(r: PostRef, key: str = key) -> bool:
            return any(_tag_key(t) == key for t in r.tags)

        pub = [r for r in published if has(r)]
        _check_set(checker, ruleset, f"tag:{tag}", pub, [r for r in scheduled if has(r)])
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


def _refs(posts: Sequence[Post], tz: zoneinfo.ZoneInfo) -> list[PostRef]:
    """Non-draft posts, oldest first by instant (ties by source), as site-local days."""

    def key(p: Post) -> tuple:
        moment = p.date if p.date.tzinfo else p.date.replace(tzinfo=tz)
        return (local_day(p.date, tz), moment, p.source)

    ordered = sorted((p for p in posts if not p.draft), key=key)
    return [PostRef(p.title, p.source, local_day(p.date, tz), tuple(p.tags)) for p in ordered]


def _check_set(
    checker: _Checker,
    rules: RuleSet,
    scope: str,
    published: list[PostRef],
    scheduled: list[PostRef],
) -> Runway | None:
    runway = checker.gap(rules.max_gap, scope, published, scheduled) if rules.max_gap else None
    for rule in (rules.min_posts, rules.max_posts):
        if rule:
            checker.count(rule, scope, published)
    return runway


# --- output -------------------------------------------------------------------


def _runway_lines(report: CadenceReport) -> list[str]:
    r = report.runway
    lines = []
    if r.next_scheduled:
        s = r.next_scheduled
        more = f" ({len(r.scheduled)} scheduled in all)" if len(r.scheduled) > 1 else ""
        lines.append(f'next scheduled post: "{s.title}" ({s.source}) on {s.day}{more}.')
    else:
        lines.append("nothing is scheduled.")
    if r.on_cadence_until and r.max_gap:
        rule = f"max_gap {r.max_gap}"
        if r.resumes_on:
            lines.append(
                f"scheduled posts {'restore' if r.lapses_on else 'start'} the cadence on "
                f"{r.resumes_on} and keep you on "
                f"cadence until {r.on_cadence_until} ({rule})."
            )
        elif r.on_cadence_until < report.today:
            lines.append(
                f"publishing lapsed on {r.on_cadence_until} and nothing scheduled "
                f"restores it ({rule})."
            )
        elif r.scheduled and r.on_cadence_until != r.lapses_on:
            lines.append(
                f"scheduled posts keep you on cadence until {r.on_cadence_until} ({rule})."
            )
        elif r.scheduled:
            lines.append(
                "the next scheduled post comes too late: cadence lapses on "
                f"{r.on_cadence_until} ({rule})."
            )
        else:
            lines.append(
                f"with nothing scheduled, cadence lapses on {r.on_cadence_until} ({rule})."
            )
    if r.scheduled:
        lines.append(
            f"note: {REMINDER}; rebuild the site daily so scheduled posts go live on time."
        )
    return lines


def format_text(report: CadenceReport) -> str:
    """Findings first (`cadence: error: ...`), then the runway and the rebuild reminder."""
    out = [f"cadence: {d.severity.value}: {d.message}" for d in report.findings]
    if not report.has_rules:
        out.append(
            f"cadence: no cadence rules in {report.config_path}; add a `cadence:` section "
            "such as `max_gap: 14d` to check publishing consistency."
        )
    elif not report.findings:
        out.append(
            f"cadence: ok: {len(report.rules)} {'rule' if len(report.rules) == 1 else 'rules'} "
            "checked, all on cadence."
        )
    out += [f"cadence: {line}" for line in _runway_lines(report)]
    return "".join(line + "\n" for line in out)


def format_github(report: CadenceReport) -> str:
    """One workflow annotation per finding: `::error file=site.yaml,line=31::message`."""
    return "".join(d.github() + "\n" for d in report.findings)


def as_document(report: CadenceReport) -> dict:
    r = report.runway
    return {
        "version": 1,
        "today": report.today.isoformat(),
        "timezone": report.timezone,
        "config": report.config_path,
        "failed": report.failed,
        "counts": {
            "error": sum(d.severity is Severity.ERROR for d in report.findings),
            "warning": sum(d.severity is Severity.WARNING for d in report.findings),
        },
        "findings": [d.as_dict() for d in report.findings],
        "runway": {
            "next_scheduled": r.next_scheduled.as_dict() if r.next_scheduled else None,
            "scheduled": [s.as_dict() for s in r.scheduled],
            "max_gap": r.max_gap,
            "rule_line": r.rule_line,
            "lapses_on": _iso(r.lapses_on),
            "on_cadence_until": _iso(r.on_cadence_until),
            "resumes_on": _iso(r.resumes_on),
            "reminder": REMINDER,
        },
        "rules": [f.as_dict() for f in report.rules],
    }


def format_json(report: CadenceReport) -> str:
    """A stable document (`version: 1`, sorted keys) with findings, runway and rule figures."""
    return json.dumps(as_document(report), indent=2, sort_keys=True) + "\n"
