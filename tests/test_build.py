"""End to end: build fixture hubs and check what a reader, a crawler and a feed reader get."""

from __future__ import annotations

import datetime as dt
import os
import posixpath
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from ssg.cli import main as cli
from ssg.core.diagnostics import SsgError
from ssg.output import swap

SITES = Path(__file__).resolve().parent / "sites"
REPO = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 11, 25)  # the date conftest pins
Built = Any  # conftest.Built, reached through fixtures: tests/browser has a conftest module too
BASE = "/hub/"
ABS = "https://example.org/hub/"


class _Links(HTMLParser):
    """Every href/src in a document, plus the <link>/<meta> tags of its head."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []
        self.links: list[dict[str, str]] = []
        self.metas: list[dict[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        self.urls += [values[k] for k in ("href", "src") if k in values]
        if tag == "link":
            self.links.append(values)
        elif tag == "meta":
            self.metas.append(values)


CACHE = ".ssg-cache"  # the build cache, kept on purpose; not a leftover


def parse(html: str) -> _Links:
    parser = _Links()
    parser.feed(html)
    return parser


def site_path(file: str) -> str:
    """The site path a file is served at: `posts/a/index.html` -> `posts/a/`."""
    return file.removesuffix("index.html")


def html_files(built: Built) -> list[str]:
    return [f for f in built.files() if f.endswith(".html")]


def broken_links(built: Built, file: str, base: str) -> list[str]:
    """Links of one page that do not land on a file when the site is served under `base`."""
    here = base + site_path(file)
    broken = []
    for url in parse(built.read(file)).urls:
        parts = urlsplit(url)
        if parts.scheme in ("http", "https", "mailto") or parts.netloc:
            continue
        path = parts.path or here
        target = (
            path if path.startswith("/") else posixpath.join(posixpath.dirname(here + "x"), path)
        )
        normal = posixpath.normpath(target) + (
            "/" if target.endswith("/") and target != "/" else ""
        )
        if not normal.startswith(base) and normal + "/" != base:
            broken.append(f"{url} leaves {base}")
            continue
        rel = normal.removeprefix(base).lstrip("/")
        if rel == "" or rel.endswith("/"):
            rel += "index.html"
        if not (built.out / rel).is_file():
            broken.append(f"{url} -> {rel}")
    return broken


@pytest.mark.parametrize("base", ["/", BASE])
def test_every_internal_link_resolves(basic: Built, base: str) -> None:
    problems = {}
    checked = 0
    for file in html_files(basic):
        if file == "404.html" and base != BASE:
            continue  # 404.html links are rooted at the base path: it is served at any depth
        checked += 1
        if bad := broken_links(basic, file, base):
            problems[file] = bad
    assert problems == {}
    assert checked >= 25


def test_404_links_are_rooted_at_base_path(basic: Built) -> None:
    urls = parse(basic.read("404.html")).urls
    local = [u for u in urls if not u.startswith(("http:", "https:", "#"))]
    assert local and all(u.startswith(BASE) for u in local), local
    assert "/hub/posts/hello/" in urls


def test_drafts_build_links_resolve(drafts: Built) -> None:
    posts_pages = [
        f for f in html_files(drafts) if f.startswith(("posts/", "tags/", "archive/", "page/"))
    ]
    problems = {f: b for f in ["index.html", *posts_pages] if (b := broken_links(drafts, f, BASE))}
    assert problems == {}


def test_pretty_urls(basic: Built) -> None:
    for file in html_files(basic):
        assert file == "404.html" or file.endswith("/index.html") or file == "index.html", file
    for url in ("posts/hello/", "posts/battery-guide/", "about/", "tags/news/", "archive/2025/"):
        assert (basic.out / url / "index.html").is_file(), url


def test_output_file_set(basic: Built) -> None:
    files = set(basic.files())
    for name in (
        "index.html",
        "404.html",
        "robots.txt",
        "sitemap.xml",
        "feed.xml",
        "rss.xml",
        "feed.json",
        "static/css/style.css",
        ".ssg-output",
    ):
        assert name in files, name
    assert basic.result.files == len(
        files - {".ssg-output"} - {f for f in files if f.startswith("static/")}
    )


def head(built: Built, file: str) -> tuple[dict[str, str], list[dict[str, str]]]:
    doc = parse(built.read(file))
    metas = {m.get("property") or m.get("name", ""): m.get("content", "") for m in doc.metas}
    return metas, doc.links


def test_canonical_open_graph_and_description_on_every_page(basic: Built) -> None:
    for file in html_files(basic):
        metas, links = head(basic, file)
        canonical = [link["href"] for link in links if link.get("rel") == "canonical"]
        assert canonical == [ABS + site_path(file)], file
        assert metas.get("og:url") == canonical[0], file
        assert metas.get("og:title"), file
        assert metas.get("og:type") in ("website", "article"), file
        assert metas.get("description"), file
        assert metas.get("og:description") == metas["description"], file


def test_feed_autodiscovery_on_every_page(basic: Built) -> None:
    missing = []
    for file in html_files(basic):
        _, links = head(basic, file)
        feeds = [link for link in links if link.get("rel") == "alternate"]
        types = {link.get("type") for link in feeds}
        if types != {"application/atom+xml", "application/rss+xml", "application/feed+json"}:
            missing.append(file)
    assert missing == []


def test_post_page(basic: Built) -> None:
    html = basic.read("posts/hello/index.html")
    metas, links = head(basic, "posts/hello/index.html")
    assert metas["og:type"] == "article"
    assert metas["description"] == "Why this hub exists and what you will find here."
    assert metas["article:published_time"] == "2026-11-20T10:00:00+01:00"
    assert "<title>Hello &amp; welcome · Basic Hub</title>" in html
    assert 'href="../launch/#plans"' in html
    assert 'href="../../about/"' in html
    assert 'class="highlight"' in html
    assert 'href="../../tags/news/"' in html and 'href="../../tags/community/"' in html


def test_page_links_to_content_and_site_absolute_paths(basic: Built) -> None:
    html = basic.read("about/index.html")
    assert 'href="../posts/hello/"' in html
    assert 'href="../communities/"' in html
    assert ".md" not in "".join(parse(html).urls)


def rel_link(html: str, rel: str) -> list[str]:
    return re.findall(rf'<a href="([^"]*)" rel="{rel}"', html)


def test_previous_and_next_posts(basic: Built) -> None:
    meetup = basic.read("posts/meetup/index.html")
    assert rel_link(meetup, "prev") == ["../battery-guide/"]
    assert rel_link(meetup, "next") == ["../hello/"]
    assert rel_link(basic.read("posts/launch/index.html"), "prev") == []
    assert rel_link(basic.read("posts/launch/index.html"), "next") == ["../battery-guide/"]
    assert rel_link(basic.read("posts/hello/index.html"), "next") == []


def post_links(built: Built, file: str) -> list[str]:
    return re.findall(r'post-card">\s*<h\d class="card__title"><a href="([^"]*)"', built.read(file))


def test_home_pagination(basic: Built) -> None:
    assert post_links(basic, "index.html") == ["posts/hello/", "posts/meetup/"]
    assert post_links(basic, "page/2/index.html") == [
        "../../posts/battery-guide/",
        "../../posts/launch/",
    ]
    assert rel_link(basic.read("index.html"), "next") == ["page/2/"]
    assert rel_link(basic.read("page/2/index.html"), "prev") == ["../../"]
    assert not (basic.out / "page/3").exists()
    assert not (basic.out / "page/1").exists()


def test_tag_index_and_tag_pages(basic: Built) -> None:
    index = basic.read("tags/index.html")
    for slug in ("community", "events", "guides", "news"):
        assert f'href="{slug}/"' in index
    assert post_links(basic, "tags/news/index.html") == [
        "../../posts/hello/",
        "../../posts/battery-guide/",
    ]
    assert post_links(basic, "tags/news/page/2/index.html") == ["../../../../posts/launch/"]
    assert post_links(basic, "tags/events/index.html") == ["../../posts/meetup/"]
    _, links = head(basic, "tags/news/index.html")
    assert {link["href"] for link in links if link.get("rel") == "alternate"} == {
        "feed.xml",
        "rss.xml",
        "feed.json",
    }


def test_yearly_archive(basic: Built) -> None:
    assert "Launch" in basic.read("archive/2025/index.html")
    assert "Hello &amp; welcome" not in basic.read("archive/2025/index.html")
    y2026 = basic.read("archive/2026/index.html")
    assert all(title in y2026 for title in ("Hello &amp; welcome", "Meetup in Lyon", "A guide"))
    archive = basic.read("archive/index.html")
    assert 'href="2025/"' in archive and 'href="2026/"' in archive


def everything(built: Built, skip: tuple[str, ...] = ()) -> str:
    return "\n".join(
        (built.out / f).read_text(encoding="utf-8")
        for f in built.files()
        if not f.startswith("static/") and f != "cadence/cadence.svg" and f not in skip
    )


def test_drafts_scheduled_and_expired_left_out(basic: Built) -> None:
    assert basic.result.site.posts and len(basic.result.site.posts) == 4
    text = everything(basic)
    shown = everything(
        basic, skip=("cadence/index.html",)
    )  # the cadence report names the next post
    for slug, title in (
        ("draft", "Unfinished"),
        ("scheduled", "Holiday meetup"),
        ("expired", "Old offer"),
    ):
        assert not (basic.out / "posts" / slug).exists(), slug
        assert f"posts/{slug}/" not in text, slug
        assert title not in shown, title


@pytest.fixture(scope="module")
def drafts(build_site) -> Built:
    return build_site("basic", drafts=True)


def test_drafts_only_with_the_option(drafts: Built) -> None:
    assert (drafts.out / "posts/draft/index.html").is_file()
    assert "Unfinished" in drafts.read("feed.xml")
    assert not (drafts.out / "posts/scheduled").exists()
    assert not (drafts.out / "posts/expired").exists()


def snapshot(out: Path) -> dict[str, bytes]:
    return {
        p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()
    }


def test_two_builds_are_byte_identical(basic: Built, build_site, build_in_place) -> None:
    again = build_site("basic")
    assert again.out != basic.out
    assert snapshot(again.out) == snapshot(basic.out)
    build_in_place(again.root)  # and a rebuild in place
    assert snapshot(again.out) == snapshot(basic.out)


def test_no_build_time_without_source_date_epoch(basic: Built) -> None:
    text = everything(basic)
    assert "Built on" not in text
    assert basic.result.site.build_time is None


def test_source_date_epoch_sets_build_date_and_time(
    tmp_path: Path, copy_site, build_in_place
) -> None:
    root = copy_site("basic", tmp_path / "basic")
    built = build_in_place(root, epoch="1795345600", today=None)  # 2026-11-22 11:06:40 UTC
    site = built.result.site
    assert str(site.today) == "2026-11-22"
    assert (
        site.build_time is not None and site.build_time.isoformat() == "2026-11-22T11:06:40+00:00"
    )
    home = built.read("index.html")
    assert '<time datetime="2026-11-22T11:06:40+00:00">22 November 2026</time>' in home
    assert "Built on" in built.read("posts/hello/index.html")
    again = build_in_place(copy_site("basic", tmp_path / "again"), epoch="1795345600", today=None)
    assert snapshot(again.out) == snapshot(built.out)


def test_today_option_wins_over_source_date_epoch(
    tmp_path: Path, copy_site, build_in_place
) -> None:
    built = build_in_place(copy_site("basic", tmp_path / "b"), epoch="1795345600", today=TODAY)
    assert built.result.site.today == TODAY
    assert (built.out / "posts/hello/index.html").is_file()


def test_bad_source_date_epoch(tmp_path: Path, copy_site, build_in_place) -> None:
    with pytest.raises(SsgError) as info:
        build_in_place(copy_site("basic", tmp_path / "b"), epoch="yesterday")
    assert "SOURCE_DATE_EPOCH" in info.value.diagnostics[0].text()


def test_broken_post_leaves_previous_output(tmp_path: Path, copy_site, build_in_place) -> None:
    root = copy_site("basic", tmp_path / "basic")
    built = build_in_place(root)
    before = snapshot(built.out)
    (root / "content/posts/2026-11-21-broken.md").write_text(
        "---\ntitle: [\n---\n", encoding="utf-8"
    )
    with pytest.raises(SsgError):
        build_in_place(root)
    assert snapshot(built.out) == before
    assert [
        p.name
        for p in tmp_path.joinpath("basic").iterdir()
        if p.name.startswith(".") and p.name != ".ssg-cache"
    ] == []


def test_template_error_leaves_previous_output(tmp_path: Path, copy_site, build_in_place) -> None:
    root = copy_site("basic", tmp_path / "basic")
    built = build_in_place(root)
    before = snapshot(built.out)
    (root / "templates").mkdir()
    (root / "templates/tags.html").write_text("{{ nope }}\n", encoding="utf-8")
    with pytest.raises(SsgError):
        build_in_place(root)
    assert snapshot(built.out) == before


def _fail_on_write(monkeypatch: pytest.MonkeyPatch, after: int, exc: BaseException) -> list[Path]:
    """Make the build's file writes raise `exc` once `after` files are written; returns those."""
    written: list[Path] = []
    real = Path.write_bytes

    def write_bytes(self: Path, data: bytes) -> int:
        if len(written) == after:
            raise exc
        written.append(self)
        return real(self, data)

    monkeypatch.setattr(Path, "write_bytes", write_bytes)
    return written


