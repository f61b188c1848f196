"""The link check against a real HTTP server on 127.0.0.1: every answer a site can give."""

from __future__ import annotations

import datetime as dt
import socket
import time
from pathlib import Path

import pytest

from ssg.communities.http import Client, Policy, ascii_url, by_host_in_turn, retry_after
from ssg.communities.linkcache import Outcome, last_seen_working, load_outcomes, save_outcomes
from ssg.communities.linkcheck import ask, check_targets, findings, with_history
from ssg.communities.links import Place, Target
from ssg.core.diagnostics import Severity
from tests.communities.webserver import Reply, WebServer, refused_url

TODAY = dt.date(2026, 11, 25)
UA = "ssg/test (link check for Test Hub; +https://example.org/hub/)"


def client(**changes: object) -> tuple[Client, list[float]]:
    """A client whose waits are recorded (and not slept), so retry tests stay fast and exact."""
    waits: list[float] = []
    settings: dict = {"timeout": 2.0, "backoff": 0.01, **changes}
    policy = Policy(user_agent=UA, **settings)
    return Client(policy, sleep=waits.append), waits


def test_ok_and_user_agent_names_the_hub(web: WebServer) -> None:
    url = web.route("/ok", Reply(200, body=b"fine"))
    outcome = ask(client()[0], url)
    assert outcome.state == "ok" and outcome.status == 200
    assert web.asked("/ok")[0].headers["user-agent"] == UA


@pytest.mark.parametrize("first,second", [(301, 308), (308, 301)])
def test_permanent_redirect_chain_gives_the_new_address(
    web: WebServer, first: int, second: int
) -> None:
    url = web.route("/old", Reply(first, {"Location": "/middle"}))
    web.route("/middle", Reply(second, {"Location": web.url("/new")}))
    web.route("/new", Reply(200))
    outcome = ask(client()[0], url)
    assert (outcome.state, outcome.new_url) == ("moved", web.url("/new"))


def test_temporary_redirect_is_fine(web: WebServer) -> None:
    url = web.route("/login", Reply(302, {"Location": "/welcome"}))
    web.route("/welcome", Reply(200))
    assert ask(client()[0], url).state == "ok"


def test_redirect_loop_is_dead(web: WebServer) -> None:
    url = web.route("/a", Reply(301, {"Location": "/b"}))
    web.route("/b", Reply(302, {"Location": "/a"}))
    outcome = ask(client()[0], url)
    assert outcome.state == "dead" and "loop" in outcome.detail


def test_redirect_limit(web: WebServer) -> None:
    for n in range(10):
        web.route(f"/hop{n}", Reply(302, {"Location": f"/hop{n + 1}"}))
    outcome = ask(client(max_redirects=3)[0], web.url("/hop0"))
    assert outcome.state == "dead" and "more than 3 redirects" in outcome.detail


@pytest.mark.parametrize("status", [404, 410])
def test_gone_is_dead(web: WebServer, status: int) -> None:
    outcome = ask(client()[0], web.route("/gone", Reply(status)))
    assert (outcome.state, outcome.status) == ("dead", status)


def test_refused_port_is_dead() -> None:
    outcome = ask(client()[0], refused_url())
    assert outcome.state == "dead" and "refused" in outcome.detail


def test_never_answering_is_a_timeout_in_bounded_time(web: WebServer) -> None:
    url = web.route("/slow", Reply(hang=True))
    started = time.monotonic()
    outcome = ask(client(timeout=0.5)[0], url)
    assert outcome.state == "timeout"
    assert time.monotonic() - started < 3  # HEAD timed out; no GET after a timeout


def test_429_waits_as_retry_after_says(web: WebServer) -> None:
    answers = iter([Reply(429, {"Retry-After": "3"}), Reply(200)])
    url = web.route("/busy", lambda seen: next(answers))
    check, waits = client()
    assert ask(check, url).state == "ok"
    assert waits == [3.0]


def test_503_then_200_backs_off(web: WebServer) -> None:
    answers = iter([Reply(503), Reply(503), Reply(200)])
    url = web.route("/flaky", lambda seen: next(answers))
    check, waits = client()
    assert ask(check, url).state == "ok"
    assert waits == [0.01, 0.02]  # backoff doubles when no Retry-After is given


def test_retry_after_too_long_gives_up(web: WebServer) -> None:
    url = web.route("/later", Reply(429, {"Retry-After": "3600"}))
    check, waits = client()
    outcome = ask(check, url)
    assert (outcome.state, waits) == ("unsure", [])


def test_retry_after_as_a_date() -> None:
    now = dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.UTC)
    assert retry_after("Wed, 25 Nov 2026 12:00:30 GMT", 1.0, now) == 30.0
    assert retry_after("soon", 1.0, now) == 1.0


def test_head_refused_falls_back_to_get(web: WebServer) -> None:
    url = web.route("/nohead", lambda seen: Reply(405 if seen.method == "HEAD" else 200))
    assert ask(client()[0], url).state == "ok"
    assert [r.method for r in web.asked("/nohead")] == ["HEAD", "GET"]


def test_head_that_lies_is_asked_again_with_get(web: WebServer) -> None:
    url = web.route("/lies", lambda seen: Reply(404 if seen.method == "HEAD" else 200))
    assert ask(client()[0], url).state == "ok"


