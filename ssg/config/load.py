"""Stage 1: read `site.yaml` into a typed, validated `Config`.

Unknown keys, wrong types and bad values are errors at `site.yaml:LINE` that
name the expected form; nothing quietly falls back to a default. Every problem
in the file is reported in one run.
"""

from __future__ import annotations

import re
import zoneinfo
from pathlib import Path
from typing import Any
from urllib.parse import SplitResult, urlsplit

from ssg.config import theming
from ssg.config.reader import Reader as _Reader
from ssg.config.reader import section as _section
from ssg.config.themes import check_theme
from ssg.core.diagnostics import Diagnostic, SsgError, error
from ssg.core.i18n import cldr_locale
from ssg.core.model import CommunitiesConfig, Config, FeedConfig, NavItem, PrivacyConfig
from ssg.core.paths import outside_link
from ssg.core.suggest import did_you_mean
from ssg.core.yamlfile import LineDict, load_yaml, read_text

CONFIG_NAME = "site.yaml"
LANGUAGE_RE = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
FEED_FORMATS = ("atom", "rss", "json")
THEME_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*")
PERMALINK_TOKENS = {"slug", "year", "month", "day"}


def _valid_timezone(name: str) -> bool:
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return False
    return True


def _zone_hint(name: object) -> str:
    """ " did you mean 'Europe/Berlin'?" for a misspelt zone; read only when a zone is wrong."""
    return did_you_mean(name, sorted(zoneinfo.available_timezones())) if name else ""


