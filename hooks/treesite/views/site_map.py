"""The Map page: the tree as a diagram and as a nested list, every node linked."""

from __future__ import annotations

from collections.abc import Iterator

from .context import Context
from .paths import MAP_PAGE, href, html_url, outline

TEMPLATE = "map.html.j2"


def page(ctx: Context) -> str:
    nodes = [ctx.tree.node(n) for n in ctx.graph.order]
    ids = {n.id: f"n{i}" for i, n in enumerate(nodes)}
    links = {n.id: html_url(ctx.page_of(n)) for n in nodes}
    rows = [(depth, node, label, href(MAP_PAGE, md), repeat) for depth, node, label, md, repeat in outline(ctx.tree)]
    return ctx.render(TEMPLATE, nodes=nodes, ids=ids, links=links, outline=rows)


def pages(ctx: Context) -> Iterator[tuple[str, str]]:
    yield MAP_PAGE, page(ctx)
