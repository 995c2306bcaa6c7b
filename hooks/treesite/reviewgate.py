"""The review gate: items an update of a source marked stay unpublishable until an editor records a review.

source-update (treesite.sourceupdate) writes one review list per adopted copy
into reviews.yaml; these are errors, not warnings, so they stop `make check`
and every build at any log level.
"""

from __future__ import annotations

from .checks import pages_stating
from .errors import Problem
from .model import Tree


def item_pages(tree: Tree) -> dict[str, list[str]]:
    """Pages that show each citing item: facts and notes as pages_stating, an At-a-glance row its node's page."""
    pages = dict(pages_stating(tree))
    for node in tree.nodes:
        for qid in node.glance:
            pages[f"{node.id} glance {qid}"] = [node.url]
    return pages


def item_kind(tree: Tree, item: str) -> str | None:
    """'fact', 'note' or 'row' for an item named in a review list; None when the tree has no such item."""
    if item in tree.facts_by_id:
        return "fact"
    if item in tree.notes_by_id:
        return "note"
    node_id, _, question = item.partition(" glance ")
    if question and node_id in tree.nodes_by_id and question in tree.nodes_by_id[node_id].glance:
        return "row"
    return None


def review_gate(tree: Tree) -> list[Problem]:
    """Every item an update marked stays unpublishable until an editor records its review against the new copy.

    source-update writes the review list (reviews:); an item passes only with a
    reviewed: date on or after the copy was adopted, so re-copying a quote alone
    never passes. Records the check on the source (Source.checked) for its page.
    """
    problems: list[Problem] = []
    sources = tree.sources_by_id
    pages: dict[str, list[str]] | None = None
    for record in tree.reviews:
        source = sources.get(record.source)
        if source is None:
            problems.append(
                Problem(record.where, f"the review list names an unknown source '{record.source}'", "name a source of sources.yaml")
            )
            continue
        keys = {c.key: c.adopted for c in source.copies}
        if source.key:
            keys[source.key] = source.adopted or ""
        if record.copy not in keys:
            problems.append(
                Problem(
                    record.where, f"source '{record.source}' has no copy {record.copy}", f"use one of: {', '.join(sorted(keys)) or 'none'}"
                )
            )
            continue
        adopted = keys[record.copy]
        pending = False
        for item in record.items:
            kind = item_kind(tree, item.item)
            if kind is None:
                problems.append(
                    Problem(
                        item.where,
                        f"the review list names '{item.item}', which is no fact, note or row",
                        "correct the id or delete the entry",
                    )
                )
                continue
            if item.reviewed is None:
                pending = True
                pages = pages if pages is not None else item_pages(tree)
                shown = ", ".join(pages.get(item.item, [])) or "no page"
                problems.append(
                    Problem(
                        item.where,
                        f"{kind} '{item.item}' (on {shown}) is not yet reviewed against copy {record.copy} of '{record.source}': "
                        + "; ".join(item.changed),
                        f"check it against {source.file}, edit it and add a change entry if the new words change what it says, "
                        f'then set reviewed: "YYYY-MM-DD" on this entry',
                    )
                )
            elif item.reviewed < adopted:
                pending = True
                problems.append(
                    Problem(
                        item.where,
                        f"{kind} '{item.item}' was reviewed on {item.reviewed}, before copy {record.copy} of '{record.source}' "
                        f"was adopted ({adopted})",
                        "review it against the new copy and set reviewed: to that date",
                    )
                )
        if record.copy == source.key and not pending:
            source.checked = record.compared
    return problems
