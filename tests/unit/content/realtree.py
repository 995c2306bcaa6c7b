"""The real tree as the content tests read it: what each page states, and what each item quotes.

Shared by the content tests so each asks the same question the same way: what
does this page show (its own items and the ones it inherits), and from which words.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import yaml
from treesite.load import LoadedTree, load
from treesite.model import Fact, GlanceRow, Note

from tests.helpers import REPO


@cache
def tree() -> LoadedTree:
    return load(REPO / "decision_tree")


@cache
def raw_tree_data() -> dict[str, Any]:
    """The tree's YAML as editors wrote it, placeholders such as {aoai-privacy.date} unfilled."""
    data: dict[str, Any] = {}
    for path in sorted((REPO / "decision_tree").glob("*.yaml")):
        for key, value in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).items():
            data[key] = data.get(key, []) + value if isinstance(value, list) else value
    return data


def facts_on(page: str) -> list[Fact]:
    loaded = tree()
    return [loaded.tree.facts_by_id[f] for f in loaded.graph.effective_facts(page)]


def notes_on(page: str) -> list[Note]:
    loaded = tree()
    return [loaded.tree.notes_by_id[n] for n in loaded.graph.effective_notes(page)]


def pages_showing(item_id: str) -> set[str]:
    """Every page that shows this fact or note, its own or inherited."""
    graph = tree().graph
    return {n for n in graph.order if item_id in graph.effective_facts(n) or item_id in graph.effective_notes(n)}


def answer_pages() -> list[str]:
    loaded = tree()
    return [n for n in loaded.graph.order if not loaded.tree.node(n).options]


def pages_with_cards() -> list[str]:
    """Every page that shows a card: answer pages and question pages that state facts."""
    loaded = tree()
    return [n for n in loaded.graph.order if loaded.graph.glance_rows(n)]


def all_rows() -> list[tuple[str, str, GlanceRow]]:
    """(page, question, row) for every row of every card."""
    graph = tree().graph
    return [(page, q, r) for page in pages_with_cards() for q, r in graph.glance_rows(page).items()]


def marked_rows(note_id: str) -> list[str]:
    """Every 'page/question' whose card row carries a "Sources disagree" mark to this note."""
    graph = tree().graph
    return [f"{p}/{q}" for p in graph.order for q, r in graph.glance_rows(p).items() if r.conflict == note_id]


def fact_text(fact_id: str) -> str:
    """The fact's own words, its inference and its quotes: all a row may rest on."""
    fact = tree().tree.facts_by_id[fact_id]
    return " ".join([fact.text, fact.inference or "", *(c.quote for c in fact.cites)])


def _plain(words: str) -> str:
    return words.replace("\u2019", "'")


def cites(item: Fact | Note, source: str, words: str) -> bool:
    """Whether the item quotes the source with these words (straight or curly apostrophes)."""
    return any(c.source == source and _plain(words) in _plain(c.quote) for c in item.cites)


def row(page: str, question: str) -> GlanceRow:
    """The card row a page shows for a question (its own or the one it inherits)."""
    return tree().graph.glance_rows(page)[question]


def quoted(page: str, question: str, source: str, words: str) -> bool:
    """Whether the row shows these words of that source under its sentence."""
    return any(c.source == source and _plain(words) in _plain(c.quote) for c in row(page, question).cites)
