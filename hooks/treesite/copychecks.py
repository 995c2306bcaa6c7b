"""Checks of the kept copies of sources (copies:) and of their cleaning steps (cleaning:)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from .checks import source_path
from .cleaning import step_problems
from .errors import Location, Problem, TreeError
from .model import Tree
from .sourcetext import read_source


def kept_copies(tree: Tree, base: Path) -> list[Problem]:
    """Read each kept copy's text (SourceCopy.text) as sources_and_quotes reads the current one, with the same safety checks."""
    problems: list[Problem] = []
    for source in tree.sources:
        kept = []
        for copy in source.copies:
            copy_path, outside = source_path(base, copy.file)
            if outside or not copy_path.is_file():
                why = outside or "is missing"
                problems.append(
                    Problem(
                        copy.where, f"the kept copy {copy.key} of source '{source.id}' ({copy.file}) {why}", "restore the file from git"
                    )
                )
                continue
            try:
                copy_text = read_source(copy_path)
            except TreeError as err:
                problems.extend(err.problems)
                continue
            if (unsafe := copy_text.unsafe_line()) is not None:
                problems.append(
                    Problem(
                        Location(copy_path, unsafe), "raw HTML or a javascript: URL in a source text", "write it as plain Markdown text"
                    )
                )
            kept.append(replace(copy, text=copy_text))
        source.copies = kept if len(kept) == len(source.copies) else source.copies
    return problems


def cleaning_steps(tree: Tree) -> list[Problem]:
    """Every cleaning rule named in sources.yaml exists in treesite.cleaning and gets the parameters it takes."""
    problems: list[Problem] = []
    for source in tree.sources:
        for step, where in zip(source.cleaning, source.cleaning_lines or [source.where] * len(source.cleaning), strict=True):
            for message in step_problems(step):
                problems.append(
                    Problem(
                        where,
                        f"cleaning of source '{source.id}': {message}",
                        "fix the rule name or its parameters, or write manual: SENTENCE",
                    )
                )
    return problems


def source_copies(tree: Tree) -> list[Problem]:
    """Kept copies come before the current one, oldest first, each superseded the day the next was adopted."""
    problems: list[Problem] = []
    for source in tree.sources:
        if source.copies and not source.adopted:
            problems.append(
                Problem(source.where, f"source '{source.id}' keeps earlier copies but has no adopted: date", 'add adopted: "YYYY-MM-DD"')
            )
        keys = [c.key for c in source.copies]
        for index, copy in enumerate(source.copies):
            next_adopted = source.copies[index + 1].adopted if index + 1 < len(source.copies) else source.adopted
            if keys.count(copy.key) > 1:
                problems.append(
                    Problem(copy.where, f"two copies of source '{source.id}' have the key {copy.key}", "give the later one the key DATE-2")
                )
            if not copy.adopted <= copy.superseded:
                problems.append(
                    Problem(
                        copy.where,
                        f"copy {copy.key} of source '{source.id}' is superseded before it was adopted",
                        "sort the copies by date",
                    )
                )
            if next_adopted and copy.superseded != next_adopted:
                problems.append(
                    Problem(
                        copy.where,
                        f"copy {copy.key} of source '{source.id}' is superseded on {copy.superseded}, "
                        f"but the next copy was adopted on {next_adopted}",
                        "list the copies oldest first; superseded: is the adopted date of the next copy",
                    )
                )
    return problems
