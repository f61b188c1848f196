"""Diagnostics as data, printed as text, GitHub annotations or JSON."""

from __future__ import annotations

import json

import pytest

from ssg.core.diagnostics import Diagnostic, Severity, SsgError, error, format_json, raise_if_errors


def test_content_errors_read_path_line_message() -> None:
    assert error("content/posts/a.md", 4, "missing 'title'").text() == (
        "content/posts/a.md:4: missing 'title'"
    )
    assert error("site.yaml", 0, "no site.yaml").text() == "site.yaml: no site.yaml"


def test_lint_findings_carry_severity_and_code() -> None:
    finding = Diagnostic("site.yaml", 31, "lapsed", Severity.WARNING, "cadence")
    assert finding.text() == "site.yaml:31: warning: lapsed [cadence]"


def test_github_annotations_escape_what_github_documents() -> None:
    finding = Diagnostic("dir,a:b/%x.md", 3, "50% done\nnext line", Severity.ERROR, "cadence")
    assert finding.github() == (
        "::error file=dir%2Ca%3Ab/%25x.md,line=3,title=ssg cadence error::50%25 done%0Anext line"
    )
    assert (
        Diagnostic("a.md", 0, "m", Severity.WARNING).github()
        == "::warning file=a.md,title=ssg content warning::m"
    )


def test_json_is_a_sorted_list_of_plain_values() -> None:
    data = json.loads(format_json([error("a.md", 1, "m")]))
    assert data == [
        {"code": "content", "line": 1, "message": "m", "path": "a.md", "severity": "error"}
    ]


def test_errors_are_raised_together_and_sorted_warnings_are_not() -> None:
    raise_if_errors([Diagnostic("a.md", 1, "w", Severity.WARNING)])
    with pytest.raises(SsgError) as caught:
        raise_if_errors([error("b.md", 2, "second"), error("a.md", 9, "first")])
    assert [d.path for d in caught.value.diagnostics] == ["a.md", "b.md"]
