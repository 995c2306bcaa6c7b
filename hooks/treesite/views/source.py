"""A source's page (s/<id>.md): its current copy paragraph by paragraph, the copies we cited, the pages that quote it.

Every anchor a ticket may hold for this address lands here: on the same words,
or on a notice where they changed (views/copies.py).
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Source
from .context import Context
from .copies import copy_rows, current_paragraphs
from .paths import CHANGES_PAGE, href, source_page

TEMPLATE = "source.html.j2"


def page(ctx: Context, source: Source) -> str:
    md = source_page(source.id)
    history = ctx.histories[source.id]
    citing = [(n, href(md, ctx.page_of(n))) for n in ctx.cited_by[source.id]]
    return ctx.render(
        TEMPLATE,
        source=source,
        paragraphs=current_paragraphs(history),
        copies=copy_rows(history, md),
        citing=citing,
        page=md,
        changes_link=href(md, CHANGES_PAGE),
    )


def pages(ctx: Context) -> Iterator[tuple[str, str]]:
    for source in ctx.tree.sources:
        yield source_page(source.id), page(ctx, source)
