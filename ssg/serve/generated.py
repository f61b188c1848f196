"""Feeds and the sitemap of the in-memory site, made again only when what they show changed.

A feed shows the newest posts of the site or of one tag (`feeds.limit`), so an
edit to an older post leaves every feed as it was; the sitemap lists the page
plan, which a body edit does not change. The key of each is everything its
writer reads, compared by value (unchanged posts are the same objects).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ssg.core.model import Post, Site
from ssg.core.page import FEED_TYPES, PageMeta
from ssg.output import feeds, sitemap


class GeneratedFiles:
    """The feed files and sitemap.xml, as bytes, cached by their inputs."""

    def __init__(self) -> None:
        self._feeds: dict[str, tuple[Any, dict[str, bytes]]] = {}
        self._sitemap: tuple[Any, bytes] | None = None

    def feed_files(self, site: Site) -> dict[str, bytes]:
        """What `feeds.feed_files(site)` returns, encoded; families with new inputs only."""
        cfg = site.config
        families: list[tuple[str, str, Sequence[Post]]] = [("", "", site.posts)]
        if cfg.feeds.per_tag:
            families += [(tag.url, tag.name, tag.posts) for tag in site.tags]
        out: dict[str, bytes] = {}
        fresh: dict[str, tuple[Any, dict[str, bytes]]] = {}
        for prefix, label, posts in families:
            shown = tuple(posts[: cfg.feeds.limit] if cfg.feeds.limit else posts)
            key = (cfg, site.build_time, site.today, label, shown)
            done = self._feeds.get(prefix)
            if done is None or done[0] != key:
                spec = feeds.FeedSpec(site, posts, prefix, label)
                files = {
                    prefix + FEED_TYPES[kind][0]: feeds.WRITERS[kind](spec).encode("utf-8")
                    for kind in cfg.feeds.formats
                }
                done = (key, files)
            fresh[prefix] = done
            out.update(done[1])
        self._feeds = fresh
        return out

    def sitemap(self, site: Site, pages: Sequence[PageMeta]) -> bytes:
        key = (site.config, tuple(pages))
        if self._sitemap is None or self._sitemap[0] != key:
            self._sitemap = (key, sitemap.sitemap(site.config, pages).encode("utf-8"))
        return self._sitemap[1]
