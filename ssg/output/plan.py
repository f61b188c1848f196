"""Stage 4a: plan every HTML page of the site as (template, URL, context).

The plan is pure data computed from the `Site`: the renderer turns each `Job`
into HTML, and tests can inspect the plan without Jinja or disk. Components
that add their own pages (communities, cadence) pass them in as `parts`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

from ssg.core.i18n import language
from ssg.core.model import Post, Site
from ssg.core.page import Job, PageMeta, feed_links, paginate


def _home(site: Site, extra: Mapping[str, Any]) -> Iterator[Job]:
    cfg, feeds, t = site.config, feed_links(site), language(site.config.language)
    for posts, pager in paginate(site.posts, cfg.posts_per_page, ""):
        paged = t.gettext("{title}, page {number}").format(title=cfg.title, number=pager.number)
        title = cfg.title if pager.number == 1 else paged
        meta = PageMeta("home", pager.urls[pager.number - 1], title, cfg.description, feeds=feeds)
        yield Job("index.html", meta, {"posts": posts, "pagination": pager, **extra})


def _posts(site: Site) -> Iterator[Job]:
    chronological = list(reversed(site.posts))
    feeds = feed_links(site)
    for index, post in enumerate(chronological):
        older = chronological[index - 1] if index > 0 else None
        newer = chronological[index + 1] if index + 1 < len(chronological) else None
        meta = PageMeta(
            "post",
            post.url,
            post.title,
            post.summary,
            "article",
            feeds,
            published=post.date,
            modified=post.updated or post.date,
        )
        yield Job("post.html", meta, {"post": post, "prev_post": older, "next_post": newer})


def _tags(site: Site) -> Iterator[Job]:
    cfg, t = site.config, language(site.config.language)
    counts = sorted(site.tags, key=lambda tag: (-len(tag.posts), tag.slug))
    desc = t.gettext("Every topic on {title}.").format(title=cfg.title)
    yield Job(
        "tags.html",
        PageMeta("tags", "tags/", t.gettext("Tags"), desc, feeds=feed_links(site)),
        {"tags": site.tags, "tags_by_count": counts},
    )
    for tag in site.tags:
        prefix = tag.url if cfg.feeds.per_tag else ""
        feeds = feed_links(site, prefix, tag.name) if cfg.feeds.per_tag else feed_links(site)
        for posts, pager in paginate(tag.posts, cfg.posts_per_page, tag.url):
            title = t.gettext("Posts tagged {name}").format(name=tag.name)
            if pager.number > 1:
                title = t.gettext("{title}, page {number}").format(title=title, number=pager.number)
            count = len(tag.posts)
            about = t.ngettext(
                "{count} post about {name} on {title}.",
                "{count} posts about {name} on {title}.",
                count,
            )
            meta = PageMeta(
                "tag",
                pager.urls[pager.number - 1],
                title,
                about.format(count=count, name=tag.name, title=cfg.title),
                feeds=feeds,
            )
            yield Job("tag.html", meta, {"tag": tag, "posts": posts, "pagination": pager})


def years_of(posts: Sequence[Post], tz: Any) -> list[tuple[int, tuple[Post, ...]]]:
    """Posts by year, newest first; each year's posts a tuple the archive pages share.

    A tuple, so the page hasher takes each year once for all archive pages.
    """
    years: dict[int, list[Post]] = {}
    for post in posts:
        years.setdefault(post.date.astimezone(tz).year, []).append(post)
    return [(year, tuple(found)) for year, found in sorted(years.items(), reverse=True)]


def _archive(site: Site, tz: Any) -> Iterator[Job]:
    years, t = years_of(site.posts, tz), language(site.config.language)
    desc = t.gettext("Every post on {title}, by year.").format(title=site.config.title)
    yield Job(
        "archive.html",
        PageMeta("archive", "archive/", t.gettext("Archive"), desc, feeds=feed_links(site)),
        {"years": years, "year": None},
    )
    for year, posts in years:
        meta = PageMeta(
            "archive",
            f"archive/{year}/",
            t.gettext("Posts from {year}").format(year=year),
            t.gettext("Every post from {year}.").format(year=year),
            feeds=feed_links(site),
        )
        yield Job("archive.html", meta, {"years": [(year, posts)], "year": year})


def _pages(site: Site) -> Iterator[Job]:
    for page in site.pages:
        desc = page.summary or site.config.description
        yield Job(
            "page.html",
            PageMeta("page", page.url, page.title, desc, feeds=feed_links(site)),
            {"doc": page},
        )


def not_found(site: Site) -> Job:
    t = language(site.config.language)
    meta = PageMeta(
        "404",
        "404.html",
        t.gettext("Page not found"),
        t.gettext("This page does not exist."),
        feeds=feed_links(site),
        in_sitemap=False,
    )
    return Job("404.html", meta, {"posts": site.posts[:5]})


PlanPart = Callable[[Site], Iterator[Job]]


def plan(
    site: Site, tz: Any, home_extra: Mapping[str, Any], parts: Sequence[PlanPart] = ()
) -> list[Job]:
    """Every HTML page of the site; `parts` add sections such as the communities directory."""
    jobs = [
        *_home(site, home_extra),
        *_posts(site),
        *_tags(site),
        *_archive(site, tz),
        *_pages(site),
    ]
    for part in parts:
        jobs.extend(part(site))
    jobs.append(not_found(site))
    return jobs
