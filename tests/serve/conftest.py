"""A live `ssg serve` in the test process: a real server on a free loopback port, stopped after.

`live(root, **options)` starts `LiveServer` on 127.0.0.1 port 0 and returns a `Live`
helper with a plain HTTP client (`get`) and an event-stream client (`events`). At
teardown the server is stopped and the test fails if a thread it started is still
running after a bounded wait.
"""

from __future__ import annotations

import http.client
import io
import json
import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from ssg.serve.live import LiveServer
from tests.conftest import TODAY

WAIT = 20.0  # seconds: the longest any test waits for one thing


class EventStream:
    """A real client of /__ssg/events: reads `event:`/`data:` blocks, each read bounded."""

    def __init__(self, host: str, port: int) -> None:
        self.sock = socket.create_connection((host, port), timeout=WAIT)
        self.sock.sendall(f"GET /__ssg/events HTTP/1.1\r\nHost: {host}:{port}\r\n\r\n".encode())
        self.file = self.sock.makefile("rb")
        status = self.file.readline().decode()
        assert status.split()[1] == "200", status
        headers = []
        while (line := self.file.readline()) not in (b"\r\n", b"\n", b""):
            headers.append(line.decode().strip().lower())
        assert "content-type: text/event-stream" in headers

    def next(self, timeout: float = WAIT) -> tuple[str, dict[str, Any]]:
        """The next event (kind, data); comments are skipped; raises TimeoutError."""
        deadline = time.monotonic() + timeout
        kind, data = "message", ""
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError(f"no event within {timeout} s")
            self.sock.settimeout(left)
            line = self.file.readline()
            if not line:
                raise ConnectionError("the event stream ended")
            text = line.decode().rstrip("\n")
            if text.startswith("event:"):
                kind = text[6:].strip()
            elif text.startswith("data:"):
                data += text[5:].strip()
            elif text == "" and data:
                return kind, json.loads(data)

    def until(self, kinds: set[str], timeout: float = WAIT) -> tuple[str, dict[str, Any]]:
        """Skip events until one of `kinds` arrives, all within `timeout` seconds."""
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError(f"no {kinds} event within {timeout} s")
            kind, data = self.next(left)
            if kind in kinds:
                return kind, data

    def close(self) -> None:
        self.file.close()
        self.sock.close()


@dataclass
class Live:
    server: LiveServer
    root: Path
    log: io.StringIO
    streams: list[EventStream] = field(default_factory=list)

    @property
    def address(self) -> tuple[str, int]:
        return self.server.address

    def get(self, path: str, method: str = "GET") -> tuple[int, dict[str, str], bytes]:
        conn = http.client.HTTPConnection(*self.address, timeout=WAIT)
        try:
            conn.putrequest(method, path, skip_host=False, skip_accept_encoding=True)
            conn.endheaders()
            response = conn.getresponse()
            headers = {k.lower(): v for k, v in response.getheaders()}
            return response.status, headers, response.read()
        finally:
            conn.close()

    def text(self, path: str) -> str:
        status, _, body = self.get(path)
        assert status == 200, (path, status)
        return body.decode()

    def events(self) -> EventStream:
        """A connected stream whose `hello` has been read."""
        stream = EventStream(*self.address)
        self.streams.append(stream)
        kind, _ = stream.next()
        assert kind == "hello"
        return stream

    def write(self, rel: str, text: str) -> Path:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    def settle(self, quiet: float = 0.6, timeout: float = WAIT) -> int:
        """Wait until no rebuild started for `quiet` seconds; the number of rebuilds so far."""
        deadline = time.monotonic() + timeout
        seen, since = self.server.rebuilds, time.monotonic()
        while time.monotonic() < deadline:
            time.sleep(0.05)
            if self.server.rebuilds != seen:
                seen, since = self.server.rebuilds, time.monotonic()
            elif time.monotonic() - since >= quiet and self.server.idle():
                return seen
        raise TimeoutError("the server kept rebuilding")


@pytest.fixture()
def live() -> Iterator[Callable[..., Live]]:
    before = set(threading.enumerate())
    started: list[Live] = []

    def _start(root: Path, **options: Any) -> Live:
        options.setdefault("today", TODAY)
        log = io.StringIO()
        server = LiveServer(root, "127.0.0.1", 0, quiet=True, log=log, **options)
        started.append(Live(server, root, log))
        server.start()
        return started[-1]

    yield _start
    for item in started:
        for stream in item.streams:
            stream.close()
        item.server.stop()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        stray = [t for t in threading.enumerate() if t not in before and t.is_alive()]
        if not stray:
            break
        time.sleep(0.05)
    assert not stray, f"threads left running: {stray}"


@pytest.fixture()
def busy_port() -> Iterator[int]:
    """A loopback port something else is listening on."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen()
    try:
        yield sock.getsockname()[1]
    finally:
        sock.close()
