"""The command line: `ssg build | lint | serve | check-links | fetch-feeds | new ...`.

This is the one place that turns diagnostics into printed messages and exit
codes: 0 fine, 1 a lint rule failed, 2 bad input. No traceback reaches the
user unless `--debug` asks for it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from ssg import __version__
from ssg.communities.platforms import PLATFORMS
from ssg.core.clock import why_not_a_date
from ssg.core.diagnostics import SsgError, format_errors

EXIT_OK, EXIT_LINT, EXIT_INPUT, EXIT_BUG = 0, 1, 2, 3


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        why = why_not_a_date(text)
        why = f" ({why})" if why else ""
        raise argparse.ArgumentTypeError(
            f"expected a date as YYYY-MM-DD, got {text!r}{why}"
        ) from exc


def _site_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--site", type=Path, default=Path("."), help="the hub folder holding site.yaml (default: .)"
    )
    parser.add_argument("--debug", action="store_true", help="show a traceback on errors")


def _today_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--today",
        type=_date,
        metavar="YYYY-MM-DD",
        help="the build/check date (default: SOURCE_DATE_EPOCH, else today in the site timezone)",
    )


def _days(text: str) -> int:
    """A cache age such as 7d, 2w or 0 (0 rechecks everything)."""
    match = re.fullmatch(r"([0-9]{1,4})([dw]?)", text.strip())
    if not match:
        raise argparse.ArgumentTypeError(
            f"expected a number of days such as 7d or 2w, got {text!r}"
        )
    return int(match[1]) * (7 if match[2] == "w" else 1)


def _positive(kind: type) -> Callable[[str], Any]:
    def parse(text: str) -> Any:
        try:
            value = kind(text)
        except ValueError:
            value = 0
        if value <= 0:
            raise argparse.ArgumentTypeError(f"expected a number above 0, got {text!r}")
        return value

    return parse


def _format_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--format",
        choices=["text", "json", "github"],
        default="text",
        help="how errors and findings are printed (github: workflow annotations)",
    )


def _network_args(parser: argparse.ArgumentParser) -> None:
    _site_args(parser)
    _today_arg(parser)
    _format_arg(parser)
    parser.add_argument(
        "--timeout", type=_positive(float), default=10.0, help="seconds per request (default: 10)"
    )
    parser.add_argument(
        "--concurrency", type=_positive(int), default=8, help="requests at once (default: 8)"
    )
    parser.add_argument(
        "--per-host", type=_positive(int), default=2, help="requests at once per host (default: 2)"
    )


def _online_commands(sub: Any) -> None:
    """The only commands that go online; the build reads what they keep in .ssg-cache/."""
    links = sub.add_parser(
        "check-links",
        help="check community, feed and external links; results cached in .ssg-cache/links.json",
        description="Check every active community's url and feed and every external link in "
        "posts, pages and the nav. Dead links are errors at path:line, permanent redirects and "
        "timeouts warnings (a timeout repeated on 3 days becomes an error). Exit 0 when nothing "
        "is dead, 1 otherwise, 2 for bad input.",
    )
    _network_args(links)
    links.add_argument(
        "--max-age",
        type=_days,
        default=7,
        metavar="DAYS",
        help="trust a good result this long, such as 7d or 2w (default: 7d)",
    )
    links.add_argument("--no-cache", action="store_true", help="recheck every link")
    feeds = sub.add_parser(
        "fetch-feeds",
        help="keep the newest items of each community feed in .ssg-cache/feeds/ for the build",
        description="Fetch each active community's feed (Atom, RSS or JSON Feed) with a "
        "conditional GET and keep its newest items in .ssg-cache/feeds/; the next `ssg build` "
        "shows them offline. A feed that fails keeps its earlier items and is reported as a "
        "warning. Exit 0, or 2 for bad input.",
    )
    _network_args(feeds)
    feeds.add_argument(
        "--items", type=_positive(int), default=5, help="items kept per community (default: 5)"
    )
    feeds.add_argument(
        "--max-bytes",
        type=_positive(int),
        default=10_000_000,
        help="a bigger feed is cut off and reported (default: 10000000)",
    )


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ssg", description="Build a brand community hub into a static site."
    )
    parser.add_argument("--version", action="version", version=f"ssg {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    build = sub.add_parser("build", help="build the site into public/ and run the lint")
    _site_args(build)
    _today_arg(build)
    build.add_argument("--out", type=Path, help="output folder (default: <site>/public)")
    build.add_argument("--drafts", action="store_true", help="include posts marked draft: true")
    _format_arg(build)
    build.add_argument(
        "--jobs",
        type=_positive(int),
        metavar="N",
        help="processes rendering Markdown and pages (default: every core); same output for any N",
    )
    build.add_argument(
        "--no-cache",
        action="store_true",
        help="build from scratch: no rendered work is read from or kept in .ssg-cache/",
    )

    lint = sub.add_parser(
        "lint", help="check publishing cadence and privacy without writing the site"
    )
    _site_args(lint)
    _today_arg(lint)
    _format_arg(lint)
    lint.add_argument(
        "--chart", type=Path, metavar="PATH", help="also write the cadence heatmap SVG here"
    )

    serve = sub.add_parser(
        "serve",
        help="serve the hub on 127.0.0.1 from memory, rebuild on save, reload open pages",
        description="Serve the hub from memory on loopback. Every save rebuilds what it "
        "touches and reloads open pages (a stylesheet is swapped in place); a mistake shows "
        "as an error page that goes away once the file is fixed. Nothing is written to disk.",
    )
    _site_args(serve)
    _today_arg(serve)
    serve.add_argument(
        "--drafts", action="store_true", help="also serve drafts and scheduled posts, with a badge"
    )
    serve.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1, loopback)"
    )
    serve.add_argument("--port", type=int, default=8000, help="port (default: 8000; 0 picks one)")
    serve.add_argument(
        "--no-reload",
        action="store_true",
        help="do not add the reload script: pages are served as `ssg build` writes them",
    )

    _online_commands(sub)
    _init_command(sub)

    new = sub.add_parser("new", help="create a post or a community file")
    kinds = new.add_subparsers(dest="kind", required=True, metavar="KIND")
    post = kinds.add_parser("post", help='new post: ssg new post "Title"')
    post.add_argument("title")
    _site_args(post)
    _today_arg(post)
    community = kinds.add_parser(
        "community",
        help='new community: ssg new community URL --name "..." --platform forum --run-by fans',
        description="Write content/communities/<slug>.md with placeholders to fill in: the build "
        "refuses the file until its summary and body are written and `reviewed` holds the day "
        "a person checked the link.",
    )
    community.add_argument("url", help="the community's address (https://...)")
    community.add_argument("--name", required=True, help="its name as its members write it")
    community.add_argument(
        "--platform",
        required=True,
        metavar="PLATFORM",
        help=f"where it gathers, in any case: {', '.join(PLATFORMS)}",
    )
    community.add_argument(
        "--run-by",
        required=True,
        choices=["fans", "brand", "partner"],
        help="who runs it: say so honestly, the hub shows it beside the link",
    )
    _site_args(community)
    _today_arg(community)
    return parser


def _init_command(sub: argparse._SubParsersAction) -> None:
    init = sub.add_parser(
        "init",
        help="start a new hub for your brand in an empty folder",
        description="Write a new hub (site.yaml, about, contribute and code-of-conduct pages, a "
        "welcome post as a draft, the CI workflow) into DIR, worded for your brand; it builds "
        "at once with `ssg build --site DIR`.",
    )
    init.add_argument("dir", type=Path, metavar="DIR", help="a new or empty folder")
    init.add_argument("--brand", required=True, help='the brand\'s name, e.g. "Riverline Kayaks"')
    init.add_argument(
        "--base-url", required=True, help="where the hub will be published, e.g. https://x.org/hub/"
    )
    init.add_argument("--language", default="en", help="language of the content (default: en)")
    init.add_argument(
        "--timezone", default="UTC", help="IANA time zone post dates are read in (default: UTC)"
    )
    init.add_argument("--debug", action="store_true", help="show a traceback on errors")
    _today_arg(init)


def _run(args: argparse.Namespace) -> int:
    from ssg.cli import commands, online  # imported late: `ssg --help` stays fast

    handler = {
        "check-links": online.check_links,
        "fetch-feeds": online.fetch_feeds,
        "build": commands.build,
        "lint": commands.lint,
        "serve": commands.serve,
        "new": commands.new,
        "init": commands.init,
    }
    return handler[args.command](args)


def main(argv: Sequence[str] | None = None) -> int:
    args = make_parser().parse_args(argv)
    try:
        return _run(args)
    except SsgError as exc:
        if args.debug:
            raise
        fmt = getattr(args, "format", "text")
        (sys.stderr if fmt == "text" else sys.stdout).write(format_errors(exc.diagnostics, fmt))
        count = len(exc.diagnostics)
        sys.stderr.write(f"ssg: {count} error{'s' if count != 1 else ''}; nothing was written\n")
        return EXIT_INPUT
    except KeyboardInterrupt:
        sys.stderr.write("ssg: interrupted; the previous output is untouched\n")
        return 130
    except OSError as exc:
        if args.debug:
            raise
        where = exc.filename or "ssg"
        sys.stderr.write(
            f"{where}: {exc.strerror or exc}; check that the path exists and is writable\n"
        )
        return EXIT_INPUT
    except Exception as exc:  # a bug in ssg: say so plainly, keep the traceback for --debug
        if args.debug:
            raise
        sys.stderr.write(
            f"ssg: internal error: {type(exc).__name__}: {exc}\n"
            "ssg: this is a bug in ssg; run again with --debug for the traceback\n"
        )
        return EXIT_BUG


def run() -> None:
    """The `ssg` command: `main()`, then exit without taking the heap apart.

    A build holds hundreds of thousands of objects to its end; freeing them one
    by one at exit took a tenth of a second at 4,000 posts, for memory the
    system takes back whole. Output files are closed by then; only the standard
    streams need flushing. In-process callers (tests, `ssg serve`'s rebuilds)
    use `main()` and keep the usual exit.
    """
    code = main()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except OSError:  # a closed pipe (`ssg lint | head`): Python's own exit says 120
        code = code or 120
    os._exit(code)
