"""`ssg fetch-feeds`: the newest items of each active community's own feed, kept for the build.

A conditional GET (ETag, Last-Modified) spares servers that have nothing new;
Atom and RSS are parsed by feedparser, JSON Feed (which feedparser 6.0 does
not read) by `json_feed_items`. A feed that fails, is malformed or passes the
size limit keeps its last good items and is reported; one bad feed never
stops the run.
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ssg.communities.feedcache import FeedState, clean_item, newest_first, read_state, write_state
from ssg.communities.http import Client, Response, by_host_in_turn
from ssg.core.diagnostics import Diagnostic, Severity
from ssg.core.model import Community, FeedItem

ACCEPT = (
    "application/atom+xml, application/rss+xml, application/feed+json;q=0.9, "
    "application/json;q=0.8, application/xml;q=0.7, text/xml;q=0.7, */*;q=0.1"
)


@dataclass(frozen=True)
class FeedResult:
    community: Community
    state: FeedState
    news: str  # fetched | unchanged | failed


def _struct_time(value: Any) -> dt.datetime | None:
    try:
        return dt.datetime.fromtimestamp(calendar.timegm(value), dt.UTC) if value else None
    except (TypeError, ValueError, OverflowError):
        return None


def _iso(value: Any) -> dt.datetime | None:
    try:
        return dt.datetime.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def json_feed_items(body: bytes) -> tuple[list[FeedItem], str]:
    """Items of a JSON Feed (1.0 or 1.1); a problem message when it is not one."""
    try:
        data = json.loads(body.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as exc:
        return [], f"malformed JSON Feed ({exc})"
    version = data.get("version") if isinstance(data, dict) else None
    if not (isinstance(version, str) and "jsonfeed.org" in version):
        return [], "a JSON document, but not a JSON Feed (no jsonfeed.org version)"
    items = data.get("items") if isinstance(data.get("items"), list) else []
    found = []
    for raw in (i for i in items if isinstance(i, dict)):
        authors = raw.get("authors") or ([raw["author"]] if raw.get("author") else [])
        author = authors[0].get("name") if authors and isinstance(authors[0], dict) else ""
        date = _iso(raw.get("date_published")) or _iso(raw.get("date_modified"))
        item = clean_item(raw.get("title"), raw.get("url"), date, author)
        found.append(item)
    return [i for i in found if i is not None], ""


def xml_feed_items(body: bytes, content_type: str) -> tuple[list[FeedItem], str]:
    """Items of an Atom or RSS feed through feedparser; a problem when it is not one."""
    import feedparser  # only the online command needs it

    parsed = feedparser.parse(body, response_headers={"content-type": content_type})
    if parsed.bozo and not parsed.entries:
        return [], f"malformed feed ({parsed.get('bozo_exception') or 'unreadable'})"
    if not parsed.version and not parsed.entries:
        return [], "not an Atom or RSS feed"
    found = []
    for entry in parsed.entries:
        date = _struct_time(entry.get("published_parsed") or entry.get("updated_parsed"))
        item = clean_item(entry.get("title"), entry.get("link"), date, entry.get("author"))
        found.append(item)
    if parsed.bozo and not any(found):
        return [], f"malformed feed ({parsed.get('bozo_exception')})"
    return [i for i in found if i is not None], ""


def parse_feed(body: bytes, content_type: str) -> tuple[list[FeedItem], str]:
    is_json = "json" in content_type.lower() or body.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"{"
    return json_feed_items(body) if is_json else xml_feed_items(body, content_type)


def _failure(answer: Response) -> str:
    if answer.error:
        return answer.detail or answer.error
    return f"HTTP {answer.status}"


def fetch_one(
    client: Client, community: Community, old: FeedState | None, today: dt.date, limit: int
) -> FeedResult:
    """Fetch, parse and keep one feed; on any failure the earlier items stay."""
    kept = old if old is not None and old.url == community.feed else FeedState(community.feed)
    headers = {"Accept": ACCEPT}
    if kept.etag:
        headers["If-None-Match"] = kept.etag
    if kept.last_modified:
        headers["If-Modified-Since"] = kept.last_modified
    answer = client.fetch(community.feed, "GET", headers)
    if answer.status == 304 and not answer.error and kept.ok:
        return FeedResult(community, replace(kept, fetched=today, ok=today, error=""), "unchanged")
    problem = "" if 200 <= answer.status < 300 and not answer.error else _failure(answer)
    items: list[FeedItem] = []
    if not problem:
        items, problem = parse_feed(answer.body, answer.headers.get("content-type", ""))
    if problem:
        return FeedResult(community, replace(kept, fetched=today, error=problem), "failed")
    state = FeedState(
        url=community.feed,
        items=newest_first(items, limit),
        etag=answer.headers.get("etag", ""),
        last_modified=answer.headers.get("last-modified", ""),
        fetched=today,
        ok=today,
    )
    return FeedResult(community, state, "fetched")


def fetch_all(
    client: Client,
    communities: Sequence[Community],
    cache: Path,
    root: Path,
    today: dt.date,
    limit: int,
) -> tuple[list[FeedResult], list[Diagnostic]]:
    """Every active community with a feed, fetched in parallel; each result is kept at once."""
    chosen = [c for c in communities if c.feed and c.status == "active"]
    olds, diags = {}, []
    for c in chosen:
        olds[c.slug], problems = read_state(cache, root, c.slug)
        diags += problems

    def one(c: Community) -> FeedResult:
        result = fetch_one(client, c, olds[c.slug], today, limit)
        write_state(cache, c.slug, result.state)
        return result

    results = client.run_all(one, by_host_in_turn(chosen, lambda c: c.feed))
    return sorted(results, key=lambda r: chosen.index(r.community)), diags


def report(results: Sequence[FeedResult]) -> list[Diagnostic]:
    """A warning at each failed community's `feed:` line, saying what was kept."""
    found = []
    for r in results:
        if r.news != "failed":
            continue
        c, kept = r.community, len(r.state.items)
        since = f" (from {r.state.ok})" if r.state.ok and kept else ""
        message = (
            f"feed {c.feed} of {c.name}: {r.state.error}; "
            f"kept the {kept} earlier item{'s' if kept != 1 else ''}{since}"
        )
        found.append(Diagnostic(c.source, c.line_of("feed"), message, Severity.WARNING, "feed"))
    return sorted(found)
