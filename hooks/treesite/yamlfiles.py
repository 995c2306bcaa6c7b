"""Read the tree's YAML files into plain data while remembering line numbers.

PyYAML's plain ``safe_load`` forgets where a value came from, silently keeps
the last of two equal keys, and expands anchors and aliases (an alias bomb
takes gigabytes; an alias cycle or deep nesting overflows the stack). Editors
need the line of every problem and the tree needs none of those features, so
we read the parser's events ourselves, without recursion, and refuse anchors,
aliases, tags and merge keys, nesting deeper than MAX_DEPTH and files larger
than MAX_FILE_BYTES, each with the line and a fix.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from .errors import Location, Problem, TreeError

# A path into the merged data: keys and list indexes, e.g. ("nodes", 3, "options", 0).
DataPath = tuple[str | int, ...]

# libyaml's parser when present: the pure-Python one is two thirds of a large tree's build time.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# Keys whose value is a single item, so two files may not both set them.
SINGLE_KEYS = frozenset({"site", "start"})

# The real tree nests six levels deep (nodes → node → options → option → label); twenty leaves room.
MAX_DEPTH = 20
# The largest file read, YAML or source text: a 5,000-node benchmark tree is far below this.
MAX_FILE_BYTES = 20 * 1024 * 1024

# Characters YAML forbids (C0/C1 controls other than tab and line breaks, surrogates, non-characters).
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")

# The same after YAML has decoded escapes ("\x01", "\0", "\uFFFE" in a double-quoted value), plus every
# Unicode noncharacter and NEL ("\N"): no page, feed or ticket text may carry them (the feed writer
# refuses them with a traceback). Tab and line feed are text.
_NONCHARACTERS = "".join(f"{chr(plane + 0xFFFE)}{chr(plane + 0xFFFF)}" for plane in range(0, 0x110000, 0x10000))
_FORBIDDEN_DECODED = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef{_NONCHARACTERS}]")

_STR = "tag:yaml.org,2002:str"
_MERGE = "tag:yaml.org,2002:merge"
# Plain scalars YAML turns into something other than text; everything else stays the text as written
# (a date stays "2026-11-23", so an impossible date reaches the date check instead of crashing here).
_TYPED = {
    "tag:yaml.org,2002:bool": "true/false",
    "tag:yaml.org,2002:int": "a number",
    "tag:yaml.org,2002:float": "a number",
    "tag:yaml.org,2002:null": "empty (null)",
}


class LineMap:
    """Maps a path in the merged data to the place in a file it was read from."""

    def __init__(self) -> None:
        self._where: dict[DataPath, Location] = {}
        # The text as written of plain values YAML turned into true/false, numbers or null, so a
        # message can say "write "on" in quotes" rather than "found bool (True)".
        self.typed: dict[DataPath, tuple[str, str]] = {}

    def record(self, path: DataPath, where: Location) -> None:
        self._where[path] = where

    def exact(self, path: DataPath) -> Location | None:
        """Where this very value was read, or None when no file holds it."""
        return self._where.get(tuple(path))

    def find(self, path: DataPath) -> Location:
        """The closest recorded place: the value itself, else its nearest parent."""
        probe = tuple(path)
        while probe:
            if probe in self._where:
                return self._where[probe]
            probe = probe[:-1]
        return self._where.get((), Location(Path("decision_tree")))


def read_utf8(path: Path) -> str:
    """A tree file's text; a file too big, unreadable or not UTF-8 is a located problem, a BOM is dropped."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise TreeError(
                [
                    Problem(
                        Location(path, 1),
                        f"the file is {size:,} bytes, more than the {MAX_FILE_BYTES:,} a tree file may have",
                        "split it into smaller files, or check that it is the file you meant",
                    )
                ]
            )
        raw = path.read_bytes()
    except OSError as err:
        raise TreeError(
            [Problem(Location(path, 1), f"the file cannot be read ({err.strerror})", "check that it exists and is readable")]
        ) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise TreeError(
            [
                Problem(
                    Location(path, line),
                    f"byte 0x{raw[err.start]:02x} is not valid UTF-8",
                    "save the file as UTF-8 (retype the character on that line)",
                )
            ]
        ) from None
    # A byte-order mark is invisible in editors; left in, a first heading would read "\ufeff# Title".
    return text.removeprefix("\ufeff")


def _control_character(path: Path, text: str) -> Problem | None:
    """libyaml names only a character position for these; an editor needs the line."""
    found = _FORBIDDEN.search(text)
    if found is None:
        return None
    line = text.count("\n", 0, found.start()) + 1
    column = found.start() - (text.rfind("\n", 0, found.start()) + 1) + 1
    return Problem(
        Location(path, line),
        f"an invisible control character U+{ord(found.group()):04X} is in column {column}",
        "delete it (retype the line if your editor does not show it)",
    )


