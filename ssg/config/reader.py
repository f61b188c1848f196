"""Typed reading of one `site.yaml` mapping, recording located errors instead of raising.

Shared by every section of the config (`load`, `theming`), so each says what it
expects once and every problem in the file is reported in one run.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ssg.core.diagnostics import Diagnostic, error
from ssg.core.suggest import did_you_mean
from ssg.core.yamlfile import LineDict


class Reader:
    """Pulls typed values out of one mapping and records what is wrong with them."""

    def __init__(self, data: LineDict, path: str, prefix: str, diags: list[Diagnostic]):
        self.data, self.path, self.prefix, self.diags = data, path, prefix, diags

    def fail(self, key: str, message: str) -> None:
        self.diags.append(
            error(self.path, self.data.line_of(key), f"{self.prefix}{key}: {message}", "config")
        )

    def get(
        self,
        key: str,
        kind: type | tuple[type, ...],
        expected: str,
        default: Any = None,
        required: bool = False,
    ) -> Any:
        if key not in self.data or self.data[key] is None:
            if required:
                self.diags.append(
                    error(
                        self.path,
                        self.data.line_of(key) or 1,
                        f"missing required key '{self.prefix}{key}'; expected {expected}",
                        "config",
                    )
                )
            return default
        value = self.data[key]
        if (
            isinstance(value, bool)
            and kind is not bool
            and bool not in (kind if isinstance(kind, tuple) else (kind,))
        ):
            self.fail(key, f"expected {expected}, got {value!r}")
            return default
        if not isinstance(value, kind):
            self.fail(key, f"expected {expected}, got {type(value).__name__} {value!r}")
            return default
        return value

    def check(
        self, key: str, value: Any, ok: Callable[[Any], bool], message: str, default: Any
    ) -> Any:
        if value is not None and value is not default and not ok(value):
            self.fail(key, message)
            return default
        return value

    def unknown(self, allowed: set[str]) -> None:
        for key in self.data:
            if key not in allowed:
                names = ", ".join(sorted(allowed))
                hint = did_you_mean(key, allowed)
                self.fail(str(key), f"unknown key;{hint} expected one of: {names}")


def section(data: LineDict, key: str, path: str, diags: list[Diagnostic]) -> Reader:
    value = data.get(key)
    if value is None:
        value = LineDict()
        value.line = data.line_of(key)
    elif not isinstance(value, LineDict):
        diags.append(
            error(path, data.line_of(key), f"{key}: expected a mapping of settings", "config")
        )
        value = LineDict()
    return Reader(value, path, f"{key}.", diags)
