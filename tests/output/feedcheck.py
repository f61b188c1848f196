"""Strict checks of Atom 1.0 (RFC 4287) and RSS 2.0 documents, for the feed tests.

feedparser is built to read broken feeds, so a clean `bozo` flag says little.
These checks parse with a real XML parser (expat, which rejects anything not
well-formed) and then hold the document to the formats' required elements,
their cardinality, absolute links and the exact date syntax each format names:
RFC 3339 in Atom, RFC 822 in RSS. Each returns the problems found, so a test
asserts an empty list and a failure says what is wrong.
"""

from __future__ import annotations

import datetime as dt
import re
from email.utils import parsedate_to_datetime
from xml.etree import ElementTree as ET

A = "{http://www.w3.org/2005/Atom}"
RFC3339 = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)")
RFC822 = re.compile(
    r"(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d\d (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) "
    r"\d{4} \d\d:\d\d:\d\d [+-]\d{4}"
)
ABSOLUTE = re.compile(r"https?://[^\s/]+/\S*")
ATOM_FEED_CHILDREN = {"author", "category", "contributor", "generator", "icon", "id", "link",
                      "logo", "rights", "subtitle", "title", "updated", "entry"}  # fmt: skip
ATOM_ENTRY_CHILDREN = {"author", "category", "content", "contributor", "id", "link", "published",
                       "rights", "source", "summary", "title", "updated"}  # fmt: skip
RSS_CHANNEL_CHILDREN = {"title", "link", "description", "language", "copyright", "managingEditor",
                        "webMaster", "pubDate", "lastBuildDate", "category", "generator", "docs",
                        "cloud", "ttl", "image", "rating", "textInput", "skipHours", "skipDays",
                        "item"}  # fmt: skip
RSS_ITEM_CHILDREN = {"title", "link", "description", "author", "category", "comments",
                     "enclosure", "guid", "pubDate", "source"}  # fmt: skip
XML_DECLARATION = '<?xml version="1.0" encoding="utf-8"?>\n'


def parse(text: str) -> ET.Element:
    """The root element; raises ET.ParseError on anything that is not well-formed XML."""
    return ET.fromstring(text.encode("utf-8"))


def rfc3339(text: str | None) -> dt.datetime | None:
    """The instant of an RFC 3339 date-time, or None when `text` is not one."""
    if text is None or not RFC3339.fullmatch(text):
        return None
    return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))


def rfc822(text: str | None) -> dt.datetime | None:
    """The instant of an RFC 822 date (as RSS 2.0 requires), or None when `text` is not one."""
    if text is None or not RFC822.fullmatch(text):
        return None
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    return when if when.strftime("%a") == text[:3] else None  # the weekday must be right


class _Problems(list[str]):
    def counts(self, parent: ET.Element, where: str, exactly: tuple[str, ...], ns: str) -> None:
        for name in exactly:
            found = len(parent.findall(ns + name))
            if found != 1:
                self.append(f"{where}: {found} <{name}> elements; exactly one is required")

    def at_most_one(self, parent: ET.Element, where: str, names: tuple[str, ...], ns: str) -> None:
        for name in names:
            if len(parent.findall(ns + name)) > 1:
                self.append(f"{where}: more than one <{name}>")

    def children(self, parent: ET.Element, where: str, allowed: set[str], ns: str) -> None:
        """Children in the format's own namespace must be ones it defines."""
        for child in parent:
            if child.tag.startswith("{") and not (ns and child.tag.startswith(ns)):
                continue  # an extension element in another namespace
            name = child.tag.removeprefix(ns)
            if name not in allowed:
                self.append(f"{where}: unknown element <{name}>")

    def absolute(self, where: str, url: str | None) -> None:
        if url is None or not ABSOLUTE.fullmatch(url):
            self.append(f"{where}: {url!r} is not an absolute http(s) URL")


