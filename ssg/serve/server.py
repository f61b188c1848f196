"""`ssg serve`: build, then serve the output on loopback as a static host would.

Directory URLs answer with their index.html, missing paths get the site's
404.html with status 404, and the site answers both at the root and under the
`base_url` sub-path, the two ways it will be deployed.
"""

from __future__ import annotations

import functools
import sys
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


class StaticHandler(SimpleHTTPRequestHandler):
    """Serves one folder; `base_path` (e.g. "/hub/") is stripped when present."""

    base_path = "/"

    def translate_path(self, path: str) -> str:
        if self.base_path != "/" and path.startswith(self.base_path):
            path = "/" + path[len(self.base_path) :]
        return super().translate_path(path)

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
    handler = type("Handler", (StaticHandler,), {"base_path": base_path})
    server = ThreadingHTTPServer((host, port), functools.partial(handler, directory=str(folder)))
    server.daemon_threads = True
    return server
