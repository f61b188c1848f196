"""The cadence checker: every rule's boundaries, the runway and time zones."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from ssg.cadence.check import PUBLISH_HINT, check, published_days
from ssg.cadence.report import REMINDER, format_text
from ssg.cadence.rules import parse_rules
from ssg.core.diagnostics import Severity
from ssg.core.model import Community, Post

from .test_rules import rules_from

UTC = ZoneInfo("UTC")
LA = ZoneInfo("America/Los_Angeles")
KIRITIMATI = ZoneInfo("Pacific/Kiritimati")  # UTC+14
PAGO_PAGO = ZoneInfo("Pacific/Pago_Pago")  # UTC-11


def D(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def post(
    when: str | dt.datetime,
    title: str = "",
    tags: tuple[str, ...] = (),
    draft: bool = False,
    tz: dt.tzinfo = UTC,
) -> Post:
    """A post at noon on a day (in `tz`), or at an exact aware instant."""
    if isinstance(when, str):
        when = dt.datetime.combine(D(when), dt.time(12), tzinfo=tz)
    day = when.date().isoformat()
    title = title or f"Post of {day}"
    slug = title.lower().replace(" ", "-")
    return Post(
        source=f"content/posts/{day}-{slug}.md",
        title=title,
        date=when,
        summary="",
        slug=slug,
        url=f"posts/{slug}/",
        body="",
        tags=tags,
        draft=draft,
    )


def community(reviewed: str, name: str = "Tinkerers Forum", status: str = "active") -> Community:
    slug = name.lower().replace(" ", "-")
    return Community(
        source=f"content/communities/{slug}.md",
        slug=slug,
        name=name,
        url=f"https://{slug}.example.org/",
        platform="forum",
        summary="A forum.",
        run_by="fans",
        reviewed=D(reviewed),
        page_url=f"communities/{slug}/",
        status=status,
        lines={"title": 2, "reviewed": 7},
    )


def findings(report) -> list[tuple[str, str]]:
    return [(d.severity.value, d.message) for d in report.findings]


# --- no rules -------------------------------------------------------------------


def test_no_cadence_section_finds_nothing():
    rules, diags = parse_rules(None, "site.yaml", 0)
    assert diags == [] and rules.empty
    report = check([], [community("2000-01-01")], rules, D("2026-11-22"), UTC)
    assert report.findings == [] and not report.failed
    assert "no cadence rules in site.yaml" in format_text(report)


# --- max_gap and warn_within ----------------------------------------------------

GAP = "cadence:\n  max_gap: 14d\n  warn_within: 3d\n"
LAST = "2026-10-30"  # lapse date with 14d: 2026-11-13


@pytest.mark.parametrize(
    ("name", "posts", "today", "expected"),
    [
        ("no posts at all", [], "2026-11-22", ("warning", "no published posts yet")),
        (
            "only drafts",
            [post("2026-11-20", draft=True), post("2026-11-21", draft=True)],
            "2026-11-22",
            ("warning", "no published posts yet"),
        ),
        (
            "only scheduled posts",
            [post("2026-11-23"), post("2026-12-01")],
            "2026-11-22",
            ("warning", "no published posts yet"),
        ),
        ("fresh post", [post("2026-11-20")], "2026-11-22", None),
        ("posted today", [post("2026-11-22")], "2026-11-22", None),
        ("well before warning", [post(LAST)], "2026-11-09", None),
        ("warning starts 3 days out", [post(LAST)], "2026-11-10", ("warning", "in 3 days")),
        (
            "warning on the lapse day",
            [post(LAST)],
            "2026-11-13",
            ("warning", "lapses on 2026-11-13 (today)"),
        ),
        ("one day after the lapse", [post(LAST)], "2026-11-14", ("error", "15 days ago")),
        (
            "spec example",
            [post(LAST, "Spring meetup recap")],
            "2026-11-22",
            ("error", "Publishing lapsed on 2026-11-13."),
        ),
        (
            "a draft never counts",
            [post(LAST), post("2026-11-20", draft=True)],
            "2026-11-22",
            ("error", "23 days ago"),
        ),
        (
            "a scheduled post does not count before its date",
            [post(LAST), post("2026-11-23")],
            "2026-11-22",
            ("error", "23 days ago"),
        ),
        (
            "a scheduled post counts from its date",
            [post(LAST), post("2026-11-23")],
            "2026-11-23",
            None,
        ),
        (
            "scheduled posts silence the warning",
            [post(LAST), post("2026-11-12")],
            "2026-11-11",
            None,
        ),
        (
            "a scheduled post after the lapse does not silence the warning",
            [post(LAST), post("2026-11-20")],
            "2026-11-11",
            ("warning", "publishing lapses on 2026-11-13 (in 2 days); max_gap is 14d, warn"),
        ),
    ],
)
def test_max_gap(name, posts, today, expected):
    report = check(posts, [], rules_from(GAP), D(today), UTC)
    got = findings(report)
    if expected is None:
        assert got == [], name
        assert not report.failed
        return
    assert len(got) == 1, (name, got)
    severity, fragment = expected
    assert got[0][0] == severity, name
    assert fragment in got[0][1], (name, got[0][1])
    assert report.failed is (severity == "error")
    finding = report.findings[0]
    assert (finding.path, finding.code) == ("site.yaml", "cadence")
    not_begun = "no published posts yet" in fragment  # a warning at the max_gap line
    assert finding.line == (2 if severity == "error" or not_begun else 3)


def test_max_gap_severity_warn_does_not_fail():
    rules = rules_from("cadence:\n  max_gap: {after: 2w, severity: warn}\n")
    report = check([post(LAST)], [], rules, D("2026-11-22"), UTC)
    assert findings(report)[0][0] == "warning"
    assert "max_gap is 2w (site.yaml:2)" in findings(report)[0][1]
    assert not report.failed


@pytest.mark.parametrize(
    ("name", "tz", "instant", "ok_until"),
    [
        # 23:30 PST on the day clocks fall back is 07:30 UTC the next day.
        (
            "after the fall-back change",
            LA,
            dt.datetime(2026, 11, 2, 7, 30, tzinfo=UTC),
            "2026-11-15",
        ),
        (
            "before the fall-back change",
            LA,
            dt.datetime(2026, 11, 1, 0, 30, tzinfo=LA),
            "2026-11-15",
        ),
        (
            "in the repeated hour",
            LA,
            dt.datetime(2026, 11, 1, 1, 30, fold=1, tzinfo=LA),
            "2026-11-15",
        ),
        # 23:59 PDT on the day clocks spring forward is 06:59 UTC the next day.
        ("spring forward", LA, dt.datetime(2026, 3, 9, 6, 59, tzinfo=UTC), "2026-03-22"),
        # Kiritimati is UTC+14: 11:00 UTC is already 01:00 the next day there.
        ("far east", KIRITIMATI, dt.datetime(2026, 6, 30, 11, 0, tzinfo=UTC), "2026-07-15"),
        # Pago Pago is UTC-11: 10:00 UTC is still 23:00 the day before there.
        ("far west", PAGO_PAGO, dt.datetime(2026, 7, 1, 10, 0, tzinfo=UTC), "2026-07-14"),
        # Written in Kiritimati time on 07-02, it is still 06-30 in Pago Pago.
        (
            "two days apart",
            PAGO_PAGO,
            dt.datetime(2026, 7, 2, 0, 30, tzinfo=KIRITIMATI),
            "2026-07-14",
        ),
        ("utc midnight", UTC, dt.datetime(2026, 7, 1, 0, 0, tzinfo=UTC), "2026-07-15"),
    ],
)
def test_days_are_counted_in_the_site_timezone(name, tz, instant, ok_until):
    rules = rules_from("cadence:\n  max_gap: 14d\n")
    last_ok = D(ok_until)
    assert check([post(instant)], [], rules, last_ok, tz).findings == [], name
    lapsed = check([post(instant)], [], rules, last_ok + dt.timedelta(days=1), tz)
    assert findings(lapsed)[0][0] == "error", name
    assert f"Publishing lapsed on {ok_until}." in findings(lapsed)[0][1], name
    assert "15 days ago" in findings(lapsed)[0][1], name


def test_a_post_later_today_counts_as_published_today():
    """Scheduling is by calendar day in the site zone, like the build's `scheduled` list."""
    late = dt.datetime(2026, 11, 22, 23, 59, tzinfo=KIRITIMATI)
    report = check([post(late)], [], rules_from(GAP), D("2026-11-22"), KIRITIMATI)
    assert report.findings == []
    assert report.runway.scheduled == ()