def _split(url: str) -> SplitResult | None:
    """urlsplit, or None for what it cannot parse (bad IPv6 brackets, a port over 65535)."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a bad port
    except ValueError:
        return None
    return parts


def _valid_base_url(url: str) -> bool:
    parts = _split(url)
    return (
        parts is not None
        and not parts.username
        and parts.scheme in ("http", "https")
        and bool(parts.hostname)
        and not parts.query
        and not parts.fragment
    )


def _valid_origin(origin: str) -> bool:
    parts = _split(origin)
    return (
        parts is not None
        and parts.scheme in ("http", "https")
        and bool(parts.hostname)
        and parts.path in ("", "/")
    )


def _valid_permalink(pattern: str) -> bool:
    tokens = set(re.findall(r"{(\w+)}", pattern))
    return (
        pattern.startswith("/")
        and pattern.endswith("/")
        and "slug" in tokens
        and tokens <= PERMALINK_TOKENS
        and "//" not in pattern
    )


def _nav(raw: Any, reader: _Reader) -> tuple[NavItem, ...]:
    if raw is None:
        return ()
    items = []
    for entry in raw:
        if not isinstance(entry, LineDict):
            reader.fail("nav", "each entry must be a mapping like {title: About, url: /about/}")
            continue
        sub = _Reader(entry, reader.path, "nav[]: ", reader.diags)
        sub.unknown({"title", "url"})
        title = sub.get("title", str, "the link text", required=True)
        url = sub.get("url", str, "a site path such as /about/ or an https:// URL", required=True)
        if title is None or url is None:
            continue
        if url.startswith(("http://", "https://")):
            items.append(NavItem(title, url, entry.line))
        elif url.startswith("/"):
            items.append(NavItem(title, url.lstrip("/"), entry.line))
        else:
            sub.fail(
                "url", f"expected a site path starting with '/' or an https:// URL, got {url!r}"
            )
    return tuple(items)


def _feeds(data: LineDict, path: str, diags: list[Diagnostic]) -> FeedConfig:
    r = _section(data, "feeds", path, diags)
    r.unknown({"formats", "limit", "per_tag"})
    formats = r.get(
        "formats", list, f"a list drawn from {', '.join(FEED_FORMATS)}", list(FEED_FORMATS)
    )
    if any(f not in FEED_FORMATS for f in formats):
        r.fail("formats", f"expected a list drawn from {', '.join(FEED_FORMATS)}, got {formats!r}")
        formats = list(FEED_FORMATS)
    limit = r.get("limit", int, "a whole number of posts (0 for all)", 20)
    limit = r.check("limit", limit, lambda n: n >= 0, "expected 0 or more", 20)
    per_tag = r.get("per_tag", bool, "true or false", True)
    return FeedConfig(tuple(dict.fromkeys(formats)), limit, per_tag)


def _privacy(data: LineDict, path: str, diags: list[Diagnostic]) -> PrivacyConfig:
    r = _section(data, "privacy", path, diags)
    r.unknown({"allow_origins"})
    origins = r.get(
        "allow_origins", list, "a list of origins such as https://video.example.org", []
    )
    good = []
    for origin in origins:
        if isinstance(origin, str) and _valid_origin(origin):
            parts = urlsplit(origin)
            good.append(f"{parts.scheme}://{parts.netloc.lower()}")
        else:
            r.fail(
                "allow_origins",
                f"expected an origin such as https://video.example.org, got {origin!r}",
            )
    return PrivacyConfig(tuple(good))


def _communities(data: LineDict, path: str, diags: list[Diagnostic]) -> CommunitiesConfig:
    r = _section(data, "communities", path, diags)
    r.unknown({"show_archived", "activity_threshold"})
    from ssg.cadence.rules import DURATION_RE, MAX_DAYS  # one duration syntax for the whole file

    expected = "a duration such as 90d or 12w (whole days or weeks, up to 10 years)"
    threshold = r.get("activity_threshold", str, expected, None)
    days = 0
    if threshold is not None:
        match = DURATION_RE.match(threshold.strip())
        days = int(match[1]) * (7 if match[2] == "w" else 1) if match else 0
        if not 1 <= days <= MAX_DAYS:
            r.fail("activity_threshold", f"expected {expected}, got {threshold!r}")
            days = 0
    return CommunitiesConfig(
        show_archived=r.get("show_archived", bool, "true or false", True),
        activity_threshold=days,
    )


TOP_KEYS = {
    "title",
    "description",
    "base_url",
    "language",
    "timezone",
    "theme",
    "brand",
    "nav",
    "posts_per_page",
    "permalink",
    "feeds",
    "communities",
    "privacy",
    "cadence",
    "extra",
    "theme_options",
    "extra_css",
}


def parse_config(data: Any, path: str = CONFIG_NAME) -> tuple[Config | None, list[Diagnostic]]:
    """Validate parsed YAML; pure, so tests can feed it mappings directly."""
    from ssg.cadence.rules import parse_rules  # the cadence stage owns its own schema

    diags: list[Diagnostic] = []
    if not isinstance(data, LineDict):
        return None, [
            error(path, 1, "expected a mapping of settings such as 'title: My hub'", "config")
        ]
    r = _Reader(data, path, "", diags)
    r.unknown(TOP_KEYS)
    title = r.get("title", str, "the site title", required=True)
    base_url = r.get(
        "base_url", str, "an absolute URL such as https://example.org/hub/", required=True
    )
    base_url = r.check(
        "base_url",
        base_url,
        _valid_base_url,
        "expected an absolute http(s) URL such as https://example.org/hub/",
        None,
    )
    language = r.get("language", str, "a language code such as en or pt-BR", "en")
    language = r.check(
        "language",
        language,
        lambda code: LANGUAGE_RE.match(code) and cldr_locale(code) is not None,
        "expected a BCP 47 language code known to CLDR, such as en, de, fr, es or pt-BR",
        "en",
    )
    timezone = r.get("timezone", str, "an IANA time zone such as Europe/Paris", "UTC")
    timezone = r.check(
        "timezone",
        timezone,
        _valid_timezone,
        f"unknown time zone {timezone!r};{_zone_hint(timezone)} "
        "expected an IANA name such as Europe/Paris",
        "UTC",
    )
    theme = r.get("theme", str, "a theme name (a folder under themes/)", "default")
    theme = r.check(
        "theme",
        theme,
        THEME_NAME.fullmatch,
        "expected a folder name under themes/, such as default",
        "default",
    )
    per_page = r.get("posts_per_page", int, "a whole number of posts per page", 10)
    per_page = r.check("posts_per_page", per_page, lambda n: n >= 1, "expected 1 or more", 10)
    permalink = r.get("permalink", str, "a pattern such as /posts/{slug}/", "/posts/{slug}/")
    permalink = r.check(
        "permalink",
        permalink,
        _valid_permalink,
        "expected a pattern starting and ending with '/' that uses {slug} "
        "and only {year}, {month}, {day}",
        "/posts/{slug}/",
    )
    extra = r.get("extra", dict, "a mapping of free-form values for themes", {})
    cadence, cadence_diags = parse_rules(data.get("cadence"), path, data.line_of("cadence"))
    diags.extend(cadence_diags)
    config = Config(
        title=title or "",
        base_url=(base_url.rstrip("/") + "/") if base_url else "https://example.org/",
        description=r.get("description", str, "a one-line description", ""),
        language=language,
        timezone=timezone,
        theme=theme,
        brand=r.get("brand", str, "the brand name", None) or title or "",
        nav=_nav(r.get("nav", list, "a list of {title, url} links", None), r),
        posts_per_page=per_page,
        permalink=permalink,
        feeds=_feeds(data, path, diags),
        communities=_communities(data, path, diags),
        privacy=_privacy(data, path, diags),
        cadence=cadence,
        extra=extra,
        theme_options=theming.parse_theme_options(data, path, diags),
        extra_css=theming.parse_extra_css(data, path, diags),
        path=path,
        lines=dict(data.lines),
    )
    return config, diags


def load_config(root: Path) -> Config:
    """Read and validate `<root>/site.yaml`; raise SsgError listing every problem."""
    file = root / CONFIG_NAME
    if not file.is_file():
        raise SsgError(
            [
                error(
                    CONFIG_NAME,
                    0,
                    f"no {CONFIG_NAME} in {root}; expected a hub folder (use --site DIR)",
                    "config",
                )
            ]
        )
    if (outside := outside_link(root, file, CONFIG_NAME)) is not None:
        raise SsgError([outside])
    text, diags = read_text(file, CONFIG_NAME)
    if text is None:
        raise SsgError(diags)
    data, diags = load_yaml(text, CONFIG_NAME)
    if diags:
        raise SsgError(diags)
    config, diags = parse_config(data, CONFIG_NAME)
    if config is not None:
        diags += check_theme(root, config.theme, config.line_of("theme"))
        diags += theming.check_files(root, config)
    if diags or config is None:
        raise SsgError(diags)
    return config
