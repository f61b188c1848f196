"""Cadence report output: the text, GitHub annotation and JSON formats."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from ssg.cadence.check import check
from ssg.cadence.report import format_github, format_json, format_text
from ssg.cadence.rules import CadenceRules
from ssg.core.model import Post

from .test_check import GAP, LA, MIN, REVIEW, TAGS, TODAY, UTC, D, community, post
from .test_rules import rules_from


def example_report():
    """The issue's example: max_gap on line 31, last post 23 days ago, one post scheduled."""
    rules = rules_from(
        "cadence:\n  max_gap: 14d\n  min_posts: {count: 2, window: 30d}\n"
        "  communities:\n    review_every: 180d\n",
        pad=29,
    )
    posts = [
        post("2026-10-01", "Autumn kickoff"),
        post("2026-10-30", "Spring meetup recap"),
        post("2026-11-30", "Winter plans"),
        post("2026-11-21", "Unfinished", draft=True),
    ]
    posts[1] = Post(**{**posts[1].__dict__, "source": "content/posts/2026-10-30-recap.md"})
    communities = [community("2026-01-01")]
    return check(posts, communities, rules, D("2026-11-22"), LA)


def test_text_format():
    text = format_text(example_report())
    assert text.splitlines() == [
        'cadence: error: last post "Spring meetup recap" (content/posts/2026-10-30-recap.md) was '
        "published 23 days ago; max_gap is 14d (site.yaml:31). Publishing lapsed on 2026-11-13. "
        "Publish a post, or schedule one with `ssg new post`. "
        'A draft would restore the cadence if published: "Unfinished" '
        "(content/posts/2026-11-21-unfinished.md); remove `draft: true` from it to publish.",
        "cadence: warning: 1 post published in the last 30 days (2026-10-24 to 2026-11-22); "
        "min_posts is 2 per 30d (site.yaml:32). Below the minimum since 2026-10-31. "
        "Publish 1 more post, or schedule it with `ssg new post`.",
        'content/communities/tinkerers-forum.md:7: cadence: error: community "Tinkerers Forum" '
        "was last reviewed on 2026-01-01, 325 days ago; the rule communities.review_every is "
        "180d (site.yaml:34). The review lapsed on 2026-06-30. "
        "Check that https://tinkerers-forum.example.org/ is still active and welcoming, "
        "update its page, then set `reviewed: 2026-11-22`.",
        'cadence: next scheduled post: "Winter plans" (content/posts/2026-11-30-winter-plans.md) '
        "on 2026-11-30.",
        "cadence: scheduled posts restore the cadence on 2026-11-30 and keep you on cadence "
        "until 2026-12-14 (max_gap 14d).",
        "cadence: note: a scheduled post appears only after a rebuild on or after its date; "
        "rebuild the site daily so scheduled posts go live on time.",
    ]


def test_text_format_when_all_is_well():
    report = check([post("2026-11-20")], [], rules_from(GAP), D(TODAY), UTC)
    assert format_text(report).splitlines()[0] == "cadence: ok: 1 rule checked, all on cadence."


def test_github_format_is_exact():
    lines = format_github(example_report()).splitlines()
    assert lines == [
        '::error file=site.yaml,line=31,title=ssg cadence error::last post "Spring meetup recap" '
        "(content/posts/2026-10-30-recap.md) was published 23 days ago; max_gap is 14d "
        "(site.yaml:31). Publishing lapsed on 2026-11-13. Publish a post, or schedule one with "
        "`ssg new post`. "
        'A draft would restore the cadence if published: "Unfinished" '
        "(content/posts/2026-11-21-unfinished.md); remove `draft: true` from it to publish.",
        "::warning file=site.yaml,line=32,title=ssg cadence warning::"
        "1 post published in the last 30 days (2026-10-24 to "
        "2026-11-22); min_posts is 2 per 30d (site.yaml:32). Below the minimum since 2026-10-31. "
        "Publish 1 more post, or schedule it with `ssg new post`.",
        "::error file=content/communities/tinkerers-forum.md,line=7,title=ssg cadence error::"
        'community "Tinkerers Forum" was last reviewed on 2026-01-01, 325 days ago; the rule '
        "communities.review_every is 180d (site.yaml:34). The review lapsed on 2026-06-30. "
        "Check that https://tinkerers-forum.example.org/ is still active and welcoming, "
        "update its page, then set `reviewed: 2026-11-22`.",
    ]
    assert format_github(check([], [], rules_from(MIN), D(TODAY), UTC)).startswith(
        "::warning file=site.yaml,line=2,title=ssg cadence warning::0 posts"
    )
    assert format_github(check([post(TODAY)], [], rules_from(MIN[:0] + GAP), D(TODAY), UTC)) == ""


