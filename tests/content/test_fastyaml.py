"""The front matter fast path gives exactly what the full YAML loader gives, or steps aside."""

from __future__ import annotations

from pathlib import Path

import pytest

from ssg.content.fastyaml import fast_mapping
from ssg.core.yamlfile import load_yaml

REPO = Path(__file__).resolve().parents[2]

TAKEN = [
    "title: Hello world\nsummary: Why it matters, in one line.\n",
    'title: "Quoted: with colon"\ntags: [news, events]\n',
    "title: 'It''s here'\ndate: 2026-11-20T10:00:00+01:00\n",
    "title: C# tips\ntags: []\nauthor:\n",
    'summary: The "best" lamp\nslug: best-lamp\n# a comment line\n',
    "tags: [first tag, second]\nupdated: 2026-11-22 08:00\n",
]
DECLINED = [
    "draft: true\n",  # a boolean
    "count: 3\n",  # an integer
    "title: x # comment\n",
    "tags:\n  - a\n  - b\n",  # a block list
    "title: a: b\n",
    'title: "escaped \\" quote"\n',
    "title: &anchor x\n",
    "yes: value\n",  # a key YAML reads as a boolean
    "title: x\ntitle: y\n",  # duplicate: the full loader reports it
    "tags: [a, 1]\n",
    "tags: [a,]\n",
    "title: |\n  block\n",
    "title: ~\n",
    "title: a\x01b\n",  # a control character: the full loader refuses it
    "title: line\u2028break\n",
    "",
]


@pytest.mark.parametrize("text", TAKEN)
def test_fast_path_matches_the_full_loader(text: str) -> None:
    fast = fast_mapping(text, 2)
    full, diags = load_yaml(text, "x.md", first_line=2)
    assert fast is not None and diags == []
    assert fast == full and fast.lines == full.lines and fast.line == full.line


@pytest.mark.parametrize("text", DECLINED)
def test_fast_path_steps_aside_when_unsure(text: str) -> None:
    assert fast_mapping(text, 2) is None


def test_every_content_file_in_the_repository_agrees() -> None:
    files = [*REPO.glob("content/**/*.md"), *REPO.glob("tests/sites/**/content/**/*.md")]
    taken = 0
    for file in files:
        text = file.read_bytes().decode("utf-8", "replace")
        if not text.startswith("---\n") or "\n---" not in text[3:]:
            continue
        front = text[4 : text.index("\n---", 3) + 1]
        fast = fast_mapping(front, 2)
        if fast is None:
            continue
        taken += 1
        full, diags = load_yaml(front, str(file), first_line=2)
        assert diags == [] and fast == full and fast.lines == full.lines, file
    assert taken > 20  # the fast path is actually used on the demo hub
