"""Stage 2: load posts and pages from `content/` into model values.

Only front matter is interpreted here (no Markdown rendering), so the cadence
lint can load thousands of posts quickly. Every problem in every file is
collected; nothing stops at the first bad file.
"""

from __future__ import annotations

import datetime as dt
import os
import posixpath
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from ssg.content import sitevalues
from ssg.content.frontmatter import Source, split_front_matter
from ssg.content.parsed import ParsedPosts
from ssg.content.placeholders import find_placeholders
from ssg.content.summary import render_summary
from ssg.core.clock import why_not_a_date
from ssg.core.diagnostics import Diagnostic, error
from ssg.core.model import Config, Page, Post, Tag
from ssg.core.paths import outside_link
from ssg.core.suggest import unknown
from ssg.core.urls import SLUG_RE, permalink, slugify
from ssg.core.yamlfile import read_text

POST_KEYS = {
    "title",
    "date",
    "summary",
    "tags",
    "author",
    "updated",
    "slug",
    "draft",
    "expires",
    "extra",
}
PAGE_KEYS = {"title", "summary", "slug", "extra"}
CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
DATE_PREFIX = re.compile(r"^\d{4}-\d{2}-\d{2}-")
DATE_FORMS = "a date such as 2026-11-01, 2026-11-01 09:30 or 2026-11-01T09:30:00+01:00"


def parse_datetime(value: Any, tz: ZoneInfo) -> dt.datetime | None:
    """A timezone-aware datetime; values without an offset are read in the site timezone."""
    if isinstance(value, dt.datetime):
        parsed = value
    elif isinstance(value, dt.date):
        parsed = dt.datetime.combine(value, dt.time())
    elif isinstance(value, str):
        text = value.strip()
        try:
            parsed = dt.datetime.fromisoformat(
                text.replace("Z", "+00:00") if text.endswith("Z") else text
            )
        except ValueError:
            return None
    else:
        return None
    return parsed.replace(tzinfo=tz) if parsed.tzinfo is None else parsed


class _Fields:
    """Typed access to one file's front matter, collecting located errors."""

    def __init__(self, source: Source, allowed: set[str], diags: list[Diagnostic]):
        self.meta, self.path, self.diags = source.meta, source.path, diags
        for key in self.meta:
            if key not in allowed:
                self.fail(str(key), unknown("front matter key", key, sorted(allowed)))

    def fail(self, key: str, message: str) -> None:
        self.diags.append(error(self.path, self.meta.line_of(key), message))

    def text(self, key: str, required: bool = False, what: str = "text") -> str:
        value = self.meta.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.diags.append(
                    error(
                        self.path,
                        self.meta.line_of(key) if key in self.meta else 1,
                        f"missing required '{key}'; expected {what}",
                    )
                )
            return ""
        if not isinstance(value, str | int | float) or isinstance(value, bool):
            self.fail(key, f"'{key}' must be {what}, got {type(value).__name__}")
            return ""
        if CONTROL.search(str(value)):
            self.fail(key, f"'{key}' contains a control character; expected plain text")
            return ""
        return str(value).strip()

    def date(self, key: str, tz: ZoneInfo, required: bool = False) -> dt.datetime | None:
        value = self.meta.get(key)
        if value is None:
            if required:
                line = self.meta.line_of(key) if key in self.meta else 1
                self.diags.append(
                    error(self.path, line, f"missing required '{key}'; expected {DATE_FORMS}")
                )
            return None
        parsed = parse_datetime(value, tz)
        if parsed is None:
            why = why_not_a_date(value) if isinstance(value, str) else ""
            why = f" ({why})" if why else ""
            self.fail(key, f"'{key}' is not a valid date: {value!r}{why}; expected {DATE_FORMS}")
        elif not 1900 <= parsed.year <= 9998:
            self.fail(key, f"'{key}' is out of range: {value!r}; expected a year from 1900 to 9998")
            return None
        return parsed

    def flag(self, key: str) -> bool:
        value = self.meta.get(key, False)
        if not isinstance(value, bool):
            self.fail(key, f"'{key}' must be true or false, got {value!r}")
            return False
        return value

    def strings(self, key: str) -> tuple[str, ...]:
        value = self.meta.get(key)
        if value is None:
            return ()
        if isinstance(value, str) and "," in value:
            self.fail(key, f"'{key}' must be a list such as [news, events], got the text {value!r}")
            return ()
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(
            isinstance(v, str) and v.strip() and not CONTROL.search(v) for v in value
        ):
            self.fail(key, f"'{key}' must be a list of words such as [news, events]")
            return ()
        return tuple(dict.fromkeys(v.strip() for v in value))

    def slug(self, stem: str) -> str:
        """An explicit `slug:` must already be clean; one from the file name is derived.

        Files migrated from other generators are named `Release 2.1 Notes.md`
        or `2024-05-02-Café.md`; their slug is made clean (lower case,
        transliterated, hyphens). Collisions are reported with the URLs.
        """
        if self.text("slug"):
            slug = self.text("slug")
            if not SLUG_RE.match(slug):
                self.fail(
                    "slug",
                    f"slug {slug!r} is not usable in a URL; "
                    "expected lower-case letters, digits and hyphens",
                )
            return slug
        slug = slugify(stem)
        if not slug:
            message = (
                f"file name {stem!r} gives no slug usable in a URL; rename the file, "
                "or add `slug:` with lower-case letters, digits and hyphens"
            )
            self.diags.append(error(self.path, 1, message))
        return slug


