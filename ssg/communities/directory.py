"""The communities directory as pages: the directory, one page per platform,
per segment and per community, and the home page's featured communities.

Filtering works without JavaScript because every filter is a static page.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

from ssg.communities.activity import latest
from ssg.communities.load import PLATFORMS, run_by_label
from ssg.core.i18n import N_, language
from ssg.core.model import Community, Site
from ssg.core.page import FeedLink, Job, PageMeta, feed_links
from ssg.core.urls import slugify

FEATURED = 6
SINGULAR = {
    "forum": N_("Forum"),
    "subreddit": N_("Subreddit"),
    "discord": N_("Discord server"),
    "facebook-group": N_("Facebook group"),
    "fan-site": N_("Fan site"),
    "wiki": N_("Wiki"),
    "mastodon": N_("Mastodon"),
    "youtube": N_("YouTube channel"),
    "podcast": N_("Podcast"),
    "meetup": N_("Meetup"),
    "newsletter": N_("Newsletter"),
    "slack": N_("Slack workspace"),
    "telegram": N_("Telegram group"),
    "twitch": N_("Twitch channel"),
    "matrix": N_("Matrix room"),
    "whatsapp": N_("WhatsApp group"),
    "other": N_("Other"),
}


def group_by_platform(
    communities: Iterable[Community], lang: str = "en"
) -> list[tuple[str, str, list[Community]]]:
    """(platform key, label, entries) in PLATFORMS order, leaving out empty groups."""
    items, t = list(communities), language(lang)
    groups = [
        (key, t.gettext(label), [c for c in items if c.platform == key])
        for key, label in PLATFORMS.items()
    ]
    return [group for group in groups if group[2]]


def segments_index(communities: Iterable[Community]) -> list[tuple[str, list[Community]]]:
    """(segment, communities tagged with it) sorted by segment, entries in input order."""
    index: dict[str, list[Community]] = {}
    for c in communities:
        for segment in c.segments:
            index.setdefault(segment, []).append(c)
    return sorted(index.items())


def active(site: Site) -> list[Community]:
    return [c for c in site.communities if c.status == "active"]


def home_context(site: Site) -> dict[str, Any]:
    """Featured on the home page: the most recently reviewed active communities."""
    current = sorted(active(site), key=lambda c: (-c.reviewed.toordinal(), c.name.casefold()))
    return {
        "communities": current[:FEATURED],
        "communities_total": len(current),
        "community_activity": latest(site),
    }


def _filters(site: Site) -> dict[str, Any]:
    """Filter pages cover every listed community, archived ones included (marked as such)."""
    shown, lang = site.communities, site.config.language
    platforms = [(key, label, len(items)) for key, label, items in group_by_platform(shown, lang)]
    segments = [(slugify(name), len(items)) for name, items in segments_index(shown)]
    return {"platforms": platforms, "segments": segments}


def _list_page(
    kind: str,
    url: str,
    heading: str,
    description: str,
    items: list[Community],
    filters: dict[str, Any],
    feeds: tuple[FeedLink, ...],
) -> Job:
    """A filtered list: one platform or one segment, as a page of its own."""
    meta = PageMeta(kind, url, heading, description, feeds=feeds)
    context = {"heading": heading, "intro": description, "communities": items, **filters}
    return Job("community_list.html", meta, context)


def plan_pages(site: Site) -> Iterator[Job]:
    """The directory; its index exists even when empty, so a new hub's nav link works."""
    brand, feeds, lang = site.config.brand, feed_links(site), site.config.language
    t = language(lang)
    current = active(site)
    archived = [c for c in site.communities if c.status == "archived"]
    filters = _filters(site)
    intro = t.gettext(
        "Places where people who use {brand} products already gather, run by their own members."
    ).format(brand=brand)
    yield Job(
        "communities.html",
        PageMeta("communities", "communities/", t.gettext("Communities"), intro, feeds=feeds),
        {
            "groups": group_by_platform(current, lang),
            "archived": archived,
            "total": len(current),
            **filters,
        },
    )
    for key, label, items in group_by_platform(site.communities, lang):
        url = f"communities/platform/{key}/"
        description = t.gettext("{platforms} where {brand} users gather.").format(
            platforms=label, brand=brand
        )
        yield _list_page("community_platform", url, label, description, items, filters, feeds)
    for name, items in segments_index(site.communities):
        url = f"communities/segment/{slugify(name)}/"
        heading = t.gettext("Communities for {segment}").format(segment=name)
        description = t.gettext("Communities for {segment}, run by their members.").format(
            segment=name
        )
        yield _list_page("community_segment", url, heading, description, items, filters, feeds)
    for community in site.communities:
        meta = PageMeta(
            "community", community.page_url, community.name, community.summary, feeds=feeds
        )
        yield Job("community.html", meta, {"community": community})


def template_globals(site: Site) -> dict[str, Callable[..., Any]]:
    brand, t = site.config.brand, language(site.config.language)
    return {
        "platform_label": lambda key: t.gettext(SINGULAR.get(key) or PLATFORMS.get(key, key)),
        "run_by_label": lambda community: run_by_label(community, brand, t),
        "community_items": lambda community: [(item, community) for item in community.items],
    }
