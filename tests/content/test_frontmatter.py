"""Reading source files: UTF-8, YAML with line numbers, front matter."""

from __future__ import annotations

from pathlib import Path

import pytest

from ssg.content.frontmatter import split_front_matter
from ssg.core.yamlfile import LineDict, load_yaml, read_text


def test_split_front_matter_keeps_lines_and_body() -> None:
    text = "---\ntitle: Hello\ndate: 2026-11-01\ntags: [a, b]\n---\nFirst line.\n\nSecond.\n"
    source, diags = split_front_matter(text, "content/posts/x.md")
    assert diags == []
    assert source is not None
    assert source.path == "content/posts/x.md"
    assert source.meta == {"title": "Hello", "date": "2026-11-01", "tags": ["a", "b"]}
    assert isinstance(source.meta, LineDict)
    assert source.meta.line_of("title") == 2
    assert source.meta.line_of("date") == 3
    assert source.meta.line_of("tags") == 4
    assert source.body == "First line.\n\nSecond.\n"
    assert source.body_line == 6


@pytest.mark.parametrize(
    ("value", "kept"),
    [
        ("2026-11-01", "2026-11-01"),
        ("2026-11-01 09:30", "2026-11-01 09:30"),
        ("2026-11-01T09:30:00+01:00", "2026-11-01T09:30:00+01:00"),
    ],
)
def test_timestamps_stay_strings(value: str, kept: str) -> None:
    source, _ = split_front_matter(f"---\ndate: {value}\n---\n", "p.md")
    assert source is not None
    assert source.meta["date"] == kept


def test_other_scalars_still_typed() -> None:
    source, _ = split_front_matter("---\ndraft: true\nn: 3\nx: 1.5\nnothing: null\n---\n", "p.md")
    assert source is not None
    assert source.meta == {"draft": True, "n": 3, "x": 1.5, "nothing": None}


def test_nested_mappings_keep_real_file_lines() -> None:
    text = "---\ntitle: T\nextra:\n  hero: x.png\n  more:\n    deep: 1\n---\n"
    source, _ = split_front_matter(text, "p.md")
    assert source is not None
    assert source.meta["extra"].line_of("hero") == 4
    assert source.meta["extra"]["more"].line_of("deep") == 6


def test_empty_front_matter_is_an_empty_mapping() -> None:
    source, diags = split_front_matter("---\n---\nBody\n", "p.md")
    assert diags == []
    assert source is not None
    assert source.meta == {}
    assert source.body == "Body\n"
    assert source.body_line == 3


def test_dots_close_front_matter() -> None:
    source, diags = split_front_matter("---\ntitle: T\n...\nBody\n", "p.md")
    assert diags == [] and source is not None
    assert source.body == "Body\n"


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ("title: T\n---\n", 1, "missing front matter"),
        ("", 1, "missing front matter"),
        ("---\ntitle: T\nno end\n", 1, "not closed"),
        ("---\n- a\n- b\n---\n", 2, "must be a mapping"),
        ("---\ntitle: T\nsummary: [unclosed\nother: 1\n---\n", 4, "invalid YAML"),
        ("---\ntitle: T\n  bad: indent\n---\n", 3, "invalid YAML"),
        ("---\ntitle: A\ntitle: B\n---\n", 3, "duplicate key 'title'"),
    ],
)
def test_bad_front_matter_is_located(text: str, line: int, fragment: str) -> None:
    source, diags = split_front_matter(text, "content/posts/x.md")
    assert source is None
    assert len(diags) == 1
    assert diags[0].path == "content/posts/x.md"
    assert diags[0].line == line
    assert fragment in diags[0].message


def test_load_yaml_shifts_lines() -> None:
    data, diags = load_yaml("a: 1\nb:\n  c: 2\n", "f.yaml", first_line=10)
    assert diags == []
    assert data.line_of("a") == 10
    assert data.line_of("b") == 11
    assert data["b"].line_of("c") == 12


def test_load_yaml_error_line_counts_from_first_line() -> None:
    _, diags = load_yaml("a: 1\nb: [\n", "f.yaml", first_line=5)
    assert len(diags) == 1
    assert diags[0].line >= 6
    assert diags[0].message.startswith("invalid YAML")


