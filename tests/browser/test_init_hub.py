"""A hub fresh from `ssg init`, built at once, in each shipped language: accessible, valid
HTML, no request to another origin."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ssg.build import BuildOptions, build
from ssg.cli.init import init_hub
from ssg.serve.server import make_server
from tests.browser.conftest import WIDE, Server, Visit
from tests.browser.test_output import nu_messages
from tests.browser.test_pages import run_axe

pytestmark = pytest.mark.browser
TODAY = dt.date(2026, 11, 25)
LANGUAGES = ["en", "de", "fr", "es"]
PAGES = ["", "about/", "contribute/", "code-of-conduct/", "communities/", "tags/", "cadence/"]


@pytest.fixture(scope="module")
def fresh(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One new hub per language, each built into `<folder>/<language>/`."""
    folder = tmp_path_factory.mktemp("init-hubs")
    for lang in LANGUAGES:
        root = tmp_path_factory.mktemp(f"init-{lang}") / "kayak"
        url = f"https://paddle.riverline.example/{lang}/"
        init_hub(root, "Riverline Kayaks", url, lang, "Europe/Oslo", TODAY)
        build(BuildOptions(root, out=folder / lang, today=TODAY))
        assert f'<html lang="{lang}">' in (folder / lang / "index.html").read_text("utf-8")
    return folder


@pytest.fixture(scope="module")
def fresh_server(fresh: Path) -> Iterator[Server]:
    httpd = make_server(fresh, "127.0.0.1", 0, "/")
    host, port = httpd.server_address[:2]
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.1})
    thread.start()
    try:
        yield Server(origin=f"http://{host}:{port}", base_path="/")
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_fresh_hub_pages_pass_axe_and_request_nothing_elsewhere(
    browser: Any, fresh_server: Server, axe_js: Path, scheme: str, lang: str
) -> None:
    problems = []
    visit = Visit(browser, fresh_server, WIDE, scheme)
    try:
        for path in PAGES:
            visit.goto(fresh_server.url(path, base=f"/{lang}/"))
            problems += [f"/{lang}/{path}: {line}" for line in run_axe(visit.page, axe_js)]
        problems += visit.problems
    finally:
        visit.close()
    assert problems == []


def test_fresh_hubs_pass_the_nu_html_checker(fresh: Path, vnu_jar: Path) -> None:
    files = sorted(fresh.rglob("*.html"))
    assert len(files) >= len(PAGES) * len(LANGUAGES)
    errors = [m for m in nu_messages(vnu_jar, files) if m.get("type") != "info"]
    assert errors == []