@pytest.mark.parametrize(
    ("last", "today", "expected"),
    [
        ("2028-02-15", "2028-02-29", None),  # lapse date is the leap day itself
        ("2028-02-15", "2028-03-01", "Publishing lapsed on 2028-02-29."),
        ("2028-02-29", "2028-03-14", None),
        ("2028-02-29", "2028-03-15", "Publishing lapsed on 2028-03-14."),
        ("2027-02-15", "2027-03-01", None),  # no leap day: the lapse date is 2027-03-01
        ("2027-02-15", "2027-03-02", "Publishing lapsed on 2027-03-01."),
    ],
)
def test_max_gap_across_leap_days(last, today, expected):
    report = check([post(last)], [], rules_from("cadence:\n  max_gap: 14d\n"), D(today), UTC)
    if expected is None:
        assert report.findings == []
    else:
        assert expected in findings(report)[0][1]


# --- runway ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "posts", "today", "until", "resumes", "line"),
    [
        ("nothing at all", [], "2026-11-22", None, None, None),
        (
            "nothing scheduled",
            ["2026-11-20"],
            "2026-11-22",
            "2026-12-04",
            None,
            "with nothing scheduled, cadence lapses on 2026-12-04 (max_gap 14d).",
        ),
        (
            "a chain of scheduled posts",
            ["2026-11-20", "2026-11-30", "2026-12-14", "2027-01-10"],
            "2026-11-22",
            "2026-12-28",
            None,
            "scheduled posts keep you on cadence until 2026-12-28 (max_gap 14d).",
        ),
        (
            "a scheduled post exactly on the lapse date",
            ["2026-11-20", "2026-12-04"],
            "2026-11-22",
            "2026-12-18",
            None,
            "scheduled posts keep you on cadence until 2026-12-18 (max_gap 14d).",
        ),
        (
            "a scheduled post one day too late",
            ["2026-11-20", "2026-12-05"],
            "2026-11-22",
            "2026-12-04",
            None,
            "the next scheduled post comes too late: cadence lapses on 2026-12-04",
        ),
        (
            "lapsed, restored by a scheduled post",
            ["2026-10-30", "2026-11-30"],
            "2026-11-22",
            "2026-12-14",
            "2026-11-30",
            "scheduled posts restore the cadence on 2026-11-30 and keep you on cadence until "
            "2026-12-14 (max_gap 14d).",
        ),
        (
            "lapsed, nothing scheduled",
            ["2026-10-30"],
            "2026-11-22",
            "2026-11-13",
            None,
            "publishing lapsed on 2026-11-13 and nothing scheduled restores it (max_gap 14d).",
        ),
        (
            "only scheduled posts",
            ["2026-11-25", "2026-12-01"],
            "2026-11-22",
            "2026-12-15",
            "2026-11-25",
            "scheduled posts start the cadence on 2026-11-25",
        ),
    ],
)
def test_runway(name, posts, today, until, resumes, line):
    report = check([post(d) for d in posts], [], rules_from(GAP), D(today), UTC)
    runway = report.runway
    assert runway.on_cadence_until == (D(until) if until else None), name
    assert runway.resumes_on == (D(resumes) if resumes else None), name
    scheduled = [d for d in posts if D(d) > D(today)]
    assert [s.day.isoformat() for s in runway.scheduled] == scheduled
    text = format_text(report)
    if line:
        assert f"cadence: {line}" in text, text
    if scheduled:
        first = runway.next_scheduled
        assert f'next scheduled post: "{first.title}" ({first.source}) on {scheduled[0]}' in text
        assert REMINDER in text
    else:
        assert "cadence: nothing is scheduled." in text
        assert REMINDER not in text


