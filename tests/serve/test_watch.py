"""Debouncing: changes are handed out once they have settled, bursts as one batch."""

from __future__ import annotations

import threading
import time

import pytest

from ssg.serve.watch import Batches, relevant


def test_a_burst_is_one_batch_once_quiet() -> None:
    batches = Batches(quiet=0.1, longest=5)
    got: list[set[str]] = []
    taker = threading.Thread(target=lambda: got.append(batches.take() or set()))
    taker.start()
    for n in range(200):
        batches.add([f"/hub/content/posts/{n}.md"])
    taker.join(timeout=5)
    assert not taker.is_alive()
    assert len(got) == 1 and len(got[0]) == 200


def test_a_batch_waits_for_quiet_but_not_forever() -> None:
    batches = Batches(quiet=0.2, longest=0.5)
    start = time.monotonic()
    stop = start + 1.0
    feeder = threading.Thread(
        target=lambda: [
            batches.add(["/x.md"]) or time.sleep(0.05)
            for _ in iter(lambda: time.monotonic() < stop, False)
        ]  # noqa: E501
    )
    feeder.start()
    first = batches.take()
    waited = time.monotonic() - start
    feeder.join(timeout=5)
    assert first == {"/x.md"}
    assert 0.4 <= waited < 0.9  # a steady stream still rebuilds after `longest`


def test_close_ends_a_waiting_take() -> None:
    batches = Batches()
    threading.Timer(0.1, batches.close).start()
    assert batches.take() is None


@pytest.mark.parametrize(
    ("name", "kept"),
    [("post.md", True), ("style.css", True), (".post.md.swp", False), ("post.md~", False),
     ("4913", False), (".#post.md", False), ("#post.md#", False), ("x.tmp", False)],
)  # fmt: skip
def test_editor_leftovers_are_ignored(name: str, kept: bool) -> None:
    assert relevant(f"/hub/content/posts/{name}") is kept
