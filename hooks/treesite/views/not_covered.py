"""The products and services our sources do not cover (not_covered: in the tree), each with the nearest page that applies."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ..model import NotCovered
from .context import Context
from .paths import NOT_COVERED_PAGE, SOURCES_PAGE, START_PAGE, href

TEMPLATE = "not_covered.html.j2"


@dataclass(frozen=True)
class NotCoveredView:
    """One product our sources do not cover, as the list shows it; link and title only where a page applies."""

    entry: NotCovered
    nearest_link: str | None
    nearest_title: str | None


def page(ctx: Context) -> str:
    views = []
    for entry in ctx.tree.not_covered:
        node = ctx.tree.node(entry.nearest) if entry.nearest else None
        link = href(NOT_COVERED_PAGE, ctx.page_of(node)) if node else None
        views.append(NotCoveredView(entry, link, node.title if node else None))
    return ctx.render(
        TEMPLATE,
        entries=views,
        source_count=len(ctx.tree.sources),
        sources_link=href(NOT_COVERED_PAGE, SOURCES_PAGE),
        start_link=href(NOT_COVERED_PAGE, START_PAGE),
    )


def pages(ctx: Context) -> Iterator[tuple[str, str]]:
    yield NOT_COVERED_PAGE, page(ctx)