LATE_SOURCE = "content/posts/2026-10-30-post-of-2026-10-30.md"


@pytest.mark.parametrize(
    ("today", "expected", "until", "resumes"),
    [
        (
            "2026-11-13",  # the lapse day itself: still on cadence, for the last day
            (
                "warning",
                f'last post "Post of 2026-10-30" ({LATE_SOURCE}) was published 14 days ago; '
                "publishing lapses on 2026-11-13 (today); max_gap is 14d, warn_within is 3d "
                f"(site.yaml:3). {PUBLISH_HINT}",
            ),
            "2026-11-13",
            None,
        ),
        (
            "2026-11-14",  # the day after: lapsed, and the late post restores it
            (
                "error",
                f'last post "Post of 2026-10-30" ({LATE_SOURCE}) was published 15 days ago; '
                "max_gap is 14d (site.yaml:2). Publishing lapsed on 2026-11-13. "
                f"{PUBLISH_HINT}",
            ),
            "2026-12-04",
            "2026-11-20",
        ),
    ],
)
def test_a_late_scheduled_post_on_the_lapse_day(today, expected, until, resumes):
    """On the lapse day the last post still holds: a post due after it is no runway."""
    report = check([post(LAST), post("2026-11-20")], [], rules_from(GAP), D(today), UTC)
    assert findings(report) == [expected]
    assert report.runway.on_cadence_until == D(until)
    assert report.runway.resumes_on == (D(resumes) if resumes else None)


