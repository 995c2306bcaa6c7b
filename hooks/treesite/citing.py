"""What cites a source, and which of our own sentences name a copy of it: the inputs of an update's report and review list."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .checks import cite_owners
from .copyfields import FROZEN_KEYS, long_date
from .errors import Location
from .model import Source, Tree
from .reviewgate import item_pages
from .sourcetext import normalise
from .views.paths import html_url, source_page
from .yamlfiles import load_tree_data, read_utf8


@dataclass
class CitingItem:
    """A fact, note or At-a-glance row that quotes the source, where it is written and the pages that show it."""

    name: str
    kind: str
    where: Location
    pages: list[str]
    quotes: list[str] = field(default_factory=list)  # normalised, in the item's order


@dataclass
class CopySentence:
    """One of our own sentences that names the old copy (its date) or its change log."""

    item: str
    kind: str
    where: Location
    pages: list[str]
    text: str
    names: list[str]
    gated: bool  # it names the old copy's date: the review list holds it


def flat(text: str) -> str:
    return " ".join(text.split())


def citing_items(tree: Tree, source_id: str) -> list[CitingItem]:
    """Every fact, row and note that quotes the source, in tree order, with its pages."""
    pages = item_pages(tree)
    items: dict[str, CitingItem] = {}
    kinds = {f.id: ("fact", f.where) for f in tree.facts} | {n.id: ("note", n.where) for n in tree.notes}
    for node in tree.nodes:
        for qid, row in node.glance.items():
            kinds[f"{node.id} glance {qid}"] = ("row", row.where)
    for owner, cite in cite_owners(tree):
        if cite.source != source_id:
            continue
        kind, where = kinds[owner]
        item = items.setdefault(owner, CitingItem(owner, kind, where, pages.get(owner, [])))
        quote = normalise(cite.quote)
        if quote not in item.quotes:
            item.quotes.append(quote)
    return list(items.values())


def _date_forms(iso: str | None) -> list[str]:
    """How our prose may write a copy's date: 2024-12-17, 17 December 2024, December 17, 2024."""
    if not iso:
        return []
    day = dt.date.fromisoformat(iso)
    return [iso, long_date(iso), f"{day:%B} {day.day}, {day.year}"]


def copy_sentences(tree: Tree, files: list[Path], source: Source) -> list[CopySentence]:
    """Our sentences (facts, notes, rows, pages, sources, site) that name the old copy's date or its change log.

    Read from the YAML as written, so a sentence that takes the date from the record
    ({aoai-privacy.date}) is not stale and is not listed. History (changes:,
    reviews:), quotes and kept copies are not our sentences about the current copy.
    """
    data, lines = load_tree_data(files)
    pages = item_pages(tree)
    forms = _date_forms(source.date)
    found: list[CopySentence] = []

    def visit(value: Any, at: tuple[str | int, ...]) -> None:
        if isinstance(value, dict):
            for key, inner in value.items():
                if key in {"quote", "copies", "cleaning", "date", "adopted", "url", "also_url", "file"}:
                    continue
                visit(inner, (*at, key))
        elif isinstance(value, list):
            for index, inner in enumerate(value):
                visit(inner, (*at, index))
        elif isinstance(value, str):
            said = flat(value)
            if "{" + source.id + "." in said:
                return  # takes the copy's date from the record: it follows the new copy (treesite.copyfields)
            names = [f for f in forms if f in said]
            log = "change log" in said.lower() and source.id in _item_sources(tree, data, at)
            if names or log:
                item, kind = _item_of(data, at)
                found.append(
                    CopySentence(
                        item, kind, lines.find(at), pages.get(item, _node_pages(tree, item)), said, names or ["change log"], bool(names)
                    )
                )

    for key, value in data.items():
        if key not in FROZEN_KEYS:
            visit(value, (key,))
    return found


def placeholder_count(files: list[Path], source_id: str) -> int:
    return sum(len(re.findall(r"\{" + re.escape(source_id) + r"\.(?:date|adopted)\}", read_utf8(f))) for f in files)


def _item_of(data: dict[str, Any], at: tuple[str | int, ...]) -> tuple[str, str]:
    """The fact, note, row, page, source or site a value belongs to, named as review lists name it."""
    top = at[0]
    if top in {"facts", "notes"} and len(at) > 1:
        return data[top][at[1]]["id"], top[:-1]
    if top == "nodes" and len(at) > 1:
        node = data["nodes"][at[1]]["id"]
        if len(at) > 3 and at[2] == "glance":
            return f"{node} glance {at[3]}", "row"
        return node, "page"
    if top == "sources" and len(at) > 1:
        return f"source {data['sources'][at[1]]['id']}", "source"
    return str(top), str(top)


def _item_sources(tree: Tree, data: dict[str, Any], at: tuple[str | int, ...]) -> set[str]:
    """Sources a value's item cites (a 'change log' sentence matters only where it is about this source)."""
    item, kind = _item_of(data, at)
    if kind == "fact":
        return {c.source for c in tree.facts_by_id[item].cites}
    if kind == "note":
        return {c.source for c in tree.notes_by_id[item].cites}
    if kind == "row":
        node_id, _, qid = item.partition(" glance ")
        row = tree.nodes_by_id[node_id].glance[qid]
        return {c.source for c in row.cites} | {c.source for c in tree.facts_by_id[row.fact].cites}
    if kind == "source":
        return {item.removeprefix("source ")}
    return {s.id for s in tree.sources}


def _node_pages(tree: Tree, item: str) -> list[str]:
    node = tree.nodes_by_id.get(item)
    if node is not None:
        return [node.url]
    if item.startswith("source "):
        return [html_url(source_page(item.removeprefix("source ")))]
    return ["every page"] if item == "site" else []
