"""Keep the gettext catalogues in `ssg/locale/` complete (run by `make messages`).

`english PO`: English is the source language, so every msgid is its own
translation; copying them keeps the English catalogue complete without typing.
`check PO...`: list entries that are untranslated or fuzzy, exit 1 if any.
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po


def _read(path: Path) -> Catalog:
    with path.open("rb") as fp:
        return read_po(fp)


def _missing(catalog: Catalog) -> list[str]:
    out = []
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(strings):
            out.append(message.id if isinstance(message.id, str) else message.id[0])
    return out


def english(path: Path) -> None:
    catalog = _read(path)
    for message in catalog:
        if message.id and not _translated(message.string):
            message.string = message.id
            message.flags.discard("fuzzy")
    with path.open("wb") as fp:
        write_po(fp, catalog, width=100)


def _translated(string: str | tuple[str, ...]) -> bool:
    return all(string) if isinstance(string, tuple) else bool(string)


def check(paths: list[Path]) -> int:
    status = 0
    for path in paths:
        missing = _missing(_read(path))
        print(f"{path}: {len(missing)} untranslated or fuzzy")
        for msgid in missing:
            print(f"  {msgid!r}")
        status = status or (1 if missing else 0)
    return status


def main(argv: list[str]) -> int:
    command, *paths = argv
    if command == "english":
        english(Path(paths[0]))
        return 0
    return check([Path(p) for p in paths])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
