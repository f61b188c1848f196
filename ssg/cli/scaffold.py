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

from ssg.communities.load import EXPECTED, PLATFORMS, RUN_BY
from ssg.communities.weburls import url_problem
from ssg.core.model import Config
from ssg.core.urls import slugify


def post_text(title: str, today: dt.date, author: str = "") -> str:
    """Front matter with every field a post needs; JSON strings are valid YAML strings."""
    return (
        "---\n"
        f"title: {json.dumps(title, ensure_ascii=False)}\n"
        f"date: {today.isoformat()} 09:00\n"
        'summary: "One sentence: why a reader should care about this post."\n'
        "tags: []\n"
        f"author: {json.dumps(author, ensure_ascii=False)}\n"
        "draft: true\n"
        "---\n\n"
        "Write the post here. Remove `draft: true` above when it is ready to publish.\n"
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


def new_community(
    root: Path, url: str, name: str, platform: str, run_by: str, today: dt.date
) -> Path:
    slug, text = community_file(url, name, platform, today, run_by=run_by)
    return _write_new(root / "content" / "communities" / f"{slug}.md", text)


SUMMARY_PLACEHOLDER = "What people get there, in one sentence (edit me)"
BODY_PLACEHOLDER = (
    "Describe the community for someone deciding whether to join: what happens there,\n"
    "who it suits, and how to take part. (Replace this paragraph.)\n"
)


def community_file(
    url: str, name: str, platform: str, today: dt.date, run_by: str = "fans"
) -> tuple[str, str]:
    """(slug, file text) for a new community file that passes validation as written.

    The slug comes from the name (or from the address when the name has no
    Latin letters or digits). Raises ValueError with a message for the CLI.
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
    if platform not in PLATFORMS:
        raise ValueError(f"unknown platform {platform!r}; expected {EXPECTED['platform']}")
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
        f"summary: {quote(SUMMARY_PLACEHOLDER)}\n"
        f"run_by: {run_by}\n"
        f"reviewed: {today.isoformat()}\n"
        "segments: []\n"
        "status: active\n"
        "# language: en        # defaults to the site language\n"
        "# region: Europe\n"
        "# feed: https://example.org/feed.xml\n"
        "---\n\n" + BODY_PLACEHOLDER
    )
    return slug, text
