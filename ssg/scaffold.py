"""`ssg new post` and `ssg new community`: files that pass validation as written.

They never overwrite: an existing file is an error, so nothing the user wrote
is lost.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from ssg.communities import community_file
from ssg.model import Config
from ssg.urls import slugify


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
    return _write_new(root / "content" / "posts" / f"{today.isoformat()}-{slug}.md", post_text(title, today))


def new_community(root: Path, url: str, name: str, platform: str, run_by: str, today: dt.date) -> Path:
    slug, text = community_file(url, name, platform, today, run_by=run_by)
    return _write_new(root / "content" / "communities" / f"{slug}.md", text)
