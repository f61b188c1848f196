"""Front matter: a content file split into its YAML block and its Markdown body.

Flat front matter takes a fast path (`fastyaml`); anything else goes through
the full line-tracking YAML loader of `ssg.core.yamlfile`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ssg.content.fastyaml import fast_mapping
from ssg.core.diagnostics import Diagnostic, error
from ssg.core.yamlfile import LineDict, load_yaml


@dataclass(frozen=True)
class Source:
    """A content file split into its front matter and its Markdown body."""

    path: str
    meta: LineDict
    body: str
    body_line: int  # line of the file on which the body starts


_CLOSING = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)


def split_front_matter(text: str, path: str) -> tuple[Source | None, list[Diagnostic]]:
    """Split `---` delimited YAML front matter from the body."""
    if not text.startswith("---\n") and text.strip() != "---":
        return None, [
            error(path, 1, "missing front matter; expected the file to start with a line '---'")
        ]
    closing = _CLOSING.search(text, 4)
    if closing is None:
        return None, [error(path, 1, "front matter is not closed; expected a line '---' after it")]
    front = text[4 : closing.start()]
    data = fast_mapping(front, first_line=2)
    if data is None:
        data, diags = load_yaml(front, path, first_line=2)
        if diags:
            return None, diags
    if data is None:
        data = LineDict()
        data.line = 1
    if not isinstance(data, LineDict):
        return None, [error(path, 2, "front matter must be a mapping of `key: value` lines")]
    body = text[closing.end() + 1 :]
    return Source(path, data, body, text.count("\n", 0, closing.end()) + 2), []
