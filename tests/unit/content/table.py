"""The invariants table (invariants.yaml): loaded once, its keys checked, its page groups expanded.

Why a table: a wording fix should edit the one line that pins the old words, not a
test file per review. The tests that read it are in test_wording.py; this module
only turns the YAML into test cases, so a typo in a key fails loudly instead of
silently checking nothing.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

TABLE = Path(__file__).with_name("invariants.yaml")

TEXT_CHECKS = {"says", "says_not", "says_not_any_case", "starts", "starts_not", "ends", "ends_not", "equals"}
KEYS: dict[str, set[str]] = {
    "rows": TEXT_CHECKS
    | {"why", "pages", "question", "quotes", "quotes_not", "conflict", "silent", "fact", "fact_not", "fact_backs", "order", "own"}
    | {"first_quote", "page_notes", "page_notes_not", "choice", "in_yaml"},
    "facts": TEXT_CHECKS
    | {"why", "fact", "topic", "cites", "sources_include", "inference_says", "inference_says_not", "shown_on", "shown_on_exactly"},
    "notes": TEXT_CHECKS
    | {"why", "note", "kind", "title", "title_says", "topic", "says_lower", "cites", "sources", "cites_not_any", "shown_on"}
    | {"not_shown_on", "listed_on", "marked", "absent"},
    "shown": {"why", "pages", "topic", "facts_cite", "silence_notes", "topic_facts_say", "topic_facts_say_not"},
    "options": {"why", "to", "count", "label_says", "label_says_not", "label_not_regex", "hint_says"},
    "intros": {"why", "node", "says"},
}
SECTIONS = {*KEYS, "groups", "nowhere"}


@cache
def table() -> dict[str, Any]:
    return yaml.safe_load(TABLE.read_text(encoding="utf-8"))


def pages(value: str | list[str]) -> list[str]:
    """A page id, a group name, or a list of either → page ids."""
    groups: dict[str, list[str]] = table()["groups"]
    names = [value] if isinstance(value, str) else value
    return [page for name in names for page in groups.get(name, [name])]


def entries(section: str) -> list[tuple[str, dict[str, Any]]]:
    return list(table()[section].items())


def cases(section: str) -> list[Any]:
    """One case per entry (facts, notes, options, intros, nowhere), named by the invariant."""
    if section == "nowhere":
        return [pytest.param(item, id=item["words"]) for item in table()["nowhere"]]
    return [pytest.param(name, entry, id=f"{section}/{name}") for name, entry in entries(section)]


def page_cases(section: str) -> list[Any]:
    """One case per entry and page (rows, shown): the id says which invariant failed on which page."""
    return [
        pytest.param(name, page, entry, id=f"{section}/{name}@{page}") for name, entry in entries(section) for page in pages(entry["pages"])
    ]


def quote_pairs(value: dict[str, list[str]] | None) -> list[tuple[str, str]]:
    """{source: [words, …]} → [(source, words), …]."""
    return [(source, words) for source, all_words in (value or {}).items() for words in all_words]
