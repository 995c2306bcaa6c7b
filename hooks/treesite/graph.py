"""How the nodes connect: reachability, cycles, canonical paths, inherited facts.

The tree is really a graph: one answer may be reached from two questions. A
page must still name one path (for the ticket) and must only state what holds
on every way in, so inherited facts are the intersection over all parents.

What a question page's card can say before the next choice is worked out above
the graph, from it (refine.py); the graph knows nothing of cards.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field

from .model import GlanceRow, Node, Option, Tree


@dataclass(frozen=True)
class Step:
    """One choice on a path: the question asked and the option taken."""

    question: Node
    option: Option


@dataclass
class Graph:
    tree: Tree
    order: list[str] = field(default_factory=list)  # breadth-first from the start: the tree order
    canonical: dict[str, tuple[Step, ...]] = field(default_factory=dict)
    parents: dict[str, list[str]] = field(default_factory=dict)
    inherited_facts: dict[str, list[str]] = field(default_factory=dict)
    inherited_notes: dict[str, list[str]] = field(default_factory=dict)
    own_facts: dict[str, list[str]] = field(default_factory=dict)  # listed here and not already inherited
    own_notes: dict[str, list[str]] = field(default_factory=dict)
    # node -> glance question id -> the node whose row the page shows (its own, or one every path agrees on)
    glance_source: dict[str, dict[str, str]] = field(default_factory=dict)
    paths: dict[str, int] = field(default_factory=dict)  # how many distinct routes lead to each node
    topological: list[str] = field(default_factory=list)  # parents before children
    _routes: dict[str, list[tuple[Step, ...]]] = field(default_factory=dict, repr=False)

    def path_count(self, node_id: str) -> int:
        """How many distinct ways lead here; >1 means the page says its path is one of several."""
        return self.paths[node_id]

    def routes(self, node_id: str) -> list[tuple[Step, ...]]:
        """Every path from the start to the node, the canonical one first; as many as path_count says.

        Why: a page reached from two account types (Azure OpenAI, from work and from
        personal Azure subscriptions) must not paste only one of them into a ticket,
        or the ticket names the wrong account type for half the customers. Parents
        are in the order that found the node first, so the first route is the
        canonical one the path line shows. Worked out on demand and kept, since
        only pages with several paths have more than one.
        """
        if node_id not in self._routes:
            if node_id == self.tree.start:
                self._routes[node_id] = [()]
            else:
                nodes = self.tree.nodes_by_id
                self._routes[node_id] = [
                    (*route, Step(nodes[parent], option))
                    for parent in self.parents[node_id]
                    for option in nodes[parent].options
                    if option.to == node_id
                    for route in self.routes(parent)
                ]
        return self._routes[node_id]

    def effective_facts(self, node_id: str) -> list[str]:
        """Every fact the page states: inherited first, then its own."""
        return self.inherited_facts[node_id] + self.own_facts[node_id]

    def effective_notes(self, node_id: str) -> list[str]:
        return self.inherited_notes[node_id] + self.own_notes[node_id]

    def glance_rows(self, node_id: str) -> dict[str, GlanceRow]:
        """The rows this page shows, by question id: its own, and those every path into it agrees on."""
        return {q: self.tree.node(holder).glance[q] for q, holder in self.glance_source.get(node_id, {}).items()}


def find_cycle(tree: Tree) -> list[Option] | None:
    """The options forming the first cycle found from the start, in order, or None."""
    nodes = tree.nodes_by_id
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    trail: list[Option] = []

    def visit(node_id: str) -> list[Option] | None:
        state[node_id] = 1
        for option in nodes[node_id].options:
            if option.to not in nodes:
                continue
            if state.get(option.to) == 1:
                return [*trail, option]
            if option.to not in state:
                trail.append(option)
                found = visit(option.to)
                if found:
                    return found
                trail.pop()
        state[node_id] = 2
        return None

    return visit(tree.start) if tree.start in nodes else None


def reachable(tree: Tree) -> list[str]:
    """Node ids in breadth-first order from the start, following options in file order."""
    nodes = tree.nodes_by_id
    seen = {tree.start}
    order = [tree.start]
    queue = deque([tree.start])
    while queue:
        for option in nodes[queue.popleft()].options:
            if option.to in nodes and option.to not in seen:
                seen.add(option.to)
                order.append(option.to)
                queue.append(option.to)
    return order


def _topological(tree: Tree, order: list[str]) -> list[str]:
    """Parents before children; assumes no cycle (checked before)."""
    nodes = tree.nodes_by_id
    indegree = {n: 0 for n in order}
    for n in order:
        for option in nodes[n].options:
            indegree[option.to] += 1
    ready = deque(n for n in order if indegree[n] == 0)
    result: list[str] = []
    while ready:
        current = ready.popleft()
        result.append(current)
        for option in nodes[current].options:
            indegree[option.to] -= 1
            if indegree[option.to] == 0:
                ready.append(option.to)
    return result


def _intersect(lists: list[list[str]]) -> list[str]:
    if not lists:
        return []
    common = set(lists[0]).intersection(*lists[1:])
    return [item for item in lists[0] if item in common]


def analyse(tree: Tree) -> Graph:
    """Compute everything pages need about their place in the graph; assumes a valid acyclic tree."""
    nodes = tree.nodes_by_id
    graph = Graph(tree)
    graph.order = reachable(tree)
    graph.canonical[tree.start] = ()
    for node_id in graph.order:
        graph.parents.setdefault(node_id, [])
        for option in nodes[node_id].options:
            graph.parents.setdefault(option.to, [])
            if node_id not in graph.parents[option.to]:
                graph.parents[option.to].append(node_id)
            if option.to not in graph.canonical:
                graph.canonical[option.to] = (*graph.canonical[node_id], Step(nodes[node_id], option))

    graph.topological = _topological(tree, graph.order)
    for node_id in graph.topological:
        parents = graph.parents[node_id]
        node = nodes[node_id]
        graph.paths[node_id] = sum(graph.paths[p] * sum(1 for o in nodes[p].options if o.to == node_id) for p in parents) or 1
        graph.inherited_facts[node_id] = inherited_facts = _intersect([graph.effective_facts(p) for p in parents])
        graph.inherited_notes[node_id] = inherited_notes = _intersect([graph.effective_notes(p) for p in parents])
        graph.own_facts[node_id] = [f for f in node.facts if f not in set(inherited_facts)]
        graph.own_notes[node_id] = [n for n in node.notes if n not in set(inherited_notes)]
        rows: dict[str, str] = {}
        for question in tree.site.glance:
            if question.id in node.glance:
                rows[question.id] = node_id
                continue
            holders = {graph.glance_source[p].get(question.id) for p in parents}
            if len(holders) == 1 and None not in holders:
                rows[question.id] = holders.pop()  # type: ignore[assignment]
        graph.glance_source[node_id] = rows
    return graph
