"""What a page states, reduced to a short fingerprint for the lock.

A ticket quotes an answer page months later. The lock records a fingerprint of
what each page *states* (its answers, facts and notes, with their quotes), not
of the HTML: rewording a template must not demand a change entry, but changing
a fact, or the quote under an At-a-glance row, must. Everything that counts as
"what a page states" is collected in ``page_statement`` and nowhere else, so a new kind of answer (for example the
at-a-glance rows) is added in one spot.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from typing import Any

from .graph import Graph
from .model import Cite, Fact, GlanceRow, Node, Note, Tree
from .refine import DEPENDS, PARTIAL, ChoiceRows, shows_card

FINGERPRINT_LENGTH = 16  # hex digits: short enough for a readable lock line, far too long to collide by chance


def _cites(cites: Sequence[Cite]) -> list[list[str]]:
    return [[c.source, " ".join(c.quote.split())] for c in cites]


Answer = tuple[str, str, Sequence[Cite]]  # (row id, the row as read, its key quotes)


def page_statement(facts: Sequence[Fact], notes: Sequence[Note], answers: Sequence[Answer]) -> dict[str, Any]:
    """Everything a reader can rely on from one page: the ONE definition of "what a page states".

    facts and notes are the page's effective ones (own and inherited); answers are the
    At-a-glance card's rows with their quotes (a ticket pastes the quote beside the
    sentence, so a changed quote changes what the page states). White space is
    normalised so re-wrapping YAML is not a change; order is kept because the page shows it.
    """
    return {
        "answers": [[row, " ".join(text.split()), _cites(cites)] for row, text, cites in answers],
        "facts": [{"id": f.id, "text": " ".join(f.text.split()), "inference": f.inference or "", "cites": _cites(f.cites)} for f in facts],
        "notes": [
            {"id": n.id, "kind": n.kind, "title": " ".join(n.title.split()), "text": " ".join(n.text.split()), "cites": _cites(n.cites)}
            for n in notes
        ],
    }


def fingerprint(statement: dict[str, Any]) -> str:
    """A stable hash of a statement: canonical JSON, so key order and Python versions do not matter."""
    canonical = json.dumps(statement, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:FINGERPRINT_LENGTH]


def node_answers(node: Node, tree: Tree, graph: Graph, choice_rows: ChoiceRows) -> list[Answer]:
    """The At-a-glance rows the page shows, in card order, as the reader reads them, with their quotes.

    A row that turns silent, or gains or loses its conflict mark, changes what the
    page states even when the sentence stays the same, so both are part of the text.
    On a question page a row may say that the next choice decides (refine.py):
    that is part of what the page states too. The wording of the card ("choose
    above", the axis) is the template's and is left out.
    """
    rows = graph.glance_rows(node.id)
    states = choice_rows.get(node.id) if shows_card(tree, graph, node.id) else None
    answers = []
    for question in tree.site.glance:
        row = rows.get(question.id)
        state = states[question.id] if states else None
        if state is not None and state.kind == DEPENDS:
            said = f" {row.answer}{_conflict(row)}" if row is not None else ""
            answers.append((question.id, f"Depends on the next choice.{said}", row.cites if row is not None else ()))
        elif row is not None:
            silent = "The sources do not say. " if row.silent else ""
            more = " More depends on the next choice." if state is not None and state.kind == PARTIAL else ""
            answers.append((question.id, f"{silent}{row.answer}{_conflict(row)}{more}", row.cites))
    return answers


def _conflict(row: GlanceRow) -> str:
    return f" (sources disagree: {row.conflict})" if row.conflict else ""


def node_fingerprint(node: Node, tree: Tree, graph: Graph, choice_rows: ChoiceRows) -> str:
    facts = [tree.facts_by_id[f] for f in graph.effective_facts(node.id)]
    notes = [tree.notes_by_id[n] for n in graph.effective_notes(node.id)]
    return fingerprint(page_statement(facts, notes, node_answers(node, tree, graph, choice_rows)))
