"""Languages: catalogues chosen by code, CLDR dates and names, never the machine's locale."""

from __future__ import annotations

import datetime as dt
import locale
from dataclasses import replace

import pytest

from ssg.core.diagnostics import Severity
from ssg.core.i18n import cldr_locale, language, untranslated_language
from ssg.core.model import Config

DAY = dt.date(2026, 1, 3)


@pytest.mark.parametrize(
    ("code", "long", "short"),
    [
        ("en", "3 January 2026", "3 Jan 2026"),
        ("EN", "3 January 2026", "3 Jan 2026"),
        ("en-US", "January 3, 2026", "Jan 3, 2026"),
        ("de", "3. Januar 2026", "03.01.2026"),
        ("fr", "3 janvier 2026", "3 janv. 2026"),
        ("es", "3 de enero de 2026", "3 ene 2026"),
        ("pt-BR", "3 de janeiro de 2026", "3 de jan. de 2026"),
    ],
)
def test_dates_in_each_language(code: str, long: str, short: str) -> None:
    t = language(code)
    assert t.date(DAY) == long
    assert t.date(DAY, "short") == short
    assert t.date(DAY, "iso") == "2026-01-03"


def test_a_datetime_is_shown_as_its_own_calendar_day() -> None:
    moment = dt.datetime(2026, 9, 14, 23, 30, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    assert language("fr").date(moment) == "14 septembre 2026"


def test_dates_ignore_the_process_locale() -> None:
    """Whatever LC_TIME says (when the machine has such a locale), CLDR decides."""
    saved = locale.setlocale(locale.LC_ALL)
    try:
        for name in ("de_DE.UTF-8", "fr_FR.UTF-8", "C.UTF-8", "C"):
            try:
                locale.setlocale(locale.LC_ALL, name)
            except locale.Error:
                continue
            assert language("en").date(DAY) == "3 January 2026"
            assert language("es").month_abbr(1) == "ene"
    finally:
        locale.setlocale(locale.LC_ALL, saved)


@pytest.mark.parametrize(
    ("site", "code", "name"),
    [
        ("en", "en", "English"),
        ("en", "de", "German"),
        ("fr", "de", "allemand"),
        ("de", "pt-BR", "Portugiesisch (Brasilien)"),
        ("es", "zh-Hant-TW", "chino (tradicional, Taiwán)"),
        ("fr", "tlh", "klingon"),
        ("fr", "qaa", "qaa"),  # private use: no name anywhere, the code is shown
        ("fr", "und", "langue indéterminée"),  # not guessed as English (United States)
        ("es", "es-419", "español (Latinoamérica)"),
    ],
)
def test_language_names(site: str, code: str, name: str) -> None:
    assert language(site).language_name(code) == name


def test_month_and_weekday_names() -> None:
    assert [language("en").month_abbr(m) for m in (1, 9)] == ["Jan", "Sep"]
    assert [language("fr").month_abbr(m) for m in (1, 9)] == ["janv.", "sept."]
    assert [language("de").weekday_abbr(d) for d in (0, 2, 4)] == ["Mo", "Mi", "Fr"]


def test_decimals_use_the_language_sign_and_round_like_printf() -> None:
    assert language("en").decimal(5.55) == f"{5.55:.1f}" == "5.5"
    assert language("fr").decimal(5.64) == "5,6"
    assert language("de").decimal(12.0) == "12,0"


def test_catalogue_fallbacks() -> None:
    assert language("fr").gettext("Latest posts") == "Derniers articles"
    assert language("fr-CA").gettext("Latest posts") == "Derniers articles"  # fr-CA → fr
    assert language("de-AT").ngettext("{n} day", "{n} days", 2) == "{n} Tage"
    assert language("fr").ngettext("{n} day", "{n} days", 0) == "{n} jour"  # French: 0 is one
    # CLDR knows Dutch, ssg ships no Dutch catalogue: English words, Dutch dates
    assert language("nl").gettext("Latest posts") == "Latest posts"
    assert language("nl").date(DAY) == "3 januari 2026"


def test_cldr_locale() -> None:
    assert str(cldr_locale("pt-BR")) == "pt_BR"
    assert str(cldr_locale("en-XY")) == "en"  # an unknown region falls back to the language
    assert cldr_locale("xq") is None


@pytest.mark.parametrize(("code", "warned"), [("en", False), ("fr-CA", False), ("nl", True)])
def test_a_language_without_catalogue_is_a_warning(code: str, warned: bool) -> None:
    config = Config(title="Hub", base_url="https://example.org/", language=code)
    config = replace(config, lines={"language": 4})
    found = untranslated_language(config)
    assert bool(found) == warned
    if warned:
        (d,) = found
        assert (d.path, d.line, d.severity) == ("site.yaml", 4, Severity.WARNING)
        assert d.message.startswith("ssg has no Dutch translation of the theme's words")
