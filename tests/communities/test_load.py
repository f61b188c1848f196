import datetime as dt
import re
from dataclasses import replace
from pathlib import Path

import pytest

from ssg.cli.scaffold import community_file
from ssg.communities.directory import group_by_platform, segments_index
from ssg.communities.load import (
    PLATFORMS,
    RUN_BY,
    check_duplicates,
    load_communities,
    parse_community,
    run_by_label,
    summary_repeats_name,
)
from ssg.content import placeholders
from ssg.content.frontmatter import split_front_matter

TODAY = dt.date(2026, 3, 10)
PATH = "content/communities/tinkerers.md"

GOOD = {
    "name": "Tinkerers Forum",
    "url": "https://forum.tinkerers.example/",
    "platform": "forum",
    "summary": "Repair help, part swaps and build logs from long-time owners.",
    "run_by": "fans",
    "reviewed": "2026-03-01",
}


def front(fields: dict[str, str], body: str = "Longer description.\n") -> str:
    """A community file with one `key: value` line per field, in order (name on line 2)."""
    lines = [f"{key}: {value}" for key, value in fields.items()]
    return "---\n" + "\n".join(lines) + "\n---\n\n" + body


def parse(text: str, slug: str = "tinkerers", path: str = PATH):
    source, diags = split_front_matter(text, path)
    assert source is not None and diags == []
    return parse_community(source, slug, "en", TODAY)


def messages(text: str, slug: str = "tinkerers") -> list[tuple[int, str]]:
    community, diags = parse(text, slug)
    assert community is None
    assert diags and all(d.path == PATH for d in diags)
    return [(d.line, d.message) for d in diags]


def with_(**changes: str | None) -> str:
    fields = dict(GOOD)
    for key, value in changes.items():
        if value is None:
            del fields[key]
        else:
            fields[key] = value
    return front(fields)


def write(root: Path, name: str, text: str) -> None:
    folder = root / "content" / "communities"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")


# --- a good file ----------------------------------------------------------------------


def test_good_file_parses_every_field():
    text = front(
        {
            **GOOD,
            "segments": "[Beginners, 3D Printing, beginners]",
            "language": "pt-BR",
            "region": "Brazil",
            "feed": "https://forum.tinkerers.example/latest.rss",
            "status": "archived",
        },
        body="The **long** description.\n",
    )
    community, diags = parse(text)
    assert diags == []
    assert community is not None
    assert community.source == PATH
    assert community.slug == "tinkerers"
    assert community.page_url == "communities/tinkerers/"
    assert community.name == "Tinkerers Forum"
    assert community.url == "https://forum.tinkerers.example/"
    assert community.platform == "forum"
    assert community.run_by == "fans"
    assert community.reviewed == dt.date(2026, 3, 1)
    assert community.segments == ("beginners", "3d-printing")
    assert community.language == "pt-BR"
    assert community.region == "Brazil"
    assert community.feed == "https://forum.tinkerers.example/latest.rss"
    assert community.status == "archived"
    assert community.body.strip() == "The **long** description."
    assert community.body_line == 14
    assert community.line_of("url") == 3
    assert community.html == ""


def test_defaults_language_from_site_and_status_active():
    community, diags = parse(front(GOOD))
    assert diags == []
    assert community.language == "en"
    assert community.status == "active"
    assert community.segments == ()
    assert community.feed == "" and community.region == ""


def test_reviewed_today_is_fine():
    community, diags = parse(with_(reviewed=TODAY.isoformat()))
    assert diags == [] and community.reviewed == TODAY


# --- validation, one rule per case: (changes, line, message fragment) ----------------------

