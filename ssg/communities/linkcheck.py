"""`ssg check-links`: is every outside address the hub points to still alive?

Each address is asked with HEAD, then GET when HEAD is refused or answers an
error (many servers lie to HEAD). Dead links (404, 410, a host that does not
resolve, a refused connection, a TLS failure, a redirect loop) are errors;
permanent moves are warnings giving the new address; a timeout is a warning
until it has happened on `TIMEOUT_DAYS` different days since the address last
worked, then an error. Good results are kept in `.ssg-cache/links.json` for
`max_age` days, so a daily run is quick and a site down for an hour does not
fail a pull request; failures are always asked again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace

from ssg.communities.http import RETRY_STATUSES, Client, Response, by_host_in_turn
from ssg.communities.linkcache import GOOD, TIMEOUT_DAYS, Outcome
from ssg.communities.links import Target
from ssg.core.diagnostics import Diagnostic, Severity

DEAD_STATUSES = (404, 410)
DEAD_ERRORS = {
    "dns": "the host name does not resolve",
    "refused": "the connection was refused",
    "tls": "the secure connection failed",
    "loop": "a redirect loop",
    "redirects": "too many redirects",
}


def classify(answer: Response) -> Outcome:
    """A verdict from what the server (or the network) said, before any history."""
    if answer.error == "timeout":
        return Outcome("timeout", answer.status, answer.detail)
    if answer.error in DEAD_ERRORS:
        return Outcome("dead", answer.status, answer.detail or DEAD_ERRORS[answer.error])
    if answer.error:
        return Outcome("unsure", answer.status, answer.detail)
    if answer.status in DEAD_STATUSES:
        return Outcome("dead", answer.status, f"HTTP {answer.status}")
    if 200 <= answer.status < 300:
        if answer.moved_permanently and answer.final_url != answer.url:
            return Outcome("moved", answer.status, "moved permanently", answer.final_url)
        return Outcome("ok", answer.status)
    return Outcome("unsure", answer.status, f"HTTP {answer.status}")


def ask(client: Client, url: str) -> Outcome:
    """HEAD first; GET when HEAD is refused, errs or fails oddly (the GET answer wins)."""
    head = client.fetch(url, "HEAD", read_body=False)
    refused = not 200 <= head.status < 300 and head.status not in RETRY_STATUSES
    if head.error in ("", "network") and refused:
        return classify(client.fetch(url, "GET", read_body=False))
    return classify(head)


def with_history(new: Outcome, old: Outcome | None, today: dt.date) -> Outcome:
    """Stamp today, carry `last_ok` forward and count timeout days since the last success."""
    last_ok = today if new.state in GOOD else (old.last_ok if old else None)
    timeouts: tuple[dt.date, ...] = ()
    if new.state == "timeout":
        earlier = old.timeouts if old and old.state not in GOOD else ()
        timeouts = tuple(sorted(set(earlier) | {today}))
    return replace(new, checked=today, last_ok=last_ok, timeouts=timeouts)


def fresh(old: Outcome | None, today: dt.date, max_age: int) -> bool:
    """A good result younger than `max_age` days is trusted without asking again."""
    return (
        old is not None
        and old.state in GOOD
        and old.checked is not None
        and 0 <= (today - old.checked).days < max_age
    )


def check_targets(
    client: Client,
    targets: Sequence[Target],
    cached: dict[str, Outcome],
    today: dt.date,
    max_age: int,
) -> dict[str, Outcome]:
    """The outcome of every target: from the cache when fresh, else asked (in parallel)."""
    stale = [t.url for t in targets if not fresh(cached.get(t.url), today, max_age)]
    todo = by_host_in_turn(stale, lambda url: url)
    asked = dict(zip(todo, client.run_all(lambda url: ask(client, url), todo), strict=True))
    results = {}
    for target in targets:
        if target.url in asked:
            results[target.url] = with_history(asked[target.url], cached.get(target.url), today)
        else:
            results[target.url] = replace(cached[target.url], cached=True)
    return results


def findings(
    targets: Sequence[Target], outcomes: dict[str, Outcome], timeout: float
) -> list[Diagnostic]:
    """Every finding at every place the address is written."""
    found = []
    for target in targets:
        outcome = outcomes[target.url]
        verdict = _verdict(target.url, outcome, timeout)
        if verdict is None:
            continue
        severity, code, message = verdict
        for place in target.places:
            found.append(Diagnostic(place.path, place.line, message, severity, code))
    return sorted(found)


def _verdict(url: str, o: Outcome, timeout: float) -> tuple[Severity, str, str] | None:
    if o.state == "dead":
        status = f" (HTTP {o.status})" if o.status and o.status not in DEAD_STATUSES else ""
        message = f"dead link {url}: {o.detail}{status}; fix or remove it"
        return Severity.ERROR, "link-dead", message
    if o.state == "moved":
        message = f"{url} moved permanently to {o.new_url}; update the link"
        return Severity.WARNING, "link-moved", message
    if o.state == "timeout":
        days = len(o.timeouts)
        since = f"since it last worked on {o.last_ok}" if o.last_ok else "and never worked"
        message = (
            f"{url} did not answer within {timeout:g} s, on {days} "
            f"day{'s' if days != 1 else ''} {since}"
        )
        if o.escalated:
            return Severity.ERROR, "link-timeout", message + "; it looks gone: fix or remove it"
        return Severity.WARNING, "link-timeout", message + f" (an error from {TIMEOUT_DAYS} days)"
    if o.state == "unsure":
        message = f"{url} answered {o.detail or 'oddly'}; check it in a browser"
        return Severity.WARNING, "link-status", message
    return None
