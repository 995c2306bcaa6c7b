"""Errors that point an editor at the exact place to fix.

Every problem found in the tree carries the file, the line and a fix, because
the people who edit the YAML are not the people who wrote the build: a message
that only says "invalid" costs them an hour.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Location:
    """Where a value came from; line is 1-based, None when unknown."""

    file: Path
    line: int | None = None

    def __str__(self) -> str:
        return f"{self.file}:{self.line}" if self.line else str(self.file)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the tree, phrased as what is wrong and how to fix it."""

    where: Location
    message: str
    fix: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}. Fix: {self.fix}"


class TreeError(Exception):
    """Raised when the tree cannot be built; holds every problem found, not just the first."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))
