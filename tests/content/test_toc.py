"""The `toc` pass builds a table only for a `[TOC]` marker, and the HTML is the stock pass's."""

from __future__ import annotations

import markdown
import pytest
from markdown.extensions.toc import TocTreeprocessor

from ssg.content import markup, toc

DOCS = [
    "[TOC]\n\n# A\n\n## B\n\ntext",
    "# H\n\n  [TOC]  \n\nx",
    "> [TOC]\n\n# In a quote",
    "```\n[TOC]\n```\n\n# Fenced",
    "    [TOC]\n\n# Indented code",
    "# [TOC]\n\n## In a heading",
    "a [TOC] in a sentence\n\n# h",
    "- [TOC]\n- b\n\n# In a list",
    "*[TOC]*\n\n# Emphasis",
    "# Twice\n\n# Twice\n\n[TOC]\n\n[TOC]",
    "\\[TOC\\]\n\n# Escaped",
    "<div>[TOC]</div>\n\n# Raw HTML",
    "| a |\n|---|\n| [TOC] |\n\n# In a table",
    "# Custom {#custom}\n\n[TOC]",
    "text[^1]\n\n[^1]: [TOC]\n\n# Footnote",
    "# No marker\n\n## At all\n\ntext",
]


def _stock(text: str) -> str:
    md = markdown.Markdown(extensions=markup.EXTENSIONS, extension_configs=markup.EXTENSIONS_CONFIG)
    return md.convert(text)


def _ours(text: str) -> str:
    md = markdown.Markdown(extensions=markup.EXTENSIONS, extension_configs=markup.EXTENSIONS_CONFIG)
    toc.install(md)
    assert type(md.treeprocessors["toc"]) is toc.MarkerOnlyToc
    return md.convert(text)


@pytest.mark.parametrize("text", DOCS)
def test_the_html_is_the_stock_passs(text: str) -> None:
    assert _ours(text) == _stock(text)


def test_a_marker_is_replaced_by_the_table_and_headings_keep_their_links() -> None:
    html = _ours("[TOC]\n\n# Launch day\n\n## What changes\n")
    assert '<div class="toc">' in html and '<a href="#what-changes">What changes</a>' in html
    assert '<h2 id="what-changes">What changes<a class="headerlink"' in html
    plain = _ours("# Launch day\n\n## What changes\n")
    assert "toc" not in plain and '<h2 id="what-changes">' in plain


def test_without_a_marker_no_table_is_built(monkeypatch) -> None:
    built: list[object] = []
    real = TocTreeprocessor.build_toc_div
    monkeypatch.setattr(
        TocTreeprocessor, "build_toc_div", lambda self, t: built.append(t) or real(self, t)
    )
    _ours("# One\n\n## Two\n\nNo marker here.")
    assert built == []
    _ours("[TOC]\n\n# One")
    assert len(built) == 1
