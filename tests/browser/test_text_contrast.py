"""Text contrast: axe-core's color-contrast rule finds nothing on any page, on a desktop or a phone.

Why: WCAG 2 AA asks 4.5:1 for text (3:1 for large text). The layouts differ by size (the
compare table becomes cards on a phone, with a grey header behind the path line that was
4.41:1, issue 24), so every page of the site is checked at 1280x800 and at 390x844. The
<details> of a page (quotes, history, the ticket text) are opened first, so their text is
checked too; the map waits for its diagram. test_accessibility.py runs every axe rule on one
page of each kind; this runs the one rule on every page, in both sizes.

Pages are opened at the public address (site_url in mkdocs.yml) answered by the local server,
so 404.html, whose links are absolute from site_url, is styled as a reader sees it.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, Route

from .conftest import LOCAL_PREFIXES, OPEN_SHADOW_ROOTS, SIZES, PageWatcher, Watched
from .test_accessibility import AXE_JS, configured_site_url, format_violations, wait_for_map_diagram

CONTRAST = """async () => {
  for (const d of document.querySelectorAll("article details")) d.open = true;
  const result = await axe.run(document, {runOnly: {type: "rule", values: ["color-contrast"]}, resultTypes: ["violations"]});
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
    nodes: v.nodes.map(n => ({
      target: n.target.map(t => Array.isArray(t) ? t.join(" >>> ") : t).join(" "),
      html: n.html.replace(/\\s+/g, " ").slice(0, 160),
      summary: (n.failureSummary || "").split("\\n").slice(0, 2).join(" ").trim(),
      ratio: (n.any[0] && n.any[0].data && n.any[0].data.contrastRatio) || null,
    })),
  }));
}"""


def site_pages(site: Path) -> list[str]:
    """Every HTML page of the built site, redirect stubs left out (they have nothing to read)."""
    pages = []
    for path in sorted(site.rglob("*.html")):
        if 'http-equiv="refresh"' not in path.read_text(encoding="utf-8")[:2000]:
            pages.append(path.relative_to(site).as_posix())
    return pages


@pytest.fixture(params=sorted(SIZES))
def public_page(request: pytest.FixtureRequest, chromium_browser: Browser, site_url: str) -> Iterator[tuple[str, Watched]]:
    """A page of the given size browsing the public address, answered by the local server; axe may be injected."""
    size = request.param
    phone = size == "phone"
    public = configured_site_url()
    context = chromium_browser.new_context(viewport=SIZES[size], is_mobile=phone, has_touch=phone, bypass_csp=True)  # type: ignore[arg-type]
    context.add_init_script(OPEN_SHADOW_ROOTS)  # axe reads the map's diagram
    watcher = PageWatcher(allowed_prefixes=(public, site_url, *LOCAL_PREFIXES))
    watcher.attach(context)

    def from_local_server(route: Route) -> None:
        response = route.fetch(url=site_url + route.request.url.removeprefix(public))
        route.fulfill(response=response)

    context.route(public + "**", from_local_server)  # registered last, so tried before the watcher's
    context.set_default_timeout(15_000)
    try:
        yield size, Watched(context.new_page(), watcher, context)
    finally:
        context.close()


def contrast_violations(page: Page, path: str) -> list[dict[str, Any]]:
    if path == "map.html":
        wait_for_map_diagram(page)
    if path == "index.html":
        page.wait_for_function("() => !!window.treeTicketBox")  # the box mounted: its text area enabled
    page.add_script_tag(path=str(AXE_JS))
    violations: list[dict[str, Any]] = page.evaluate(CONTRAST)
    return violations


def test_text_contrast_on_every_page(public_page: tuple[str, Watched], built_site: Path) -> None:
    size, watched = public_page
    if not AXE_JS.is_file():
        pytest.fail(f"{AXE_JS} is missing: run `npm ci`")
    public = configured_site_url()
    pages = site_pages(built_site)
    assert "404.html" in pages and "compare.html" in pages and len(pages) >= 20, pages
    reports, elements, ratios = [], 0, []
    for path in pages:
        watched.page.goto(public + path)
        violations = contrast_violations(watched.page, path)
        if violations:
            reports.append(format_violations(f"{path} ({size})", violations))
            elements += sum(len(v["nodes"]) for v in violations)
            ratios += [n["ratio"] for v in violations for n in v["nodes"] if n["ratio"]]
    lowest = f", lowest {min(ratios)}:1" if ratios else ""
    print(f"{size}: {len(pages)} pages, {elements} element(s) under the contrast WCAG AA asks{lowest}")
    assert not reports, "\n".join(reports)
    watched.watcher.assert_clean()