DATE = "date"
SCHEMA = {
    "version": int,
    "today": DATE,
    "timezone": str,
    "config": str,
    "failed": bool,
    "counts": {"error": int, "warning": int},
    "findings": [{"path": str, "line": int, "message": str, "severity": str, "code": str}],
    "runway": {
        "next_scheduled": ({"title": str, "source": str, "date": DATE}, None),
        "scheduled": [{"title": str, "source": str, "date": DATE}],
        "max_gap": (str, None),
        "rule_line": int,
        "lapses_on": (DATE, None),
        "on_cadence_until": (DATE, None),
        "resumes_on": (DATE, None),
        "reminder": str,
    },
    "rules": [
        {
            "rule": str,
            "scope": str,
            "line": int,
            "limit": str,
            "severity": str,
            "status": str,
            "figures": dict,
        }
    ],
}


def validate(value, schema, where="$"):
    """A small hand-written schema check: exact keys for dicts, item schema for lists."""
    if isinstance(schema, tuple):
        errors = []
        for option in schema:
            try:
                validate(value, option, where)
                return
            except AssertionError as exc:
                errors.append(str(exc))
        raise AssertionError(f"{where}: {errors}")
    if schema is None:
        assert value is None, where
    elif schema == DATE:
        assert isinstance(value, str) and dt.date.fromisoformat(value).isoformat() == value, where
    elif isinstance(schema, dict):
        assert isinstance(value, dict), where
        assert set(value) == set(schema), f"{where}: keys {sorted(value)} != {sorted(schema)}"
        for key, sub in schema.items():
            validate(value[key], sub, f"{where}.{key}")
    elif isinstance(schema, list):
        assert isinstance(value, list), where
        for i, item in enumerate(value):
            validate(item, schema[0], f"{where}[{i}]")
    elif schema is int:
        assert isinstance(value, int) and not isinstance(value, bool), where
    else:
        assert isinstance(value, schema), where


FIGURES = {
    "max_gap": {
        "last_post": ({"title": str, "source": str, "date": DATE}, None),
        "days_since_last_post": (int, None),
        "lapses_on": (DATE, None),
        "on_cadence_until": (DATE, None),
        "resumes_on": (DATE, None),
        "days_left": (int, None),
        "warn_within": (str, None),
    },
    "min_posts": {
        "count": int,
        "window": str,
        "window_start": DATE,
        "window_end": DATE,
        "posts_in_window": int,
        "below_since": (DATE, None),
    },
    "max_posts": {
        "count": int,
        "window": str,
        "window_start": DATE,
        "window_end": DATE,
        "posts_in_window": int,
    },
    "review_every": {
        "checked": int,
        "exempt": int,
        "stale": [{"source": str, "name": str, "reviewed": DATE, "days_since_review": int}],
    },
}


@pytest.mark.parametrize(
    "report",
    [
        example_report(),
        check([], [], CadenceRules(), D(TODAY), UTC),
        check([], [], rules_from(GAP + "  max_posts: {count: 1, window: 7d}\n"), D(TODAY), UTC),
        check(
            [post("2026-11-20", tags=("events",)), post("2026-12-01", tags=("events",))],
            [community("2026-11-01")],
            rules_from(TAGS + REVIEW[len("cadence:\n") :] + MIN[len("cadence:\n") :]),
            D(TODAY),
            UTC,
        ),
    ],
)
def test_json_format_matches_the_schema(report):
    text = format_json(report)
    doc = json.loads(text)
    validate(doc, SCHEMA)
    assert doc["version"] == 1
    assert doc["failed"] is report.failed
    assert len(doc["findings"]) == len(report.findings)
    assert doc["counts"]["error"] + doc["counts"]["warning"] == len(doc["findings"])
    for finding in doc["findings"]:
        assert finding["severity"] in ("error", "warning") and finding["code"] == "cadence"
    for rule in doc["rules"]:
        assert rule["status"] in ("ok", "error", "warning")
        assert rule["severity"] in ("error", "warning")
        validate(rule["figures"], FIGURES[rule["rule"]], f"$.rules.{rule['rule']}")
    assert text == json.dumps(doc, indent=2, sort_keys=True) + "\n"  # stable: sorted keys
    assert format_json(report) == text


def test_json_figures_of_the_example():
    doc = json.loads(format_json(example_report()))
    assert doc["today"] == "2026-11-22" and doc["timezone"] == "America/Los_Angeles"
    gap, mins, review = doc["rules"]
    assert (gap["rule"], gap["line"], gap["status"]) == ("max_gap", 31, "error")
    assert gap["figures"]["days_since_last_post"] == 23
    assert gap["figures"]["lapses_on"] == "2026-11-13"
    assert (mins["figures"]["posts_in_window"], mins["status"]) == (1, "warning")
    assert review["figures"]["stale"][0]["days_since_review"] == 325
    assert doc["runway"]["next_scheduled"]["title"] == "Winter plans"
    assert doc["runway"]["on_cadence_until"] == "2026-12-14"
    assert doc["counts"] == {"error": 2, "warning": 1}