def _leftovers(root: Path) -> list[str]:
    return sorted(p.name for p in root.iterdir() if p.name.startswith(".") and p.name != CACHE)


def test_disk_full_while_writing_leaves_previous_output(
    tmp_path: Path, copy_site, build_in_place, monkeypatch, capsys
) -> None:
    root = copy_site("basic", tmp_path / "basic")
    before = snapshot(build_in_place(root).out)
    (root / "content/posts/2026-11-10-meetup.md").unlink()  # the next site differs
    full = OSError(28, "No space left on device", str(root / "public/tags/index.html"))
    written = _fail_on_write(monkeypatch, 12, full)
    code = cli.main(["build", "--site", str(root), "--today", TODAY.isoformat()])
    assert len(written) == 12 and all(p.parent != root / "public" for p in written)
    assert code == 2
    assert capsys.readouterr().err.splitlines() == [
        f"{root}/public: error: cannot write the output folder (No space left on device); "
        "free some space or make the folder writable, or choose another with --out; "
        "the previous output is untouched [output]",
        "ssg: 1 error; nothing was written",
    ]
    assert snapshot(root / "public") == before
    assert _leftovers(root) == []


def test_interrupted_while_writing_leaves_previous_output(
    tmp_path: Path, copy_site, build_in_place, monkeypatch, capsys
) -> None:
    root = copy_site("basic", tmp_path / "basic")
    before = snapshot(build_in_place(root).out)
    (root / "content/posts/2026-11-10-meetup.md").unlink()
    written = _fail_on_write(monkeypatch, 5, KeyboardInterrupt())
    code = cli.main(["build", "--site", str(root), "--today", TODAY.isoformat()])
    assert (len(written), code) == (5, 130)
    assert capsys.readouterr().err == "ssg: interrupted; the previous output is untouched\n"
    assert snapshot(root / "public") == before
    assert _leftovers(root) == []


