"""A page's history: the changes that touched it, as its "What changed here" list shows them."""

from __future__ import annotations

from dataclasses import dataclass

from ..changelog import Entry
from .paths import CHANGES_PAGE, html_url, rel

HISTORY_SHOWN = 5  # entries listed on a page; the What changed page has them all


@dataclass(frozen=True)
class HistoryItem:
    """One change as a page shows it; link goes to the entry on the What changed page."""

    date: str
    summary: str
    why: str
    link: str


def by_node(changes: list[Entry]) -> dict[str, list[Entry]]:
    """Node id -> the changes that touched its page, in the changes' order (newest first).

    A minor change (a typo fix) is recorded, but is not a change of the answer, so no page lists it.
    """
    history: dict[str, list[Entry]] = {}
    for entry in changes:
        if not entry.change.minor:
            for node in entry.nodes:
                history.setdefault(node.id, []).append(entry)
    return history


def page_history(entries: list[Entry], page: str) -> list[HistoryItem]:
    """The page's changes, each linking to its entry on the What changed page (relative to page)."""
    changes_link = html_url(rel(page, CHANGES_PAGE))
    return [HistoryItem(e.date, e.change.summary, e.change.why, f"{changes_link}#{e.anchor}") for e in entries]
