"""The What changed page: every change, newest first, each with links to the pages it touches."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ..changelog import Entry
from .context import Context
from .paths import CHANGES_PAGE, html_url, rel

TEMPLATE = "changes.html.j2"


@dataclass(frozen=True)
class ChangeRow:
    """One entry on the What changed page, with links (.html, relative to the page) to the pages it touches."""

    entry: Entry
    pages: list[tuple[str, str]]


def page(ctx: Context) -> str:
    rows = [
        ChangeRow(
            e,
            [(n.title, html_url(rel(CHANGES_PAGE, ctx.page_of(n)))) for n in e.nodes]
            + [(f"{r.title} (retired)", r.url) for r in e.retired],
        )
        for e in ctx.changes
    ]
    return ctx.render(TEMPLATE, rows=rows)


def pages(ctx: Context) -> Iterator[tuple[str, str]]:
    yield CHANGES_PAGE, page(ctx)