def atom_problems(text: str) -> list[str]:
    """Everything that makes `text` an invalid (or, for ssg, a wrong) Atom 1.0 feed."""
    problems = _Problems()
    if not text.startswith(XML_DECLARATION):
        problems.append("no UTF-8 XML declaration on the first line")
    root = parse(text)
    if root.tag != A + "feed":
        return [*problems, f"root element is {root.tag}, expected {A}feed"]
    problems.counts(root, "feed", ("id", "title", "updated"), A)
    problems.at_most_one(root, "feed", ("subtitle", "generator", "icon", "logo", "rights"), A)
    problems.children(root, "feed", ATOM_FEED_CHILDREN, A)
    problems.absolute("feed id", root.findtext(A + "id"))
    rels = [link.get("rel", "alternate") for link in root.findall(A + "link")]
    if rels.count("self") != 1:
        problems.append(f"feed: {rels.count('self')} <link rel=self>; expected one")
    feed_updated = rfc3339(root.findtext(A + "updated"))
    if feed_updated is None:
        problems.append(f"feed updated {root.findtext(A + 'updated')!r} is not RFC 3339")
    feed_author = root.find(A + "author") is not None
    newest = None
    for n, entry in enumerate(root.findall(A + "entry")):
        where = f"entry {n}"
        problems.counts(entry, where, ("id", "title", "updated"), A)
        problems.at_most_one(entry, where, ("content", "published", "summary", "rights"), A)
        problems.children(entry, where, ATOM_ENTRY_CHILDREN, A)
        problems.absolute(f"{where} id", entry.findtext(A + "id"))
        for link in entry.findall(A + "link"):
            problems.absolute(f"{where} link", link.get("href"))
        for category in entry.findall(A + "category"):
            if not category.get("term"):
                problems.append(f"{where}: <category> without a term")
        if not feed_author and entry.find(A + "author") is None:
            problems.append(f"{where}: no <author>, and the feed has none")
        for author in entry.findall(A + "author"):
            problems.counts(author, f"{where} author", ("name",), A)
        content = entry.find(A + "content")
        if content is None and not entry.findall(A + "link"):
            problems.append(f"{where}: neither <content> nor <link rel=alternate>")
        if content is not None and content.get("type") not in (None, "text", "html", "xhtml"):
            problems.append(f"{where}: content type {content.get('type')!r}")
        updated = rfc3339(entry.findtext(A + "updated"))
        published = rfc3339(entry.findtext(A + "published"))
        if updated is None:
            problems.append(f"{where} updated {entry.findtext(A + 'updated')!r} is not RFC 3339")
            continue
        if entry.find(A + "published") is not None:
            if published is None:
                problems.append(f"{where} published is not RFC 3339")
            elif published > updated:
                problems.append(f"{where}: published {published} after updated {updated}")
        newest = updated if newest is None else max(newest, updated)
    if feed_updated and newest and feed_updated != newest:
        problems.append(f"feed updated {feed_updated} is not the newest entry update {newest}")
    return list(problems)


def rss_problems(text: str) -> list[str]:
    """Everything that makes `text` an invalid (or, for ssg, a wrong) RSS 2.0 feed."""
    problems = _Problems()
    if not text.startswith(XML_DECLARATION):
        problems.append("no UTF-8 XML declaration on the first line")
    root = parse(text)
    if root.tag != "rss" or root.get("version") != "2.0":
        return [*problems, f"root element is <{root.tag} version={root.get('version')!r}>"]
    channels = root.findall("channel")
    if len(channels) != 1 or len(root) != 1:
        return [*problems, f"{len(channels)} <channel> elements in {len(root)} children"]
    channel = channels[0]
    problems.counts(channel, "channel", ("title", "link", "description"), "")
    problems.at_most_one(channel, "channel", ("language", "pubDate", "lastBuildDate"), "")
    problems.children(channel, "channel", RSS_CHANNEL_CHILDREN, "")
    problems.absolute("channel link", channel.findtext("link"))
    selves = [x for x in channel.findall(A + "link") if x.get("rel") == "self"]
    if len(selves) != 1:
        problems.append(f"channel: {len(selves)} <atom:link rel=self>; expected one")
    newest = None
    for n, item in enumerate(channel.findall("item")):
        where = f"item {n}"
        if item.find("title") is None and item.find("description") is None:
            problems.append(f"{where}: neither <title> nor <description>")
        problems.at_most_one(item, where, ("title", "link", "description", "guid", "pubDate"), "")
        problems.children(item, where, RSS_ITEM_CHILDREN, "")
        problems.absolute(f"{where} link", item.findtext("link"))
        guid = item.find("guid")
        if guid is not None and guid.get("isPermaLink", "true") == "true":
            problems.absolute(f"{where} guid", guid.text)
        if item.find("pubDate") is not None:
            when = rfc822(item.findtext("pubDate"))
            if when is None:
                problems.append(f"{where} pubDate {item.findtext('pubDate')!r} is not RFC 822")
            else:
                newest = when if newest is None else max(newest, when)
    if channel.find("pubDate") is not None:
        when = rfc822(channel.findtext("pubDate"))
        if when is None:
            problems.append(f"channel pubDate {channel.findtext('pubDate')!r} is not RFC 822")
        elif newest and when != newest:
            problems.append(f"channel pubDate {when} is not the newest item's {newest}")
    return list(problems)
