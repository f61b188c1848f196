"""YAML errors that say what a person most likely did, at the line of the real file."""

from __future__ import annotations

import pytest

from ssg.core.yamlfile import load_yaml


@pytest.mark.parametrize(
    ("text", "line", "hint"),
    [
        ("a: 1\n\tb: 2\n", 3, "YAML indents with spaces, never tabs: replace the tab on line 3"),
        ("a:\n  b: 1\n   c: 2\n", 4, "this line is indented 3 spaces and the line before 2"),
        ("a:\n  b: 1\n c: 2\n", 4, "this line is indented 1 space and the line before 2 spaces"),
        ("title: Ride: Lyon\n", 2, 'must be quoted, such as title: "Ride: Lyon"'),
        ("tags: [a, b\n", 3, "a list in [ ] or a mapping in { } must be closed on the same line"),
    ],
)  # fmt: skip
def test_yaml_errors_come_with_a_hint(text: str, line: int, hint: str) -> None:
    data, [diag] = load_yaml(text, "content/posts/x.md", first_line=2)
    assert data is None
    assert diag.path == "content/posts/x.md" and diag.line == line
    assert diag.message.startswith("invalid YAML: ")
    assert hint in diag.message


def test_without_a_known_cause_the_parser_words_stay() -> None:
    _, [diag] = load_yaml("a: 'open\n", "site.yaml")
    assert diag.message.endswith("; expected valid YAML syntax")
