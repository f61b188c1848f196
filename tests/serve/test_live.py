"""`ssg serve` live: a real server on a free loopback port, a real HTTP and event-stream client.

Each test starts its own server on a copy of a fixture hub, edits files on disk the
way an editor does, and waits (bounded) for what a browser would see.
"""

from __future__ import annotations

import os
import re

import pytest

HELLO = "content/posts/2026-11-20-hello.md"
HELLO_URL = "/hub/posts/hello/"


def test_pages_404_and_base_path_are_served(live, hub) -> None:
    server = live(hub())
    for path in ("/", "/hub/", HELLO_URL, "/posts/hello/", "/hub/feed.xml", "/hub/tags/news/"):
        status, _, _ = server.get(path)
        assert status == 200, path
    status, headers, body = server.get("/hub/no-such-page/")
    assert status == 404
    assert headers["content-type"].startswith("text/html")
    assert b"Page not found" in body
    status, headers, _ = server.get("/hub/posts/hello")
    assert (status, headers["location"]) == (301, "/hub/posts/hello/")
    status, headers, _ = server.get("/hub?x=1")
    assert (status, headers["location"]) == (301, "/hub/?x=1")
    assert server.get("/hub/feed.xml")[1]["content-type"].startswith(("application/", "text/xml"))


@pytest.mark.parametrize(
    "path",
    [
        "/../site.yaml",
        "/hub/../../site.yaml",
        "/%2e%2e/site.yaml",
        "/hub/%2E%2E/%2e%2e/site.yaml",
        "/static/..%2f..%2fsite.yaml",
        "/static/%2fetc%2fpasswd",
        "/static/css/..%5c..%5csite.yaml",
        "/static/css/%00",
    ],
)
def test_traversal_is_refused(live, hub, path: str) -> None:
    server = live(hub())
    status, _, body = server.get(path)
    assert status == 403
    assert b"Basic Hub" not in body


