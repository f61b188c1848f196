"""Loading posts and pages: front matter fields, dates, selection, tags."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from ssg.content.frontmatter import split_front_matter
from ssg.content.load import (
    collect_tags,
    load_pages,
    load_posts,
    parse_datetime,
    parse_page,
    parse_post,
    select_posts,
)
from ssg.core.model import Config, Post

PARIS = ZoneInfo("Europe/Paris")
CONFIG = Config(title="Hub", base_url="https://example.org/", timezone="Europe/Paris")
PATH = "content/posts/2026-11-01-hello.md"


def post_from(front: str, path: str = PATH, config: Config = CONFIG):
    source, diags = split_front_matter(f"---\n{front}---\nBody [x](y).\n", path)
    assert diags == [] and source is not None
    return parse_post(source, config, PARIS)


OK = "title: Hello\ndate: 2026-11-01\nsummary: Why.\n"


def test_good_post() -> None:
    post, diags = post_from(OK + "tags: [news, Events, news]\nauthor: Ada\nupdated: 2026-11-02\n")
    assert diags == []
    assert post is not None
    assert post.title == "Hello"
    assert post.slug == "hello"
    assert post.url == "posts/hello/"
    assert post.date == dt.datetime(2026, 11, 1, tzinfo=PARIS)
    assert post.updated == dt.datetime(2026, 11, 2, tzinfo=PARIS)
    assert post.tags == ("news", "Events")
    assert post.author == "Ada"
    assert post.draft is False
    assert post.body == "Body [x](y).\n"
    assert post.body_line == 9
    assert post.line_of("tags") == 5


def test_slug_from_front_matter_and_permalink_pattern() -> None:
    config = Config(
        title="Hub", base_url="https://example.org/", permalink="/{year}/{month}/{slug}/"
    )
    post, diags = post_from(OK + "slug: custom-one\n", config=config)
    assert diags == [] and post is not None
    assert post.url == "2026/11/custom-one/"


def test_permalink_date_is_in_site_timezone() -> None:
    config = Config(
        title="Hub",
        base_url="https://example.org/",
        permalink="/{year}/{month}/{day}/{slug}/",
        timezone="Europe/Paris",
    )
    post, _ = post_from("title: T\nsummary: S\ndate: 2026-12-31T23:30:00Z\n", config=config)
    assert post is not None
    assert post.url == "2027/01/01/hello/"


def test_file_name_without_date_prefix_is_the_slug() -> None:
    post, _ = post_from(OK, path="content/posts/my-story.md")
    assert post is not None
    assert post.slug == "my-story"


BAD_POSTS = [
    ("date: 2026-11-01\nsummary: S\n", 1, "missing required 'title'"),
    ("title: T\nsummary: S\n", 1, "missing required 'date'"),
    ("title: T\ndate: 2026-11-01\n", 1, "missing required 'summary'"),
    ("title: '  '\ndate: 2026-11-01\nsummary: S\n", 2, "missing required 'title'"),
    ("title: [a]\ndate: 2026-11-01\nsummary: S\n", 2, "'title' must be the post title, got list"),
    ("title: T\ndate: 2026-13-01\nsummary: S\n", 3, "'date' is not a valid date: '2026-13-01'"),
    ("title: T\ndate: next tuesday\nsummary: S\n", 3, "'date' is not a valid date"),
    ("title: T\ndate: 2026-11-01\nsummary: S\nupdated: soon\n", 5, "'updated' is not a valid date"),
    (
        "title: T\ndate: 2026-11-01\nsummary: S\nexpires: 2026-02-30\n",
        5,
        "'expires' is not a valid date",
    ),
    ("title: T\ndate: 2026-11-01\nsummary: S\ndraft: 'yes'\n", 5, "'draft' must be true or false"),
    ("title: T\ndate: 2026-11-01\nsummary: S\ntags: 3\n", 5, "'tags' must be a list of words"),
    ("title: T\ndate: 2026-11-01\nsummary: S\ntags: [a, 2]\n", 5, "'tags' must be a list of words"),
    (
        "title: T\ndate: 2026-11-01\nsummary: S\ntags: ['!!!']\n",
        5,
        "tag '!!!' has no letters or digits",
    ),
    (
        "title: T\ndate: 2026-11-01\nsummary: S\nslug: Not A Slug\n",
        5,
        "slug 'Not A Slug' is not usable",
    ),
    (
        "title: T\ndate: 2026-11-01\nsummary: S\ncolour: red\n",
        5,
        "unknown front matter key 'colour'",
    ),
]


@pytest.mark.parametrize(("front", "line", "message"), BAD_POSTS)
def test_bad_post_fields(front: str, line: int, message: str) -> None:
    post, diags = post_from(front)
    assert post is None
    assert [(d.path, d.line, message in d.message) for d in diags] == [(PATH, line, True)], [
        d.text() for d in diags
    ]


def test_all_problems_of_one_post_together() -> None:
    _, diags = post_from("date: soon\ndraft: 1\ncolour: x\n")
    assert [(d.line, d.message) for d in diags] == [
        (4, "unknown front matter key 'colour'; expected one of: author, date, draft, expires, "
            "extra, slug, summary, tags, title, updated"),
        (1, "missing required 'title'; expected the post title"),
        (2, "'date' is not a valid date: 'soon'; expected a date such as 2026-11-01, "
            "2026-11-01 09:30 or 2026-11-01T09:30:00+01:00"),
        (1, "missing required 'summary'; expected one sentence on why a reader should care"),
        (3, "'draft' must be true or false, got 1"),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("2024-05-02-release-2.1-notes.md", "release-2-1-notes"),
        ("2026-11-01-Hello World.md", "hello-world"),
        ("Straße Café Öffnung.md", "strasse-cafe-offnung"),
        ("2026-11-01-..-..-etc.md", "etc"),
    ],
)
def test_slug_derived_from_migrated_file_names(name: str, slug: str) -> None:
    post, diags = post_from(OK, path=f"content/posts/{name}")
    assert diags == [] and post is not None and post.slug == slug


def test_file_name_without_slug_material() -> None:
    _, diags = post_from(OK, path="content/posts/2026-11-01-日本語.md")
    assert [(d.line, "gives no slug usable in a URL" in d.message) for d in diags] == [(1, True)]


@pytest.mark.parametrize("slug", ["Hello World", "../etc", "a/b", "release-2.1"])
def test_explicit_slug_is_still_strict(slug: str) -> None:
    _, diags = post_from(OK + f"slug: {slug!r}\n")
    assert any("is not usable in a URL" in d.message for d in diags), diags


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-11-01", dt.datetime(2026, 11, 1, tzinfo=PARIS)),
        ("2026-11-01 09:30", dt.datetime(2026, 11, 1, 9, 30, tzinfo=PARIS)),
        ("2026-11-01T09:30:00+01:00", dt.datetime(2026, 11, 1, 8, 30, tzinfo=dt.UTC)),
        ("2026-11-01T08:30:00Z", dt.datetime(2026, 11, 1, 8, 30, tzinfo=dt.UTC)),
        (dt.date(2026, 11, 1), dt.datetime(2026, 11, 1, tzinfo=PARIS)),
        ("2026-02-30", None),
        ("tomorrow", None),
        (20261101, None),
        (None, None),
    ],
)
def test_parse_datetime(value: object, expected: dt.datetime | None) -> None:
    parsed = parse_datetime(value, PARIS)
    assert parsed == expected
    if parsed is not None:
        assert parsed.tzinfo is not None


def test_page() -> None:
    source, _ = split_front_matter(
        "---\ntitle: About\nsummary: Us.\n---\nHi\n", "content/pages/about.md"
    )
    assert source is not None
    page, diags = parse_page(source)
    assert diags == [] and page is not None
    assert (page.slug, page.url, page.summary) == ("about", "about/", "Us.")


@pytest.mark.parametrize(
    ("front", "message"),
    [
        ("summary: x\n", (1, "missing required 'title'; expected the page title")),
        (
            "title: A\ndate: 2026-01-01\n",
            (3, "unknown front matter key 'date'; expected one of: extra, slug, summary, title"),
        ),
    ],
)
def test_bad_page(front: str, message: tuple[int, str]) -> None:
    source, _ = split_front_matter(f"---\n{front}---\n", "content/pages/about.md")
    assert source is not None
    page, diags = parse_page(source)
    assert page is None
    assert [(d.line, d.message) for d in diags] == [message]


def mk(
    slug: str, day: str, draft: bool = False, expires: str | None = None, tags: tuple[str, ...] = ()
) -> Post:
    return Post(
        source=f"content/posts/{slug}.md",
        title=slug,
        date=parse_datetime(day, PARIS),
        summary="s",
        slug=slug,
        url=f"posts/{slug}/",
        body="",
        tags=tags,
        draft=draft,
        expires=parse_datetime(expires, PARIS) if expires else None,
    )


TODAY = dt.date(2026, 11, 25)


def test_select_posts() -> None:
    posts = [
        mk("old", "2026-01-01"),
        mk("today", "2026-11-25 23:00"),
        mk("tomorrow", "2026-11-26"),
        mk("draft", "2026-11-01", draft=True),
        mk("expired", "2026-10-01", expires="2026-11-25"),
        mk("expiring", "2026-10-02", expires="2026-11-26"),
    ]
    chosen = select_posts(posts, TODAY, PARIS, include_drafts=False)
    published, scheduled, drafts = chosen.published, chosen.scheduled, chosen.drafts
    assert [p.slug for p in published] == ["today", "expiring", "old"]
    assert [p.slug for p in scheduled] == ["tomorrow"]
    assert [p.slug for p in drafts] == ["draft"]
    assert [p.slug for p in chosen.expired] == ["expired"]
    published = select_posts(posts, TODAY, PARIS, include_drafts=True).published
    assert [p.slug for p in published] == ["today", "draft", "expiring", "old"]


def test_scheduled_is_judged_in_site_timezone() -> None:
    # 23:30 UTC on the 25th is already the 26th in Paris: not yet published on the 25th.
    late = Post(
        source="a",
        title="a",
        date=dt.datetime(2026, 11, 25, 23, 30, tzinfo=dt.UTC),
        summary="s",
        slug="a",
        url="posts/a/",
        body="",
    )
    chosen = select_posts([late], TODAY, PARIS, include_drafts=False)
    published, scheduled = chosen.published, chosen.scheduled
    assert published == [] and scheduled == [late]


def test_collect_tags_groups_by_slug() -> None:
    posts = [
        mk("b", "2026-11-02", tags=("Café News",)),
        mk("a", "2026-11-01", tags=("cafe news", "x")),
    ]
    tags = collect_tags(posts)
    assert [(t.name, t.slug, [p.slug for p in t.posts]) for t in tags] == [
        ("Café News", "cafe-news", ["b", "a"]),
        ("x", "x", ["a"]),
    ]
    assert tags[0].url == "tags/cafe-news/"


def test_load_posts_collects_every_file_error(tmp_path: Path) -> None:
    posts_dir = tmp_path / "content" / "posts"
    posts_dir.mkdir(parents=True)
    (posts_dir / "2026-11-01-good.md").write_text("---\n" + OK + "---\nHi\n", encoding="utf-8")
    (posts_dir / "2026-11-02-latin1.md").write_bytes(b"---\ntitle: Caf\xe9\n---\n")
    (posts_dir / "2026-11-03-yaml.md").write_text(
        "---\ntitle: [\nsummary: x\n---\n", encoding="utf-8"
    )
    (posts_dir / "2026-11-04-nodate.md").write_text(
        "---\ntitle: T\nsummary: S\n---\n", encoding="utf-8"
    )
    (posts_dir / "notes.txt").write_text("ignored", encoding="utf-8")
    posts, diags = load_posts(tmp_path, CONFIG)
    assert [p.slug for p in posts] == ["good"]
    assert [d.text() for d in diags] == [
        "content/posts/2026-11-02-latin1.md:2: not valid UTF-8 (byte 0xe9); save the file as UTF-8",
        "content/posts/2026-11-03-yaml.md:4: invalid YAML: did not find expected ',' or ']'; "
        "a list in [ ] or a mapping in { } must be closed on the same line",
        "content/posts/2026-11-04-nodate.md:1: missing required 'date'; expected a date such as "
        "2026-11-01, 2026-11-01 09:30 or 2026-11-01T09:30:00+01:00",
    ]


def test_missing_folders_mean_no_content(tmp_path: Path) -> None:
    assert load_posts(tmp_path, CONFIG) == ([], [])
    assert load_pages(tmp_path) == ([], [])


@pytest.mark.parametrize(
    ("front", "line", "fragment"),
    [
        ("title: Hello\ndate:\nsummary: Why.\n", 3, "missing required 'date'"),
        (OK.replace("2026-11-01", "0001-01-01T00:30:00+01:00"), 3, "out of range"),
        (OK.replace("Hello", '"Hel\\x01lo"'), 2, "control character"),
        (OK + 'tags: [news, "a\\x0cb"]\n', 5, "list of words"),
    ],
)
def test_bad_values_are_located(front: str, line: int, fragment: str) -> None:
    post, diags = post_from(front)
    assert post is None
    assert [(d.line, fragment in d.message) for d in diags] == [(line, True)]


def test_a_character_yaml_refuses_is_located() -> None:
    source, diags = split_front_matter("---\ntitle: a\nsummary: b\ndate: x\x01y\n---\n", PATH)
    assert source is None
    assert [(d.line, "U+0001" in d.message) for d in diags] == [(4, True)]


def test_hidden_files_are_skipped_and_sub_folders_are_errors(tmp_path: Path) -> None:
    posts = tmp_path / "content" / "posts"
    (posts / "2026").mkdir(parents=True)
    (posts / "2026" / "x.md").write_text("---\ntitle: x\n---\n", encoding="utf-8")
    (posts / ".#2026-11-01-hello.md").symlink_to(tmp_path / "gone")  # an editor's lock file
    (posts / "2026-11-01-hello.md").write_text(f"---\n{OK}---\nBody.\n", encoding="utf-8")
    loaded, diags = load_posts(tmp_path, CONFIG)
    assert [p.slug for p in loaded] == ["hello"]
    assert [(d.path, "sub-folders are not read" in d.message) for d in diags] == [
        ("content/posts/2026/", True)
    ]


# --- properties: slugs from migrated file names are stable, and never silently shared ---------

from hypothesis import given, settings  # noqa: E402 - kept beside the properties it serves
from hypothesis import strategies as st  # noqa: E402

STEMS = st.text(st.sampled_from("abcAB é ß.-_2019-05-01!"), min_size=1, max_size=24).filter(
    lambda s: "/" not in s
)


@settings(max_examples=200, deadline=1000)
@given(st.lists(STEMS, min_size=1, max_size=8, unique=True))
def test_derived_slugs_are_clean_stable_and_collisions_reported(stems: list[str]) -> None:
    from ssg.build import check_urls
    from ssg.core.model import Site
    from ssg.core.urls import SLUG_RE

    posts, problems = [], 0
    for stem in stems:
        post, diags = post_from(OK, path=f"content/posts/{stem}.md")
        again, _ = post_from(OK, path=f"content/posts/{stem}.md")
        if post is None:
            assert [d.line for d in diags] == [1] and "gives no slug" in diags[0].message
            problems += 1
            continue
        assert post.slug == again.slug and SLUG_RE.match(post.slug)
        posts.append(post)
    clashes = check_urls(Site(config=CONFIG, today=dt.date(2026, 11, 1), posts=tuple(posts)), [])
    urls = [p.url for p in posts]
    assert len(clashes) == len(urls) - len(set(urls))  # every shared URL but the first is reported
    assert all("slug comes from its name" in d.message for d in clashes)