CASES = [
    # missing required keys: line 1, the opening ---
    ({"name": None}, 1, "missing required 'name'"),
    ({"url": None}, 1, "missing required 'url'"),
    ({"platform": None}, 1, "missing required 'platform'"),
    ({"summary": None}, 1, "missing required 'summary'"),
    ({"run_by": None}, 1, "missing required 'run_by'"),
    ({"reviewed": None}, 1, "missing required 'reviewed'"),
    # empty required keys: at the key's line
    ({"name": "''"}, 2, "'name' is empty"),
    ({"name": ""}, 2, "'name' is empty"),
    ({"summary": '"   "'}, 5, "'summary' is empty"),
    ({"run_by": "~"}, 6, "'run_by' is empty"),
    # choices
    ({"platform": "irc"}, 4, "unknown platform 'irc'; expected one of: forum, subreddit"),
    ({"platform": "discrod"}, 4, "unknown platform 'discrod'; did you mean 'discord'? expected"),
    ({"run_by": "fan"}, 6, "unknown run_by 'fan'; did you mean 'fans'? expected one of: fans"),
    ({"summry": "x"}, 8, "unknown front matter key 'summry'; did you mean 'summary'?"),
    ({"reviewed": "2026-11-31"}, 7, "'2026-11-31' (November 2026 has 30 days); expected the date"),
    ({"run_by": "company"}, 6, "unknown run_by 'company'; expected one of: fans, brand, partner"),
    ({"status": "dead"}, 8, "unknown status 'dead'; expected one of: active, archived"),
    # URLs
    ({"url": "'javascript:alert(1)'"}, 3, "scheme 'javascript:' is not allowed"),
    ({"url": "'data:text/html,<b>hi</b>'"}, 3, "scheme 'data:' is not allowed"),
    ({"url": "ftp://files.example.org/"}, 3, "scheme 'ftp:' is not allowed"),
    ({"url": "https://user:secret@forum.example.org/"}, 3, "contains credentials"),
    ({"url": "https://user@forum.example.org/"}, 3, "contains credentials"),
    ({"url": "https:///path-only"}, 3, "has no host"),
    ({"url": "http:forum.example.org"}, 3, "is not an absolute address"),
    ({"url": "forum.example.org"}, 3, "is not an absolute address"),
    ({"url": "forum.example.org:8080/x"}, 3, "is not an absolute address"),
    ({"url": "https://forum.example.org:99999/"}, 3, "is not a valid URL"),
    ({"url": "'https://forum.example.org/a b'"}, 3, "contains spaces"),
    ({"url": "https://<script>/"}, 3, "invalid host"),
    ({"url": "[https://a.example]"}, 3, "'url' must be the community's address"),
    ({"feed": "javascript:void(0)"}, 8, "'feed': scheme 'javascript:' is not allowed"),
    ({"feed": "https://me:pw@forum.example.org/feed"}, 8, "'feed': "),
    ({"feed": "/latest.rss"}, 8, "'feed': '/latest.rss' is not an absolute address"),
    # dates
    ({"reviewed": "2026-03-11"}, 7, "'reviewed' 2026-03-11 is in the future (today is 2026-03-10)"),
    ({"reviewed": "2026-02-30"}, 7, "'reviewed' is not a valid date: '2026-02-30'"),
    ({"reviewed": "last week"}, 7, "'reviewed' is not a valid date: 'last week'"),
    ({"reviewed": "20260301"}, 7, "'reviewed' is not a valid date"),
    # language
    ({"language": "english"}, 8, "'language' 'english' is malformed; expected a BCP 47"),
    ({"language": "en_US"}, 8, "'language' 'en_US' is malformed"),
    ({"language": "en-"}, 8, "is malformed"),
    ({"language": "e"}, 8, "is malformed"),
    ({"language": "'123'"}, 8, "is malformed"),
    ({"language": "en-US-"}, 8, "is malformed"),
    # segments
    ({"segments": "beginners"}, 8, "'segments' must be a list of tags"),
    ({"segments": "['!!!']"}, 8, "segment '!!!' needs letters or digits"),
    ({"segments": "[{a: b}]"}, 8, "needs letters or digits"),
    # summary
    ({"summary": "x" * 201}, 5, "'summary' is 201 characters; keep it to 200 or fewer"),
    ({"summary": "Tinkerers Forum"}, 5, "'summary' only repeats the name 'Tinkerers Forum'"),
    ({"summary": "tinkerers forum!"}, 5, "only repeats the name"),
    ({"summary": "The official Tinkerers Forum community."}, 5, "only repeats the name"),
    ({"summary": "The best fan community"}, 5, "only repeats the name"),
    # text values
    ({"name": '"Tinkerers\\u0007 Forum"'}, 2, "'name' contains a control character"),
    ({"summary": "{a: b}"}, 5, "'summary' must be one sentence"),
    ({"name": "true"}, 2, "'name' must be the community's name"),
    # unknown keys
    ({"title": "Hi"}, 8, "unknown front matter key 'title'; expected one of: name, url, platform"),
]