# --- min_posts and max_posts ---------------------------------------------------


def days_back(today: str, *offsets: int) -> list[Post]:
    return [
        post((D(today) - dt.timedelta(days=n)).isoformat(), f"p{i}") for i, n in enumerate(offsets)
    ]


MIN = "cadence:\n  min_posts: {count: 4, window: 30d}\n"
MAX = "cadence:\n  max_posts: {count: 5, window: 7d}\n"
TODAY = "2026-11-22"


@pytest.mark.parametrize(
    ("name", "rules", "posts", "expected"),
    [
        ("min: no posts at all", MIN, [], "0 posts published in the last 30 days"),
        ("min: only drafts", MIN, [post(TODAY, draft=True)] * 4, "0 posts published"),
        ("min: enough", MIN, days_back(TODAY, 0, 5, 10, 29), None),
        ("min: oldest just outside", MIN, days_back(TODAY, 0, 5, 10, 30), "3 posts published"),
        (
            "min: scheduled do not count",
            MIN,
            [*days_back(TODAY, 0, 5, 10), post("2026-11-23")],
            "Publish 1 more post, or schedule it",
        ),
        (
            "min: window dates",
            MIN,
            days_back(TODAY, 1),
            "(2026-10-24 to 2026-11-22); min_posts is 4 per 30d (site.yaml:2)",
        ),
        ("max: at the limit", MAX, days_back(TODAY, 0, 1, 2, 3, 6), None),
        ("max: burst", MAX, days_back(TODAY, 0, 0, 1, 2, 3, 6), "6 posts published in the last 7"),
        ("max: oldest just outside", MAX, days_back(TODAY, 0, 0, 1, 2, 3, 7), None),
        (
            "max: drafts and scheduled do not count",
            MAX,
            [
                *days_back(TODAY, 0, 1, 2, 3, 6),
                post(TODAY, draft=True),
                post("2026-11-23"),
            ],
            None,
        ),
    ],
)
def test_count_rules(name, rules, posts, expected):
    report = check(posts, [], rules_from(rules), D(TODAY), UTC)
    got = findings(report)
    if expected is None:
        assert got == [], name
        return
    assert len(got) == 1 and got[0][0] == "warning", (name, got)
    assert expected in got[0][1], (name, got[0][1])
    assert report.findings[0].line == 2
    assert not report.failed  # count rules default to warn
    if "max_posts" in rules:
        assert "burst" in got[0][1]


def test_min_posts_says_since_when():
    # 10-18, 10-28, 11-02 and 11-12: four posts in the 30 days ending 11-16, three from 11-17.
    posts = days_back(TODAY, 10, 20, 25, 35)
    report = check(posts, [], rules_from(MIN), D(TODAY), UTC)
    assert "Below the minimum since 2026-11-17." in findings(report)[0][1]
    assert report.rules[0].figures["below_since"] == "2026-11-17"
    assert check(posts, [], rules_from(MIN), D("2026-11-16"), UTC).findings == []


def test_count_window_across_dst_and_leap_day():
    rules = rules_from("cadence:\n  min_posts: {count: 2, window: 30d, severity: error}\n")
    # The 30 days ending on the leap day start on 2028-01-31; ending 03-01, on 02-01.
    posts = [post("2028-01-31"), post("2028-02-29")]
    assert check(posts, [], rules, D("2028-02-29"), UTC).findings == []
    report = check(posts, [], rules, D("2028-03-01"), UTC)
    assert report.failed
    assert "1 post published in the last 30 days (2028-02-01 to 2028-03-01)" in (
        report.findings[0].message
    )
    later = [post("2028-02-01"), post("2028-02-29")]
    assert check(later, [], rules, D("2028-03-01"), UTC).findings == []
    # In Los Angeles, 23:30 PST on 2026-11-01 is 2026-11-02 in UTC.
    late = post(dt.datetime(2026, 11, 2, 7, 30, tzinfo=UTC))
    early = post(dt.datetime(2026, 10, 4, 12, 0, tzinfo=LA))
    assert check([early, late], [], rules, D("2026-11-02"), LA).findings == []
    assert check([early, late], [], rules, D("2026-11-03"), LA).failed