@pytest.mark.parametrize(
    ("failing", "interrupt", "exit_code"),
    [("public", False, 2), (".public.tmp-", False, 2), (".public.tmp-", True, 130)],
    ids=["set aside", "swap in", "interrupted swap in"],
)
def test_a_failed_swap_leaves_previous_output(
    tmp_path: Path,
    copy_site,
    build_in_place,
    monkeypatch,
    capsys,
    failing: str,
    interrupt: bool,
    exit_code: int,
) -> None:
    """Every file of the new site is written; then either rename of the swap fails."""
    root = copy_site("basic", tmp_path / "basic")
    before = snapshot(build_in_place(root).out)
    (root / "content/posts/2026-11-10-meetup.md").unlink()
    real_rename = os.rename
    new_sites: list[dict[str, bytes]] = []

    def rename(src: str | Path, dst: str | Path) -> None:
        if Path(src).name.startswith(failing):
            new_sites.append(snapshot(next(root.glob(".public.tmp-*"))))
            raise KeyboardInterrupt if interrupt else OSError(5, "Input/output error", str(src))
        real_rename(src, dst)

    monkeypatch.setattr(os, "rename", rename)
    monkeypatch.setattr(swap, "exchange", lambda a, b: False)  # the two-rename fallback
    code = cli.main(["build", "--site", str(root), "--today", TODAY.isoformat()])
    monkeypatch.setattr(os, "rename", real_rename)
    assert code == exit_code, capsys.readouterr().err
    (new_site,) = new_sites  # the new site was complete when the swap failed
    assert "posts/hello/index.html" in new_site and "posts/meetup/index.html" not in new_site
    assert snapshot(root / "public") == before
    assert _leftovers(root) == []


