"""Curated communities: one file per community in `content/communities/<slug>.md`.

A hub points people to places the brand usually does not run, so every entry
must say honestly who runs it (`run_by`), when a person last checked it
(`reviewed`) and what a person gets there (`summary`). Problems are collected
as located diagnostics for every file at once; nothing here renders Markdown
(the render stage fills `Community.html`).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from ssg.communities.platforms import PLATFORMS, platform_key
from ssg.communities.weburls import normalize_url, url_problem
from ssg.content.frontmatter import Source, split_front_matter
from ssg.content.load import source_files
from ssg.content.placeholders import find_placeholders
from ssg.content.summary import render_summary
from ssg.core.clock import why_not_a_date
from ssg.core.diagnostics import Diagnostic, error
from ssg.core.i18n import Language, language
from ssg.core.model import Community
from ssg.core.suggest import did_you_mean, unknown
from ssg.core.urls import SLUG_RE, slugify
from ssg.core.yamlfile import read_text

FOLDER = "content/communities"
RUN_BY = ("fans", "brand", "partner")
STATUSES = ("active", "archived")
REQUIRED = ("name", "url", "platform", "summary", "run_by", "reviewed")
OPTIONAL = ("segments", "language", "region", "feed", "status")
ALLOWED = REQUIRED + OPTIONAL
SUMMARY_MAX = 200

EXPECTED = {
    "name": "the community's name as its members write it",
    "url": "the community's address starting with https:// or http://",
    "platform": "one of: " + ", ".join(PLATFORMS),
    "summary": f"one sentence ({SUMMARY_MAX} characters at most) on what a person gets there",
    "run_by": "one of: " + ", ".join(RUN_BY),
    "reviewed": "the date a person last checked the link and its description, such as 2026-01-31",
    "segments": "a list of tags such as [beginners, developers]",
    "language": "a BCP 47 language code such as en, pt-BR or zh-Hant-TW",
    "region": "a region or place as text, such as Europe or Lyon",
    "feed": "the community's RSS or Atom feed address starting with https:// or http://",
    "status": "one of: " + ", ".join(STATUSES),
}

# language[-extlang]{0,3} [-script] [-region] [-variant]* [-extension]* [-x-private]
BCP47_RE = re.compile(
    r"^[a-z]{2,3}(-[a-z]{3}){0,3}(-[a-z]{4})?(-([a-z]{2}|[0-9]{3}))?"
    r"(-([a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*(-[a-wyz0-9](-[a-z0-9]{2,8})+)*(-x(-[a-z0-9]{1,8})+)?$",
    re.IGNORECASE,
)
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

# Words that add nothing to a summary: a summary made only of these and of the
# name's own words "only repeats the name".
FILLER_WORDS = {
    "a",
    "an",
    "the",
    "of",
    "for",
    "and",
    "by",
    "to",
    "on",
    "in",
    "at",
    "our",
    "your",
    "its",
    "official",
    "unofficial",
    "community",
    "communities",
    "group",
    "groups",
    "forum",
    "forums",
    "server",
    "channel",
    "page",
    "site",
    "website",
    "club",
    "hub",
    "home",
    "fan",
    "fans",
    "welcome",
    "best",
    "great",
    "awesome",
    "amazing",
    "ultimate",
}


# --- URLs -------------------------------------------------------------------------------


def _same_place_key(url: str) -> str:
    """Duplicate key: the normalised URL, with http and https counted as one address."""
    normal = normalize_url(url)
    return "https://" + normal.removeprefix("http://") if normal.startswith("http://") else normal


# --- One file ---------------------------------------------------------------------------


def summary_repeats_name(summary: str, name: str) -> bool:
    """True when the summary says nothing beyond the name.

    Both are compared case-insensitively as words (punctuation and spacing
    ignored) with filler words such as "the", "official" or "community" left
    out: the summary repeats the name when what remains of it equals what
    remains of the name, or when nothing remains at all ("The official forum").
    """

    def words(text: str) -> list[str]:
        return [w for w in re.findall(r"\w+", text.casefold()) if w not in FILLER_WORDS]

    rest = words(summary)
    return not rest or rest == words(name)


def _kind(value: Any) -> str:
    kinds = {
        bool: "true/false",
        int: "a number",
        float: "a number",
        list: "a list",
        dict: "a mapping",
    }
    return next((kinds[t] for t in kinds if isinstance(value, t)), type(value).__name__)


class _Fields:
    """Typed access to one community file's front matter, collecting located errors."""

    def __init__(self, source: Source, diags: list[Diagnostic]):
        self.meta, self.path, self.diags = source.meta, source.path, diags
        for key in self.meta:
            if key not in ALLOWED:
                self.fail(str(key), unknown("front matter key", key, ALLOWED))

    def fail(self, key: str, message: str) -> None:
        self.diags.append(
            error(self.path, self.meta.line_of(key) if key in self.meta else 1, message)
        )

    def text(self, key: str) -> str | None:
        """One line of text (whitespace runs collapsed), or None when absent or wrong."""
        value = self.meta.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            if key not in REQUIRED:
                return None
            if key in self.meta:
                self.fail(key, f"'{key}' is empty; expected {EXPECTED[key]}")
            else:
                self.fail(key, f"missing required '{key}'; expected {EXPECTED[key]}")
            return None
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            self.fail(key, f"'{key}' must be {EXPECTED[key]}, got {_kind(value)}")
            return None
        text = " ".join(str(value).split())
        if any(unicodedata.category(ch) == "Cc" for ch in text):
            self.fail(key, f"'{key}' contains a control character; expected plain text")
            return None
        return text

    def choice(
        self,
        key: str,
        options: Iterable[str],
        default: str | None = None,
        normalize: Callable[[str], str | None] = lambda v: v,
    ) -> str | None:
        value = self.text(key)
        if value is None:
            return default
        value = normalize(value) or value
        if value not in options:
            hint = did_you_mean(value, options)
            self.fail(key, f"unknown {key} {value!r};{hint or ''} expected {EXPECTED[key]}")
            return None
        return value

    def url(self, key: str) -> str | None:
        value = self.text(key)
        problem = url_problem(value) if value is not None else None
        if problem:
            self.fail(key, f"'{key}': {problem}")
            return None
        return value

    def date(self, key: str, today: dt.date) -> dt.date | None:
        value = self.meta.get(key)
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            parsed: dt.date | None = value
        else:
            text = self.text(key)
            if text is None:
                return None
            try:
                parsed = dt.date.fromisoformat(text) if DATE_RE.match(text) else None
            except ValueError:
                parsed = None
            if parsed is None:
                why = why_not_a_date(text)
                why = f" ({why})" if why else ""
                self.fail(
                    key, f"'{key}' is not a valid date: {text!r}{why}; expected {EXPECTED[key]}"
                )
                return None
        if parsed > today:
            self.fail(
                key,
                f"'{key}' {parsed.isoformat()} is in the future (today is {today.isoformat()}); "
                f"expected {EXPECTED[key]}",
            )
            return None
        return parsed

    def segments(self) -> tuple[str, ...] | None:
        value = self.meta.get("segments")
        if value is None:
            return ()
        if not isinstance(value, list):
            self.fail("segments", f"'segments' must be {EXPECTED['segments']}, got {_kind(value)}")
            return None
        found: list[str] = []
        for item in value:
            slug = slugify(str(item)) if isinstance(item, str | int) else ""
            if isinstance(item, bool) or not slug:
                self.fail(
                    "segments",
                    f"segment {item!r} needs letters or digits (a-z, 0-9); "
                    f"expected {EXPECTED['segments']}",
                )
                return None
            found.append(slug)
        return tuple(dict.fromkeys(found))


