"""The `cadence:` section of site.yaml: its schema and its parser.

Rules are parsed once by the config stage and kept on `Config.cadence`; the
checker (`ssg.cadence.check`) reads them. Every problem in the section is collected
as a located `site.yaml:LINE` error so it is listed with the rest of the file,
and a bad rule is left out rather than guessed. Durations are whole days or
weeks (`14d`, `2w`). What each rule means, as checked by `ssg.cadence.check` on
calendar days in the site time zone, all boundaries inclusive of the limit:

- `max_gap: N`: with the newest published post on day L, publishing stays on
  cadence through the end of day L+N (the "lapse date"); it is a finding from
  L+N+1 on, when the post is *older than* N days.
- `warn_within: W`: a warning while 0 <= (lapse date - today) <= W, where the
  lapse date counts scheduled posts (see `ssg.cadence.check.Runway`).
- `min_posts`/`max_posts` with window W: posts on the W calendar days ending
  today (today-W+1 .. today) are counted; fewer than / more than `count` is a
  finding.
- `communities.review_every: N`: a community reviewed on day R is stale from
  R+N+1 on (its review is older than N days). Archived communities are exempt.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from ssg.core.diagnostics import Diagnostic, Severity, error
from ssg.core.suggest import did_you_mean

MAX_DAYS = 3660  # ten years: longer is a typo, and date arithmetic must stay in range
DURATION_RE = re.compile(r"^([0-9]+)([dw])$")
SEVERITIES = {"error": Severity.ERROR, "warn": Severity.WARNING}
RULE_KEYS = ("max_gap", "warn_within", "min_posts", "max_posts")
TOP_KEYS = (*RULE_KEYS, "tags", "communities", "public_page")


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
    public_page: bool = True  # the /cadence/ page and its footer link; the lint runs either way

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
                hint = did_you_mean(key, allowed)
                self.fail(
                    _line(data, key, line),
                    where,
                    f"unknown key;{hint} expected one of: {', '.join(allowed)}",
                )

    def duration(self, value: Any, name: str, line: int) -> Duration | None:
        if isinstance(value, str) and (m := DURATION_RE.match(value.strip())):
            days = int(m[1]) * (7 if m[2] == "w" else 1)
            if 1 <= days <= MAX_DAYS:
                return Duration(days, value.strip(), line)
        self.fail(
            line,
            name,
            "expected a duration such as 14d or 2w (whole days or weeks, from 1 day to 10 years), "
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
    # An empty `tags:` or `communities:` (a demo rule deleted, its heading left) means no rules.
    tags = parser.tags(data["tags"], _line(data, "tags", line)) if data.get("tags") else ()
    review = (
        parser.review(data["communities"], _line(data, "communities", line))
        if data.get("communities") is not None
        else None
    )
    public = data.get("public_page", True)
    if not isinstance(public, bool):
        parser.fail(_line(data, "public_page", line), "public_page", "expected true or false")
        public = True
    return CadenceRules(site, tags, review, line, public), parser.diags
