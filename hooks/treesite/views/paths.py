"""Where each page lives and how pages link: Markdown paths, relative links, the paths that lead to a page.

Links are relative, so they work from file:// too: Markdown links between .md
paths in *.md.j2 templates (MkDocs checks them), and .html links in the raw
HTML of *.html.j2 templates (scripts/check_links.py and the built-site tests
check those).
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass

from .. import text
from ..graph import Graph, Step
from ..load import LoadedTree
from ..model import Node, Tree

START_PAGE = "index.md"
MAP_PAGE = "map.md"
COMPARE_PAGE = "compare.md"
COMPARE_CSV = "compare.csv"  # the compare table as data (comparecsv.py), beside compare.html; written by the hook
SOURCES_PAGE = "s/index.md"
CHANGES_PAGE = "changes.md"
NOT_COVERED_PAGE = "not-covered.md"  # what our sources do not cover (not_covered:); linked from About and the nav
PATH_STEP = " > "  # between the choices of one path, in the ticket text and compare.csv
PATH_OR = "; or "  # between the paths of a page reached more than one way

# (depth, node, option label, .md page, already shown above): one line of the nested list
OutlineRow = tuple[int, Node, str, str, bool]


def page_of(node: Node, tree: Tree) -> str:
    """The Markdown path of a node's page; the start node is the site's front page."""
    return START_PAGE if node.id == tree.start else md_path(node.url)


def source_page(source_id: str) -> str:
    return f"s/{source_id}.md"


def html_url(md_path: str) -> str:
    return md_path.removesuffix(".md") + ".html"


def md_path(url: str) -> str:
    """The inverse of html_url: a published URL's Markdown page."""
    return url.removesuffix(".html") + ".md"


def rel(from_page: str, to_page: str) -> str:
    """Relative link from one page to another (both .md paths from the docs root)."""
    return posixpath.relpath(to_page, posixpath.dirname(from_page) or ".")


def href(from_page: str, to_page: str) -> str:
    """The same link as rel, to the built .html page: raw HTML links are not rewritten by MkDocs."""
    return html_url(rel(from_page, to_page))


@dataclass(frozen=True)
class PathStep:
    axis: str
    choice: str
    change_link: str


def path_text(paths: list[list[PathStep]]) -> str:
    """Every path to a page as one plain line: "Account: Work or school > Product: Azure OpenAI; or Account: Personal > …".

    Why one function: the ticket text (a Jinja filter) and compare.csv both give
    the paths, so a pasted ticket and a spreadsheet name the same ones, and a
    page reached from two account types names both rather than the first alone.
    """
    return PATH_OR.join(PATH_STEP.join(f"{text.plain(s.axis)}: {text.plain(s.choice)}" for s in path) for path in paths)


def node_paths(tree: Tree, graph: Graph, node: Node, page: str) -> list[list[PathStep]]:
    """Every path that leads to the node, the canonical one (the path line's) first; links relative to page."""

    def step_view(step: Step) -> PathStep:
        return PathStep(step.question.axis or step.question.title, step.option.short, href(page, page_of(step.question, tree)))

    return [[step_view(step) for step in route] for route in graph.routes(node.id)]


def outline(tree: Tree) -> list[OutlineRow]:
    """Depth-first rows for the nested list: a question, then everything under it; a node met again is marked, not walked.

    The map, the compare page (one row per answer) and the print order all read it,
    so the answers of one product stay together everywhere.
    """
    rows: list[OutlineRow] = []
    shown: set[str] = set()

    def walk(node: Node, label: str, depth: int) -> None:
        repeat = node.id in shown
        rows.append((depth, node, label, page_of(node, tree), repeat))
        if repeat:
            return
        shown.add(node.id)
        for option in node.options:
            walk(tree.node(option.to), option.label, depth + 1)

    walk(tree.node(tree.start), "", 0)
    return rows


def redirect_map(loaded: LoadedTree) -> dict[str, str]:
    """mkdocs-redirects' redirect_maps: old .md path → the renamed node's .md path."""
    tree = loaded.tree
    return {md_path(r.from_url): page_of(tree.node(r.to), tree) for r in tree.redirects}
