"""Search: the words people type from tickets bring up the right answer page first.

Why: many support engineers will not walk the tree; they type a word from
the ticket into the search box and open the first result. Each node lists
`keywords` (ticket words) for exactly this, so for a word the tree assigns to
a page, that page must be the first hit in Material's search (typed into the
header search box, as a person would). If a row fails, tune the keywords or
the page's search boost; do not loosen the row.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.browser.treepages import real_tree, search_hits

# query → the pages that may be the first hit (more than one only where the ticket word is
# equally about several pages). None: every page whose keywords include the query.
SEARCHES: list[tuple[str, tuple[str, ...] | None]] = [
    ("train", None),
    ("retention", ("q/aoai.html",)),
    ("30 days", ("q/aoai.html",)),
    ("human review", ("q/aoai.html",)),
    ("ContentLogging", ("q/aoai.html",)),
    ("Anthropic", ("a/m365.html",)),
    ("EU Data Boundary", ("a/aoai-datazone.html",)),
    ("data zone", ("a/aoai-datazone.html",)),
    ("opt out", ("a/consumer-copilot.html", "q/personal.html")),
    ("Business Central", ("a/business-central.html",)),
    ("24 hours", ("a/business-central.html",)),
    ("RBAC", ("a/azure-copilot.html",)),
    ("Copilot Studio", ("a/studio.html",)),
    ("Entra ID", ("q/work.html",)),
    ("hotmail", ("q/personal.html",)),
]


def pages_with_keyword(word: str) -> tuple[str, ...]:
    loaded = real_tree()
    return tuple(
        loaded.tree.node(n).url
        for n in loaded.graph.order
        if word.lower() in (k.lower() for k in loaded.tree.node(n).keywords) and n != loaded.tree.start
    )


def expected_pages(query: str, pages: tuple[str, ...] | None) -> tuple[str, ...]:
    return pages if pages is not None else pages_with_keyword(query)


@pytest.mark.parametrize(("query", "pages"), SEARCHES, ids=[q for q, _ in SEARCHES])
def test_table_follows_the_tree_keywords(query: str, pages: tuple[str, ...] | None) -> None:
    """Every expected page lists the query among its keywords, so the table cannot drift from the tree."""
    expected = expected_pages(query, pages)
    assert expected, f"no page has the keyword {query!r}"
    with_keyword = pages_with_keyword(query)
    assert set(expected) <= set(with_keyword), f"{query!r}: {sorted(set(expected) - set(with_keyword))} lack the keyword"


@pytest.mark.parametrize(("query", "pages"), SEARCHES, ids=[q for q, _ in SEARCHES])
def test_ticket_word_finds_its_page_first(page: Page, site_url: str, query: str, pages: tuple[str, ...] | None) -> None:
    """The first search result for a ticket word is the answer page that word belongs to."""
    page.goto(site_url + "index.html")
    hits = search_hits(page, site_url, query, typed=True)
    expected = expected_pages(query, pages)
    assert hits, f"no result for {query!r}"
    assert hits[0] in expected, f"{query!r}: first hit {hits[0]}, expected one of {list(expected)}; top hits {hits[:5]}"
