"""One community's kept feed items in `.ssg-cache/feeds/<slug>.json`: read, write, clean.

Feed content comes from strangers, so items are cleaned when they are kept
and again when they are read (the file may have been edited by hand): titles
and authors become one line of plain text (tags dropped, entities decoded,
control characters removed, length capped), links must be plain http(s)
addresses (a `javascript:` link drops the item), dates are timezone-aware.
Templates then escape everything as usual.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ssg.communities.cache import feed_path, read_json, write_json
from ssg.communities.weburls import url_problem
from ssg.core.diagnostics import Diagnostic
from ssg.core.model import FeedItem

TITLE_MAX = 200
AUTHOR_MAX = 80
TAG_RE = re.compile(r"<[^>]*>")
SPACES = ("Cc", "Zl", "Zp")  # control characters and line breaks become spaces
HIDDEN = ("Cf", "Cs")  # format characters (bidi overrides...) and lone surrogates go


def _shown_char(ch: str) -> str:
    kind = unicodedata.category(ch)
    if kind in SPACES:
        return " "
    return "" if kind in HIDDEN or ch in "\ufffe\uffff" else ch


@dataclass(frozen=True)
class FeedState:
    """What the last `fetch-feeds` run knows about one community's feed."""

    url: str
    items: tuple[FeedItem, ...] = ()
    etag: str = ""
    last_modified: str = ""
    fetched: dt.date | None = None  # the last attempt
    ok: dt.date | None = None  # the last attempt that worked (a 304 counts)
    error: str = ""  # why the last attempt failed, if it did


def plain(text: Any, limit: int) -> str:
    """One line of plain text: no tags, entities decoded, no control characters, capped."""
    if not isinstance(text, str):
        return ""
    text = html.unescape(TAG_RE.sub(" ", text))
    text = "".join(_shown_char(ch) for ch in text)
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def clean_item(title: Any, link: Any, date: dt.datetime | None, author: Any) -> FeedItem | None:
    """A FeedItem fit to show, or None when the link is not a plain http(s) address."""
    link = link.strip() if isinstance(link, str) else ""
    if not link or url_problem(link) or any(unicodedata.category(ch) == "Cc" for ch in link):
        return None
    if date is not None and date.tzinfo is None:
        date = date.replace(tzinfo=dt.UTC)
    shown = plain(title, TITLE_MAX) or "(untitled)"
    return FeedItem(
        shown, link, date.astimezone(dt.UTC) if date else None, plain(author, AUTHOR_MAX)
    )


def newest_first(items: list[FeedItem], limit: int) -> tuple[FeedItem, ...]:
    """Dated items newest first, undated ones after them in feed order; at most `limit`."""
    floor = dt.datetime.min.replace(tzinfo=dt.UTC)
    ordered = sorted(enumerate(items), key=lambda p: (-(p[1].date or floor).timestamp(), p[0]))
    return tuple(item for _, item in ordered[:limit])


def _datetime(value: Any) -> dt.datetime | None:
    try:
        moment = dt.datetime.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None
    if moment is not None and moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment


def _date(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def read_state(cache: Path, root: Path, slug: str) -> tuple[FeedState | None, list[Diagnostic]]:
    """The kept state of one community's feed; None when never fetched."""
    data, diags = read_json(feed_path(cache, slug), root, "fetch-feeds")
    if data is None or not isinstance(data.get("url"), str):
        return None, diags
    raw = data.get("items") if isinstance(data.get("items"), list) else []
    items = [
        clean_item(i.get("title"), i.get("link"), _datetime(i.get("date")), i.get("author"))
        for i in raw
        if isinstance(i, dict)
    ]
    return (
        FeedState(
            url=data["url"],
            items=tuple(i for i in items if i is not None),
            etag=str(data.get("etag") or ""),
            last_modified=str(data.get("last_modified") or ""),
            fetched=_date(data.get("fetched")),
            ok=_date(data.get("ok")),
            error=str(data.get("error") or ""),
        ),
        diags,
    )


def write_state(cache: Path, slug: str, state: FeedState) -> None:
    items = [
        {
            "title": i.title,
            "link": i.link,
            "date": i.date.isoformat() if i.date else None,
            "author": i.author,
        }
        for i in state.items
    ]
    write_json(
        feed_path(cache, slug),
        {
            "url": state.url,
            "items": items,
            "etag": state.etag,
            "last_modified": state.last_modified,
            "fetched": state.fetched.isoformat() if state.fetched else None,
            "ok": state.ok.isoformat() if state.ok else None,
            "error": state.error,
        },
    )
