"""`ssg init DIR --brand NAME --base-url URL`: a new hub with nothing of the demo in it.

The files are checked with the same config loader as a build before anything
is written, so a bad `--base-url` or `--timezone` is an error naming the
option, and a folder that already holds files is never touched.
"""

from __future__ import annotations

import datetime as dt
import html
import json
from pathlib import Path

from ssg.cli import starter
from ssg.communities.platforms import PLATFORMS
from ssg.config.load import parse_config
from ssg.core.diagnostics import SsgError, error
from ssg.core.yamlfile import load_yaml

OPTION_OF = {"base_url": "--base-url", "language": "--language", "timezone": "--timezone"}


def _json(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def hub_files(
    brand: str, base_url: str, language: str, timezone: str, today: dt.date
) -> dict[str, str]:
    """Every file of the new hub, by path relative to its folder."""
    md_brand = html.escape(brand, quote=False)  # Markdown passes HTML through: keep it text
    values = {
        "brand": md_brand,
        "brand_plain": brand.replace('"', "'"),
        "brand_json": _json(brand),
        "title_json": _json(f"{brand} Community Hub"),
        "description_json": _json(
            f"News, guides and events from {brand}, and the communities where people already meet."
        ),
        "base_url_json": _json(base_url),
        "language": language,
        "timezone": timezone,
        "about_title_json": _json(f"About {brand} and this hub"),
        "about_summary_json": _json(
            f"Who runs this hub, what you will find here, and how {brand} "
            "relates to the communities it lists."
        ),  # fmt: skip
        "contribute_summary_json": _json("How to propose a post or add a community."),
        "conduct_summary_json": _json("How we treat each other here, and what to do if not."),
        "report": f"Tell the {md_brand} team: open an issue in this hub's repository, or for a "
        "private matter, write to the people who maintain it.",
        "welcome_title_json": _json(f"Welcome to the {brand} community hub"),
        "welcome_summary_json": _json(
            f"What this hub is for, and where to find people who use {brand} products."
        ),
        "today": today.isoformat(),
        "platforms": ", ".join(PLATFORMS),
    }
    return {
        "site.yaml": starter.fill(starter.SITE_YAML, values),
        "content/pages/about.md": starter.fill(starter.ABOUT, values),
        "content/pages/contribute.md": starter.fill(starter.CONTRIBUTE, values),
        "content/pages/code-of-conduct.md": starter.fill(starter.CONDUCT, values),
        f"content/posts/{today.isoformat()}-welcome.md": starter.fill(starter.WELCOME, values),
        "content/communities/README.txt": starter.fill(starter.COMMUNITIES_README, values),
        "static/.gitkeep": "",
        ".github/workflows/hub.yml": starter.WORKFLOW,
        ".gitignore": starter.GITIGNORE,
    }


def _check(site_yaml: str, brand: str) -> None:
    """The site.yaml the options make must load; errors name the option to fix."""
    problems = []
    if not brand.strip() or any(ord(ch) < 32 for ch in brand):
        problems.append(error("--brand", 0, "expected the brand's name as plain text", "input"))
    data, diags = load_yaml(site_yaml, "site.yaml")
    if not diags:
        _, diags = parse_config(data, "site.yaml")
    for diag in diags:
        key = next((k for k in OPTION_OF if diag.message.startswith(k)), None)
        where = OPTION_OF.get(key or "", "--brand")
        problems.append(error(where, 0, diag.message.removeprefix(f"{key}: "), "input"))
    if problems:
        raise SsgError(problems)


def init_hub(
    folder: Path, brand: str, base_url: str, language: str, timezone: str, today: dt.date
) -> list[Path]:
    """Write a new hub into `folder` (created, or empty); returns the files written."""
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        message = "is not an empty folder; ssg init never writes over files, choose a new one"
        raise SsgError([error(str(folder), 0, message, "input")])
    files = hub_files(" ".join(brand.split()), base_url, language, timezone, today)
    _check(files["site.yaml"], brand)
    written = []
    for rel, text in files.items():
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        written.append(path)
    return written