def parse_post(
    source: Source, config: Config, tz: ZoneInfo
) -> tuple[Post | None, list[Diagnostic]]:
    """Validate one post's front matter; pure, for tests without disk."""
    diags: list[Diagnostic] = []
    f = _Fields(source, POST_KEYS, diags)
    title = f.text("title", required=True, what="the post title")
    date = f.date("date", tz, required=True)
    summary = f.text("summary", required=True, what="one sentence on why a reader should care")
    stem = posixpath.splitext(posixpath.basename(source.path))[0]
    slug = f.slug(DATE_PREFIX.sub("", stem))
    tags = f.strings("tags")
    for tag in tags:
        if not slugify(tag):
            f.fail("tags", f"tag {tag!r} has no letters or digits usable in a URL")
    url = ""
    if date is not None:
        local = date.astimezone(tz)
        url = permalink(config.permalink, slug, local.year, local.month, local.day)
    summary_html, summary = render_summary(summary or "")
    post = Post(
        source=source.path,
        title=title,
        date=date or dt.datetime(1970, 1, 1, tzinfo=tz),
        summary=summary,
        summary_html=summary_html,
        slug=slug,
        url=url,
        body=source.body,
        body_line=source.body_line,
        tags=tags,
        author=f.text("author"),
        updated=f.date("updated", tz),
        draft=f.flag("draft"),
        expires=f.date("expires", tz),
        lines=dict(source.meta.lines),
    )
    if not post.draft:  # a draft may keep what `ssg new` wrote; a published post may not
        for line, message in find_placeholders(source.meta, post.lines, post.body, post.body_line):
            diags.append(error(source.path, line, f"{message}, or put back 'draft: true'"))
    return (None if diags else post), diags


def parse_page(
    source: Source, values: Mapping[str, str] | None = None
) -> tuple[Page | None, list[Diagnostic]]:
    """Validate one page; with `values`, `{{ site.NAME }}` in it is filled from site.yaml."""
    diags: list[Diagnostic] = []
    f = _Fields(source, PAGE_KEYS, diags)
    title = f.text("title", required=True, what="the page title")
    summary = f.text("summary")
    body = source.body
    if values is not None:
        title, more = sitevalues.fill(title, f.meta.line_of("title"), f.path, values, False)
        summary, most = sitevalues.fill(summary, f.meta.line_of("summary"), f.path, values, False)
        body, rest = sitevalues.fill(body, source.body_line, f.path, values)
        diags += more + most + rest
    slug = f.slug(posixpath.splitext(posixpath.basename(source.path))[0])
    summary_html, summary = render_summary(summary or "")
    page = Page(
        source=source.path,
        title=title,
        slug=slug,
        url=f"{slug}/",
        body=body,
        summary=summary,
        summary_html=summary_html,
        body_line=source.body_line,
        lines=dict(source.meta.lines),
    )
    return (None if diags else page), diags


def source_files(root: Path, folder: str) -> tuple[list[tuple[str, str]], list[Diagnostic]]:
    """The Markdown files of `content/<folder>/` as (path, shown path), sorted by name.

    Hidden files (editor locks, `.#draft.md`) are skipped; a sub-folder is an
    error rather than silently ignored, since its posts would never appear.
    """
    directory = root / "content" / folder
    if not directory.is_dir():
        return [], []
    files, diags = [], []
    for entry in sorted(os.scandir(directory), key=lambda e: e.name):
        shown = f"content/{folder}/{entry.name}"
        if entry.name.startswith("."):
            continue
        if entry.is_symlink() and (outside := outside_link(root, entry.path, shown)) is not None:
            diags.append(outside)
            continue
        if entry.is_dir():
            message = f"sub-folders are not read; move its files up into content/{folder}/"
            diags.append(error(shown + "/", 0, message))
        elif entry.name.endswith(".md") and entry.is_file():
            files.append((entry.path, shown))
    return files, diags