@pytest.mark.parametrize(("changes", "line", "fragment"), CASES)
def test_each_rule_is_an_error_at_its_line(changes, line, fragment):
    found = messages(with_(**changes))
    assert len(found) == 1, found
    assert found[0][0] == line
    assert fragment in found[0][1]


def test_summary_of_exactly_200_characters_is_fine():
    community, diags = parse(with_(summary="y" * 200))
    assert diags == [] and community is not None


@pytest.mark.parametrize(
    ("summary", "name", "repeats"),
    [
        ("Tinkerers Forum", "Tinkerers Forum", True),
        ("  TINKERERS-forum. ", "Tinkerers Forum", True),
        ("Tinkerers forum, the official community", "Tinkerers Forum", True),
        ("Official forum", "Tinkerers Forum", True),  # only filler words
        ("Tinkerers swapping parts", "Tinkerers Forum", False),
        ("Help with repairs from Tinkerers Forum members", "Tinkerers Forum", False),
        ("Weekly podcast about vintage synths", "Synth Talk", False),
    ],
)
def test_summary_repeats_name(summary, name, repeats):
    assert summary_repeats_name(summary, name) is repeats


@pytest.mark.parametrize("slug", ["Tinkerers", "tinkerers_forum", "-x", "a--b", "café"])
def test_bad_slug_is_error_at_line_1(slug):
    found = messages(front(GOOD), slug=slug)
    assert found[0][0] == 1
    assert f"file name {slug!r} must use lower-case letters, digits and hyphens" in found[0][1]


def test_all_errors_are_reported_together():
    text = front(
        {
            "name": "Tinkerers",
            "url": "javascript:alert(1)",
            "platform": "irc",
            "summary": "Tinkerers",
            "run_by": "us",
            "reviewed": "2099-01-01",
            "language": "xx_yy",
            "colour": "red",
        }
    )
    found = messages(text)
    assert [line for line, _ in found] == [9, 3, 4, 5, 6, 7, 8]
    assert "unknown front matter key 'colour'" in found[0][1]


def test_empty_front_matter_lists_every_required_key_at_line_1():
    found = messages("---\n---\nBody\n")
    assert [line for line, _ in found] == [1] * 6
    assert [msg.split("'")[1] for _, msg in found] == [
        "name", "url", "platform", "summary", "run_by", "reviewed",
    ]  # fmt: skip


# --- duplicates -----------------------------------------------------------------------------


def load(tmp_path: Path, files: dict[str, str]):
    for name, text in files.items():
        write(tmp_path, name, text)
    return load_communities(tmp_path, "en", TODAY)


@pytest.mark.parametrize(
    "variant",
    [
        "https://forum.tinkerers.example/",
        "https://FORUM.tinkerers.example",
        "https://www.forum.tinkerers.example/",
        "https://forum.tinkerers.example:443/",
        "https://forum.tinkerers.example/?utm_source=hub#latest",
        "http://forum.tinkerers.example",
    ],
)
def test_duplicate_url_variants(tmp_path, variant):
    second = with_(name="Tinkerers Again", url=variant)
    communities, diags = load(tmp_path, {"a.md": front(GOOD), "b.md": second})
    assert len(communities) == 2
    assert [(d.path, d.line) for d in diags] == [("content/communities/b.md", 3)]
    assert "duplicate community: url" in diags[0].message
    assert "content/communities/a.md:3" in diags[0].message


def test_different_path_is_not_a_duplicate(tmp_path):
    second = with_(name="Other", url="https://forum.tinkerers.example/other/")
    _, diags = load(tmp_path, {"a.md": front(GOOD), "b.md": second})
    assert diags == []


