"""The `cadence:` section of site.yaml: the schema, its defaults and located errors."""

from __future__ import annotations

import pytest

from ssg.cadence.rules import CadenceRules, parse_rules
from ssg.core.diagnostics import Severity
from ssg.core.yamlfile import load_yaml


def rules_from(yaml_text: str, pad: int = 0) -> CadenceRules:
    """Parse `cadence:` YAML (after `pad` comment lines), asserting it is valid."""
    data, diags = load_yaml("#\n" * pad + yaml_text, "site.yaml")
    assert diags == []
    rules, diags = parse_rules(data["cadence"], "site.yaml", data.line_of("cadence"))
    assert diags == [], [d.text() for d in diags]
    return rules


def parse_errors(yaml_text: str) -> list[tuple[int, str]]:
    data, diags = load_yaml(yaml_text, "site.yaml")
    assert diags == []
    _, diags = parse_rules(data["cadence"], "site.yaml", data.line_of("cadence"))
    assert all(d.code == "config" and d.severity is Severity.ERROR for d in diags)
    assert all(d.path == "site.yaml" for d in diags)
    return [(d.line, d.message) for d in diags]


# --- parsing ------------------------------------------------------------------


def test_full_schema_parses_with_lines_and_defaults():
    rules = rules_from(
        "title: Hub\n"
        "cadence:\n"
        "  max_gap: 14d\n"
        "  warn_within: 3d\n"
        "  min_posts: {count: 4, window: 30d}\n"
        "  max_posts: {count: 5, window: 1w, severity: error}\n"
        "  tags:\n"
        "    events: {max_gap: {after: 30d, severity: warn}}\n"
        "    news:\n"
        "      min_posts: {count: 1, window: 2w}\n"
        "  communities:\n"
        "    review_every: {every: 26w, severity: warn}\n"
    )
    gap = rules.site.max_gap
    assert (gap.after.days, gap.after.text, gap.line, gap.severity) == (
        14,
        "14d",
        3,
        Severity.ERROR,
    )
    assert (gap.warn_within.days, gap.warn_within.line) == (3, 4)
    mins, maxs = rules.site.min_posts, rules.site.max_posts
    assert (mins.count, mins.window.days, mins.severity, mins.line) == (4, 30, Severity.WARNING, 5)
    assert (maxs.count, maxs.window.days, maxs.severity, maxs.line) == (5, 7, Severity.ERROR, 6)
    assert [name for name, _ in rules.tags] == ["events", "news"]
    events, news = rules.tags[0][1], rules.tags[1][1]
    assert (events.max_gap.after.days, events.max_gap.severity, events.max_gap.line) == (
        30,
        Severity.WARNING,
        8,
    )
    assert (news.min_posts.window.days, news.min_posts.line) == (14, 10)
    assert (rules.review.every.days, rules.review.severity, rules.review.line) == (
        182,
        Severity.WARNING,
        12,
    )
    assert rules.line == 2


