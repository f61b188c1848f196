"""The communities directory as pages: the directory, one page per platform,
per segment and per community, and the home page's featured communities.

Filtering works without JavaScript because every filter is a static page.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from ssg.communities import PLATFORMS, group_by_platform, run_by_label, segments_index
from ssg.model import Community, Site
from ssg.pages import Job, PageMeta, feed_links
from ssg.urls import slugify

FEATURED = 6
SINGULAR = {
    "forum": "Forum",
    "subreddit": "Subreddit",
    "discord": "Discord server",
    "facebook-group": "Facebook group",
    "fan-site": "Fan site",
    "wiki": "Wiki",
    "mastodon": "Mastodon",
    "youtube": "YouTube channel",
    "podcast": "Podcast",
    "meetup": "Meetup",
    "newsletter": "Newsletter",
    "other": "Other",
}


def active(site: Site) -> list[Community]:
    return [c for c in site.communities if c.status == "active"]


def home_context(site: Site) -> dict[str, Any]:
    """Featured on the home page: the most recently reviewed active communities."""
    current = sorted(active(site), key=lambda c: (-c.reviewed.toordinal(), c.name.casefold()))
    return {"communities": current[:FEATURED], "communities_total": len(current)}


def _filters(site: Site) -> dict[str, Any]:
    """Filter pages cover every listed community, archived ones included (marked as such)."""
    shown = site.communities
    platforms = [(key, label, len(items)) for key, label, items in group_by_platform(shown)]
    segments = [(slugify(name), len(items)) for name, items in segments_index(shown)]
    return {"platforms": platforms, "segments": segments}


def plan_pages(site: Site) -> Iterator[Job]:
    if not site.communities:
        return
    brand, feeds = site.config.brand, feed_links(site)
    current = active(site)
    archived = [c for c in site.communities if c.status == "archived"]
    filters = _filters(site)
    intro = (
        f"Places where people who use {brand} products already gather, run by their own members."
    )
    yield Job(
        "communities.html",
        PageMeta("communities", "communities/", "Communities", intro, feeds=feeds),
        {
            "groups": group_by_platform(current),
            "archived": archived,
            "total": len(current),
            **filters,
        },
    )
    for key, label, items in group_by_platform(site.communities):
        meta = PageMeta(
            "community_platform",
            f"communities/platform/{key}/",
            label,
            f"{label} where {brand} users gather.",
            feeds=feeds,
        )
        yield Job(
            "community_list.html",
            meta,
            {"heading": label, "intro": meta.description, "communities": items, **filters},
        )
    for name, items in segments_index(site.communities):
        heading = f"Communities for {name}"
        meta = PageMeta(
            "community_segment",
            f"communities/segment/{slugify(name)}/",
            heading,
            f"Communities for {name}, run by their members.",
            feeds=feeds,
        )
        yield Job(
            "community_list.html",
            meta,
            {"heading": heading, "intro": meta.description, "communities": items, **filters},
        )
    for community in site.communities:
        meta = PageMeta(
            "community", community.page_url, community.name, community.summary, feeds=feeds
        )
        yield Job("community.html", meta, {"community": community})


def template_globals(site: Site) -> dict[str, Callable[..., str]]:
    brand = site.config.brand
    return {
        "platform_label": lambda key: SINGULAR.get(key) or PLATFORMS.get(key, key),
        "run_by_label": lambda community: run_by_label(community, brand),
    }
