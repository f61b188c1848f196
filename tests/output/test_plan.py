"""The page plan: pure data from a Site, inspected without Jinja or disk."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from ssg.content.load import collect_tags
from ssg.core.model import Config, FeedConfig, Page, Post, Site
from ssg.core.page import feed_links, paginate
from ssg.output.plan import not_found, plan

TZ = ZoneInfo("UTC")


def post(n: int, tags: tuple[str, ...] = ()) -> Post:
    year = 2025 if n <= 2 else 2026
    return Post(
        source=f"content/posts/p{n}.md",
        title=f"Post {n}",
        date=dt.datetime(year, 1, n, tzinfo=TZ),
        summary=f"Summary {n}",
        slug=f"p{n}",
        url=f"posts/p{n}/",
        body="",
        tags=tags,
    )


def make_site(count: int = 5, per_page: int = 2, feeds: FeedConfig | None = None) -> Site:
    posts = tuple(
        sorted(
            (post(n, ("news",) if n % 2 else ("news", "events")) for n in range(1, count + 1)),
            key=lambda p: p.date,
            reverse=True,
        )
    )
    config = Config(
        title="Hub",
        base_url="https://example.org/hub/",
        posts_per_page=per_page,
        feeds=feeds or FeedConfig(),
        description="Desc",
    )
    page = Page(source="content/pages/about.md", title="About", slug="about", url="about/", body="")
    return Site(
        config=config,
        today=dt.date(2026, 11, 25),
        posts=posts,
        pages=(page,),
        tags=collect_tags(posts),
    )


@pytest.mark.parametrize(
    ("count", "per_page", "sizes"),
    [(0, 2, [0]), (1, 2, [1]), (2, 2, [2]), (3, 2, [2, 1]), (5, 2, [2, 2, 1]), (5, 10, [5])],
)
def test_paginate_sizes(count: int, per_page: int, sizes: list[int]) -> None:
    pages = paginate(list(range(count)), per_page, "tags/x/")
    assert [len(chunk) for chunk, _ in pages] == sizes
    urls = pages[0][1].urls
    assert urls[0] == "tags/x/"
    assert list(urls[1:]) == [f"tags/x/page/{n}/" for n in range(2, len(sizes) + 1)]


def test_pagination_prev_next() -> None:
    pages = [pager for _, pager in paginate(list(range(5)), 2, "")]
    assert [(p.number, p.total) for p in pages] == [(1, 3), (2, 3), (3, 3)]
    assert [p.prev_url for p in pages] == [None, "", "page/2/"]
    assert [p.next_url for p in pages] == ["page/2/", "page/3/", None]


def jobs_by_url(site: Site) -> dict:
    jobs = plan(site, TZ, {})
    urls = [j.meta.url for j in jobs]
    assert len(urls) == len(set(urls)), "every planned page has its own URL"
    return {j.meta.url: j for j in jobs}


def test_plan_covers_every_page() -> None:
    jobs = jobs_by_url(make_site())
    assert set(jobs) == {
        "",
        "page/2/",
        "page/3/",
        "posts/p1/",
        "posts/p2/",
        "posts/p3/",
        "posts/p4/",
        "posts/p5/",
        "tags/",
        "tags/news/",
        "tags/news/page/2/",
        "tags/news/page/3/",
        "tags/events/",
        "archive/",
        "archive/2025/",
        "archive/2026/",
        "about/",
        "404.html",
    }
    assert jobs[""].template == "index.html"
    assert jobs["posts/p1/"].template == "post.html"
    assert jobs["tags/"].template == "tags.html"
    assert jobs["tags/news/"].template == "tag.html"
    assert jobs["archive/2026/"].template == "archive.html"
    assert jobs["about/"].template == "page.html"
    assert jobs["404.html"].template == "404.html"


def test_home_pages_hold_newest_first() -> None:
    jobs = jobs_by_url(make_site())
    assert [p.slug for p in jobs[""].context["posts"]] == ["p5", "p4"]
    assert [p.slug for p in jobs["page/3/"].context["posts"]] == ["p1"]
    assert jobs["page/2/"].meta.title == "Hub, page 2"


def test_post_prev_is_older_and_next_is_newer() -> None:
    jobs = jobs_by_url(make_site())
    first, middle, last = (
        jobs["posts/p1/"].context,
        jobs["posts/p3/"].context,
        jobs["posts/p5/"].context,
    )
    assert first["prev_post"] is None and first["next_post"].slug == "p2"
    assert middle["prev_post"].slug == "p2" and middle["next_post"].slug == "p4"
    assert last["prev_post"].slug == "p4" and last["next_post"] is None
    meta = jobs["posts/p3/"].meta
    assert (meta.kind, meta.og_type, meta.title, meta.description) == (
        "post",
        "article",
        "Post 3",
        "Summary 3",
    )
    assert meta.published == meta.modified == dt.datetime(2026, 1, 3, tzinfo=TZ)


def test_archive_by_year() -> None:
    jobs = jobs_by_url(make_site())
    years = jobs["archive/"].context["years"]
    assert [(year, [p.slug for p in posts]) for year, posts in years] == [
        (2026, ["p5", "p4", "p3"]),
        (2025, ["p2", "p1"]),
    ]
    assert jobs["archive/2025/"].context["year"] == 2025


def test_tag_pages_and_feeds() -> None:
    jobs = jobs_by_url(make_site())
    assert [t.slug for t in jobs["tags/"].context["tags_by_count"]] == ["news", "events"]
    assert [f.url for f in jobs["tags/news/"].meta.feeds] == [
        "tags/news/feed.xml",
        "tags/news/rss.xml",
        "tags/news/feed.json",
    ]
    assert jobs["tags/news/page/2/"].meta.title == "Posts tagged news, page 2"


def test_tag_pages_use_site_feeds_without_per_tag() -> None:
    jobs = jobs_by_url(make_site(feeds=FeedConfig(formats=("rss",), per_tag=False)))
    assert [f.url for f in jobs["tags/news/"].meta.feeds] == ["rss.xml"]


def test_every_page_but_404_is_in_sitemap_and_has_feeds() -> None:
    for url, job in jobs_by_url(make_site()).items():
        assert job.meta.description, url
        if url == "404.html":
            assert job.meta.in_sitemap is False
        else:
            assert job.meta.in_sitemap is True
            assert job.meta.feeds, url


def test_feed_links_follow_configured_formats() -> None:
    site = make_site(feeds=FeedConfig(formats=("json", "atom")))
    links = feed_links(site)
    assert [(f.url, f.mime) for f in links] == [
        ("feed.json", "application/feed+json"),
        ("feed.xml", "application/atom+xml"),
    ]
    assert links[0].title == "Hub (JSON Feed)"
    assert feed_links(site, "tags/x/", "X")[1].title == "Hub: X (Atom)"


def test_empty_site_still_has_a_home_page() -> None:
    jobs = jobs_by_url(make_site(count=0))
    assert jobs[""].context["posts"] == ()
    assert "page/2/" not in jobs
    assert not_found(make_site(count=0)).context["posts"] == ()


def test_parts_add_pages() -> None:
    from ssg.core.page import Job, PageMeta

    extra = lambda site: iter([Job("page.html", PageMeta("page", "extra/", "Extra", "d"))])  # noqa: E731
    jobs = plan(make_site(), TZ, {}, parts=[extra])
    assert "extra/" in [j.meta.url for j in jobs]
    assert jobs[-1].meta.url == "404.html"
