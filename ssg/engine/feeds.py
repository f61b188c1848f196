"""Feed files kept from the last build when what they show is unchanged, as pages are.

A feed shows the newest posts of the site or of one tag (`feeds.limit`) with
their whole text, so an edit to an older post, or to a post of another tag,
leaves it as it was. Its key is everything the writer reads: the settings,
the build's date and time (an empty feed's `updated`), the family's title,
description and folder, the posts it shows with their text, and the writer's
own code with ssg's version. A feed whose key and file are unchanged is `KEPT`:
not written, not even read back to be compared.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from pathlib import Path

from ssg import __version__
from ssg.core.model import Site
from ssg.engine.digest import Digester, Unstable
from ssg.engine.pages import PageRecord
from ssg.output import feeds
from ssg.output.write import KEPT, Kept


@functools.cache
def _writer_code() -> bytes:
    """The feed writer's source: a changed writer (a new ssg) writes every feed again."""
    return __version__.encode() + Path(feeds.__file__).read_bytes()


def feed_files(
    site: Site, previous: Mapping[str, PageRecord], digester: Digester | None = None
) -> tuple[dict[str, str | Kept], dict[str, PageRecord]]:
    """Every feed file (text, or KEPT when its record in `previous` has the same key).

    Also returns each file's record for the next build. `digester`: the build's
    hasher, so a post in both feeds and pages is hashed once.
    """
    digester = digester or Digester()
    common = digester.hexdigest(_writer_code(), site.config, site.build_time, site.today)
    files: dict[str, str | Kept] = {}
    records: dict[str, PageRecord] = {}
    for spec in feeds.families(site):
        try:
            shown = [digester.text_digest(post) for post in spec.posts]
            family = digester.hexdigest(common, spec.prefix, spec.title, spec.description, shown)
        except Unstable:  # no stable hash: written, and never kept
            family = None
        for kind in site.config.feeds.formats:
            name = feeds.feed_file(spec, kind)
            key = family and f"{kind}:{family}"
            last = previous.get(name)
            if key is not None and last is not None and last.key == key:
                files[name] = KEPT
            else:
                files[name] = feeds.WRITERS[kind](spec)
            if key is not None:
                records[name] = PageRecord(key, ())
    return files, records
