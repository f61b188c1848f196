"""HTTP for `ssg serve`: answer as a static host would, from memory or from a folder.

Directory URLs answer with their index.html, missing paths get the site's
404.html with status 404, and the site answers both at the root and under the
`base_url` sub-path, the two ways it will be deployed. Only files of the site
are served: `..`, encoded separators and traversal (`%2e%2e`, `%2f`) are
refused with 403, and a symlink that points out of the folder is not followed.
"""

from __future__ import annotations

import contextlib
import functools
import mimetypes
import os
import sys
from collections.abc import Mapping
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Protocol
from urllib.parse import unquote

from ssg.serve.inject import DISMISS_PATH, EVENTS_PATH

ENCODED_SEPARATORS = ("%2f", "%5c", "%00")
KEEPALIVE = 10.0  # seconds between comments on an idle event stream


def site_path(raw: str, base_path: str = "/") -> str | None:
    """The site path a request names ("" for the home page), or None when it must be refused."""
    path = raw.split("?", 1)[0].split("#", 1)[0]
    if any(bad in path.lower() for bad in ENCODED_SEPARATORS) or "\\" in path:
        return None
    decoded = unquote(path)
    if "\x00" in decoded or "\\" in decoded:
        return None
    if any(part in ("..", ".") for part in decoded.split("/")):
        return None
    if base_path != "/" and decoded.startswith(base_path):
        decoded = "/" + decoded[len(base_path) :]
    return decoded.lstrip("/")


def content_type(name: str) -> str:
    guessed = mimetypes.guess_type(name)[0] or "application/octet-stream"
    text = guessed.startswith("text/") or guessed.endswith(("xml", "json", "javascript"))
    return f"{guessed}; charset=utf-8" if text else guessed


class StaticHandler(SimpleHTTPRequestHandler):
    """Serves one folder; `base_path` (e.g. "/hub/") is stripped when present."""

    base_path = "/"

    def send_head(self):  # noqa: ANN201 - stdlib signature
        if site_path(self.path, self.base_path) is None:
            self.send_error(HTTPStatus.FORBIDDEN, "path outside the site")
            return None
        return super().send_head()

    def translate_path(self, path: str) -> str:
        if self.base_path != "/" and path.startswith(self.base_path):
            path = "/" + path[len(self.base_path) :]
        found = super().translate_path(path)
        folder = os.path.realpath(self.directory)
        real = os.path.realpath(found)
        if real != folder and not real.startswith(folder + os.sep):
            return os.path.join(folder, ".ssg-outside-the-site")  # a symlink out: not found
        return found

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != HTTPStatus.NOT_FOUND or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(code)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        sys.stderr.write(f"serve: {format % args}\n")


def make_server(folder: Path, host: str, port: int, base_path: str = "/") -> ThreadingHTTPServer:
    """A static host for a built folder (what `ssg build` wrote)."""
    handler = type("Handler", (StaticHandler,), {"base_path": base_path})
    server = ThreadingHTTPServer((host, port), functools.partial(handler, directory=str(folder)))
    server.daemon_threads = True
    return server


class Site(Protocol):
    """What the live handler asks of the running server (`ssg.serve.live.LiveState`)."""

    base_path: str
    reload: bool

    def files(self) -> Mapping[str, bytes] | None: ...
    def page(self, name: str, html: bytes) -> bytes: ...
    def error_page(self) -> bytes: ...
    def stream(self, write: object) -> None: ...
    def dismiss(self) -> None: ...


class LiveHandler(BaseHTTPRequestHandler):
    """Serves the site held in memory, the event stream and the banner's dismissal."""

    site: Site
    timeout = 10  # a client that stops talking releases its thread
    quiet = False

    def do_GET(self) -> None:  # noqa: N802 - stdlib naming
        self._answer()

    def do_HEAD(self) -> None:  # noqa: N802
        self._answer()

    def do_POST(self) -> None:  # noqa: N802
        if self.path == DISMISS_PATH and self.site.reload:
            self.site.dismiss()
            self._send(HTTPStatus.NO_CONTENT, "text/plain", b"")
        else:
            self._send(HTTPStatus.METHOD_NOT_ALLOWED, "text/plain; charset=utf-8", b"GET only\n")

    def _answer(self) -> None:
        if self.path.split("?", 1)[0] == EVENTS_PATH and self.site.reload:
            self._events()
            return
        wanted = site_path(self.path, self.site.base_path)
        if wanted is None:
            body = b"ssg serve: refused, the path leaves the site\n"
            self._send(HTTPStatus.FORBIDDEN, "text/plain; charset=utf-8", body)
            return
        files = self.site.files()
        if files is None:
            self._send(
                HTTPStatus.INTERNAL_SERVER_ERROR, content_type("x.html"), self.site.error_page()
            )
            return
        name = wanted + "index.html" if wanted.endswith("/") or not wanted else wanted
        if name in files:
            self._send(HTTPStatus.OK, content_type(name), self._body(name, files[name]))
        elif wanted + "/index.html" in files or f"/{wanted}/" == self.site.base_path:
            location = self.path.split("?", 1)[0] + "/"
            query = self.path.partition("?")[2]
            self.send_response(HTTPStatus.MOVED_PERMANENTLY)
            self.send_header("Location", location + (f"?{query}" if query else ""))
            self.send_header("Content-Length", "0")
            self.end_headers()
        else:
            body = self._body("404.html", files.get("404.html", b"<h1>Not found</h1>"))
            self._send(HTTPStatus.NOT_FOUND, content_type("404.html"), body)

    def _body(self, name: str, data: bytes) -> bytes:
        return self.site.page(name, data) if name.endswith(".html") else data

    def _send(self, status: int, kind: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _events(self) -> None:
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.close_connection = True

        def write(data: bytes) -> None:
            self.wfile.write(data)
            self.wfile.flush()

        with contextlib.suppress(BrokenPipeError, ConnectionResetError, TimeoutError):
            self.site.stream(write)  # until the server stops or the tab goes away

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        if not self.quiet:
            sys.stderr.write(f"serve: {format % args}\n")


def make_live_server(site: Site, host: str, port: int, quiet: bool = False) -> ThreadingHTTPServer:
    """The live server; `server_close()` waits for every request thread to end."""
    handler = type("Handler", (LiveHandler,), {"site": site, "quiet": quiet})
    server = ThreadingHTTPServer((host, port), handler)
    server.daemon_threads = False
    server.block_on_close = True
    return server
