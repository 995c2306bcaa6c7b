"""In Chromium, pages built from the injection examples run nothing: no dialog, no redirect.

Issue 12 found alert() running on the published site. Each accepted example
of tests/injection.py is built with `mkdocs build --strict`, served, and its
page opened, focused, clicked and hovered; any dialog fails the test, as does
a page that navigates away on its own (meta refresh), any console error (the
CSP reports a blocked script there) and any Content-Security-Policy violation.
The real site is checked for CSP violations too: Mermaid on the map, search,
instant navigation.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from tests.helpers import mkdocs_build, serve_folder
from tests.injection import CASES, Case, write_tree

from .conftest import LOCAL_PREFIXES, new_watched

BUILT = [c for c in CASES if not c.rejected]
RECORD_VIOLATIONS = """(() => {
  window.__violations = [];
  document.addEventListener('securitypolicyviolation', e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));
})();"""


@pytest.fixture(scope="module")
def case_sites(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """Every accepted injection example built and served: case name → base URL."""
    urls: dict[str, str] = {}
    servers = []
    for case in BUILT:
        root = tmp_path_factory.mktemp(case.name)
        tree = write_tree(case.edit, root / "tree", case.source_tail)
        result = mkdocs_build(root / "site", tree=tree)
        assert result.returncode == 0, f"{case.name}: build failed:\n{result.stderr[-3000:]}"
        server = serve_folder(root / "site")
        urls[case.name] = server.__enter__()
        servers.append(server)
    yield urls
    for server in servers:
        server.__exit__(None, None, None)


def _provoke(page: Page) -> None:
    """Do what a reader does: focus, hover and click every element in the article, then wait."""
    page.evaluate(
        """() => {
      // A click on a link would leave the page (instant navigation listens on the document).
      // The article stops it after the element's own handlers ran, which are what is tested.
      document.querySelector('article').addEventListener('click', (e) => { e.preventDefault(); e.stopPropagation(); });
      for (const el of document.querySelectorAll('article *')) {
        for (const type of ['mouseover', 'focus', 'click', 'error', 'load']) {
          el.dispatchEvent(new Event(type, {bubbles: true}));
        }
        if (typeof el.focus === 'function') el.focus();
      }
    }"""
    )
    page.keyboard.press("Tab")
    page.wait_for_timeout(1500)  # a meta refresh of 0-1 s, or a delayed onfocus, has had its chance


@pytest.mark.parametrize("case", BUILT, ids=lambda c: c.name)
def test_injection_page_runs_nothing(chromium_browser: Browser, case_sites: dict[str, str], case: Case) -> None:
    base = case_sites[case.name]
    w = new_watched(chromium_browser, open_shadow_roots=True, allowed_prefixes=(*LOCAL_PREFIXES, base))
    w.context.add_init_script(RECORD_VIOLATIONS)
    dialogs: list[str] = []
    w.page.on("dialog", lambda d: (dialogs.append(f"{d.type}: {d.message}"), d.dismiss()))
    try:
        url = base + case.page
        last_paragraph = w.page.goto(url) and w.page.locator(".src-para").last
        if case.page.startswith("s/"):
            anchor = last_paragraph.get_attribute("id")
            w.page.goto(f"{url}#{anchor}")  # the cited-paragraph highlight, on the hostile paragraph
        _provoke(w.page)
        assert dialogs == [], f"a dialog opened on {case.page}: {dialogs}"
        assert w.page.url.split("#")[0] == url, f"{case.page} navigated away on its own to {w.page.url}"
        assert w.page.evaluate("window.__violations") == []
        assert case.shows.split()[0] in w.page.locator("article").inner_text()
        # Every title is also a Mermaid label on the map: it must still draw, and run nothing.
        w.page.goto(base + "map.html")
        w.wait_for(w.page.locator("div.mermaid svg").first)
        assert w.page.locator('svg[aria-roledescription="error"]').count() == 0, "Mermaid drew an error box"
        _provoke(w.page)
        assert dialogs == [] and w.page.evaluate("window.__violations") == []
        w.watcher.assert_clean()
    finally:
        w.context.close()


@pytest.mark.parametrize("path", ["map.html", "a/aoai-global.html", "s/aoai-privacy.html#p-3", "about.html"])
def test_real_site_breaks_no_csp_rule(chromium_browser: Browser, site_url: str, path: str) -> None:
    """The policy allows what the site needs: theme scripts, Mermaid, search; nothing is blocked."""
    w = new_watched(chromium_browser, open_shadow_roots=True, allowed_prefixes=(*LOCAL_PREFIXES, site_url))
    w.context.add_init_script(RECORD_VIOLATIONS)
    try:
        w.page.goto(site_url + path)
        if path == "map.html":
            w.wait_for(w.page.locator("div.mermaid svg").first)
        box = w.page.locator("input.md-search__input")
        box.click()
        box.press_sequentially("retention", delay=30)
        w.wait_for(w.page.locator(".md-search-result__item").first)
        assert w.page.evaluate("window.__violations") == []
        assert w.page.locator('meta[http-equiv="Content-Security-Policy"]').count() == 1
        w.watcher.assert_clean()
    finally:
        w.context.close()


def test_a_script_that_slips_through_is_blocked_by_the_csp(chromium_browser: Browser, built_site: Path, tmp_path: Path) -> None:
    """The second line of defence on its own: an injected inline script in a built page does not run."""
    page_file = tmp_path / "evil.html"
    html = (built_site / "about.html").read_text(encoding="utf-8")
    page_file.write_text(html.replace("</article>", "<script>alert('csp failed')</script></article>", 1), encoding="utf-8")
    w = new_watched(chromium_browser)
    w.context.add_init_script(RECORD_VIOLATIONS)
    dialogs: list[str] = []
    w.page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    try:
        w.page.goto(page_file.as_uri())
        w.page.wait_for_timeout(500)
        assert dialogs == []
        assert any(v.startswith("script-src") for v in w.page.evaluate("window.__violations"))
    finally:
        w.context.close()
