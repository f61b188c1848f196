"""The inline pass that skips impossible patterns gives the stock pass's bytes."""

from __future__ import annotations

import re
from pathlib import Path

import markdown
import pytest
from hypothesis import given
from hypothesis import strategies as st

from ssg.content import inline
from ssg.content.markup import EXTENSIONS, EXTENSIONS_CONFIG

ROOT = Path(__file__).resolve().parents[2]


def _pair() -> tuple[markdown.Markdown, markdown.Markdown]:
    stock = markdown.Markdown(extensions=EXTENSIONS, extension_configs=EXTENSIONS_CONFIG)
    fast = markdown.Markdown(extensions=EXTENSIONS, extension_configs=EXTENSIONS_CONFIG)
    inline.install(fast)
    return stock, fast


STOCK, FAST = _pair()


def _both(text: str) -> tuple[str, str]:
    STOCK.reset()
    FAST.reset()
    return STOCK.convert(text), FAST.convert(text)


def test_the_skipping_pass_is_installed() -> None:
    assert inline.SUPPORTED
    assert isinstance(FAST.treeprocessors["inline"], inline.SkippingInlineProcessor)
    assert not isinstance(STOCK.treeprocessors["inline"], inline.SkippingInlineProcessor)


@pytest.mark.parametrize(
    ("expression", "needs"),
    [
        (r"\[\^([^\]]*)\]", {"[^"}),  # literals in a row join up
        (r"(?<!\!)\[", {"["}),  # a negative lookbehind needs nothing
        (r"\*|_", {"*", "_"}),  # each branch needs its own
        (r"<([A-Za-z][A-Za-z0-9+.-]*://[^<>]*)>", {"://"}),  # the rarest part is kept
        (r"a?b+", {"b"}),  # an optional part needs nothing, a repeated one does
        (r"(?=`+)x", {"`"}),  # a lookahead's characters are in the text
        (r"[ab]c", {"c"}),
        (r"[<>]", {"<", ">"}),
    ],
)
def test_needs_are_read_from_the_expression(expression: str, needs: set[str]) -> None:
    assert inline.needed_texts(re.compile(expression)) == needs


@pytest.mark.parametrize(
    "expression",
    [
        r".+",  # any character
        r"a*",  # may match empty
        r"x|.",  # one branch needs nothing
        r"[^<]",  # a negated class
        r"\w+",  # a category
        r"(?i)k",  # a case-folded letter (K also matches the Kelvin sign)
        r"(?P<q>a)?(?P=q)",  # a back-reference
    ],
)
def test_expressions_that_name_no_need_are_always_tried(expression: str) -> None:
    assert inline.needed_texts(re.compile(expression)) is None


def test_a_case_folded_punctuation_mark_is_still_needed() -> None:
    assert inline.needed_texts(re.compile(r"(?i)<x")) == {"<"}


def test_a_pattern_the_text_cannot_match_is_not_tried(monkeypatch: pytest.MonkeyPatch) -> None:
    tried: list[str] = []
    processor = FAST.treeprocessors["inline"]
    apply = getattr(processor, inline._APPLY)

    def counting(pattern, data, index, start=0):  # noqa: ANN001, ANN202 - the stock signature
        tried.append(type(pattern).__name__)
        return apply(pattern, data, index, start)

    monkeypatch.setattr(processor, inline._APPLY, counting)
    FAST.reset()
    FAST.convert("Plain words, with one *stress*.")
    assert "AutolinkInlineProcessor" not in tried
    assert "LinkInlineProcessor" not in tried
    assert "DelimiterProcessor" in tried


SAMPLES = [
    "Text with *em*, **strong**, ***both***, _under_ and __double__ and a_b_c.",
    'A [link](http://example.org/a_b) and ![image](i.png "t") and [ref][r] and [short].\n\n'
    "[r]: http://example.org/\n[short]: /short/\n",
    "Autolink <https://example.org/x> and mail <fan@example.org>, &amp; &#35; &copy; & alone.",
    "Code `a*b*c` and ``double `tick` `` and \\*escaped\\* and \\\\`not code`.",
    "Line one  \nline two\\\nthree.",
    "Footnote[^1] and [^missing].\n\n[^1]: The *note* with a [link](a.md).",
    "<span>raw *html*</span> and <b>bold</b> <!-- comment --> <x y='1'>",
    "# Heading with `code` and *em* {#custom-id}\n\nPara {: .cls }",
    "Term\n:   Definition with **strong** and <http://a.b/>",
    "| a | *b* |\n|---|---|\n| [c](d) | `e` |",
    "* item *em*\n* item [l](x)\n\n1. one\n2. two",
    "```python\ndef f(x):\n    return x * 2  # *not em*\n```",
    "Nested **bold with *em* inside and [a link with `code`](u)** end.",
    "Stars * alone * and _ alone _ and ** and __ and *** .",
    "[![img](a.png)](b.html) and [x]: not a def",
]


@pytest.mark.parametrize("text", SAMPLES)
def test_the_same_bytes_as_the_stock_pass(text: str) -> None:
    stock, fast = _both(text)
    assert fast == stock


def test_the_same_bytes_for_every_markdown_file_in_the_repository() -> None:
    files = sorted(
        path
        for folder in ("content", "tests/sites", "docs")
        for path in (ROOT / folder).rglob("*.md")
    )
    assert len(files) > 20
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace")
        stock, fast = _both(text)
        assert fast == stock, path


PIECES = st.sampled_from(
    [
        "*", "**", "_", "__", "`", "``", "[", "]", "(", ")", "![", "<", ">", "&", "#", ";",
        "\\", "  \n", "\n", "\n\n", "[^1]", "://", "@", "http://a.b/", "x", "word ", " ",
        '"', "'", "{: .c }", "<b>", "</b>", "&amp;", "!", "^", ":", "-", "|", "1. ",
    ]
)  # fmt: skip


@given(st.lists(PIECES, max_size=40).map("".join))
def test_the_same_bytes_for_any_mix_of_markup(text: str) -> None:
    stock, fast = _both(text)
    assert fast == stock
