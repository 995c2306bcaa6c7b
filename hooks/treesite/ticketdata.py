"""The ticket box's matching data, generated from the tree at build time.

Why generated: the words that mean "Azure OpenAI" or "work account" live in the
tree YAML next to the option they choose (``synonyms``), and the words that
ask one of the four questions live in ``site.glance[].words``. The start page's
script (docs/assets/javascripts/ticket-box.js) only reads this data, so no word
list is kept by hand in JavaScript and an editor changes one file.

Two files carry the same data: ``assets/ticket-data.json`` for any tool, and
``assets/javascripts/ticket-data.js``, which assigns it to
``window.treeTicketData``. The box loads the script with a ``<script>`` tag:
Chromium refuses fetch/XHR of a JSON file from file://, the offline export.

Words are stored as token lists made by :func:`tokens`; the script cuts the
ticket into tokens the same way (lower case, runs of a-z and 0-9), so
"GPT-4o", "gpt 4o" and "GPT-4O" all become ``["gpt", "4o"]``. A word that
reduces to no token or to one letter is refused (ticketwords.phrase), never
silently kept as a word that matches every ticket.

Each node also carries its At-a-glance card as its page shows it (``card``),
so the box can answer in place: the rows come from the page views' own card
builders (answer_card, question_card, whose states refine.py derives), never
from a second reading of the YAML. Quote links are relative to the site root,
where the box sits. Text is plain (no backticks); the script writes it with
textContent only.

The products our sources do not cover (``not_covered:``) come with their names
too: the box matches them like synonyms and then says plainly that the sources
do not cover them, with the nearest page that applies only where the tree names one.
"""

from __future__ import annotations

import json
from typing import Any

from .graph import _topological  # parents before children: the script scores paths in one pass
from .load import LoadedTree
from .model import Tree
from .render import NOT_COVERED_PAGE, START_PAGE, ChoiceRow, GlanceView, Renderer, html_url, page_of
from .text import plain
from .ticketwords import phrase, tokens

__all__ = ["GLOBAL_NAME", "JSON_PATH", "SCRIPT_PATH", "data_files", "ticket_data", "tokens"]

JSON_PATH = "assets/ticket-data.json"
SCRIPT_PATH = "assets/javascripts/ticket-data.js"
GLOBAL_NAME = "treeTicketData"


def _phrases(words: tuple[str, ...]) -> list[list[str]]:
    """Each word or phrase as tokens, duplicates dropped, order kept; a word the box cannot use raises ValueError."""
    seen: dict[tuple[str, ...], None] = {}
    for word in words:
        seen.setdefault(phrase(word), None)
    return [list(t) for t in seen]


def _on_every_path(tree: Tree, order: list[str], parents: dict[str, list[str]]) -> dict[str, list[str]]:
    """For each node, the nodes every path from the start passes through (itself included).

    The box says a step is implied (not "not stated") only when the page it
    proposes cannot be reached without that choice.
    """
    must: dict[str, list[str]] = {}
    for node_id in order:
        ps = parents.get(node_id, [])
        if not ps:
            must[node_id] = [node_id]
            continue
        common = set(must[ps[0]]).intersection(*(must[p] for p in ps[1:]))
        must[node_id] = [n for n in must[ps[0]] if n in common] + [node_id]
    return must