def test_duplicate_name_case_insensitive(tmp_path):
    second = with_(name="'tinkerers  FORUM'", url="https://other.example/")
    _, diags = load(tmp_path, {"z.md": front(GOOD), "b.md": second})
    assert [(d.path, d.line) for d in diags] == [("content/communities/z.md", 2)]
    assert (
        "name 'Tinkerers Forum' is already used by content/communities/b.md:2" in diags[0].message
    )


def test_check_duplicates_is_order_independent(tmp_path):
    communities, _ = load(tmp_path, {"a.md": front(GOOD), "b.md": front(GOOD)})
    assert len(communities) == 2
    forward = check_duplicates(communities)
    assert forward == check_duplicates(list(reversed(communities)))
    assert [(d.path, d.line) for d in forward] == [
        ("content/communities/b.md", 3),
        ("content/communities/b.md", 2),
    ]


# --- loading a folder ---------------------------------------------------------------------


def test_missing_folder_is_empty(tmp_path):
    assert load_communities(tmp_path, "en", TODAY) == ([], [])


def test_load_reports_every_file_and_sorts(tmp_path):
    files = {
        "zeta-wiki.md": with_(name="Zeta Wiki", url="https://zeta.example/", platform="wiki"),
        "alpha-wiki.md": with_(name="alpha wiki", url="https://alpha.example/", platform="wiki"),
        "tinkerers.md": front(GOOD),
        "Bad_Name.md": with_(name="Bad", url="https://bad.example/"),
        "broken.md": "no front matter\n",
        "latin1.md": "---\nname: Caf\xe9\n---\n",
        "future.md": with_(name="Future", url="https://f.example/", reviewed="2030-01-01"),
    }
    for name, text in files.items():
        write(tmp_path, name, text)
    (tmp_path / "content/communities/latin1.md").write_bytes(b"---\nname: Caf\xe9\n---\n")
    (tmp_path / "content/communities/notes.txt").write_text("ignored")
    communities, diags = load_communities(tmp_path, "fr", TODAY)
    assert [c.slug for c in communities] == ["tinkerers", "alpha-wiki", "zeta-wiki"]
    assert all(c.language == "fr" for c in communities)
    assert [(d.path, d.line) for d in diags] == [
        ("content/communities/Bad_Name.md", 1),
        ("content/communities/broken.md", 1),
        ("content/communities/future.md", 7),
        ("content/communities/latin1.md", 2),
    ]
    assert "not valid UTF-8" in diags[3].message


def test_on_disk_fixture_site():
    root = Path(__file__).parents[1] / "sites" / "communities-basic"
    communities, diags = load_communities(root, "en", TODAY)
    assert diags == []
    assert [c.slug for c in communities] == ["makers-forum", "r-makers", "makers-wiki"]


# --- grouping and labels ------------------------------------------------------------------


def test_group_by_platform_and_segments(tmp_path):
    communities, diags = load(
        tmp_path,
        {
            "w.md": with_(name="W", url="https://w.example/", platform="wiki", segments="[b, a]"),
            "f.md": with_(name="F", url="https://f.example/", segments="[a]"),
            "o.md": with_(name="O", url="https://o.example/", platform="other"),
        },
    )
    assert diags == []
    groups = group_by_platform(communities)
    assert [(key, label, [c.slug for c in cs]) for key, label, cs in groups] == [
        ("forum", "Forums", ["f"]),
        ("wiki", "Wikis", ["w"]),
        ("other", "Other places", ["o"]),
    ]
    assert [(s, [c.slug for c in cs]) for s, cs in segments_index(communities)] == [
        ("a", ["f", "w"]),
        ("b", ["w"]),
    ]


