"""The placeholder text `ssg new` writes, and the check that keeps it off the published site.

`ssg new` fills every required field so a fresh file passes validation as a
draft; the same strings are looked for here, so a post whose `draft: true` was
removed before its summary or body was written is an error at the line of the
placeholder instead of a live page that says "Write the post here".
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

POST_SUMMARY = "One sentence: why a reader should care about this post (replace this)."
POST_BODY = "Write the post here (replace this paragraph)."
COMMUNITY_SUMMARY = "What people get there, in one sentence (replace this)."
COMMUNITY_BODY = "Describe the community for someone deciding whether to join (replace this)."

FIELDS = {"summary": (POST_SUMMARY, COMMUNITY_SUMMARY)}
BODY_MARKERS = (POST_BODY, COMMUNITY_BODY)


def find_placeholders(
    meta: Mapping[str, Any], lines: Mapping[str, int], body: str, body_line: int
) -> Iterable[tuple[int, str]]:
    """(line, message) for every placeholder `ssg new` wrote that is still there."""
    for key, texts in FIELDS.items():
        value = meta.get(key)
        if isinstance(value, str) and " ".join(value.split()) in texts:
            yield lines.get(key, 1), f"'{key}' is still the placeholder {value!r}; write your own"
    if not any(marker in body for marker in BODY_MARKERS):  # the common case: one scan, no split
        return
    for offset, line in enumerate(body.split("\n")):
        if any(marker in line for marker in BODY_MARKERS):
            yield body_line + offset, "the body is still the placeholder paragraph; write your own"
