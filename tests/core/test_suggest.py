from __future__ import annotations

from ssg.core.suggest import did_you_mean, unknown


def test_close_names_are_suggested() -> None:
    assert did_you_mean("summry", ["title", "summary", "tags"]) == " did you mean 'summary'?"
    assert did_you_mean("Discrod", ["discord", "forum"]) == " did you mean 'discord'?"


def test_nothing_close_suggests_nothing() -> None:
    assert did_you_mean("colour", ["title", "summary"]) == ""
    assert did_you_mean(3, ["title"]) == ""


def test_unknown_names_the_fix_before_the_list() -> None:
    assert unknown("key", "titel", ["title", "date"]) == (
        "unknown key 'titel'; did you mean 'title'? (expected one of: title, date)"
    )
    assert unknown("key", "zzz", ["title"]) == "unknown key 'zzz'; expected one of: title"
