"""The catalogues in ssg/locale/ are complete and consistent with the code and the theme.

Strings are extracted here the way `make messages` does (Babel with babel.cfg), so a
string added to a template or to Python without a translation fails this test even if
nobody ran `make messages`.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from ssg.cadence.page import RULE_WORDS
from ssg.communities.directory import SINGULAR
from ssg.communities.load import PLATFORMS
from ssg.core import i18n
from tools import catalogues

REPO = Path(__file__).resolve().parents[1]
SHIPPED = ("de", "en", "es", "fr")
PLACEHOLDER = re.compile(r"%\([a-z_]+\)s|\{[a-z_]+\}")
TAG = re.compile(r"</?[a-z]+|\b[a-z-]+=")


Message = tuple[str | tuple[str, ...], str | None]  # (msgid or singular and plural, context)


def extracted() -> dict[str, Message]:
    """Every msgid of the theme and the Python code, as `make messages` extracts them."""
    with (REPO / "babel.cfg").open() as fp:
        method_map, options_map = parse_mapping_cfg(fp, "babel.cfg")
    found: dict[str, Message] = {}
    for _file, _line, message, _comments, context in extract_from_dir(
        str(REPO), method_map, options_map, keywords=DEFAULT_KEYWORDS
    ):
        key = message if isinstance(message, str) else message[0]
        found[f"{context}|{key}" if context else key] = (message, context)
    return found


def catalogue(lang: str) -> Catalog:
    with (REPO / "ssg" / "locale" / lang / "LC_MESSAGES" / "ssg.po").open("rb") as fp:
        return read_po(fp, locale=lang)


@pytest.fixture(scope="module")
def messages() -> dict[str, Message]:
    found = extracted()
    assert len(found) > 100, "extraction found too few strings: is babel.cfg right?"
    return found


def test_shipped_languages() -> None:
    assert i18n.catalogue_codes() == list(SHIPPED)


def test_every_template_string_goes_through_the_catalogue(messages: dict) -> None:
    """Spot checks that extraction sees templates, Python calls and N_ marks alike."""
    for msgid in ("Latest posts", "Page %(number)s of %(total)s", "Posts tagged {name}", "Forums"):
        assert msgid in messages


@pytest.mark.parametrize("lang", SHIPPED)
def test_catalogue_translates_every_extracted_string(lang: str, messages: dict) -> None:
    cat = catalogue(lang)
    problems = []
    for key, (message, context) in sorted(messages.items()):
        entry = cat.get(message, context)
        if entry is None:
            problems.append(f"missing: {key!r}")
            continue
        strings = entry.string if isinstance(entry.string, tuple) else (entry.string,)
        if entry.fuzzy or not all(s.strip() for s in strings):
            problems.append(f"untranslated or fuzzy: {key!r}")
    assert not problems, f"{lang} catalogue (run `make messages`, then translate):\n  " + (
        "\n  ".join(problems)
    )


@pytest.mark.parametrize("lang", SHIPPED)
def test_translations_keep_placeholders_and_markup(lang: str) -> None:
    """A renamed placeholder or a lost <time> tag would break pages: same sets as the msgid."""
    problems = []
    for entry in catalogue(lang):
        if not entry.id:
            continue
        ids = entry.id if isinstance(entry.id, tuple) else (entry.id,)
        strings = entry.string if isinstance(entry.string, tuple) else (entry.string,)
        wanted_holders = set(PLACEHOLDER.findall(ids[-1]))
        wanted_tags = sorted(TAG.findall(ids[-1]))
        for text in strings:
            holders = set(PLACEHOLDER.findall(text))
            # a singular may leave out the count ("See the community"), never add one
            ok = holders <= wanted_holders if len(ids) > 1 else holders == wanted_holders
            if not ok or sorted(TAG.findall(text)) != wanted_tags:
                problems.append(f"{ids[0]!r} -> {text!r}")
    assert not problems, f"{lang}: placeholders or tags differ:\n  " + "\n  ".join(problems)


@pytest.mark.parametrize("lang", SHIPPED)
def test_label_tables_are_translated(lang: str) -> None:
    """Labels shown from tables (platforms, rules) are in every catalogue, marked with N_ or not.

    A brand name may keep its spelling (Instagram), but a translator has to have said so.
    """
    cat = catalogue(lang)
    labels = {*PLATFORMS.values(), *SINGULAR.values(), *RULE_WORDS.values()}
    missing = sorted(label for label in labels if not (cat.get(label) and cat.get(label).string))
    assert not missing, f"{lang}: labels with no translation: {missing}"


def test_english_catalogue_is_the_identity() -> None:
    for entry in catalogue("en"):
        if entry.id:
            assert entry.string == entry.id


def test_check_tool_reports_missing_translations(tmp_path: Path) -> None:
    po = tmp_path / "xx.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=utf-8\\n"\n\n'
        'msgid "Tags"\nmsgstr ""\n\nmsgid "Archive"\nmsgstr "Archiv"\n',
        encoding="utf-8",
    )
    assert catalogues.check([po]) == 1
    catalogues.english(po)
    assert catalogues.check([po]) == 0
    assert 'msgstr "Tags"' in po.read_text(encoding="utf-8")
