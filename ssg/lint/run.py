"""The hub lint: publishing cadence, privacy (no request to another origin), quiet communities.

`ssg lint` reads front matter only, never Markdown, so it stays fast on large
hubs; `ssg build` runs the same lint after writing the site. The `/cadence/`
page (`ssg.cadence.page`) shows the same report, so the picture and the check
always agree.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

from ssg.cadence import chart as cadence_chart
from ssg.cadence import check as cadence
from ssg.cadence import report as cadence_report
from ssg.communities.load import load_communities
from ssg.config.themes import theme_chain
from ssg.config.theming import shadowed_static
from ssg.content import load as content
from ssg.content.parsed import ParsedPosts
from ssg.core.diagnostics import Diagnostic, Severity, raise_if_errors
from ssg.core.i18n import language, untranslated_language
from ssg.core.model import Config, Site
from ssg.lint.activity import check_activity
from ssg.lint.privacy import check_privacy


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


def run_lint(
    root: Path, config: Config, today: dt.date, site: Site | None = None, chart: Path | None = None
) -> LintReport:
    """Lint a hub; with `site` (from a build) nothing is read again."""
    if site is None:
        parsed = ParsedPosts.open(root / ".ssg-cache", config)  # read only: the lint writes nothing
        posts, diags = content.load_posts(root, config, parsed)
        page_list, more = content.load_pages(root, config)
        communities, most = load_communities(root, config.language, today)
        raise_if_errors(diags + more + most)
        documents = [*posts, *page_list, *communities]
    else:
        posts = [*site.posts, *site.scheduled, *site.expired, *site.drafts]
        communities = list(site.communities)
        documents = [*posts, *site.pages, *communities]
    cadence_report = cadence.check_config(config, posts, communities, today)
    others = check_privacy(root, config, documents) + check_activity(
        root, config, communities, today
    )
    others += shadowed_static(root, theme_chain(root, config.theme))
    report = LintReport(cadence_report, others + untranslated_language(config))
    if chart is not None:
        days = cadence.published_days(posts, ZoneInfo(config.timezone), today)
        chart.parent.mkdir(parents=True, exist_ok=True)
        svg = cadence_chart.heatmap_svg(days, today, lang=language(config.language))
        chart.write_text(svg, encoding="utf-8")
    return report
