"""A real HTTP server on 127.0.0.1 with scripted answers, for the commands that go online.

Each route maps a path to a `Reply` or to a function of the request returning
one (for answers that change: 503 then 200, ETag then 304). The server
records every request and the most requests it ever had in flight at once.
Every wait inside it is bounded, and `stop()` (called by the `web` fixture)
ends it and its threads.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

LONGEST_WAIT = 15.0  # seconds a "never answers" route holds a connection at most


@dataclass(frozen=True)
class Reply:
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    delay: float = 0.0  # seconds before answering
    hang: bool = False  # never answer (until the server stops)
    endless: bool = False  # stream body bytes until the client goes away


@dataclass(frozen=True)
class Seen:
    method: str
    path: str
    headers: dict[str, str]


Route = Reply | Callable[[Seen], Reply]


class WebServer:
    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[Seen] = []
        self.stopping = threading.Event()
        self.lock = threading.Lock()
        self.in_flight = 0
        self.peak = 0
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self.thread.start()

    @property
    def origin(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}"

    def url(self, path: str) -> str:
        return self.origin + path

    def route(self, path: str, reply: Route) -> str:
        self.routes[path] = reply
        return self.url(path)

    def asked(self, path: str, method: str | None = None) -> list[Seen]:
        return [r for r in self.requests if r.path == path and method in (None, r.method)]

    def stop(self) -> None:
        self.stopping.set()
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=5)

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        web = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:  # quiet test output
                pass

            def do_GET(self) -> None:  # noqa: N802 - http.server's naming
                web._answer(self, "GET")

            def do_HEAD(self) -> None:  # noqa: N802
                web._answer(self, "HEAD")

        return Handler

    def _answer(self, handler: BaseHTTPRequestHandler, method: str) -> None:
        seen = Seen(method, handler.path, {k.lower(): v for k, v in handler.headers.items()})
        with self.lock:
            self.requests.append(seen)
            self.in_flight += 1
            self.peak = max(self.peak, self.in_flight)
        try:
            route = self.routes.get(handler.path, Reply(404, body=b"not here"))
            reply = route(seen) if callable(route) else route
            if reply.hang:
                self.stopping.wait(LONGEST_WAIT)
                return
            if reply.delay:
                self.stopping.wait(reply.delay)
            self._send(handler, method, reply)
        except (TimeoutError, BrokenPipeError, ConnectionResetError):
            pass
        finally:
            with self.lock:
                self.in_flight -= 1

    def _send(self, handler: BaseHTTPRequestHandler, method: str, reply: Reply) -> None:
        handler.send_response(reply.status)
        for name, value in reply.headers.items():
            handler.send_header(name, value)
        if reply.endless:
            handler.send_header("Connection", "close")
            handler.end_headers()
            deadline = time.monotonic() + LONGEST_WAIT
            chunk = b"<item><title>more</title></item>" * 2048
            while method == "GET" and not self.stopping.is_set() and time.monotonic() < deadline:
                handler.wfile.write(chunk)
            return
        handler.send_header("Content-Length", str(len(reply.body)))
        handler.end_headers()
        if method == "GET":
            handler.wfile.write(reply.body)


def refused_url() -> str:
    """An address on 127.0.0.1 where nothing listens (the port was just freed)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/"


@pytest.fixture()
def web() -> Iterator[WebServer]:
    server = WebServer()
    try:
        yield server
    finally:
        server.stop()
