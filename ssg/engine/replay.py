"""What a build printed, kept so that a build with nothing changed can say it again.

The lint's verdict depends only on the inputs and the date, both in the
fingerprint, so an unchanged build shows the last lint exactly, in each of the
three formats, with the same exit status, without reading a content file.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from ssg.core.model import Site
from ssg.engine.progress import Stats
from ssg.engine.state import OutputRecord

FORMATS = ("text", "github", "json")


@dataclass(frozen=True)
class Replayed:
    """The last build's lint, as printed: `render` and `failed` as `LintReport` has them."""

    texts: dict[str, str]
    failed: bool
    counts: dict[str, int]  # posts, pages, communities

    def render(self, fmt: str) -> str:
        return self.texts[fmt]


def summary(site: Site, report: Any, stats: Stats, files: int) -> dict[str, Any]:
    """The record's `replay` part for this build (`report`: a `LintReport`)."""
    return {
        "lint": {fmt: report.render(fmt) for fmt in FORMATS},
        "failed": bool(report.failed),
        "counts": {
            "posts": len(site.posts),
            "pages": len(site.pages),
            "communities": len(site.communities),
            "files": files,
        },
        "stats": {k: v for k, v in asdict(stats).items() if k != "warning"},
    }


def replayed(record: OutputRecord) -> Replayed | None:
    """The recorded lint, or None when the record holds none we can show."""
    data = record.replay
    texts, failed, counts = data.get("lint"), data.get("failed"), data.get("counts")
    if not isinstance(texts, dict) or set(texts) != set(FORMATS) or not isinstance(failed, bool):
        return None
    if not all(isinstance(v, str) for v in texts.values()) or not isinstance(counts, dict):
        return None
    return Replayed(dict(texts), failed, {str(k): int(v) for k, v in counts.items()})
