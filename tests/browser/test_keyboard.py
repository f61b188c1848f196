"""Keyboard only: Tab reaches the skip link first, then every link in document order, each with
a visible focus ring.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

pytestmark = pytest.mark.browser

KINDS = (
    "home", "paginated", "post", "tag", "tag-index", "archive", "page",
    "communities", "platform", "community", "cadence", "404",
)  # fmt: skip
SKIP_LINK = 'a[href="#main"]'

# What Tab should reach, in document order: links, and any other element the keyboard can focus.
EXPECTED_JS = """() => {
    const all = [...document.querySelectorAll("*")];
    const shown = el => el.getClientRects().length > 0
        && getComputedStyle(el).visibility !== "hidden" && !el.closest("[inert]");
    const describe = el => ({index: all.indexOf(el), tag: el.tagName.toLowerCase(),
        text: (el.textContent || "").trim().replace(/\\s+/g, " ").slice(0, 40),
        href: el.getAttribute("href")});
    const links = [...document.querySelectorAll("a[href], area[href]")]
        .filter(el => shown(el) && el.tabIndex >= 0).map(describe);
    const controls = [...document.querySelectorAll(
        "button:not([disabled]), input:not([disabled]):not([type=hidden]), select:not([disabled]), "
        + "textarea:not([disabled]), details > summary:first-of-type, iframe, [contenteditable], "
        + "[tabindex]")].filter(el => shown(el) && el.tabIndex >= 0).map(describe);
    const positive = [...document.querySelectorAll("[tabindex]")]
        .filter(el => el.tabIndex > 0).map(describe);
    return {links, controls, positive};
}"""

# The focused element: where it is in the document, whether it is on screen, and its focus ring.
FOCUSED_JS = """() => {
    const el = document.activeElement;
    if (!el || el === document.body || el === document.documentElement) return null;
    const all = [...document.querySelectorAll("*")];
    const style = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    const onScreen = box.width > 0 && box.height > 0 && box.bottom > 0 && box.right > 0
        && box.top < window.innerHeight && box.left < window.innerWidth;
    return {index: all.indexOf(el), tag: el.tagName.toLowerCase(),
        text: (el.textContent || "").trim().replace(/\\s+/g, " ").slice(0, 40),
        href: el.getAttribute("href"), skip: el.matches('SKIP'),
        scroller: el.scrollWidth > el.clientWidth || el.scrollHeight > el.clientHeight,
        outlineStyle: style.outlineStyle, outlineWidth: parseFloat(style.outlineWidth) || 0,
        outlineColor: style.outlineColor, boxShadow: style.boxShadow, onScreen};
}""".replace("SKIP", SKIP_LINK)


def transparent(colour: str) -> bool:
    return colour == "transparent" or colour.replace(" ", "").endswith(",0)")


def ring_problem(focused: dict[str, Any]) -> str | None:
    """Why the focused element shows no visible focus indicator, or None when it does."""
    outline = (
        focused["outlineStyle"] != "none"
        and focused["outlineWidth"] > 0
        and not transparent(focused["outlineColor"])
    )
    if not (outline or focused["boxShadow"] != "none"):
        return (
            f"no focus ring (outline {focused['outlineStyle']} {focused['outlineWidth']}px "
            f"{focused['outlineColor']}, box-shadow {focused['boxShadow']})"
        )
    if not focused["onScreen"]:
        return "focused but not on screen"
    return None


def name(item: dict[str, Any]) -> str:
    return f"<{item['tag']} href={item['href']!r}> {item['text']!r}"


def tab_through(page: Any, limit: int) -> list[dict[str, Any]]:
    """Press Tab from a fresh load until focus leaves the page or comes back round (bounded)."""
    seen: list[dict[str, Any]] = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED_JS)
        if focused is None or (seen and focused["index"] == seen[0]["index"]):
            break
        seen.append(focused)
    return seen


@pytest.mark.parametrize("kind", KINDS)
def test_tab_reaches_skip_link_then_every_link_in_order(
    kind: str, server: Any, page_kinds: dict[str, str], open_page: Callable[..., Any]
) -> None:
    url = server.url(page_kinds[kind])
    page = open_page().goto(url, 404 if kind == "404" else 200).page
    expected = page.evaluate(EXPECTED_JS)
    focusable = {item["index"] for item in expected["links"] + expected["controls"]}
    seen = tab_through(page, limit=len(focusable) + 20)
    problems: list[str] = []

    if not seen or not seen[0]["skip"]:
        first = name(seen[0]) if seen else "nothing"
        problems.append(f"the first Tab focuses {first}, not the skip link {SKIP_LINK}")
    if expected["positive"]:
        problems.append(
            f"positive tabindex reorders focus: {[name(i) for i in expected['positive']]}"
        )
    order = [item["index"] for item in seen]
    if order != sorted(set(order)):
        problems.append(f"focus leaves document order: {[name(i) for i in seen]}")
    links_seen = [name(item) for item in seen if item["tag"] in ("a", "area")]
    links_expected = [name(item) for item in expected["links"]]
    if links_seen != links_expected:
        missed = [n for n in links_expected if n not in links_seen]
        problems.append(
            f"Tab visits {len(links_seen)} links, the page shows {len(links_expected)}; "
            f"not reached: {missed}; order seen: {links_seen}"
        )
    missed_controls = [name(c) for c in expected["controls"] if c["index"] not in set(order)]
    if missed_controls:
        problems.append(f"focusable elements Tab never reaches: {missed_controls}")
    # Chromium lets the keyboard focus scrollable regions (wide code blocks): allowed, nothing else.
    extra = [name(i) for i in seen if i["index"] not in focusable and not i["scroller"]]
    if extra:
        problems.append(f"Tab focuses elements that are neither links nor controls: {extra}")
    for item in seen:
        why = ring_problem(item)
        if why:
            problems.append(f"{name(item)}: {why}")

    assert not problems, f"{kind} page {url}, keyboard:\n  " + "\n  ".join(problems)
