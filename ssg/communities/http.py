"""A small, polite HTTP client for the two commands that go online: check-links and fetch-feeds.

The plain build never imports this module. urllib's defaults do not fit: a
redirect must be seen one hop at a time (to tell a permanent move from a
temporary one and to stop a loop), every request needs a deadline (a server
that trickles bytes must not hold a run forever), bodies are cut at a size
limit, 429 and 503 are retried as the server asks (`Retry-After`), and a run
must be gentle with the places a hub links to: at most `per_host` requests at
a time to one host and `total` in all. Standard library only: nothing here
needs more than urllib and a thread pool.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import http.client
import socket
import ssl
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from email.utils import parsedate_to_datetime
from typing import TypeVar
from urllib.parse import quote, urljoin, urlsplit, urlunsplit

REDIRECTS = (301, 302, 303, 307, 308)
PERMANENT = (301, 308)
RETRY_STATUSES = (429, 503)
CHUNK = 65536

T = TypeVar("T")
R = TypeVar("R")


@dataclass(frozen=True)
class Policy:
    """How a run behaves on the network; the defaults are the documented ones."""

    user_agent: str
    timeout: float = 10.0  # seconds for each request, reading the body included
    total: int = 8  # requests in flight at once, in all
    per_host: int = 2  # requests in flight at once to one host
    max_redirects: int = 5
    retries: int = 3  # extra attempts after a 429 or a 503
    max_retry_wait: float = 60.0  # a longer Retry-After gives up instead of waiting
    backoff: float = 1.0  # first wait when a 429/503 gives no Retry-After; doubles each time
    max_bytes: int = 10_000_000  # bodies are cut off here


@dataclass(frozen=True)
class Hop:
    """One redirect followed: the URL that answered and its status."""

    url: str
    status: int


@dataclass(frozen=True)
class Response:
    """What one URL led to. `error` names a failure without an HTTP answer to go by."""

    url: str
    final_url: str
    status: int = 0  # 0 when no HTTP answer came
    headers: Mapping[str, str] = field(default_factory=dict)  # lower-case names
    body: bytes = b""
    hops: tuple[Hop, ...] = ()
    error: str = ""  # timeout | refused | dns | tls | loop | redirects | too-large | network
    detail: str = ""

    @property
    def moved_permanently(self) -> bool:
        return any(hop.status in PERMANENT for hop in self.hops)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """Hand every 3xx back to the caller, which follows it one hop at a time."""

    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


def retry_after(value: str | None, default: float, now: dt.datetime | None = None) -> float:
    """Seconds to wait from a `Retry-After` header (seconds or an HTTP date), else `default`."""
    if not value:
        return default
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return default
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return max(0.0, (when - (now or dt.datetime.now(dt.UTC))).total_seconds())


def ascii_url(url: str) -> str:
    """The address as it goes on the wire: IDN host in punycode, other non-ASCII %-encoded."""
    if url.isascii():
        return url
    parts = urlsplit(url)
    host = parts.hostname or ""
    try:
        host = host.encode("idna").decode("ascii")
    except UnicodeError:
        host = quote(host, safe="")
    netloc = host + (f":{parts.port}" if parts.port else "")
    safe = "/%:@!$&'()*+,;=-._~?#[]"
    path, query = quote(parts.path, safe=safe), quote(parts.query, safe=safe)
    return urlunsplit((parts.scheme, netloc, path, query, ""))


def host_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


def by_host_in_turn(items: Iterable[T], url: Callable[[T], str]) -> list[T]:
    """Items reordered so hosts take turns: workers do not all queue for one host's gate."""
    queues: dict[str, list[T]] = {}
    for item in items:
        queues.setdefault(host_of(url(item)), []).append(item)
    rounds = max((len(q) for q in queues.values()), default=0)
    return [q[n] for n in range(rounds) for q in queues.values() if n < len(q)]


def _failure(exc: BaseException) -> tuple[str, str]:
    """(kind, detail) for an exception raised before any HTTP answer."""
    reason = exc.reason if isinstance(exc, urllib.error.URLError) else exc
    if isinstance(reason, socket.gaierror):
        return "dns", f"the host name does not resolve ({reason.strerror or reason})"
    if isinstance(reason, ConnectionRefusedError):
        return "refused", "the connection was refused"
    if isinstance(reason, ssl.SSLError | ssl.CertificateError):
        return "tls", f"TLS failed ({reason})"
    if isinstance(reason, TimeoutError | socket.timeout):
        return "timeout", "no answer in time"
    return "network", str(reason) or type(reason).__name__


