"""Markdown to HTML, as a pure function of the source text and the link table.

Rendering takes nothing from global state, so posts can later be rendered in
parallel and cached by the hash of their inputs. Links written as paths to
other content files (`[see](2026-11-01-launch.md)`, `../pages/about.md`) and
site-absolute links (`/communities/`) become relative URLs, so the output
works at the domain root and under a sub-path alike.
"""

from __future__ import annotations

import html as html_lib
import posixpath
import re
import threading
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from pygments.formatters.html import HtmlFormatter

from ssg.content import highlight, inline, toc
from ssg.core.diagnostics import Diagnostic, error
from ssg.core.urls import relative_url


class SharedStyleFormatter(HtmlFormatter):
    """Pygments' HTML formatter, building its token-to-class table once per style.

    codehilite makes a formatter per code block and each one rebuilds the same
    table from the style; the table depends only on the style and class prefix,
    so the output is the same bytes.
    """

    _tables: dict[tuple[object, str], tuple[dict, dict]] = {}

    def _create_stylesheet(self) -> None:
        key = (self.style, self.classprefix)
        if key not in self._tables:
            super()._create_stylesheet()
            self._tables[key] = (self.ttype2class, self.class2style)
        ttype2class, class2style = self._tables[key]
        self.ttype2class, self.class2style = dict(ttype2class), dict(class2style)


EXTENSIONS_CONFIG = {
    "toc": {
        "permalink": "#",
        "permalink_class": "headerlink",
        "permalink_title": "Link to this section",
    },
    "codehilite": {
        "css_class": "highlight",
        "guess_lang": False,
        "pygments_formatter": SharedStyleFormatter,
    },
    "footnotes": {"BACKLINK_TITLE": "Back to reference %d"},
}
EXTENSIONS = [
    "fenced_code",
    "tables",
    "footnotes",
    "toc",
    "codehilite",
    "attr_list",
    "def_list",
    "sane_lists",
]


@dataclass
class LinkContext:
    """What the link rewriter needs for one document; reset for every render."""

    source: str = ""
    page_url: str = ""
    links: Mapping[str, str] = field(default_factory=dict)  # content file -> site path
    unpublished: Mapping[str, str] = field(
        default_factory=dict
    )  # content file -> why it is left out ("" for a file with its own errors: no follow-on)
    problems: list[tuple[str, str]] = field(default_factory=list)  # (href, message)
    deps: dict[str, str] = field(default_factory=dict)  # content file -> what the link saw


class _LinkRewriter(Treeprocessor):
    def __init__(self, md: markdown.Markdown, context: LinkContext):
        super().__init__(md)
        self.context = context

    def run(self, root: ET.Element) -> None:
        for element in root.iter():
            attr = {"a": "href", "img": "src"}.get(element.tag)
            if attr and element.get(attr):
                element.set(attr, self.rewrite(element.get(attr, ""), element.tag))

    def rewrite(self, href: str, tag: str) -> str:
        ctx = self.context
        try:
            parts = urlsplit(href)
        except ValueError:
            ctx.problems.append((href, f"malformed link {href!r}; expected a URL or a path"))
            return href
        scheme = parts.scheme.lower()
        if scheme in UNSAFE_SCHEMES or (scheme == "data" and tag == "a"):
            message = f"a {scheme}: link runs code in readers' browsers; link to a page instead"
            ctx.problems.append((href, message))
            return "#"
        if parts.scheme or parts.netloc or not parts.path or parts.path.startswith("/"):
            return href  # site-absolute paths are made relative after rendering
        suffix = ("?" + parts.query if parts.query else "") + (
            "#" + parts.fragment if parts.fragment else ""
        )
        if not parts.path.endswith(".md"):
            return href
        target = posixpath.normpath(posixpath.join(posixpath.dirname(ctx.source), parts.path))
        ctx.deps[target] = link_state(target, ctx.links, ctx.unpublished)
        if target in ctx.links:
            return relative_url(ctx.page_url, ctx.links[target]) + suffix
        if target in ctx.unpublished:
            if not ctx.unpublished[target]:  # the target's own errors are the cause, already told
                return href
            ctx.problems.append(
                (
                    href,
                    f"link to {target}, which is {ctx.unpublished[target]}; "
                    "link to a published page",
                )
            )
        else:
            ctx.problems.append(
                (
                    href,
                    f"link to {target}, which does not exist; "
                    "expected a path to a file under content/",
                )
            )
        return href


class _LinkExtension(Extension):
    def __init__(self, context: LinkContext):
        super().__init__()
        self.context = context

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 - Python-Markdown API
        md.treeprocessors.register(_LinkRewriter(md, self.context), "ssg_links", 5)


_local = threading.local()
UNSAFE_SCHEMES = {"javascript", "vbscript"}
_ROOTED = re.compile(r"""(<[A-Za-z][^<>]*?\s(?:href|src))=(["'])/(?!/)(.*?)\2""")  # in tags only


def link_state(target: str, links: Mapping[str, str], unpublished: Mapping[str, str]) -> str:
    """All a link to `target` depends on: a cached render stays valid while this is the same."""
    if target in links:
        return "url:" + links[target]
    if target in unpublished:
        return "unpublished:" + unpublished[target]
    return "missing"


