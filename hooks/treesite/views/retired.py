"""A retired page: an address a ticket may still hold, saying what replaced it (retired: in the tree)."""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Retired
from .context import Context
from .paths import START_PAGE, href, md_path

TEMPLATE = "retired.html.j2"


def page(ctx: Context, entry: Retired) -> str:
    md = md_path(entry.url)
    target = ctx.tree.node(entry.instead)
    return ctx.render(TEMPLATE, entry=entry, target=target, link=href(md, ctx.page_of(target)), start_link=href(md, START_PAGE))


def pages(ctx: Context) -> Iterator[tuple[str, str]]:
    for entry in ctx.tree.retired:
        yield md_path(entry.url), page(ctx, entry)
