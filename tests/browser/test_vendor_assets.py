"""The online build uses the vendored Mermaid too: no request to unpkg.com or any CDN.

Material loads ``https://unpkg.com/mermaid@11/...`` at run time when no
``mermaid`` global exists, which no static check of the HTML can see; so the
online site is served from 127.0.0.1 and its map page rendered, with every
request outside that server blocked and recorded. The map is reached both by
a full page load and by Material's instant navigation (an XHR page swap), the
case where an on-demand loader could lose the race against Material.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from .conftest import LOCAL_PREFIXES, new_watched

MERMAID_BYTES_FLOOR = 1_000_000  # the real library, not the on-demand stand-in


@pytest.mark.parametrize("arrival", ["direct", "instant-navigation"])
def test_online_map_renders_mermaid_without_cdn(chromium_browser: Browser, site_url: str, arrival: str) -> None:
    w = new_watched(chromium_browser, open_shadow_roots=True, allowed_prefixes=(*LOCAL_PREFIXES, site_url))
    try:
        if arrival == "direct":
            w.page.goto(site_url + "map.html")
        else:
            w.page.goto(site_url + "about.html")
            assert w.page.evaluate("typeof mermaid.mermaidAPI") == "undefined", "the library loads only where a diagram is drawn"
            w.page.locator(".md-content a[href$='/map.html']").first.click()
            w.page.wait_for_url("**/map.html")
        w.wait_for(w.page.locator("div.mermaid svg").first)
        assert w.page.evaluate("typeof mermaid.mermaidAPI") == "object", "the vendored library replaced the stand-in"
        w.watcher.assert_clean()
    finally:
        w.context.close()


def test_pages_without_a_diagram_do_not_download_mermaid(chromium_browser: Browser, site_url: str) -> None:
    w = new_watched(chromium_browser, allowed_prefixes=(*LOCAL_PREFIXES, site_url))
    try:
        sizes: list[int] = []
        w.page.on("response", lambda r: sizes.append(len(r.body())) if "mermaid.min.js" in r.url else None)
        w.page.goto(site_url + "a/aoai-global.html")
        w.page.wait_for_load_state("networkidle")
        assert sizes == []
        w.page.goto(site_url + "map.html")
        w.wait_for(w.page.locator(".md-content"))
        w.page.wait_for_load_state("networkidle")
        assert sizes and sizes[0] > MERMAID_BYTES_FLOOR
        w.watcher.assert_clean()
    finally:
        w.context.close()