def test_symlinks_out_of_static_are_not_served(live, hub, tmp_path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("do not serve me", encoding="utf-8")
    root = hub()
    (root / "static").mkdir()
    (root / "static" / "inside.txt").write_text("fine", encoding="utf-8")
    os.symlink(secret, root / "static" / "out.txt")
    os.symlink(tmp_path, root / "static" / "outdir")
    os.symlink(root / "site.yaml", root / "static" / "config.txt")  # in the hub, not in static/
    server = live(root)
    assert server.get("/hub/static/inside.txt")[2] == b"fine"
    for path in ("/hub/static/out.txt", "/hub/static/outdir/secret.txt", "/static/config.txt"):
        status, _, body = server.get(path)
        assert status == 404, path
        assert b"do not serve me" not in body and b"base_url" not in body


def test_an_edit_sends_a_reload_and_reaches_the_next_response(live, hub) -> None:
    server = live(hub())
    before = server.text(HELLO_URL)
    assert f'data-epoch="{server.server.state.epoch}"' in before
    stream = server.events()
    path = server.root / HELLO
    path.write_text(path.read_text(encoding="utf-8") + "\nA brand new paragraph.\n", "utf-8")
    kind, data = stream.until({"reload", "css"})
    assert kind == "reload"
    page = server.text(HELLO_URL)
    assert "A brand new paragraph." in page
    assert f'data-epoch="{data["epoch"]}"' in page
    assert "A brand new paragraph." not in server.text("/hub/about/")


def test_a_saved_but_unchanged_file_sends_nothing(live, hub) -> None:
    server = live(hub())
    stream = server.events()
    path = server.root / HELLO
    path.write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    server.settle()
    with pytest.raises(TimeoutError):
        stream.until({"reload", "css"}, timeout=0.5)


def test_a_stylesheet_change_swaps_only_the_stylesheet(live, hub) -> None:
    root = hub()
    (root / "static" / "css").mkdir(parents=True)
    (root / "static" / "css" / "extra.css").write_text("body { color: black; }\n", "utf-8")
    server = live(root)
    stream = server.events()
    server.write("static/css/extra.css", "body { color: rebeccapurple; }\n")
    kind, data = stream.until({"reload", "css"})
    assert kind == "css"
    assert data["paths"] == ["static/css/extra.css"]
    assert b"rebeccapurple" in server.get("/hub/static/css/extra.css")[2]


@pytest.mark.parametrize(
    ("rel", "text", "expected"),
    [
        (HELLO, "---\ntitle: [unclosed\n---\nBody.\n", [rf"{HELLO}:3: invalid YAML"]),
        ("site.yaml", "title: Basic Hub\nbase_url: [oops\n", [r"site.yaml:\d+: "]),
        (
            "templates/post.html",
            "{% extends 'base.html' %}{% block main %}{{ post.no_such_field }}{% endblock %}\n",
            [r"templates/post.html:1: template error: .*no_such_field"],
        ),
        (
            "content/pages/about.md",
            "---\ntitle: About\n---\nSee [gone](../posts/nope.md) and [x](../posts/none.md).\n",
            [r"content/pages/about.md:4: link to content/posts/nope.md, which does not exist",
             r"content/pages/about.md:4: link to content/posts/none.md"],
        ),
    ],
    ids=["front-matter", "site-yaml", "template", "missing-link"],
)  # fmt: skip
def test_a_mistake_shows_every_error_and_the_fix_brings_the_site_back(
    live, hub, rel: str, text: str, expected: list[str]
) -> None:
    server = live(hub())
    stream = server.events()
    original = (server.root / rel).read_text("utf-8") if (server.root / rel).exists() else None
    server.write(rel, text)
    stream.until({"reload"})
    status, _, body = server.get(HELLO_URL)
    page = body.decode()
    assert status == 200  # the last good page, with the errors over it
    assert 'role="alert"' in page and "could not be rebuilt" in page
    for pattern in expected:
        assert re.search(pattern, page), pattern
        assert re.search(pattern, server.log.getvalue()), pattern  # the terminal says the same
    if original is None:
        (server.root / rel).unlink()
    else:
        server.write(rel, original)
    stream.until({"reload"})
    page = server.text(HELLO_URL)
    assert 'role="alert"' not in page


def test_a_hub_broken_from_the_start_gets_the_error_page_then_recovers(live, hub) -> None:
    root = hub("basic", {HELLO: "---\ntitle: Hello\n---\nNo date, no summary.\n"})
    server = live(root)
    status, headers, body = server.get(HELLO_URL)
    assert status == 500
    assert headers["content-type"].startswith("text/html")
    assert f"{HELLO}:1: missing required &#x27;date&#x27;" in body.decode()
    assert f"{HELLO}:1: missing required &#x27;summary&#x27;" in body.decode()
    stream = server.events()
    server.write(HELLO, "---\ntitle: Hello\ndate: 2026-11-20\nsummary: Back.\n---\nFixed.\n")
    stream.until({"reload"})
    assert "Fixed." in server.text(HELLO_URL)


def test_a_burst_of_500_changes_gives_at_most_two_rebuilds(live, hub) -> None:
    server = live(hub())
    server.settle()
    before = server.server.rebuilds
    posts = server.root / "content" / "posts"
    for n in range(500):  # what a `git checkout` of a branch with 500 new posts does
        (posts / f"2026-11-0{1 + n % 9}-burst-{n}.md").write_text(
            f"---\ntitle: Burst {n}\ndate: 2026-11-0{1 + n % 9}\nsummary: Burst post {n}.\n"
            f"tags: [burst]\n---\nBody {n}.\n",
            encoding="utf-8",
        )
    after = server.settle(timeout=120)
    assert 1 <= after - before <= 2
    assert "Body 499." in server.text("/hub/posts/burst-499/")
    assert not server.server.state.errors


def test_editor_swap_files_do_not_rebuild(live, hub) -> None:
    server = live(hub())
    server.settle()
    before = server.server.rebuilds
    for name in (".2026-11-20-hello.md.swp", "2026-11-20-hello.md~", "4913", ".#hello.md"):
        server.write(f"content/posts/{name}", "scratch")
    assert server.settle() == before


def test_lint_findings_are_a_dismissible_banner_not_an_error(live, hub) -> None:
    tracker = '\n<img src="https://tracker.example/pixel.gif" alt="">\n'
    root = hub()
    (root / HELLO).write_text((root / HELLO).read_text("utf-8") + tracker, "utf-8")
    server = live(root)
    server.settle()
    status, _, body = server.get(HELLO_URL)
    page = body.decode()
    assert status == 200
    assert 'aria-label="Lint findings"' in page and "tracker.example" in page
    assert 'role="alert"' not in page
    assert server.get("/__ssg/dismiss", method="POST")[0] == 204
    assert 'aria-label="Lint findings"' not in server.text(HELLO_URL)


def test_drafts_and_scheduled_posts_get_a_badge_only_with_drafts(live, hub) -> None:
    root = hub()
    without = live(root)
    assert without.get("/hub/posts/draft/")[0] == 404
    assert without.get("/hub/posts/scheduled/")[0] == 404
    with_drafts = live(root, drafts=True)
    assert "Draft: not published" in with_drafts.text("/hub/posts/draft/")
    assert "Scheduled for 2026-12-24: not public yet" in with_drafts.text("/hub/posts/scheduled/")
    assert "not published" not in with_drafts.text(HELLO_URL)


def test_no_reload_serves_the_built_bytes(live, hub, build_in_place) -> None:
    root = hub()
    built = build_in_place(root)
    server = live(root, reload=False)
    for rel in ("index.html", "posts/hello/index.html", "feed.xml", "404.html"):
        status, _, body = server.get("/hub/" + rel)
        assert body == (built.out / rel).read_bytes(), rel
    assert server.get("/__ssg/events")[0] == 404
    assert server.get("/__ssg/dismiss", method="POST")[0] == 405
