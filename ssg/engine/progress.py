"""What a long build shows while it runs, and the one line it ends with.

On a terminal, a build still rendering after `DELAY` seconds shows pages rendered
of total on one rewritten line of stderr; piped or in CI nothing is shown while
it runs, so logs hold only the summary line the command prints at the end.
"""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass, field
from typing import TextIO

DELAY = 2.0  # seconds before a terminal shows progress


@dataclass
class Progress:
    total: int
    stream: TextIO = field(default_factory=lambda: sys.stderr)
    done: int = 0
    started: float = field(default_factory=time.monotonic)
    shown: bool = False
    label: str = "rendering Markdown"

    def advance(self, count: int) -> None:
        self.done += count
        if not self.stream.isatty() or time.monotonic() - self.started < DELAY:
            return
        self.stream.write(f"\rssg: {self.label} {self.done}/{self.total}")
        self.stream.flush()
        self.shown = True

    def finish(self) -> None:
        """Clear the progress line, so the summary and lint output start on a clean line."""
        if self.shown:
            self.stream.write("\r\033[K")
            self.stream.flush()


@dataclass(frozen=True)
class Stats:
    """Counts for the summary line: Markdown bodies and pages rendered, and reused."""

    rendered: int = 0
    cached: int = 0
    seconds: float = 0.0
    warning: str | None = None
    pages_rendered: int = 0
    pages_kept: int = 0
    others: tuple[str, ...] = ()  # warnings about the build's other cache files