# --- per-tag rules --------------------------------------------------------------

TAGS = (
    "cadence:\n"
    "  max_gap: 14d\n"
    "  tags:\n"
    "    events: {max_gap: 30d}\n"
    "    Product News:\n"
    "      max_posts: {count: 1, window: 7d}\n"
)


@pytest.mark.parametrize(
    ("name", "posts", "expected"),
    [
        (
            "a busy tag cannot hide a dead one",
            [post("2026-11-20", tags=("news",)), post("2026-10-01", "Autumn meetup", ("events",))],
            [("error", 'tag "events": last post "Autumn meetup" (content/posts/2026-10-01-autumn')],
        ),
        (
            "tags match case-insensitively",
            [post("2026-11-20", tags=("Events",))],
            [],
        ),
        (
            "a tag with no posts",
            [post("2026-11-20", tags=("news",))],
            [("error", 'tag "events": no published posts yet; max_gap is 30d (site.yaml:4)')],
        ),
        (
            "an event draft does not count",
            [post("2026-11-20", tags=("news",)), post("2026-11-21", tags=("events",), draft=True)],
            [("error", 'tag "events": no published posts yet')],
        ),
        (
            "a per-tag burst",
            [
                post("2026-11-20", tags=("events", "product-news")),
                post("2026-11-21", "Second", tags=("Product news",)),
            ],
            [("warning", 'tag "Product News": 2 posts published in the last 7 days')],
        ),
    ],
)
def test_tag_rules(name, posts, expected):
    report = check(posts, [], rules_from(TAGS), D(TODAY), UTC)
    got = findings(report)
    assert len(got) == len(expected), (name, got)
    for (severity, message), (want, fragment) in zip(got, expected, strict=True):
        assert severity == want and fragment in message, (name, fragment, message)
    scopes = [f.scope for f in report.rules]
    assert scopes == ["site", "tag:events", "tag:Product News"]


# --- community reviews ----------------------------------------------------------

REVIEW = "cadence:\n  communities:\n    review_every: 180d\n"


@pytest.mark.parametrize(
    ("name", "reviewed", "status", "expected"),
    [
        ("fresh review", "2026-11-01", "active", None),
        ("exactly 180 days old", "2026-05-26", "active", None),
        ("181 days old", "2026-05-25", "active", "was last reviewed on 2026-05-25, 181 days ago"),
        ("archived is exempt", "2020-01-01", "archived", None),
        ("leap day review", "2028-02-29", "active", None),
    ],
)
def test_community_reviews(name, reviewed, status, expected):
    report = check([], [community(reviewed, status=status)], rules_from(REVIEW), D(TODAY), UTC)
    if expected is None:
        assert report.findings == [], name
        assert [f.status for f in report.rules] == ["ok"]
        return
    (finding,) = report.findings
    assert (finding.path, finding.line) == ("content/communities/tinkerers-forum.md", 7)
    assert finding.severity is Severity.ERROR and finding.code == "cadence"
    assert expected in finding.message
    assert "review_every is 180d (site.yaml:3). The review lapsed on 2026-11-21." in finding.message
    assert "set `reviewed: 2026-11-22`" in finding.message


def test_stale_reviews_are_listed_per_community_and_can_warn():
    rules = rules_from("cadence:\n  communities:\n    review_every: {every: 4w, severity: warn}\n")
    communities = [
        community("2026-01-01", "Zine Club"),
        community("2026-11-20", "Fresh Forum"),
        community("2026-02-01", "Alpha Chat"),
        community("2025-01-01", "Old Board", status="archived"),
    ]
    report = check([], communities, rules, D(TODAY), UTC)
    assert [d.path for d in report.findings] == [
        "content/communities/alpha-chat.md",
        "content/communities/zine-club.md",
    ]
    assert all(d.severity is Severity.WARNING for d in report.findings)
    assert not report.failed
    (figure,) = report.rules
    assert (figure.figures["checked"], figure.figures["exempt"]) == (3, 1)
    assert [s["name"] for s in figure.figures["stale"]] == ["Alpha Chat", "Zine Club"]


