"""Site paths, relative links and slugs."""

from __future__ import annotations

import itertools
import posixpath

import pytest

from ssg.core.urls import (
    SLUG_RE,
    absolute_url,
    linker,
    output_file,
    permalink,
    relative_url,
    slugify,
)


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Hello World", "hello-world"),
        ("Café Meetups!", "cafe-meetups"),
        ("  --Already-slugged--  ", "already-slugged"),
        ("C++ & Rust 2026", "c-rust-2026"),
        ("Ünïcödé", "unicode"),
        ("日本語", ""),
        ("", ""),
    ],
)
def test_slugify(text: str, slug: str) -> None:
    assert slugify(text) == slug
    if slug:
        assert SLUG_RE.match(slug)


@pytest.mark.parametrize(
    ("slug", "ok"),
    [
        ("hello", True),
        ("hello-2", True),
        ("a", True),
        ("Hello", False),
        ("a--b", False),
        ("-a", False),
        ("a-", False),
        ("a_b", False),
        ("", False),
    ],
)
def test_slug_pattern(slug: str, ok: bool) -> None:
    assert bool(SLUG_RE.match(slug)) is ok


@pytest.mark.parametrize(
    ("site_path", "file"),
    [
        ("", "index.html"),
        ("posts/a/", "posts/a/index.html"),
        ("404.html", "404.html"),
        ("feed.xml", "feed.xml"),
        ("tags/x/page/2/", "tags/x/page/2/index.html"),
    ],
)
def test_output_file(site_path: str, file: str) -> None:
    assert output_file(site_path) == file


@pytest.mark.parametrize(
    ("start", "target", "rel"),
    [
        ("", "", "./"),
        ("", "posts/a/", "posts/a/"),
        ("posts/a/", "", "../../"),
        ("posts/a/", "posts/a/", "./"),
        ("posts/a/", "posts/b/", "../b/"),
        ("posts/a/", "tags/x/", "../../tags/x/"),
        ("posts/a/", "feed.xml", "../../feed.xml"),
        ("posts/a/", "static/css/style.css", "../../static/css/style.css"),
        ("", "feed.xml", "feed.xml"),
        ("tags/x/page/2/", "tags/x/", "../../"),
        ("posts/a/", "posts/b/#plans", "../b/#plans"),
        ("", "about/#team", "about/#team"),
        ("404.html", "about/", "about/"),
        ("tags/x/feed.xml", "posts/a/", "../../posts/a/"),
    ],
)
def test_relative_url(start: str, target: str, rel: str) -> None:
    assert relative_url(start, target) == rel


@pytest.mark.parametrize("start", ["", "posts/a/", "tags/x/page/2/", "archive/2026/"])
@pytest.mark.parametrize("target", ["", "about/", "posts/b/", "static/favicon.svg", "tags/"])
def test_relative_url_resolves_back_to_target(start: str, target: str) -> None:
    """Following the relative link from the page lands on the target, at any base path."""
    for base in ("/", "/hub/"):
        here = base + start
        rel = relative_url(start, target)
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(here + "x"), rel))
        expected = posixpath.normpath(base + target)
        assert resolved == expected, (start, target, rel)


def test_absolute_url() -> None:
    assert (
        absolute_url("https://example.org/hub/", "posts/a/") == "https://example.org/hub/posts/a/"
    )
    assert (
        absolute_url("https://example.org/hub/", "/posts/a/") == "https://example.org/hub/posts/a/"
    )
    assert absolute_url("https://example.org/", "") == "https://example.org/"


@pytest.mark.parametrize(
    ("pattern", "path"),
    [
        ("/posts/{slug}/", "posts/hello/"),
        ("/{year}/{month}/{day}/{slug}/", "2026/03/07/hello/"),
        ("/blog/{year}/{slug}/", "blog/2026/hello/"),
        ("/{slug}/", "hello/"),
    ],
)
def test_permalink(pattern: str, path: str) -> None:
    assert permalink(pattern, "hello", 2026, 3, 7) == path


def _slow_relative(start: str, target: str) -> str:
    """`relative_url` as it was, through `posixpath.relpath` alone."""
    target, hash_, fragment = target.partition("#")
    from_dir = start if start.endswith("/") or start == "" else posixpath.dirname(start) + "/"
    if from_dir == "/":
        from_dir = ""
    rel = posixpath.relpath("/" + target, "/" + from_dir)
    if target == "" or target.endswith("/"):
        rel = "./" if rel == "." else rel + "/"
    return rel + (hash_ + fragment if hash_ else "")


def test_relative_url_matches_relpath_everywhere() -> None:
    """The fast path gives what `posixpath.relpath` gives, on clean and odd paths alike."""
    words = ["", "a", "b", "posts", "x.html", ".", "..", "a/b", "tags/t", "/", "a//b"]
    paths = {"/".join(p) for p in itertools.product(words, repeat=2)}
    paths |= {p + "/" for p in paths} | {p + "#h" for p in paths}
    starts = sorted(p for p in paths if "#" not in p)
    for start, target in itertools.product(starts, sorted(paths)):
        assert relative_url(start, target) == _slow_relative(start, target), (start, target)


def test_a_pages_linker_matches_relative_url_everywhere() -> None:
    words = ["", "a", "b", "posts", "x.html", ".", "..", "a/b", "tags/t", "/", "a//b"]
    paths = {"/".join(p) for p in itertools.product(words, repeat=2)}
    paths |= {p + "/" for p in paths} | {p + "#h" for p in paths}
    starts = sorted(p for p in paths if "#" not in p)
    for start in starts:
        link = linker(start)
        for target in sorted(paths):
            assert link(target) == _slow_relative(start, target), (start, target)


# --- properties: slugs from any name never leave the output -----------------------------------

from hypothesis import given, settings  # noqa: E402 - kept beside the properties it serves
from hypothesis import strategies as st  # noqa: E402

NAMES = st.one_of(
    st.text(max_size=60),
    st.lists(st.sampled_from(["..", "/", "\\", ".", " ", "-", "\x00", "Ä", "ß", "2.1", "%2e"])).map(
        "".join
    ),
)


@settings(max_examples=200)
@given(NAMES)
def test_slugify_gives_a_clean_slug_or_nothing(name: str) -> None:
    slug = slugify(name)
    assert slug == "" or SLUG_RE.match(slug)
    assert slugify(slug) == slug  # stable: a derived slug derives to itself


@settings(max_examples=300)
@given(NAMES, st.sampled_from(["/posts/{slug}/", "/{year}/{month}/{slug}/", "/{slug}/"]))
def test_no_name_reaches_outside_the_output(name: str, pattern: str) -> None:
    slug = slugify(name) or "x"
    site_path = output_file(permalink(pattern, slug, 2026, 11, 1))
    resolved = posixpath.normpath(posixpath.join("/public", site_path))
    assert resolved.startswith("/public/") and "\\" not in site_path and "\x00" not in site_path


@settings(max_examples=300)
@given(st.lists(st.from_regex(r"[a-z0-9]+(-[a-z0-9]+)*", fullmatch=True), max_size=4))
def test_relative_links_land_where_they_point(parts: list[str]) -> None:
    here, there = "posts/a/", "/".join(parts) + "/" if parts else ""
    link = relative_url(here, there)
    assert posixpath.normpath(posixpath.join("/" + here, link)) == posixpath.normpath("/" + there)
