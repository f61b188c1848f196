"""Fixtures of the browser suite: the demo hub built once, served on loopback, visited by Chromium.

The demo hub (the repository root) is built with a pinned date into a temporary folder and
served by `ssg.serve.make_server` under its `base_url` sub-path ("/hub/"); the same server also
answers at the root. Chromium is Debian's `/usr/bin/chromium`, driven by Playwright; a missing
browser or tool fails the suite with a message saying how to install it (`make test` does).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import threading
import urllib.parse
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from ssg.build import BuildOptions, BuildResult, build
from ssg.core.diagnostics import SsgError, format_text
from ssg.serve.server import make_server

ROOT = Path(__file__).resolve().parents[2]
TOOLS = ROOT / ".tools" / "node_modules"
AXE_JS = TOOLS / "axe-core" / "axe.min.js"
VNU_JAR = TOOLS / "vnu-jar" / "build" / "dist" / "vnu.jar"
ARTIFACTS = ROOT / "test-artifacts"
# What `ssg fetch-feeds` and `ssg check-links` would have kept (hostile titles included), so the
# "Latest from the communities" sections are checked like every page, whatever .ssg-cache holds.
COMMUNITY_CACHE = Path(__file__).resolve().parent / "community-cache"
CHROMIUM = Path("/usr/bin/chromium")
TODAY = dt.date(2026, 11, 23)
INSTALL_HINT = "run `make test` or `bash tests/browser/install-deps.sh` to install it"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TIMEOUT_MS = 15_000
WIDE, NARROW = 1280, 375
MISSING_PATH = (
    "no-such-page/really/"  # nested, so the 404 page has to link correctly from any depth
)


def require(path: Path, what: str) -> Path:
    """Fail (never skip) when a tool of the suite is missing: a skipped suite proves nothing."""
    if not path.is_file():
        pytest.fail(f"{what} is missing at {path}; {INSTALL_HINT}", pytrace=False)
    return path


@dataclasses.dataclass(frozen=True)
class BuiltSite:
    """The demo hub's output folder and what was built into it."""

    out: Path
    result: BuildResult

    @property
    def base_path(self) -> str:
        return self.result.site.config.base_path

    def html_files(self) -> list[Path]:
        return sorted(self.out.rglob("*.html"))

    def site_path(self, file: Path) -> str:
        """The site path a generated HTML file is served at: "posts/x/" for posts/x/index.html."""
        rel = file.relative_to(self.out).as_posix()
        if rel == "index.html":
            return ""
        return rel[: -len("index.html")] if rel.endswith("/index.html") else rel


@dataclasses.dataclass(frozen=True)
class Server:
    """The running static server: one origin, answering at "/" and under the base path."""

    origin: str
    base_path: str

    def url(self, site_path: str, base: str | None = None) -> str:
        """The absolute URL of a site path, under `base` (default: the site's base path)."""
        return self.origin + (self.base_path if base is None else base) + site_path


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    out = tmp_path_factory.mktemp("browser-site") / "public"
    try:
        result = build(BuildOptions(ROOT, out=out, today=TODAY, cache=COMMUNITY_CACHE))
    except SsgError as exc:
        pytest.fail(f"the demo hub does not build:\n{format_text(exc.diagnostics)}", pytrace=False)
    return BuiltSite(out=out, result=result)


@pytest.fixture(scope="session")
def server(built: BuiltSite) -> Iterator[Server]:
    httpd = make_server(built.out, "127.0.0.1", 0, built.base_path)
    host, port = httpd.server_address[:2]
    thread = threading.Thread(
        target=httpd.serve_forever,
        kwargs={"poll_interval": 0.1},
        name="ssg-test-server",
        daemon=True,
    )
    thread.start()
    try:
        yield Server(origin=f"http://{host}:{port}", base_path=built.base_path)
    finally:
        httpd.shutdown()  # serve_forever returns within one poll interval
        httpd.server_close()
        thread.join(timeout=5)


def _first_dir(folder: Path, key: Callable[[Path], Any] = lambda p: p.name) -> str:
    dirs = sorted((d for d in folder.iterdir() if (d / "index.html").is_file()), key=key)
    if not dirs:
        pytest.fail(f"the demo build has no page under {folder}", pytrace=False)
    return dirs[0].name


@pytest.fixture(scope="session")
def page_kinds(built: BuiltSite) -> dict[str, str]:
    """Every kind of page, mapped to one concrete site path found in the build output."""
    out, site = built.out, built.result.site
    if not site.pages or not site.communities:
        pytest.fail("the demo hub needs at least one page and one community", pytrace=False)
    kinds = {
        "home": "",
        "paginated": f"page/{_first_dir(out / 'page', key=lambda p: int(p.name))}/",
        "post": f"posts/{_first_dir(out / 'posts')}/",
        "tag": f"tags/{_first_dir(out / 'tags')}/",
        "tag-index": "tags/",
        "archive": "archive/",
        "page": sorted(p.url for p in site.pages)[0],
        "communities": "communities/",
        "platform": f"communities/platform/{_first_dir(out / 'communities' / 'platform')}/",
        "community": sorted(c.page_url for c in site.communities)[0],
        "community-activity": next(c.page_url for c in site.communities if c.items),
        "cadence": "cadence/",
        "404": MISSING_PATH,
    }
    for kind, path in kinds.items():
        if kind != "404":
            assert (out / path / "index.html").is_file(), (
                f"{kind}: no {path}index.html in the build"
            )
    return kinds


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.is_file():
        pytest.fail(f"Chromium is missing at {CHROMIUM}; {INSTALL_HINT}", pytrace=False)
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail(
            "Playwright for Python is missing; `make test` installs the test extra", pytrace=False
        )
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS, timeout=30_000
        )
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture(scope="session")
def axe_js() -> Path:
    return require(AXE_JS, "axe-core")


