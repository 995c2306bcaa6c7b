"""What a question page can say before the next choice: settled here, or decided by the choice.

A question page sits above several answers. For each glance question its card
may only state what holds on every path below it. Where the options below
answer a question differently, the honest row is "it depends on the next
choice", not "the sources do not say" followed by a sentence about something
else (the filler rows the content audit of 2026-11-28 found). So the state of
each row is derived from the graph, never written by hand in YAML:

- settled: the page's row (its own or inherited) holds below, and no page below sets its own;
- partial: the page's row holds for every choice below, and pages below say more;
- depends: the page has no row, or a silent one, and a page below answers it;
- silent: no page here or below answers it ("The sources do not say.").

The states hold row *holders* (node ids), not rows: the rows are read live
through ``Graph.glance_rows``, so whatever renders them sees the same text.

This module sits above the graph and reads it; graph.py never imports it.
load.py derives the states once per build (``LoadedTree.choice_rows``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .graph import Graph
from .model import Tree

SETTLED = "settled"
PARTIAL = "partial"
DEPENDS = "depends"
SILENT = "silent"


@dataclass(frozen=True)
class RowState:
    """One glance question on one question page: how its card row reads, and whose row it shows."""

    kind: str  # SETTLED, PARTIAL, DEPENDS or SILENT
    holder: str | None  # the node whose row the page shows (its own or inherited); None: the page has no row

    @property
    def depends(self) -> bool:
        """The next choice decides (part of) the answer: the card says so and points to the options."""
        return self.kind in (PARTIAL, DEPENDS)


ChoiceRows = dict[str, dict[str, RowState]]  # question node -> glance question id -> its row's state


def shows_card(tree: Tree, graph: Graph, node_id: str) -> bool:
    """Whether a page opens with an At-a-glance card: every answer, and a question page that states facts."""
    return not tree.node(node_id).is_question or bool(graph.effective_facts(node_id))


def classify(own: str | None, below: set[str | None], answers: Callable[[str | None], bool]) -> str:
    """The state of one row, from the page's holder and the holders shown by the card pages below it.

    own: the node whose row the page shows (None: the page has no row); below: the
    holders of that question's row on every card page under the page;
    answers(holder): that holder's row answers the question (it is not silent).
    """
    refined = [h for h in below if h != own]
    if answers(own):
        return PARTIAL if refined else SETTLED
    return DEPENDS if any(answers(h) for h in refined) else SILENT


def derive(tree: Tree, graph: Graph) -> ChoiceRows:
    """{question node: {glance question id: RowState}} for every question node reachable from the start.

    One pass, children before parents: each node collects the holders shown by the
    card pages under it (a set per glance question), so a big tree costs the sum of
    those sets, not a walk below every question.
    """
    questions = [q.id for q in tree.site.glance]
    nodes = tree.nodes_by_id
    below: dict[str, dict[str, set[str | None]]] = {}
    states: ChoiceRows = {}
    for node_id in reversed(graph.topological):
        node = nodes[node_id]
        collected: dict[str, set[str | None]] = {q: set() for q in questions}
        for child in dict.fromkeys(o.to for o in node.options):
            card = shows_card(tree, graph, child)
            for q in questions:
                collected[q] |= below[child][q]
                if card:
                    collected[q].add(graph.glance_source[child].get(q))
        below[node_id] = collected
        if not node.is_question:
            continue
        states[node_id] = {}
        for q in questions:
            holder = graph.glance_source[node_id].get(q)

            def answers(h: str | None, q: str = q) -> bool:
                return h is not None and not nodes[h].glance[q].silent

            states[node_id][q] = RowState(classify(holder, collected[q], answers), holder)
    return states
