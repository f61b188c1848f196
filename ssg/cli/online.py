"""The two commands that go online, `ssg check-links` and `ssg fetch-feeds`; the build never does.

Both read the hub like the lint does (config, content, communities; bad input
exits 2 before any request), ask the network through `ssg.communities.http`
with the hub named in the User-Agent, and keep what they learn in
`.ssg-cache/` for the next offline build.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from zoneinfo import ZoneInfo

from ssg import __version__
from ssg.core.diagnostics import Diagnostic, Severity, format_github, format_text, raise_if_errors
from ssg.core.model import Config


def user_agent(config: Config, job: str) -> str:
    """Who is asking and why, so a community's admin can tell the hub's requests apart."""
    return f"ssg/{__version__} ({job} for {config.title}; +{config.base_url})"


def _read_hub(args: argparse.Namespace) -> tuple[Path, Config, object, list, list]:
    """Config, build date, posts and pages, communities; every content error exits 2."""
    from ssg.communities.load import load_communities
    from ssg.config.load import load_config
    from ssg.content import load as content
    from ssg.core.clock import resolve_today

    root = args.site.resolve()
    config = load_config(root)
    today = resolve_today(args.today, ZoneInfo(config.timezone))
    posts, diags = content.load_posts(root, config)
    pages, page_diags = content.load_pages(root, config)
    communities, community_diags = load_communities(root, config.language, today)
    raise_if_errors(diags + page_diags + community_diags)
    return root, config, today, [*posts, *pages], communities


def _policy(args: argparse.Namespace, config: Config, job: str) -> object:
    from ssg.communities.http import Policy

    return Policy(
        user_agent=user_agent(config, job),
        timeout=args.timeout,
        total=args.concurrency,
        per_host=args.per_host,
        max_bytes=getattr(args, "max_bytes", Policy.max_bytes),
    )


def _render(fmt: str, found: Sequence[Diagnostic], extra: dict) -> str:
    if fmt == "github":
        return format_github(found)
    if fmt == "json":
        failed = any(d.severity is Severity.ERROR for d in found)
        document = {**extra, "findings": [d.as_dict() for d in found], "failed": failed}
        return json.dumps(document, indent=2, sort_keys=True) + "\n"
    return format_text(found)


def check_links(args: argparse.Namespace) -> int:
    from ssg.communities.cache import cache_dir
    from ssg.communities.http import Client
    from ssg.communities.linkcache import load_outcomes, save_outcomes
    from ssg.communities.linkcheck import check_targets, findings
    from ssg.communities.links import collect_targets

    root, config, today, documents, communities = _read_hub(args)
    current = [c for c in communities if c.status == "active"]  # archived links may be gone
    targets = collect_targets(config, documents, current)
    cache = cache_dir(root)
    cached, cache_diags = load_outcomes(cache, root)
    if not args.no_cache:
        raise_if_errors(cache_diags)  # --no-cache starts the file afresh instead
    client = Client(_policy(args, config, "link check"))  # type: ignore[arg-type]
    max_age = 0 if args.no_cache else args.max_age
    outcomes = check_targets(client, targets, cached, today, max_age)  # type: ignore[arg-type]
    save_outcomes(cache, outcomes)
    found = findings(targets, outcomes, args.timeout)
    reused = sum(1 for o in outcomes.values() if o.cached)
    sys.stdout.write(_render(args.format, found, {"checked": len(targets), "cached": reused}))
    dead = sum(1 for o in outcomes.values() if o.state == "dead" or o.escalated)
    print(
        f"ssg: checked {len(targets)} links ({reused} from the cache, max age {max_age} days): "
        f"{dead} dead, {len(found)} findings",
        file=sys.stderr,
    )
    return 1 if any(d.severity is Severity.ERROR for d in found) else 0


def fetch_feeds(args: argparse.Namespace) -> int:
    from ssg.communities.cache import cache_dir
    from ssg.communities.feedfetch import fetch_all, report
    from ssg.communities.http import Client

    root, config, today, _, communities = _read_hub(args)
    client = Client(_policy(args, config, "feed reader"))  # type: ignore[arg-type]
    results, cache_diags = fetch_all(
        client,
        communities,
        cache_dir(root),
        root,
        today,  # type: ignore[arg-type]
        args.items,
    )
    found = sorted(report(results) + [_as_warning(d) for d in cache_diags])
    for r in results:
        kept = len(r.state.items)
        print(
            f"ssg: {r.community.name}: {r.news}, {kept} item{'s' if kept != 1 else ''} kept",
            file=sys.stderr,
        )
    counts = {news: sum(1 for r in results if r.news == news) for news in ("fetched", "unchanged")}
    failed = len(results) - sum(counts.values())
    summary = {"feeds": len(results), **counts, "failed": failed}
    sys.stdout.write(_render(args.format, found, summary))
    print(
        f"ssg: {len(results)} feeds: {counts['fetched']} fetched, {counts['unchanged']} unchanged, "
        f"{failed} failed (their earlier items are kept) in {_shown(cache_dir(root) / 'feeds')}",
        file=sys.stderr,
    )
    return 0


def _as_warning(d: Diagnostic) -> Diagnostic:
    message = d.message.split("; delete it")[0] + "; started it afresh"
    return Diagnostic(d.path, d.line, message, Severity.WARNING, d.code)


def _shown(path: Path) -> str:
    try:
        return path.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return str(path)
