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

import datetime as dt
import functools
import hashlib
import io
import pickle
import threading
from collections.abc import Iterable
from pathlib import Path


@functools.cache
def code_stamp() -> str:
    """This file's hash: a digest kept between runs is reused only by the code that made it."""
    return hashlib.blake2b(Path(__file__).read_bytes(), digest_size=20).hexdigest()


class Unstable(Exception):
    """A value without a content hash."""


_picklers = threading.local()  # one per thread: page keys may be hashed beside the render


def _pickle(value: object) -> bytes:
    """Pickle bytes that depend on the value only: no memo, so sharing does not show.

    The pickler and its buffer are made once per thread and reused: making
    them took more than half of each call, and a one-edit build makes twenty
    thousand calls at 4,000 posts.
    """
    found = getattr(_picklers, "pair", None)
    if found is None:
        buffer = io.BytesIO()
        pickler = pickle.Pickler(buffer, protocol=5)
        pickler.fast = True
        found = _picklers.pair = (buffer, pickler)
    buffer, pickler = found
    buffer.seek(0)
    buffer.truncate()
    try:
        pickler.dump(value)
    except (pickle.PicklingError, TypeError, AttributeError, ValueError, RecursionError) as exc:
        del _picklers.pair  # a dump cut short may leave state behind: start afresh
        raise Unstable(str(exc)) from exc
    return buffer.getvalue()


TEXT_FIELDS = frozenset({"html", "body"})  # a content object's text: hashed apart (`text_digest`)
WALK_FROM = 16  # a tuple this long is hashed once through the memo: shared by many pages


@functools.cache
def _has_text(kind: type) -> bool:
    fields = getattr(kind, "__dataclass_fields__", None)
    return fields is not None and "source" in fields and not TEXT_FIELDS.isdisjoint(fields)


_EXACT = frozenset({str, int, float, bool, bytes, type(None)})
_OBJECT, _TUPLE, _DATE = b"\x00object", b"\x00tuple", b"\x00date"  # tags no content carries
_TEXT_KEY = b"\x00text-key"  # a pickle starts with b"\x80", so never this


