"""Sentences about a copy of a source take its facts from the source's record, not from prose that goes stale.

An editor writes ``{aoai-privacy.date}`` in a fact, note, row or date note where a
sentence names the copy ("its change log runs to {aoai-privacy.date}"); the build
writes the current copy's date there ("17 December 2024"), so the sentence stays
true when `make source-update` installs a newer copy. Fields:

- ``{ID.date}``: the publisher's date of the current copy (date:), as 17 December 2024
- ``{ID.adopted}``: the date the current copy was taken into the tree (adopted:)

The change log (changes:) and the review records (reviews:) are history and keep
their words; a kept copy's record (copies:) is frozen with the values of its time.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

PLACEHOLDER = re.compile(r"\{([a-z0-9]+(?:-[a-z0-9]+)*)\.(date|adopted)\}")
FROZEN_KEYS = frozenset({"changes", "reviews"})  # top-level lists whose text is history
FROZEN_SOURCE_KEYS = frozenset({"copies", "cleaning"})


def long_date(iso: str) -> str:
    """2024-12-17 → 17 December 2024, as the site's prose writes dates."""
    day = dt.date.fromisoformat(iso)
    return f"{day.day} {day:%B} {day.year}"


def source_fields(data: dict[str, Any]) -> dict[str, dict[str, str | None]]:
    return {s.get("id", ""): {"date": s.get("date"), "adopted": s.get("adopted")} for s in data.get("sources", []) if isinstance(s, dict)}


def fill(text: str, fields: dict[str, dict[str, str | None]]) -> str:
    """The text with every known placeholder replaced; unknown ones stay for checks.copy_placeholders to report."""

    def value(match: re.Match[str]) -> str:
        found = fields.get(match.group(1), {}).get(match.group(2))
        try:
            return long_date(found) if found else match.group(0)
        except (TypeError, ValueError):  # a date the schema check is about to refuse
            return match.group(0)

    return PLACEHOLDER.sub(value, text)


def fill_data(data: dict[str, Any]) -> dict[str, Any]:
    """A copy of the merged tree data with placeholders filled, history and kept copies left as written."""
    fields = source_fields(data)

    def walk(value: Any, top: str | None, in_source: bool) -> Any:
        if isinstance(value, str):
            return fill(value, fields) if "{" in value else value
        if isinstance(value, list):
            return [walk(v, top, in_source) for v in value]
        if isinstance(value, dict):
            return {k: v if (in_source and k in FROZEN_SOURCE_KEYS) or k == "quote" else walk(v, top, in_source) for k, v in value.items()}
        return value

    return {key: value if key in FROZEN_KEYS else walk(value, key, key == "sources") for key, value in data.items()}


def unknown_placeholders(text: str, fields: dict[str, dict[str, str | None]]) -> list[str]:
    """Placeholders that name no source, or a field the source has no date for."""
    return [m.group(0) for m in PLACEHOLDER.finditer(text) if not fields.get(m.group(1), {}).get(m.group(2))]
