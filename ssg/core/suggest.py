""" "Did you mean ...?": the closest known name to a misspelt key or value (difflib).

A message that names the likely fix teaches more than the full list of
allowed names, so every "unknown key" and "unknown value" message goes
through here.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def did_you_mean(word: object, options: Iterable[str]) -> str:
    """ " did you mean 'summary'?" for the closest option, or "" when none is close."""
    if not isinstance(word, str):
        return ""
    choices = list(options)
    folded = {option.casefold(): option for option in choices}
    close = difflib.get_close_matches(word.casefold(), folded, n=1, cutoff=0.6)
    return f" did you mean '{folded[close[0]]}'?" if close else ""


def unknown(what: str, word: object, options: Iterable[str]) -> str:
    """ "unknown key 'summry'; did you mean 'summary'? (expected one of: ...)" """
    choices = list(options)
    hint = did_you_mean(word, choices)
    listed = ", ".join(choices)
    if hint:
        return f"unknown {what} {word!r};{hint} (expected one of: {listed})"
    return f"unknown {what} {word!r}; expected one of: {listed}"
