"""Python-Markdown's `toc` pass, building the table of contents only where a page asks for it.

Every heading still gets its id and permalink. The table itself (a `<div>`
built, serialised and post-processed for every document) is shown only where
the text has a `[TOC]` marker, since ssg's templates do not read `md.toc`;
without a marker it was about a fifth of the `toc` pass. Whether a marker is
there is asked of the tree exactly as the stock pass asks it, so the HTML is
the same bytes.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any

from markdown.extensions.toc import TocTreeprocessor


class MarkerOnlyToc(TocTreeprocessor):
    """`TocTreeprocessor` that skips the table when no element could be the marker."""

    _wanted = True

    def run(self, doc: ET.Element) -> None:
        marker = self.marker
        self._wanted = bool(marker) and any(
            el.text and el.text.strip() == marker and len(el) == 0 for el in doc.iter()
        )  # what `replace_marker` requires of an element, without its exclusions: a superset
        super().run(doc)

    def build_toc_div(self, toc_list: list) -> ET.Element:
        if self._wanted:
            return super().build_toc_div(toc_list)
        return ET.Element("div")  # `md.toc` is empty: nothing shows it

    def replace_marker(self, root: ET.Element, elem: ET.Element) -> None:
        if self._wanted:
            super().replace_marker(root, elem)


def install(md: Any) -> None:
    """Make the registered `toc` pass this one, with its settings as configured."""
    if "toc" in md.treeprocessors and type(md.treeprocessors["toc"]) is TocTreeprocessor:
        found = md.treeprocessors["toc"]
        found.__class__ = MarkerOnlyToc  # same fields and settings: only behaviour differs
