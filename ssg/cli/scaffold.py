"""`ssg new post` and `ssg new community`: files that pass validation as written.

They never overwrite: an existing file is an error, so nothing the user wrote
is lost.
"""

from __future__ import annotations

import datetime as dt
import json
import unicodedata
from pathlib import Path
from urllib.parse import urlsplit

from ssg.communities.load import EXPECTED, RUN_BY
from ssg.communities.platforms import PLATFORMS, platform_key
from ssg.communities.weburls import url_problem
from ssg.content import placeholders
from ssg.core.model import Config
from ssg.core.suggest import unknown
from ssg.core.urls import slugify


def post_text(title: str, today: dt.date, author: str = "") -> str:
    """Front matter with every field a post needs; JSON strings are valid YAML strings."""
    return (
        "---\n"
        f"title: {json.dumps(title, ensure_ascii=False)}\n"
        f"date: {today.isoformat()} 09:00\n"
        f"summary: {json.dumps(placeholders.POST_SUMMARY)}\n"
        "tags: []\n"
        f"author: {json.dumps(author, ensure_ascii=False)}\n"
        "draft: true   # remove this line to publish; the placeholders must be replaced first\n"
        "---\n\n"
        f"{placeholders.POST_BODY}\n"
    )


def _write_new(path: Path, text: str) -> Path:
    if path.exists():
        raise ValueError(f"{path} already exists; choose another title")
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as handle:
        handle.write(text)
    return path


def new_post(root: Path, config: Config, title: str, today: dt.date) -> Path:
    slug = slugify(title)
    if not slug:
        raise ValueError(f"title {title!r} has no letters or digits to make a file name from")
    return _write_new(
        root / "content" / "posts" / f"{today.isoformat()}-{slug}.md", post_text(title, today)
    )


def new_community(root: Path, url: str, name: str, platform: str, run_by: str) -> Path:
    slug, text = community_file(url, name, platform, run_by)
    return _write_new(root / "content" / "communities" / f"{slug}.md", text)


def community_file(url: str, name: str, platform: str, run_by: str) -> tuple[str, str]:
    """(slug, file text) for a new community file, with placeholders left to fill in.

    The file is refused by the build until a person writes the summary and the
    body and fills in `reviewed` on the day they checked the link: a directory
    entry nobody looked at must not go live. `run_by` is never guessed. The
    slug comes from the name (or from the address when the name has no Latin
    letters or digits). Raises ValueError with a message for the CLI.
    """
    url = url.strip()
    name = " ".join(name.split())
    problem = url_problem(url)
    if problem:
        raise ValueError(f"bad URL: {problem}")
    if not name or any(unicodedata.category(ch) == "Cc" for ch in name):
        raise ValueError(
            "--name must be the community's name as plain text, e.g. --name 'Tinkerers Forum'"
        )
    key = platform_key(platform)
    if key is None:
        raise ValueError(unknown("platform", platform, PLATFORMS))
    platform = key
    if run_by not in RUN_BY:
        raise ValueError(f"unknown run_by {run_by!r}; expected {EXPECTED['run_by']}")
    parts = urlsplit(url)
    slug = slugify(name) or slugify(f"{parts.hostname or ''}{parts.path}".removeprefix("www."))
    slug = slug[:60].strip("-")
    if not slug:
        raise ValueError(f"cannot make a file name from {name!r} or {url!r}; use a Latin name")

    def quote(text: str) -> str:  # a JSON string is a valid YAML double-quoted scalar
        return json.dumps(text, ensure_ascii=False)

    text = (
        "---\n"
        f"name: {quote(name)}\n"
        f"url: {quote(url)}\n"
        f"platform: {platform}\n"
        f"summary: {quote(placeholders.COMMUNITY_SUMMARY)}\n"
        f"run_by: {run_by}\n"
        "reviewed:   # the day a person checked the link and this text, such as 2026-01-31\n"
        "segments: []\n"
        "status: active\n"
        "# language: en        # defaults to the site language\n"
        "# region: Europe\n"
        "# feed: https://example.org/feed.xml\n"
        "---\n\n"
        f"{placeholders.COMMUNITY_BODY} What happens there, who it suits, how to take part.\n"
    )
    return slug, text
