"""Highlighted code blocks, kept by language, text and settings, so an edit never re-lexes them.

An edited post is rendered again whole, but its code blocks rarely changed:
Pygments is then asked only for blocks it has not seen. Each block's HTML is
found by a hash of its text, its language, the highlighting options and the
Pygments version, so the same snippet in two posts is highlighted once, and
the engine keeps the blocks of one build for the next (`.ssg-cache/`).

Python-Markdown's fenced and indented code both make a `CodeHilite` from the
`codehilite` module; `install()` puts a subclass there that looks blocks up
first. The output is the same bytes: a hit returns what `hilite()` returned.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping

from markdown.extensions import codehilite, fenced_code
from pygments import lexers

from ssg.core.versions import library_version

_PYGMENTS = library_version("pygments")
_known: dict[str, str] = {}  # block key -> HTML, in this process
_fresh: dict[str, str] = {}  # highlighted here since the last `drain()`
_used: set[str] = set()


def _name(value: object) -> object:
    return f"{value.__module__}.{value.__qualname__}" if isinstance(value, type) else value


class CachedCodeHilite(codehilite.CodeHilite):
    """`CodeHilite` that returns a block's stored HTML when it has highlighted it before."""

    def hilite(self, shebang: bool = True) -> str:
        options = sorted((k, repr(_name(v))) for k, v in self.options.items())
        parts = (
            _PYGMENTS,
            self.src,
            self.lang,
            self.guess_lang,
            self.use_pygments,
            self.lang_prefix,
            repr(_name(self.pygments_formatter)),
            options,
            shebang,
        )
        key = hashlib.blake2b(repr(parts).encode("utf-8", "surrogatepass"), digest_size=20)
        found = _known.get(key.hexdigest())
        if found is None:
            found = super().hilite(shebang)
            _known[key.hexdigest()] = _fresh[key.hexdigest()] = found
        _used.add(key.hexdigest())
        return found


_lexer_classes: dict[str, type] = {}


def lexer_by_name(alias: str, **options: object) -> object:
    """Pygments' `get_lexer_by_name`, remembering the class each name gave.

    Pygments looks the name up by walking its table of some 600 lexers for every
    block; the class it finds is then made with the block's options, as here.
    """
    cls = _lexer_classes.get(alias)
    if cls is None:
        lexer = lexers.get_lexer_by_name(alias, **options)
        _lexer_classes[alias] = type(lexer)
        return lexer
    return cls(**options)


def install() -> None:
    """Make Python-Markdown's code blocks go through the store (idempotent)."""
    codehilite.CodeHilite = CachedCodeHilite  # type: ignore[misc]
    fenced_code.CodeHilite = CachedCodeHilite  # type: ignore[attr-defined]
    codehilite.get_lexer_by_name = lexer_by_name  # type: ignore[attr-defined]


def preload(blocks: Mapping[str, str]) -> None:
    """Blocks kept by an earlier build (forked workers inherit them); a new build starts here."""
    _known.update(blocks)
    _used.clear()
    _fresh.clear()


def drain() -> dict[str, str]:
    """Blocks highlighted in this process since the last call (a worker hands them back)."""
    fresh = dict(_fresh)
    _fresh.clear()
    return fresh


def adopt(blocks: Mapping[str, str]) -> None:
    """Blocks a worker highlighted, kept as if highlighted here."""
    _known.update(blocks)
    _used.update(blocks)


def used() -> dict[str, str]:
    """The blocks this build highlighted or found: what the next build may need."""
    return {key: _known[key] for key in sorted(_used) if key in _known}
