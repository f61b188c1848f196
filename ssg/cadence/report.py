"""Cadence report output: text for people, annotations for CI, JSON for tools.

Each format is a pure function of a `CadenceReport`, so `ssg lint` and the
`/cadence/` page show the same findings and runway.
"""

from __future__ import annotations

import datetime as dt
import json

from ssg.cadence.check import CadenceReport
from ssg.core.diagnostics import Diagnostic, Severity

REMINDER = "a scheduled post appears only after a rebuild on or after its date"


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _runway_lines(report: CadenceReport) -> list[str]:
    r = report.runway
    lines = []
    if r.next_scheduled:
        s = r.next_scheduled
        more = f" ({len(r.scheduled)} scheduled in all)" if len(r.scheduled) > 1 else ""
        lines.append(f'next scheduled post: "{s.title}" ({s.source}) on {s.day}{more}.')
    else:
        lines.append("nothing is scheduled.")
    if r.on_cadence_until and r.max_gap:
        rule = f"max_gap {r.max_gap}"
        if r.resumes_on:
            lines.append(
                f"scheduled posts {'restore' if r.lapses_on else 'start'} the cadence on "
                f"{r.resumes_on} and keep you on "
                f"cadence until {r.on_cadence_until} ({rule})."
            )
        elif r.on_cadence_until < report.today:
            lines.append(
                f"publishing lapsed on {r.on_cadence_until} and nothing scheduled "
                f"restores it ({rule})."
            )
        elif r.scheduled and r.on_cadence_until != r.lapses_on:
            lines.append(
                f"scheduled posts keep you on cadence until {r.on_cadence_until} ({rule})."
            )
        elif r.scheduled:
            lines.append(
                "the next scheduled post comes too late: cadence lapses on "
                f"{r.on_cadence_until} ({rule})."
            )
        else:
            lines.append(
                f"with nothing scheduled, cadence lapses on {r.on_cadence_until} ({rule})."
            )
    if r.scheduled:
        lines.append(
            f"note: {REMINDER}; rebuild the site daily so scheduled posts go live on time."
        )
    return lines


def _located(finding: Diagnostic, config_path: str) -> str:
    text = f"cadence: {finding.severity.value}: {finding.message}"
    if finding.path == config_path:
        return text
    return f"{finding.path}:{finding.line}: {text}" if finding.line else f"{finding.path}: {text}"


def format_text(report: CadenceReport) -> str:
    """Findings first (`cadence: error: ...`), then the runway and the rebuild reminder.

    A finding about a content file (a stale community review) starts with its
    `path:line`, so the reader sees which file to edit; site-wide rules cite
    their line in site.yaml inside the message.
    """
    out = [_located(d, report.config_path) for d in report.findings]
    if not report.has_rules:
        out.append(
            f"cadence: no cadence rules in {report.config_path}; add a `cadence:` section "
            "such as `max_gap: 14d` to check publishing consistency."
        )
    elif not report.findings:
        out.append(
            f"cadence: ok: {len(report.rules)} {'rule' if len(report.rules) == 1 else 'rules'} "
            "checked, all on cadence."
        )
    out += [f"cadence: {line}" for line in _runway_lines(report)]
    return "".join(line + "\n" for line in out)


def format_github(report: CadenceReport) -> str:
    """One workflow annotation per finding: `::error file=site.yaml,line=31::message`."""
    return "".join(d.github() + "\n" for d in report.findings)


def as_document(report: CadenceReport) -> dict:
    r = report.runway
    return {
        "version": 1,
        "today": report.today.isoformat(),
        "timezone": report.timezone,
        "config": report.config_path,
        "failed": report.failed,
        "counts": {
            "error": sum(d.severity is Severity.ERROR for d in report.findings),
            "warning": sum(d.severity is Severity.WARNING for d in report.findings),
        },
        "findings": [d.as_dict() for d in report.findings],
        "runway": {
            "next_scheduled": r.next_scheduled.as_dict() if r.next_scheduled else None,
            "scheduled": [s.as_dict() for s in r.scheduled],
            "max_gap": r.max_gap,
            "rule_line": r.rule_line,
            "lapses_on": _iso(r.lapses_on),
            "on_cadence_until": _iso(r.on_cadence_until),
            "resumes_on": _iso(r.resumes_on),
            "reminder": REMINDER,
        },
        "rules": [f.as_dict() for f in report.rules],
    }


def format_json(report: CadenceReport) -> str:
    """A stable document (`version: 1`, sorted keys) with findings, runway and rule figures."""
    return json.dumps(as_document(report), indent=2, sort_keys=True) + "\n"
