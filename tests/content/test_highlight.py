"""Code blocks are highlighted once per language and text, within a build and across builds."""

from __future__ import annotations

from pathlib import Path

import pytest
from markdown.extensions import codehilite

from ssg.content import highlight
from ssg.content.markup import render_markdown
from tests.conftest import build_hub, copy_hub

CODE = "```python\ndef meetup(x):\n    return x * 2\n```\n"


@pytest.fixture
def lexed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every call into Pygments, by source text, starting from an empty store."""
    calls: list[str] = []
    real = codehilite.highlight

    def counting(src, lexer, formatter):  # noqa: ANN001, ANN202 - Pygments' own signature
        calls.append(src)
        return real(src, lexer, formatter)

    monkeypatch.setattr(codehilite, "highlight", counting)
    monkeypatch.setattr(highlight, "_known", {})
    return calls


def _render(body: str) -> str:
    return render_markdown(body, source="content/posts/a.md", body_line=1, page_url="a/", links={})[
        0
    ]


def test_the_same_block_is_highlighted_once_and_gives_the_same_html(lexed: list[str]) -> None:
    first = _render("Intro.\n\n" + CODE)
    second = _render("Another post.\n\n" + CODE)
    assert len(lexed) == 1
    assert first.split("Intro.")[1].strip().removeprefix("</p>") in second
    assert 'class="highlight"' in first


def test_another_language_or_text_is_highlighted_again(lexed: list[str]) -> None:
    _render(CODE)
    _render(CODE.replace("python", "ruby"))
    _render(CODE.replace("x * 2", "x * 3"))
    assert len(lexed) == 3


@pytest.mark.parametrize("jobs", [1, 2])  # 2: blocks highlighted in worker processes come back
def test_an_edited_post_reuses_its_blocks_from_the_last_build(
    tmp_path: Path, lexed: list[str], monkeypatch: pytest.MonkeyPatch, jobs: int
) -> None:
    from ssg.engine import parallel

    monkeypatch.setattr(parallel, "MIN_PER_WORKER", 1)
    root = copy_hub("basic", tmp_path / "basic")
    post = root / "content/posts/2026-11-20-hello.md"
    post.write_text(post.read_text(encoding="utf-8") + "\n" + CODE, encoding="utf-8")
    build_hub(root, jobs=jobs)
    assert jobs == 2 or any("meetup" in src for src in lexed)  # workers count in their own copy
    monkeypatch.setattr(highlight, "_known", {})  # a new process: only the cache file remains
    lexed.clear()
    post.write_text(post.read_text(encoding="utf-8") + "\nA last word.\n", encoding="utf-8")
    warm = build_hub(root)
    assert warm.result.stats.rendered == 1 and lexed == []
    cold = build_hub(root, out=tmp_path / "cold", use_cache=False)
    assert warm.read("posts/hello/index.html") == cold.read("posts/hello/index.html")


def test_a_lexer_by_name_is_the_class_pygments_gives_with_the_blocks_options() -> None:
    from pygments.lexers import get_lexer_by_name

    for name in ("python", "py", "yaml", "text"):
        ours = highlight.lexer_by_name(name, stripnl=False)
        again = highlight.lexer_by_name(name, tabsize=4)
        theirs = get_lexer_by_name(name, stripnl=False)
        assert type(ours) is type(theirs) is type(again)
        assert ours.options == theirs.options and again.options["tabsize"] == 4
    with pytest.raises(Exception, match="no lexer"):
        highlight.lexer_by_name("no-such-language")
