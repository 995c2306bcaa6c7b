"""The records of source updates: kept copies of a source (copies:) and review lists (reviews:).

Split from model.py, which builds them as part of the tree; written by
`make source-update` (treesite.sourceupdate), read by the checks, the review
gate and the source pages.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from .cleaning import Step, step_from_yaml
from .errors import Location
from .sourcetext import SourceText
from .yamlfiles import LineMap


@dataclass(frozen=True)
class SourceCopy:
    """An earlier copy of a source we cited, kept verbatim in ``file`` (written by source-update, never by hand).

    ``key`` names it in URLs (the date it was adopted, -2 for a second adoption that
    day); ``date`` and ``date_note`` are the publisher's date of that copy;
    ``superseded`` is the day the next copy was adopted. ``cleaning`` is that copy's
    cleaning record as it was.
    """

    key: str
    file: str
    date: str | None
    date_note: str | None
    adopted: str
    superseded: str
    cleaning: tuple[Step, ...]
    where: Location
    text: SourceText | None = None  # read by copychecks.kept_copies, as the current copy's is read


@dataclass(frozen=True)
class ReviewItem:
    """One fact, note or row (``item``: its id, or '<node> glance <question>') that an update marked for review.

    ``changed`` says what the update did to it (written by source-update); ``reviewed``
    is the date an editor checked the item against the copy (None: not yet, and the
    build stops).
    """

    item: str
    changed: tuple[str, ...]
    reviewed: str | None
    where: Location
    note: str | None = None


@dataclass(frozen=True)
class ReviewRecord:
    """One source update's review list (reviews:): every quote was compared with copy ``copy`` on ``compared``."""

    source: str
    copy: str
    compared: str
    items: tuple[ReviewItem, ...]
    where: Location


def current_key(adopted: str | None, copies: Sequence[SourceCopy]) -> str | None:
    """The key of a source's current copy: its adopted date, with -2, -3 when a kept copy already has that key."""
    if not adopted:
        return None
    kept = {c.key for c in copies}
    key, n = adopted, 1
    while key in kept:
        n += 1
        key = f"{adopted}-{n}"
    return key


def build_copies(raw: Sequence[dict[str, Any]], at: tuple[str | int, ...], lines: LineMap) -> list[SourceCopy]:
    """A source's copies: entries, oldest first, as objects (their texts are read by the checks)."""
    return [
        SourceCopy(
            key=c["key"],
            file=c["file"],
            date=c.get("date"),
            date_note=c.get("date_note"),
            adopted=c["adopted"],
            superseded=c["superseded"],
            cleaning=tuple(step_from_yaml(step) for step in c.get("cleaning", [])),
            where=lines.find((*at, "copies", j, "key")),
        )
        for j, c in enumerate(raw)
    ]


def build_reviews(raw: Sequence[dict[str, Any]], lines: LineMap) -> list[ReviewRecord]:
    """The review lists of reviews:, each item with the line an editor edits."""
    return [
        ReviewRecord(
            source=r["source"],
            copy=r["copy"],
            compared=r["compared"],
            items=tuple(
                ReviewItem(
                    item=i["item"],
                    changed=tuple(i.get("changed", [])),
                    reviewed=i.get("reviewed"),
                    where=lines.find(("reviews", k, "items", j, "item")),
                    note=i.get("note"),
                )
                for j, i in enumerate(r.get("items", []))
            ),
            where=lines.find(("reviews", k, "source")),
        )
        for k, r in enumerate(raw)
    ]
