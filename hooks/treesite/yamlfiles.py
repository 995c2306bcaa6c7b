"""Read the tree's YAML files into plain data while remembering line numbers.

PyYAML's plain ``safe_load`` forgets where a value came from, and silently keeps
the last of two equal keys. Editors need both: the line of the problem, and an
error for a duplicated key. So we compose the node graph ourselves.
"""

from __future__ import annotations

import datetime as _dt
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


class LineMap:
    """Maps a path in the merged data to the place in a file it was read from."""

    def __init__(self) -> None:
        self._where: dict[DataPath, Location] = {}

    def record(self, path: DataPath, where: Location) -> None:
        self._where[path] = where

    def find(self, path: DataPath) -> Location:
        """The closest recorded place: the value itself, else its nearest parent."""
        probe = tuple(path)
        while probe:
            if probe in self._where:
                return self._where[probe]
            probe = probe[:-1]
        return self._where.get((), Location(Path("decision_tree")))


def _decode(path: Path) -> str:
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8")
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


def _yaml_problem(path: Path, text: str, err: yaml.YAMLError) -> Problem:
    mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
    line = mark.line + 1 if mark is not None else None
    problem = getattr(err, "problem", None) or str(err)
    lines = text.splitlines()
    if mark is not None and line and line <= len(lines) and "\t" in lines[line - 1][: mark.column + 1]:
        return Problem(Location(path, line), "a tab character is used for indentation", "indent with spaces, not tabs")
    context = getattr(err, "context", None)
    text = f"YAML syntax error: {problem}" + (f" ({context})" if context else "")
    return Problem(Location(path, line), text, "check the indentation, colons and quotes on this line and the one before")


class _Builder:
    """Turns composed YAML nodes into dicts, lists and scalars, recording lines."""

    def __init__(self, path: Path, loader: yaml.SafeLoader | yaml.CSafeLoader, lines: LineMap) -> None:
        self.path = path
        self.loader = loader
        self.lines = lines
        self.problems: list[Problem] = []

    def build(self, node: yaml.Node, at: DataPath) -> Any:
        self.lines.record(at, Location(self.path, node.start_mark.line + 1))
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, at)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(child, (*at, i)) for i, child in enumerate(node.value)]
        value = self.loader.construct_object(node, deep=True)
        # An unquoted 2026-11-23 is a date to YAML; the tree wants the text.
        if isinstance(value, (_dt.date, _dt.datetime)):
            return value.isoformat()[:10]
        return value

    def _mapping(self, node: yaml.MappingNode, at: DataPath) -> dict[str, Any]:
        result: dict[str, Any] = {}
        seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = self.loader.construct_object(key_node, deep=True)
            line = key_node.start_mark.line + 1
            if not isinstance(key, str):
                self.problems.append(Problem(Location(self.path, line), f"the key {key!r} is not text", "write keys as plain words"))
                continue
            if key in seen:
                self.problems.append(
                    Problem(
                        Location(self.path, line),
                        f"the key '{key}' appears twice in the same block (first on line {seen[key]})",
                        "keep one of them",
                    )
                )
                continue
            seen[key] = line
            result[key] = self.build(value_node, (*at, key))
            self.lines.record((*at, key), Location(self.path, line))
        return result


def load_file(path: Path, lines: LineMap, offsets: dict[str, int]) -> tuple[dict[str, Any], list[Problem]]:
    """Load one file; list items are numbered after those of earlier files (offsets)."""
    text = _decode(path)
    loader = _Loader(text)
    try:
        root = loader.get_single_node()
    except yaml.YAMLError as err:
        return {}, [_yaml_problem(path, text, err)]
    finally:
        loader.dispose()
    if root is None:
        return {}, []
    if not isinstance(root, yaml.MappingNode):
        return {}, [
            Problem(
                Location(path, root.start_mark.line + 1),
                "the file must be a mapping of top-level keys (nodes:, facts:, …)",
                "start each top-level section at column 0 as 'key:'",
            )
        ]
    builder = _Builder(path, loader, lines)
    data: dict[str, Any] = {}
    for key_node, value_node in root.value:
        key = loader.construct_object(key_node, deep=True)
        line = key_node.start_mark.line + 1
        if isinstance(value_node, yaml.SequenceNode):
            start = offsets.get(str(key), 0)
            items = [builder.build(child, (str(key), start + i)) for i, child in enumerate(value_node.value)]
            data[str(key)] = items
        else:
            data[str(key)] = builder.build(value_node, (str(key),))
        lines.record((str(key),), Location(path, line))
    return data, builder.problems


def load_tree_data(paths: list[Path]) -> tuple[dict[str, Any], LineMap]:
    """Merge every file: lists are joined in file order, single keys may be set once."""
    lines = LineMap()
    merged: dict[str, Any] = {}
    problems: list[Problem] = []
    first_seen: dict[str, Location] = {}
    offsets: dict[str, int] = {}
    for path in paths:
        data, found = load_file(path, lines, offsets)
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
