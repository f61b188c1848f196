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
from ssg.core.i18n import N_, Language, language
from ssg.core.model import Site
from ssg.core.page import Job, PageMeta, feed_links

RULE_WORDS = {
    "max_gap": N_("at most {limit} between posts"),
    "min_posts": N_("at least {limit}"),
    "max_posts": N_("no more than {limit}, so news does not arrive in bursts"),
    "review_every": N_("every community link reviewed by a person within {limit}"),
}


def _days(site: Site) -> list[dt.date]:
    return cadence.published_days(site.posts, ZoneInfo(site.config.timezone), site.today)


def cadence_svg(site: Site) -> str:
    return cadence_chart.heatmap_svg(_days(site), site.today, lang=language(site.config.language))


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


def _duration(m: re.Match[str], t: Language) -> str:
    n = int(m[1])
    if m[2] == "d":
        return t.ngettext("{n} day", "{n} days", n).format(n=n)
    return t.ngettext("{n} week", "{n} weeks", n).format(n=n)


def _plain(limit: str, t: Language) -> str:
    """ "4 per 30d" -> "4 posts in any 30 days", "2w" -> "2 weeks"."""
    limit = re.sub(r"\b(\d+)([dw])\b", lambda m: _duration(m, t), limit)
    per = re.fullmatch(r"(\d+) per (.*)", limit)
    if per is None:
        return limit
    count = int(per[1])
    words = t.ngettext("{count} post in any {window}", "{count} posts in any {window}", count)
    return words.format(count=count, window=per[2])


def _describe(figure: cadence.RuleFigure, t: Language) -> str:
    limit = _plain(figure.limit, t)
    words = t.gettext(RULE_WORDS[figure.rule]) if figure.rule in RULE_WORDS else figure.rule
    words = words.format(limit=limit) if figure.rule in RULE_WORDS else f"{words} {limit}"
    if figure.scope not in ("site", "communities"):
        tag = figure.scope.removeprefix("tag:")
        words = t.gettext("{rule} for posts tagged {tag}").format(rule=words, tag=tag)
    return words[0].upper() + words[1:] + "."


def cadence_files(site: Site) -> dict[str, str]:
    """The heatmap file of the public page; nothing when `cadence.public_page` is false."""
    return {"cadence/cadence.svg": cadence_svg(site)} if is_public(site) else {}


def is_public(site: Site) -> bool:
    return site.config.cadence is None or site.config.cadence.public_page


def cadence_page(site: Site) -> Iterator[Job]:
    if not is_public(site):  # the lint still runs; readers just don't see it
        return
    report = cadence.check_config(
        site.config, [*site.posts, *site.scheduled, *site.expired], site.communities, site.today
    )
    nxt, t = report.runway.next_scheduled, language(site.config.language)
    view = CadenceView(
        svg=Markup(cadence_svg(site)),  # noqa: S704 - our own generated SVG, escaped when built
        stats=cadence_chart.stats(_days(site), site.today),
        rules=[_describe(f, t) for f in report.rules],
        next_scheduled=Scheduled(nxt.title, nxt.day, nxt.source) if nxt else None,
        lapse_date=report.runway.on_cadence_until or report.runway.lapses_on,
    )
    desc = t.gettext("How steadily {title} publishes: a year of posts at a glance.")
    title, desc = t.gettext("Publishing cadence"), desc.format(title=site.config.title)
    yield Job(
        "cadence.html",
        PageMeta("cadence", "cadence/", title, desc, feeds=feed_links(site)),
        {"cadence": view},
    )
