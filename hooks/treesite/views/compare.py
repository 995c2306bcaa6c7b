"""The compare page: every answer page's card side by side, the page legal teams forward; it links the same rows as a CSV."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ..model import Node
from .answer import answer_card
from .citations import GlanceView
from .context import Context
from .paths import COMPARE_CSV, COMPARE_PAGE, PathStep, href, node_paths, outline

TEMPLATE = "compare.html.j2"


@dataclass(frozen=True)
class CompareRow:
    """One answer page on the compare page: its card's rows, linked to that page; every path that leads there."""

    node: Node
    link: str
    paths: list[list[PathStep]]
    cells: list[GlanceView]


def compare_rows(ctx: Context) -> list[CompareRow]:
    """A row per answer page, depth-first so the answers of one product stay together.

    The compare page and its CSV (comparecsv.py) both read these, so the file says what the table says.
    """
    rows = []
    for _, node, _, _, repeat in outline(ctx.tree):
        if node.is_question or repeat:
            continue
        link = href(COMPARE_PAGE, ctx.page_of(node))
        rows.append(CompareRow(node, link, node_paths(ctx.tree, ctx.graph, node, COMPARE_PAGE), answer_card(ctx, node, COMPARE_PAGE)))
    return rows


def page(ctx: Context) -> str:
    return ctx.render(TEMPLATE, questions=ctx.tree.site.glance, rows=compare_rows(ctx), csv_link=COMPARE_CSV)


def pages(ctx: Context) -> Iterator[tuple[str, str]]:
    yield COMPARE_PAGE, page(ctx)
