"""A summary's inline Markdown, as HTML for cards and as plain text for everything else.

Hugo and Pelican render a `summary:` written in front matter as Markdown, so
content written for them has `**bold**`, `` `code` `` and `[links](...)` in
it. Here a summary is one line of inline Markdown: emphasis, code and escapes
are kept; a link or an image becomes its text, because a summary is shown on
many pages inside a card that already links to its post (a nested link, or a
relative URL that is right on one page only, would be wrong on the others).
Block syntax has no meaning in one line (`1986. A good year.` stays a
sentence), and raw HTML is shown as text, as in a community's description.

The plain text (for `<meta name="description">`, feeds and exports) is the
HTML without its tags, entities decoded.
"""

from __future__ import annotations

import html as html_lib
import re
import threading
import xml.etree.ElementTree as ET

import markdown
from markdown.treeprocessors import Treeprocessor

MARKDOWN_CHARS = re.compile(r"[\\`*_\[\]<&]")  # without any of these, the text is plain
BLOCK_SYNTAX = ("empty", "indent", "code", "hashheader", "setextheader", "hr", "olist", "ulist")
BLOCK_SYNTAX += ("quote", "reference")  # Python-Markdown's block processors but the paragraph
_SPACE = re.compile(r"\s+")
_TAG = re.compile(r"<[^>]*>")
_local = threading.local()


class _LinksAsText(Treeprocessor):
    """`<a>` becomes its content and `<img>` its alt text, wherever they are nested."""

    def run(self, root: ET.Element) -> None:
        _unwrap_in(root)


def _unwrap_in(parent: ET.Element) -> None:
    """Rebuild `parent`'s children in one pass, so a summary of many links stays linear."""
    children = list(parent)
    for child in children:
        _unwrap_in(child)
    if not any(child.tag in ("a", "img") for child in children):
        return
    kept: list[ET.Element] = []

    def add(text: str | None) -> None:  # after the last kept element, or at the start
        if not text:
            return
        if kept:
            kept[-1].tail = (kept[-1].tail or "") + text
        else:
            parent.text = (parent.text or "") + text

    for child in children:
        if child.tag == "img":
            add(child.get("alt", ""))
        elif child.tag == "a":
            add(child.text)
            kept += list(child)  # each keeps its own tail
        else:
            kept.append(child)
            continue
        add(child.tail)
    parent[:] = kept


def _converter() -> markdown.Markdown:
    """One inline-only Markdown per thread: every block is a paragraph, raw HTML is text."""
    md = getattr(_local, "md", None)
    if md is None:
        md = markdown.Markdown(output_format="html")
        for name in BLOCK_SYNTAX:
            md.parser.blockprocessors.deregister(name, strict=False)
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        md.treeprocessors.register(_LinksAsText(md), "ssg_links_as_text", 5)
        _local.md = md
    return md


def render_summary(text: str) -> tuple[str, str]:
    """(HTML, plain text) of one summary; the HTML has no surrounding `<p>`."""
    text = _SPACE.sub(" ", text).strip()
    if not MARKDOWN_CHARS.search(text):
        return text.replace(">", "&gt;"), text
    md = _converter()
    md.reset()
    html = md.convert(text)
    html = html.removeprefix("<p>").removesuffix("</p>")
    return html, html_lib.unescape(_TAG.sub("", html))
