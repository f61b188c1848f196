"""`ssg serve` in headless Chromium: a saved file shows up in the open tab without any action.

The tab is opened once; the test then edits the post on disk and waits (bounded) for the
page to show the new text. A stylesheet edit is swapped in place: the page is not reloaded
(a marker set in the page survives) yet the new rule applies.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest

from ssg.serve.live import LiveServer
from tests.browser.conftest import TIMEOUT_MS
from tests.conftest import TODAY

pytestmark = pytest.mark.browser
HELLO = "content/posts/2026-11-20-hello.md"
BASE = Path(__file__).resolve().parents[2] / "themes" / "default" / "templates" / "base.html"
PROBE = "getComputedStyle(document.documentElement).getPropertyValue('--probe').trim()"


def test_an_edit_on_disk_shows_in_the_open_tab(browser: Any, hub) -> None:
    root = hub()
    (root / "static" / "css").mkdir(parents=True)
    (root / "static" / "css" / "extra.css").write_text(":root { --probe: before; }\n", "utf-8")
    (root / "templates").mkdir()
    link = '<link rel="stylesheet" href="{{ url(\'static/css/extra.css\') }}">\n</head>'
    (root / "templates" / "base.html").write_text(
        BASE.read_text("utf-8").replace("</head>", link, 1)
    )
    server = LiveServer(root, "127.0.0.1", 0, today=TODAY, quiet=True, log=io.StringIO()).start()
    context = browser.new_context(service_workers="block")
    context.set_default_timeout(TIMEOUT_MS)
    problems: list[str] = []
    try:
        host, port = server.address
        origin = f"http://{host}:{port}"
        page = context.new_page()
        page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
        page.on(
            "request", lambda r: problems.append(r.url) if not r.url.startswith(origin) else None
        )  # noqa: E501
        page.goto(f"{origin}/hub/posts/hello/", wait_until="load")
        page.wait_for_function("() => window.EventSource && document.getElementById('ssg-live')")
        page.evaluate("() => { window.ssgMarker = 'kept'; }")

        post = root / HELLO
        post.write_text(post.read_text("utf-8") + "\nWritten while the tab was open.\n", "utf-8")
        page.wait_for_function(
            "() => document.body.innerText.includes('Written while the tab was open.')",
            timeout=TIMEOUT_MS,
        )
        assert page.evaluate("() => window.ssgMarker") is None  # a full reload happened

        page.evaluate("() => { window.ssgMarker = 'kept'; }")
        page.wait_for_function(f"() => {PROBE} === 'before'")
        (root / "static/css/extra.css").write_text(":root { --probe: after; }\n", "utf-8")
        page.wait_for_function(f"() => {PROBE} === 'after'")
        assert page.evaluate("() => window.ssgMarker") == "kept"  # swapped, not reloaded
        assert problems == []
    finally:
        context.close()
        server.stop()