@pytest.fixture(scope="session")
def vnu_jar() -> Path:
    return require(VNU_JAR, "The Nu HTML Checker (vnu.jar)")


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


def origin_of(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


class Visit:
    """A fresh browser context (own cookies and storage) that loads pages and records problems.

    Recorded as problems: console errors, uncaught exceptions, failed requests, responses
    with an error status (other than the 404 page's own document), and any request to an
    origin other than the server's, which is also aborted so nothing leaves the machine.
    Each `goto` opens a new tab and closes the previous one, so a late request of the page
    left behind (its favicon, say) is never blamed on the next.
    """

    def __init__(self, browser: Any, server: Server, width: int, scheme: str) -> None:
        self.server = server
        self.url = ""
        self.expect_status = 200
        self.problems: list[str] = []
        self.pending: set[Any] = set()  # requests of the current page not yet finished
        self.context = browser.new_context(
            viewport={"width": width, "height": 800}, color_scheme=scheme, service_workers="block"
        )
        self.context.set_default_timeout(TIMEOUT_MS)
        self.context.set_default_navigation_timeout(TIMEOUT_MS)
        self.context.route("**/*", self._route)
        self.page: Any = None

    def _foreign(self, url: str) -> bool:
        return not url.startswith("data:") and origin_of(url) != self.server.origin

    def _route(self, route: Any) -> None:
        if self._foreign(route.request.url):
            route.abort()  # recorded by the "request" handler
        else:
            route.continue_()

    def _new_page(self) -> Any:
        page = self.context.new_page()

        def on(event: str, handler: Callable[[Any], None]) -> None:
            page.on(event, lambda arg: handler(arg) if page is self.page else None)

        on("console", self._console)
        on("pageerror", lambda exc: self.problems.append(f"uncaught exception: {exc}"))
        on("request", self._request)
        on("requestfinished", lambda request: self.pending.discard(request))
        on("requestfailed", self._failed)
        on("response", self._response)
        return page

    def _request(self, request: Any) -> None:
        self.pending.add(request)
        if self._foreign(request.url):
            self.problems.append(f"request to another origin: {request.url}")

    def _failed(self, request: Any) -> None:
        self.pending.discard(request)
        self.problems.append(f"request failed: {request.url} {request.failure}")

    def _response(self, response: Any) -> None:
        own_document = response.url == self.url and self.expect_status != 200
        if response.status >= 400 and not own_document:
            self.problems.append(f"HTTP {response.status} for {response.url}")

    def _console(self, message: Any) -> None:
        if message.type != "error":
            return
        where = message.location.get("url", "")
        # Chromium logs the 404 page's own status as an error: that status is the point of the page.
        expected = f"status of {self.expect_status}" in message.text and where == self.url
        if not (self.expect_status != 200 and expected):
            self.problems.append(f"console error: {message.text} ({where})")

    def goto(self, url: str, expect_status: int = 200) -> Visit:
        old, self.page = self.page, self._new_page()
        if old is not None:
            old.close()
        self.pending = set()
        self.url, self.expect_status = url, expect_status
        response = self.page.goto(url, wait_until="load")
        status = response.status if response else None
        if status != expect_status:
            self.problems.append(f"{url} answered {status}, expected {expect_status}")
        self.settle()
        return self

    def settle(self, limit_ms: int = 3000, step_ms: int = 25) -> None:
        """Wait (bounded) until the requests the page started are done."""
        for _ in range(limit_ms // step_ms):
            if not self.pending:
                return
            self.page.wait_for_timeout(step_ms)

    def storage_problems(self) -> list[str]:
        """Cookies and anything stored by the page: all must be empty."""
        problems = []
        cookies = self.context.cookies()
        if cookies:
            problems.append(f"cookies set: {[c['name'] for c in cookies]}")
        stored = self.page.evaluate(
            """async () => ({
                "document.cookie": document.cookie,
                localStorage: localStorage.length,
                sessionStorage: sessionStorage.length,
                indexedDB: (await indexedDB.databases()).map(d => d.name),
                CacheStorage: self.caches ? await caches.keys() : [],
                serviceWorkers: navigator.serviceWorker
                    ? (await navigator.serviceWorker.getRegistrations()).length : 0,
            })"""
        )
        problems += [f"{key} written: {value!r}" for key, value in stored.items() if value]
        return problems

    def close(self) -> None:
        self.context.close()


@pytest.fixture(scope="session")
def new_visit(browser: Any, server: Server) -> Callable[..., Visit]:
    """`new_visit(width=..., scheme=...)`: a fresh Visit; the caller closes it."""
    return lambda width=WIDE, scheme="light": Visit(browser, server, width, scheme)


@pytest.fixture
def open_page(new_visit: Callable[..., Visit]) -> Iterator[Callable[..., Visit]]:
    """Like `new_visit`, but every Visit is closed at the end of the test."""
    visits: list[Visit] = []

    def open_(width: int = WIDE, scheme: str = "light") -> Visit:
        visits.append(new_visit(width, scheme))
        return visits[-1]

    yield open_
    for item in visits:
        item.close()
