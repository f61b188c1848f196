"""A fast path for the flat front matter nearly every content file has.

Building YAML values costs more than everything else the lint does per post,
so flat `key: value` front matter whose values are plain or quoted strings, or
flow lists of such strings, is read here directly. Anything else (numbers,
booleans, nested blocks, escapes, anchors, duplicate keys...) returns None and
goes through the full YAML loader, which also produces every error message.
The result is always what the full loader would give; a test checks this on
every content file in the repository.
"""

from __future__ import annotations

import functools
import re

from ssg.core.yamlfile import LineDict, Loader

_UNUSUAL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff]")
_KEY_VALUE = re.compile(r"([A-Za-z_][A-Za-z0-9_-]*):(?:[ ]+(.*?))?[ ]*$")
_PLAIN_START_FORBIDDEN = set("-?:,[]{}#&*!|>'\"%@`")
_FLOW_FORBIDDEN = re.compile(r"""[\[\]{}"'#:&*!|>%@`]""")
_PLAIN_ITEM = re.compile(r"[A-Za-z0-9][A-Za-z0-9 _.-]*")
_ANY_START = [regexp for _, regexp in Loader.yaml_implicit_resolvers.get(None, [])]
_BY_START = {
    first: tuple(regexp for _, regexp in resolvers) + tuple(_ANY_START)
    for first, resolvers in Loader.yaml_implicit_resolvers.items()
    if first is not None
}


@functools.lru_cache(maxsize=256)
def _key_is_str(key: str) -> bool:
    return _resolves_to_str(key)


def _resolves_to_str(value: str) -> bool:
    """True when YAML would read this plain scalar as a string (not a number, bool, null)."""
    candidates = _BY_START.get(value[0] if value else "", _ANY_START)
    return not any(regexp.match(value) for regexp in candidates)


def _plain(value: str) -> str | None:
    if value[0] in _PLAIN_START_FORBIDDEN or ": " in value or " #" in value or value.endswith(":"):
        return None
    return value if _resolves_to_str(value) else None


def _quoted(value: str) -> str | None:
    quote, inner = value[0], value[1:-1]
    if len(value) < 2 or value[-1] != quote:
        return None
    if quote == '"':
        return None if ('"' in inner or "\\" in inner) else inner
    return None if "'" in inner.replace("''", "") else inner.replace("''", "'")


def _flow_list(value: str) -> list[str] | None:
    inner = value[1:-1].strip()
    if not value.endswith("]") or _FLOW_FORBIDDEN.search(inner):
        return None
    if not inner:
        return []
    items = [item.strip() for item in inner.split(",")]
    if not all(_PLAIN_ITEM.fullmatch(i) and _resolves_to_str(i) for i in items):
        return None
    return items


def _value(raw: str | None) -> object:
    if not raw:
        return None
    if raw[0] in "\"'":
        return _quoted(raw)
    if raw[0] == "[":
        return _flow_list(raw)
    return _plain(raw)


_MISSING = object()


def fast_mapping(text: str, first_line: int) -> LineDict | None:
    """The mapping the full loader would build from `text`, or None when unsure."""
    if "\t" in text or "\\" in text or _UNUSUAL.search(text):
        return None
    mapping = LineDict()
    mapping.line = first_line
    for offset, line in enumerate(text.split("\n")):
        if not line or line.startswith("#"):
            continue
        match = _KEY_VALUE.fullmatch(line)
        if match is None or match[1] in mapping or not _key_is_str(match[1]):
            return None
        raw = match[2]
        value = _value(raw) if raw is not None else _MISSING
        if value is None and raw:
            return None
        mapping[match[1]] = None if value is _MISSING else value
        mapping.lines[match[1]] = first_line + offset
    return mapping if mapping else None