def test_published_days_for_the_chart():
    posts = [
        post(dt.datetime(2026, 11, 2, 7, 30, tzinfo=UTC)),  # 2026-11-01 in Los Angeles
        post("2026-11-20", draft=True),
        post("2026-11-23"),
        post("2026-11-22"),
    ]
    assert published_days(posts, LA, D(TODAY)) == [D("2026-11-01"), D("2026-11-22")]


def test_a_lapse_names_the_drafts_that_would_restore_it():
    posts = [
        post(LAST),
        post("2026-11-20", draft=True),
        post("2026-10-01", draft=True),  # too old to restore anything
    ]
    report = check(posts, [], rules_from(GAP), D("2026-11-22"), UTC)
    [(severity, message)] = findings(report)
    assert severity == "error"
    assert message.endswith(
        'A draft would restore the cadence if published: "Post of 2026-11-20" '
        "(content/posts/2026-11-20-post-of-2026-11-20.md); remove `draft: true` from it to publish."
    )
    assert "2026-10-01" not in message


def test_a_hub_that_never_published_is_warned_with_its_waiting_draft():
    report = check([post("2026-11-21", draft=True)], [], rules_from(GAP), D("2026-11-22"), UTC)
    [(severity, message)] = findings(report)
    assert severity == "warning" and not report.failed
    assert "A draft would restore the cadence if published" in message


# --- the report's figures (behind `ssg lint --format json`), exactly ----------------

ALL_RULES = (
    "cadence:\n"
    "  max_gap: 14d\n"
    "  warn_within: 3d\n"
    "  min_posts: {count: 3, window: 30d}\n"
    "  max_posts: {count: 1, window: 7d}\n"
    "  tags:\n"
    "    '#Events!': {max_gap: 30d}\n"
    "  communities:\n"
    "    review_every: 90d\n"
)


def test_every_rule_figure_and_finding_exactly():
    posts = [
        post("2026-11-10", "Autumn meetup", ("events",)),
        post("2026-11-21", "Recap"),
        post("2026-11-21", "Photos"),
        post("2026-11-25", "Next"),
    ]
    communities = [community("2026-08-01"), community("2026-11-01", "Fresh Forum")]
    paris = ZoneInfo("Europe/Paris")
    report = check(posts, communities, rules_from(ALL_RULES), D(TODAY), paris)
    assert (report.today, report.timezone, report.config_path) == (
        D(TODAY),
        "Europe/Paris",
        "site.yaml",
    )
    assert report.has_rules and report.failed
    assert [(d.line, d.severity.value, d.message) for d in report.findings] == [
        (
            5,
            "warning",
            "2 posts published in the last 7 days (2026-11-16 to 2026-11-22); max_posts is 1 per "
            "7d (site.yaml:5). That is a burst: space upcoming posts out so the community is not "
            "flooded (reschedule them to later dates).",
        ),
        (
            7,
            "error",
            'community "Tinkerers Forum" was last reviewed on 2026-08-01, 113 days ago; '
            "the rule communities.review_every is 90d (site.yaml:9). "
            "The review lapsed on 2026-10-30. "
            "Check that "
            "https://tinkerers-forum.example.org/ is still active and welcoming, update its page, "
            "then set `reviewed: 2026-11-22`.",
        ),
    ]
    recap = {"title": "Recap", "source": "content/posts/2026-11-21-recap.md", "date": "2026-11-21"}
    meetup = {
        "title": "Autumn meetup",
        "source": "content/posts/2026-11-10-autumn-meetup.md",
        "date": "2026-11-10",
    }
    stale = {
        "source": "content/communities/tinkerers-forum.md",
        "name": "Tinkerers Forum",
        "reviewed": "2026-08-01",
        "days_since_review": 113,
    }
    assert [f.as_dict() for f in report.rules] == [
        {"rule": "max_gap", "scope": "site", "line": 2, "limit": "14d", "severity": "error",
         "status": "ok", "figures": {"last_post": recap, "days_since_last_post": 1,
         "lapses_on": "2026-12-05", "on_cadence_until": "2026-12-09", "resumes_on": None,
         "days_left": 17, "warn_within": "3d"}},
        {"rule": "min_posts", "scope": "site", "line": 4, "limit": "3 per 30d",
         "severity": "warning", "status": "ok", "figures": {"count": 3, "window": "30d",
         "window_start": "2026-10-24", "window_end": "2026-11-22", "posts_in_window": 3,
         "below_since": None}},
        {"rule": "max_posts", "scope": "site", "line": 5, "limit": "1 per 7d",
         "severity": "warning", "status": "warning", "figures": {"count": 1, "window": "7d",
         "window_start": "2026-11-16", "window_end": "2026-11-22", "posts_in_window": 2}},
        {"rule": "max_gap", "scope": "tag:#Events!", "line": 7, "limit": "30d",
         "severity": "error", "status": "ok", "figures": {"last_post": meetup,
         "days_since_last_post": 12, "lapses_on": "2026-12-10", "on_cadence_until": "2026-12-10",
         "resumes_on": None, "days_left": 18, "warn_within": None}},
        {"rule": "review_every", "scope": "communities", "line": 9, "limit": "90d",
         "severity": "error", "status": "error", "figures": {"checked": 2, "exempt": 0,
         "stale": [stale]}},
    ]  # fmt: skip
    assert report.runway.next_scheduled.title == "Next"


