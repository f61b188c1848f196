"""Mutation testing of the core modules, one module at a time, with its own test file.

`make mutation` runs this. For each module it copies `ssg/` and `tests/` into
`.mutation/<name>/`, has mutmut put one small bug at a time into that copy of
the module and run the module's own test file, and prints every mutant the
tests let through. Survivors judged equivalent (no test can tell them apart
from the original) are recorded in docs/mutation.md, one line each, so only new
ones are printed: any new survivor, or a module cut short by its time limit,
makes the run fail.

Each module runs in its own folder and its own mutmut process, one after the
other, under a time limit, so a run can be scoped (`make mutation
MODULES=weburls`) and never takes the machine for long.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from fnmatch import fnmatchcase
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
WORK = REPO / ".mutation"
RECORD = REPO / "docs" / "mutation.md"
MUTMUT = Path(sys.executable).parent / "mutmut"


@dataclass(frozen=True)
class Module:
    source: str
    tests: str
    only: tuple[str, ...] = ()  # mutant name globs, when only part of the module is in scope
    keep: tuple[str, ...] = ()  # regexes of lines never mutated (see docs/mutation.md)
    # Run the whole test file for every mutant, not only the tests mutmut saw reach the
    # function: needed when a session-scoped fixture (the `basic` hub, built once) reaches
    # it inside the first test alone.
    whole_file: bool = False


MODULES = {
    "cadence": Module("ssg/cadence/check.py", "tests/cadence/test_check.py"),
    "weburls": Module("ssg/communities/weburls.py", "tests/communities/test_weburls.py"),
    "write": Module(
        "ssg/output/write.py",
        "tests/output/test_write.py",
        # A mutant of `os.kill(pid, 0)` sends a real signal to a live process (the test
        # runner's parent, in the test of a running build's folder): that kills the run.
        keep=(r"os\.kill\(pid, 0\)",),
    ),
    "markup": Module(
        "ssg/content/markup.py",
        "tests/content/test_markup.py",
        # The link rewriting: the tree processor, raw HTML paths, lines of problems.
        only=(
            "ssg.content.markup.xǁ_LinkRewriterǁ*",
            "ssg.content.markup.x__relative_site_paths__*",
            "ssg.content.markup.x__lines_of__*",
            "ssg.content.markup.x__find_link__*",
            "ssg.content.markup.x_render_markdown__*",
        ),
    ),
    "privacy": Module("ssg/lint/privacy.py", "tests/lint/test_privacy.py"),
    "feeds": Module("ssg/output/feeds.py", "tests/output/test_feeds.py", whole_file=True),
}
CONFIG = """\
[tool.mutmut]
source_paths = ["ssg/"]
only_mutate = ["{source}"]
do_not_mutate_patterns = {keep}
pytest_add_cli_args_test_selection = ["{tests}"]
pytest_add_cli_args = {pytest_args}
also_copy = {copied}

