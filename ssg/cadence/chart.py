"""The picture of the cadence: figures and an SVG calendar heatmap for /cadence/.

Pure functions of post days (calendar days in the site time zone, one entry
per post, so a day with three posts appears three times) and "today". The
heatmap is plain SVG, no JavaScript and no external references, so it works
inline in a page, as an image and in a feed reader; the same input always
gives byte-identical output.

The range is the 364 days ending on today (52 whole weeks), drawn as week
columns with Monday at the top. Unless today is a Sunday the first and last
columns are partial, so the grid always has room for 53 columns; days after
today are not drawn. Every drawn day is one `<rect>` with `data-date` and
`data-count`.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from ssg.core.i18n import Language, language

DAYS_SHOWN = 364
CELL, STEP = 11, 13  # square size and pitch, in px
LEFT, TOP = 30, 20  # room for weekday and month labels
COLUMNS = 53
LEVELS = 5  # classes cadence-l0 .. cadence-l4: 0, 1, 2, 3 and 4+ posts a day

# Class names are prefixed: an inline SVG's <style> applies to the whole page.
STYLE = (
    ".cadence-label{font:9px sans-serif;fill:#5b6370}"
    ".cadence-day,.cadence-swatch{stroke:#1b1f2410;stroke-width:1}"
    ".cadence-l0{fill:#eceff3}.cadence-l1{fill:#b7dcf5}.cadence-l2{fill:#6bb2e6}"
    ".cadence-l3{fill:#2f7fc4}.cadence-l4{fill:#134f8a}"
    "@media (prefers-color-scheme: dark){"
    ".cadence-label{fill:#a4adba}.cadence-day,.cadence-swatch{stroke:#ffffff14}"
    ".cadence-l0{fill:#1d232b}.cadence-l1{fill:#1c4466}.cadence-l2{fill:#23679e}"
    ".cadence-l3{fill:#3c92d6}.cadence-l4{fill:#8cc8f5}}"
)


@dataclass(frozen=True)
class CadenceStats:
    """The figures shown next to the heatmap.

    Gaps are measured between consecutive posting days inside the heatmap
    range (a post on two days in a row is a gap of 1); the time since the last
    post is `days_since_last_post`, not a gap.
    """

    today: dt.date
    first_day: dt.date  # the first day of the heatmap range
    posts_last_year: int  # posts in the 364 days ending today
    days_with_posts: int
    last_post: dt.date | None
    days_since_last_post: int | None
    streak_weeks: int
    average_gap_days: float | None
    longest_gap_days: int | None
    longest_gap_start: dt.date | None
    longest_gap_end: dt.date | None


def first_day(today: dt.date) -> dt.date:
    return today - dt.timedelta(days=DAYS_SHOWN - 1)


def _monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def streak_weeks(days: Sequence[dt.date], today: dt.date) -> int:
    """Consecutive ISO weeks with a post, up to this week (or the last, if this has none yet)."""
    weeks = {_monday(d) for d in days if d <= today}
    week = _monday(today)
    if week not in weeks:
        week -= dt.timedelta(days=7)
    count = 0
    while week in weeks:
        count += 1
        week -= dt.timedelta(days=7)
    return count


def stats(days: Sequence[dt.date], today: dt.date) -> CadenceStats:
    """Streak, gaps and totals; days after today (scheduled posts) are ignored."""
    start = first_day(today)
    past = sorted(d for d in days if d <= today)
    shown = sorted({d for d in past if d >= start})
    gaps = [(b - a).days for a, b in zip(shown, shown[1:], strict=False)]
    longest = max(gaps) if gaps else None
    at = gaps.index(longest) if gaps else None  # the earliest of equally long gaps
    last = past[-1] if past else None
    return CadenceStats(
        today=today,
        first_day=start,
        posts_last_year=sum(1 for d in past if d >= start),
        days_with_posts=len(shown),
        last_post=last,
        days_since_last_post=(today - last).days if last else None,
        streak_weeks=streak_weeks(past, today),
        average_gap_days=sum(gaps) / len(gaps) if gaps else None,
        longest_gap_days=longest,
        longest_gap_start=shown[at] if at is not None else None,
        longest_gap_end=shown[at + 1] if at is not None else None,
    )


def level(count: int) -> int:
    """Colour step for a day: 0, 1, 2, 3, or 4 for four posts or more."""
    return min(max(count, 0), LEVELS - 1)


def _posts_on(count: int, day: dt.date, t: Language) -> str:
    words = t.ngettext("{count} post on {day}", "{count} posts on {day}", count)
    return escape(words.format(count=count, day=day.isoformat()))


def _cells(counts: Counter, start: dt.date, today: dt.date, t: Language) -> list[str]:
    origin = _monday(start)
    out = []
    day = start
    while day <= today:
        col, row = (day - origin).days // 7, day.weekday()
        n = counts.get(day, 0)
        out.append(
            f'<rect class="cadence-day cadence-l{level(n)}" x="{LEFT + col * STEP}" '
            f'y="{TOP + row * STEP}" width="{CELL}" height="{CELL}" rx="2" '
            f'data-date="{day.isoformat()}" data-count="{n}">'
            f"<title>{_posts_on(n, day, t)}</title></rect>"
        )
        day += dt.timedelta(days=1)
    return out


def _labels(start: dt.date, today: dt.date, t: Language) -> list[str]:
    """Month names over the column holding each month's 1st; weekday names for Mon/Wed/Fri."""
    origin = _monday(start)
    out = []
    last_col = -9
    day = start
    while day <= today:
        if day.day == 1:
            col = (day - origin).days // 7
            if col - last_col >= 3:  # no overlapping labels
                x = LEFT + col * STEP
                name = escape(t.month_abbr(day.month))
                out.append(f'<text class="cadence-label" x="{x}" y="{TOP - 6}">{name}</text>')
                last_col = col
        day += dt.timedelta(days=1)
    for row in (0, 2, 4):  # Monday, Wednesday, Friday
        y, name = TOP + row * STEP + CELL - 2, escape(t.weekday_abbr(row))
        out.append(f'<text class="cadence-label" x="0" y="{y}">{name}</text>')
    return out


