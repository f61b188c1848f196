"""The places fan communities gather, as `platform:` keys and their section headings.

Kept apart from the loader, with no imports, so `ssg new community --help`
lists them without loading the rest of the package. The order is the order of
the directory's sections; "other" stays last.
"""

from __future__ import annotations


def N_(message: str) -> str:  # noqa: N802 - marks a label for the catalogue, as in ssg.core.i18n
    return message


PLATFORMS: dict[str, str] = {
    "forum": N_("Forums"),
    "subreddit": N_("Subreddits"),
    "discord": N_("Discord servers"),
    "facebook-group": N_("Facebook groups"),
    "fan-site": N_("Fan sites"),
    "wiki": N_("Wikis"),
    "mastodon": N_("Mastodon"),
    "youtube": N_("YouTube channels"),
    "podcast": N_("Podcasts"),
    "meetup": N_("Meetups"),
    "newsletter": N_("Newsletters"),
    "instagram": N_("Instagram"),
    "bluesky": N_("Bluesky"),
    "slack": N_("Slack workspaces"),
    "telegram": N_("Telegram groups"),
    "twitch": N_("Twitch channels"),
    "matrix": N_("Matrix rooms"),
    "github-discussions": N_("GitHub Discussions"),
    "whatsapp": N_("WhatsApp groups"),
    "tiktok": N_("TikTok"),
    "other": N_("Other places"),
}


def platform_key(name: str) -> str | None:
    """The platform key for a name as people write it: any case, spaces or hyphens."""
    key = "-".join(name.casefold().replace("_", " ").replace("-", " ").split())
    return key if key in PLATFORMS else None
