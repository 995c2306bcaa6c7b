"""A page's history: the changes that touched it, as its "What changed here" list shows them."""

from __future__ import annotations

from dataclasses import dataclass

from ..changelog import Entry
from ..model import Tree
from .paths import CHANGES_PAGE, href, html_url, rel, update_page

HISTORY_SHOWN = 5  # entries listed on a page; the What changed page has them all


@dataclass(frozen=True)
class HistoryItem:
    """One change as a page shows it; link goes to the entry on the What changed page."""

    date: str
    summary: str
    why: str
    link: str
    update: tuple[str, str] | None = None  # a source update: (the source's short name, link to its What changed page)


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


def source_update(tree: Tree, entry: Entry, page: str) -> tuple[str, str] | None:
    """(the source's short name, link from page to the update's What changed page) when the entry records a source update."""
    if entry.update is None:
        return None
    source_id, key = entry.update
    return tree.sources_by_id[source_id].short_name, href(page, update_page(source_id, key))


def page_history(tree: Tree, entries: list[Entry], page: str) -> list[HistoryItem]:
    """The page's changes, each linking to its entry on the What changed page (relative to page).

    An entry that records a source update also links to what changed in the source:
    the answer pages an update changed say so in their history.
    """
    changes_link = html_url(rel(page, CHANGES_PAGE))
    return [
        HistoryItem(e.date, e.change.summary, e.change.why, f"{changes_link}#{e.anchor}", source_update(tree, e, page)) for e in entries
    ]