[tool.pytest.ini_options]
markers = ["browser: drives headless Chromium through Playwright"]
"""
# One recorded equivalent mutant: - `name` ``the line it writes`` why it is harmless
RECORDED = re.compile(r"^- `(?P<name>[^`]+)` ``(?P<line>.+?)``")
NOT_KILLED = {"survived", "no tests"}
# Beside the package: the tests, the built-in themes, and the demo hub some tests check.
EXTRA = ("tests", "themes", "site.yaml", "content", "static", "templates")


@dataclass(frozen=True)
class Survivor:
    name: str
    status: str
    diff: str

    @property
    def line(self) -> str:
        """The first line the mutant writes, as recorded in docs/mutation.md."""
        added = [x[1:].strip() for x in self.diff.splitlines() if x[:1] == "+" and x[:3] != "+++"]
        return added[0] if added else ""


def recorded_equivalents() -> dict[str, str]:
    """Mutant name -> the line it writes, for every survivor judged equivalent."""
    if not RECORD.is_file():
        return {}
    found = (RECORDED.match(x) for x in RECORD.read_text(encoding="utf-8").splitlines())
    return {m["name"]: m["line"] for m in found if m}


def prepare(name: str, module: Module) -> Path:
    """A fresh folder holding a copy of the package, the tests and a mutmut config."""
    work = WORK / name
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    junk = shutil.ignore_patterns("__pycache__", "public", ".public.*")
    for name in ("ssg", *EXTRA):
        if (REPO / name).is_dir():
            shutil.copytree(REPO / name, work / name, ignore=junk)
        elif (REPO / name).is_file():
            shutil.copyfile(REPO / name, work / name)
    keep = "[" + ", ".join(f"'{pattern}'" for pattern in module.keep) + "]"
    copied = "[" + ", ".join(f'"{name}"' for name in EXTRA if (REPO / name).exists()) + "]"
    args = ["-p", "no:cacheprovider", *([module.tests] if module.whole_file else [])]
    pytest_args = "[" + ", ".join(f'"{arg}"' for arg in args) + "]"
    config = CONFIG.format(
        source=module.source, tests=module.tests, keep=keep, copied=copied, pytest_args=pytest_args
    )
    (work / "pyproject.toml").write_text(config, encoding="utf-8")
    return work


def run_mutmut(work: Path, module: Module, limit: float, children: int) -> bool:
    """Run mutmut in `work`; False when the time limit cut it short."""
    command = [str(MUTMUT), "run", "--max-children", str(children), *module.only]
    with (work / "mutmut.log").open("wb") as log:
        proc = subprocess.Popen(
            command, cwd=work, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        try:
            proc.wait(timeout=limit)
        except subprocess.TimeoutExpired:
            _stop(proc)
            return False
    if proc.returncode != 0:
        tail = (work / "mutmut.log").read_text(encoding="utf-8", errors="replace")[-2000:]
        raise SystemExit(f"mutation: mutmut failed in {work}:\n{tail}")
    return True


def _stop(proc: subprocess.Popen[bytes]) -> None:
    """End mutmut and the workers it forked (its own process group), politely first."""
    for sig, grace in ((signal.SIGTERM, 10), (signal.SIGKILL, 10)):
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            return
        try:
            proc.wait(timeout=grace)
            return
        except subprocess.TimeoutExpired:
            continue


def results(work: Path, module: Module) -> dict[str, str]:
    """Mutant name -> status, for the mutants in scope."""
    out = subprocess.run(
        [str(MUTMUT), "results", "--all", "true"],
        cwd=work,
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    ).stdout
    statuses = {}
    for line in out.splitlines():
        name, sep, status = line.strip().rpartition(": ")
        if sep and _in_scope(name, module):
            statuses[name] = status
    return statuses


def _in_scope(name: str, module: Module) -> bool:
    return not module.only or any(fnmatchcase(name, pattern) for pattern in module.only)


def show(work: Path, name: str) -> str:
    proc = subprocess.run(
        [str(MUTMUT), "show", name], cwd=work, capture_output=True, text=True, timeout=300
    )
    return "\n".join(x for x in proc.stdout.splitlines() if not x.startswith("# "))


def check_module(name: str, module: Module, limit: float, children: int) -> tuple[int, bool]:
    """Run one module; print its counts and new survivors. Returns (new survivors, complete)."""
    print(f"mutation: {module.source} with {module.tests} (time limit {limit:.0f} s)", flush=True)
    started = time.monotonic()
    work = prepare(name, module)
    complete = run_mutmut(work, module, limit, children)
    statuses = results(work, module)
    counts: dict[str, int] = {}
    for status in statuses.values():
        counts[status] = counts.get(status, 0) + 1
    equivalents = recorded_equivalents()
    survivors = [
        Survivor(n, s, show(work, n)) for n, s in sorted(statuses.items()) if s in NOT_KILLED
    ]
    new = [s for s in survivors if equivalents.get(s.name) != s.line]
    known = len(survivors) - len(new)
    summary = ", ".join(f"{count} {status}" for status, count in sorted(counts.items()))
    elapsed = time.monotonic() - started
    print(f"  {len(statuses)} mutants: {summary or 'none'} [{elapsed:.0f} s]")
    print(f"  {known} recorded as equivalent in docs/mutation.md, {len(new)} not")
    if not complete:
        print(f"  cut short by the time limit: {counts.get('not checked', 0)} mutants not checked")
    for survivor in new:
        print(f"  {survivor.status}: {survivor.name}")
        for line in survivor.diff.splitlines():
            if line[:1] in "+-" and line[:3] not in ("+++", "---"):
                print(f"    {line}")
    if complete:
        prefix = name_prefix(module)
        gone = [n for n in equivalents if n.startswith(prefix) and n not in statuses]
        gone += [n for n in equivalents if statuses.get(n) not in (None, *NOT_KILLED)]
        for stale in sorted(gone):
            print(f"  recorded in docs/mutation.md but no longer surviving: {stale}")
    return len(new), complete


def name_prefix(module: Module) -> str:
    return module.source.removesuffix(".py").replace("/", ".") + ".x"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "modules", nargs="*", metavar="MODULE", help=f"any of {', '.join(MODULES)} (default: all)"
    )
    parser.add_argument("--time-limit", type=float, default=900, help="seconds per module")
    parser.add_argument("--max-children", type=int, default=2, help="test processes at once")
    args = parser.parse_args(argv)
    unknown = [m for m in args.modules if m not in MODULES]
    if unknown:
        parser.error(f"unknown module {unknown[0]!r}; expected any of {', '.join(MODULES)}")
    if not MUTMUT.is_file():
        raise SystemExit("mutation: mutmut is not installed; run `make .venv/.installed-test`")
    new_total, all_complete = 0, True
    for name in args.modules or list(MODULES):
        new, complete = check_module(name, MODULES[name], args.time_limit, args.max_children)
        new_total, all_complete = new_total + new, all_complete and complete
    print(f"mutation: {new_total} surviving mutants not recorded as equivalent")
    if not all_complete:
        print("mutation: some modules were cut short; raise MUTATION_TIME_LIMIT to finish them")
    return 0 if new_total == 0 and all_complete else 1


if __name__ == "__main__":
    sys.exit(main())
