"""A hub in another language: every word and date of the pages and feeds follows `language`.

The `languages` fixture hub is French; other languages are the same hub with `language`
rewritten on a copy. Its `community-cache/` becomes the copy's `.ssg-cache/` (what
`fetch-feeds` and `check-links` would have kept), so the activity section is rendered too.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from tests.conftest import Built

REPO = Path(__file__).resolve().parents[1]
PLACEHOLDER = re.compile(r"%\([a-z_]+\)s|\{[a-z_]+\}")


def with_language(copy_site: Callable, tmp_path: Path, lang: str, name: str = "hub") -> Path:
    root = copy_site("languages", tmp_path / name)
    (root / "community-cache").rename(root / ".ssg-cache")
    config = root / "site.yaml"
    text = config.read_text(encoding="utf-8").replace("language: fr", f"language: {lang}")
    config.write_text(text, encoding="utf-8")
    return root


def tree(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def fr(
    copy_site: Callable, build_in_place: Callable, tmp_path_factory: pytest.TempPathFactory
) -> Built:
    return build_in_place(with_language(copy_site, tmp_path_factory.mktemp("fr"), "fr"))


def main_of(html: str) -> str:
    return html.split('<main id="main"', 1)[1].split("</main>", 1)[0]


def test_french_pages_use_french_words(fr: Built) -> None:
    home = fr.read("index.html")
    assert '<html lang="fr">' in home
    assert "Derniers articles" in home and "Latest posts" not in home
    assert "Là où la communauté se retrouve déjà" in home
    assert "Aller au contenu" in home  # skip link
    assert "Page 1 sur 2" in home
    assert "<title>Étiquettes · Pagaie Hub</title>" in fr.read("tags/index.html")
    assert "<h1>Articles de 2026</h1>" in fr.read("archive/2026/index.html")
    assert "<h1>Page introuvable</h1>" in fr.read("404.html")
    assert "Articles avec l’étiquette" in fr.read("tags/sorties/index.html")


def test_french_dates_and_names(fr: Built) -> None:
    post = fr.read("posts/sortie-loire/index.html")
    assert '<time class="dt-published" datetime="2026-09-14T08:30:00+02:00">14 septembre 2026' in (
        post
    )
    assert "Mis à jour le <time" in post and ">20 septembre 2026</time>" in post
    archive = fr.read("archive/index.html")
    assert ">3 janv. 2026</time>" in archive
    community = fr.read("communities/paddel-treff/index.html")
    assert "<dt>Langue</dt><dd>allemand</dd>" in community
    assert "Animée par un partenaire de Pagaie" in community
    assert "Langue\u00a0: allemand · Région\u00a0: Köln" in fr.read("communities/index.html")
    cadence = fr.read("cadence/index.html")
    assert ">janv.</text>" in cadence and ">lun.</text>" in cadence
    assert "Au plus 60 jours entre deux articles." in cadence
    assert "Au moins 1 article sur toute période de 90 jours." in cadence
    forum = fr.read("communities/pagaie-forum/index.html")
    assert '<dt>Dernier accès réussi au lien</dt><dd><time datetime="2026-11-24">24 novembre' in (
        forum
    )
    assert "Les dernières nouvelles de Forum des pagayeurs" in forum
    assert ">21 novembre 2026</time>" in forum


def test_no_english_theme_words_leak_into_french_pages(fr: Built) -> None:
    """Every catalogue phrase that French words differently is absent in its English form."""
    with (REPO / "ssg/locale/fr/LC_MESSAGES/ssg.po").open("rb") as fp:
        catalog = read_po(fp)
    phrases = set()
    for entry in catalog:
        ids = entry.id if isinstance(entry.id, tuple) else (entry.id,)
        strings = entry.string if isinstance(entry.string, tuple) else (entry.string,)
        for msgid in ids:
            for part in PLACEHOLDER.split(msgid):
                part = re.sub(r"<[^>]*>", " ", part).strip(" .,:;·")
                if len(part) >= 8 and part not in strings and " " in part:
                    phrases.add(part)
    assert len(phrases) > 60
    leaks = [
        f"{path}: {phrase!r}"
        for path in fr.files()
        if path.endswith((".html", ".xml", ".json", ".svg"))
        for phrase in sorted(phrases)
        if phrase in fr.read(path)
    ]
    assert not leaks, "English left in the French build:\n  " + "\n  ".join(leaks)


def test_feeds_follow_the_language(fr: Built) -> None:
    atom = ET.fromstring(fr.read("tags/sorties/feed.xml"))
    assert atom.get("{http://www.w3.org/XML/1998/namespace}lang") == "fr"
    subtitle = atom.find("{http://www.w3.org/2005/Atom}subtitle")
    assert subtitle is not None
    assert subtitle.text == "Articles avec l’étiquette sorties sur Pagaie Hub."
    assert ET.fromstring(fr.read("rss.xml")).findtext("channel/language") == "fr"
    assert json.loads(fr.read("feed.json"))["language"] == "fr"
    export = json.loads(fr.read("communities.json"))["communities"]
    labels = {c["slug"]: (c["platform_label"], c["run_by_label"]) for c in export}
    assert labels["pagaie-forum"] == ("Forums", "Animée par des fans, indépendante de Pagaie")
    opml = ET.fromstring(fr.read("communities.opml"))
    assert opml.findtext("head/title") == "Pagaie Hub\u00a0: communautés"


@pytest.mark.parametrize(
    ("lang", "phrase"),
    [("de", "Neueste Beiträge"), ("es", "Últimas publicaciones"), ("en", "Latest posts")],
)
def test_each_shipped_language(
    lang: str, phrase: str, copy_site: Callable, build_in_place: Callable, tmp_path: Path
) -> None:
    built = build_in_place(with_language(copy_site, tmp_path, lang))
    home = built.read("index.html")
    assert f'<html lang="{lang}">' in home and phrase in home


def test_same_bytes_twice_and_under_other_locales(
    copy_site: Callable, run_cli: Callable, tmp_path: Path
) -> None:
    """Two builds, one under a German and one under a Turkish locale environment, agree."""
    root = with_language(copy_site, tmp_path, "fr")
    outputs = []
    for n, env in enumerate(
        [
            {"LC_ALL": "C", "LANG": "C"},
            {"LC_ALL": "de_DE.UTF-8", "LANG": "de_DE.UTF-8", "TZ": "America/New_York"},
            {"LC_ALL": "tr_TR.UTF-8", "LANGUAGE": "es", "TZ": "Asia/Tokyo"},
        ]
    ):
        out = tmp_path / f"out{n}"
        args = ("build", "--site", root, "--out", out, "--today", "2026-11-25")
        code, _, err = run_cli(*args, env={**env, "SOURCE_DATE_EPOCH": "1795000000"})
        assert code == 0, err
        outputs.append(tree(out))
    assert outputs[0] == outputs[1] == outputs[2]
    assert "18 novembre 2026" in outputs[0]["index.html"].decode()  # the pinned build time


def test_unknown_language_is_a_located_error(
    copy_site: Callable, run_cli: Callable, tmp_path: Path
) -> None:
    root = with_language(copy_site, tmp_path, "xq")
    code, _, err = run_cli("build", "--site", root, "--today", "2026-11-25")
    assert code == 2
    lines = (root / "site.yaml").read_text(encoding="utf-8").splitlines()
    line = next(n for n, text in enumerate(lines, 1) if text.startswith("language:"))
    assert f"site.yaml:{line}: language: expected a BCP 47 language code known to CLDR" in err
    assert not (root / "public").exists()