class _Rows:
    """The card rows of every page, each distinct row kept once: a row that flows down to
    five pages (Azure OpenAI's training row) is written once and referred to by number."""

    def __init__(self) -> None:
        self.rows: list[dict[str, Any]] = []
        self._index: dict[str, int] = {}

    def add(self, g: GlanceView) -> int:
        """The number of this row as the page shows it: sentence, silent or not, conflict, quotes.

        Quotes are grouped by paragraph as the page's card groups them:
        [[texts], source id, paragraph, link]; the source's short name and title are
        in the data's ``sources`` once, not repeated under every quote.
        """
        row: dict[str, Any] = {"answer": plain(g.row.answer)}
        if g.row.silent:
            row["silent"] = True
        if g.conflict:
            row["conflict"] = [g.conflict.id, plain(g.conflict.title)]
        row["quotes"] = [[[plain(q) for q in e.quotes], e.source.id, e.paragraph, e.link] for e in g.evidence]
        key = json.dumps(row, sort_keys=True)
        if key not in self._index:
            self._index[key] = len(self.rows)
            self.rows.append(row)
        return self._index[key]

    def answer_card(self, views: list[GlanceView]) -> list[dict[str, Any]]:
        return [{"q": g.question.id, "row": self.add(g)} for g in views]

    def question_card(self, views: list[ChoiceRow]) -> list[dict[str, Any]]:
        """A question page's rows with their state (refine.py): settled, partial, depends or silent."""
        return [{"q": r.question.id, "kind": r.kind, **({"row": self.add(r.glance)} if r.glance else {})} for r in views]


def ticket_data(loaded: LoadedTree, renderer: Renderer | None = None) -> dict[str, Any]:
    """Everything the box needs: nodes parents-first with their options' words and cards, and the question words.

    A node's ``url`` is its page's path in the site (``index.html``, ``q/aoai.html``):
    the box sits on the start page at the site root, so these work as relative links.
    renderer: the build's own, so the cards are those its pages show (one is made if not given).
    """
    tree, graph = loaded.tree, loaded.graph
    renderer = renderer or Renderer(loaded)
    rows = _Rows()
    page_url = {n.id: html_url(page_of(n, tree)) for n in tree.nodes}
    order = _topological(tree, graph.order)
    must = _on_every_path(tree, order, graph.parents)
    nodes = []
    for node_id in order:
        node = tree.node(node_id)
        entry: dict[str, Any] = {"id": node.id, "title": node.title, "url": page_url[node.id], "must": must[node.id]}
        if node.options:
            entry["axis"] = node.axis or node.title
            entry["noun"] = plain(node.choice_noun)
            entry["ask"] = node.ask or node.title
            entry["options"] = [
                {"short": o.short, "label": plain(o.label), "to": o.to, "words": _phrases(o.synonyms)} for o in node.options
            ]
            entry["card"] = rows.question_card(renderer.question_card(node, START_PAGE))
        else:
            entry["card"] = rows.answer_card(renderer.answer_card(node, START_PAGE))
        nodes.append(entry)
    questions = [{"id": g.id, "label": g.label, "question": g.question, "words": _phrases(g.words)} for g in tree.site.glance]
    sources = {s.id: [plain(s.short_name), plain(s.title)] for s in tree.sources}
    return {
        "start": tree.start,
        "nodes": nodes,
        "questions": questions,
        "rows": rows.rows,
        "sources": sources,
        "not_covered": _not_covered(tree, page_url),
    }


def _not_covered(tree: Tree, page_url: dict[str, str]) -> list[dict[str, Any]]:
    """The products our sources do not cover, with their names as tokens and their entry on the list page.

    ``nearest`` is the page that does apply, only where the tree names one, with its reason.
    """
    list_url = html_url(NOT_COVERED_PAGE)
    out = []
    for entry in tree.not_covered:
        nearest = None
        if entry.nearest:
            node = tree.node(entry.nearest)
            nearest = {"id": node.id, "title": node.title, "url": page_url[node.id], "reason": entry.reason or ""}
        out.append(
            {"id": entry.id, "name": entry.name, "words": _phrases(entry.names), "url": f"{list_url}#nc-{entry.id}", "nearest": nearest}
        )
    return out


def data_files(loaded: LoadedTree, renderer: Renderer | None = None) -> dict[str, str]:
    """{site path: text} of the JSON file and the script that assigns the same data."""
    data = ticket_data(loaded, renderer)
    as_json = json.dumps(data, ensure_ascii=True, separators=(",", ":"), sort_keys=False)
    script = f"/* Generated from the decision tree by hooks/treesite/ticketdata.py. Do not edit. */\nwindow.{GLOBAL_NAME} = {as_json};\n"
    return {JSON_PATH: as_json + "\n", SCRIPT_PATH: script}
