"""Check the merged data against decision_tree/schema.json.

The same schema file serves editors (their YAML plugin validates while they
type) and the build, so the two can never disagree about what is allowed.
Each schema rule may carry an ``x-fix`` hint that becomes the error's fix.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import fastjsonschema
from jsonschema import Draft202012Validator
from jsonschema.exceptions import SchemaError, ValidationError

from .errors import Location, Problem, TreeError
from .yamlfiles import LineMap, read_utf8

_TYPE_NAMES = {"string": "text", "array": "a list", "object": "a mapping (key: value)", "null": "empty"}
_TYPE_FIXES = {
    "array": "write a list: [a, b] or one '- item' per line",
    "object": "write indented 'key: value' lines",
    "string": "write text (quote it if it starts with a special character)",
}


def _schema_line(text: str, path: tuple[str | int, ...]) -> int:
    """The line of the last key on a path into the schema, found by reading the JSON text in order."""
    position = 0
    for part in path:
        if isinstance(part, str):
            found = text.find(json.dumps(part), position)
            if found < 0:
                break
            position = found
    return text.count("\n", 0, position) + 1


def load_schema(path: Path) -> dict[str, Any]:
    """Read and vet schema.json: a broken schema is a located problem, not a traceback later."""
    if not path.is_file():
        raise TreeError([Problem(Location(path), "schema.json is missing", "restore decision_tree/schema.json (git checkout it)")])
    text = read_utf8(path)
    fix = "repair it (compare with git diff decision_tree/schema.json) or restore it with git checkout"
    try:
        schema = json.loads(text)
    except json.JSONDecodeError as err:
        # The decoder stops at the next token; a missing comma is at the end of the text before it.
        line = text.count("\n", 0, len(text[: err.pos].rstrip())) + 1
        raise TreeError([Problem(Location(path, line), f"schema.json is not valid JSON: {err.msg}", fix)]) from None
    if not isinstance(schema, dict):
        raise TreeError([Problem(Location(path, 1), "schema.json must hold one JSON object", fix)])
    try:
        Draft202012Validator.check_schema(schema)
        _fast_validator(json.dumps(schema, sort_keys=True))
    except SchemaError as err:
        line = _schema_line(text, tuple(err.absolute_path))
        raise TreeError([Problem(Location(path, line), f"schema.json is not a valid JSON schema: {err.message}", fix)]) from None
    except (fastjsonschema.JsonSchemaDefinitionException, re.error, RecursionError) as err:
        raise TreeError([Problem(Location(path, 1), f"schema.json cannot be compiled: {err}", fix)]) from None
    return schema


@functools.lru_cache(maxsize=4)
def _fast_validator(schema_text: str) -> Callable[[Any], Any]:
    """fastjsonschema compiles the schema to Python: the yes/no answer for a valid tree is 30x quicker.

    Its $id would make it resolve references over the network, so that key is dropped.
    """
    schema = {k: v for k, v in json.loads(schema_text).items() if k not in {"$id", "$schema"}}
    return fastjsonschema.compile(schema)


def _describe(error: ValidationError, lines: LineMap) -> tuple[str, str, tuple[str | int, ...]]:
    """Return (message, fix, path of the culprit) in an editor's words."""
    path = tuple(error.absolute_path)
    schema = error.schema if isinstance(error.schema, dict) else {}
    hint = schema.get("x-fix", "")
    kind = error.validator
    if kind == "additionalProperties":
        allowed = sorted(schema.get("properties", {}))
        instance = error.instance if isinstance(error.instance, dict) else {}
        extra = sorted(set(instance) - set(allowed))
        return (
            f"unknown key '{extra[0]}'",
            f"remove it or correct its spelling; allowed keys here: {', '.join(allowed)}",
            (*path, extra[0]),
        )
    if kind == "required":
        missing = str(error.message).split("'")[1]  # jsonschema: "'name' is a required property"
        # The missing key's own x-fix says what to write there (a row's cites: its key quote).
        wanted = schema.get("properties", {}).get(missing, {})
        own = wanted.get("x-fix") if isinstance(wanted, dict) else None
        return f"the required key '{missing}' is missing", hint or (f"add '{missing}:': {own}" if own else f"add '{missing}:'"), path
    if kind == "type":
        wanted = error.validator_value
        wanted_text = (
            _TYPE_NAMES.get(wanted, wanted)
            if isinstance(wanted, str)
            else " or ".join(map(str, wanted if isinstance(wanted, list) else []))
        )
        got = type(error.instance).__name__
        typed = lines.typed.get(path)
        if typed is not None and wanted == "string":
            written, read_as = typed
            if not written:
                return "the value is empty", hint or "write the value after the colon", path
            return (
                f"the value {written} is read by YAML as {read_as}, not as text",
                f'put it in quotes: "{written}"',
                path,
            )
        fix = hint or _TYPE_FIXES.get(wanted if isinstance(wanted, str) else "", f"write {wanted_text}")
        return f"expected {wanted_text} but found {got} ({error.instance!r:.40})", fix, path
    if kind in {"minLength", "pattern", "maxLength", "enum", "oneOf", "minItems"}:
        shown = repr(error.instance)
        if len(shown) > 60:
            shown = shown[:57] + "…'"
        what = {
            "minLength": "is empty or too short",
            "maxLength": "is too long",
            "pattern": "is not allowed here",
            "enum": "is not one of the allowed values",
            "oneOf": "is not in the expected form",
            "minItems": "is empty",
        }[kind]
        return f"the value {shown} {what}", hint or str(error.message), path
    return str(error.message), hint or "see decision_tree/schema.json", path


