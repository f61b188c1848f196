"""Markdown to HTML, as a pure function of the source text and the link table.

Rendering takes nothing from global state, so posts can later be rendered in
parallel and cached by the hash of their inputs. Links written as paths to
other content files (`[see](2026-11-01-launch.md)`, `../pages/about.md`) and
site-absolute links (`/communities/`) become relative URLs, so the output
works at the domain root and under a sub-path alike.
"""

from __future__ import annotations

import posixpath
import threading
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from ssg.diagnostics import Diagnostic, error
from ssg.urls import relative_url

EXTENSIONS_CONFIG = {
    "toc": {
        "permalink": "#",
        "permalink_class": "headerlink",
        "permalink_title": "Link to this section",
    },
    "codehilite": {"css_class": "highlight", "guess_lang": False},
    "footnotes": {"BACKLINK_TITLE": "Back to reference %d"},
}
EXTENSIONS = [
    "fenced_code",
    "tables",
    "footnotes",
    "toc",
    "codehilite",
    "attr_list",
    "def_list",
    "sane_lists",
]


@dataclass
class LinkContext:
    """What the link rewriter needs for one document; reset for every render."""

    source: str = ""
    page_url: str = ""
    links: Mapping[str, str] = field(default_factory=dict)  # content file -> site path
    unpublished: Mapping[str, str] = field(
        default_factory=dict
    )  # content file -> why it is left out
    problems: list[tuple[str, str]] = field(default_factory=list)  # (href, message)


class _LinkRewriter(Treeprocessor):
    def __init__(self, md: markdown.Markdown, context: LinkContext):
        super().__init__(md)
        self.context = context

    def run(self, root: ET.Element) -> None:
        for element in root.iter():
            attr = {"a": "href", "img": "src"}.get(element.tag)
            if attr and element.get(attr):
                element.set(attr, self.rewrite(element.get(attr, "")))

    def rewrite(self, href: str) -> str:
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or not parts.path:
            return href
        ctx = self.context
        suffix = ("?" + parts.query if parts.query else "") + (
            "#" + parts.fragment if parts.fragment else ""
        )
        if parts.path.startswith("/"):
            return relative_url(ctx.page_url, parts.path.lstrip("/")) + suffix
        if not parts.path.endswith(".md"):
            return href
        target = posixpath.normpath(posixpath.join(posixpath.dirname(ctx.source), parts.path))
        if target in ctx.links:
            return relative_url(ctx.page_url, ctx.links[target]) + suffix
        if target in ctx.unpublished:
            ctx.problems.append(
                (
                    href,
                    f"link to {target}, which is {ctx.unpublished[target]}; "
                    "link to a published page",
                )
            )
        else:
            ctx.problems.append(
                (
                    href,
                    f"link to {target}, which does not exist; "
                    "expected a path to a file under content/",
                )
            )
        return href


class _LinkExtension(Extension):
    def __init__(self, context: LinkContext):
        super().__init__()
        self.context = context

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 - Python-Markdown API
        md.treeprocessors.register(_LinkRewriter(md, self.context), "ssg_links", 5)


_local = threading.local()


def _converter() -> tuple[markdown.Markdown, LinkContext]:
    """One Markdown instance per thread: building one costs more than a small post."""
    if not hasattr(_local, "md"):
        context = LinkContext()
        md = markdown.Markdown(
            extensions=[*EXTENSIONS, _LinkExtension(context)],
            extension_configs=EXTENSIONS_CONFIG,
            output_format="html",
        )
        _local.md, _local.context = md, context
    return _local.md, _local.context


def _line_of(body: str, body_line: int, href: str) -> int:
    for needle in (f"]({href}", f"]: {href}", f'"{href}"', href):
        index = body.find(needle)
        if index >= 0:
            return body_line + body.count("\n", 0, index)
    return body_line


def _focusable_scroll_boxes(html: str) -> str:
    """Wide tables and code blocks scroll sideways; keyboard users must be able to scroll them."""
    html = html.replace("<table>", '<table tabindex="0">')
    return html.replace('<div class="highlight"><pre>', '<div class="highlight"><pre tabindex="0">')


def render_markdown(
    body: str,
    *,
    source: str,
    body_line: int,
    page_url: str,
    links: Mapping[str, str],
    unpublished: Mapping[str, str] | None = None,
) -> tuple[str, list[Diagnostic]]:
    """Render one document; broken content links come back as located errors."""
    md, context = _converter()
    context.source, context.page_url, context.links = source, page_url, links
    context.unpublished, context.problems = unpublished or {}, []
    md.reset()
    html = _focusable_scroll_boxes(md.convert(body))
    diags = [error(source, _line_of(body, body_line, href), msg) for href, msg in context.problems]
    return html, diags
