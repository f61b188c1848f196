"""Writing the site: refusing dangerous folders, atomic swaps, no stale files."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from ssg.core.diagnostics import SsgError
from ssg.output import swap
from ssg.output.write import MARKER, check_output_dir, write_site


@pytest.fixture()
def root(tmp_path: Path) -> Path:
    hub = tmp_path / "hub"
    for name in ("content/posts", "themes/mine", "templates", "static"):
        (hub / name).mkdir(parents=True)
    (hub / "site.yaml").write_text("title: x\n", encoding="utf-8")
    (hub / "content" / "posts" / "a.md").write_text("keep me", encoding="utf-8")
    return hub


HUB_ITSELF = "output folder contains the hub itself; choose a folder such as public/"


def inside(name: str) -> str:
    return f"output folder is inside the hub's {name}/; choose a folder such as public/"


@pytest.mark.parametrize(
    ("out", "message"),
    [
        (".", HUB_ITSELF),
        ("..", HUB_ITSELF),
        ("content", inside("content")),
        ("content/posts", inside("content")),
        ("themes", inside("themes")),
        ("themes/mine/out", inside("themes")),
        ("templates", inside("templates")),
        ("static", inside("static")),
        (".git/out", inside(".git")),
        ("site.yaml", "output path is a file; expected a folder"),
    ],
)
def test_refuses_dangerous_folders(root: Path, out: str, message: str) -> None:
    diags = check_output_dir(root, root / out)
    shown = str((root / out).resolve())
    assert [d.text() for d in diags] == [f"{shown}: error: {message} [output]"]
    assert [d.line for d in diags] == [0]  # about the folder, not a line of a file
    with pytest.raises(SsgError):
        write_site(root, root / out, {"index.html": "x"}, [])
    assert (root / "content" / "posts" / "a.md").read_text(encoding="utf-8") == "keep me"
    assert (root / "site.yaml").is_file()


def test_refuses_non_empty_folder_it_did_not_write(root: Path) -> None:
    out = root / "public"
    out.mkdir()
    (out / "precious.txt").write_text("mine", encoding="utf-8")
    expected = [
        f"{out}: error: output folder is not empty and was not written by ssg (no .ssg-output); "
        "empty it or choose another folder [output]"
    ]
    assert [d.text() for d in check_output_dir(root, out)] == expected
    assert [d.line for d in check_output_dir(root, out)] == [0]
    with pytest.raises(SsgError) as info:
        write_site(root, out, {"index.html": "x"}, [])
    assert [d.text() for d in info.value.diagnostics] == expected
    assert (out / "precious.txt").read_text(encoding="utf-8") == "mine"


@pytest.mark.parametrize("make", ["missing", "empty"])
def test_accepts_new_or_empty_folder(root: Path, make: str) -> None:
    out = root / "public"
    if make == "empty":
        out.mkdir()
    assert check_output_dir(root, out) == []
    write_site(root, out, {"index.html": "home", "posts/a/index.html": "a"}, [])
    assert (out / "index.html").read_text(encoding="utf-8") == "home"
    assert (out / "posts/a/index.html").read_text(encoding="utf-8") == "a"
    assert (out / MARKER).is_file()


def test_outside_the_hub_is_fine(root: Path, tmp_path: Path) -> None:
    write_site(root, tmp_path / "elsewhere" / "deep" / "site", {"index.html": "x"}, [])
    assert (tmp_path / "elsewhere" / "deep" / "site" / "index.html").is_file()


def test_rebuild_replaces_own_output_without_stale_files(root: Path) -> None:
    out = root / "public"
    write_site(root, out, {"index.html": "v1", "posts/old/index.html": "old"}, [])
    assert check_output_dir(root, out) == []
    write_site(root, out, {"index.html": "v2"}, [])
    assert (out / "index.html").read_text(encoding="utf-8") == "v2"
    assert not (out / "posts").exists()
    assert sorted(p.name for p in root.iterdir()) == [
        "content",
        "public",
        "site.yaml",
        "static",
        "templates",
        "themes",
    ]


def test_failed_write_leaves_previous_output(root: Path, tmp_path: Path) -> None:
    out = root / "public"
    write_site(root, out, {"index.html": "v1"}, [])
    static = tmp_path / "static"
    static.mkdir()
    (static / "index.html").write_text("clash", encoding="utf-8")
    (static / "feed.xml").write_text("clash too", encoding="utf-8")
    with pytest.raises(SsgError) as info:
        write_site(root, out, {"index.html": "v2", "feed.xml": "<feed/>"}, [(static, "")])
    assert [d.text() for d in info.value.diagnostics] == [
        f"{static / name}: error: static file would overwrite the generated {name}; "
        "rename it [output]"
        for name in ("feed.xml", "index.html")
    ]
    assert [d.line for d in info.value.diagnostics] == [0, 0]
    assert (out / "index.html").read_text(encoding="utf-8") == "v1"
    assert sorted(p.name for p in root.iterdir() if p.name.startswith(".")) == []


def test_static_folders_later_override_earlier(root: Path, tmp_path: Path) -> None:
    theme, hub = tmp_path / "theme-static", root / "static"
    (theme / "css").mkdir(parents=True)
    (theme / "css" / "style.css").write_text("theme", encoding="utf-8")
    (theme / "logo.svg").write_text("theme logo", encoding="utf-8")
    (hub / "css").mkdir()
    (hub / "css" / "style.css").write_text("hub", encoding="utf-8")
    out = root / "public"
    write_site(
        root,
        out,
        {"index.html": "x"},
        [(tmp_path / "none", "x/"), (theme, "static/"), (hub, "static/")],
    )
    assert (out / "static/css/style.css").read_text(encoding="utf-8") == "hub"
    assert (out / "static/logo.svg").read_text(encoding="utf-8") == "theme logo"


def test_bytes_are_written_as_is(root: Path) -> None:
    out = root / "public"
    write_site(root, out, {"a.bin": b"\x00\xff", "b.txt": "é"}, [])
    assert (out / "a.bin").read_bytes() == b"\x00\xff"
    assert (out / "b.txt").read_bytes() == "é".encode()


def test_leftovers_of_interrupted_builds_are_removed(root: Path) -> None:
    out = root / "public"
    stale = root / f".public.tmp-{_dead_pid()}"
    stale.mkdir()
    (stale / MARKER).write_text("", encoding="utf-8")
    foreign = root / ".public.tmp-keep"
    foreign.mkdir()
    before = root / ".public.backup"  # sorts before the stale folder: not ours, skipped
    before.mkdir()
    write_site(root, out, {"index.html": "x"}, [])
    assert not stale.exists()
    assert foreign.exists(), "folders without the marker are never removed"
    assert before.exists()


def test_an_empty_folder_of_a_build_cut_before_its_marker_is_removed(root: Path) -> None:
    dead = _dead_pid()
    empty, kept = root / f".public.tmp-{dead}", root / f".public.tmp-{dead + 1}"
    empty.mkdir()  # a build killed between making its folder and writing the marker
    kept.mkdir()
    (kept / "notes.txt").write_text("not ours: no marker, and not empty", encoding="utf-8")
    write_site(root, root / "public", {"index.html": "x"}, [])
    assert not empty.exists() and (kept / "notes.txt").exists()


def _dead_pid() -> int:
    pid = 4_000_000  # above the kernel's pid_max on ordinary systems
    while True:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return pid
        except PermissionError:  # alive, owned by someone else
            pass
        pid += 1


def test_a_users_copy_of_the_output_is_never_removed(root: Path) -> None:
    out = root / "public"
    write_site(root, out, {"index.html": "v1"}, [])
    backup = root / ".public.backup-2026-11"
    shutil.copytree(out, backup)  # holds our marker, but the name is the user's
    (backup / "notes.txt").write_text("mine", encoding="utf-8")
    write_site(root, out, {"index.html": "v2"}, [])
    assert (backup / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_a_running_builds_folder_is_left_alone(root: Path) -> None:
    running = root / f".public.tmp-{os.getppid()}"
    running.mkdir()
    (running / MARKER).write_text("", encoding="utf-8")
    write_site(root, root / "public", {"index.html": "x"}, [])
    assert running.exists()


def test_a_site_caught_mid_swap_is_restored(root: Path) -> None:
    old = root / f".public.old-{_dead_pid()}"
    old.mkdir()
    (old / MARKER).write_text("", encoding="utf-8")
    (old / "index.html").write_text("previous", encoding="utf-8")
    out = root / "public"
    (root / "clash").mkdir()
    (root / "clash" / "index.html").write_text("static", encoding="utf-8")
    with pytest.raises(SsgError):  # a failing build still recovers the previous site first
        write_site(root, out, {"index.html": "x"}, [(root / "clash", "")])
    assert (out / "index.html").read_text(encoding="utf-8") == "previous"


def test_a_stale_old_folder_beside_an_existing_output_is_dropped(root: Path) -> None:
    """A build that died after its swap leaves `.public.old-PID` beside a complete `public/`."""
    out = root / "public"
    write_site(root, out, {"index.html": "current"}, [])
    stale = root / f".public.old-{_dead_pid()}"
    stale.mkdir()
    (stale / MARKER).write_text("", encoding="utf-8")
    (stale / "index.html").write_text("older", encoding="utf-8")
    write_site(root, out, {"index.html": "next"}, [])
    assert (out / "index.html").read_text(encoding="utf-8") == "next"
    assert sorted(p.name for p in root.iterdir() if p.name.startswith(".")) == []


def test_a_failed_swap_puts_the_previous_site_back(root: Path, monkeypatch) -> None:
    out = root / "public"
    write_site(root, out, {"index.html": "v1"}, [])
    real_rename = os.rename

    def failing_rename(src, dst):
        if Path(src).name.startswith(".public.tmp-"):
            raise OSError(28, "No space left on device")
        return real_rename(src, dst)

    monkeypatch.setattr(os, "rename", failing_rename)
    monkeypatch.setattr(swap, "exchange", lambda a, b: False)  # the two-rename fallback
    with pytest.raises(SsgError, match="No space left on device"):
        write_site(root, out, {"index.html": "v2"}, [])
    monkeypatch.setattr(os, "rename", real_rename)
    assert (out / "index.html").read_text(encoding="utf-8") == "v1"
    assert not list(root.glob(".public.*"))


def test_an_output_folder_with_git_is_refused(root: Path) -> None:
    out = root / "site-repo"
    (out / ".git").mkdir(parents=True)
    (out / MARKER).write_text("", encoding="utf-8")
    with pytest.raises(SsgError) as info:
        write_site(root, out, {"index.html": "x"}, [])
    assert [d.text() for d in info.value.diagnostics] == [
        f"{out}: error: output folder holds a .git; ssg replaces the whole folder, "
        "so build elsewhere and copy the files in [output]"
    ]
    assert [d.line for d in info.value.diagnostics] == [0]
    assert (out / ".git").is_dir()


def test_a_build_folder_of_another_users_live_process_is_left_alone(
    root: Path, monkeypatch
) -> None:
    """Signalling another user's process fails with EPERM: it runs, so its folder is in use."""
    theirs = root / ".public.tmp-4242"
    theirs.mkdir()
    (theirs / MARKER).write_text("", encoding="utf-8")

    def kill(pid: int, sig: int) -> None:
        assert (pid, sig) == (4242, 0)
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(os, "kill", kill)
    write_site(root, root / "public", {"index.html": "x"}, [])
    assert theirs.exists()