@pytest.mark.parametrize(
    ("yaml_text", "expected"),
    [
        ("cadence: 14d\n", [(1, "cadence: expected a mapping of rules")]),
        ("cadence:\n  max_gap: 14\n", [(2, "cadence.max_gap: expected a duration such as 14d")]),
        ("cadence:\n  max_gap: 2m\n", [(2, "cadence.max_gap: expected a duration")]),
        ("cadence:\n  max_gap: 0d\n", [(2, "from 1 day to 10 years), got str '0d'")]),
        ("cadence:\n  max_gap: 3000000d\n", [(2, "from 1 day to 10 years), got str '3000000d'")]),
        ("cadence:\n  max_gap: -3d\n", [(2, "cadence.max_gap: expected a duration")]),
        ("cadence:\n  max_gap: 1.5w\n", [(2, "cadence.max_gap: expected a duration")]),
        ("cadence:\n  bogus: 1\n", [(2, "cadence.bogus: unknown key; expected one of: max_gap")]),
        (
            "cadence:\n  max_gap:\n    after: 14d\n    severity: fatal\n",
            [(4, "cadence.max_gap.severity: expected error or warn, got str 'fatal'")],
        ),
        (
            "cadence:\n  max_gap: {after: 14d, level: warn}\n",
            [(2, "cadence.max_gap.level: unknown key; expected one of: after, severity")],
        ),
        ("cadence:\n  max_gap: {severity: warn}\n", [(2, "cadence.max_gap.after: expected")]),
        (
            "cadence:\n  warn_within: 3d\n",
            [(2, "cadence.warn_within: needs a max_gap in the same section")],
        ),
        (
            "cadence:\n  max_gap: 7d\n  warn_within: 1w\n",
            [(3, "cadence.warn_within: expected less than max_gap (7d), got '1w'")],
        ),
        (
            "cadence:\n  min_posts: 4\n",
            [(2, "cadence.min_posts: expected a mapping such as {count: 4, window: 30d}")],
        ),
        (
            "cadence:\n  min_posts:\n    count: 0\n    window: 30d\n",
            [(3, "cadence.min_posts.count: expected a whole number of posts, 1 or more")],
        ),
        (
            "cadence:\n  max_posts:\n    count: yes\n    window: 7d\n",
            [(3, "cadence.max_posts.count: expected a whole number of posts, 0 or more")],
        ),
        (
            "cadence:\n  max_posts:\n    count: 5\n    window: 7\n",
            [(4, "cadence.max_posts.window: expected a duration")],
        ),
        ("cadence:\n  max_posts: {count: 5}\n", [(2, "cadence.max_posts.window: expected")]),
        (
            "cadence:\n  tags:\n    events: 30d\n",
            [(3, "cadence.tags.events: expected a mapping of rules such as {max_gap: 30d}")],
        ),
        (
            "cadence:\n  tags:\n    events: {}\n",
            [(3, "cadence.tags.events: expected at least one of: max_gap")],
        ),
        (
            "cadence:\n  tags:\n    events:\n      max_gap: 30d\n      tags: {}\n",
            [(5, "cadence.tags.events.tags: unknown key")],
        ),
        (
            "cadence:\n  tags:\n    events:\n      max_gap: 30 days\n",
            [(4, "cadence.tags.events.max_gap: expected a duration")],
        ),
        ("cadence:\n  tags: [events]\n", [(2, "cadence.tags: expected a mapping")]),
        (
            "cadence:\n  communities:\n    review_every: 6 months\n",
            [(3, "cadence.communities.review_every: expected a duration")],
        ),
        (
            "cadence:\n  communities:\n    review_every:\n      every: 180d\n      severity: 1\n",
            [(5, "cadence.communities.review_every.severity: expected error or warn, got int 1")],
        ),
        (
            "cadence:\n  communities:\n    stale_after: 180d\n",
            [(3, "cadence.communities.stale_after: unknown key; expected one of: review_every")],
        ),
    ],
)
def test_bad_rules_are_located_errors(yaml_text, expected):
    errors = parse_errors(yaml_text)
    assert len(errors) == len(expected), errors
    for (line, message), (want_line, fragment) in zip(errors, expected, strict=True):
        assert line == want_line, errors
        assert fragment in message, errors


def test_every_bad_rule_is_reported_in_one_run():
    errors = parse_errors(
        "cadence:\n  max_gap: 14\n  min_posts: {count: -1, window: 30d}\n  extra: 1\n"
    )
    assert sorted(line for line, _ in errors) == [2, 3, 4]


# --- leftovers of a forked demo and switches --------------------------------------


@pytest.mark.parametrize("empty", ["tags:\n", "tags: {}\n", "communities:\n"])
def test_an_emptied_section_means_no_rules(empty: str) -> None:
    rules = rules_from("cadence:\n  max_gap: 14d\n  " + empty)
    assert rules.tags == () and rules.review is None and not rules.site.empty


def test_public_page_switch() -> None:
    assert rules_from("cadence:\n  max_gap: 14d\n").public_page is True
    assert rules_from("cadence:\n  public_page: false\n").public_page is False
    assert parse_errors("cadence:\n  public_page: maybe\n") == [
        (2, "cadence.public_page: expected true or false")
    ]


def test_unknown_rule_suggests_the_closest() -> None:
    [(line, message)] = parse_errors("cadence:\n  max_gaps: 14d\n")
    assert line == 2 and "unknown key; did you mean 'max_gap'?" in message