def _yaml_problem(path: Path, text: str, err: yaml.YAMLError) -> Problem:
    mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
    line = mark.line + 1 if mark is not None else None
    problem = getattr(err, "problem", None) or str(err)
    lines = text.splitlines()
    if mark is not None and line and line <= len(lines) and "\t" in lines[line - 1][: mark.column + 1]:
        return Problem(Location(path, line), "a tab character is used for indentation", "indent with spaces, not tabs")
    context = getattr(err, "context", None)
    text = f"YAML syntax error: {problem}" + (f" ({context})" if context else "")
    return Problem(Location(path, line or 1), text, "check the indentation, colons and quotes on this line and the one before")


class _Refused(Exception):
    """A YAML feature the tree does not use: reading the file stops at the first one."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem


class _Frame:
    """An open mapping or list while the events are read."""

    __slots__ = ("at", "base", "key", "key_line", "seen", "value")

    def __init__(self, value: dict[str, Any] | list[Any], at: DataPath, base: int = 0) -> None:
        self.value = value
        self.at = at
        self.base = base  # a top-level list's items are numbered after earlier files' items
        self.key: str | None = None
        self.key_line = 0
        self.seen: dict[str, int] = {}


class _Reader:
    """Builds dicts, lists and text from the parser's events, recording lines; no recursion."""

    def __init__(self, path: Path, loader: Any, lines: LineMap, offsets: dict[str, int]) -> None:
        self.path = path
        self.loader = loader
        self.lines = lines
        self.offsets = offsets
        self.problems: list[Problem] = []
        self.root_line = 1

    def _where(self, event: yaml.Event) -> Location:
        return Location(self.path, event.start_mark.line + 1)

    def _refuse(self, event: yaml.Event, what: str, fix: str) -> _Refused:
        return _Refused(Problem(self._where(event), what, fix))

    def _check_node(self, event: yaml.NodeEvent, depth: int) -> None:
        if event.anchor is not None:
            raise self._refuse(event, f"an anchor (&{event.anchor}) is used", "write the value out in full; the tree does not use anchors")
        if getattr(event, "tag", None) is not None:
            raise self._refuse(
                event,
                f"a YAML tag ({event.tag}) is used",
                "remove the tag; write plain values, and put text that YAML would misread in quotes",
            )
        if depth > MAX_DEPTH:
            raise self._refuse(
                event, f"the values are nested more than {MAX_DEPTH} levels deep", "check the indentation; the tree nests only a few levels"
            )

    def _decoded_text(self, event: yaml.ScalarEvent) -> None:
        """A character the raw-file check cannot see, because an escape wrote it, is a located problem too."""
        found = _FORBIDDEN_DECODED.search(event.value)
        if found is None:
            return
        code = ord(found.group())
        kind = "a Unicode noncharacter" if code >= 0xFDD0 else "an invisible control character"
        self.problems.append(
            Problem(
                self._where(event),
                f"the value holds {kind}, U+{code:04X} (character {found.start() + 1} of the value, as YAML decodes it), "
                "which no page or feed may carry",
                "delete it: in a double-quoted value remove the escape that writes it (such as \\x01, \\0, \\uFFFE or \\N)",
            )
        )

    def _scalar(self, event: yaml.ScalarEvent, at: DataPath) -> Any:
        """Quoted values and dates stay text; unquoted true/false, numbers and null become those."""
        self._decoded_text(event)
        if not event.implicit[0]:
            return event.value
        tag = self.loader.resolve(yaml.ScalarNode, event.value, event.implicit)
        if tag == _MERGE:
            raise self._refuse(event, "a merge key (<<) is used", "write the keys out in full; the tree does not use merge keys")
        if tag not in _TYPED:
            return event.value
        node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
        try:
            value = self.loader.yaml_constructors[tag](self.loader, node)
        except (ValueError, yaml.YAMLError):
            return event.value
        self.lines.typed[at] = (event.value, _TYPED[tag])
        return value

    def _child_path(self, parent: _Frame | None, event: yaml.Event) -> DataPath | None:
        """Where the value that starts at this event goes; None when it is a mapping key."""
        if parent is None:
            return ()
        if isinstance(parent.value, list):
            return (*parent.at, parent.base + len(parent.value))
        if parent.key is None:
            return None
        return (*parent.at, parent.key)

    def _add(self, parent: _Frame, value: Any) -> None:
        if isinstance(parent.value, list):
            parent.value.append(value)
            return
        key = parent.key
        assert key is not None
        parent.key = None
        if key in parent.seen:
            first = parent.seen[key]
            self.problems.append(
                Problem(
                    Location(self.path, parent.key_line),
                    f"the key '{key}' appears twice in the same block (first on line {first})",
                    "keep one of them",
                )
            )
            return
        parent.seen[key] = parent.key_line
        parent.value[key] = value
        self.lines.record((*parent.at, key), Location(self.path, parent.key_line))

    def _key(self, parent: _Frame, event: yaml.Event) -> None:
        if not isinstance(event, yaml.ScalarEvent):
            raise self._refuse(event, "a key is a list or mapping", "write keys as plain words followed by a colon")
        self._check_node(event, 0)
        key = self._scalar(event, (*parent.at, "<key>"))
        if not isinstance(key, str):
            shown = self.lines.typed.pop((*parent.at, "<key>"), (repr(key), ""))[0]
            raise self._refuse(event, f"the key '{shown}' is not read as text", f'write keys as plain words, or quote it: "{shown}"')
        parent.key = key
        parent.key_line = event.start_mark.line + 1

    def read(self) -> Any:
        """The document's root value (None for an empty file); raises _Refused or yaml.YAMLError."""
        stack: list[_Frame] = []
        root: Any = None
        documents = 0
        loader = self.loader
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    raise self._refuse(
                        event, "a second YAML document starts here (---)", "remove the --- line; one file holds one document"
                    )
                continue
            if isinstance(event, (yaml.StreamStartEvent, yaml.StreamEndEvent, yaml.DocumentEndEvent)):
                continue
            if isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                done = stack.pop()
                if stack:
                    self._add(stack[-1], done.value)
                else:
                    root = done.value
                continue
            parent = stack[-1] if stack else None
            if isinstance(event, yaml.AliasEvent):
                raise self._refuse(
                    event, f"an alias (*{event.anchor}) is used", "write the value out in full; the tree does not use aliases"
                )
            at = self._child_path(parent, event)
            if at is None:
                assert parent is not None
                self._key(parent, event)
                continue
            self._check_node(event, len(stack) + 1)
            if parent is None:
                self.root_line = event.start_mark.line + 1
            self.lines.record(at, self._where(event))
            if isinstance(event, yaml.ScalarEvent):
                value = self._scalar(event, at)
                if parent is None:
                    root = value
                else:
                    self._add(parent, value)
            elif isinstance(event, yaml.MappingStartEvent):
                stack.append(_Frame({}, at))
            elif isinstance(event, yaml.SequenceStartEvent):
                base = self.offsets.get(str(at[0]), 0) if len(at) == 1 else 0
                stack.append(_Frame([], at, base))
        return root


