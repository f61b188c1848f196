#!/usr/bin/env python3
"""Time `ssg serve` from saving a file to the reloaded page showing the change.

usage: bench/live_reload.py SITE [--edits N] [--template-edits N] [--python PYTHON]

Starts the real `ssg serve` on a free loopback port, connects to its event stream
the way the injected script does, then N times: appends a unique line to a post
(a different post each time), and measures from the write until the reload event
has arrived AND a fresh GET of that post's page contains the line. The same for
a template change (a copy of the theme's post.html in SITE/templates/). Every file
it touches is put back; the figures are printed as median, min and max, in ms.
Every wait is bounded (10 minutes for the first build, 30 s for each edit).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
THEME_POST = HERE / "themes" / "default" / "templates" / "post.html"


class Stream:
    """A client of /__ssg/events on a raw socket, as a browser's EventSource."""

    def __init__(self, port: int) -> None:
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=30)
        self.sock.sendall(b"GET /__ssg/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        self.file = self.sock.makefile("rb")
        while self.file.readline() not in (b"\r\n", b"\n", b""):
            pass

    def reload(self, timeout: float = 30) -> dict:
        """Wait for the next reload event (bounded)."""
        deadline = time.monotonic() + timeout
        kind = ""
        while time.monotonic() < deadline:
            self.sock.settimeout(max(0.01, deadline - time.monotonic()))
            line = self.file.readline().decode().strip()
            if line.startswith("event:"):
                kind = line[6:].strip()
            elif line.startswith("data:") and kind == "reload":
                return json.loads(line[5:])
        raise TimeoutError("no reload event within 30 s")


def start(site: Path, python: str) -> tuple[subprocess.Popen, int]:
    command = [python, "-m", "ssg", "serve", "--site", str(site), "--port", "0",
               "--today", "2026-11-21"]  # fmt: skip
    env = {**os.environ, "PYTHONPATH": str(HERE)}
    proc = subprocess.Popen(command, stderr=subprocess.PIPE, text=True, env=env)
    found: list[int] = []

    def read() -> None:
        for line in proc.stderr:  # type: ignore[union-attr]
            match = re.search(r"at http://127\.0\.0\.1:(\d+)/", line)
            if match and not found:
                found.append(int(match[1]))

    threading.Thread(target=read, daemon=True).start()
    deadline = time.monotonic() + 600
    while not found and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.1)
    if not found:
        proc.kill()
        sys.exit("bench: ssg serve did not start within 10 minutes")
    return proc, found[0]


def page_has(port: int, path: str, marker: str) -> bool:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=30) as response:
        return marker in response.read().decode()


def timed_edit(stream: Stream, port: int, file: Path, url: str, text: str, marker: str) -> float:
    """Write `text` to `file`; ms until the reload event and a page showing `marker`."""
    start = time.perf_counter()
    file.write_text(text, encoding="utf-8")
    stream.reload()
    deadline = time.monotonic() + 30
    while not page_has(port, url, marker):  # a reload for an earlier change: wait for ours
        if time.monotonic() > deadline:
            raise TimeoutError(f"{url} never showed {marker}")
        stream.reload()
    return (time.perf_counter() - start) * 1000


def report(name: str, figures: list[float]) -> None:
    print(f"{name}: median {statistics.median(figures):.0f} ms, min {min(figures):.0f} ms, "
          f"max {max(figures):.0f} ms over {len(figures)} edits")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--edits", type=int, default=15)
    parser.add_argument("--template-edits", type=int, default=5)
    parser.add_argument("--python", default=sys.executable)
    args = parser.parse_args()
    site = args.site.resolve()
    templates = site / "templates"
    had_templates = templates.exists()
    template = templates / "post.html"
    if not template.exists():
        templates.mkdir(exist_ok=True)
        shutil.copyfile(THEME_POST, template)
    template_text = template.read_text(encoding="utf-8")
    posts = sorted((site / "content" / "posts").glob("*.md"))
    chosen = [posts[(i * 7919) % len(posts)] for i in range(args.edits)]
    originals = {p: p.read_text(encoding="utf-8") for p in chosen}
    proc, port = start(site, args.python)
    try:
        stream = Stream(port)
        post_ms = []
        for n, post in enumerate(chosen):
            slug = re.sub(r"^\d{4}-\d{2}-\d{2}-", "", post.stem)
            marker = f"bench-edit-{n}-{time.time_ns()}"
            text = originals[post] + f"\n{marker}\n"
            post_ms.append(timed_edit(stream, port, post, f"/posts/{slug}/", text, marker))
            post.write_text(originals[post], encoding="utf-8")
            stream.reload()
        report("post saved -> reloaded page shows it", post_ms)
        template_ms = []
        slug = re.sub(r"^\d{4}-\d{2}-\d{2}-", "", posts[0].stem)
        for n in range(args.template_edits):
            marker = f"bench-template-{n}-{time.time_ns()}"
            text = template_text.replace("{% block main %}", "{% block main %}" + marker, 1)
            template_ms.append(timed_edit(stream, port, template, f"/posts/{slug}/", text, marker))
        report("template saved -> reloaded page shows it", template_ms)
    finally:
        for post, text in originals.items():
            post.write_text(text, encoding="utf-8")
        if had_templates:
            template.write_text(template_text, encoding="utf-8")
        else:
            shutil.rmtree(templates)
        proc.send_signal(2)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()


if __name__ == "__main__":
    main()