class Digester:
    """Hashes values by content; one instance per build keeps the per-object memo valid.

    A value is made plain first: each dataclass instance and each long tuple
    becomes its digest (computed once, by identity), a date its ISO text and
    zone name; what is left (strings, numbers, small tuples of them) is pickled
    in one call, which is several times faster than pickling the objects.
    """

    def __init__(
        self,
        known: Iterable[tuple[object, bytes]] = (),
        text_keys: Iterable[tuple[object, bytes]] = (),
    ) -> None:
        """`known`: objects whose digest a previous run made (and checked they are unchanged).

        `text_keys`: content objects with a key that fixes their text (`body`,
        `html`), hashed in place of the text; an empty key means none.
        """
        self._memo: dict[int, tuple[object, bytes]] = {id(v): (v, d) for v, d in known}
        self._text_keys = {id(v): (v, k) for v, k in text_keys if k}
        self._texts: dict[tuple[int, str], tuple[object, str]] = {}
        self._plains: dict[int, tuple[object, object]] = {}  # id -> (value, its plain form)

    def hexdigest(self, *values: object) -> str:
        data = _pickle(tuple(map(self._plain, values)))
        return hashlib.blake2b(data, digest_size=20).hexdigest()

    def text_digest(self, value: object) -> str:
        """A content object's digest with its text: for the pages that read `.html` or `.body`."""
        key = (id(value), "text")
        found = self._texts.get(key)
        if found is not None and found[0] is value:
            return found[1]
        hasher = hashlib.blake2b(self.object_digest(value), digest_size=20)
        given = self._text_keys.get(id(value))
        if given is not None and given[0] is value:  # tagged: never the pickle of a text
            hasher.update(_TEXT_KEY + given[1])
        else:
            fields = sorted(TEXT_FIELDS)
            hasher.update(_pickle(tuple(self._plain(getattr(value, n, None)) for n in fields)))
        self._texts[key] = (value, hasher.hexdigest())
        return self._texts[key][1]

    def known(self, values: Iterable[object]) -> list[tuple[object, bytes]]:
        """Those of `values` hashed so far, with their digests: kept for the next run."""
        memo = self._memo
        return [(v, memo[id(v)][1]) for v in values if id(v) in memo and memo[id(v)][0] is v]

    def object_digest(self, value: object) -> bytes:
        """The digest of one dataclass instance without its text, computed once per build.

        The text of a post (`html`, `body`) is left out: a tag page listing it
        does not show it; a page that reads it records that (`text_digest`).
        """
        found = self._memo.get(id(value))
        if found is not None and found[0] is value:
            return found[1]
        fields = getattr(value, "__dict__", None)
        if fields is None:  # slots: pickled whole
            data = _pickle(value)
        else:
            hide = TEXT_FIELDS if _has_text(type(value)) else frozenset()
            plain, exact, get = self._plain, _EXACT, self._plains.get  # atoms and kept forms
            shown = tuple(  # without a call each (see `_items`)
                (
                    k,
                    v
                    if type(v) in exact
                    else f[1]
                    if (f := get(id(v))) and f[0] is v
                    else plain(v),
                )
                for k, v in fields.items()
                if k not in hide
            )
            data = _pickle((type(value).__module__, type(value).__qualname__, shown))
        digest = hashlib.blake2b(data, digest_size=20).digest()
        self._memo[id(value)] = (value, digest)  # holding `value` keeps its id from being reused
        return digest

    def _tuple_digest(self, value: tuple) -> bytes:
        found = self._memo.get(id(value))
        if found is not None and found[0] is value:
            return found[1]
        digest = hashlib.blake2b(_pickle(tuple(self._items(value))), digest_size=20).digest()
        self._memo[id(value)] = (value, digest)
        return digest

    def _items(self, values: tuple | list) -> list[object]:
        """`_plain` of each value, atoms and kept forms without a call (most items are those)."""
        plain, exact, get = self._plain, _EXACT, self._plains.get
        return [
            v if type(v) in exact else f[1] if (f := get(id(v))) and f[0] is v else plain(v)
            for v in values
        ]

    def _plain(self, value: object) -> object:
        """`value` with its objects replaced by their digests, ready for one pickle.

        The plain form of a date, a dataclass instance or a long tuple is kept
        by identity: a post is met forty thousand times in a 4,000-post build
        (its page, its neighbours', tags, archive, feeds), one lookup each.
        """
        kind = type(value)
        if kind in _EXACT:
            return value
        found = self._plains.get(id(value))
        if found is not None and found[0] is value:
            return found[1]
        plain: object
        if kind is dt.datetime or kind is dt.date:  # a post's date is on its page's meta too
            zone = getattr(value, "tzinfo", None)
            named = f"{type(zone).__qualname__}:{zone}:{getattr(value, 'fold', 0)}"
            plain = (_DATE, kind.__name__, value.isoformat(), named)  # type: ignore[attr-defined]
        elif hasattr(kind, "__dataclass_fields__") and not isinstance(value, type):
            plain = (_OBJECT, self.object_digest(value))
        elif kind is tuple and len(value) >= WALK_FROM:  # type: ignore[arg-type]
            plain = (_TUPLE, self._tuple_digest(value))  # type: ignore[arg-type]
        else:
            return self._walk(value, kind)
        self._plains[id(value)] = (value, plain)  # holding `value` keeps its id from being reused
        return plain

    def _walk(self, value: object, kind: type) -> object:
        """Short tuples, lists and dicts item by item (not kept: they are seldom shared)."""
        if kind is tuple:
            return tuple(self._items(value))  # type: ignore[arg-type]
        if kind is list:
            return self._items(value)  # type: ignore[arg-type]
        if kind is dict:  # in order: templates iterate in that order
            keys, values = self._items(value.keys()), self._items(value.values())  # type: ignore[attr-defined]
            return list(zip(keys, values, strict=True))
        return value  # pickled as it is; `Unstable` if it cannot be
