"""Diagnostics as data.

Every stage (config, content, communities, templates, cadence, privacy) reports
problems as `Diagnostic` values instead of printing or raising at the first one,
so a run can list every content error together and print them in one place as
text, JSON or GitHub workflow annotations.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    NOTICE = "notice"


PLAIN_CODES = ("content", "config", "template", "input")  # errors printed as bare path:line


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One finding, located at `path:line` (line 0 when the whole file is meant)."""

    path: str
    line: int
    message: str
    severity: Severity = Severity.ERROR
    code: str = "content"

    def text(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        if self.severity is Severity.ERROR and self.code in PLAIN_CODES:
            return f"{where}: {self.message}"
        return f"{where}: {self.severity.value}: {self.message} [{self.code}]"

    @property
    def title(self) -> str:
        """A short heading for the annotation, e.g. "ssg content error"."""
        return f"ssg {self.code} {self.severity.value}"

    def github(self) -> str:
        """A workflow command line (file, line, title); values are escaped as GitHub documents."""
        level = {"error": "error", "warning": "warning", "notice": "notice"}[self.severity.value]
        msg = self.message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        loc = f"file={_property(self.path)}" + (f",line={self.line}" if self.line else "")
        return f"::{level} {loc},title={_property(self.title)}::{msg}"

    def as_dict(self) -> dict:
        data = asdict(self)
        data["severity"] = self.severity.value
        return data


def _property(value: str) -> str:
    """Escape a workflow command property (file, title): `%`, `,`, `:` and line breaks."""
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return value.replace(",", "%2C").replace(":", "%3A")


class SsgError(Exception):
    """Bad input: carries every diagnostic found so far; the CLI prints them and exits 2."""

    def __init__(self, diagnostics: Iterable[Diagnostic]):
        self.diagnostics = sorted(diagnostics)
        super().__init__("\n".join(d.text() for d in self.diagnostics))


def error(path: str, line: int, message: str, code: str = "content") -> Diagnostic:
    return Diagnostic(str(path), int(line or 0), message, Severity.ERROR, code)


def raise_if_errors(diagnostics: Iterable[Diagnostic]) -> None:
    errors = [d for d in diagnostics if d.severity is Severity.ERROR]
    if errors:
        raise SsgError(errors)


def format_text(diagnostics: Iterable[Diagnostic]) -> str:
    return "".join(d.text() + "\n" for d in diagnostics)


def format_github(diagnostics: Iterable[Diagnostic]) -> str:
    return "".join(d.github() + "\n" for d in diagnostics)


def format_json(diagnostics: Iterable[Diagnostic]) -> str:
    return json.dumps([d.as_dict() for d in diagnostics], indent=2, sort_keys=True) + "\n"


def format_errors(diagnostics: Iterable[Diagnostic], fmt: str) -> str:
    """Bad input in the format asked for: text lines, GitHub annotations, or a JSON document.

    The JSON document has the shape of the lint's (`findings`, `failed`), so a
    tool reading `--format json` handles a content error and a lint finding alike.
    """
    found = list(diagnostics)
    if fmt == "github":
        return format_github(found)
    if fmt == "json":
        document = {"failed": True, "findings": [d.as_dict() for d in found], "stage": "input"}
        return json.dumps(document, indent=2, sort_keys=True) + "\n"
    return format_text(found)
