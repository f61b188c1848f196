"""The command line, run as a user would: `python -m ssg ...` in a subprocess."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from ssg import __version__
from ssg.cli import main as cli

TODAY = ["--today", "2026-11-25"]


def test_version(run_cli) -> None:
    code, out, err = run_cli("--version")
    assert (code, out.strip(), err) == (0, f"ssg {__version__}", "")


def test_help_as_a_module(run_cli) -> None:
    code, out, err = run_cli("--help")
    assert code == 0, err
    assert out.startswith("usage: ssg")
    for command in ("build", "lint", "serve", "new"):
        assert command in out


@pytest.mark.parametrize(
    "command",
    [["build"], ["lint"], ["serve"], ["new"], ["new", "post"], ["new", "community"]],
)
def test_help_on_every_command(capsys, command: list[str]) -> None:
    with pytest.raises(SystemExit) as info:
        cli.main([*command, "--help"])
    assert info.value.code == 0
    captured = capsys.readouterr()
    assert captured.out.startswith("usage: ssg" + "".join(" " + c for c in command))
    assert captured.err == ""


def test_no_command_is_a_usage_error(run_cli) -> None:
    code, _, err = run_cli()
    assert code == 2
    assert "usage: ssg" in err and "Traceback" not in err


@pytest.fixture()
def site(tmp_path: Path, copy_site) -> Path:
    return copy_site("basic", tmp_path / "basic")


def test_build_with_defaults_from_the_hub_folder(run_cli, site: Path) -> None:
    code, out, err = run_cli("build", *TODAY, cwd=site)
    assert code == 0, err
    assert "ssg: wrote" in err and "(4 posts, 1 pages, 3 communities)" in err
    assert (site / "public/index.html").is_file()
    assert "Traceback" not in err


def test_build_to_another_folder_with_json_lint(run_cli, site: Path, tmp_path: Path) -> None:
    out_dir = tmp_path / "www"
    code, out, err = run_cli("build", "--site", site, "--out", out_dir, "--format", "json", *TODAY)
    assert code == 0, err
    assert (out_dir / "posts/hello/index.html").is_file()
    assert not (site / "public").exists()
    json.loads(out)


def test_lint_command(run_cli, site: Path) -> None:
    code, out, err = run_cli("lint", "--site", site, *TODAY)
    assert code == 0, err
    assert not (site / "public").exists(), "lint writes nothing"


def test_bad_input_exit_2_without_traceback(run_cli, site: Path) -> None:
    (site / "content/posts/2026-11-21-a.md").write_text(
        "---\ntitle: A\ndate: 2026-02-30\nsummary: S\n---\n", encoding="utf-8"
    )
    (site / "content/posts/2026-11-22-b.md").write_bytes(b"---\ntitle: B\xff\n---\n")
    code, out, err = run_cli("build", "--site", site, *TODAY)
    assert code == 2
    assert "Traceback" not in err
    assert err.splitlines() == [
        "content/posts/2026-11-21-a.md:3: 'date' is not a valid date: '2026-02-30' "
        "(February 2026 has 28 days; 2026 is not a leap year); "
        "expected a date such as 2026-11-01, 2026-11-01 09:30 or 2026-11-01T09:30:00+01:00",
        "content/posts/2026-11-22-b.md:2: not valid UTF-8 (byte 0xff); save the file as UTF-8",
        "ssg: 2 errors; nothing was written",
    ]
    assert not (site / "public").exists()


def test_debug_shows_the_traceback(run_cli, site: Path) -> None:
    (site / "site.yaml").write_text("title: x\nbase_url: nope\n", encoding="utf-8")
    code, _, err = run_cli("build", "--site", site, "--debug", *TODAY)
    assert code != 0
    assert "Traceback" in err
    code, _, err = run_cli("build", "--site", site, *TODAY)
    assert code == 2
    assert "Traceback" not in err
    assert "site.yaml:2: base_url: expected an absolute http(s) URL" in err


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["build", "--site", "{missing}", *TODAY], "no site.yaml in"),
        (
            ["build", "--today", "2026-13-01"],
            "expected a date as YYYY-MM-DD, got '2026-13-01' (there is no month 13",
        ),
        (["build", "--format", "xml"], "invalid choice: 'xml'"),
        (["lint", "--site", "{missing}", *TODAY], "no site.yaml in"),
        (["new", "post", "!!!", "--site", "{site}", *TODAY], "has no letters or digits"),
    ],
)
def test_usage_and_input_errors(
    run_cli, site: Path, tmp_path: Path, args: list[str], fragment: str
) -> None:
    args = [a.format(missing=tmp_path / "nowhere", site=site) for a in args]
    code, _, err = run_cli(*args, cwd=site)
    assert code == 2, err
    assert fragment in err
    assert "Traceback" not in err


def test_template_error_message(run_cli, site: Path) -> None:
    (site / "templates").mkdir()
    (site / "templates/post.html").write_text(
        '{% extends "base.html" %}\n{% block main %}\n{{ nope }}\n{% endblock %}\n',
        encoding="utf-8",
    )
    code, _, err = run_cli("build", "--site", site, *TODAY)
    assert code == 2
    assert err.startswith("templates/post.html:3: template error: 'nope' is undefined\n")
    assert "Traceback" not in err


def _bad_date_and_a_link_to_it(site: Path) -> None:
    (site / "content/posts/2026-11-21-a.md").write_text(
        "---\ntitle: A\ndate: 2026-11-31\nsummry: S\n---\n", encoding="utf-8"
    )
    (site / "content/pages/about.md").write_text(
        "---\ntitle: About\n---\nSee [a](../posts/2026-11-21-a.md).\n", encoding="utf-8"
    )


def test_content_errors_as_github_annotations_line_by_line(run_cli, site: Path) -> None:
    _bad_date_and_a_link_to_it(site)
    code, out, err = run_cli("build", "--site", site, "--format", "github", *TODAY)
    assert code == 2
    title = "title=ssg content error"
    assert out.splitlines() == [
        f"::error file=content/posts/2026-11-21-a.md,line=1,{title}::missing required "
        "'summary'; expected one sentence on why a reader should care",
        f"::error file=content/posts/2026-11-21-a.md,line=3,{title}::'date' is not a valid "
        "date: '2026-11-31' (November 2026 has 30 days); expected a date such as 2026-11-01, "
        "2026-11-01 09:30 or 2026-11-01T09:30:00+01:00",
        f"::error file=content/posts/2026-11-21-a.md,line=4,{title}::unknown front matter key "
        "'summry'; did you mean 'summary'? (expected one of: author, date, draft, expires, "
        "extra, slug, summary, tags, title, updated)",
    ]  # the link from about.md to the broken post is a consequence: not reported
    assert err == "ssg: 3 errors; nothing was written\n"


def test_content_errors_in_json(run_cli, site: Path) -> None:
    _bad_date_and_a_link_to_it(site)
    code, out, _ = run_cli("lint", "--site", site, "--format", "json", *TODAY)
    assert code == 2
    document = json.loads(out)
    assert document["failed"] is True and document["stage"] == "input"
    assert [(f["path"], f["line"], f["code"]) for f in document["findings"]] == [
        ("content/posts/2026-11-21-a.md", 1, "content"),
        ("content/posts/2026-11-21-a.md", 3, "content"),
        ("content/posts/2026-11-21-a.md", 4, "content"),
    ]


def test_build_summary_counts_the_cache_and_warns_once_on_damage(run_cli, site: Path) -> None:
    code, _, err = run_cli("build", *TODAY, "--jobs", "2", cwd=site)
    assert code == 0, err
    assert "Markdown: 8 rendered, 0 from the cache" in err
    code, _, err = run_cli("build", *TODAY, cwd=site)
    assert code == 0 and "nothing changed since the last build; public left as it was" in err
    os.utime(next((site / "content/posts").glob("*.md")))  # read again, same text
    code, _, err = run_cli("build", *TODAY, cwd=site)
    assert "Markdown: 0 rendered, 8 from the cache" in err
    (site / ".ssg-cache/markdown.cache").write_bytes(b"\xfb{\x00")  # cut short
    code, _, err = run_cli("build", *TODAY, cwd=site)
    assert code == 0, err
    assert err.count("warning") == 1 and "ignoring an unreadable cache" in err
    assert "Markdown: 8 rendered, 0 from the cache" in err
    code, _, err = run_cli("build", *TODAY, "--no-cache", cwd=site)
    assert "Markdown: 8 rendered, 0 from the cache" in err and "warning" not in err


class _Stream:
    def __init__(self, fails: bool = False) -> None:
        self.fails, self.flushed = fails, False

    def flush(self) -> None:
        if self.fails:
            raise BrokenPipeError(32, "Broken pipe")
        self.flushed = True


@pytest.mark.parametrize(
    ("returned", "pipe_closed", "exit_code"),
    [(0, False, 0), (1, False, 1), (0, True, 120), (2, True, 2)],
)
def test_the_command_flushes_its_streams_then_exits_at_once(
    monkeypatch, returned: int, pipe_closed: bool, exit_code: int
) -> None:
    """`ssg` skips the heap's teardown, so what it printed must be flushed first."""
    out, err, exits = _Stream(fails=pipe_closed), _Stream(), []
    monkeypatch.setattr(cli, "main", lambda: returned)
    monkeypatch.setattr(cli.sys, "stdout", out)
    monkeypatch.setattr(cli.sys, "stderr", err)
    monkeypatch.setattr(cli.os, "_exit", exits.append)
    cli.run()
    assert exits == [exit_code]
    assert out.flushed is not pipe_closed and err.flushed is not pipe_closed


def test_the_console_script_and_the_module_use_the_fast_exit() -> None:
    import tomllib

    root = Path(__file__).resolve().parents[2]
    scripts = tomllib.loads((root / "pyproject.toml").read_text())["project"]["scripts"]
    assert scripts["ssg"] == "ssg.cli.main:run"
    assert "run()" in (root / "ssg" / "__main__.py").read_text()
