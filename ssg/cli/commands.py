"""What each CLI command does, given parsed arguments; the CLI maps errors to exit codes."""

from __future__ import annotations

import argparse
import gc
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from zoneinfo import ZoneInfo

from ssg.core.diagnostics import SsgError, error


@contextmanager
def rare_collections() -> Iterator[None]:
    """Python's cycle collector, run seldom while one build or lint runs.

    A build makes hundreds of thousands of objects that all live until it ends
    (the model, the cache record, rendered pages); the collector's default
    thresholds walk them again and again and find next to nothing (about a
    tenth of a one-edit build at 4,000 posts). The thresholds come back
    afterwards, so a long-lived caller (`ssg serve`, tests) keeps the usual ones.
    """
    before = gc.get_threshold()
    gc.set_threshold(100_000, 50, 100)
    try:
        yield
    finally:
        gc.set_threshold(*before)


def build(args: argparse.Namespace) -> int:
    started = time.monotonic()
    from ssg.build import BuildOptions
    from ssg.build import build as run_build

    options = BuildOptions(args.site, args.out, args.drafts, args.today)
    jobs, no_cache = getattr(args, "jobs", None), getattr(args, "no_cache", False)
    with rare_collections():
        result = run_build(replace(options, jobs=jobs, use_cache=not no_cache))
    shown = _shown(result.out)
    stats = result.stats
    for warning in (stats.warning, *stats.others):
        if warning:
            print(f"ssg: warning: {warning}", file=sys.stderr)
    took = time.monotonic() - started
    if result.site is None:
        print(
            f"ssg: nothing changed since the last build; {shown} left as it was; {took:.1f}s",
            file=sys.stderr,
        )
    else:
        print(
            f"ssg: wrote {result.files} files to {shown} ({len(result.site.posts)} posts, "
            f"{len(result.site.pages)} pages, {len(result.site.communities)} communities)"
            f"; Markdown: {stats.rendered} rendered, {stats.cached} from the cache; "
            f"pages: {stats.pages_rendered} rendered, {stats.pages_kept} unchanged; "
            f"build {took:.1f}s",
            file=sys.stderr,
        )
    sys.stdout.write(result.lint.render(args.format))
    if result.lint.failed:
        print(
            f"ssg: the site was written to {shown}, but the lint failed (see above)",
            file=sys.stderr,
        )
        return 1
    return 0


def lint(args: argparse.Namespace) -> int:
    from ssg.config.load import load_config
    from ssg.core.clock import resolve_today
    from ssg.lint.run import run_lint

    root = args.site.resolve()
    config = load_config(root)
    today = resolve_today(args.today, ZoneInfo(config.timezone))
    with rare_collections():
        report = run_lint(root, config, today, chart=args.chart)
    sys.stdout.write(report.render(args.format))
    return 1 if report.failed else 0


def serve(args: argparse.Namespace) -> int:
    """Serve the hub from memory, rebuild on every save, reload open tabs; Ctrl+C stops."""
    import errno
    import signal
    import threading

    from ssg.serve.live import LiveServer

    root = args.site.resolve()
    if not (root / "site.yaml").is_file():
        message = "no site.yaml here; expected --site to name a hub folder (one holding site.yaml)"
        raise SsgError([error(str(root / "site.yaml"), 0, message, "config")])
    try:
        server = LiveServer(
            root,
            args.host,
            args.port,
            drafts=args.drafts,
            today=args.today,
            reload=not args.no_reload,
        )
    except OSError as exc:
        if exc.errno != errno.EADDRINUSE:
            raise
        print(
            f"ssg: port {args.port} on {args.host} is already in use (another ssg serve?); "
            f"choose another with --port {args.port + 1}",
            file=sys.stderr,
        )
        return 2
    stopped = threading.Event()
    try:
        server.start()
        host, port = server.address
        base = server.state.base_path
        also = f" and http://{host}:{port}{base}" if base != "/" else ""
        print(
            f"ssg: serving {_shown(root)} at http://{host}:{port}/{also} from memory; "
            "it rebuilds when you save (Ctrl+C stops)",
            file=sys.stderr,
            flush=True,
        )
        stopped.wait()
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl+C must not cut the cleanup
        server.stop()
    print("ssg: stopped", file=sys.stderr)
    return 0


def new(args: argparse.Namespace) -> int:
    from ssg.cli.scaffold import new_community, new_post
    from ssg.config.load import load_config
    from ssg.core.clock import resolve_today

    root = args.site.resolve()
    config = load_config(root)
    today = resolve_today(args.today, ZoneInfo(config.timezone))
    try:
        if args.kind == "post":
            path = new_post(root, config, args.title, today)
        else:
            path = new_community(root, args.url, args.name, args.platform, args.run_by)
    except ValueError as exc:
        raise SsgError([error(args.kind, 0, str(exc), "input")]) from exc
    print(_shown(path))
    return 0


def init(args: argparse.Namespace) -> int:
    from ssg.cli.init import init_hub
    from ssg.core.clock import resolve_today

    today = resolve_today(args.today, ZoneInfo("UTC"))
    folder = args.dir
    written = init_hub(folder, args.brand, args.base_url, args.language, args.timezone, today)
    print(f"ssg: wrote {len(written)} files to {_shown(folder.resolve())}", file=sys.stderr)
    print(
        f"ssg: next: ssg build --site {_shown(folder.resolve())}, then edit site.yaml and the "
        "pages, and publish the welcome post (remove its `draft: true`)",
        file=sys.stderr,
    )
    return 0


def _shown(path: Path) -> str:
    try:
        return path.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return str(path)
