"""Checks that need the graph: every page with a card answers each glance question, on rows the page can show.

They run after the graph analysis and the derivation of the question cards
(refine.py), on a tree the checks in checks.py have passed, and like those they
return every problem at once.
"""

from __future__ import annotations

from .errors import Problem
from .graph import Graph
from .model import GlanceQuestion, Node, Tree
from .refine import DEPENDS, ChoiceRows, shows_card


def glance_rows(tree: Tree, graph: Graph, choice_rows: ChoiceRows) -> list[Problem]:
    """Every page that states facts answers each glance question, backed by a fact and a conflict note it shows.

    An answer page needs all four rows. A question page may leave out a row that the
    pages below it answer (refine.DEPENDS): its card then says the answer depends on
    the next choice, which beats a silent row about something else.
    """
    problems: list[Problem] = []
    questions = {q.id: q for q in tree.site.glance}
    notes = tree.notes_by_id
    for node in tree.nodes:
        for qid, row in node.glance.items():
            if qid not in questions:
                problems.append(
                    Problem(
                        row.where,
                        f"'{node.id}' has a glance row '{qid}', which is not a question in site: glance:",
                        f"use one of {', '.join(questions)}",
                    )
                )
    reported: set[tuple[str, str, str]] = set()
    for node_id in graph.order:
        node = tree.node(node_id)
        if not shows_card(tree, graph, node_id):
            continue
        facts, shown_notes = set(graph.effective_facts(node_id)), set(graph.effective_notes(node_id))
        rows = graph.glance_rows(node_id)
        for question in tree.site.glance:
            row = rows.get(question.id)
            if row is None:
                state = choice_rows.get(node_id, {}).get(question.id)
                if state is not None and state.kind == DEPENDS:
                    continue  # a question page may leave out a row its options answer: the card says it depends on the choice
                problems.append(_missing_row(node, question, node.is_question))
                continue
            holder = graph.glance_source[node_id][question.id]
            if row.fact not in facts and (holder, question.id, "fact") not in reported:
                reported.add((holder, question.id, "fact"))
                problems.append(
                    Problem(
                        row.where,
                        f"the '{question.label}' row of '{holder}' rests on fact '{row.fact}', which the page '{node_id}' does not state",
                        f"add {row.fact} to facts: of '{holder}' or of a node above it, or back the row with a fact the page states",
                    )
                )
            if row.conflict and (holder, question.id, "conflict") not in reported:
                note = notes.get(row.conflict)
                if note is None or note.kind != "conflict" or row.conflict not in shown_notes:
                    reported.add((holder, question.id, "conflict"))
                    problems.append(
                        Problem(
                            row.where,
                            f"the '{question.label}' row of '{holder}' marks conflict '{row.conflict}',"
                            f" which is not a conflict note shown on the page '{node_id}'",
                            f"list a note of kind: conflict under notes: of '{holder}' or above it, or remove conflict:",
                        )
                    )
    return problems


def _missing_row(node: Node, question: GlanceQuestion, is_question: bool) -> Problem:
    """A page whose card would lack a row: answers need all four; a question page only those no page below answers."""
    if is_question:
        what = (
            f"'{node.id}' states facts but its At-a-glance card has no '{question.label}' row ({question.id}),"
            " and no page below it answers that question either"
        )
    else:
        what = f"'{node.id}' states facts but its At-a-glance card has no '{question.label}' row ({question.id})"
    return Problem(
        node.where,
        what,
        f"add glance: {question.id}: {{answer: ..., fact: ..., cites: [...]}} to '{node.id}'"
        " (or to a node above it on every path); use silent: true when no source answers it",
    )
