""" "Latest from the communities" in Chromium: text and links only, nothing from another origin.

The demo hub is built with the feed and link caches in tests/browser/community-cache/, which
hold hostile titles and a `javascript:` link on purpose. The page kinds of test_pages.py (home,
community-activity) also run axe, the storage and the other-origin checks on these sections,
and test_output.py runs the Nu HTML Checker over them and parses the combined feeds.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

pytestmark = pytest.mark.browser

SECTION_JS = """() => {
    const section = document.querySelector("section.activity");
    if (!section) return null;
    return {
        heading: section.querySelector("h2").textContent,
        scripts: document.querySelectorAll("script").length,
        media: section.querySelectorAll("img, iframe, video, audio, object, embed, svg").length,
        links: [...section.querySelectorAll("a")].map(a => ({
            href: a.getAttribute("href"), rel: a.getAttribute("rel"), text: a.textContent,
            external: a.host !== location.host,
        })),
    };
}"""


def section(path: str, server: Any, open_page: Callable) -> dict:
    visit = open_page().goto(server.url(path))
    assert not visit.problems, visit.problems
    found = visit.page.evaluate(SECTION_JS)
    assert found is not None, f"no 'Latest from' section on /{path}"
    return found


def hostile_page(built: Any) -> str:
    """The community page whose kept items include the hostile title."""
    pages = [c.page_url for c in built.result.site.communities if "alert(" in str(c.items)]
    assert pages, "the community cache of the browser suite lost its hostile item"
    return pages[0]


@pytest.mark.parametrize("where", ["home", "community"])
def test_section_is_text_and_links_only(
    where: str, built: Any, server: Any, open_page: Callable[..., Any]
) -> None:
    found = section("" if where == "home" else hostile_page(built), server, open_page)
    assert found["heading"].startswith("Latest from")
    assert found["scripts"] == 0 and found["media"] == 0
    outside = [link for link in found["links"] if link["external"]]
    assert outside, "the section links to no community item"
    assert all(link["rel"] == "external noopener" for link in outside), outside
    assert all(link["href"].startswith("https://") for link in outside), outside
    texts = " ".join(link["text"] for link in found["links"])
    assert "LUMEN.TOML settings for 2.4" in texts and "Click for free lamps" not in texts
    assert "alert('wiki')" in texts  # the hostile title is shown as text, never run


def test_home_lists_the_newest_of_all_communities(
    server: Any, open_page: Callable[..., Any]
) -> None:
    texts = [link["text"] for link in section("", server, open_page)["links"]]
    assert texts.index("Lumen FW Community Wiki") < texts.index("Trail Tinkerers Forum")
    assert "Dynamo Digest" in texts


def test_head_and_opml_list_the_combined_feed(built: Any) -> None:
    home = (built.out / "index.html").read_text(encoding="utf-8")
    assert 'href="communities/feed.xml"' in home and 'href="communities/feed.json"' in home
    opml = (built.out / "communities.opml").read_text(encoding="utf-8")
    assert "hub/communities/feed.xml" in opml
