"""Values of site.yaml in a page's text: `{{ site.brand }}`, `{{ site.extra.contact }}`.

A forked hub changes its name, addresses and people in site.yaml once instead of
hunting for them through the about, contribute and code-of-conduct pages. Only
pages are filled (posts keep the words of their day), only these names exist, and
fenced code blocks are left alone so a page can show the syntax. An unknown name
is an error at its line, with the closest known one.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping

from ssg.core.diagnostics import Diagnostic, error
from ssg.core.model import Config
from ssg.core.suggest import did_you_mean

TOKEN = re.compile(r"\{\{\s*site\.([A-Za-z0-9_.]+)\s*\}\}")
FENCE = re.compile(r"^\s{0,3}(```|~~~)")


def site_values(config: Config) -> dict[str, str]:
    """The names a page may use, as text; `extra` values that are plain text or numbers."""
    values = {
        "brand": config.brand,
        "title": config.title,
        "description": config.description,
        "base_url": config.base_url,
    }
    for key, value in (config.extra or {}).items():
        if isinstance(value, str | int | float) and not isinstance(value, bool):
            values[f"extra.{key}"] = str(value)
    return values


def fill(
    body: str, body_line: int, path: str, values: Mapping[str, str], markdown: bool = True
) -> tuple[str, list[Diagnostic]]:
    """The text with every `{{ site.NAME }}` replaced, outside code fences.

    In Markdown the value is HTML-escaped (Markdown passes HTML through); a title is
    escaped later by the template and a summary shows raw HTML as text, so there it
    is put in as it is.
    """
    if "{{" not in body:
        return body, []
    diags: list[Diagnostic] = []
    lines, fenced = body.split("\n"), False
    for index, line in enumerate(lines):
        if FENCE.match(line):
            fenced = not fenced
        if fenced or "{{" not in line:
            continue

        def one(match: re.Match[str], index: int = index) -> str:
            name = match[1]
            if name in values:
                value = values[name]
                return html.escape(value, quote=False) if markdown else value
            hint = did_you_mean(name, values) or f" known: {', '.join(sorted(values))}."
            message = f"unknown site value 'site.{name}';{hint} (set it in site.yaml)"
            diags.append(error(path, body_line + index, message))
            return match[0]

        lines[index] = TOKEN.sub(one, line)
    return "\n".join(lines), diags