def load_file(path: Path, lines: LineMap, offsets: dict[str, int]) -> tuple[dict[str, Any], list[Problem]]:
    """Load one file; list items are numbered after those of earlier files (offsets)."""
    text = read_utf8(path)
    control = _control_character(path, text)
    if control is not None:
        return {}, [control]
    loader = _Loader(text)
    reader = _Reader(path, loader, lines, offsets)
    try:
        root = reader.read()
    except _Refused as refused:
        return {}, [refused.problem]
    except yaml.YAMLError as err:
        return {}, [_yaml_problem(path, text, err)]
    finally:
        loader.dispose()
    if root is None:
        return {}, [
            Problem(
                Location(path, 1),
                "the file holds no data (it is empty or only comments)",
                "restore its content (git checkout the file) or delete the file",
            )
        ]
    if not isinstance(root, dict):
        return {}, [
            Problem(
                Location(path, reader.root_line),
                "the file must be a mapping of top-level keys (nodes:, facts:, …)",
                "start each top-level section at column 0 as 'key:'",
            )
        ]
    return root, reader.problems


def load_tree_data(paths: list[Path]) -> tuple[dict[str, Any], LineMap]:
    """Merge every file: lists are joined in file order, single keys may be set once."""
    lines = LineMap()
    merged: dict[str, Any] = {}
    problems: list[Problem] = []
    first_seen: dict[str, Location] = {}
    offsets: dict[str, int] = {}
    for path in paths:
        try:
            data, found = load_file(path, lines, offsets)
        except TreeError as err:  # unreadable, too big or not UTF-8: report it with the other files' problems
            data, found = {}, err.problems
        problems.extend(found)
        for key, value in data.items():
            where = lines.find((key,))
            if isinstance(value, list) and key not in SINGLE_KEYS:
                existing = merged.setdefault(key, [])
                if not isinstance(existing, list):
                    problems.append(Problem(where, f"'{key}' is a list here but not in {first_seen[key]}", "make both lists"))
                    continue
                existing.extend(value)
                offsets[key] = len(existing)
            elif key in merged:
                problems.append(Problem(where, f"'{key}' is already set in {first_seen[key]}", f"set '{key}' in one file only"))
            else:
                merged[key] = value
            first_seen.setdefault(key, where)
    if problems:
        raise TreeError(problems)
    if paths:
        lines.record((), Location(paths[0], 1))
    return merged, lines
