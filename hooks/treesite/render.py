"""Turn a loaded tree into Markdown pages, {site path: Markdown text}: the dispatcher over the page kinds.

Each page kind is a module in views/ with its template in templates/: the
module gathers what the page needs (Python), the template decides how it reads
(Jinja). Node pages go to start.py, question.py or answer.py by the node; the
other kinds each list their own pages.

To add a page kind:
1. write views/<kind>.py with ``TEMPLATE = "<kind>.html.j2"``, a ``page(ctx, ...)
   -> str`` that renders it, and ``pages(ctx) -> Iterator[(md path, markdown)]``
   listing every page of that kind (see views/retired.py, the smallest);
2. write templates/<kind>.html.j2 (raw HTML: Jinja escapes every value);
3. add ``<kind>.pages`` to PAGE_KINDS below, where its pages should come.
Shared helpers live in views/paths.py (page paths, relative links, the paths
to a page), views/citations.py (quotes as links, card rows) and
views/history.py (a page's changes); a view never imports another page kind's
module except to reuse its card (compare.py reads answer.answer_card).

Renderer is kept as a thin facade over one build's Context, for the code that
reads cards and rows alongside the pages (ticketdata.py, comparecsv.py, tests).
The names re-exported below are those other code imported from here before the
split; new code imports them from views/.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from .changelog import Entry
from .load import LoadedTree
from .model import Node
from .views import answer, changes, compare, history, not_covered, question, retired, site_map, source, sources, start
from .views.answer import answer_card
from .views.citations import CiteView, Evidence, FactView, GlanceView, NoteView, citing_pages
from .views.compare import CompareRow, compare_rows
from .views.context import TEMPLATES, Context, environment
from .views.paths import (
    CHANGES_PAGE,
    COMPARE_CSV,
    COMPARE_PAGE,
    MAP_PAGE,
    NOT_COVERED_PAGE,
    PATH_OR,
    PATH_STEP,
    SOURCES_PAGE,
    START_PAGE,
    PathStep,
    href,
    html_url,
    md_path,
    outline,
    page_of,
    path_text,
    redirect_map,
    rel,
    source_page,
)
from .views.question import ChoiceRow, question_card

__all__ = [
    "CHANGES_PAGE",
    "COMPARE_CSV",
    "COMPARE_PAGE",
    "MAP_PAGE",
    "NOT_COVERED_PAGE",
    "PAGE_KINDS",
    "PATH_OR",
    "PATH_STEP",
    "SOURCES_PAGE",
    "START_PAGE",
    "TEMPLATES",
    "ChoiceRow",
    "CiteView",
    "CompareRow",
    "Context",
    "Evidence",
    "FactView",
    "GlanceView",
    "NoteView",
    "PathStep",
    "Renderer",
    "href",
    "html_url",
    "make_context",
    "md_path",
    "node_page",
    "page_of",
    "pages",
    "path_text",
    "reading_order",
    "redirect_map",
    "rel",
    "source_page",
]

PageKind = Callable[[Context], Iterable[tuple[str, str]]]  # one build -> (md path, Markdown) for each page of the kind


def node_page(ctx: Context, node: Node) -> str:
    """A node's page: the start page, a question page or an answer page."""
    if node.is_question:
        return start.page(ctx, node) if node.id == ctx.tree.start else question.page(ctx, node)
    return answer.page(ctx, node)


def node_pages(ctx: Context) -> Iterator[tuple[str, str]]:
    """Every node page, in tree order (breadth-first from the start)."""
    for node_id in ctx.graph.order:
        node = ctx.tree.node(node_id)
        yield ctx.page_of(node), node_page(ctx, node)


# Every page kind, in the order the pages are listed (a stable order keeps builds reproducible).
PAGE_KINDS: tuple[PageKind, ...] = (
    node_pages,
    source.pages,
    sources.pages,
    site_map.pages,
    changes.pages,
    compare.pages,
    not_covered.pages,
    retired.pages,
)


def make_context(loaded: LoadedTree, site_url: str = "", changes: list[Entry] | None = None) -> Context:
    """What every view of one build reads, worked out once."""
    entries = changes or []
    return Context(
        tree=loaded.tree,
        graph=loaded.graph,
        choice_rows=loaded.choice_rows,
        site_url=site_url.rstrip("/") + "/" if site_url else "",
        changes=entries,
        history=history.by_node(entries),
        cited_by=citing_pages(loaded.tree, loaded.graph),
        env=environment(loaded.tree),
    )


def pages(ctx: Context) -> dict[str, str]:
    """Every generated page, keyed by its path under the docs root, in a stable order."""
    return {path: markdown for kind in PAGE_KINDS for path, markdown in kind(ctx)}


def reading_order(ctx: Context) -> list[tuple[str, str]]:
    """(title, page): node pages depth-first (a question, then all under it), then sources. For print."""
    nodes = [(node.title, md) for _, node, _, md, repeat in outline(ctx.tree) if not repeat]
    source_pages = [(f"Source: {s.title}", source_page(s.id)) for s in ctx.tree.sources]
    return [
        *nodes,
        ("Compare the answers", COMPARE_PAGE),
        ("Map of the tree", MAP_PAGE),
        ("Sources", SOURCES_PAGE),
        *source_pages,
        ("What our sources do not cover", NOT_COVERED_PAGE),
        ("What changed", CHANGES_PAGE),
    ]


class Renderer:
    """One build's pages and cards: a thin facade over its Context and the view modules."""

    def __init__(self, loaded: LoadedTree, site_url: str = "", changes: list[Entry] | None = None) -> None:
        self.ctx = make_context(loaded, site_url, changes)
        self.tree = self.ctx.tree
        self.graph = self.ctx.graph

    def pages(self) -> dict[str, str]:
        return pages(self.ctx)

    def node_page(self, node: Node) -> str:
        return node_page(self.ctx, node)

    def answer_card(self, node: Node, page: str) -> list[GlanceView]:
        return answer_card(self.ctx, node, page)

    def question_card(self, node: Node, page: str) -> list[ChoiceRow]:
        return question_card(self.ctx, node, page)

    def compare_rows(self) -> list[CompareRow]:
        return compare_rows(self.ctx)

    def compare_page(self) -> str:
        return compare.page(self.ctx)

    def permalink(self, node: Node) -> str:
        return self.ctx.permalink(node)

    def reading_order(self) -> list[tuple[str, str]]:
        return reading_order(self.ctx)
