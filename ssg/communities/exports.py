"""Machine-readable community lists: `/communities.json` and `/communities.opml`.

Both are pure functions of the model returning text, byte-for-byte the same
for the same input (sorted entries, sorted JSON keys, no build time unless it
is passed in), so rebuilding an unchanged hub changes no file.
"""

from __future__ import annotations

import datetime as dt
import json
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from email.utils import format_datetime

from ssg.communities.load import PLATFORMS, run_by_label
from ssg.core.i18n import language
from ssg.core.model import Community, Config
from ssg.core.page import ACTIVITY_FEEDS, activity_title

JSON_VERSION = 1
OPML_DOCS = "http://opml.org/spec2.opml"


def _brand(config: Config) -> str:
    return config.brand or config.title


def community_record(community: Community, config: Config) -> dict:
    """Every field of one community, as plain JSON values (empty optional values are null)."""
    c, t = community, language(config.language)
    return {
        "slug": c.slug,
        "name": c.name,
        "url": c.url,
        "platform": c.platform,
        "platform_label": t.gettext(PLATFORMS[c.platform]),
        "summary": c.summary,
        "run_by": c.run_by,
        "run_by_label": run_by_label(c, _brand(config), t),
        "reviewed": c.reviewed.isoformat(),
        "segments": list(c.segments),
        "language": c.language,
        "region": c.region or None,
        "feed": c.feed or None,
        "status": c.status,
        "page_url": config.base_url + c.page_url,
        "description_markdown": c.body.strip(),
    }


def communities_json(communities: Iterable[Community], config: Config) -> str:
    """The whole directory as JSON, communities sorted by slug, keys sorted."""
    data = {
        "version": JSON_VERSION,
        "title": config.title,
        "home_page_url": config.base_url,
        "communities": [
            community_record(c, config) for c in sorted(communities, key=lambda c: c.slug)
        ],
    }
    return json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def opml_entries(communities: Iterable[Community]) -> list[Community]:
    """The communities a feed reader can follow: active ones that declare a feed, by name.

    Archived communities are left out: subscribing to a place that is no
    longer active is not useful, even if its old feed still answers.
    """
    chosen = [c for c in communities if c.feed and c.status == "active"]
    return sorted(chosen, key=lambda c: (c.name.casefold(), c.slug))


def communities_opml(
    communities: Iterable[Community], config: Config, date_created: dt.datetime | None = None
) -> str:
    """An OPML 2.0 subscription list of the community feeds (see `opml_entries`)."""
    root = ET.Element("opml", version="2.0")
    head = ET.SubElement(root, "head")
    title = language(config.language).gettext("{title}: communities")
    ET.SubElement(head, "title").text = title.format(title=config.title)
    if date_created is not None:
        ET.SubElement(head, "dateCreated").text = format_datetime(date_created)
    ET.SubElement(head, "ownerName").text = _brand(config)
    ET.SubElement(head, "docs").text = OPML_DOCS
    body = ET.SubElement(root, "body")
    communities = list(communities)
    if any(c.items for c in communities if c.status == "active"):  # the combined feed first
        title = activity_title(config)
        attrs = {"text": title, "title": title, "type": "rss"}
        attrs["xmlUrl"] = config.base_url + ACTIVITY_FEEDS["atom"]
        attrs["htmlUrl"] = config.base_url + "communities/"
        attrs["language"] = config.language
        ET.SubElement(body, "outline", attrs)
    for c in opml_entries(communities):
        ET.SubElement(
            body,
            "outline",
            {
                "text": c.name,
                "title": c.name,
                "type": "rss",
                "xmlUrl": c.feed,
                "htmlUrl": c.url,
                "description": c.summary,
                "language": c.language,
            },
        )
    ET.indent(root, space="  ")
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
