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
from collections.abc import Callable

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


# Letters that Unicode does not decompose into an ASCII base letter plus accents.
_TRANSLITERATE = str.maketrans(
    {"ß": "ss", "ẞ": "SS", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ø": "o", "Ø": "O"}
    | {"ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "þ": "th", "Þ": "TH"}
    | {"ı": "i", "ħ": "h", "Ħ": "H"}
)


@functools.lru_cache(maxsize=4096)  # tags repeat across thousands of posts
def slugify(text: str) -> str:
    """Lower-case ASCII words joined by hyphens ("Café Meetups!" -> "cafe-meetups").

    Accented letters lose their accents and a few others are spelled out
    ("Straße" -> "strasse"); anything else that is not a letter or digit
    (dots, spaces, slashes, `..`) becomes a single hyphen, so the result is
    always one safe path segment, or empty.
    """
    text = text.translate(_TRANSLITERATE)
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


@functools.lru_cache(maxsize=65536)  # lists and tags link to the same places from many pages
def _relative(target: str, from_dir: str) -> str:
    """The core of `relative_url`: `posixpath.relpath` was a third of template time.

    Clean site paths (no empty, `.` or `..` segments) take a short path that drops
    the common folders; anything else goes through `posixpath.relpath` as before.
    """
    if from_dir == "/":
        from_dir = ""
    to_parts, from_parts = target.split("/"), from_dir.split("/")
    if to_parts[-1] == "":
        to_parts.pop()
    if from_parts[-1] == "":
        from_parts.pop()
    if _UNCLEAN.isdisjoint(to_parts) and _UNCLEAN.isdisjoint(from_parts):
        common = 0
        for a, b in zip(to_parts, from_parts, strict=False):
            if a != b:
                break
            common += 1
        rel = "/".join([".."] * (len(from_parts) - common) + to_parts[common:]) or "."
    else:
        rel = posixpath.relpath("/" + target, "/" + from_dir)
    if target == "" or target.endswith("/"):
        rel = "./" if rel == "." else rel + "/"
    return rel


_UNCLEAN = frozenset(("", ".", ".."))


def linker(from_path: str) -> Callable[[str], str]:
    """`relative_url` from one page, its folder split once: a page links to some twenty places.

    Each page's folder is its own, so a cache of (target, folder) pairs never
    hits across pages; splitting the folder once per page is what can be saved.
    """
    from_dir = (
        from_path
        if from_path.endswith("/") or from_path == ""
        else posixpath.dirname(from_path) + "/"
    )
    from_parts = [] if from_dir in ("", "/") else from_dir.split("/")
    if from_parts and from_parts[-1] == "":
        from_parts.pop()
    if not _UNCLEAN.isdisjoint(from_parts):
        return functools.partial(relative_url, from_path)
    depth = len(from_parts)

    def link(to_path: str) -> str:
        target, hash_, fragment = to_path.partition("#")
        to_parts = target.split("/")
        if to_parts[-1] == "":
            to_parts.pop()
        if not _UNCLEAN.isdisjoint(to_parts):
            return relative_url(from_path, to_path)
        common = 0
        for a, b in zip(to_parts, from_parts, strict=False):
            if a != b:
                break
            common += 1
        rel = "/".join([".."] * (depth - common) + to_parts[common:]) or "."
        if target == "" or target.endswith("/"):
            rel = "./" if rel == "." else rel + "/"
        return rel + (hash_ + fragment if hash_ else "")

    return link


def absolute_url(base_url: str, site_path: str) -> str:
    return base_url + site_path.lstrip("/")


def permalink(pattern: str, slug: str, year: int, month: int, day: int) -> str:
    """Fill a permalink pattern such as `/posts/{slug}/` into a site path."""
    path = pattern.format(slug=slug, year=f"{year:04d}", month=f"{month:02d}", day=f"{day:02d}")
    return path.lstrip("/")
