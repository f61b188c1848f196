"""The cadence picture: streak and gap figures, and the SVG heatmap's structure."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from collections import Counter

import pytest

from ssg.cadence.chart import DAYS_SHOWN, LEFT, STEP, TOP, heatmap_svg, level, stats

SVG = "{http://www.w3.org/2000/svg}"


def D(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def days(*texts: str) -> list[dt.date]:
    return [D(t) for t in texts]


# --- stats ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "posts", "today", "expected"),
    [
        (
            "no posts",
            [],
            "2026-11-22",
            dict(streak_weeks=0, average_gap_days=None, longest_gap_days=None, posts_last_year=0),
        ),
        (
            "one post",
            ["2026-11-20"],
            "2026-11-22",
            dict(streak_weeks=1, average_gap_days=None, longest_gap_days=None, posts_last_year=1),
        ),
        (
            "this week counts",  # 2026-11-16 is a Monday; 2026-11-22 a Sunday
            ["2026-11-09", "2026-11-16"],
            "2026-11-22",
            dict(streak_weeks=2, average_gap_days=7.0, longest_gap_days=7),
        ),
        (
            "an empty current week falls back to the previous one",
            ["2026-11-02", "2026-11-09", "2026-11-15"],
            "2026-11-16",
            dict(streak_weeks=2, days_since_last_post=1),
        ),
        (
            "an empty previous week ends the streak",
            ["2026-11-02", "2026-11-20"],
            "2026-11-22",
            dict(streak_weeks=1, longest_gap_days=18),
        ),
        (
            "no post this week or last",
            ["2026-11-02"],
            "2026-11-22",
            dict(streak_weeks=0, days_since_last_post=20),
        ),
        (
            "across ISO week 53 and the new year",  # 2026 has 53 ISO weeks
            ["2026-12-21", "2026-12-31", "2027-01-04"],
            "2027-01-05",
            dict(streak_weeks=3, longest_gap_days=10, average_gap_days=7.0),
        ),
        (
            "several posts a day count once in gaps, every time in totals",
            ["2026-11-01", "2026-11-01", "2026-11-01", "2026-11-04"],
            "2026-11-22",
            dict(posts_last_year=4, days_with_posts=2, average_gap_days=3.0, longest_gap_days=3),
        ),
        (
            "scheduled days are ignored",
            ["2026-11-20", "2026-11-30"],
            "2026-11-22",
            dict(posts_last_year=1, last_post=D("2026-11-20"), longest_gap_days=None),
        ),
        (
            "the longest gap is the earliest of equal ones",
            ["2026-01-01", "2026-01-11", "2026-01-15", "2026-01-25"],
            "2026-02-01",
            dict(
                longest_gap_days=10,
                longest_gap_start=D("2026-01-01"),
                longest_gap_end=D("2026-01-11"),
                average_gap_days=8.0,
            ),
        ),
        (
            "across a leap day",
            ["2028-02-28", "2028-03-01"],
            "2028-03-01",
            dict(longest_gap_days=2, streak_weeks=1),
        ),
        (
            "posts older than 52 weeks are out of the figures",
            ["2025-11-23", "2025-11-24", "2026-11-22"],
            "2026-11-22",
            dict(posts_last_year=2, longest_gap_days=363, longest_gap_start=D("2025-11-24")),
        ),
    ],
)
def test_stats(name, posts, today, expected):
    result = stats(days(*posts), D(today))
    for key, value in expected.items():
        assert getattr(result, key) == value, (name, key, getattr(result, key))
    assert result.first_day == D(today) - dt.timedelta(days=363)


# --- heatmap --------------------------------------------------------------------


def parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    return root


def day_cells(root: ET.Element) -> list[ET.Element]:
    return [r for r in root.iter(f"{SVG}rect") if "data-date" in r.attrib]


@pytest.mark.parametrize(
    "today",
    [
        "2026-11-22",  # a Sunday: whole weeks, 52 columns
        "2026-11-23",  # a Monday: 53 columns
        "2026-11-25",
        "2028-02-29",  # a leap day
        "2028-12-31",  # the range holds 2028-02-29
        "2027-01-01",
    ],
)
def test_one_cell_per_day_of_the_last_52_weeks(today):
    end = D(today)
    root = parse(heatmap_svg([], end))
    cells = day_cells(root)
    assert len(cells) == DAYS_SHOWN == 364
    dates = [D(c.get("data-date")) for c in cells]
    assert dates == [end - dt.timedelta(days=n) for n in range(363, -1, -1)]
    columns = {int(c.get("x")) for c in cells}
    assert len(columns) == (52 if end.weekday() == 6 else 53)
    for cell, day in zip(cells, dates, strict=True):
        assert int(cell.get("y")) == TOP + day.weekday() * STEP  # Monday on top
        assert cell.get("data-count") == "0"
        assert cell.get("class") == "cadence-day cadence-l0"
    assert max(columns) <= LEFT + 52 * STEP


def test_cells_carry_the_right_counts():
    today = D("2026-11-22")
    posts = days(
        "2026-11-02",
        "2026-11-02",
        "2026-11-02",
        "2026-11-22",
        "2025-11-24",  # the first day shown
        "2025-11-23",  # one day too old
        "2026-11-23",  # scheduled
        *["2026-06-01"] * 6,
    )
    root = parse(heatmap_svg(posts, today))
    shown = {c.get("data-date"): c for c in day_cells(root)}
    expected = Counter(d.isoformat() for d in posts if D("2025-11-24") <= d <= today)
    for date, cell in shown.items():
        count = expected.get(date, 0)
        assert cell.get("data-count") == str(count), date
        assert f"cadence-l{level(count)}" in cell.get("class").split()
        noun = "post" if count == 1 else "posts"
        assert cell.find(f"{SVG}title").text == f"{count} {noun} on {date}"
    assert shown["2026-11-02"].get("class") == "cadence-day cadence-l3"
    assert shown["2026-06-01"].get("class") == "cadence-day cadence-l4"
    assert shown["2026-11-22"].find(f"{SVG}title").text == "1 post on 2026-11-22"
    assert "2025-11-23" not in shown and "2026-11-23" not in shown
    assert sum(int(c.get("data-count")) for c in shown.values()) == 11


@pytest.mark.parametrize(("count", "step"), [(0, 0), (1, 1), (2, 2), (3, 3), (4, 4), (40, 4)])
def test_colour_steps(count, step):
    assert level(count) == step


def test_accessible_standalone_and_themed():
    svg = heatmap_svg(days("2026-11-02"), D("2026-11-22"), title="Posts & events")
    root = parse(svg)
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "cadence-heatmap-title cadence-heatmap-desc"
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title.get("id") == "cadence-heatmap-title" and title.text == "Posts & events"
    assert desc.get("id") == "cadence-heatmap-desc"
    assert "2025-11-24 to 2026-11-22" in desc.text and "1 post on 1 day" in desc.text
    assert root.find(f"{SVG}script") is None and "<script" not in svg
    assert "javascript:" not in svg.lower() and not re.search(r"\son\w+=", svg)
    for element in root.iter():
        for name in element.attrib:
            assert not name.endswith("href"), name
    assert re.findall(r"https?://[^\s\"']+", svg) == ["http://www.w3.org/2000/svg"]
    style = root.find(f"{SVG}style").text
    assert "@media (prefers-color-scheme: dark)" in style
    for step in range(5):
        assert style.count(f".cadence-l{step}{{fill:") == 2  # a light and a dark fill
    legend = [r for r in root.iter(f"{SVG}rect") if "cadence-swatch" in r.get("class", "")]
    assert [r.find(f"{SVG}title").text for r in legend] == [
        "no posts",
        "1 post",
        "2 posts",
        "3 posts",
        "4 or more posts",
    ]
    labels = [t.text for t in root.iter(f"{SVG}text")]
    assert labels[:12] == ["Dec", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug",
                           "Sep", "Oct", "Nov"]  # fmt: skip
    assert {"Mon", "Wed", "Fri", "Less", "More"} <= set(labels)


def test_month_labels_sit_over_the_column_of_the_first():
    root = parse(heatmap_svg([], D("2026-11-22")))
    cells = {c.get("data-date"): c for c in day_cells(root)}
    label = next(t for t in root.iter(f"{SVG}text") if t.text == "Mar")
    assert label.get("x") == cells["2026-03-01"].get("x")


def test_output_is_deterministic():
    posts = days("2026-11-02", "2026-10-01", "2026-11-02")
    first = heatmap_svg(posts, D("2026-11-22"))
    assert first == heatmap_svg(list(reversed(posts)), D("2026-11-22"))