def _stuck_files(monkeypatch) -> None:
    """Files named `stuck.txt` cannot be deleted (a read-only mount, a file held open)."""
    real = os.unlink

    def unlink(path, *args, **kwargs):
        if Path(path).name == "stuck.txt":
            raise PermissionError(1, "Operation not permitted", str(path))
        return real(path, *args, **kwargs)

    monkeypatch.setattr(os, "unlink", unlink)


def test_leftovers_that_cannot_be_removed_never_fail_the_build(root: Path, monkeypatch) -> None:
    out = root / "public"
    write_site(root, out, {"index.html": "v1", "stuck.txt": "old"}, [])
    stale = root / f".public.tmp-{_dead_pid()}"
    stale.mkdir()
    (stale / MARKER).write_text("", encoding="utf-8")
    (stale / "stuck.txt").write_text("", encoding="utf-8")
    _stuck_files(monkeypatch)
    write_site(root, out, {"index.html": "v2"}, [])  # the old site's stuck.txt stays behind too
    assert (out / "index.html").read_text(encoding="utf-8") == "v2"
    assert not (out / "stuck.txt").exists()


def test_a_failed_write_reports_its_own_error_even_if_cleaning_up_fails(
    root: Path, tmp_path: Path, monkeypatch
) -> None:
    static = tmp_path / "static"
    static.mkdir()
    (static / "stuck.txt").write_text("", encoding="utf-8")
    (static / "index.html").write_text("clash", encoding="utf-8")
    _stuck_files(monkeypatch)
    with pytest.raises(SsgError):
        write_site(root, root / "public", {"index.html": "x"}, [(static, "")])