def test_a_lapsed_gap_and_a_missing_minimum_in_figures():
    rules = rules_from("cadence:\n  max_gap: 7d\n  min_posts: {count: 2, window: 30d}\n")
    report = check([post("2026-11-10"), post("2026-11-30")], [], rules, D(TODAY), UTC)
    gap, count = (f.as_dict() for f in report.rules)
    assert (gap["status"], count["status"]) == ("error", "warning")
    assert gap["figures"] == {
        "last_post": {
            "title": "Post of 2026-11-10",
            "source": "content/posts/2026-11-10-post-of-2026-11-10.md",
            "date": "2026-11-10",
        },
        "days_since_last_post": 12,
        "lapses_on": "2026-11-17",
        "on_cadence_until": "2026-12-07",
        "resumes_on": "2026-11-30",
        "days_left": 15,
        "warn_within": None,
    }
    assert (report.runway.max_gap, report.runway.rule_line) == ("7d", 2)
    assert report.runway.lapses_on == D("2026-11-17")
    # Fewer posts than the minimum ever: below it since the first post.
    assert count["figures"]["below_since"] == "2026-11-10"
    assert [d.message for d in report.findings][1] == (
        "1 post published in the last 30 days (2026-10-24 to 2026-11-22); min_posts is 2 per 30d "
        "(site.yaml:3). Below the minimum since 2026-11-10. Publish 1 more post, "
        "or schedule it with `ssg new post`."
    )


@pytest.mark.parametrize(
    ("last", "words"),
    [
        ("2026-11-21", "was published yesterday; publishing lapses on 2026-11-24 (in 2 days)"),
        ("2026-11-20", "was published 2 days ago; publishing lapses on 2026-11-23 (tomorrow)"),
        ("2026-11-19", "was published 3 days ago; publishing lapses on 2026-11-22 (today)"),
        ("2026-11-18", "was published 4 days ago; max_gap is 3d (site.yaml:2). Publishing lapsed"),
    ],
)
def test_days_in_words(last, words):
    rules = rules_from("cadence:\n  max_gap: 3d\n  warn_within: 2d\n")
    report = check([post(last)], [], rules, D(TODAY), UTC)
    assert [words in d.message for d in report.findings] == [True], report.findings


def test_the_plural_of_posts_to_publish():
    rules = rules_from("cadence:\n  min_posts: {count: 3, window: 7d}\n")
    report = check([post("2026-11-20")], [], rules, D(TODAY), UTC)
    assert [d.message for d in report.findings] == [
        "1 post published in the last 7 days (2026-11-16 to 2026-11-22); min_posts is 3 per 7d "
        "(site.yaml:2). Below the minimum since 2026-11-20. Publish 2 more posts, or schedule "
        "them with `ssg new post`.",
    ]
    report = check([post("2026-11-22")], [], rules, D(TODAY), UTC)
    assert [d.message for d in report.findings] == [  # below the minimum only since today
        "1 post published in the last 7 days (2026-11-16 to 2026-11-22); min_posts is 3 per 7d "
        "(site.yaml:2). Publish 2 more posts, or schedule them with `ssg new post`.",
    ]


