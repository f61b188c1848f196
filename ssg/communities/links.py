"""Which outside addresses a hub points to, and where: the list `ssg check-links` works through.

Every community's `url` and `feed`, every external link written in a post or a
page (Markdown links, autolinks, bare addresses and raw HTML `href`s, outside
code blocks) and external nav links. Each address is checked once however
often it appears, and every place it appears gets the finding, at its line.
Pure: no network and no disk.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass

from ssg.core.model import Community, Config, Page, Post

URL_RE = re.compile(r"""https?://[^\s<>"'`\]\[{}|\\^]+""", re.IGNORECASE)
FENCE_RE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
TRAILING = ".,;:!?*_"


@dataclass(frozen=True, order=True)
class Place:
    """Where an address is written: file, line and the key or kind of link."""

    path: str
    line: int
    what: str  # url | feed | link | nav


@dataclass(frozen=True)
class Target:
    url: str
    places: tuple[Place, ...]


def _trim(url: str) -> str:
    """A bare address in prose ends before trailing punctuation and an unbalanced ")"."""
    while url and (url[-1] in TRAILING or (url[-1] == ")" and url.count("(") < url.count(")"))):
        url = url[:-1]
    return url


def body_links(body: str, first_line: int) -> list[tuple[str, int]]:
    """(address, line) of every http(s) address in a Markdown body, skipping fenced code."""
    found: list[tuple[str, int]] = []
    fence = ""
    for offset, line in enumerate(body.splitlines()):
        opening = FENCE_RE.match(line)
        if opening and (not fence or opening[1].startswith(fence)):
            fence = "" if fence else opening[1][:3]
            continue
        if fence:
            continue
        stripped = re.sub(r"`[^`]*`", "", line)  # inline code is not a link
        for match in URL_RE.finditer(stripped):
            url = html.unescape(_trim(match.group(0)))  # &amp; in raw HTML is &
            if url.count("://") == 1 and len(url) > len("https://"):
                found.append((url, first_line + offset))
    return found


def collect_targets(
    config: Config,
    documents: Iterable[Post | Page],
    communities: Iterable[Community],
) -> list[Target]:
    """Every outside address with every place it is written, sorted by address."""
    places: dict[str, set[Place]] = {}

    def add(url: str, place: Place) -> None:
        places.setdefault(url, set()).add(place)

    for c in communities:
        add(c.url, Place(c.source, c.line_of("url"), "url"))
        if c.feed:
            add(c.feed, Place(c.source, c.line_of("feed"), "feed"))
    for doc in documents:
        for url, line in body_links(doc.body, doc.body_line):
            add(url, Place(doc.source, line, "link"))
    for item in config.nav:
        if item.url.startswith(("http://", "https://")):
            add(item.url, Place(config.path, item.line, "nav"))
    return [Target(url, tuple(sorted(found))) for url, found in sorted(places.items())]
