"""Public web links as people paste them: is a link acceptable, and are two links one place?

`url_problem` explains why a link cannot be published (a script scheme,
credentials, no host...) so the caller can report it at its line;
`normalize_url` gives one comparable spelling per address, so duplicates are
found however the link was written.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit

HOST_RE = re.compile(r"^[\w.-]+$")  # letters (IDN too), digits, dots, hyphens
DEFAULT_PORTS = {"http": 80, "https": 443}
TRACKING_PARAMS = {
    "fbclid",
    "gclid",
    "dclid",
    "gclsrc",
    "msclkid",
    "yclid",
    "twclid",
    "igshid",
    "mc_cid",
    "mc_eid",
    "_ga",
    "_gl",
    "ref",
    "ref_src",
    "ref_url",
    "si",
}


def url_problem(url: str) -> str | None:
    """Why `url` is not an acceptable public http(s) link, or None when it is fine."""
    if any(ch.isspace() for ch in url):
        return f"{url!r} contains spaces; expected a single address (encode spaces as %20)"
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a bad port
    except ValueError as exc:
        return f"{url!r} is not a valid URL ({exc})"
    scheme = parts.scheme.lower()
    if scheme and "." not in scheme and scheme not in DEFAULT_PORTS:
        return f"scheme '{scheme}:' is not allowed in {url!r}; expected https:// or http://"
    if not scheme or "://" not in url:
        return f"{url!r} is not an absolute address; expected it to start with https:// or http://"
    if "@" in parts.netloc:
        return f"{url!r} contains credentials (user:password@); remove them"
    if not parts.hostname:
        return f"{url!r} has no host; expected an address such as https://forum.example.org/"
    if not parts.netloc.startswith("[") and not HOST_RE.match(parts.hostname):
        return f"{url!r} has an invalid host {parts.hostname!r}"
    return None


def normalize_url(url: str) -> str:
    """A comparable form of a link, so two spellings of one address are seen as one.

    Lower-cases scheme and host, drops `www.`, credentials, the default port,
    trailing slashes, the fragment and tracking parameters (`utm_*`, `fbclid`,
    `ref`...); the other query parameters are kept, sorted. Path case is kept.
    """
    text = url.strip(" \t\n\r\f\v")  # ASCII only: U+0085 inside a query is data
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError:
        return text
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").rstrip(".").removeprefix("www.")
    if ":" in host:
        host = f"[{host}]"
    if port is not None and port != DEFAULT_PORTS.get(scheme):
        host += f":{port}"
    path = parts.path.rstrip("/")
    params = [
        (key, value)
        for key, value in parse_qsl(parts.query, keep_blank_values=True)
        if not key.lower().startswith("utm_") and key.lower() not in TRACKING_PARAMS
    ]
    query = urlencode(sorted(params))
    return f"{scheme}://{host}{path}" + (f"?{query}" if query else "")
