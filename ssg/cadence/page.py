"""The `/cadence/` page: the heatmap, the figures and the rules in plain words.

It runs the same cadence check as `ssg lint`, so the page and the build's
verdict always agree.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from markupsafe import Markup

from ssg.cadence import chart as cadence_chart
from ssg.cadence import check as cadence
from ssg.core.model import Site
from ssg.core.page import Job, PageMeta, feed_links

RULE_WORDS = {
    "max_gap": "at most {limit} between posts",
    "min_posts": "at least {limit}",
    "max_posts": "no more than {limit}, so news does not arrive in bursts",
    "review_every": "every community link reviewed by a person within {limit}",
}


def _days(site: Site) -> list[dt.date]:
    return cadence.published_days(site.posts, ZoneInfo(site.config.timezone), site.today)


def cadence_svg(site: Site) -> str:
    return cadence_chart.heatmap_svg(_days(site), site.today)


@dataclass(frozen=True)
class Scheduled:
    title: str
    date: dt.date
    source: str


@dataclass(frozen=True)
class CadenceView:
    """What the /cadence/ page shows."""

    svg: Markup
    stats: cadence_chart.CadenceStats
    rules: list[str]
    next_scheduled: Scheduled | None
    lapse_date: dt.date | None


def _plain(limit: str) -> str:
    """ "4 per 30d" -> "4 posts in any 30 days", "2w" -> "2 weeks"."""
    limit = re.sub(
        r"^(\d+) per ", lambda m: f"{m[1]} post{'s' if m[1] != '1' else ''} in any ", limit
    )
    return re.sub(
        r"\b(\d+)([dw])\b",
        lambda m: f"{m[1]} {'day' if m[2] == 'd' else 'week'}" + ("" if m[1] == "1" else "s"),
        limit,
    )


def _describe(figure: cadence.RuleFigure) -> str:
    words = RULE_WORDS.get(figure.rule, figure.rule + " {limit}").format(limit=_plain(figure.limit))
    scope = figure.scope.removeprefix("tag:")
    where = "" if figure.scope in ("site", "communities") else f" for posts tagged {scope}"
    return words[0].upper() + words[1:] + where + "."


def cadence_page(site: Site) -> Iterator[Job]:
    report = cadence.check_config(
        site.config, [*site.posts, *site.scheduled, *site.expired], site.communities, site.today
    )
    nxt = report.runway.next_scheduled
    view = CadenceView(
        svg=Markup(cadence_svg(site)),  # noqa: S704 - our own generated SVG, escaped when built
        stats=cadence_chart.stats(_days(site), site.today),
        rules=[_describe(f) for f in report.rules],
        next_scheduled=Scheduled(nxt.title, nxt.day, nxt.source) if nxt else None,
        lapse_date=report.runway.on_cadence_until or report.runway.lapses_on,
    )
    desc = f"How steadily {site.config.title} publishes: a year of posts at a glance."
    yield Job(
        "cadence.html",
        PageMeta("cadence", "cadence/", "Publishing cadence", desc, feeds=feed_links(site)),
        {"cadence": view},
    )
