"""The hub's language: translated strings, dates and language names.

`site.yaml`'s `language` picks a gettext catalogue (`ssg/locale/<lang>/LC_MESSAGES/ssg.po`,
shared by the default theme and by the words ssg writes into pages) and Babel's CLDR
data for dates, month and weekday names and language names. Nothing here reads the
machine's locale, so the same hub gives the same bytes on every machine.

Catalogues are compiled from their `.po` text in memory when first used: there is no
compiled file to forget or to go stale, and a fresh clone builds without a compile step.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
from dataclasses import dataclass
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.dates import format_date
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import get_decimal_symbol
from babel.support import NullTranslations, Translations

from ssg.core.diagnostics import Diagnostic, Severity
from ssg.core.model import Config

LOCALE_DIR = Path(__file__).resolve().parents[1] / "locale"
DOMAIN = "ssg"
DATE_STYLES = {"long": "long", "short": "medium"}
# A bare `en` keeps the theme's day-first English dates (3 November 2026) with CLDR's
# English month names; `en-US`, `en-GB` and every other language get CLDR's own patterns.
DATE_PATTERNS = {"en": {"long": "d MMMM y", "short": "d MMM y"}}


def N_(message: str) -> str:  # noqa: N802 - the gettext convention extractors look for
    """Mark a string for the catalogue where it is defined; it is translated where shown."""
    return message


def cldr_locale(code: str) -> Locale | None:
    """Babel's CLDR data for a BCP 47 code, falling back to its language subtag."""
    for candidate in (code, code.split("-")[0]):
        try:
            return Locale.parse(candidate, sep="-")
        except (UnknownLocaleError, ValueError):
            continue
    return None


def catalogue_codes() -> list[str]:
    """Languages with a shipped catalogue, such as ['de', 'en', 'es', 'fr']."""
    return sorted(p.parent.parent.name for p in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


def _catalogue_file(code: str) -> Path | None:
    """The most specific shipped catalogue for `code`: pt_BR, then pt."""
    parts = code.replace("_", "-").split("-")
    for candidate in ("_".join([parts[0].lower(), *parts[1:]]), parts[0].lower()):
        po = LOCALE_DIR / candidate / "LC_MESSAGES" / f"{DOMAIN}.po"
        if po.is_file():
            return po
    return None


def _catalogue(code: str) -> NullTranslations:
    """The shipped catalogue for `code` compiled in memory, else no translation (English)."""
    po = _catalogue_file(code)
    if po is None:
        return NullTranslations()
    with po.open("rb") as fp:
        catalog = read_po(fp, locale=po.parent.parent.name, domain=DOMAIN)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(buffer, domain=DOMAIN)


@dataclass(frozen=True)
class Language:
    """One language's words and CLDR formats; `language(code)` gives the shared instance."""

    code: str
    locale: Locale
    translations: NullTranslations

    def gettext(self, message: str) -> str:
        return self.translations.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self.translations.ngettext(singular, plural, n)

    def date(self, value: dt.date | dt.datetime, style: str = "long") -> str:
        """`long` (3 November 2026), `short` (3 Nov 2026) or `iso`, in this language."""
        if style == "iso":
            return value.isoformat()
        day = value.date() if isinstance(value, dt.datetime) else value
        own = DATE_PATTERNS.get(self.code.lower(), {})
        pattern = own.get(style) or DATE_STYLES.get(style, style)
        return _format_date(day, pattern, self.locale)

    def decimal(self, value: float) -> str:
        """One decimal place, rounded as `%.1f` does, with this language's decimal sign."""
        return f"{value:.1f}".replace(".", get_decimal_symbol(self.locale))

    def month_abbr(self, month: int) -> str:
        """A month's short stand-alone name (Jan, janv., Jän.) for chart labels."""
        return self.locale.months["stand-alone"]["abbreviated"][month]

    def weekday_abbr(self, weekday: int) -> str:
        """A weekday's short stand-alone name, Monday being 0."""
        return self.locale.days["stand-alone"]["abbreviated"][weekday]

    def language_name(self, code: str) -> str:
        """A BCP 47 code as a name in this language: 'de' is 'German' or 'allemand'."""
        primary = code.split("-")[0].lower()
        try:
            other: Locale | None = Locale.parse(code, sep="-")
        except (UnknownLocaleError, ValueError):
            other = None
        if other is None or other.language != primary:  # unknown, or "und" guessed as en_US
            return self.locale.languages.get(primary, code)
        return other.get_display_name(self.locale) or code


@functools.lru_cache(maxsize=8192)
def _format_date(day: dt.date, pattern: str, locale: Locale) -> str:
    """Babel parses the pattern on every call; a site shows the same days on many pages."""
    return format_date(day, pattern, locale=locale)


@functools.lru_cache(maxsize=16)
def language(code: str) -> Language:
    """The language for a code `site.yaml` accepted (see `cldr_locale`); English otherwise."""
    locale = cldr_locale(code) or Locale("en")
    return Language(code, locale, _catalogue(code))


def untranslated_language(config: Config) -> list[Diagnostic]:
    """A warning when `language` has CLDR data but no catalogue: the words would stay English."""
    code = config.language
    if _catalogue_file(code) is not None:
        return []
    name = language("en").language_name(code)
    shipped = ", ".join(catalogue_codes())
    message = (
        f"ssg has no {name} translation of the theme's words (it ships {shipped}): pages show "
        f"English words with {name} dates; a new catalogue goes in {LOCALE_DIR.parent.name}/"
        f"{LOCALE_DIR.name}/ (README, Languages)"
    )
    return [Diagnostic(config.path, config.line_of("language"), message, Severity.WARNING, "i18n")]
