"""The reload channel: events from the rebuild thread to every open tab (server-sent events).

Each event carries the site's epoch, a number that grows with every rebuild.
A page knows the epoch it was served at, and the stream starts with the
current one, so a tab that missed an event (it connected late, the server
restarted) still notices and reloads.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from typing import Any

KEEP = 64  # events kept for clients that fall behind between two waits


@dataclass(frozen=True)
class Event:
    seq: int
    kind: str  # "reload", "css" (stylesheets to swap), "findings" (banner text)
    data: str  # JSON

    def wire(self) -> bytes:
        """The event in the text/event-stream format."""
        return f"event: {self.kind}\ndata: {self.data}\n\n".encode()


class Channel:
    """Publish from one thread, wait from many; `close()` ends every wait at once."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._events: list[Event] = []
        self._seq = 0
        self.closed = False

    @property
    def seq(self) -> int:
        with self._cond:
            return self._seq

    def publish(self, kind: str, data: Any) -> None:
        with self._cond:
            self._seq += 1
            self._events = [*self._events[-KEEP + 1 :], Event(self._seq, kind, json.dumps(data))]
            self._cond.notify_all()

    def wait(self, after: int, timeout: float) -> list[Event]:
        """Events newer than `after`; empty after `timeout` seconds or once closed."""
        with self._cond:
            self._cond.wait_for(lambda: self.closed or self._seq > after, timeout)
            if self.closed:
                return []
            return [e for e in self._events if e.seq > after]

    def close(self) -> None:
        with self._cond:
            self.closed = True
            self._cond.notify_all()
