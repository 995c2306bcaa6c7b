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
from .model import Change, Node, Retired, Tree


@dataclass(frozen=True)
class Entry:
    """A change with its pages resolved, and a stable anchor for links and the feed.

    History is permanent while ids are not: a ref to a renamed node follows its
    redirect to the node that replaced it, and a ref to a retired page stays in
    ``retired`` (its URL still shows the retired notice).
    """

    change: Change
    nodes: tuple[Node, ...]
    anchor: str
    retired: tuple[Retired, ...] = ()
    update: tuple[str, str] | None = None  # (source id, key of the superseded copy): the update this entry records

    @property
    def date(self) -> str:
        return self.change.date


def _resolve(tree: Tree, ref: str) -> Node | Retired | None:
    """A page ref (node id, its URL, or index.html) → the node now at that address, its retired page, or None."""
    nodes = tree.nodes_by_id
    if ref in nodes:
        return nodes[ref]
    if ref == "index.html":
        return nodes.get(tree.start)
    urls = {ref} if ref.endswith(".html") else {f"a/{ref}.html", f"q/{ref}.html"}
    for node in tree.nodes:
        if node.url in urls:
            return node
    for redirect in tree.redirects:
        if redirect.from_url in urls and redirect.to in nodes:
            return nodes[redirect.to]
    for retired in tree.retired:
        if retired.url in urls:
            return retired
    return None


def update_of(tree: Tree, change: Change) -> tuple[str, str] | None:
    """(source id, key of the superseded copy) of the update a change entry records (``source_update:``).

    None when the entry records no update, or names a source or copy the tree does
    not have (check_changes reports those).
    """
    update = change.source_update
    source = tree.sources_by_id.get((update or {}).get("source", ""))
    if update is None or source is None or update.get("from") not in {c.key for c in source.copies}:
        return None
    return source.id, update["from"]


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
            page = _resolve(tree, ref)
            if page is None:
                sample = ", ".join(sorted(tree.nodes_by_id)[:8])
                problems.append(
                    Problem(
                        where,
                        f"the change entry names the page '{ref}', which does not exist",
                        f"use a node id ({sample}, …) or its URL; for a renamed or removed page "
                        "keep the old ref and add a redirect or retired entry",
                    )
                )
                continue
            key = page.id if isinstance(page, Node) else page.url
            if key in seen:
                problems.append(Problem(where, f"the change entry names '{ref}' twice", "list each page once"))
            seen.add(key)
        if change.source_update and update_of(tree, change) is None:
            update = change.source_update
            problems.append(
                Problem(
                    change.where,
                    f"the change entry records an update of source '{update.get('source')}' from copy {update.get('from')}, "
                    "which the tree does not keep",
                    "name a source id and the key of one of its copies: (the copy the update superseded), as make source-update writes it",
                )
            )
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
    """Every entry, newest first. Assumes check_changes passed.

    Entries of one day carry no time, so the one written later in the list counts
    as the newer: a page's five-entry history then shows the last fixes of a busy
    day, not its first ones.
    """
    resolved = []
    for change in tree.changes:
        pages = [_resolve(tree, ref) for ref in change.pages]
        nodes = tuple({p.id: p for p in pages if isinstance(p, Node)}.values())
        retired = tuple({p.url: p for p in pages if isinstance(p, Retired)}.values())
        resolved.append(Entry(change, nodes, anchor_for(change), retired, update_of(tree, change)))
    newest_first = sorted(enumerate(resolved), key=lambda pair: (pair[1].date, pair[0]), reverse=True)
    return [entry for _, entry in newest_first]


def by_node(all_entries: list[Entry]) -> dict[str, list[Entry]]:
    """node id → the entries that cover it, newest first (minor ones included: they count for the lock)."""
    out: dict[str, list[Entry]] = {}
    for entry in all_entries:
        for node in entry.nodes:
            out.setdefault(node.id, []).append(entry)
    return out
