"""The same small hub in every shipped language, checked in Chromium and by the Nu checker.

Translations change the length and the characters of every label (French non-breaking
spaces, German compounds), so each language gets the whole treatment: every page loads
without errors or requests to another origin, writes nothing, fits 375 px, passes axe;
every page of every language passes the Nu HTML Checker.
"""

from __future__ import annotations

import shutil
import threading
import urllib.parse
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ssg.build import BuildOptions, build
from ssg.core.i18n import catalogue_codes
from ssg.serve.server import make_server
from tests.browser.conftest import MISSING_PATH, NARROW, TODAY, WIDE, Server, Visit
from tests.browser.test_output import nu_messages
from tests.browser.test_pages import overflow, run_axe

pytestmark = pytest.mark.browser

FIXTURE = Path(__file__).resolve().parents[1] / "sites" / "languages"
LANGUAGES = ("de", "en", "es", "fr")


@pytest.fixture(scope="module")
def hubs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The fixture hub built once per language; language -> output folder."""
    outs = {}
    for lang in LANGUAGES:
        root = tmp_path_factory.mktemp(f"hub-{lang}") / "hub"
        shutil.copytree(FIXTURE, root)
        (root / "community-cache").rename(root / ".ssg-cache")  # the activity sections too
        config = root / "site.yaml"
        text = config.read_text(encoding="utf-8").replace("language: fr", f"language: {lang}")
        config.write_text(text, encoding="utf-8")
        outs[lang] = build(BuildOptions(root, out=root / "public", today=TODAY)).out
    return outs


@pytest.fixture(scope="module", params=LANGUAGES)
def served(
    request: pytest.FixtureRequest, hubs: dict[str, Path]
) -> Iterator[tuple[str, Path, Server]]:
    lang, out = request.param, hubs[request.param]
    httpd = make_server(out, "127.0.0.1", 0, "/")
    host, port = httpd.server_address[:2]
    thread = threading.Thread(
        target=httpd.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True
    )
    thread.start()
    try:
        yield lang, out, Server(origin=f"http://{host}:{port}", base_path="/")
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


def test_every_shipped_language_is_checked() -> None:
    assert tuple(catalogue_codes()) == LANGUAGES


def one_page_per_kind(out: Path) -> list[str]:
    """A site path for every kind of page: the first of each folder, and every single page."""
    paths = sorted(
        p.relative_to(out).as_posix().removesuffix("index.html") for p in out.rglob("*.html")
    )
    kinds: dict[str, str] = {}
    for path in paths:
        kinds.setdefault(path if path.count("/") < 2 else path.rsplit("/", 2)[0], path)
    return [*kinds.values(), MISSING_PATH]


def test_every_kind_of_page_is_clean_in_chromium(
    served: tuple[str, Path, Server], browser: Any, axe_js: Path
) -> None:
    lang, out, server = served
    paths = one_page_per_kind(out)
    assert len(paths) > 12, f"expected every kind of page, found {paths}"
    problems: list[str] = []
    visit = Visit(browser, server, WIDE, "light")
    try:
        for path in paths:
            url = server.url(path)
            before = len(visit.problems)
            visit.goto(url, 404 if path == MISSING_PATH else 200)
            page_lang = visit.page.evaluate("() => document.documentElement.lang")
            if page_lang != lang:
                problems.append(f"{url}: <html lang={page_lang!r}>, expected {lang!r}")
            problems += [f"{url}: axe: {line}" for line in run_axe(visit.page, axe_js)]
            visit.page.set_viewport_size({"width": NARROW, "height": 800})
            problems += [f"{url} at {NARROW}px: {p}" for p in overflow(visit.page)]
            problems += [f"{url}: {p}" for p in visit.problems[before:]]
        problems += visit.storage_problems()
    finally:
        visit.close()
    assert not problems, f"{lang}: pages with problems:\n  " + "\n  ".join(problems)


def test_every_language_passes_the_nu_html_checker(hubs: dict[str, Path], vnu_jar: Path) -> None:
    files = [f for out in hubs.values() for f in sorted(out.rglob("*.html"))]
    messages = nu_messages(vnu_jar, files)
    errors = [m for m in messages if m.get("type") in ("error", "non-document-error")]
    lines = []
    for m in errors:
        where = urllib.parse.unquote(urllib.parse.urlsplit(m.get("url", "")).path)
        lines.append(f"{where}:{m.get('lastLine', '?')}: {m.get('message')}")
    assert not lines, f"{len(lines)} Nu HTML Checker errors:\n  " + "\n  ".join(lines)
