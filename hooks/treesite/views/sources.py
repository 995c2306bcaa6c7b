"""The Sources page (s/index.md): every source, official ones first, then by date and title."""

from __future__ import annotations

from collections.abc import Iterator

from .context import Context
from .paths import SOURCES_PAGE, href, source_page

TEMPLATE = "sources.html.j2"


def page(ctx: Context) -> str:
    ordered = sorted(ctx.tree.sources, key=lambda s: (s.kind != "official", s.date or "0", s.title))
    rows = [(s, href(SOURCES_PAGE, source_page(s.id))) for s in ordered]
    return ctx.render(TEMPLATE, rows=rows)


def pages(ctx: Context) -> Iterator[tuple[str, str]]:
    yield SOURCES_PAGE, page(ctx)