def parse_community(
    source: Source, slug: str, site_language: str, today: dt.date
) -> tuple[Community | None, list[Diagnostic]]:
    """Validate one file's front matter; a Community only when it has no errors.

    Missing keys are reported at line 1 (the opening `---`), every other
    problem at the line of the offending key.
    """
    diags: list[Diagnostic] = []
    if not SLUG_RE.match(slug):
        suggestion = slugify(slug) or "my-community"
        diags.append(
            error(
                source.path,
                1,
                f"file name {slug!r} must use lower-case letters, digits and hyphens; "
                f"rename it to {suggestion}.md",
            )
        )
    f = _Fields(source, diags)
    name = f.text("name")
    url = f.url("url")
    platform = f.choice("platform", PLATFORMS, normalize=platform_key)
    summary = f.text("summary")
    if summary is not None and len(summary) > SUMMARY_MAX:
        f.fail(
            "summary",
            f"'summary' is {len(summary)} characters; keep it to {SUMMARY_MAX} or fewer "
            "(the longer description goes in the body)",
        )
    elif summary is not None and name is not None and summary_repeats_name(summary, name):
        f.fail(
            "summary",
            f"'summary' only repeats the name {name!r}; say what a person gets there "
            "(help, trading, events, news...)",
        )
    run_by = f.choice("run_by", RUN_BY)
    reviewed = f.date("reviewed", today)
    segments = f.segments()
    language = f.text("language")
    if language is not None and not BCP47_RE.match(language):
        f.fail("language", f"'language' {language!r} is malformed; expected {EXPECTED['language']}")
    region = f.text("region") or ""
    feed = f.url("feed") if f.meta.get("feed") is not None else ""
    status = f.choice("status", STATUSES, default="active")
    for line, message in find_placeholders(f.meta, f.meta.lines, source.body, source.body_line):
        diags.append(error(source.path, line, message))
    if diags:
        return None, diags
    assert name and url and platform and summary and run_by and reviewed and status
    summary_html, summary = render_summary(summary)
    return (
        Community(
            source=source.path,
            slug=slug,
            name=name,
            url=url,
            platform=platform,
            summary=summary,
            summary_html=summary_html,
            run_by=run_by,
            reviewed=reviewed,
            page_url=f"communities/{slug}/",
            body=source.body,
            body_line=source.body_line,
            segments=segments or (),
            language=language or site_language,
            region=region,
            feed=feed or "",
            status=status,
            lines=dict(source.meta.lines),
        ),
        [],
    )


