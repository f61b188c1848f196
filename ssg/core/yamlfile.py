"""Reading the user's files: UTF-8 text and YAML that remembers where each value was written.

Every value keeps the line it came from, so a later check can say
`content/posts/x.md:4: ...` instead of just naming the file. YAML timestamps
are kept as strings: the stages parse dates themselves, in the site timezone,
with a message a person can act on. Used by the config (site.yaml) and by the
content (front matter) alike, so it sits at the bottom.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

import yaml

from ssg.core.diagnostics import Diagnostic, error


class LineDict(dict):
    """A mapping that remembers the line of each key (1-based, in the whole file)."""

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.lines: dict[Any, int] = {}
        self.line = 0

    def line_of(self, key: Any) -> int:
        return self.lines.get(key, self.line)


_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when the wheel has it


class Loader(_BaseLoader):  # type: ignore[misc, valid-type]
    """A safe loader with line-tracking mappings, duplicate-key errors and no timestamp magic."""


Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class DuplicateKey(yaml.MarkedYAMLError):
    pass


def _construct_mapping(loader: Loader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    mapping = LineDict()
    mapping.line = node.start_mark.line + 1
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, str | int | float | bool) and key is not None:
            raise yaml.constructor.ConstructorError(
                None, None, "a key must be a plain value", key_node.start_mark
            )
        if key in mapping:
            raise DuplicateKey(
                None, None, f"duplicate key {key!r}; each key may appear once", key_node.start_mark
            )
        mapping[key] = loader.construct_object(value_node, deep=True)
        mapping.lines[key] = key_node.start_mark.line + 1
    return mapping


Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


MAX_VALUES = 20_000  # values after alias expansion; real front matter and site.yaml use < 1,000
MAX_DEPTH = 100  # nesting levels; deeper YAML is refused before Python recursion could fail
_TOO_DEEP = f"values nest more than {MAX_DEPTH} levels deep; flatten them"


class Refused(yaml.MarkedYAMLError):
    """The document would expand past MAX_VALUES, nest past MAX_DEPTH or build an object."""


_PLAIN_TAGS = tuple(
    f"tag:yaml.org,2002:{name}"
    for name in ("str", "int", "float", "bool", "null", "seq", "map", "binary", "merge")
)


def _expanded_size(root: yaml.Node) -> None:
    """Refuse a node graph whose expansion is too big, too deep or recursive.

    Anchors and aliases make a graph whose expansion can be exponential in the
    file's size (nine aliases per level, eight levels: 43 million values from
    a dozen lines). Sizes are counted once per distinct node, bottom up and
    without recursion, so the check costs as little as the composed graph.
    """
    sizes: dict[int, int] = {}
    on_path: set[int] = set()
    stack: list[tuple[yaml.Node, bool, int]] = [(root, False, 1)]
    while stack:
        node, done, depth = stack.pop()
        key = id(node)
        children = _children(node)
        if done:
            on_path.discard(key)
            sizes[key] = 1 + sum(sizes[id(child)] for child in children)
            if sizes[key] > MAX_VALUES:
                problem = (
                    f"this value expands to more than {MAX_VALUES:,} values through anchors "
                    "and aliases; write the values out, or use fewer aliases"
                    if len({id(c) for c in children}) < len(children) or _shares(node)
                    else f"this value holds more than {MAX_VALUES:,} values; split it up"
                )
                raise Refused(None, None, problem, node.start_mark)
            continue
        if key in sizes:
            continue
        if node.tag not in _PLAIN_TAGS:
            tag = node.tag.replace("tag:yaml.org,2002:", "!!")
            problem = f"the tag {tag} is not allowed; write plain text, numbers, lists and mappings"
            raise Refused(None, None, problem, node.start_mark)
        if key in on_path:
            problem = "an alias refers to a value that contains it"
            raise Refused(None, None, problem, node.start_mark)
        if depth > MAX_DEPTH:
            raise Refused(None, None, _TOO_DEEP, node.start_mark)
        on_path.add(key)
        stack.append((node, True, depth))
        stack.extend((child, False, depth + 1) for child in children if id(child) not in sizes)


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return []


def _shares(node: yaml.Node) -> bool:
    """True when some node below appears twice (an alias), within a bounded look."""
    seen: set[int] = set()
    stack, budget = [node], MAX_VALUES
    while stack and budget:
        budget -= 1
        for child in _children(stack.pop()):
            if id(child) in seen:
                return True
            seen.add(id(child))
            stack.append(child)
    return False


_NESTING_CHARS = "[{-:?"


def _check_depth(text: str) -> None:
    """Refuse deep nesting before composing: libyaml's composer recurses in C and a
    file nested tens of thousands of levels deep would crash the process.

    Each level needs one of `[{-:?`, so most files are cleared by counting them;
    the rest are read as a stream of events, which does not recurse. libyaml
    from 0.2.5 on scans a run of opening brackets ahead of its events and may
    stop at its own limit (1,000 levels) first, with a message that names no
    number: that is the same refusal, in the same words.
    """
    if sum(map(text.count, _NESTING_CHARS)) < MAX_DEPTH:
        return
    depth = 0
    loader = Loader(text)
    try:
        while (event := loader.get_event()) is not None:
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    raise Refused(None, None, _TOO_DEEP, event.start_mark)
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.MarkedYAMLError as exc:
        if isinstance(exc, Refused) or "nesting" not in f"{exc.problem} {exc.context}":
            raise
        raise Refused(None, None, _TOO_DEEP, exc.problem_mark) from None
    finally:
        loader.dispose()


def _load(text: str) -> Any:
    _check_depth(text)
    loader = Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        _expanded_size(node)
        return loader.construct_document(node)
    finally:
        loader.dispose()


def load_yaml(text: str, path: str, first_line: int = 1) -> tuple[Any, list[Diagnostic]]:
    """Parse YAML; line numbers are shifted so they count from the top of the real file.

    Anything the file says is bounded: the expanded size, the nesting depth,
    and aliases that would build a value containing itself are refused with
    their line, so a hostile file cannot keep a build busy.
    """
    try:
        data = _load(text)
    except Refused as exc:
        line = first_line + (exc.problem_mark.line if exc.problem_mark else 0)
        return None, [error(path, line, f"YAML refused: {exc.problem}")]
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = (mark.line + first_line) if mark else first_line
        problem = exc.problem or exc.context or "invalid YAML"
        hint = yaml_hint(text, mark.line, mark.column, problem, first_line) if mark else ""
        message = f"invalid YAML: {problem}; {hint or 'expected valid YAML syntax'}"
        return None, [error(path, line, message)]
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow; no mark
        line = first_line + text.count("\n", 0, exc.position)
        code = exc.character if isinstance(exc.character, int) else ord(exc.character)
        message = f"invalid YAML: character U+{code:04X} is not allowed; remove it"
        return None, [error(path, line, message)]
    except yaml.YAMLError as exc:  # pragma: no cover - other unmarked errors are rare
        return None, [error(path, first_line, f"invalid YAML: {exc}")]
    if first_line != 1:
        _shift_lines(data, first_line - 1)
    return data, []


def yaml_hint(text: str, index: int, column: int, problem: str, first_line: int = 1) -> str:
    """What a person most likely did, in words they can act on (the parser's are not).

    Three mistakes cover most broken front matter: a tab used to indent, a line
    indented differently from the one before, and a value holding ': ' that
    was not quoted.
    """
    lines = text.split("\n")
    here = lines[index] if index < len(lines) else ""
    tabbed = next((i for i, x in enumerate(lines[: index + 1]) if "\t" in _indent(x)), None)
    if "tab" in problem or tabbed is not None:
        where = f" on line {tabbed + first_line}" if tabbed is not None else ""
        return f"YAML indents with spaces, never tabs: replace the tab{where} with spaces"
    key, sep, rest = here.strip().partition(": ")
    if "mapping values" in problem and sep and ": " in rest and len(_indent(here)) < column:
        return (
            "a value that contains ': ' must be quoted, "
            f'such as {key}: "{rest.replace(chr(34), chr(39))}"'
        )
    before = next((x for x in reversed(lines[:index]) if x.strip() and not _comment(x)), None)
    if before is not None and ("mapping values" in problem or "expected key" in problem):
        now, then = len(_indent(here)), len(_indent(before))
        if now != then:
            return (
                f"this line is indented {_spaces(now)} and the line before {_spaces(then)}; keys "
                "of one mapping must line up, and a nested value goes under a key ending in ':'"
            )
    if "expected ',' or ']'" in problem or "expected ',' or '}'" in problem:
        return "a list in [ ] or a mapping in { } must be closed on the same line"
    return ""


def _indent(line: str) -> str:
    return line[: len(line) - len(line.lstrip(" \t"))]


def _spaces(count: int) -> str:
    return f"{count} space{'s' if count != 1 else ''}"


def _comment(line: str) -> bool:
    return line.lstrip().startswith("#")


def _shift_lines(data: Any, offset: int) -> None:
    if isinstance(data, LineDict):
        data.line += offset
        data.lines = {k: v + offset for k, v in data.lines.items()}
        for value in data.values():
            _shift_lines(value, offset)
    elif isinstance(data, list):
        for value in data:
            _shift_lines(value, offset)


MAX_FILE_BYTES = 1 << 20  # a long guide is 100 kB; Markdown time grows with size
UTF16 = "it starts with a UTF-16 byte order mark"
SAVE_AS_TEXT = "save text as UTF-8 and put media under static/"


def read_text(path: Path | str, shown: str) -> tuple[str | None, list[Diagnostic]]:
    """Read a UTF-8 file; a decoding problem is a located error, never a traceback.

    Files past MAX_FILE_BYTES are refused unread, so a 20 MB pull request
    cannot keep a build busy for minutes.
    """
    fd = os.open(path, os.O_RDONLY)  # plain os calls: this runs once per content file
    try:
        st = os.fstat(fd)
        size = st.st_size
        if size > MAX_FILE_BYTES:
            message = (
                f"file is {size / (1 << 20):.1f} MB; text files are limited to "
                f"{MAX_FILE_BYTES >> 20} MB: split it, or put large media under static/"
            )
            return None, [error(shown, 1, message)]
        raw = os.read(fd, size + 1)  # one call reads a file that is as large as it says
        if len(raw) != size or not stat.S_ISREG(st.st_mode):  # resized, or no size: to the end
            raw += b"".join(iter(lambda: os.read(fd, 1 << 20), b""))
    finally:
        os.close(fd)
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, [error(shown, 1, f"file is UTF-16 ({UTF16}); save the file as UTF-8")]
    if b"\0" in raw[:8192]:
        return None, [error(shown, 1, f"binary data, not text; {SAVE_AS_TEXT}")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, [
            error(
                shown,
                line,
                f"not valid UTF-8 (byte 0x{raw[exc.start]:02x}); save the file as UTF-8",
            )
        ]
    return text.removeprefix("\ufeff").replace("\r\n", "\n"), []
