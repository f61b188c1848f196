"""A summary's inline Markdown: HTML for cards, plain text for descriptions and feeds."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import feedparser
import pytest
from hypothesis import given
from hypothesis import strategies as st

from ssg.content import summary
from ssg.content.summary import render_summary
from tests.conftest import build_hub


@pytest.mark.parametrize(
    ("text", "html", "plain"),
    [
        ("Plain words.", "Plain words.", "Plain words."),
        (
            "Tips **for** *new* `riders`",
            "Tips <strong>for</strong> <em>new</em> <code>riders</code>",
            "Tips for new riders",
        ),
        ("See [the forum](https://forum.example/) now", "See the forum now", "See the forum now"),
        ("A ![map of Lyon](map.png) inside", "A map of Lyon inside", "A map of Lyon inside"),
        ("**[bold link](x.md)** after", "<strong>bold link</strong> after", "bold link after"),
        (
            "Use <b>tags</b> & AT&T",
            "Use &lt;b&gt;tags&lt;/b&gt; &amp; AT&amp;T",
            "Use <b>tags</b> & AT&T",
        ),
        ("1986. A good year.", "1986. A good year.", "1986. A good year."),
        ("# Not a heading", "# Not a heading", "# Not a heading"),
        ("- not a list", "- not a list", "- not a list"),
        ("> not a quote", "&gt; not a quote", "> not a quote"),
        ("[ref]: https://example.org", "[ref]: https://example.org", "[ref]: https://example.org"),
        (r"An \*escaped\* star", "An *escaped* star", "An *escaped* star"),
        ("snake_case_name", "snake_case_name", "snake_case_name"),
        ("two\n\nlines  here ", "two lines here", "two lines here"),
        ("", "", ""),
    ],
)
def test_inline_markdown_only(text: str, html: str, plain: str) -> None:
    assert render_summary(text) == (html, plain)


TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), whitelist_characters="\n\t"),
    max_size=60,
)


@given(TEXT)
def test_the_plain_path_gives_what_markdown_gives(text: str) -> None:
    """Text without Markdown characters skips Python-Markdown; the result must not change."""
    quick = render_summary(text)
    original = summary.MARKDOWN_CHARS
    summary.MARKDOWN_CHARS = re.compile(r"[\s\S]")  # every text goes through Python-Markdown
    try:
        slow = render_summary(text)
    finally:
        summary.MARKDOWN_CHARS = original
    assert slow == quick


POST = """---
title: Ride day
date: 2026-11-12
summary: "Bring **your own** bike to [the meetup](https://meet.example/) & `ride`"
tags: [events]
---
Text.
"""


def test_cards_show_html_and_feeds_plain_text(hub: Callable[..., Path]) -> None:
    built = build_hub(hub("basic", {"content/posts/2026-11-12-ride.md": POST}))
    html = built.read("index.html")
    assert (
        '<p class="card__summary">Bring <strong>your own</strong> bike to the meetup '
        "&amp; <code>ride</code></p>"
    ) in html
    plain = "Bring your own bike to the meetup & ride"
    page = built.read("posts/ride/index.html")
    assert f'<meta name="description" content="{plain.replace("&", "&amp;")}">' in page
    atom = feedparser.parse(built.read("feed.xml"))
    entry = next(e for e in atom.entries if e.title == "Ride day")
    assert entry.summary == plain
    items = json.loads(built.read("feed.json"))["items"]
    assert next(i for i in items if i["title"] == "Ride day")["summary"] == plain
    assert "**" not in html and "](" not in html
