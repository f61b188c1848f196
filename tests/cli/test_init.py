"""`ssg init`: a hub of the given brand, nothing of the demo, that builds at once."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from ssg.cli.init import hub_files

REPO = Path(__file__).resolve().parents[2]
TODAY = ("--today", "2026-11-25")


def demo_strings() -> set[str]:
    """Words only the demo hub uses: its brand, domain and the products it names."""
    site = (REPO / "site.yaml").read_text(encoding="utf-8")
    brand = re.search(r"(?m)^brand: (.+)$", site)[1].strip()
    domain = re.search(r"(?m)^base_url: https://[^.]+\.([^./]+)\.", site)[1]
    return {brand.casefold(), domain.casefold(), "ridgeline", "switchback", "acme"}


def init(run_cli, folder: Path, *extra: str) -> tuple[int, str, str]:
    return run_cli("init", folder, "--brand", "Riverline Kayaks", "--base-url",
                   "https://community.riverline.example/", *extra, *TODAY)  # fmt: skip


def test_init_in_an_empty_folder_builds_at_once_without_the_demo(run_cli, tmp_path: Path) -> None:
    folder = tmp_path / "kayak"
    code, _, err = init(run_cli, folder, "--timezone", "Europe/Oslo", "--language", "de")
    assert code == 0, err
    code, out, err = run_cli("build", "--site", folder, *TODAY)
    assert code == 0, err
    assert "cadence: warning: no published posts yet" in out
    assert "A draft would restore the cadence if published" in out  # the welcome post
    files = [p for p in folder.rglob("*") if p.is_file()]
    built = [p for p in files if "public" in p.relative_to(folder).parts]
    assert any(p.name == "index.html" for p in built) and len(built) > 10
    leftovers = [
        (p.relative_to(folder).as_posix(), word)
        for p in files
        for word in demo_strings()
        if word in p.read_text(encoding="utf-8", errors="replace").casefold()
    ]
    assert leftovers == []
    home = (folder / "public/index.html").read_text(encoding="utf-8")
    assert "Riverline Kayaks Community Hub" in home and '<html lang="de">' in home
    for page in ("about", "contribute", "code-of-conduct", "communities", "cadence"):
        assert (folder / "public" / page / "index.html").is_file(), page
    assert "Riverline Kayaks" in (folder / "public/about/index.html").read_text("utf-8")
    welcome = folder / "content/posts/2026-11-25-welcome.md"
    assert "draft: true" in welcome.read_text(encoding="utf-8")
    assert (folder / ".github/workflows/hub.yml").is_file()
    assert "public/" in (folder / ".gitignore").read_text(encoding="utf-8")
    assert sorted(p.name for p in (folder / "content/communities").iterdir()) == ["README.txt"]


def test_publishing_the_welcome_post_needs_no_other_edit(run_cli, tmp_path: Path) -> None:
    folder = tmp_path / "hub"
    assert init(run_cli, folder)[0] == 0
    welcome = folder / "content/posts/2026-11-25-welcome.md"
    welcome.write_text(re.sub(r"(?m)^draft: true.*\n", "", welcome.read_text("utf-8")), "utf-8")
    code, out, err = run_cli("build", "--site", folder, "--format", "json", *TODAY)
    assert code == 0, err
    assert json.loads(out)["findings"] == []
    assert (folder / "public/posts/welcome/index.html").is_file()


def test_init_never_writes_into_a_folder_with_files(run_cli, tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    code, _, err = init(run_cli, tmp_path)
    assert code == 2 and "is not an empty folder" in err
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--base-url", "community.example", "--base-url: expected an absolute http(s) URL"),
        ("--timezone", "Europe/Atlantis", "--timezone: unknown time zone 'Europe/Atlantis'"),
        ("--language", "english!", "--language: expected a BCP 47 language code"),
    ],
)
def test_bad_options_are_named(run_cli, tmp_path: Path, option, value, message) -> None:
    code, _, err = run_cli("init", tmp_path / "x", "--brand", "K", "--base-url",
                           "https://k.example/", option, value)  # fmt: skip
    assert code == 2 and message in err, err
    assert not (tmp_path / "x").exists()


def test_a_brand_with_quotes_colons_and_markup_stays_text(tmp_path: Path, build_in_place) -> None:
    import datetime as dt

    brand = 'O\'Neill: "River" <b>Co</b>'
    for rel, text in hub_files(
        brand, "https://x.example/", "en", "UTC", dt.date(2026, 11, 25)
    ).items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text, encoding="utf-8")
    built = build_in_place(tmp_path)
    assert built.result.site.config.brand == brand
    about = built.read("about/index.html")
    assert "&lt;b&gt;Co&lt;/b&gt;" in about and "<b>Co</b>" not in about
