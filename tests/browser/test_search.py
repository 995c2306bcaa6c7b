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
from playwright.sync_api import Page, Worker

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


_SEARCH_EVERY_QUERY_JS = """
async (queries) => {
  // Material's own search worker, set up with the site's own index, as the header search does.
  const config = JSON.parse(document.getElementById("__config").textContent);
  const base = new URL(config.base.replace(/\\/?$/, "/"), location.href);
  const index = await (await fetch(new URL("search/search_index.json", base))).json();
  const worker = new Worker(new URL(config.search, location.href));
  const call = (message) => new Promise((resolve) => {
    worker.onmessage = (ev) => resolve(ev.data);
    worker.postMessage(message);
  });
  await call({ type: 0, data: { ...index, options: { suggest: false } } });
  let hits = 0;
  for (const q of queries) {
    const result = await call({ type: 2, data: q });
    if (result.data.items.length) hits += 1;
  }
  worker.terminate();
  return hits;
}
"""


def test_every_query_runs_without_a_search_error(page: Page, site_url: str) -> None:
    """Every one- and two-character word and every ticket of the table runs in Material's search worker.

    Why: lunr (inside Material's worker) can build a token set that names words the index
    does not hold; every query whose wildcard reaches one then fails, and the worker only
    logs a warning and shows "No matching documents". Ticket words such as "do" did this
    once (file names on the source pages), and the search silently found nothing.
    """
    import string

    from tests.browser.ticketcases import load_cases

    chars = string.ascii_lowercase + string.digits
    queries = [a for a in chars] + [a + b for a in chars for b in chars] + [c.text for c in load_cases()]
    warnings: list[str] = []

    def watch(worker: Worker) -> None:
        worker.on("console", lambda msg: warnings.append(msg.text) if msg.type in ("warning", "error") else None)

    page.on("worker", watch)
    page.on("console", lambda msg: warnings.append(msg.text) if msg.type == "warning" else None)
    page.goto(site_url + "index.html")
    hits = page.evaluate(_SEARCH_EVERY_QUERY_JS, queries)
    failed = sorted({w for w in warnings if "Invalid query" in w or "TypeError" in w})
    assert not failed, f"{len(failed)} search errors, first: {failed[:5]}"
    assert hits > len(chars), f"only {hits} of {len(queries)} queries found anything: the worker did not search"
