"""Whoever opens an old ticket link sees when the answer last changed, and can follow the history to why.

Scripts off: the history is a plain <details> element and plain links, so it
works from a locked-down browser and from the offline export.
"""

from __future__ import annotations

from playwright.sync_api import Browser, expect
from treesite import build_site

from tests.browser.treepages import deepest, page_of, real_tree


def test_answer_shows_last_change_and_history_links_to_the_what_changed_entry(chromium_browser: Browser, site_url: str) -> None:
    loaded = real_tree()
    node_id = deepest(loaded)
    newest = next(e for e in build_site(loaded.path).changes if not e.change.minor and node_id in {n.id for n in e.nodes})
    context = chromium_browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + page_of(loaded, node_id))
    last = " ".join(page.locator(".last-changed").inner_text().split())
    assert last == f"Last changed: {newest.date}: {' '.join(newest.change.summary.split())}"
    history = page.locator("details.history")
    assert not history.locator("ol").is_visible(), "the history is folded until asked for"
    history.locator("summary").click()
    first = history.locator("li a").first
    assert first.is_visible() and first.inner_text() == newest.date
    first.click()
    page.wait_for_url(f"**/changes.html#{newest.anchor}")
    entry = page.locator(f"#{newest.anchor}")
    expect(entry).to_be_visible()
    assert " ".join(newest.change.summary.split()) in entry.inner_text()
    entry.get_by_role("link", name=loaded.tree.node(node_id).title).click()
    page.wait_for_url(f"**/{page_of(loaded, node_id)}")
    context.close()


def test_what_changed_is_in_the_navigation(chromium_browser: Browser, site_url: str) -> None:
    context = chromium_browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(site_url + "index.html")
    page.locator("nav.md-nav--primary").get_by_role("link", name="What changed").first.click()
    page.wait_for_url("**/changes.html")
    expect(page.locator("article h1")).to_have_text("What changed")
    context.close()