def test_load_yaml_rejects_complex_keys() -> None:
    data, diags = load_yaml("? [a, b]\n: 1\n", "f.yaml")
    assert data is None
    assert "plain value" in diags[0].message


def test_line_dict_unknown_key_uses_mapping_line() -> None:
    d = LineDict(a=1)
    d.line = 7
    assert d.line_of("missing") == 7


def test_read_text_strips_bom_and_crlf(tmp_path: Path) -> None:
    file = tmp_path / "x.md"
    file.write_bytes(b"\xef\xbb\xbf---\r\ntitle: T\r\n---\r\nBody\r\n")
    text, diags = read_text(file, "content/x.md")
    assert diags == []
    assert text == "---\ntitle: T\n---\nBody\n"


def test_read_text_non_utf8_is_located(tmp_path: Path) -> None:
    file = tmp_path / "x.md"
    file.write_bytes(b"---\ntitle: T\nsummary: caf\xe9\n---\n")
    text, diags = read_text(file, "content/posts/x.md")
    assert text is None
    assert len(diags) == 1
    assert diags[0].path == "content/posts/x.md"
    assert diags[0].line == 3
    assert "UTF-8" in diags[0].message and "0xe9" in diags[0].message


# --- properties: any text a pull request can hold ---------------------------------------------

from hypothesis import given, settings  # noqa: E402 - kept beside the properties it serves
from hypothesis import strategies as st  # noqa: E402

FRONT_WORDS = st.sampled_from(
    ["---", "...", "title:", " &a", " *a", " [", "]", " {", "}", "\t", "- ", ":", "!!str", "#",
     "'", '"', "\n", "\r\n", "\ufeff", "\x00", "é", "2026-02-30", "<<: *a"]
)  # fmt: skip
TEXTS = st.one_of(
    st.text(max_size=300),
    st.lists(st.one_of(FRONT_WORDS, st.text(max_size=8)), max_size=60).map("".join),
)


@settings(max_examples=300, deadline=1000)
@given(TEXTS)
def test_front_matter_never_crashes_and_locates_every_error(text: str) -> None:
    path = "content/posts/x.md"
    source, diags = split_front_matter(text, path)
    assert (source is None) == bool(diags)
    lines = text.count("\n") + 2
    assert all(d.path == path and 1 <= d.line <= lines and d.message for d in diags)
    if source is not None:
        assert isinstance(source.meta, LineDict)
        assert 1 <= source.body_line <= lines and text.endswith(source.body)


PLAIN = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\u2028\u2029\ufeff"),
    max_size=20,
)
KEYS = st.from_regex(r"[a-z][a-z_]{0,10}", fullmatch=True)
VALUES = st.one_of(PLAIN, st.integers(), st.booleans(), st.lists(PLAIN, max_size=4))


@settings(max_examples=200, deadline=1000)
@given(st.dictionaries(KEYS, VALUES, min_size=1, max_size=8))
def test_front_matter_reads_back_what_yaml_wrote(meta: dict) -> None:
    import yaml

    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
    source, diags = split_front_matter(f"---\n{front}---\nBody.\n", "content/posts/x.md")
    assert diags == [] and source is not None
    assert dict(source.meta) == meta
    assert [source.meta.line_of(k) for k in meta] == sorted(source.meta.line_of(k) for k in meta)
    assert source.body == "Body.\n"


@settings(max_examples=50, deadline=2000)
@given(st.integers(1, 12), st.integers(1, 12))
def test_aliases_in_any_shape_finish_quickly(levels: int, width: int) -> None:
    lines = ["a0: &a0 [" + ", ".join(["x"] * width) + "]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * width) + "]" for i in range(1, levels)]
    data, diags = load_yaml("\n".join(lines) + "\n", "f.md", first_line=2)
    assert (data is None) == bool(diags)
    if diags:
        assert "anchors and aliases" in diags[0].message and 2 <= diags[0].line <= levels + 1
    else:
        assert width**levels <= 20_000 * 2