def _legend(y: int, t: Language) -> list[str]:
    names = [t.gettext("no posts")]
    names += [t.ngettext("{n} post", "{n} posts", n).format(n=n) for n in range(1, LEVELS - 1)]
    names.append(t.gettext("{n} or more posts").format(n=LEVELS - 1))
    x = LEFT + COLUMNS * STEP - LEVELS * STEP - 28
    less, more = escape(t.gettext("Less")), escape(t.gettext("More"))
    out = [f'<text class="cadence-label" x="{x - 26}" y="{y + CELL - 2}">{less}</text>']
    for i, name in enumerate(names):
        out.append(
            f'<rect class="cadence-swatch cadence-l{i}" x="{x + i * STEP}" y="{y}" '
            f'width="{CELL}" height="{CELL}" rx="2"><title>{escape(name)}</title></rect>'
        )
    out.append(
        f'<text class="cadence-label" x="{x + LEVELS * STEP + 2}" y="{y + CELL - 2}">{more}</text>'
    )
    return out


def heatmap_svg(
    days: Sequence[dt.date],
    today: dt.date,
    title: str | None = None,
    lang: Language | None = None,
) -> str:
    """A standalone, accessible SVG calendar of posts per day (see the module docstring)."""
    t = lang or language("en")
    title = title or t.gettext("Posts per day over the last 52 weeks")
    start = first_day(today)
    counts = Counter(d for d in days if start <= d <= today)
    total = sum(counts.values())
    busiest = max(counts.values(), default=0)
    desc = " ".join(
        (
            t.gettext(
                "A calendar with one square per day from {start} to {end}, one column per week, "
                "Monday at the top; darker squares mean more posts."
            ).format(start=start.isoformat(), end=today.isoformat()),
            t.ngettext("{count} post", "{count} posts", total).format(count=total),
            t.ngettext(
                "on {days} day; the busiest day had {busiest}.",
                "on {days} days; the busiest day had {busiest}.",
                len(counts),
            ).format(days=len(counts), busiest=busiest),
        )
    )
    legend_y = TOP + 7 * STEP + 8
    width, height = LEFT + COLUMNS * STEP + 4, legend_y + CELL + 4
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="cadence-heatmap" role="img" '
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        f'aria-labelledby="cadence-heatmap-title cadence-heatmap-desc">',
        f'<title id="cadence-heatmap-title">{escape(title)}</title>',
        f'<desc id="cadence-heatmap-desc">{escape(desc)}</desc>',
        f"<style>{STYLE}</style>",
        *_labels(start, today, t),
        f'<g data-first-day="{start.isoformat()}">',
        *_cells(counts, start, today, t),
        "</g>",
        *_legend(legend_y, t),
        "</svg>",
    ]
    return "\n".join(parts) + "\n"
