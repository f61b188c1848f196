"""Progress shows on a terminal only, and only once a build has run for a while."""

from __future__ import annotations

import io

from ssg.engine import progress
from ssg.engine.progress import Progress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_terminal_sees_pages_of_total_after_the_delay(monkeypatch) -> None:
    monkeypatch.setattr(progress, "DELAY", 0.0)
    stream = Terminal()
    bar = Progress(3, stream)
    bar.advance(1)
    bar.advance(2)
    bar.finish()
    text = stream.getvalue()
    assert "\rssg: rendering Markdown 1/3" in text and "3/3" in text
    assert text.endswith("\r\033[K")  # the line is cleared for the summary


def test_a_short_build_shows_nothing() -> None:
    stream = Terminal()
    bar = Progress(3, stream)
    bar.advance(3)
    bar.finish()
    assert stream.getvalue() == ""


def test_a_pipe_shows_nothing_while_running(monkeypatch) -> None:
    monkeypatch.setattr(progress, "DELAY", 0.0)
    stream = io.StringIO()
    bar = Progress(3, stream)
    bar.advance(3)
    bar.finish()
    assert stream.getvalue() == ""
