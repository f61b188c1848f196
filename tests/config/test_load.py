"""site.yaml: typed, validated, every problem at site.yaml:LINE in one run."""

from __future__ import annotations

from pathlib import Path

import pytest

from ssg.config.load import load_config, parse_config
from ssg.core.diagnostics import SsgError
from ssg.core.yamlfile import load_yaml

GOOD = "title: Hub\nbase_url: https://example.org/hub/\n"


def parse(text: str):
    data, diags = load_yaml(text, "site.yaml")
    assert diags == []
    return parse_config(data, "site.yaml")


def test_minimal_config_has_documented_defaults() -> None:
    config, diags = parse(GOOD)
    assert diags == []
    assert config is not None
    assert config.title == "Hub"
    assert config.base_url == "https://example.org/hub/"
    assert config.base_path == "/hub/"
    assert config.language == "en"
    assert config.timezone == "UTC"
    assert config.theme == "default"
    assert config.brand == "Hub"
    assert config.posts_per_page == 10
    assert config.permalink == "/posts/{slug}/"
    assert config.feeds.formats == ("atom", "rss", "json")
    assert config.feeds.limit == 20
    assert config.feeds.per_tag is True
    assert config.nav == ()
    assert config.line_of("base_url") == 2


def test_full_config() -> None:
    text = GOOD + (
        "description: D\nlanguage: pt-BR\ntimezone: Europe/Paris\nbrand: Acme\n"
        "posts_per_page: 3\npermalink: /{year}/{slug}/\n"
        "nav:\n  - {title: About, url: /about/}\n  - {title: Shop, url: https://shop.example/}\n"
        "feeds:\n  formats: [atom, atom, json]\n  limit: 0\n  per_tag: false\n"
        "privacy:\n  allow_origins: [https://Video.Example.org/]\n"
        "extra:\n  accent: red\n"
    )
    config, diags = parse(text)
    assert diags == []
    assert config is not None
    assert config.language == "pt-BR"
    assert config.timezone == "Europe/Paris"
    assert config.brand == "Acme"
    assert config.posts_per_page == 3
    assert config.permalink == "/{year}/{slug}/"
    assert [(n.title, n.url) for n in config.nav] == [
        ("About", "about/"),
        ("Shop", "https://shop.example/"),
    ]
    assert config.nav[0].line == 10
    assert config.feeds.formats == ("atom", "json")
    assert config.feeds.limit == 0
    assert config.feeds.per_tag is False
    assert config.privacy.allow_origins == ("https://video.example.org",)
    assert config.extra == {"accent": "red"}


@pytest.mark.parametrize(
    ("base_url", "normal", "base_path"),
    [
        ("https://example.org", "https://example.org/", "/"),
        ("https://example.org/", "https://example.org/", "/"),
        ("https://example.org/hub", "https://example.org/hub/", "/hub/"),
        ("http://localhost:8000/a/b/", "http://localhost:8000/a/b/", "/a/b/"),
    ],
)
def test_base_url_and_base_path(base_url: str, normal: str, base_path: str) -> None:
    config, diags = parse(f"title: Hub\nbase_url: {base_url}\n")
    assert diags == []
    assert config is not None
    assert config.base_url == normal
    assert config.base_path == base_path


BAD = [
    ("colour: blue\n", 3, "colour: unknown key; expected one of:"),
    ("posts_per_page: ten\n", 3, "posts_per_page: expected a whole number"),
    ("posts_per_page: true\n", 3, "posts_per_page: expected a whole number"),
    ("posts_per_page: 0\n", 3, "posts_per_page: expected 1 or more"),
    ("language: english!\n", 3, "language: expected a BCP 47 language code"),
    ("language: 7\n", 3, "language: expected a language code"),
    ("timezone: Mars/Olympus\n", 3, "timezone: unknown time zone 'Mars/Olympus'; expected"),
    ("timezone: Europe/Berln\n", 3, "'Europe/Berln'; did you mean 'Europe/Berlin'? expected"),
    ("titel: x\n", 3, "titel: unknown key; did you mean 'title'? expected one of"),
    ("permalink: /posts/\n", 3, "permalink: expected a pattern"),
    ("permalink: /posts/{slug}/{hour}/\n", 3, "permalink: expected a pattern"),
    ("permalink: posts/{slug}/\n", 3, "permalink: expected a pattern"),
    ("theme: [a]\n", 3, "theme: expected a theme name"),
    ("nav: {title: About}\n", 3, "nav: expected a list"),
    ("nav:\n  - About\n", 3, "nav: each entry must be a mapping"),
    ("nav:\n  - {title: About, url: about}\n", 4, "url: expected a site path starting with '/'"),
    ("nav:\n  - {title: About}\n", 4, "missing required key 'nav[]: url'"),
    ("nav:\n  - {title: About, url: /about/, icon: x}\n", 4, "icon: unknown key"),
    ("feeds: 3\n", 3, "feeds: expected a mapping"),
    (
        "feeds:\n  formats: [atom, yaml]\n",
        4,
        "feeds.formats: expected a list drawn from atom, rss, json",
    ),
    ("feeds:\n  limit: -1\n", 4, "feeds.limit: expected 0 or more"),
    ("feeds:\n  per_tag: yes please\n", 4, "feeds.per_tag: expected true or false"),
    ("feeds:\n  color: red\n", 4, "feeds.color: unknown key"),
    ("communities:\n  show_archived: 1\n", 4, "communities.show_archived: expected true or false"),
    ("communities:\n  activity_threshold: 3m\n", 4, "communities.activity_threshold: expected"),
    ("communities:\n  activity_threshold: 90\n", 4, "communities.activity_threshold: expected"),
    (
        "privacy:\n  allow_origins: [https://a.example/path]\n",
        4,
        "privacy.allow_origins: expected an origin",
    ),
    ("extra: [1]\n", 3, "extra: expected a mapping"),
    ("theme: ../..\n", 3, "theme: expected a folder name under themes/"),
    ('privacy:\n  allow_origins: ["http://[v"]\n', 4, "privacy.allow_origins: expected an origin"),
]