def test_platforms_and_run_by_labels():
    assert list(PLATFORMS)[0] == "forum" and list(PLATFORMS)[-1] == "other"
    for named in ("instagram", "bluesky", "slack", "telegram", "twitch", "matrix"):
        assert named in PLATFORMS
    assert "github-discussions" in PLATFORMS
    community, _ = parse(front(GOOD))
    labels = {run_by: run_by_label(replace(community, run_by=run_by), "Acme") for run_by in RUN_BY}
    assert labels == {
        "fans": "Run by fans, independent of Acme",
        "brand": "Run by Acme",
        "partner": "Run by a partner of Acme",
    }


# --- ssg new community --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "name", "platform", "slug"),
    [
        ("https://forum.tinkerers.example/", "Tinkerers Forum", "forum", "tinkerers-forum"),
        ("https://discord.gg/abc", 'The "Quoted" Café: #1', "discord", "the-quoted-cafe-1"),
        ("https://www.example.jp/c/", "日本のファン", "fan-site", "example-jp-c"),
        ("https://example.org/", "name: with colon\t& tab", "other", "name-with-colon-tab"),
    ],
)
def test_community_file_round_trips(url, name, platform, slug):
    got_slug, text = community_file(url, name, platform, "fans")
    assert got_slug == slug
    filled = fill_in(text)
    community, diags = parse(filled, slug=got_slug)
    assert diags == []
    assert community.name == " ".join(name.split())
    assert community.url == url
    assert community.platform == platform
    assert community.reviewed == dt.date(2026, 3, 1)
    assert community.run_by == "fans"
    assert community.status == "active"
    assert community.segments == ()
    assert community.body.strip()


def fill_in(text: str) -> str:
    """What the person checking the link does: a summary, a body, the review date."""
    text = text.replace(placeholders.COMMUNITY_SUMMARY, "Help with repairs and spare parts.")
    text = text.replace(placeholders.COMMUNITY_BODY, "Members swap repair tips.")
    return re.sub(r"(?m)^reviewed:.*$", "reviewed: 2026-03-01", text)


def test_community_file_as_written_is_refused_at_each_placeholder_line():
    _, text = community_file("https://a.example/", "A place", "forum", "partner")
    lines = text.split("\n")
    community, diags = parse(text, slug="a-place")
    assert community is None
    found = {(d.line, d.message.split(";")[0]) for d in diags}
    assert found == {
        (lines.index(next(x for x in lines if x.startswith("summary:"))) + 1,
         f"'summary' is still the placeholder {placeholders.COMMUNITY_SUMMARY!r}"),
        (lines.index(next(x for x in lines if x.startswith("reviewed:"))) + 1,
         "'reviewed' is empty"),
        (lines.index(next(x for x in lines if placeholders.COMMUNITY_BODY in x)) + 1,
         "the body is still the placeholder paragraph"),
    }  # fmt: skip
    community, diags = parse(fill_in(text), slug="a-place")
    assert diags == [] and community.run_by == "partner"


@pytest.mark.parametrize("spelling", ["Discord", "DISCORD", "discord"])
def test_platform_names_ignore_case(spelling):
    assert community_file("https://a.example/", "A", spelling, "fans")[1].count("platform: discord")
    community, diags = parse(front({**GOOD, "platform": spelling}))
    assert diags == [] and community.platform == "discord"


def test_platform_names_with_spaces():
    _, text = community_file("https://a.example/", "A", "GitHub Discussions", "brand")
    assert "platform: github-discussions\n" in text


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (("javascript:alert(1)", "X", "forum"), "scheme 'javascript:' is not allowed"),
        (("https://u:p@a.example/", "X", "forum"), "contains credentials"),
        (("a.example", "X", "forum"), "is not an absolute address"),
        (("https://a.example/", "X", "irc"), "unknown platform 'irc'"),
        (("https://a.example/", "X", "Discrod"), "did you mean 'discord'?"),
        (("https://a.example/", "   ", "forum"), "--name"),
    ],
)
def test_community_file_rejects_bad_input(args, fragment):
    with pytest.raises(ValueError) as info:
        community_file(*args, "fans")
    assert fragment in str(info.value)


def test_community_file_rejects_bad_run_by():
    with pytest.raises(ValueError, match="unknown run_by 'company'"):
        community_file("https://a.example/", "A", "forum", "company")