# --- All files --------------------------------------------------------------------------


def check_duplicates(communities: Iterable[Community]) -> list[Diagnostic]:
    """The same place listed twice: same normalised URL or same name (case-insensitive).

    http and https count as one address. The error is at the later file (by
    path), naming the earlier one, so the result does not depend on input order.
    """
    diags: list[Diagnostic] = []
    seen: dict[tuple[str, str], Community] = {}
    for c in sorted(communities, key=lambda c: (c.source, c.slug)):
        keys = (("url", _same_place_key(c.url)), ("name", " ".join(c.name.casefold().split())))
        for field, key in keys:
            first = seen.setdefault((field, key), c)
            if first is c:
                continue
            where = f"{first.source}:{first.line_of(field)}"
            if field == "url":
                message = f"url {c.url!r} is the same address as {where} ({first.url!r})"
                hint = "keep one file"
            else:
                message, hint = f"name {c.name!r} is already used by {where}", "rename one"
            diags.append(
                error(c.source, c.line_of(field), f"duplicate community: {message}; {hint}")
            )
    return diags


def _order(c: Community) -> tuple[int, str, str]:
    return (list(PLATFORMS).index(c.platform), c.name.casefold(), c.slug)


def load_communities(
    root: Path, site_language: str, today: dt.date
) -> tuple[list[Community], list[Diagnostic]]:
    """Read and validate every `content/communities/*.md`; every problem is reported."""
    files, diags = source_files(root, "communities")
    communities: list[Community] = []
    for file, shown in files:
        text, read_diags = read_text(file, shown)
        diags.extend(read_diags)
        if text is None:
            continue
        source, split_diags = split_front_matter(text, shown)
        diags.extend(split_diags)
        if source is None:
            continue
        community, parse_diags = parse_community(source, Path(file).stem, site_language, today)
        diags.extend(parse_diags)
        if community is not None:
            communities.append(community)
    diags.extend(check_duplicates(communities))
    return sorted(communities, key=_order), diags


def run_by_label(community: Community, brand: str, lang: Language | None = None) -> str:
    """Who runs the place, worded so independence is visible next to every link."""
    t = lang or language("en")
    brand = brand or t.gettext("the brand")
    return {
        "fans": t.gettext("Run by fans, independent of {brand}"),
        "brand": t.gettext("Run by {brand}"),
        "partner": t.gettext("Run by a partner of {brand}"),
    }[community.run_by].format(brand=brand)
