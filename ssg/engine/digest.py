"""Content hashes of page inputs, so a page is rendered again only when what it shows changed.

`Digester` hashes values by content: their pickle, taken without pickle's memo
so that equal values give equal bytes. A post appears on its own page, its
neighbours' pages, its tags and the archive, so each object in a page's
context is hashed once per build (remembered by identity; the objects stay
alive for the whole build) and stands in the page's hash by that digest. A value pickle
cannot take (a lambda) raises `Unstable`, and the caller renders instead of
trusting a hash: the cache can make a build slower, never wrong. Values that
pickle differently in another process (a set's order) only cost a render.
"""

from __future__ import annotations

import hashlib
import io
import pickle
from typing import Any


class Unstable(Exception):
    """A value without a content hash."""


def _pickle(value: object) -> bytes:
    """Pickle bytes that depend on the value only: no memo, so sharing does not show."""
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=5)
    pickler.fast = True
    try:
        pickler.dump(value)
    except (pickle.PicklingError, TypeError, AttributeError, ValueError, RecursionError) as exc:
        raise Unstable(str(exc)) from exc
    return buffer.getvalue()


TEXT_FIELDS = frozenset({"html", "body"})  # a content object's text: hashed apart (`text_digest`)
WALK_FROM = 16  # a field holding this many objects is hashed through the memo, not pickled


def _holds_objects(value: object) -> bool:
    """A field such as a tag's posts or a pagination's URLs: shared with others, or with text."""
    if not isinstance(value, (tuple, list)) or not value:
        return False
    return len(value) >= WALK_FROM or _has_text(value[0])


def _has_text(value: object) -> bool:
    fields = getattr(type(value), "__dataclass_fields__", None)
    return fields is not None and "source" in fields and not TEXT_FIELDS.isdisjoint(fields)


class Digester:
    """Hashes values by content; one instance per build keeps the per-object memo valid."""

    def __init__(self) -> None:
        self._memo: dict[int, tuple[object, bytes]] = {}
        self._texts: dict[tuple[int, str], tuple[object, str]] = {}

    def hexdigest(self, *values: object) -> str:
        hasher = hashlib.blake2b(digest_size=20)
        for value in values:
            self._feed(value, hasher)
        return hasher.hexdigest()

    def text_digest(self, value: object) -> str:
        """A content object's digest with its text: for the pages that read `.html` or `.body`."""
        key = (id(value), "text")
        found = self._texts.get(key)
        if found is not None and found[0] is value:
            return found[1]
        hasher = hashlib.blake2b(self.object_digest(value), digest_size=20)
        for name in sorted(TEXT_FIELDS):
            self._feed(getattr(value, name, None), hasher)
        self._texts[key] = (value, hasher.hexdigest())
        return self._texts[key][1]

    def object_digest(self, value: object) -> bytes:
        """The digest of one dataclass instance without its text, computed once per build.

        The text of a post (`html`, `body`) is left out: a tag page listing it
        does not show it; a page that reads it records that (`text_digest`).
        """
        found = self._memo.get(id(value))
        if found is not None and found[0] is value:
            return found[1]
        fields = getattr(value, "__dict__", None)
        if fields is not None and _has_text(value):
            shown = {k: v for k, v in fields.items() if k not in TEXT_FIELDS}
            data = _pickle((type(value).__qualname__, shown))
            digest = hashlib.blake2b(data, digest_size=20).digest()
        elif fields is not None and any(map(_holds_objects, fields.values())):
            hasher = hashlib.blake2b(type(value).__qualname__.encode(), digest_size=20)
            self._feed(fields, hasher)  # a tag's posts: each by its own digest, once
            digest = hasher.digest()
        else:
            digest = hashlib.blake2b(_pickle(value), digest_size=20).digest()
        self._memo[id(value)] = (value, digest)  # holding `value` keeps its id from being reused
        return digest

    def _tuple_digest(self, value: tuple) -> bytes:
        found = self._memo.get(id(value))
        if found is not None and found[0] is value:
            return found[1]
        sub = hashlib.blake2b(b"(%d" % len(value), digest_size=20)
        for item in value:
            self._feed(item, sub)
        self._memo[id(value)] = (value, sub.digest())
        return self._memo[id(value)][1]

    def _feed(self, value: object, hasher: Any) -> None:
        """Containers are walked so the objects in them are hashed once, by the memo."""
        if isinstance(value, str):
            data = value.encode("utf-8", "surrogatepass")
            hasher.update(b"s%d:" % len(data))
            hasher.update(data)
        elif value is None or isinstance(value, (bool, int)):
            hasher.update(b"v%r;" % value)
        elif hasattr(type(value), "__dataclass_fields__") and not isinstance(value, type):
            hasher.update(b"o")
            hasher.update(self.object_digest(value))
        elif isinstance(value, tuple) and len(value) >= WALK_FROM:
            hasher.update(b"t")
            hasher.update(self._tuple_digest(value))  # shared by every page of a sequence
        elif isinstance(value, (list, tuple)):
            hasher.update(b"(%d" % len(value))
            for item in value:
                self._feed(item, hasher)
        elif isinstance(value, dict):
            hasher.update(b"{%d" % len(value))
            for key, item in value.items():  # in order: templates iterate in that order
                self._feed(key, hasher)
                self._feed(item, hasher)
        else:
            data = _pickle(value)
            hasher.update(b"p%d:" % len(data))
            hasher.update(data)
