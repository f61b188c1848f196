"""The privacy lint: nothing a hub publishes makes a reader's browser contact another origin.

Posts, pages, community descriptions, the theme's templates and its CSS are read
as written (no rendering), so the check is fast and each finding points at the
line a person edits. Only literal absolute URLs count: a template's `{{ url() }}`
is the hub's own file. Plain links are fine (following one is the reader's
choice); anything fetched on page load, tracking snippets and cookies are not,
unless the hub lists the origin under `privacy.allow_origins` in `site.yaml`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Protocol
from urllib.parse import urlsplit

from ssg.config import themes
from ssg.content.frontmatter import split_front_matter
from ssg.core.diagnostics import Diagnostic, error
from ssg.core.model import Config
from ssg.core.yamlfile import read_text

TEMPLATE_SUFFIXES = {".html", ".xml", ".svg", ".txt"}
HINT = "Host the file in the hub, or allow the origin under privacy.allow_origins in site.yaml"
TRACKING_HINT = "Remove it, or allow the origin under privacy.allow_origins in site.yaml"
DEFAULT_PORTS = {"http": 80, "https": 443, "ws": 80, "wss": 443}
# tag -> (attributes holding a fetched URL, what the element is called in messages)
URL_ATTRS = {
    "script": (("src",), "a script (<script src>)"),
    "iframe": (("src",), "an embedded frame (<iframe>)"),
    "frame": (("src",), "an embedded frame (<frame>)"),
    "embed": (("src",), "an embed (<embed>)"),
    "object": (("data",), "an embedded object (<object data>)"),
    "img": (("src", "srcset"), "an image (<img>)"),
    "source": (("src", "srcset"), "a media source (<source>)"),
    "video": (("src", "poster"), "a video (<video>)"),
    "audio": (("src",), "an audio file (<audio>)"),
    "track": (("src",), "a subtitle track (<track>)"),
    "image": (("href", "xlink:href"), "an SVG image (<image>)"),
    "feimage": (("href", "xlink:href"), "an SVG filter image (<feImage>)"),
    "use": (("href", "xlink:href"), "an SVG reference (<use>)"),
    "base": (("href",), "a <base href> (the origin of every relative URL)"),
}
FETCHED_RELS = {"stylesheet", "preload", "prefetch", "preconnect", "dns-prefetch", "modulepreload",
                "prerender", "icon", "apple-touch-icon", "mask-icon", "manifest"}  # fmt: skip
# signature -> (vendor, origin the snippet talks to, or "" when it can be anywhere)
ANALYTICS = [
    (r"google-analytics\.com|\bgtag\(|\b_gaq\b|\bga\(\s*['\"]create", "Google Analytics", "https://www.google-analytics.com"),
    (r"googletagmanager\.com|\bdataLayer\.push\(", "Google Tag Manager", "https://www.googletagmanager.com"),
    (r"\bfbq\(|connect\.facebook\.net", "Meta Pixel", "https://connect.facebook.net"),
    (r"plausible\.io", "Plausible", "https://plausible.io"),
    (r"\b_paq\b|matomo|piwik", "Matomo", ""),
    (r"hotjar|\bhj\(", "Hotjar", "https://static.hotjar.com"),
    (r"\banalytics\.load\(|cdn\.segment\.com", "Segment", "https://cdn.segment.com"),
    (r"mixpanel", "Mixpanel", "https://cdn.mxpnl.com"),
    (r"clarity\.ms|\bclarity\(", "Microsoft Clarity", "https://www.clarity.ms"),
    (r"usefathom\.com|umami|simpleanalytics|\bheap\.load\(|amplitude|mc\.yandex", "third-party analytics", ""),  # noqa: E501
]  # fmt: skip
ANALYTICS_RE = [(re.compile(rx, re.I), vendor, origin) for rx, vendor, origin in ANALYTICS]
URL_LITERAL = r"""(?P<q>["'`])(?P<url>(?:https?:|wss?:)?//[^"'`\s]+)(?P=q)"""
SCRIPT_CALLS = [
    (re.compile(r"\bsendBeacon\s*\(\s*" + URL_LITERAL), "navigator.sendBeacon()"),
    (re.compile(r"\bfetch\s*\(\s*" + URL_LITERAL), "fetch()"),
    (re.compile(r"\.open\s*\(\s*[\"'][A-Za-z]+[\"']\s*,\s*" + URL_LITERAL), "XMLHttpRequest"),
    (re.compile(r"\b(?:import(?:Scripts)?|WebSocket|EventSource)" r"\s*\(\s*" + URL_LITERAL),
     "request"),
    (re.compile(r"\.src\s*=\s*" + URL_LITERAL), "image beacon (new Image().src)"),
]  # fmt: skip
NON_JS_TYPES = {"application/ld+json", "application/json", "text/template", "text/plain"}
COOKIES = "a script uses document.cookie, so it sets cookies in readers' browsers. Remove it"
FONT = "a web font (@font-face url() in CSS)"
CSS_COMMENT = re.compile(r"/\*.*?\*/", re.S)
CSS_IMPORT = re.compile(r"@import\s+(?:url\(\s*)?([\"']?)([^\"')\s;]+)\1", re.I)
CSS_URL = re.compile(r"url\(\s*([\"']?)([^\"')]*?)\1\s*\)", re.I)
FONT_FACE = re.compile(r"@font-face\s*\{[^}]*\}", re.I)
FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
LIST_ITEM = re.compile(r"^ {0,3}([-*+]|\d+[.)])\s")
MD_IMAGE = re.compile(r"!\[[^\]]*\]\(\s*<?([^)\s>]+)")
MD_IMAGE_REF = re.compile(r"!\[([^\]]*)\](?:\[([^\]]*)\])?(?!\()")
MD_REF_DEF = re.compile(r"^ {0,3}\[([^\]]+)\]:\s*<?([^\s>]+)", re.M)
JINJA_COMMENT = re.compile(r"\{#.*?#\}", re.S)


def origin_of(url: str, scheme: str = "https") -> str | None:
    """`scheme://host[:port]` of an absolute or protocol-relative URL; None for a local one."""
    url = url.strip()
    if url.startswith("//"):
        url = f"{scheme}:{url}"
    try:
        parts = urlsplit(url)
    except ValueError:  # malformed (bad IPv6 brackets): a browser may still try; flag it
        return url if "//" in url else None
    if parts.scheme.lower() not in DEFAULT_PORTS or not parts.netloc:
        return None
    host = (parts.hostname or parts.netloc).lower()
    try:
        port = parts.port
    except ValueError:
        port = None
    keep = f":{port}" if port and port != DEFAULT_PORTS[parts.scheme.lower()] else ""
    return f"{parts.scheme.lower()}://{host}{keep}"


def _blank(text: str) -> str:
    """Spaces for everything but newlines, so later line numbers stay right."""
    return re.sub(r"[^\n]", " ", text)


class _Scan:
    """Findings for one file; `allowed` holds the site's own origin and the allowed ones."""

    def __init__(self, path: str, allowed: set[str], scheme: str):
        self.path, self.allowed, self.scheme = path, allowed, scheme
        self.found: list[Diagnostic] = []

    def add(self, line: int, message: str) -> None:
        self.found.append(error(self.path, line, message, "privacy"))

    def url(self, line: int, url: str, what: str, verb: str = "loads", hint: str = HINT) -> None:
        origin = origin_of(url, self.scheme)
        if origin and origin not in self.allowed:
            self.add(line, f"{what} {verb} {url} from another origin ({origin}); "
                           f"readers' browsers would contact it. {hint}")  # fmt: skip

    def css(self, text: str, line: int) -> None:
        text = CSS_COMMENT.sub(lambda m: _blank(m.group()), text)
        fonts = [m.span() for m in FONT_FACE.finditer(text)]
        imports = [(m.start(), m.end()) for m in CSS_IMPORT.finditer(text)]
        at = lambda pos: line + text.count("\n", 0, pos)  # noqa: E731
        for m in CSS_IMPORT.finditer(text):
            self.url(at(m.start()), m.group(2), "a stylesheet (@import in CSS)")
        for m in CSS_URL.finditer(text):
            if any(a <= m.start() < b for a, b in imports):
                continue
            font = any(a <= m.start() < b for a, b in fonts)
            what = FONT if font else "a CSS url() (background image or other resource)"
            self.url(at(m.start()), m.group(2), what)

    def script(self, text: str, line: int) -> None:
        at = lambda pos: line + text.count("\n", 0, pos)  # noqa: E731
        for pattern, vendor, origin in ANALYTICS_RE:
            m = pattern.search(text)
            if m and not (origin and origin in self.allowed):
                where = f" that reports to {origin}" if origin else ""
                self.add(at(m.start()), f"a {vendor} tracking snippet{where} in a script "
                                        f"follows readers. {TRACKING_HINT}")  # fmt: skip
        for pattern, call in SCRIPT_CALLS:
            for m in pattern.finditer(text):
                what = f"a script's {call}"
                self.url(at(m.start()), m.group("url"), what, "contacts", TRACKING_HINT)
        m = re.search(r"document\s*\.\s*cookie", text)
        if m:
            self.add(at(m.start()), COOKIES)

    def html(self, text: str, line: int) -> None:
        parser = _Parser(self, line - 1)
        parser.feed(text)
        parser.close()


def _is_pixel(attrs: dict[str, str]) -> bool:
    sizes = {attrs.get(k, "").strip().removesuffix("px") for k in ("width", "height")}
    style = re.sub(r"\s", "", attrs.get("style", "").lower())
    return bool(sizes & {"0", "1"}) or "display:none" in style or "visibility:hidden" in style


class _Parser(HTMLParser):
    """Walks tags; `shift` turns the parser's lines into lines of the file."""

    def __init__(self, scan: _Scan, shift: int):
        super().__init__(convert_charrefs=True)
        self.scan, self.shift = scan, shift
        self.inline: tuple[str, int] | None = None  # ("script" | "style", line) while inside one

    def line(self) -> int:
        return self.getpos()[0] + self.shift

    def handle_starttag(self, tag: str, attr_list: list[tuple[str, str | None]]) -> None:
        attrs = {k: v or "" for k, v in attr_list}
        line, scan = self.line(), self.scan
        for name, value in attrs.items():
            if name.startswith("on"):
                scan.script(value, line)
        if "style" in attrs:
            scan.css(attrs["style"], line)
        if "background" in attrs:
            scan.url(line, attrs["background"], f"a background image (<{tag} background>)")
        names, what = URL_ATTRS.get(tag, ((), ""))
        if tag == "img" and _is_pixel(attrs):
            what = "a tracking pixel (a 1×1 or hidden <img>)"
        if tag == "input" and attrs.get("type", "").lower() == "image":
            names, what = ("src",), "an image button (<input type=image>)"
        if tag == "link" and FETCHED_RELS & set(attrs.get("rel", "").lower().split()):
            names, what = ("href", "imagesrcset"), f"a <link rel={attrs['rel'].strip()}>"
        for name in names:
            for url in _candidates(attrs.get(name, ""), srcset=name.endswith("srcset")):
                scan.url(line, url, what, hint=TRACKING_HINT if "pixel" in what else HINT)
        if tag in ("a", "area") and attrs.get("ping"):
            for url in attrs["ping"].split():
                what = f"a link's ping attribute (<{tag} ping>)"
                scan.url(line, url, what, "reports clicks to", TRACKING_HINT)
        if tag == "meta" and attrs.get("http-equiv", "").lower() == "refresh":
            target = re.search(r"url\s*=\s*['\"]?([^'\"\s]+)", attrs.get("content", ""), re.I)
            if target:
                scan.url(line, target.group(1), "a meta refresh", "redirects readers to", HINT)
        javascript = attrs.get("type", "").lower() not in NON_JS_TYPES
        if tag == "script" and not attrs.get("src") and javascript:
            self.inline = ("script", line)
        elif tag == "style":
            self.inline = ("style", line)

    def handle_endtag(self, tag: str) -> None:
        if self.inline and tag == self.inline[0]:
            self.inline = None

    def handle_data(self, data: str) -> None:
        if self.inline:
            kind = self.inline[0]
            (self.scan.script if kind == "script" else self.scan.css)(data, self.line())

    def handle_pi(self, data: str) -> None:
        if data.startswith("xml-stylesheet"):
            href = re.search(r"href\s*=\s*[\"']([^\"']+)", data)
            if href:
                self.scan.url(self.line(), href.group(1), "an XML stylesheet (<?xml-stylesheet?>)")


def _candidates(value: str, srcset: bool) -> list[str]:
    if not srcset:
        return [value] if value else []
    return [c.split()[0] for c in value.split(",") if c.strip()]


def strip_markdown_code(body: str) -> str:
    """Blank fenced blocks, indented code blocks and inline code spans, keeping lines.

    An indented block after a list item or a raw HTML line is kept (it is list
    content or HTML), so a doubtful case is scanned rather than skipped.
    """
    out, fence, context, prev_blank = [], "", "text", True
    for line in body.split("\n"):
        opening = FENCE.match(line)
        if fence:
            out.append("")
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence) \
                    and not line.strip().strip(fence[0]):  # fmt: skip
                fence = ""
            continue
        if opening:
            fence = opening.group(1)
            out.append("")
            continue
        indented = line.startswith(("    ", "\t")) and line.strip()
        if indented and (prev_blank or out[-1:] == [""]) and context == "text":
            out.append("")
            continue
        if line.strip() and not indented:
            context = "text"
            if LIST_ITEM.match(line) or line.lstrip().startswith("<"):
                context = "list or html"
        prev_blank = not line.strip()
        out.append(re.sub(r"(`+)(?!`).+?(?<!`)\1(?!`)", lambda m: _blank(m.group()), line))
    return "\n".join(out)


class Document(Protocol):
    """A content file already read: a Post, Page or Community."""

    source: str
    body: str
    body_line: int


def _markdown(scan: _Scan, text: str) -> None:
    source, _ = split_front_matter(text, scan.path)
    body, first = (source.body, source.body_line) if source else (text, 1)
    _markdown_body(scan, body, first)


def _markdown_body(scan: _Scan, body: str, first: int) -> None:
    if "<" not in body and "![" not in body:
        return  # no raw HTML and no image: Markdown alone cannot make a request
    body = strip_markdown_code(body)
    scan.html(body, first)
    refs: set[str] = set()
    for number, line in enumerate(body.split("\n"), first):
        for m in MD_IMAGE.finditer(line):
            scan.url(number, m.group(1), "an image (Markdown ![...](...))")
        for m in MD_IMAGE_REF.finditer(line):
            refs.add(" ".join((m.group(2) or m.group(1)).lower().split()))
    for m in MD_REF_DEF.finditer(body):
        if " ".join(m.group(1).lower().split()) in refs:
            line = first + body.count("\n", 0, m.start())
            scan.url(line, m.group(2), "an image (Markdown reference ![...][...])")


def _shown(path: Path, root: Path) -> str:
    for base in (root, themes.BUILTIN_THEMES.parent):
        if path.is_relative_to(base):
            return path.relative_to(base).as_posix()
    for base in (root, themes.BUILTIN_THEMES.parent):
        if path.resolve().is_relative_to(base.resolve()):
            return path.resolve().relative_to(base.resolve()).as_posix()
    return path.as_posix()


def _files(dirs: list[Path], keep: Callable[[Path], bool]) -> Iterator[Path]:
    """Files of folders that override each other (first wins), each relative name once."""
    seen: set[str] = set()
    for directory in dirs:
        for file in sorted(p for p in directory.rglob("*") if p.is_file() and keep(p)):
            name = file.relative_to(directory).as_posix()
            if name not in seen:
                seen.add(name)
                yield file


STATIC_SCANS: dict[str, Callable[[_Scan, str], None]] = {
    ".css": lambda s, t: s.css(t, 1),
    ".js": lambda s, t: s.script(t, 1),
    ".html": lambda s, t: s.html(t, 1),
}


def check_privacy(
    root: Path, config: Config, documents: Iterable[Document] | None = None
) -> list[Diagnostic]:
    """Every place in the hub that would make a reader's browser contact another origin.

    `documents` are content files already read (posts, pages, communities): their
    Markdown bodies are scanned as they are, instead of reading content/ again.
    """
    scheme = urlsplit(config.base_url).scheme or "https"
    origins = (origin_of(u) for u in (config.base_url, *config.privacy.allow_origins))
    allowed = {o for o in origins if o}
    found: list[Diagnostic] = []
    jobs: list[tuple[Path, Callable[[_Scan, str], None]]] = []
    if documents is None:
        for folder in ("posts", "pages", "communities"):
            jobs += [(f, _markdown) for f in sorted((root / "content" / folder).glob("*.md"))]
    else:
        for doc in documents:
            scan = _Scan(doc.source, allowed, scheme)
            _markdown_body(scan, doc.body, doc.body_line)
            found += scan.found
    template_dirs = themes.template_dirs(root, config.theme)
    for file in _files(template_dirs, lambda p: p.suffix in TEMPLATE_SUFFIXES):
        jobs.append(
            (file, lambda s, t: s.html(JINJA_COMMENT.sub(lambda m: _blank(m.group()), t), 1))
        )
    static = [root / "static", *(t / "static" for t in themes.theme_chain(root, config.theme))]
    for file in _files([d for d in static if d.is_dir()], lambda p: p.suffix in STATIC_SCANS):
        jobs.append((file, STATIC_SCANS[file.suffix]))
    for file, scan_with in jobs:
        shown = _shown(file, root)
        text, _ = read_text(file, shown)
        if text is None:
            continue
        scan = _Scan(shown, allowed, scheme)
        scan_with(scan, text)
        found += scan.found
    return sorted(set(found))