class Client:
    """Bounded, identified requests. Thread-safe: `run_all` calls it from a pool."""

    def __init__(self, policy: Policy, sleep: Callable[[float], None] = time.sleep):
        self.policy = policy
        self._sleep = sleep
        self._hosts: dict[str, threading.Semaphore] = {}
        self._lock = threading.Lock()
        self._opener = urllib.request.build_opener(_NoRedirect())

    def run_all(self, fn: Callable[[T], R], items: Iterable[T]) -> list[R]:
        """`fn` over `items` with at most `policy.total` at once, results in input order."""
        items = list(items)
        if not items:
            return []
        with ThreadPoolExecutor(max_workers=max(1, self.policy.total)) as pool:
            return list(pool.map(fn, items))

    @contextlib.contextmanager
    def _host(self, url: str) -> Iterator[None]:
        key = host_of(url)
        with self._lock:
            gate = self._hosts.setdefault(key, threading.Semaphore(max(1, self.policy.per_host)))
        with gate:
            yield

    def fetch(
        self,
        url: str,
        method: str = "GET",
        headers: Mapping[str, str] | None = None,
        read_body: bool = True,
    ) -> Response:
        """Follow redirects up to the limit; a loop or too many hops is a failure of its own."""
        current, hops, seen = url, [], {url}
        while True:
            answer = self._attempts(current, method, headers or {}, read_body)
            location = answer.headers.get("location", "")
            if answer.status not in REDIRECTS or not location:
                return replace(answer, url=url, final_url=current, hops=tuple(hops))
            hops.append(Hop(current, answer.status))
            try:
                target = urljoin(current, location.strip())
            except ValueError:
                target = ""
            failure = self._redirect_problem(target, seen, len(hops))
            if failure:
                kind, detail = failure
                return Response(url, current, answer.status, {}, b"", tuple(hops), kind, detail)
            seen.add(target)
            method = "GET" if answer.status == 303 and method != "HEAD" else method
            current = target

    def _redirect_problem(self, target: str, seen: set[str], count: int) -> tuple[str, str] | None:
        if urlsplit(target).scheme not in ("http", "https"):
            return "network", f"redirected to {target!r}, which is not an http(s) address"
        if target in seen:
            return "loop", f"redirect loop back to {target}"
        if count >= self.policy.max_redirects:
            return "redirects", f"more than {self.policy.max_redirects} redirects"
        return None

    def _attempts(
        self, url: str, method: str, headers: Mapping[str, str], read_body: bool
    ) -> Response:
        """One hop, retried on 429/503 as the server asks; waits happen outside the host gate."""
        answer = Response(url, url)
        for attempt in range(self.policy.retries + 1):
            with self._host(url):
                answer = self._request(url, method, headers, read_body)
            if answer.status not in RETRY_STATUSES or attempt == self.policy.retries:
                return answer
            default = self.policy.backoff * 2**attempt
            wait = retry_after(answer.headers.get("retry-after"), default)
            if wait > self.policy.max_retry_wait:
                return answer
            self._sleep(wait)
        return answer

    def _request(
        self, url: str, method: str, headers: Mapping[str, str], read_body: bool
    ) -> Response:
        deadline = time.monotonic() + self.policy.timeout
        request = urllib.request.Request(
            ascii_url(url), method=method, headers={"User-Agent": self.policy.user_agent, **headers}
        )
        try:
            with self._opener.open(request, timeout=self.policy.timeout) as reply:
                return self._answer(url, reply.status, reply, read_body, deadline)
        except urllib.error.HTTPError as exc:
            with contextlib.closing(exc):
                return self._answer(url, exc.code, exc, read_body and exc.fp is not None, deadline)
        except (urllib.error.URLError, OSError, http.client.HTTPException, ValueError) as exc:
            kind, detail = _failure(exc)
            return Response(url, url, error=kind, detail=detail)

    def _answer(
        self, url: str, status: int, reply: object, read_body: bool, deadline: float
    ) -> Response:
        names = {k.lower(): v for k, v in reply.headers.items()}  # type: ignore[attr-defined]
        if not read_body:
            return Response(url, url, status, names)
        chunks: list[bytes] = []
        size = 0
        while True:
            if time.monotonic() > deadline:
                return Response(url, url, status, names, error="timeout", detail="body too slow")
            try:
                chunk = reply.read(CHUNK)  # type: ignore[attr-defined]
            except (OSError, http.client.HTTPException) as exc:
                kind, detail = _failure(exc)
                return Response(url, url, status, names, error=kind, detail=detail)
            if not chunk:
                return Response(url, url, status, names, b"".join(chunks))
            size += len(chunk)
            if size > self.policy.max_bytes:
                detail = f"larger than {self.policy.max_bytes} bytes; cut off there"
                return Response(url, url, status, names, error="too-large", detail=detail)
            chunks.append(chunk)
