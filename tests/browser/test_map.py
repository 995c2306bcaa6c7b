"""The map page: the whole tree as a Mermaid diagram whose boxes are links, and as a nested list.

Why: someone who does not know where an answer sits opens the map. Every
node must be a box that opens its page, and the list under the diagram must
reach every page too (it is what works without scripts and for screen
readers). Material draws Mermaid into a closed shadow root, which no selector
can reach, so these tests open shadow roots first (OPEN_SHADOW_ROOTS changes
nothing else); every request that leaves the local server is blocked and
fails the test, because the map must not need a CDN.
"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urljoin

import pytest
from playwright.sync_api import Browser, expect

from tests.browser.conftest import LOCAL_PREFIXES, Watched, new_watched
from tests.browser.treepages import page_of, real_tree, site_path

DIAGRAM = ".mermaid svg"


@pytest.fixture()
def map_page(chromium_browser: Browser, site_url: str) -> Iterator[Watched]:
    """map.html with shadow roots open; only the local server may be reached."""
    watched = new_watched(chromium_browser, open_shadow_roots=True, allowed_prefixes=(*LOCAL_PREFIXES, site_url))
    try:
        watched.page.goto(site_url + "map.html")
        yield watched
    finally:
        watched.context.close()


def _diagram_links(watched: Watched) -> list[dict[str, str]]:
    """The diagram's links: where each goes (resolved like a click would) and the box text."""
    diagram = watched.page.locator(DIAGRAM)
    diagram.first.wait_for()
    raw = diagram.first.locator("a").evaluate_all(
        "as => as.map(a => ({href: a.getAttribute('href') || a.getAttribute('xlink:href') || '', text: a.textContent}))"
    )
    base = watched.page.url
    return [{"href": urljoin(base, r["href"]), "text": " ".join(r["text"].split())} for r in raw]


def test_map_draws_one_clickable_box_per_node(map_page: Watched, site_url: str) -> None:
    """One diagram, no Mermaid error box, and exactly one link per tree node, labelled with its title."""
    loaded = real_tree()
    links = _diagram_links(map_page)
    assert map_page.page.locator(DIAGRAM).count() == 1, "the map should hold exactly one diagram"
    assert map_page.page.locator('svg[aria-roledescription="error"]').count() == 0, "Mermaid drew an error box"
    assert len(links) == len(loaded.graph.order)
    by_page = {site_path(link["href"], site_url): link["text"] for link in links}
    expected = {page_of(loaded, n): " ".join(loaded.tree.node(n).title.split()) for n in loaded.graph.order}
    assert by_page == expected
    map_page.watcher.assert_clean()


@pytest.mark.parametrize("node_id", real_tree().graph.order)
def test_clicking_a_map_box_opens_its_page(map_page: Watched, site_url: str, node_id: str) -> None:
    """Each box really navigates (Mermaid's security level can silently drop links)."""
    loaded = real_tree()
    target = page_of(loaded, node_id)
    links = _diagram_links(map_page)
    index = next((i for i, link in enumerate(links) if site_path(link["href"], site_url) == target), None)
    assert index is not None, f"no box links to {target}"
    map_page.page.locator(DIAGRAM).first.locator("a").nth(index).click()
    map_page.page.wait_for_url(site_url + target)
    expect(map_page.page.locator("article h1")).to_have_text(" ".join(loaded.tree.node(node_id).title.split()))
    map_page.watcher.assert_clean()


_LIST_JS = """() => {
  const heading = [...document.querySelectorAll('article h2')].find(h => /as a list/i.test(h.textContent));
  if (!heading) return null;
  let list = heading.nextElementSibling;
  while (list && list.tagName !== 'UL') list = list.nextElementSibling;
  if (!list) return null;
  return [...list.querySelectorAll('li')].map(li => {
    const link = li.querySelector(':scope > a');
    const sub = li.querySelector(':scope > ul');
    let depth = 0;
    for (let el = li.parentElement; el && el !== list.parentElement; el = el.parentElement) if (el.tagName === 'UL') depth++;
    return {
      href: link ? link.href : '',
      depth,
      children: sub ? [...sub.querySelectorAll(':scope > li > a')].map(a => a.href) : [],
    };
  });
}"""


def test_nested_list_links_every_node_page_under_its_question(map_page: Watched, site_url: str) -> None:
    """The list below the diagram links every node page, each question's options nested under it."""
    loaded = real_tree()
    rows = map_page.page.evaluate(_LIST_JS)
    assert rows, "map.html has no list after a heading 'The same tree as a list'"
    linked = {site_path(r["href"], site_url) for r in rows}
    assert linked == {page_of(loaded, n) for n in loaded.graph.order}
    assert max(r["depth"] for r in rows) >= 3, "the list is not nested"
    for node_id in loaded.graph.order:
        node = loaded.tree.node(node_id)
        if not node.options:
            continue
        expanded = [r for r in rows if site_path(r["href"], site_url) == page_of(loaded, node_id) and r["children"]]
        assert len(expanded) == 1, f"{node_id}: its options should be listed once, nested under it"
        children = [site_path(h, site_url) for h in expanded[0]["children"]]
        assert children == [page_of(loaded, o.to) for o in node.options], f"{node_id}: nested links differ from its options"

    deep = max(loaded.graph.order, key=lambda n: len(loaded.graph.canonical[n]))
    map_page.page.locator("article ul a", has_text=loaded.tree.node(deep).title).first.click()
    map_page.page.wait_for_url(site_url + page_of(loaded, deep))
