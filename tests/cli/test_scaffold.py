"""`ssg new post`: a draft that builds, never overwriting anything."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from ssg.cli.scaffold import new_post, post_text
from ssg.config.load import load_config
from ssg.content import placeholders
from ssg.content.load import load_posts

TODAY = dt.date(2026, 11, 25)


@pytest.fixture()
def site(tmp_path: Path, copy_site) -> Path:
    return copy_site("basic", tmp_path / "basic")


def test_new_post_is_a_draft_that_builds(site: Path, build_in_place) -> None:
    config = load_config(site)
    path = new_post(site, config, 'Spring ride: "Lyon" & more', TODAY)
    assert path == site / "content/posts/2026-11-25-spring-ride-lyon-more.md"
    posts, diags = load_posts(site, config)
    assert diags == []
    post = next(p for p in posts if p.source == "content/posts/2026-11-25-spring-ride-lyon-more.md")
    assert post.title == 'Spring ride: "Lyon" & more'
    assert post.draft is True
    assert post.url == "posts/spring-ride-lyon-more/"
    without = build_in_place(site, out=site / "public")
    assert not (without.out / "posts/spring-ride-lyon-more").exists()
    with_drafts = build_in_place(site, drafts=True)
    assert "Spring ride" in with_drafts.read("posts/spring-ride-lyon-more/index.html")


def test_new_post_refuses_to_overwrite(site: Path) -> None:
    config = load_config(site)
    path = new_post(site, config, "Hello again", TODAY)
    path.write_text("my words", encoding="utf-8")
    with pytest.raises(ValueError, match="already exists"):
        new_post(site, config, "Hello again", TODAY)
    assert path.read_text(encoding="utf-8") == "my words"


def test_title_without_letters(site: Path) -> None:
    with pytest.raises(ValueError, match="no letters or digits"):
        new_post(site, load_config(site), "!!!", TODAY)
    assert sorted(p.name for p in (site / "content/posts").iterdir()) == sorted(
        p.name for p in (Path(__file__).parents[1] / "sites/basic/content/posts").iterdir()
    )


def test_creates_the_posts_folder(tmp_path: Path) -> None:
    (tmp_path / "site.yaml").write_text(
        "title: Hub\nbase_url: https://example.org/\n", encoding="utf-8"
    )
    path = new_post(tmp_path, load_config(tmp_path), "First", TODAY)
    assert path.is_file() and path.parent == tmp_path / "content/posts"


def test_post_text_is_valid_front_matter() -> None:
    text = post_text("Ünïcode — title", TODAY, author="Zoë")
    assert text.startswith('---\ntitle: "Ünïcode — title"\ndate: 2026-11-25 09:00\n')
    assert "\ndraft: true " in text
    assert 'author: "Zoë"' in text


def test_cli_new_post(run_cli, site: Path) -> None:
    code, out, err = run_cli("new", "post", "Hello CLI", "--site", site, "--today", "2026-11-25")
    assert code == 0, err
    created = site / "content/posts/2026-11-25-hello-cli.md"
    assert created.is_file()
    assert out.strip().endswith("content/posts/2026-11-25-hello-cli.md")
    code, out, err = run_cli("new", "post", "Hello CLI", "--site", site, "--today", "2026-11-25")
    assert code == 2
    assert "already exists" in err and "Traceback" not in err
    code, _, err = run_cli("build", "--site", site, "--today", "2026-11-25", "--drafts")
    assert code == 0, err
    assert (site / "public/posts/hello-cli/index.html").is_file()


def test_cli_new_community_is_refused_until_a_person_fills_it_in(run_cli, site: Path) -> None:
    args = ("new", "community", "https://www.lamp-fans.example/forum/?utm_source=x")
    code, out, err = run_cli(*args, "--name", "Lamp Fans", "--platform", "Forum", "--run-by",
                             "fans", "--site", site, "--today", "2026-11-25")  # fmt: skip
    assert code == 0, err
    created = site / "content/communities/lamp-fans.md"
    assert out.strip().endswith("content/communities/lamp-fans.md")
    text = created.read_text(encoding="utf-8")
    assert "run_by: fans" in text and "platform: forum" in text
    assert "reviewed: 2026" not in text  # left for the person who checks the link
    lines = text.split("\n")
    at = {key: next(i + 1 for i, x in enumerate(lines) if key in x)
          for key in ("summary:", "reviewed:", placeholders.COMMUNITY_BODY)}  # fmt: skip
    code, _, err = run_cli("build", "--site", site, "--today", "2026-11-25")
    assert code == 2 and not (site / "public").exists()
    shown = "content/communities/lamp-fans.md"
    assert f"{shown}:{at['summary:']}: 'summary' is still the placeholder" in err
    assert f"{shown}:{at['reviewed:']}: 'reviewed' is empty" in err
    assert f"{shown}:{at[placeholders.COMMUNITY_BODY]}: the body is still the placeholder" in err
    text = text.replace(placeholders.COMMUNITY_SUMMARY, "Lamp repair help from long-time owners.")
    text = text.replace(placeholders.COMMUNITY_BODY, "Owners swap tips.")
    created.write_text(re.sub(r"(?m)^reviewed:.*$", "reviewed: 2026-11-25", text), "utf-8")
    code, _, err = run_cli("build", "--site", site, "--today", "2026-11-25")
    assert code == 0, err
    assert (site / "public/communities/lamp-fans/index.html").is_file()


def test_cli_new_community_requires_run_by_and_lists_platforms(run_cli, site: Path) -> None:
    code, _, err = run_cli("new", "community", "https://a.example/", "--name", "A",
                           "--platform", "forum", "--site", site)  # fmt: skip
    assert code == 2 and "--run-by" in err
    code, out, _ = run_cli("new", "community", "--help")
    assert code == 0
    flat = " ".join(out.split()).replace("- ", "-")  # argparse wraps at hyphens
    for name in ("instagram", "bluesky", "slack", "telegram", "twitch", "matrix",
                 "github-discussions", "discord"):  # fmt: skip
        assert name in flat


def test_placeholder_post_is_refused_at_its_lines_once_not_a_draft(run_cli, site: Path) -> None:
    code, out, err = run_cli("new", "post", "Paddle day", "--site", site, "--today", "2026-11-25")
    assert code == 0, err
    created = site / "content/posts/2026-11-25-paddle-day.md"
    text = created.read_text(encoding="utf-8")
    created.write_text(re.sub(r"(?m)^draft: true.*\n", "", text), encoding="utf-8")
    lines = created.read_text(encoding="utf-8").split("\n")
    summary_line = next(i + 1 for i, x in enumerate(lines) if x.startswith("summary:"))
    body_line = next(i + 1 for i, x in enumerate(lines) if placeholders.POST_BODY in x)
    code, _, err = run_cli("build", "--site", site, "--today", "2026-11-25")
    assert code == 2, err
    shown = "content/posts/2026-11-25-paddle-day.md"
    assert f"{shown}:{summary_line}: 'summary' is still the placeholder" in err
    assert f"{shown}:{body_line}: the body is still the placeholder paragraph" in err
    assert err.count(shown) == 2


@pytest.mark.parametrize(
    ("url", "platform", "fragment"),
    [
        ("javascript:alert(1)", "forum", "bad URL"),
        ("https://ok.example/", "blog", "unknown platform"),
    ],
)
def test_cli_new_community_rejects_bad_input(run_cli, site: Path, url, platform, fragment) -> None:
    code, _, err = run_cli("new", "community", url, "--name", "X", "--platform", platform,
                           "--run-by", "fans", "--site", site, "--today", "2026-11-25")  # fmt: skip
    assert code == 2 and fragment in err and "Traceback" not in err
    assert not (site / "content/communities/x.md").exists()