def test_at_most_two_requests_per_host(web: WebServer) -> None:
    urls = [web.route(f"/p{n}", Reply(200, delay=0.2)) for n in range(6)]
    check = client(per_host=2, total=8)[0]
    assert {o.state for o in check.run_all(lambda u: ask(check, u), urls)} == {"ok"}
    assert web.peak == 2


def test_at_most_total_requests_overall(web: WebServer) -> None:
    urls = [web.route(f"/q{n}", Reply(200, delay=0.2)) for n in range(6)]
    check = client(per_host=10, total=3)[0]
    check.run_all(lambda u: ask(check, u), urls)
    assert web.peak == 3


# --- History, cache and findings ------------------------------------------------------------


def test_timeouts_become_an_error_on_the_third_day() -> None:
    old = Outcome("ok", 200, checked=dt.date(2026, 11, 1), last_ok=dt.date(2026, 11, 1))
    days = [dt.date(2026, 11, d) for d in (20, 20, 22, 24)]
    history = []
    for day in days:
        old = with_history(Outcome("timeout"), old, day)
        history.append((len(old.timeouts), old.escalated))
    assert history == [(1, False), (1, False), (2, False), (3, True)]
    assert old.last_ok == dt.date(2026, 11, 1)
    assert with_history(Outcome("ok", 200), old, TODAY).timeouts == ()  # a success resets


def test_findings_at_every_place_with_severity() -> None:
    targets = [
        Target("https://a.example/", (Place("c/a.md", 3, "url"), Place("p/x.md", 9, "link"))),
        Target("https://b.example/", (Place("c/b.md", 4, "url"),)),
        Target("https://c.example/", (Place("c/c.md", 5, "url"),)),
        Target("https://d.example/", (Place("c/d.md", 6, "url"),)),
    ]
    outcomes = {
        "https://a.example/": Outcome("dead", 404, "HTTP 404"),
        "https://b.example/": Outcome("moved", 200, new_url="https://b2.example/"),
        "https://c.example/": Outcome("timeout", timeouts=(TODAY,)),
        "https://d.example/": Outcome("ok", 200),
    }
    found = findings(targets, outcomes, 10.0)
    where = [(d.path, d.line, d.severity, d.code) for d in found]
    assert where == [
        ("c/a.md", 3, Severity.ERROR, "link-dead"),
        ("c/b.md", 4, Severity.WARNING, "link-moved"),
        ("c/c.md", 5, Severity.WARNING, "link-timeout"),
        ("p/x.md", 9, Severity.ERROR, "link-dead"),
    ]
    assert "https://b2.example/" in found[1].message


def test_cache_trusts_good_results_until_max_age(web: WebServer, tmp_path: Path) -> None:
    good, bad = web.route("/good", Reply(200)), web.route("/bad", Reply(404))
    targets = [Target(good, ()), Target(bad, ())]
    check = client()[0]
    first = check_targets(check, targets, {}, TODAY, max_age=7)
    save_outcomes(tmp_path, first)
    cached, diags = load_outcomes(tmp_path, tmp_path)
    assert not diags and cached[good].last_ok == TODAY
    later = TODAY + dt.timedelta(days=6)
    second = check_targets(check, targets, cached, later, max_age=7)
    assert second[good].cached and not second[bad].cached  # failures are always asked again
    assert len(web.asked("/good", "HEAD")) == 1 and len(web.asked("/bad", "HEAD")) == 2
    third = check_targets(check, targets, cached, TODAY + dt.timedelta(days=7), max_age=7)
    assert not third[good].cached
    assert check_targets(check, targets, cached, later, max_age=0)[good].cached is False


def test_corrupt_cache_is_a_located_error(tmp_path: Path) -> None:
    (tmp_path / "links.json").write_text("{not json", encoding="utf-8")
    seen, diags = last_seen_working(tmp_path, tmp_path)
    assert seen == {} and diags[0].path == "links.json" and "delete it" in diags[0].message


def test_non_ascii_addresses_are_asked_encoded(web: WebServer) -> None:
    web.route("/caf%C3%A9", Reply(200))
    assert ask(client()[0], web.url("/café")).state == "ok"
    assert (
        ascii_url("https://bücher.example/ä?q=ü") == "https://xn--bcher-kva.example/%C3%A4?q=%C3%BC"
    )


def test_hosts_take_turns() -> None:
    urls = [
        "https://a.example/1",
        "https://a.example/2",
        "https://a.example/3",
        "https://b.example/1",
    ]
    assert by_host_in_turn(urls, str) == [urls[0], urls[3], urls[1], urls[2]]


def test_tls_failure_is_dead(web: WebServer) -> None:
    web.route("/plain", Reply(200))
    outcome = ask(client()[0], web.url("/plain").replace("http://", "https://"))
    assert outcome.state == "dead" and "TLS" in outcome.detail  # a plain-HTTP server


def test_unresolvable_host_is_dead(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_such_host(*args: object, **kwargs: object) -> None:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_such_host)  # no resolver is ever asked
    outcome = ask(client()[0], "https://forum.gone.example/")
    assert outcome.state == "dead" and "does not resolve" in outcome.detail


def test_retry_after_is_really_waited(web: WebServer) -> None:
    answers = iter([Reply(503, {"Retry-After": "1"}), Reply(200)])
    url = web.route("/maintenance", lambda seen: next(answers))
    started = time.monotonic()
    outcome = ask(Client(Policy(user_agent=UA, timeout=2.0)), url)  # the real clock
    assert outcome.state == "ok" and 1.0 <= time.monotonic() - started < 5