def test_posts_of_one_day_are_ordered_by_their_time_not_their_file_name():
    early = post(dt.datetime(2026, 11, 21, 9, 0, tzinfo=UTC), "Zebra")
    late = post(dt.datetime(2026, 11, 21, 18, 0, tzinfo=UTC), "Aardvark")
    report = check([early, late], [], rules_from(GAP), D(TODAY), UTC)
    assert report.rules[0].figures["last_post"]["title"] == "Aardvark"
    # Written in other zones: 23:00 in Kiritimati (09:00 UTC) comes before 10:00 UTC.
    east = post(dt.datetime(2026, 11, 21, 23, 0, tzinfo=KIRITIMATI), "East")
    west = post(dt.datetime(2026, 11, 21, 10, 0, tzinfo=UTC), "Ten")
    report = check([west, east], [], rules_from(GAP), D(TODAY), UTC)
    assert report.rules[0].figures["last_post"]["title"] == "Ten"


def test_without_max_gap_the_runway_still_names_what_is_scheduled():
    rules = rules_from("cadence:\n  min_posts: {count: 1, window: 30d}\n")
    report = check([post("2026-11-20"), post("2026-12-01", "Later")], [], rules, D(TODAY), UTC)
    assert report.runway.next_scheduled.title == "Later"
    assert [s.title for s in report.runway.scheduled] == ["Later"]
    assert report.runway.max_gap is None


def test_check_config_uses_the_hubs_rules_zone_and_path():
    from ssg.cadence.check import check_config
    from ssg.core.model import Config

    config = Config(
        title="Hub",
        base_url="https://example.org/",
        timezone="Pacific/Kiritimati",
        cadence=rules_from(GAP + "  communities:\n    review_every: 10d\n"),
        path="hub/site.yaml",
    )
    late = post(dt.datetime(2026, 11, 8, 11, 0, tzinfo=UTC))  # 2026-11-09 in Kiritimati
    report = check_config(config, [late], [community("2026-11-01")], D("2026-11-23"))
    assert (report.timezone, report.config_path) == ("Pacific/Kiritimati", "hub/site.yaml")
    assert [d.text() for d in report.findings] == [
        'hub/site.yaml:3: warning: last post "Post of 2026-11-08" '
        "(content/posts/2026-11-08-post-of-2026-11-08.md) was published 14 days ago; publishing "
        "lapses on 2026-11-23 (today); max_gap is 14d, warn_within is 3d (hub/site.yaml:3). "
        f"{PUBLISH_HINT} [cadence]",
        'content/communities/tinkerers-forum.md:7: error: community "Tinkerers Forum" was last '
        "reviewed on 2026-11-01, 22 days ago; the rule communities.review_every is 10d "
        "(hub/site.yaml:5). The review "
        "lapsed on 2026-11-11. Check that https://tinkerers-forum.example.org/ is still active "
        "and welcoming, update its page, then set `reviewed: 2026-11-23`. [cadence]",
    ]


def test_a_tags_runway_counts_only_its_own_scheduled_posts():
    rules = rules_from("cadence:\n  tags:\n    events: {max_gap: 30d}\n")
    posts = [
        post("2026-11-10", "Meetup", ("Events",)),
        post("2026-12-08", "Untagged"),  # would bridge the gap, but is not an event
        post("2027-01-05", "Fair", ("events",)),
    ]
    (figure,) = check(posts, [], rules, D(TODAY), UTC).rules
    assert (figure.scope, figure.figures["on_cadence_until"]) == ("tag:events", "2026-12-10")


def test_drafts_named_are_those_of_the_last_max_gap_days_up_to_today():
    posts = [
        post(LAST),
        post("2026-11-08", "Edge", draft=True),  # max_gap days ago: too old to restore it
        post("2026-11-09", "Inside", draft=True),
        post("2026-11-22", "Today", draft=True),
        post("2026-11-23", "Tomorrow", draft=True),
    ]
    [(_, message)] = findings(check(posts, [], rules_from(GAP), D("2026-11-22"), UTC))
    assert message.endswith(
        '2 drafts would restore the cadence if published: "Inside" '
        '(content/posts/2026-11-09-inside.md), "Today" (content/posts/2026-11-22-today.md); '
        "remove `draft: true` from one to publish."
    )
