"""A page reached more than one way names every way in the ticket text, compare.csv and the compare page.

Why: the Azure OpenAI pages and the Azure Copilot page are reached from a work
account and from a personal account's Azure subscription. The page itself says
"This page can be reached by 2 different paths", but the copy-to-ticket text
ended with the first path alone, "Path: Account: Work or school > …", so a
ticket for a personal-account customer stated the wrong account type (third
content review of 2026-11-28, observation 1). compare.csv's Path column and the
compare page had the same single path. Each test here fails on that.
"""

from __future__ import annotations

import csv
import html
import io
import itertools
import re
from functools import cache

import pytest
from treesite import build_site
from treesite.comparecsv import rows
from treesite.graph import Step
from treesite.load import LoadedTree
from treesite.render import COMPARE_CSV, Renderer
from treesite.site import SiteBuild
from treesite.text import plain

from tests.helpers import REPO

SITE_URL = "https://example.invalid/copilot-data-faq/"
PERSONAL_GLOBAL = "Account: Personal > Product: Azure, personal subscription > Azure service: Azure OpenAI > Deployment: Global"
WORK_GLOBAL = "Account: Work or school > Product: Azure OpenAI > Deployment: Global"


@cache
def build() -> SiteBuild:
    return build_site(REPO / "decision_tree", SITE_URL)


def loaded() -> LoadedTree:
    return build().loaded


def route_text(route: tuple[Step, ...]) -> str:
    """A path as the ticket names it, worked out here from the tree, not by the code under test."""
    return " > ".join(f"{plain(s.question.axis or s.question.title)}: {plain(s.option.short)}" for s in route)


@cache
def walked() -> dict[str, list[tuple[Step, ...]]]:
    """Every path from the start to every node, by walking the options depth-first (not Graph.routes)."""
    tree = loaded().tree
    found: dict[str, list[tuple[Step, ...]]] = {}

    def walk(node_id: str, route: tuple[Step, ...]) -> None:
        found.setdefault(node_id, []).append(route)
        node = tree.node(node_id)
        for option in node.options:
            walk(option.to, (*route, Step(node, option)))

    walk(tree.start, ())
    return found


def all_paths(node_id: str) -> list[str]:
    """Every path to the node as the ticket names it, the path line's (canonical) first, then in walking order."""
    first = route_text(loaded().graph.canonical[node_id])
    others = [route_text(r) for r in walked()[node_id]]
    return [first, *(p for p in others if p != first)]


def ticket(node_id: str) -> str:
    """The copy-to-ticket text of a node's page, as the page holds it (HTML-escaped inside <pre><code>)."""
    node = loaded().tree.node(node_id)
    page = Renderer(loaded(), SITE_URL).node_page(node)
    block = page.split("<pre><code>", 1)[1].split("</code></pre>", 1)[0]
    return html.unescape(block)


def several() -> list[str]:
    graph = loaded().graph
    return [n for n in graph.order if graph.path_count(n) > 1]


def single() -> list[str]:
    graph = loaded().graph
    return [n for n in graph.order if graph.path_count(n) == 1 and n != loaded().tree.start]


def test_the_real_tree_has_pages_with_several_paths() -> None:
    """Sanity: the tests below mean something only if such pages exist (Azure OpenAI's and Azure Copilot's)."""
    assert {"aoai", "aoai-global", "aoai-datazone", "aoai-standard", "aoai-batch", "azure-copilot"} <= set(several())


@pytest.mark.parametrize("node_id", loaded().graph.order)
def test_routes_are_every_path_the_page_counts_with_the_path_line_first(node_id: str) -> None:
    graph = loaded().graph
    routes = graph.routes(node_id)
    assert len(routes) == graph.path_count(node_id)
    assert routes[0] == graph.canonical[node_id], "the path line's path comes first"
    assert sorted(route_text(r) for r in routes) == sorted(all_paths(node_id)), "the same paths as a walk of the options"
    for route in routes:
        if route:
            assert route[0].question.id == loaded().tree.start and route[-1].option.to == node_id
        for step, after in itertools.pairwise(route):
            assert step.option.to == after.question.id, "each step leads to the next question"


@pytest.mark.parametrize("node_id", several())
def test_ticket_text_of_a_page_with_several_paths_gives_every_path(node_id: str) -> None:
    text = ticket(node_id)
    lines = [line for line in text.splitlines() if line.startswith(("Path: ", "Paths: "))]
    assert len(lines) == 1, lines
    want = "Paths: " + "; or ".join(all_paths(node_id))
    assert lines[0] == want, lines[0]
    assert "Account: Work or school" in lines[0] and "Account: Personal" in lines[0], "both account types"


@pytest.mark.parametrize("node_id", single())
def test_ticket_text_of_a_page_with_one_path_gives_that_path(node_id: str) -> None:
    text = ticket(node_id)
    want = "Path: " + route_text(loaded().graph.canonical[node_id])
    assert want in text.splitlines(), text[-600:]
    assert "Paths: " not in text


def test_global_ticket_names_the_personal_account_path() -> None:
    """The example of the review: a personal-account customer on a Global deployment."""
    line = next(x for x in ticket("aoai-global").splitlines() if x.startswith("Paths: "))
    assert line == f"Paths: {WORK_GLOBAL}; or {PERSONAL_GLOBAL}"


def test_the_ticket_text_and_the_csv_share_one_way_of_writing_paths() -> None:
    from treesite.views.paths import node_paths, path_text

    tree = loaded()
    paths = node_paths(tree.tree, tree.graph, tree.tree.node("aoai-global"), "a/aoai-global.md")
    assert path_text(paths) == f"{WORK_GLOBAL}; or {PERSONAL_GLOBAL}"


def test_compare_csv_path_column_gives_every_path() -> None:
    table = list(csv.reader(io.StringIO(build().built_files[COMPARE_CSV].decode("utf-8-sig"), newline="")))
    column = table[0].index("Path")
    by_title = {row[0]: row[column] for row in table[1:]}
    tree = loaded().tree
    for node in tree.nodes:
        if node.is_question:
            continue
        assert by_title[plain(node.title)] == "; or ".join(all_paths(node.id)), node.id
    assert by_title[plain(tree.node("aoai-global").title)] == f"{WORK_GLOBAL}; or {PERSONAL_GLOBAL}"
    assert rows(Renderer(loaded(), SITE_URL))[1:] == table[1:], "the file says what the rows say"


def test_compare_page_shows_every_path_of_each_answer() -> None:
    page = build().pages["compare.md"]
    for node_id in ("aoai-global", "azure-copilot", "m365"):
        cell = re.search(rf'<tr id="row-{node_id}">\n<th scope="row">(.*?)</th>', page)
        assert cell, node_id
        shown = [html.unescape(re.sub(r"<[^>]+>", "", s)) for s in re.findall(r'<span class="compare-path">(.*?)</span>', cell.group(1))]
        want = [" › ".join(step.split(": ", 1)[1] for step in p.split(" > ")) for p in all_paths(node_id)]
        assert shown == [want[0], *(f"or {w}" for w in want[1:])], (node_id, shown)