def test_deleted_post_leaves_no_stale_files(tmp_path: Path, copy_site, build_in_place) -> None:
    root = copy_site("basic", tmp_path / "basic")
    build_in_place(root)
    assert (root / "public/tags/events/index.html").is_file()
    (root / "content/posts/2026-11-10-meetup.md").unlink()
    built = build_in_place(root)
    assert not (built.out / "posts/meetup").exists()
    assert not (built.out / "tags/events").exists()
    assert "posts/meetup/" not in built.read("sitemap.xml")


@pytest.mark.parametrize(
    ("out", "fragment"),
    [(".", "contains the hub itself"), ("content", "content/"), ("themes", "themes/")],
)
def test_output_folder_safety(
    tmp_path: Path, out: str, fragment: str, copy_site, build_in_place
) -> None:
    root = copy_site("basic", tmp_path / "basic")
    (root / "themes").mkdir(exist_ok=True)
    before = snapshot(root)
    with pytest.raises(SsgError) as info:
        build_in_place(root, out=root / out)
    assert fragment in info.value.diagnostics[0].message
    assert snapshot(root) == before


def test_output_folder_not_ours(tmp_path: Path, copy_site, build_in_place) -> None:
    root = copy_site("basic", tmp_path / "basic")
    (root / "public").mkdir()
    (root / "public/notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(SsgError) as info:
        build_in_place(root)
    assert ".ssg-output" in info.value.diagnostics[0].message
    assert (root / "public/notes.txt").read_text(encoding="utf-8") == "mine"
    other = build_in_place(root, out=tmp_path / "site")
    assert (other.out / "index.html").is_file()
    build_in_place(root, out=tmp_path / "site")  # its own previous output is fine


# Bad input: every case gives `path:line: message`, exit 2, and writes nothing.

SITE_YAML = (SITES / "basic/site.yaml").read_text(encoding="utf-8")
HELLO = (SITES / "basic/content/posts/2026-11-20-hello.md").read_text(encoding="utf-8")
HELLO_PATH = "content/posts/2026-11-20-hello.md"
POST_TEMPLATE = (
    '{% extends "base.html" %}\n{% block main %}\n<h1>{{ post.title }}</h1>\n{{ nope }}\n'
    "{% endblock %}\n"
)

BAD_INPUTS = {
    "invalid YAML": (
        {HELLO_PATH: HELLO.replace("tags: [news, Community]", "tags: [news, Community")},
        [f"{HELLO_PATH}:6: invalid YAML: did not find expected ',' or ']'"],
    ),
    "missing field": (
        {
            HELLO_PATH: HELLO.replace(
                "summary: Why this hub exists and what you will find here.\n", ""
            )
        },
        [f"{HELLO_PATH}:1: missing required 'summary'"],
    ),
    "mistyped field": (
        {HELLO_PATH: HELLO.replace("author: Ada", "author: Ada\ndraft: maybe")},
        [f"{HELLO_PATH}:7: 'draft' must be true or false, got 'maybe'"],
    ),
    "unknown field": (
        {HELLO_PATH: HELLO.replace("author: Ada", "authour: Ada")},
        [f"{HELLO_PATH}:6: unknown front matter key 'authour'; did you mean 'author'?"],
    ),
    "bad date": (
        {HELLO_PATH: HELLO.replace("2026-11-20T10:00:00+01:00", "2026-11-31")},
        [f"{HELLO_PATH}:3: 'date' is not a valid date: '2026-11-31' (November 2026 has 30 days)"],
    ),
    "one URL twice": (
        {
            "content/posts/2026-11-21-again.md": "---\ntitle: Again\ndate: 2026-11-21\nsummary: S\n"
            "slug: hello\n---\nx\n"
        },
        [
            f"{HELLO_PATH}:1: /posts/hello/ is already claimed by "
            "content/posts/2026-11-21-again.md; this file's slug comes from its name; "
            "give one of them another slug"
        ],
    ),
    "non-UTF-8": (
        {HELLO_PATH: HELLO.replace("Ada", "Ad\xe9").encode("latin-1")},
        [f"{HELLO_PATH}:6: not valid UTF-8 (byte 0xe9); save the file as UTF-8"],
    ),
    "unknown theme": (
        {"site.yaml": SITE_YAML.replace("language: en\n", "language: en\ntheme: nosuch\n")},
        ["site.yaml:5: unknown theme 'nosuch'; expected one of: default"],
    ),
    "template error": (
        {"templates/post.html": POST_TEMPLATE},
        ["templates/post.html:4: template error: 'nope' is undefined"],
    ),
    "site.yaml unknown key": (
        {"site.yaml": SITE_YAML + "colour: blue\n"},
        [f"site.yaml:{SITE_YAML.count(chr(10)) + 1}: colour: unknown key; expected one of:"],
    ),
    "site.yaml wrong type": (
        {"site.yaml": SITE_YAML.replace("posts_per_page: 2", "posts_per_page: two")},
        ["site.yaml:7: posts_per_page: expected a whole number of posts per page, got str 'two'"],
    ),
    "site.yaml bad value": (
        {"site.yaml": SITE_YAML.replace("Europe/Paris", "Europe/Atlantis")},
        ["site.yaml:5: timezone: unknown time zone 'Europe/Atlantis'"],
    ),
    "site.yaml invalid YAML": (
        {"site.yaml": SITE_YAML.replace("brand: Acme", "brand: [Acme")},
        ["site.yaml:7: invalid YAML: did not find expected ',' or ']'"],
    ),
    "broken content link": (
        {"content/pages/about.md": "---\ntitle: About\n---\n\nSee [x](../posts/nope.md).\n"},
        ["content/pages/about.md:5: link to content/posts/nope.md, which does not exist"],
    ),
    "link to a draft": (
        {"content/pages/about.md": "---\ntitle: About\n---\n[d](../posts/2026-11-01-draft.md)\n"},
        ["content/pages/about.md:4: link to content/posts/2026-11-01-draft.md, which is a draft"],
    ),
    "link to a scheduled post": (
        {"content/pages/about.md": "---\ntitle: A\n---\n[d](../posts/2026-12-24-scheduled.md)\n"},
        [
            "content/pages/about.md:4: link to content/posts/2026-12-24-scheduled.md, "
            "which is scheduled for 2026-12-24; link to a published page"
        ],
    ),
    "nav to nowhere": (
        {"site.yaml": SITE_YAML.replace("url: /about/", "url: /nowhere/")},
        ["site.yaml:13: nav link /nowhere/ points to no page or file of this site"],
    ),
    "nav to a missing file": (
        {"site.yaml": SITE_YAML.replace("url: /about/", "url: /static/nope.pdf")},
        ["site.yaml:13: nav link /static/nope.pdf points to no page or file of this site"],
    ),
}


@pytest.mark.parametrize("case", list(BAD_INPUTS))
def test_bad_input_is_located_and_exits_2(hub, capsys, case: str) -> None:
    files, expected = BAD_INPUTS[case]
    root = hub("basic", files)
    code = cli.main(["build", "--site", str(root), "--today", TODAY.isoformat()])
    err = capsys.readouterr().err
    assert code == 2, err
    *lines, summary = err.splitlines()
    assert [line.startswith(want) for line, want in zip(lines, expected, strict=True)] == [
        True
    ] * len(expected), err
    count = len(expected)
    assert summary == f"ssg: {count} error{'s' if count > 1 else ''}; nothing was written"
    assert not (root / "public").exists()


def test_two_broken_posts_two_messages_one_run(hub, capsys) -> None:
    root = hub(
        "basic",
        {
            "content/posts/2026-11-21-a.md": "---\ntitle: A\ndate: someday\nsummary: S\n---\n",
            "content/posts/2026-11-22-b.md": "---\ntitle: B\ndate: 2026-11-22\n---\n",
        },
    )
    assert cli.main(["build", "--site", str(root), "--today", "2026-11-25"]) == 2
    lines = capsys.readouterr().err.splitlines()
    assert lines == [
        "content/posts/2026-11-21-a.md:3: 'date' is not a valid date: 'someday'; "
        "expected a date such as 2026-11-01, 2026-11-01 09:30 or 2026-11-01T09:30:00+01:00",
        "content/posts/2026-11-22-b.md:1: missing required 'summary'; "
        "expected one sentence on why a reader should care",
        "ssg: 2 errors; nothing was written",
    ]


def test_errors_of_every_kind_reported_in_one_run(hub, capsys) -> None:
    """A bad date in one post and a broken link in another are both content errors of the run."""
    root = hub(
        "basic",
        {
            "content/posts/2026-11-21-a.md": "---\ntitle: A\ndate: someday\nsummary: S\n---\n",
            "content/pages/about.md": "---\ntitle: About\n---\n[x](../posts/nope.md)\n",
        },
    )
    assert cli.main(["build", "--site", str(root), "--today", "2026-11-25"]) == 2
    assert capsys.readouterr().err.splitlines() == [
        "content/pages/about.md:4: link to content/posts/nope.md, which does not exist; "
        "expected a path to a file under content/",
        "content/posts/2026-11-21-a.md:3: 'date' is not a valid date: 'someday'; expected a date "
        "such as 2026-11-01, 2026-11-01 09:30 or 2026-11-01T09:30:00+01:00",
        "ssg: 2 errors; nothing was written",
    ]


def test_page_cannot_take_a_generated_url(hub, capsys) -> None:
    """A page with the slug `tags` must not silently replace the tag index."""
    root = hub("basic", {"content/pages/tags.md": "---\ntitle: Our tags\n---\nHello.\n"})
    code = cli.main(["build", "--site", str(root), "--today", "2026-11-25"])
    err = capsys.readouterr().err
    assert code == 2, err
    assert err.splitlines() == [
        "content/pages/tags.md:1: /tags/ is already claimed by the generated tags page; "
        "this file's slug comes from its name; give one of them another slug with `slug:`",
        "ssg: 1 error; nothing was written",
    ]


def test_template_runtime_error_is_located(hub, capsys) -> None:
    root = hub(
        "basic",
        {
            "templates/post.html": '{% extends "base.html" %}\n{% block main %}\n{{ 1 / 0 }}\n'
            "{% endblock %}\n"
        },
    )
    code = cli.main(["build", "--site", str(root), "--today", "2026-11-25"])
    err = capsys.readouterr().err
    assert code == 2
    assert err.splitlines() == [
        "templates/post.html:3: template error: ZeroDivisionError: division by zero",
        "ssg: 1 error; nothing was written",
    ]


def test_nav_may_point_at_feeds_fragments_and_static_files(hub, build_site) -> None:
    root = hub("basic", {"static/guide.pdf": b"%PDF-1.4\n"})
    nav = (
        "  - {title: Feed, url: /feed.xml}\n  - {title: Team, url: '/about/#team'}\n"
        "  - {title: Guide, url: /static/guide.pdf}\n"
    )
    config = root / "site.yaml"
    config.write_text(config.read_text().replace("cadence:\n", nav + "cadence:\n"))
    built = build_site(root)
    assert 'href="static/guide.pdf"' in built.read("index.html")


# Kiritimati is UTC+14 and Pago Pago UTC-11, neither with summer time: 25 hours apart, their
# dates differ at every instant, so a build that reads the machine's date or zone cannot match.
FAR_EAST, FAR_WEST = "Pacific/Kiritimati", "Pacific/Pago_Pago"
BUILD_TWICE = """
import sys
from ssg.cli.main import main
site, *outs = sys.argv[1:]
for out in outs:
    assert main(["build", "--site", site, "--out", out, "--today", "2026-11-25"]) == 0
"""


def _python(*args: str | Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """`python *args` with the repository importable and SOURCE_DATE_EPOCH only when given."""
    full = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    full["PYTHONPATH"] = str(REPO) + os.pathsep + full.get("PYTHONPATH", "")
    full.update(env)
    return subprocess.run(
        [sys.executable, *map(str, args)], env=full, capture_output=True, text=True, timeout=120
    )


def test_the_two_time_zones_really_are_on_different_dates() -> None:
    """The premise of the cross-process test: TZ is honoured and the two dates differ."""
    code = "import datetime, time; print(datetime.date.today(), time.strftime('%z'))"
    east = _python("-c", code, env={"TZ": FAR_EAST}).stdout.split()
    west = _python("-c", code, env={"TZ": FAR_WEST}).stdout.split()
    assert (east[1], west[1]) == ("+1400", "-1100")
    assert dt.date.fromisoformat(east[0]) - dt.date.fromisoformat(west[0]) == dt.timedelta(days=1)


@pytest.mark.parametrize("seed", ["0", "1", "4294967295"])
def test_builds_in_one_process_are_byte_identical_under_any_hash_seed(
    basic: Built, tmp_path: Path, seed: str
) -> None:
    """Two builds in one process (caches warm for the second) match the reference build."""
    outs = [tmp_path / "first", tmp_path / "second"]
    proc = _python("-c", BUILD_TWICE, basic.root, *outs, env={"PYTHONHASHSEED": seed, "TZ": "UTC"})
    assert proc.returncode == 0, proc.stderr
    reference = snapshot(basic.out)
    for out in outs:
        assert snapshot(out).keys() == reference.keys()
        assert [name for name, data in snapshot(out).items() if data != reference[name]] == []


@pytest.mark.parametrize(
    "pin",
    [("--today", "2026-11-25"), ("SOURCE_DATE_EPOCH", "1795345600")],  # 2026-11-22 11:06:40 UTC
    ids=["--today", "SOURCE_DATE_EPOCH"],
)
def test_two_processes_with_different_hash_seeds_and_time_zones_write_the_same_bytes(
    hub, tmp_path, pin: tuple[str, str]
) -> None:
    root = hub()
    trees = []
    for seed, tz in (("1", FAR_EAST), ("4242", FAR_WEST)):
        out = tmp_path / f"out-{seed}"
        args, env = ["-m", "ssg", "build", "--site", root, "--out", out], {"PYTHONHASHSEED": seed}
        if pin[0] == "--today":
            args += pin
        else:
            env[pin[0]] = pin[1]
        proc = _python(*args, env={**env, "TZ": tz})
        assert proc.returncode == 0, proc.stderr
        trees.append(snapshot(out))
    assert trees[0].keys() == trees[1].keys()
    assert [name for name in trees[0] if trees[0][name] != trees[1][name]] == []


def test_site_absolute_links_to_pages_feeds_and_static_files_pass(hub, capsys) -> None:
    body = (
        "[about](/about/) [tags](/tags/) [feed](/feed.xml#x) [home](/)\n"
        '<img src="/static/img/logo.png" alt=""> [about again](/about)\n'
    )
    root = hub("basic", {"content/pages/links.md": f"---\ntitle: Links\n---\n{body}"})
    (root / "static/img").mkdir(parents=True)
    (root / "static/img/logo.png").write_bytes(b"x")
    code = cli.main(["build", "--site", str(root), "--today", TODAY.isoformat()])
    assert code in (0, 1), capsys.readouterr().err
    assert (root / "public/links/index.html").is_file()


def test_site_absolute_links_to_nothing_are_located(hub, capsys) -> None:
    body = "[history](/docs/history/) [team][t]\n\n<img src='/img/logo.png' alt=''>\n\n"
    body += "[t]: /team/\n"
    root = hub("basic", {"content/pages/links.md": f"---\ntitle: Links\n---\n{body}"})
    code = cli.main(["build", "--site", str(root), "--today", TODAY.isoformat()])
    err = capsys.readouterr().err
    assert code == 2 and not (root / "public").exists()
    for line, target in ((4, "/docs/history/"), (6, "/img/logo.png"), (8, "/team/")):
        assert f"content/pages/links.md:{line}: link to {target}, which is no page" in err, err
