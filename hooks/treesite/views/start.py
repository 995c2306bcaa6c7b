"""The start page: the first question, with the ticket box (overrides/main.html) and a link to the compare page."""

from __future__ import annotations

from ..model import Node
from . import question
from .context import Context

TEMPLATE = "start.html.j2"


def page(ctx: Context, node: Node) -> str:
    return question.page(ctx, node, TEMPLATE)