@pytest.mark.parametrize(("extra", "line", "message"), BAD)
def test_bad_values_are_located(extra: str, line: int, message: str) -> None:
    _, diags = parse(GOOD + extra)
    assert [(d.path, d.line, message in d.message) for d in diags] == [("site.yaml", line, True)], [
        d.text() for d in diags
    ]


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("base_url: https://example.org/\n", 1, "missing required key 'title'"),
        ("title: Hub\n", 1, "missing required key 'base_url'"),
        ("title: Hub\nbase_url:\n", 2, "missing required key 'base_url'"),
        (
            "title: 3\nbase_url: https://example.org/\n",
            1,
            "title: expected the site title, got int 3",
        ),
        (
            "title: Hub\nbase_url: example.org/hub/\n",
            2,
            "base_url: expected an absolute http(s) URL",
        ),
        (
            "title: Hub\nbase_url: ftp://example.org/\n",
            2,
            "base_url: expected an absolute http(s) URL",
        ),
        ("title: Hub\nbase_url: https://example.org/?a=1\n", 2, "base_url: expected an absolute"),
        ('title: Hub\nbase_url: "http://[x/"\n', 2, "base_url: expected an absolute"),
        ("title: Hub\nbase_url: https://example.org:99999/\n", 2, "base_url: expected an absolute"),
        ("title: Hub\nbase_url: https://u:p@example.org/\n", 2, "base_url: expected an absolute"),
    ],
)
def test_required_and_base_url(text: str, line: int, message: str) -> None:
    _, diags = parse(text)
    assert [(d.line, message in d.message) for d in diags] == [(line, True)], [
        d.text() for d in diags
    ]


def test_every_problem_in_one_run() -> None:
    text = (
        "title: 3\nbase_url: example.org\ncolour: blue\nposts_per_page: ten\n"
        "timezone: Mars/Olympus\nfeeds:\n  limit: -1\n"
    )
    _, diags = parse(text)
    assert [d.text() for d in diags] == [
        "site.yaml:3: colour: unknown key; expected one of: base_url, brand, cadence, "
        "communities, description, extra, extra_css, feeds, language, nav, permalink, "
        "posts_per_page, privacy, theme, theme_options, timezone, title",
        "site.yaml:1: title: expected the site title, got int 3",
        "site.yaml:2: base_url: expected an absolute http(s) URL such as https://example.org/hub/",
        "site.yaml:5: timezone: unknown time zone 'Mars/Olympus'; "
        "expected an IANA name such as Europe/Paris",
        "site.yaml:4: posts_per_page: expected a whole number of posts per page, got str 'ten'",
        "site.yaml:7: feeds.limit: expected 0 or more",
    ]


def test_not_a_mapping() -> None:
    config, diags = parse("- a\n- b\n")
    assert config is None
    assert diags[0].text().startswith("site.yaml:1: expected a mapping")


def write(root: Path, data: bytes) -> Path:
    (root / "site.yaml").write_bytes(data)
    return root


def test_load_config_reads_file(tmp_path: Path) -> None:
    config = load_config(write(tmp_path, GOOD.encode()))
    assert config.title == "Hub"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (
            GOOD.encode() + b"title: again\n",
            "site.yaml:3: invalid YAML: duplicate key 'title'; each key may appear once; "
            "expected valid YAML syntax",
        ),
        (
            GOOD.encode() + b"nav: [\n",
            "site.yaml:4: invalid YAML: did not find expected node content; "
            "expected valid YAML syntax",
        ),
        (
            b"title: Caf\xe9\nbase_url: https://example.org/\n",
            "site.yaml:1: not valid UTF-8 (byte 0xe9); save the file as UTF-8",
        ),
        (
            GOOD.encode() + b"colour: blue\n",
            "site.yaml:3: colour: unknown key; expected one of: base_url, brand, cadence, "
            "communities, description, extra, extra_css, feeds, language, nav, permalink, "
            "posts_per_page, privacy, theme, theme_options, timezone, title",
        ),
    ],
)
def test_load_config_errors(tmp_path: Path, data: bytes, expected: str) -> None:
    with pytest.raises(SsgError) as info:
        load_config(write(tmp_path, data))
    texts = [d.text() for d in info.value.diagnostics]
    assert texts == [expected]


def test_load_config_missing_file(tmp_path: Path) -> None:
    with pytest.raises(SsgError) as info:
        load_config(tmp_path)
    assert "no site.yaml" in info.value.diagnostics[0].message


@pytest.mark.parametrize(("text", "days"), [("90d", 90), ("12w", 84), (None, 0)])
def test_activity_threshold(text: str | None, days: int) -> None:
    extra = f"communities:\n  activity_threshold: {text}\n" if text else ""
    config, diags = parse(GOOD + extra)
    assert not diags and config.communities.activity_threshold == days
