"""An answer page: the At-a-glance card under the title answers the four questions."""

from __future__ import annotations

from typing import Any

from ..model import Node
from .citations import GlanceView, glance_view
from .context import Context
from .node import node_view
from .ticket import ANSWER_TEMPLATE, ticket_text

TEMPLATE = "answer.html.j2"


def answer_card(ctx: Context, node: Node, page: str) -> list[GlanceView]:
    """The card of an answer page (and a compare row): the rows the page shows, in site order.

    Also read by the ticket box's data and the compare CSV, so they carry the same rows
    as the pages; page is the .md path the rows' links are relative to.
    """
    rows = ctx.graph.glance_rows(node.id)
    return [glance_view(ctx, q, rows[q.id], page) for q in ctx.tree.site.glance if q.id in rows]


def view(ctx: Context, node: Node) -> dict[str, Any]:
    found = node_view(ctx, node)
    found.update(glance=answer_card(ctx, node, found["page"]))
    return found


def page(ctx: Context, node: Node) -> str:
    found = view(ctx, node)
    found.update(ticket=ticket_text(ctx, ANSWER_TEMPLATE, found))
    return ctx.render(TEMPLATE, **found)