def test_the_swap_is_one_exchange_where_linux_has_it(root: Path, monkeypatch) -> None:
    out = root / "public"
    write_site(root, out, {"index.html": "v1"}, [])
    renames: list[str] = []
    real_rename = os.rename
    monkeypatch.setattr(os, "rename", lambda a, b: renames.append(b) or real_rename(a, b))
    write_site(root, out, {"index.html": "v2"}, [])
    assert (out / "index.html").read_text(encoding="utf-8") == "v2"
    assert renames == [] and not list(root.glob(".public.*"))


def test_a_full_disk_names_the_folder_and_keeps_the_site(root: Path, monkeypatch) -> None:
    out = root / "public"
    write_site(root, out, {"index.html": "v1"}, [])

    def full(self: Path, data: bytes) -> int:
        raise OSError(28, "No space left on device", str(self))

    monkeypatch.setattr(Path, "write_bytes", full)
    with pytest.raises(SsgError) as info:
        write_site(root, out, {"index.html": "v2", "a/b.html": "x"}, [])
    monkeypatch.undo()
    [diag] = info.value.diagnostics
    assert diag.path == str(out) and "No space left on device" in diag.message
    assert (out / "index.html").read_text(encoding="utf-8") == "v1"
    assert not list(root.glob(".public.*"))
