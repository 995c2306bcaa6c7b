"""A source's page (s/<id>.md): its text paragraph by paragraph, each with the anchor quotes link to,
and the pages that quote it."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Source
from ..sourcehtml import source_block_html
from .context import Context
from .paths import CHANGES_PAGE, href, source_page

TEMPLATE = "source.html.j2"
_HEADING = re.compile(r"^(#{1,5}) ", re.MULTILINE)  # a source's headings go one level down, under the page's title


def page(ctx: Context, source: Source) -> str:
    md = source_page(source.id)
    assert source.text is not None
    blocks = [(b, source_block_html(_HEADING.sub(r"#\1 ", b.markdown))) for b in source.text.blocks]
    citing = [(n, href(md, ctx.page_of(n))) for n in ctx.cited_by[source.id]]
    return ctx.render(TEMPLATE, source=source, blocks=blocks, citing=citing, page=md, changes_link=href(md, CHANGES_PAGE))


def pages(ctx: Context) -> Iterator[tuple[str, str]]:
    for source in ctx.tree.sources:
        yield source_page(source.id), page(ctx, source)
