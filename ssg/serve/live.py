"""`ssg serve`: the in-memory site, the watcher, the rebuild thread and the HTTP server together.

One thread rebuilds, one serves (with a thread per request), and watchdog
watches. A rebuild swaps the whole `Snapshot` in one assignment, so a request
sees either the old site or the new one, never half of each. A failed rebuild
keeps the last good site and shows its errors over it; the next good rebuild
takes them away. `stop()` ends every thread it started.
"""

from __future__ import annotations

import datetime as dt
import sys
import threading
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TextIO

from ssg.core.diagnostics import Diagnostic, SsgError, error
from ssg.lint.run import run_lint
from ssg.serve.channel import Channel
from ssg.serve.engine import LiveBuild, Snapshot
from ssg.serve.inject import Marks, error_page, inject
from ssg.serve.server import KEEPALIVE, make_live_server
from ssg.serve.watch import Batches, watch

LINT_AFTER = 0.3  # seconds without a change before the lint runs on the newest site


class LiveState:
    """What the handler serves: the current snapshot, errors, lint findings, the epoch."""

    def __init__(self, reload: bool = True) -> None:
        self.reload = reload
        self.channel = Channel()
        self.snapshot: Snapshot | None = None
        self.errors: tuple[str, ...] = ()
        self.findings: tuple[str, ...] = ()
        self._dismissed: tuple[str, ...] = ()
        self.epoch = 0
        self._lock = threading.Lock()

    @property
    def base_path(self) -> str:
        snapshot = self.snapshot
        return snapshot.base_path if snapshot else "/"

    def files(self) -> Mapping[str, bytes] | None:
        snapshot = self.snapshot
        return snapshot.files if snapshot else None

    def _marks(self, badge: str = "") -> Marks:
        findings = () if self.findings == self._dismissed else self.findings
        return Marks(self.epoch, self.reload, self.errors, findings, badge)

    def page(self, name: str, html: bytes) -> bytes:
        snapshot = self.snapshot
        badge = snapshot.badges.get(name, "") if snapshot else ""
        return inject(html, self._marks(badge))

    def error_page(self) -> bytes:
        return error_page(self._marks())

    def stream(self, write: Callable[[bytes], None]) -> None:
        """Feed one event-stream client until the server stops."""
        cursor = self.channel.seq
        write(f'retry: 1000\nevent: hello\ndata: {{"epoch": {self.epoch}}}\n\n'.encode())
        while not self.channel.closed:
            events = self.channel.wait(cursor, KEEPALIVE)
            if not events:
                if not self.channel.closed:
                    write(b": still here\n\n")
                continue
            for event in events:
                write(event.wire())
                cursor = event.seq

    def dismiss(self) -> None:
        self._dismissed = self.findings

    def published(self, snapshot: Snapshot) -> None:
        """A good rebuild: swap it in and tell the tabs what changed."""
        with self._lock:
            old, was_broken = self.snapshot, bool(self.errors)
            changed = _changed(old.files if old else {}, snapshot.files)
            self.snapshot, self.errors = snapshot, ()
            if old is not None and not was_broken and not changed and old.badges == snapshot.badges:
                return  # saved without a change: nothing to reload
            self.epoch += 1
            if (
                old is not None
                and not was_broken
                and changed
                and all(path.endswith(".css") for path in changed)
            ):
                self.channel.publish("css", {"epoch": self.epoch, "paths": sorted(changed)})
            else:
                self.channel.publish("reload", {"epoch": self.epoch})

    def failed(self, diagnostics: Sequence[Diagnostic]) -> None:
        with self._lock:
            lines = tuple(d.text() for d in diagnostics)
            if lines == self.errors:
                return
            self.errors = lines
            self.epoch += 1
            self.channel.publish("reload", {"epoch": self.epoch})

    def linted(self, findings: Sequence[str]) -> None:
        with self._lock:
            if tuple(findings) == self.findings:
                return
            self.findings = tuple(findings)
            self.epoch += 1
            self.channel.publish("reload", {"epoch": self.epoch})


def _changed(old: Mapping[str, bytes], new: Mapping[str, bytes]) -> set[str]:
    """Output files added, removed or rewritten (unchanged pages are the same objects)."""
    changed = {
        path for path, data in new.items() if old.get(path) is not data and old.get(path) != data
    }
    return changed | (old.keys() - new.keys())


