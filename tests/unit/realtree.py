"""The real tree as the content tests read it: what each page states, and what each item quotes.

Shared by the content tests (issue 11, its second review, the glance rows) so each
asks the same question the same way: what does this page show, and from which words.
"""

from __future__ import annotations

from functools import cache

from treesite.load import LoadedTree, load
from treesite.model import Fact, GlanceRow, Note

from tests.helpers import REPO

AOAI_PAGES = ("aoai", "aoai-global", "aoai-datazone", "aoai-standard", "aoai-batch")


@cache
def tree() -> LoadedTree:
    return load(REPO / "decision_tree")


def facts_on(page: str) -> list[Fact]:
    loaded = tree()
    return [loaded.tree.facts_by_id[f] for f in loaded.graph.effective_facts(page)]


def notes_on(page: str) -> list[Note]:
    loaded = tree()
    return [loaded.tree.notes_by_id[n] for n in loaded.graph.effective_notes(page)]


def cites(item: Fact | Note, source: str, words: str) -> bool:
    """Whether the item quotes the source with these words (straight or curly apostrophes)."""
    wanted = words.replace("\u2019", "'")
    return any(c.source == source and wanted in c.quote.replace("\u2019", "'") for c in item.cites)


def row(page: str, question: str) -> GlanceRow:
    """The card row a page shows for a question (its own or the one it inherits)."""
    return tree().graph.glance_rows(page)[question]


def quoted(page: str, question: str, source: str, words: str) -> bool:
    """Whether the row shows these words of that source under its sentence."""
    wanted = words.replace("\u2019", "'")
    return any(c.source == source and wanted in c.quote.replace("\u2019", "'") for c in row(page, question).cites)
