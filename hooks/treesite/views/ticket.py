"""The ticket text: the plain lines a support agent pastes into a ticket, carried by every node page.

Rendered from the page's own view, so the text names the same path(s), rows and
sources as the page. Answer and question pages each have their ticket template.
"""

from __future__ import annotations

from typing import Any

from .context import Context

ANSWER_TEMPLATE = "ticket.txt.j2"
QUESTION_TEMPLATE = "ticket_question.txt.j2"  # start and question pages


def ticket_text(ctx: Context, template: str, view: dict[str, Any]) -> str:
    return ctx.render(template, **view).strip()