class LiveServer:
    """`ssg serve` as an object: `start()`, `address`, `stop()`; tests drive it the same way."""

    def __init__(
        self,
        root: Path,
        host: str = "127.0.0.1",
        port: int = 8000,
        *,
        drafts: bool = False,
        today: dt.date | None = None,
        reload: bool = True,
        quiet: bool = False,
        log: TextIO | None = None,
        batches: Batches | None = None,
    ) -> None:
        self.engine = LiveBuild(root, drafts, today)
        self.state = LiveState(reload)
        self.batches = batches or Batches()
        self.log = log or sys.stderr
        self.rebuilds = 0  # attempts, good or not
        self.httpd = make_live_server(self.state, host, port, quiet)  # OSError: port in use
        self._observer = None
        self._watched: list[Path] = []
        self._threads: list[threading.Thread] = []
        self._busy = False
        self._unlinted: Snapshot | None = None  # rebuilt, not linted yet

    @property
    def address(self) -> tuple[str, int]:
        host, port = self.httpd.server_address[:2]
        return str(host), int(port)

    def start(self) -> LiveServer:
        """Build once, then watch, rebuild and serve in background threads."""
        self.rebuild(set())
        serve = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.1}, name="ssg-serve-http"
        )
        loop = threading.Thread(target=self._loop, name="ssg-serve-rebuild")
        self._threads = [serve, loop]
        for thread in self._threads:
            thread.start()
        return self

    def _loop(self) -> None:
        """Rebuild each settled batch; lint the newest site once the files are quiet.

        The lint (cadence, privacy) reads every document, so it waits until no change
        is pending: a second save right after the first is rebuilt without waiting for it.
        """
        while (batch := self.batches.take(LINT_AFTER if self._unlinted else None)) is not None:
            self._busy = True
            try:
                if batch:
                    self._unlinted = self.rebuild(batch, lint=False) or self._unlinted
                elif self._unlinted is not None:
                    self._lint(self._unlinted)
                    self._unlinted = None
            finally:
                self._busy = False

    def idle(self) -> bool:
        """No change waiting and no rebuild running (for tests and the benchmark)."""
        return not self._busy and not self._unlinted and self.batches.pending() == 0

    def rebuild(self, touched: set[str], lint: bool = True) -> Snapshot | None:
        """One rebuild; a mistake in the hub (or a bug) is shown, never raised."""
        self.rebuilds += 1
        try:
            snapshot = self.engine.rebuild(touched)
        except SsgError as exc:
            self._rewatch()
            self._report_errors(exc.diagnostics)
            return None
        except Exception as exc:  # noqa: BLE001 - a bug must not stop the server either
            self._rewatch()
            bug = f"internal error: {type(exc).__name__}: {exc} (a bug in ssg; please report it)"
            self._report_errors([error("ssg", 0, bug, "bug")])
            return None
        self._rewatch()  # before the tabs hear of it: the next edit is already watched
        self.state.published(snapshot)
        if snapshot.report:
            self._say(f"ssg: {snapshot.report.text()}")
        if lint:
            self._lint(snapshot)
        return snapshot

    def _lint(self, snapshot: Snapshot) -> None:
        site = snapshot.site
        if site is None:
            return
        try:
            report = run_lint(self.engine.root, site.config, site.today, site=site)
        except SsgError as exc:
            findings = [d.text() for d in exc.diagnostics]
        else:
            findings = [d.text() for d in report.all_findings]
        if tuple(findings) != self.state.findings and findings:
            self._say("ssg: lint findings (shown as a banner):\n" + "\n".join(findings))
        self.state.linted(findings)

    def _report_errors(self, diagnostics: Sequence[Diagnostic]) -> None:
        self.state.failed(diagnostics)
        count = len(diagnostics)
        lines = "".join(d.text() + "\n" for d in diagnostics)
        self._say(
            f"{lines}ssg: {count} error{'s' if count != 1 else ''}; still serving the last "
            "good site; fix and save to rebuild"
        )

    def _say(self, text: str) -> None:
        print(text, file=self.log, flush=True)

    def _rewatch(self) -> None:
        """(Re)start the observer when the folders to watch changed (a new theme, static/...)."""
        folders = [f for f in self.engine.watched() if f.is_dir()]
        if folders == self._watched and self._observer is not None:
            return
        first = self._observer is None
        self._stop_observer()
        self._watched = folders
        self._observer = watch(self.engine.root, folders, self.batches)
        if not first:  # a change between this rebuild's reads and the new watch: look again
            self.batches.add(str(f) for f in folders)

    def _stop_observer(self) -> None:
        if self._observer is not None:
            self._observer.stop()
            self._observer.join(timeout=5)
            self._observer = None

    def stop(self) -> None:
        """End every thread: the rebuild loop, the observer, open event streams, the server."""
        self.batches.close()
        self.state.channel.close()
        if self._threads:
            self.httpd.shutdown()
        for thread in self._threads:
            thread.join(timeout=10)
        self._stop_observer()
        self.httpd.server_close()  # waits for request threads, event streams included