def _converter(allow_html: bool) -> tuple[markdown.Markdown, LinkContext]:
    """One Markdown instance per thread and kind: building one costs more than a small post."""
    key = "md_html" if allow_html else "md_text"
    if not hasattr(_local, key):
        highlight.install()
        context = LinkContext()
        md = markdown.Markdown(
            extensions=[*EXTENSIONS, _LinkExtension(context)],
            extension_configs=EXTENSIONS_CONFIG,
            output_format="html",
        )
        inline.install(md)
        toc.install(md)
        _remember_block_level(md)
        if not allow_html:  # raw HTML is shown as text
            md.preprocessors.deregister("html_block")
            md.inlinePatterns.deregister("html")
        setattr(_local, key, (md, context))
    return getattr(_local, key)


def _remember_block_level(md: markdown.Markdown) -> None:
    """`is_block_level` answered from a table: the stock one scans a list of 50 tags per call.

    The list is complete once the extensions are loaded, as they are here.
    """
    blocks = frozenset(md.block_level_elements)
    known: dict[str, bool] = {}

    def is_block_level(tag: object) -> bool:
        if not isinstance(tag, str):
            return False
        found = known.get(tag)
        if found is None:
            found = known[tag] = tag.lower().rstrip("/") in blocks
        return found

    md.is_block_level = is_block_level  # type: ignore[method-assign]


def _lines_of(body: str, body_line: int, hrefs: list[str]) -> list[int]:
    """The line of each problem link, in document order.

    A link written twice is looked for after its previous place, so each problem
    points at its own line; failing that (a reference definition used twice), from
    the start again.
    """
    after: dict[str, int] = {}
    lines = []
    for href in hrefs:
        index = _find_link(body, href, after.get(href, 0))
        if index < 0:
            index = _find_link(body, href, 0)
        if index < 0:
            lines.append(body_line)
            continue
        after[href] = index + 1
        lines.append(body_line + body.count("\n", 0, index))
    return lines


def _find_link(body: str, href: str, start: int) -> int:
    """Where `href` is written as a link target in `body` from `start`, or -1."""
    for needle in (f"]({href}", f"](<{href}>", f"]: {href}", f"]: <{href}>", f'"{href}"', href):
        index = body.find(needle, start)
        if index >= 0:
            return index
    return -1


def _relative_site_paths(html: str, page_url: str, found: list[str]) -> str:
    """`href="/about/"`, from Markdown or raw HTML, becomes relative to the page.

    Each site path is added to `found` as written, so the build can check it
    against the files of the output once they are all known.
    """

    def relative(m: re.Match[str]) -> str:
        found.append(m[3])
        return f"{m[1]}={m[2]}{relative_url(page_url, m[3])}{m[2]}"

    return _ROOTED.sub(relative, html)


def site_path_of(written: str) -> str:
    """The output file a site-absolute link (`docs/a%20b/?x#y`, no leading /) asks for."""
    return unquote(html_lib.unescape(written).partition("#")[0].partition("?")[0])


def _focusable_scroll_boxes(html: str) -> str:
    """Wide tables and code blocks scroll sideways; keyboard users must be able to scroll them."""
    html = html.replace("<table>", '<table tabindex="0">')
    return html.replace('<div class="highlight"><pre>', '<div class="highlight"><pre tabindex="0">')


def render_markdown(
    body: str,
    *,
    source: str,
    body_line: int,
    page_url: str,
    links: Mapping[str, str],
    unpublished: Mapping[str, str] | None = None,
    allow_html: bool = True,
) -> tuple[str, list[Diagnostic]]:
    """Render one document; broken content links come back as located errors.

    `allow_html=False` (community descriptions, written by people outside the
    brand team) shows raw HTML as text instead of passing it through.
    """
    html, problems, _, _ = render_tracked(
        body, source, body_line, page_url, links, unpublished or {}, allow_html
    )
    return html, [error(source, line, message) for line, message in problems]


def render_tracked(
    body: str,
    source: str,
    body_line: int,
    page_url: str,
    links: Mapping[str, str],
    unpublished: Mapping[str, str],
    allow_html: bool,
) -> tuple[str, list[tuple[int, str]], dict[str, str], list[tuple[str, int]]]:
    """`render_markdown` plus the `link_state` of every content file the body links to.

    Problems come back as (line, message) so a cache can store them as plain data;
    site-absolute links (`/docs/`, in Markdown or raw HTML) as (site path, line),
    to be checked once the whole output is planned.
    """
    md, context = _converter(allow_html)
    context.source, context.page_url, context.links = source, page_url, links
    context.unpublished, context.problems, context.deps = unpublished, [], {}
    md.reset()
    found: list[str] = []
    html = _focusable_scroll_boxes(_relative_site_paths(md.convert(body), page_url, found))
    lines = _lines_of(body, body_line, [href for href, _ in context.problems])
    messages = [message for _, message in context.problems]
    problems = list(zip(lines, messages, strict=True))
    written = _lines_of(body, body_line, ["/" + html_lib.unescape(path) for path in found])
    site_links = [(site_path_of(p), line) for p, line in zip(found, written, strict=True)]
    return html, problems, dict(context.deps), site_links
