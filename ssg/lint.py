"""The hub lint: publishing cadence and privacy (no request to another origin).

`ssg lint` reads front matter only, never Markdown, so it stays fast on large
hubs; `ssg build` runs the same lint after writing the site. This module also
provides the `/cadence/` page and its heatmap, so the picture and the check
always agree.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

from markupsafe import Markup

from ssg import cadence, cadence_chart, cadence_report, content
from ssg.communities import load_communities
from ssg.diagnostics import Diagnostic, Severity, raise_if_errors
from ssg.model import Config, Post, Site
from ssg.pages import Job, PageMeta, feed_links
from ssg.privacy import check_privacy

RULE_WORDS = {
    "max_gap": "at most {limit} between posts",
    "min_posts": "at least {limit}",
    "max_posts": "no more than {limit}, so news does not arrive in bursts",
    "review_every": "every community link reviewed by a person within {limit}",
}


@dataclass(frozen=True)
class LintReport:
    cadence: cadence.CadenceReport
    findings: Sequence[Diagnostic] = field(default_factory=tuple)  # other rules (privacy...)

    @property
    def all_findings(self) -> list[Diagnostic]:
        return [*self.cadence.findings, *self.findings]

    @property
    def failed(self) -> bool:
        return any(d.severity is Severity.ERROR for d in self.all_findings)

    def render(self, fmt: str) -> str:
        if fmt == "github":
            return "".join(d.github() + "\n" for d in self.all_findings)
        if fmt == "json":
            document = cadence_report.as_document(self.cadence)
            document["findings"] = [d.as_dict() for d in self.all_findings]
            document["failed"] = self.failed
            return json.dumps(document, indent=2, sort_keys=True) + "\n"
        others = "".join(d.text() + "\n" for d in self.findings)
        return cadence_report.format_text(self.cadence) + others


def check_cadence(
    config: Config, posts: Sequence[Post], communities: Sequence, today: dt.date
) -> cadence.CadenceReport:
    return cadence.check(
        posts, communities, config.cadence, today, ZoneInfo(config.timezone), config.path
    )


def run_lint(
    root: Path, config: Config, today: dt.date, site: Site | None = None, chart: Path | None = None
) -> LintReport:
    """Lint a hub; with `site` (from a build) nothing is read again."""
    if site is None:
        posts, diags = content.load_posts(root, config)
        page_list, more = content.load_pages(root)
        communities, most = load_communities(root, config.language, today)
        raise_if_errors(diags + more + most)
        documents = [*posts, *page_list, *communities]
    else:
        posts, communities = [*site.posts, *site.scheduled], list(site.communities)
        documents = [*site.posts, *site.scheduled, *site.drafts, *site.pages, *site.communities]
    cadence_report = check_cadence(config, posts, communities, today)
    report = LintReport(cadence_report, check_privacy(root, config, documents))
    if chart is not None:
        days = cadence.published_days(posts, ZoneInfo(config.timezone), today)
        chart.parent.mkdir(parents=True, exist_ok=True)
        chart.write_text(cadence_chart.heatmap_svg(days, today), encoding="utf-8")
    return report


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
    report = check_cadence(
        site.config, [*site.posts, *site.scheduled], site.communities, site.today
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


__all__ = ["LintReport", "run_lint", "cadence_page", "cadence_svg", "content"]