def _missing_top_level_key(message: str, lines: LineMap) -> Problem:
    """A key no file sets (site:, start:) belongs with the nodes: report it in that file, and say so.

    Reported at the first file of the tree it would name a file that has nothing to do
    with it (changes.yaml in the real tree). The nodes' file is where an editor looks for
    site: and start:; a tree without nodes: gets it in its first file.
    """
    missing = message.split("'")[1]
    holder = lines.exact(("nodes",)) or lines.find(())
    target = holder.file.name
    if missing == "nodes":
        fix = f"add nodes: (the question and answer nodes) to {target}, or restore nodes.yaml"
    else:
        fix = f"add {missing}: to {target}, the file that holds nodes: (see EDITING.md, Editing the tree)"
    return Problem(Location(holder.file, 1), f"{message}: no file of the tree sets it, and {target} should", fix)


def check_schema(data: dict[str, Any], schema: dict[str, Any], lines: LineMap) -> list[Problem]:
    """Fast check first; only a tree that fails it pays for jsonschema's full list of located errors."""
    try:
        _fast_validator(json.dumps(schema, sort_keys=True))(data)
        return []
    except fastjsonschema.JsonSchemaValueException as err:
        fast_error = err
    validator = Draft202012Validator(schema)
    problems: list[Problem] = []
    errors = sorted(validator.iter_errors(data), key=lambda e: [str(p) for p in e.absolute_path])
    reported: set[tuple[str | int, ...]] = set()
    for error in errors:
        message, fix, path = _describe(error, lines)
        if path in reported:
            continue  # one problem per value: an empty label breaks two rules but needs one fix
        reported.add(path)
        if error.validator == "required" and not error.absolute_path:
            problems.append(_missing_top_level_key(message, lines))
            continue
        problems.append(Problem(lines.find(path), message, fix))
    if not problems:
        # The two validators disagree (a regex dialect difference): never let the fast one's "no" pass.
        path = tuple(int(p) if isinstance(p, str) and p.isdigit() else p for p in (fast_error.path or [])[1:])
        problems.append(
            Problem(lines.find(path), f"the value breaks a schema rule ({fast_error.message})", "see decision_tree/schema.json")
        )
    return problems
