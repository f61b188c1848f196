"""The hub lint through the real CLI: exit codes, output formats, the chart, and the build."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture()
def basic(hub):
    return hub()


def test_on_cadence_exits_0(run_cli, basic):
    code, out, err = run_cli("lint", "--site", basic, "--today", "2026-11-25")
    assert code == 0, err
    assert "cadence: ok" in out
    assert "Holiday meetup" in out  # the runway names the next scheduled post


def test_lapse_exits_1_and_says_what_since_when_and_what_to_do(run_cli, basic):
    code, out, err = run_cli("lint", "--site", basic, "--today", "2026-12-20")
    assert code == 1, err
    line = next(x for x in out.splitlines() if x.startswith("cadence: error:"))
    assert '"Hello & welcome"' in line and "content/posts/2026-11-20-hello.md" in line
    assert "30 days ago" in line and "max_gap is 14d (site.yaml:15)" in line
    assert "lapsed on 2026-12-04" in line
    assert "rebuild" in out  # the reminder about scheduled posts


def test_github_format_prints_exact_annotations(run_cli, basic):
    code, out, _ = run_cli("lint", "--site", basic, "--today", "2026-12-20", "--format", "github")
    assert code == 1
    lines = out.splitlines()
    assert lines and all(x.startswith(("::error file=", "::warning file=")) for x in lines)
    assert lines[0].startswith("::error file=site.yaml,line=15,title=ssg cadence error::")


def test_json_format_is_a_stable_document(run_cli, basic):
    code, out, _ = run_cli("lint", "--site", basic, "--today", "2026-12-20", "--format", "json")
    assert code == 1
    doc = json.loads(out)
    assert doc["failed"] is True and doc["version"] == 1
    assert {"findings", "runway", "rules", "today"} <= doc.keys()
    assert doc["findings"][0]["path"] == "site.yaml" and doc["findings"][0]["line"] == 15
    _, again, _ = run_cli("lint", "--site", basic, "--today", "2026-12-20", "--format", "json")
    assert again == out


def test_stale_community_review_is_an_error_at_its_line(run_cli, basic):
    code, out, _ = run_cli("lint", "--site", basic, "--today", "2026-11-25", "--format", "github")
    assert code == 0
    code, out, _ = run_cli("lint", "--site", basic, "--today", "2027-04-01", "--format", "github")
    assert code == 1
    assert (
        "::error file=content/communities/acme-discord.md,line=7,title=ssg cadence error::" in out
    )
    assert "old-fansite" not in out  # archived communities are exempt


def test_bad_rule_is_input_error_exit_2(run_cli, hub):
    root = hub()
    text = (root / "site.yaml").read_text().replace("max_gap: 14d", "max_gap: fortnight")
    (root / "site.yaml").write_text(text)
    code, out, err = run_cli("lint", "--site", root, "--today", "2026-11-25")
    assert code == 2
    assert "site.yaml:15: cadence.max_gap:" in err and "Traceback" not in err


def test_chart_option_writes_the_heatmap(run_cli, basic, tmp_path):
    chart = tmp_path / "charts" / "cadence.svg"
    code, _, _ = run_cli("lint", "--site", basic, "--today", "2026-11-25", "--chart", chart)
    assert code == 0
    cells = [r for r in ET.parse(chart).getroot().iter(f"{SVG}rect") if r.get("data-date")]
    assert len(cells) == 364
    counts = {r.get("data-date"): int(r.get("data-count")) for r in cells}
    assert counts["2026-11-20"] == 1 and counts["2026-11-21"] == 0


def test_build_fails_with_exit_1_on_a_lapse_but_writes_the_site(run_cli, basic):
    code, out, err = run_cli("build", "--site", basic, "--today", "2026-12-20")
    assert code == 1
    assert (basic / "public" / "index.html").is_file()
    assert "cadence: error:" in out and "lint failed" in err


def test_build_shows_the_cadence_page_and_chart(run_cli, basic):
    code, _, err = run_cli("build", "--site", basic, "--today", "2026-11-25")
    assert code == 0, err
    page = (basic / "public" / "cadence" / "index.html").read_text()
    assert "<svg" in page and 'data-date="2026-11-20"' in page
    assert (basic / "public" / "cadence" / "cadence.svg").is_file()


def test_privacy_tricks_fail_the_lint_and_the_build(run_cli, hub):
    root = hub("privacy-tricks")
    code, out, _ = run_cli("lint", "--site", root, "--today", "2026-11-25", "--format", "github")
    assert code == 1
    assert (
        "::error file=templates/post.html,line=7,title=ssg privacy error::"
        "a script (<script src>) loads" in out
    )
    code, out, err = run_cli("build", "--site", root, "--today", "2026-11-25")
    assert code == 1 and (root / "public" / "index.html").is_file()
    assert "[privacy]" in out


def test_demo_hub_makes_no_third_party_requests(run_cli):
    code, out, err = run_cli("lint", "--today", "2026-11-23", "--format", "json")
    assert code in (0, 1), err  # cadence findings may come and go with the demo's posts
    assert [f for f in json.loads(out)["findings"] if f["code"] == "privacy"] == []


def test_lint_and_build_agree_on_expired_posts(run_cli, hub):
    """An expired post was published on its date: both count it, so both give one verdict."""
    root = hub("basic", {
        "content/posts/2026-11-20-hello.md": None, "content/posts/2026-11-10-meetup.md": None,
        "content/posts/2026-11-05-guide.md": None, "content/posts/2025-12-30-launch.md": None,
        "content/posts/2026-12-24-scheduled.md": None, "content/pages/about.md": None,
        "content/communities/acme-forum.md": None,
        "content/posts/2026-11-01-expired.md": "---\ntitle: Offer\ndate: 2026-11-01\n"
        "summary: A short offer.\nexpires: 2026-11-10\n---\nGone soon.\n",
    })  # fmt: skip
    config = root / "site.yaml"
    config.write_text(config.read_text().replace("  - {title: About, url: /about/}\n", ""))
    lint_code, lint_out, _ = run_cli("lint", "--site", root, "--today", "2026-11-12")
    build_code, build_out, err = run_cli("build", "--site", root, "--today", "2026-11-12")
    assert (lint_code, build_code) == (0, 0), lint_out + build_out + err
    lint_code, _, _ = run_cli("lint", "--site", root, "--today", "2026-11-20")
    build_code, _, _ = run_cli("build", "--site", root, "--today", "2026-11-20")
    assert (lint_code, build_code) == (1, 1)
