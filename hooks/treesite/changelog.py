"""The change log: which entries touch which page, newest first, and checks on the entries.

Entries live in the tree YAML (``changes:``), written by editors. A page ref is
a node id or the node's URL; both resolve to the node id here, once, so pages,
the What changed page and the feed agree on which entry covers which page.
"""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass

from .errors import Problem
from .model import Change, Node, Tree


@dataclass(frozen=True)
class Entry:
    """A change with its pages resolved to nodes, and a stable anchor for links and the feed."""

    change: Change
    nodes: tuple[Node, ...]
    anchor: str

    @property
    def date(self) -> str:
        return self.change.date


def _resolve(tree: Tree, ref: str) -> Node | None:
    if ref in tree.nodes_by_id:
        return tree.nodes_by_id[ref]
    by_url = {n.url: n for n in tree.nodes}
    if ref == "index.html":
        return tree.nodes_by_id.get(tree.start)
    return by_url.get(ref)


def anchor_for(change: Change) -> str:
    """change-DATE-HASH: stable when entries are added or reordered, so feed ids never move."""
    digest = hashlib.sha256(f"{change.date}\n{' '.join(change.summary.split())}".encode()).hexdigest()[:8]
    return f"change-{change.date}-{digest}"


def check_changes(tree: Tree) -> list[Problem]:
    """Dates must be real calendar dates and every page ref must name a node."""
    problems: list[Problem] = []
    for change in tree.changes:
        try:
            datetime.date.fromisoformat(change.date)
        except ValueError:
            problems.append(
                Problem(change.where, f"the change date {change.date} is not a real date", "write an existing date as YYYY-MM-DD")
            )
        seen: set[str] = set()
        for ref, where in zip(change.pages, change.page_lines, strict=True):
            node = _resolve(tree, ref)
            if node is None:
                sample = ", ".join(sorted(tree.nodes_by_id)[:8])
                problems.append(
                    Problem(
                        where, f"the change entry names the page '{ref}', which does not exist", f"use a node id ({sample}, …) or its URL"
                    )
                )
            elif node.id in seen:
                problems.append(Problem(where, f"the change entry names '{ref}' twice", "list each page once"))
            else:
                seen.add(node.id)
    anchors: dict[str, Change] = {}
    for change in tree.changes:
        anchor = anchor_for(change)
        if anchor in anchors:
            problems.append(
                Problem(change.where, f"two change entries on {change.date} have the same summary", "merge them into one entry")
            )
        anchors[anchor] = change
    return problems


def entries(tree: Tree) -> list[Entry]:
    """Every entry, newest first; entries of one day keep the order they are written in. Assumes check_changes passed."""
    resolved = []
    for change in tree.changes:
        nodes = tuple(n for n in (_resolve(tree, ref) for ref in change.pages) if n is not None)
        resolved.append(Entry(change, nodes, anchor_for(change)))
    return sorted(resolved, key=lambda e: e.date, reverse=True)


def by_node(all_entries: list[Entry]) -> dict[str, list[Entry]]:
    """node id → the entries that cover it, newest first (minor ones included: they count for the lock)."""
    out: dict[str, list[Entry]] = {}
    for entry in all_entries:
        for node in entry.nodes:
            out.setdefault(node.id, []).append(entry)
    return out
