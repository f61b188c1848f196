"""Python-Markdown's inline pass, skipping the patterns a text cannot match.

Python-Markdown tries every inline pattern (code, escapes, links, images,
autolinks, raw HTML, entities, emphasis: fifteen with our extensions) on every
run of text, and most of them fail: a paragraph with no `<` cannot hold an
autolink. Those failed tries are more than half of the time spent rendering a
post. Each pattern's regular expression says which characters a match must
contain (`<` for an autolink, `[` for a link); when a text holds none of them,
trying the pattern can only fail, so it is not tried. The output is the same
bytes (`tests/content/test_inline.py` compares it with the stock pass).

The needed characters are read from the compiled expression itself, so a
pattern added by any extension is covered; one whose expression cannot be read
(a case-insensitive letter, a negated class, an optional start) is always tried.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from markdown import treeprocessors, util

try:  # the parser of `re`, public in spirit but private in name
    from re import _constants as _sre  # type: ignore[attr-defined]
    from re import _parser as _sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python before 3.11
    import sre_constants as _sre  # type: ignore[no-redef]
    import sre_parse as _sre_parse  # type: ignore[no-redef]

_REPEATS = {_sre.MAX_REPEAT, _sre.MIN_REPEAT, getattr(_sre, "POSSESSIVE_REPEAT", None)}
_GROUPS = {_sre.SUBPATTERN, getattr(_sre, "ATOMIC_GROUP", None)}
_HANDLE = "_InlineProcessor__handleInline"
_APPLY = "_InlineProcessor__applyPattern"
SUPPORTED = hasattr(treeprocessors.InlineProcessor, _HANDLE) and hasattr(
    treeprocessors.InlineProcessor, _APPLY
)


def needed_texts(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """Texts of which every match holds at least one, or None if none can be named."""
    try:
        parsed = _sre_parse.parse(pattern.pattern, pattern.flags)
    except Exception:  # noqa: BLE001 - an expression this reader does not know is always tried
        return None
    return _sequence(list(parsed), bool(pattern.flags & re.IGNORECASE))


def _rarity(text: str) -> float:
    """How seldom prose holds `text`: punctuation is rare, letters and spaces are everywhere."""
    return sum(0.1 if c.isalnum() or c == " " else 1 if c.isspace() else 3 for c in text)


def _better(a: frozenset[str] | None, b: frozenset[str] | None) -> frozenset[str] | None:
    """The more selective of two needs."""
    if a is None or b is None:
        return a if b is None else b

    def cost(texts: frozenset[str]) -> tuple[float, int]:
        return (-min(map(_rarity, texts)), len(texts))

    return a if cost(a) <= cost(b) else b


def _sequence(items: Iterable[tuple[Any, Any]], nocase: bool) -> frozenset[str] | None:
    """A concatenation needs what its most selective part needs; literals in a row join up."""
    best: frozenset[str] | None = None
    run = ""
    for op, av in items:
        if op is _sre.LITERAL and not (nocase and chr(av).lower() != chr(av).upper()):
            run += chr(av)
            continue
        if run:
            best, run = _better(best, frozenset([run])), ""
        best = _better(best, _item(op, av, nocase))
    return _better(best, frozenset([run])) if run else best


def _item(op: Any, av: Any, nocase: bool) -> frozenset[str] | None:
    """What one element of a parsed expression needs; None when it may match without a char."""
    if op is _sre.IN:
        return _char_class(av, nocase)
    if op in _GROUPS:
        if op is _sre.SUBPATTERN:
            _, add, remove, body = av
            nocase = bool((nocase or add & re.IGNORECASE) and not remove & re.IGNORECASE)
        else:
            body = av
        return _sequence(list(body), nocase)
    if op in _REPEATS:
        low, _, body = av
        return _sequence(list(body), nocase) if low >= 1 else None
    if op is _sre.BRANCH:
        needs = [_sequence(list(branch), nocase) for branch in av[1]]
        if any(need is None for need in needs):
            return None
        return frozenset().union(*needs)  # type: ignore[arg-type]
    if op is _sre.ASSERT:  # a lookaround's characters are in the text too
        return _sequence(list(av[1]), nocase)
    return None  # a case-folded letter, any character, a negation, a back-reference


def _char_class(av: list[tuple[Any, Any]], nocase: bool) -> frozenset[str] | None:
    chars: set[str] = set()
    for op, value in av:
        if op is _sre.LITERAL:
            chars.add(chr(value))
        elif op is _sre.RANGE and value[1] - value[0] < 64:
            chars.update(chr(code) for code in range(value[0], value[1] + 1))
        else:  # a negation, a category (\s, \w) or a wide range: any character may do
            return None
    if nocase and any(c.lower() != c.upper() for c in chars):
        return None
    return frozenset(chars)


class SkippingInlineProcessor(treeprocessors.InlineProcessor):
    """The stock inline pass, asking each pattern's gate before trying it."""

    def __init__(self, md: Any):
        super().__init__(md)
        self._gates: dict[re.Pattern[str], Any] = {}

    def run(self, tree: Any, ancestors: list[str] | None = None) -> Any:
        # the registry's order and each pattern's gate, looked up once per document
        self._patterns = [(pattern, self._gate_of(pattern)) for pattern in self.inlinePatterns]
        return super().run(tree, ancestors)

    def _gate_of(self, pattern: Any) -> Any:
        """A search for any character the pattern needs, or None when it is always tried."""
        compiled = pattern.getCompiledRegExp()
        if compiled not in self._gates:
            needs = needed_texts(compiled)
            self._gates[compiled] = (
                needs
                and re.compile(
                    "|".join(map(re.escape, sorted(needs, key=lambda t: (-len(t), t))))
                ).search
            )
        return self._gates[compiled]

    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:  # noqa: N802, N803
        """The stock loop; a pattern whose characters the text lacks counts as no match."""
        if isinstance(data, util.AtomicString):
            return data
        apply = getattr(self, _APPLY)
        patterns = self._patterns
        start = 0
        while patternIndex < len(patterns):
            pattern, gate = patterns[patternIndex]
            if gate is not None and gate(data) is None:
                patternIndex, start = patternIndex + 1, 0
                continue
            data, matched, start = apply(pattern, data, patternIndex, start)
            if not matched:
                patternIndex += 1
        return data


def install(md: Any) -> None:
    """Put the skipping pass in place of the stock one, where this Python-Markdown has it."""
    if SUPPORTED and "inline" in md.treeprocessors:
        registry = md.treeprocessors
        priority = next(item.priority for item in registry._priority if item.name == "inline")
        registry.register(SkippingInlineProcessor(md), "inline", priority)
