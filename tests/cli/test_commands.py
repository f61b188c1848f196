"""The command wrappers around build and lint."""

from __future__ import annotations

import gc

from ssg.cli.commands import rare_collections


def test_collections_are_rare_inside_and_as_before_after() -> None:
    before = gc.get_threshold()
    with rare_collections():
        assert gc.get_threshold()[0] >= 100 * before[0]
        assert gc.isenabled()  # still collected, only less often
    assert gc.get_threshold() == before


def test_thresholds_come_back_when_the_build_fails() -> None:
    before = gc.get_threshold()
    try:
        with rare_collections():
            raise ValueError("a failed build")
    except ValueError:
        pass
    assert gc.get_threshold() == before
