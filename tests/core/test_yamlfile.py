"""YAML errors that say what a person most likely did, and the bounds that keep hostile YAML
from hanging a build, at the line of the real file."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from ssg.core import yamlfile
from ssg.core.yamlfile import MAX_DEPTH, load_yaml


@pytest.mark.parametrize(
    ("text", "line", "hint"),
    [
        ("a: 1\n\tb: 2\n", 3, "YAML indents with spaces, never tabs: replace the tab on line 3"),
        ("a:\n  b: 1\n   c: 2\n", 4, "this line is indented 3 spaces and the line before 2"),
        ("a:\n  b: 1\n c: 2\n", 4, "this line is indented 1 space and the line before 2 spaces"),
        ("title: Ride: Lyon\n", 2, 'must be quoted, such as title: "Ride: Lyon"'),
        ("tags: [a, b\n", 3, "a list in [ ] or a mapping in { } must be closed on the same line"),
    ],
)  # fmt: skip
def test_yaml_errors_come_with_a_hint(text: str, line: int, hint: str) -> None:
    data, [diag] = load_yaml(text, "content/posts/x.md", first_line=2)
    assert data is None
    assert diag.path == "content/posts/x.md" and diag.line == line
    assert diag.message.startswith("invalid YAML: ")
    assert hint in diag.message


def test_without_a_known_cause_the_parser_words_stay() -> None:
    _, [diag] = load_yaml("a: 'open\n", "site.yaml")
    assert diag.message.endswith("; expected valid YAML syntax")


def bomb(levels: int, per_level: int = 9) -> str:
    lines = ["title: Bomb", "a0: &a0 [" + ", ".join(["x"] * per_level) + "]"]
    for i in range(1, levels + 1):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * per_level) + "]")
    return "\n".join(lines) + "\n"


def test_alias_bomb_is_refused_quickly_at_its_line() -> None:
    started = time.perf_counter()
    data, diags = load_yaml(bomb(8), "content/posts/x.md", first_line=2)
    assert time.perf_counter() - started < 0.5
    assert data is None and len(diags) == 1
    # a4 (9**5 values) is the first to pass the bound: line 7 of the file
    assert diags[0].line == 7 and "through anchors and aliases" in diags[0].message


def test_merge_key_bomb_is_refused() -> None:
    lines = ["m0: &m0 {a: 1, b: 2, c: 3}"]
    for i in range(1, 12):
        refs = ", ".join([f"*m{i - 1}"] * 4)
        lines.append(f"m{i}: &m{i} {{<<: [{refs}], k{i}: [*m{i - 1}, *m{i - 1}, *m{i - 1}]}}")
    started = time.perf_counter()
    data, diags = load_yaml("\n".join(lines) + "\n", "site.yaml")
    assert time.perf_counter() - started < 0.5
    assert data is None and "anchors and aliases" in diags[0].message


def test_a_few_aliases_still_work() -> None:
    data, diags = load_yaml("base: &b {x: 1}\nmore: {<<: *b, y: 2}\nlist: [*b, *b]\n", "site.yaml")
    assert diags == [] and data["more"] == {"x": 1, "y": 2} and data["list"] == [{"x": 1}] * 2


def test_recursive_alias_is_refused() -> None:
    data, diags = load_yaml("title: T\nloop: &l [1, *l]\n", "f.md", first_line=2)
    assert data is None and diags[0].line == 3 and "contains it" in diags[0].message


@pytest.mark.parametrize("depth", [MAX_DEPTH + 1, 50_000])
def test_deep_nesting_is_refused(depth: int) -> None:
    started = time.perf_counter()
    data, diags = load_yaml("a: " + "[" * depth + "]" * depth + "\n", "f.md", first_line=2)
    assert time.perf_counter() - started < 2
    assert data is None and "levels deep" in diags[0].message


def test_nesting_within_the_bound_loads() -> None:
    depth = MAX_DEPTH - 2
    data, diags = load_yaml("a: " + "[" * depth + "]" * depth + "\n", "f.md")
    assert diags == [] and isinstance(data["a"], list)


def test_python_tags_build_nothing() -> None:
    data, diags = load_yaml("a: !!python/object/apply:os.system ['true']\n", "f.md", first_line=2)
    assert data is None and diags[0].line == 2 and "python/object" in diags[0].message


@pytest.mark.parametrize("text", ["", "a", "é" * 70_000, "line\n" * 3])
def test_read_text_reads_a_file_whole_in_one_call(tmp_path: Path, monkeypatch, text: str) -> None:
    file = tmp_path / "f.md"
    file.write_text(text, encoding="utf-8")
    calls: list[int] = []
    real = yamlfile.os.read
    monkeypatch.setattr(yamlfile.os, "read", lambda fd, n: calls.append(n) or real(fd, n))
    assert yamlfile.read_text(file, "f.md") == (text, [])
    assert len(calls) == 1  # a regular file as large as it says: no second read for the end


def test_read_text_of_a_pipe_reads_to_its_end(tmp_path: Path) -> None:
    import os
    import threading

    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    writer = threading.Thread(target=lambda: fifo.write_text("through a pipe\n" * 5000))
    writer.start()
    try:
        assert yamlfile.read_text(fifo, "pipe.md") == ("through a pipe\n" * 5000, [])
    finally:
        writer.join(timeout=10)
