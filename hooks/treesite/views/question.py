"""A question page: its options first (the next click), then its card of what holds for every choice below."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..model import GlanceQuestion, Node
from ..refine import shows_card
from .citations import GlanceView, glance_view
from .context import Context
from .node import node_view
from .paths import COMPARE_PAGE, href
from .ticket import QUESTION_TEMPLATE, ticket_text

TEMPLATE = "question.html.j2"


@dataclass(frozen=True)
class ChoiceRow:
    """One row of a question page's card: what holds for every choice below, or that the next choice decides.

    kind is refine.SETTLED, PARTIAL, DEPENDS or SILENT; glance is the page's own or
    inherited row, when it has one (a DEPENDS row may have none).
    """

    question: GlanceQuestion
    kind: str
    glance: GlanceView | None


def question_card(ctx: Context, node: Node, page: str) -> list[ChoiceRow]:
    """The card of a question page: each row settled here, or left to the next choice (refine.py decides which).

    Empty for a question page that shows no card (one that states no facts, such as the start page).
    """
    if not shows_card(ctx.tree, ctx.graph, node.id):
        return []
    rows = ctx.graph.glance_rows(node.id)
    states = ctx.choice_rows[node.id]
    return [ChoiceRow(q, states[q.id].kind, glance_view(ctx, q, rows[q.id], page) if q.id in rows else None) for q in ctx.tree.site.glance]


def view(ctx: Context, node: Node) -> dict[str, Any]:
    found = node_view(ctx, node)
    page = found["page"]
    found.update(
        options=[(o, href(page, ctx.page_of(ctx.tree.node(o.to)))) for o in node.options],
        choice_rows=question_card(ctx, node, page),
        compare_link=href(page, COMPARE_PAGE) if node.id == ctx.tree.start else None,
    )
    return found


def page(ctx: Context, node: Node, template: str = TEMPLATE) -> str:
    found = view(ctx, node)
    found.update(ticket=ticket_text(ctx, QUESTION_TEMPLATE, found))
    return ctx.render(template, **found)
