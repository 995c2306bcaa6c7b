"""A kept copy of a source (s/<id>/<key>.md): word for word, under a banner that it was superseded.

The banner says when, and links to the current copy and to what changed. Its
paragraphs keep their own ``p-N`` and ``w-…`` anchors (the notices on the
current page link here). Out of search (front matter), so a search finds the
current copy and kept copies do not compete with it.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Source
from ..sourcecopies import Copy
from .context import Context
from .copies import copy_rows, kept_paragraphs
from .paths import href, kept_page, source_page, update_page

TEMPLATE = "kept_copy.html.j2"


def page(ctx: Context, source: Source, copy: Copy) -> str:
    md = kept_page(source.id, copy.key)
    history = ctx.histories[source.id]
    return ctx.render(
        TEMPLATE,
        source=source,
        copy=copy,
        paragraphs=kept_paragraphs(copy),
        copies=copy_rows(history, md),
        current_link=href(md, source_page(source.id)),
        changes_link=href(md, update_page(source.id, copy.key)),
    )


def pages(ctx: Context) -> Iterator[tuple[str, str]]:
    for source in ctx.tree.sources:
        for copy in ctx.histories[source.id].kept:
            yield kept_page(source.id, copy.key), page(ctx, source, copy)
