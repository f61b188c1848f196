"""Site paths, relative links and slugs.

Pages link to each other with *relative* URLs, so the same output works when
served from the domain root and from the `base_url` sub-path, on any static
host. Only canonical links, feeds and the sitemap use absolute URLs.
"""

from __future__ import annotations

import functools
import posixpath
import re
import unicodedata

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@functools.lru_cache(maxsize=4096)  # tags repeat across thousands of posts
def slugify(text: str) -> str:
    """Lower-case ASCII words joined by hyphens ("Café Meetups!" -> "cafe-meetups")."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def output_file(site_path: str) -> str:
    """The file a site path is written to: directories get an index.html."""
    if site_path == "" or site_path.endswith("/"):
        return site_path + "index.html"
    return site_path


@functools.lru_cache(maxsize=1 << 16)  # pages link the same pairs again and again
def relative_url(from_path: str, to_path: str) -> str:
    """Link from the page at `from_path` to `to_path`, both site paths.

    `relative_url("posts/a/", "tags/x/") == "../../tags/x/"`; fragments are kept.
    """
    target, hash_, fragment = to_path.partition("#")
    from_dir = (
        from_path
        if from_path.endswith("/") or from_path == ""
        else posixpath.dirname(from_path) + "/"
    )
    return _relative(target, from_dir) + (hash_ + fragment if hash_ else "")


@functools.lru_cache(maxsize=65536)  # every page links to the same few hundred places
def _relative(target: str, from_dir: str) -> str:
    """The cached core of `relative_url`: `posixpath.relpath` is a third of template time."""
    if from_dir == "/":
        from_dir = ""
    rel = posixpath.relpath("/" + target, "/" + from_dir)
    if target == "" or target.endswith("/"):
        rel = "./" if rel == "." else rel + "/"
    return rel


def absolute_url(base_url: str, site_path: str) -> str:
    return base_url + site_path.lstrip("/")


def permalink(pattern: str, slug: str, year: int, month: int, day: int) -> str:
    """Fill a permalink pattern such as `/posts/{slug}/` into a site path."""
    path = pattern.format(slug=slug, year=f"{year:04d}", month=f"{month:02d}", day=f"{day:02d}")
    return path.lstrip("/")
