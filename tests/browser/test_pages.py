"""Every kind of page in Chromium, in the light and the dark scheme, at 1280 and 375 px.

Each page kind is loaded once per (scheme, width) and measured; the tests below then assert
one property each, so a failure names exactly what is wrong. Screenshots of every load are
written to test-artifacts/ for a person to look at.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.browser

KINDS = (
    "home", "paginated", "post", "tag", "tag-index", "archive", "page",
    "communities", "platform", "community", "community-activity", "cadence", "404",
)  # fmt: skip
WIDE, NARROW = 1280, 375
LOADS = (("light", WIDE), ("light", NARROW), ("dark", WIDE))
BLOCKING_IMPACTS = {"serious", "critical"}

# What sticks out past the viewport's right edge: what to fix when a page scrolls sideways.
OVERFLOW_JS = """() => {
    const width = window.innerWidth;
    const culprits = [];
    for (const el of document.body.querySelectorAll("*")) {
        const box = el.getBoundingClientRect();
        if (box.right > width + 0.5 && box.width > 0) {
            const cls = el.className && typeof el.className === "string"
                ? "." + el.className.trim().split(/\\s+/).join(".") : "";
            const edge = Math.round(box.right);
            culprits.push(`${el.tagName.toLowerCase()}${cls} (right edge ${edge}px)`);
        }
    }
    return {scroll: document.documentElement.scrollWidth, width, culprits: culprits.slice(0, 8)};
}"""


@dataclasses.dataclass
class Rendering:
    """What one page kind did across its loads, each line prefixed with the load it came from."""

    url: str
    load: list[str] = dataclasses.field(default_factory=list)
    storage: list[str] = dataclasses.field(default_factory=list)
    overflow: list[str] = dataclasses.field(default_factory=list)
    background: dict[str, str] = dataclasses.field(default_factory=dict)
    axe: list[str] = dataclasses.field(default_factory=list)


def overflow(page: Any) -> list[str]:
    """The page scrolls sideways: how far, and which elements stick out."""
    m = page.evaluate(OVERFLOW_JS)
    if m["scroll"] <= m["width"]:
        return []
    return [f"scrollWidth {m['scroll']} > {m['width']}; past the edge: {m['culprits']}"]


def run_axe(page: Any, axe_js: Path) -> list[str]:
    """axe-core's serious and critical violations on the loaded page, one line per violation."""
    page.add_script_tag(path=str(axe_js))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    lines = []
    for v in result["violations"]:
        if v["impact"] in BLOCKING_IMPACTS:
            targets = [" ".join(map(str, node["target"])) for node in v["nodes"]]
            lines.append(f"{v['id']} ({v['impact']}): {v['help']} at {targets}")
    return lines


def render(
    kind: str, url: str, new_visit: Callable[..., Any], axe_js: Path, artifacts: Path
) -> Rendering:
    expect = 404 if kind == "404" else 200
    result = Rendering(url)
    for scheme, width in LOADS:
        label = f"{width}px {scheme}"
        visit = new_visit(width, scheme)
        try:
            visit.goto(url, expect)
            result.storage += [f"{label}: {p}" for p in visit.storage_problems()]
            if width == NARROW:
                result.overflow += [f"{label}: {p}" for p in overflow(visit.page)]
            else:
                body = "() => getComputedStyle(document.body).backgroundColor"
                result.background[scheme] = visit.page.evaluate(body)
            visit.page.screenshot(
                path=str(artifacts / f"{kind}-{width}-{scheme}.png"), full_page=True
            )
            if width == WIDE:
                result.axe += [f"{label}: {line}" for line in run_axe(visit.page, axe_js)]
            result.load += [f"{label}: {p}" for p in visit.problems]
        finally:
            visit.close()
    return result


@pytest.fixture(scope="session")
def rendering(
    new_visit: Callable[..., Any],
    server: Any,
    page_kinds: dict[str, str],
    axe_js: Path,
    artifacts: Path,
) -> Callable[[str], Rendering]:
    """`rendering(kind)`: the page kind loaded and measured once, shared by the tests below."""
    cache: dict[str, Rendering] = {}

    def get(kind: str) -> Rendering:
        if kind not in cache:
            cache[kind] = render(kind, server.url(page_kinds[kind]), new_visit, axe_js, artifacts)
        return cache[kind]

    return get


def report(kind: str, rendering: Rendering, what: str, lines: list[str]) -> str:
    return f"{kind} page {rendering.url}: {what}:\n  " + "\n  ".join(lines)


@pytest.mark.parametrize("kind", KINDS)
def test_loads_without_errors_or_other_origins(
    kind: str, rendering: Callable[[str], Rendering]
) -> None:
    r = rendering(kind)
    assert not r.load, report(kind, r, "console errors, failed or foreign requests", r.load)


@pytest.mark.parametrize("kind", KINDS)
def test_writes_no_cookies_or_storage(kind: str, rendering: Callable[[str], Rendering]) -> None:
    r = rendering(kind)
    assert not r.storage, report(kind, r, "cookies or storage written", r.storage)


@pytest.mark.parametrize("kind", KINDS)
def test_no_horizontal_scroll_at_375(kind: str, rendering: Callable[[str], Rendering]) -> None:
    r = rendering(kind)
    assert not r.overflow, report(kind, r, "scrolls sideways", r.overflow)


@pytest.mark.parametrize("kind", KINDS)
def test_dark_scheme_applies(kind: str, rendering: Callable[[str], Rendering]) -> None:
    r = rendering(kind)
    light, dark = r.background["light"], r.background["dark"]
    assert light != dark, f"{kind} page {r.url}: body background is {light} in both schemes"


@pytest.mark.parametrize("kind", KINDS)
def test_axe_finds_no_serious_violations(kind: str, rendering: Callable[[str], Rendering]) -> None:
    r = rendering(kind)
    assert not r.axe, report(kind, r, "axe-core serious/critical violations", r.axe)


def test_every_page_is_clean_at_375(built: Any, server: Any, open_page: Callable[..., Any]) -> None:
    """Beyond one page per kind: every generated page loads cleanly and fits 375 px."""
    visit = open_page(NARROW, "light")
    problems: list[str] = []
    for file in built.html_files():
        path = built.site_path(file)
        url = server.url(path)
        before = len(visit.problems)
        visit.goto(url)  # 404.html itself is a file: 200
        problems += [f"{url}: {p}" for p in overflow(visit.page)]
        problems += [f"{url}: {p}" for p in visit.problems[before:]]
    problems += visit.storage_problems()
    assert not problems, "pages with problems at 375 px:\n  " + "\n  ".join(problems)
