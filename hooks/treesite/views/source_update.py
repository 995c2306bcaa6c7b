"""What one update of a source changed (s/<id>/changes/<key>.md): from copy <key> to the next one.

Paragraphs reworded (the changed words marked from align.word_diff), removed,
added and moved, each linked to where it was and where it is now. Escaping is
the template's: every word is a value Jinja escapes, so a source text holding
markup shows it as text.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Source
from ..sourcecopies import Copy, update_changes
from ..sourcetext import Block
from .context import Context
from .copies import block_html
from .paths import href, kept_page, source_page, update_page

TEMPLATE = "source_update.html.j2"


def page(ctx: Context, source: Source, copy: Copy) -> str:
    history = ctx.histories[source.id]
    md = update_page(source.id, copy.key)
    new = history.next_of(copy)
    changes = update_changes(copy, new, history.fates[history.copies.index(copy)])
    old_page = kept_page(source.id, copy.key)
    new_page = source_page(source.id) if new.is_current else kept_page(source.id, new.key)

    def old_link(block: Block) -> str:
        return f"{href(md, old_page)}#{block.word_anchor}"

    def new_link(block: Block) -> str:
        return f"{href(md, new_page)}#{block.word_anchor}"

    return ctx.render(
        TEMPLATE,
        source=source,
        changes=changes,
        old_link=old_link,
        new_link=new_link,
        html=block_html,
        old_copy_link=href(md, old_page),
        new_copy_link=href(md, new_page),
        source_link=href(md, source_page(source.id)),
    )


def pages(ctx: Context) -> Iterator[tuple[str, str]]:
    for source in ctx.tree.sources:
        for copy in ctx.histories[source.id].kept:
            yield update_page(source.id, copy.key), page(ctx, source, copy)
