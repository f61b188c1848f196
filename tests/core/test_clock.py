"""The build date: --today, else SOURCE_DATE_EPOCH, else today in the site timezone."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from ssg.core.clock import build_time, resolve_today, why_not_a_date
from ssg.core.diagnostics import SsgError

KIRITIMATI = ZoneInfo("Pacific/Kiritimati")  # UTC+14: a different calendar day most of the time


def test_today_option_wins_over_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    assert resolve_today(dt.date(2026, 11, 23), KIRITIMATI) == dt.date(2026, 11, 23)


def test_source_date_epoch_is_read_in_the_site_timezone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795392000")  # 2026-11-23 00:00 UTC
    assert build_time() == dt.datetime(2026, 11, 23, tzinfo=dt.UTC)
    assert resolve_today(None, ZoneInfo("UTC")) == dt.date(2026, 11, 23)
    assert resolve_today(None, ZoneInfo("America/Los_Angeles")) == dt.date(2026, 11, 22)
    assert resolve_today(None, KIRITIMATI) == dt.date(2026, 11, 23)


def test_without_either_there_is_no_build_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert build_time() is None
    today = resolve_today(None, KIRITIMATI)
    assert abs((today - dt.datetime.now(KIRITIMATI).date()).days) <= 1


@pytest.mark.parametrize("value", ["yesterday", "1.5", "99999999999999999999"])
def test_a_bad_source_date_epoch_is_an_input_error(monkeypatch, value: str) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    with pytest.raises(SsgError, match="SOURCE_DATE_EPOCH: expected a whole number of seconds"):
        build_time()


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("2026-11-31", "November 2026 has 30 days"),
        ("2026-02-29 09:00", "February 2026 has 28 days; 2026 is not a leap year"),
        ("2026-13-01", "there is no month 13; months go from 01 to 12"),
        ("2026-04-00", "April 2026 has 30 days"),
        ("2028-02-29", ""),
        ("yesterday", ""),
    ],
)
def test_why_not_a_date(text: str, why: str) -> None:
    assert why_not_a_date(text) == why
