"""Every internal link of every generated page answers 200, under the base path and at the root.

The pages link to each other relatively, so the same output must work in both places; the
server answers both. Links are fetched without following redirects: a link that only works
through a redirect (a missing trailing slash, say) is reported too. Fragments must name an
element of the target page.
"""

from __future__ import annotations

import concurrent.futures
import re
import urllib.error
import urllib.parse
import urllib.request
from html.parser import HTMLParser
from typing import Any

import pytest

pytestmark = pytest.mark.browser

REFERENCES = {"a": "href", "link": "href", "img": "src", "script": "src"}
NOT_FETCHED = ("mailto:", "tel:", "data:")
ID_RE = re.compile(r"""\sid\s*=\s*["']?([^"'\s>]+)""")


class References(HTMLParser):
    """The href/src of <a>, <link>, <img> and <script>, in document order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        wanted = REFERENCES.get(tag)
        for key, value in attrs:
            if key == wanted and value is not None:
                self.found.append((tag, value.strip()))


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None  # a 3xx surfaces as an HTTPError with its own status


OPENER = urllib.request.build_opener(NoRedirect)


def fetch(url: str) -> tuple[int, str]:
    """Status and body (text) of a GET, never following redirects; bounded by a timeout."""
    try:
        with OPENER.open(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        return exc.code, ""
    except OSError as exc:
        return 0, f"{type(exc).__name__}: {exc}"


def page_links(html: str, page_url: str, origin: str) -> list[tuple[str, str]]:
    """(reference as written, absolute URL) of every reference to the site's own origin."""
    parser = References()
    parser.feed(html)
    links = []
    for _tag, ref in parser.found:
        if not ref or ref.lower().startswith(NOT_FETCHED):
            continue
        absolute = urllib.parse.urljoin(page_url, ref)
        if absolute.startswith(origin + "/"):
            links.append((ref, absolute))
    return links


def check_served_at(base: str, built: Any, server: Any, missing_path: str) -> list[str]:
    problems: list[str] = []
    wanted: dict[str, list[str]] = {}  # URL without fragment -> "page: ref" that link to it
    fragments: list[tuple[str, str, str]] = []
    for file in built.html_files():
        path = built.site_path(file)
        html = file.read_text(encoding="utf-8")
        # The 404 page is shown at any missing address: its links must work from a nested one too.
        urls = [server.url(path, base)] + (
            [server.url(missing_path, base)] if path == "404.html" else []
        )
        own_ids = set(ID_RE.findall(html))
        for page_url in urls:
            for ref, absolute in page_links(html, page_url, server.origin):
                if ref.startswith("#"):  # same document: no request, the id must be on this page
                    if urllib.parse.unquote(ref[1:]) not in own_ids:
                        problems.append(
                            f"{page_url} links {ref!r}: no element with that id on the page"
                        )
                    continue
                target, _, fragment = absolute.partition("#")
                where = f"{page_url} links {ref!r}"
                target_path = urllib.parse.urlsplit(target).path
                if not target_path.startswith(base):
                    problems.append(f"{where}: resolves to {target_path}, outside {base}")
                elif (
                    base == "/" and path != "404.html" and target_path.startswith(server.base_path)
                ):
                    problems.append(
                        f"{where}: only works under {server.base_path}, not at the root"
                    )
                wanted.setdefault(target, []).append(where)
                if fragment:
                    fragments.append((target, fragment, where))
    with concurrent.futures.ThreadPoolExecutor(max_workers=8) as pool:
        answers = dict(zip(wanted, pool.map(fetch, wanted), strict=True))
    for target, (status, body) in answers.items():
        if status != 200:
            detail = f" ({body})" if status == 0 else ""
            problems.append(f"{target} answered {status}{detail}; linked from {wanted[target][:3]}")
    for target, fragment, where in fragments:
        status, body = answers[target]
        if status == 200 and urllib.parse.unquote(fragment) not in set(ID_RE.findall(body)):
            problems.append(f"{where}: no element with id {fragment!r} in {target}")
    return sorted(set(problems))


@pytest.mark.parametrize("where", ["base path", "root"])
def test_every_internal_link_answers_200(
    where: str, built: Any, server: Any, page_kinds: dict[str, str]
) -> None:
    base = server.base_path if where == "base path" else "/"
    problems = check_served_at(base, built, server, page_kinds["404"])
    assert not problems, f"served at {base}: broken links:\n  " + "\n  ".join(problems)


def test_the_crawl_sees_every_kind_of_reference(built: Any, server: Any) -> None:
    """Guards the crawl itself: the home page has stylesheets, an icon and page links to check."""
    html = (built.out / "index.html").read_text(encoding="utf-8")
    links = page_links(html, server.url(""), server.origin)
    refs = {ref for ref, _ in links}
    assert any(ref.endswith(".css") for ref in refs), refs
    assert any(ref.endswith("favicon.svg") for ref in refs), refs
    assert sum(1 for _, url in links if url.endswith("/")) >= 5, refs