def _sources(root: Path, folder: str) -> Iterable[tuple[Source | None, list[Diagnostic]]]:
    files, diags = source_files(root, folder)
    if diags:
        yield None, diags
    for file, shown in files:
        text, diags = read_text(file, shown)
        if text is None:
            yield None, diags
        else:
            yield split_front_matter(text, shown)


def load_posts(
    root: Path, config: Config, parsed: ParsedPosts | None = None
) -> tuple[list[Post], list[Diagnostic]]:
    """Every post, drafts and scheduled ones included, oldest file name first.

    `parsed`: posts parsed by an earlier run, reused for files whose text is the same.
    """
    tz = ZoneInfo(config.timezone)
    files, diags = source_files(root, "posts")
    posts = []
    for file, shown in files:
        text, problems = read_text(file, shown)
        if text is None:
            diags += problems
            continue
        found = parsed.get(shown, text) if parsed is not None else None
        if found is None:
            found = _parse_post_text(text, shown, config, tz)
            if parsed is not None:
                parsed.put(shown, text, found)
        post, problems = found
        diags += problems
        if post is not None:
            posts.append(post)
    return posts, diags


def _parse_post_text(
    text: str, shown: str, config: Config, tz: ZoneInfo
) -> tuple[Post | None, list[Diagnostic]]:
    source, problems = split_front_matter(text, shown)
    if source is None:
        return None, problems
    post, more = parse_post(source, config, tz)
    return post, problems + more


def load_pages(root: Path, config: Config | None = None) -> tuple[list[Page], list[Diagnostic]]:
    """Every page; with the config, its `{{ site.NAME }}` values are filled in."""
    values = sitevalues.site_values(config) if config is not None else None
    pages, diags = [], []
    for source, problems in _sources(root, "pages"):
        diags += problems
        if source is not None:
            page, problems = parse_page(source, values)
            diags += problems
            if page is not None:
                pages.append(page)
    return pages, diags


def local_day(moment: dt.datetime, tz: ZoneInfo) -> dt.date:
    """The calendar day of an instant in the site time zone (a naive value is taken as local)."""
    return moment.date() if moment.tzinfo is None else moment.astimezone(tz).date()


@dataclass(frozen=True)
class Selection:
    """Posts sorted by what a build on `today` does with them."""

    published: list[Post]  # newest first
    scheduled: list[Post]  # dated after today, oldest first
    drafts: list[Post]
    expired: list[Post]  # were published, now past their `expires` day


def select_posts(
    posts: Iterable[Post], today: dt.date, tz: ZoneInfo, include_drafts: bool
) -> Selection:
    """Sort posts for a build; a post is scheduled while its date, in the site timezone,
    is after the build date, and expired from its `expires` day on."""
    published, scheduled, drafts, expired = [], [], [], []
    for post in posts:
        if post.draft:
            drafts.append(post)
            if not include_drafts:
                continue
        if local_day(post.date, tz) > today:
            scheduled.append(post)
        elif post.expires is None or local_day(post.expires, tz) > today:
            published.append(post)
        else:
            expired.append(post)
    key = lambda p: (p.date, p.source)  # noqa: E731
    return Selection(
        sorted(published, key=key, reverse=True),
        sorted(scheduled, key=key),
        sorted(drafts, key=key),
        sorted(expired, key=key),
    )


def check_tags(posts: Iterable[Post]) -> list[Diagnostic]:
    """Two spellings that share one tag page (`C++` and `C`, `café` and `cafe`) are an error.

    Spellings that differ only in case or spacing (`News`, `news`) are one tag.
    """
    first: dict[str, tuple[str, Post]] = {}
    diags = []
    for post in sorted(posts, key=lambda p: p.source):
        for name in post.tags:
            slug = slugify(name)
            seen, where = first.setdefault(slug, (name, post))
            if " ".join(seen.casefold().split()) != " ".join(name.casefold().split()):
                other = "" if where is post else f" in {where.source}"
                message = (
                    f"tags {seen!r}{other} and {name!r} both become /tags/{slug}/; "
                    "use one spelling for one tag"
                )
                diags.append(error(post.source, post.line_of("tags"), message))
    return diags


def collect_tags(posts: Iterable[Post]) -> tuple[Tag, ...]:
    """Tags by slug; the first spelling seen (newest post) names the tag."""
    by_slug: dict[str, tuple[str, list[Post]]] = {}
    for post in posts:
        for name in post.tags:
            by_slug.setdefault(slugify(name), (name, []))[1].append(post)
    return tuple(Tag(name, slug, tuple(items)) for slug, (name, items) in sorted(by_slug.items()))
