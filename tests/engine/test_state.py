"""The record of the last build's output: read back exactly, or not at all."""

from __future__ import annotations

import marshal
from pathlib import Path

import pytest

from ssg.engine import state
from ssg.engine.pages import PageRecord

RECORD = state.OutputRecord(
    out="/hub/public",
    inputs="f" * 40,
    files={"": (4096, 1, 2), "index.html": (120, 3, 4), "posts/": (4096, 5, 6)},
    pages={
        "index.html": PageRecord("k" * 40, (("today", "d" * 40),), (("content/a.md", "t" * 40),)),
        "feed.xml": PageRecord("atom:" + "0" * 40, ()),
    },
    replay={"counts": {"files": 2}, "text": "ok\n"},
    caches={"markdown.cache": (10, 7, 8), "posts.pickle": None},
)


def test_a_saved_record_reads_back_the_same(tmp_path: Path) -> None:
    RECORD.save(tmp_path)
    again = state.open_record(tmp_path)
    assert again == RECORD and again.warning is None
    assert all(type(r) is PageRecord for r in again.pages.values())
    assert again.pages["index.html"].texts == (("content/a.md", "t" * 40),)


def _rewrite(folder: Path, change) -> None:  # noqa: ANN001
    path = folder / state.FILE_NAME
    path.write_bytes(marshal.dumps(change(marshal.loads(path.read_bytes()))))


@pytest.mark.parametrize(
    "change",
    [
        lambda s: (*s[:3], s[3].replace(b"kkkk", b"kkkj", 1)),  # an entry changed, hash kept
        lambda s: (*s[:3], s[3][:-9]),  # cut short
        lambda s: (s[0], s[1] + 1, *s[2:]),  # another version
        lambda s: list(s),  # another shape
        lambda s: {"format": s[0], "version": s[1]},  # the shape of an older record
    ],
)
def test_a_record_not_exactly_as_written_is_ignored_with_a_warning(tmp_path: Path, change) -> None:  # noqa: ANN001
    RECORD.save(tmp_path)
    _rewrite(tmp_path, change)
    found = state.open_record(tmp_path)
    assert found.pages == {} and found.files == {}
    assert found.warning and "ignoring an unreadable record" in found.warning


def test_bytes_that_are_not_marshal_data_are_ignored(tmp_path: Path) -> None:
    (tmp_path / state.FILE_NAME).write_bytes(b"{\xda\x06format")
    assert state.open_record(tmp_path).warning
