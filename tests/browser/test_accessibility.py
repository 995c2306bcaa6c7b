"""Accessibility of the served site: axe-core finds nothing, and the tree works from the keyboard alone.

Why these checks:
- Support staff read these pages with screen readers, zoom and keyboards, and
  a page that fails WCAG A/AA is a page some of them cannot use. axe-core
  (pinned in package.json's devDependencies, installed by ``npm ci``) runs its default rule set,
  WCAG 2.x A/AA plus best practices, on one page of each kind the hook
  generates. No rule is disabled: a violation is either fixed in our CSS or
  templates (``overrides/`` can replace any Material partial) or the test fails.
- Mermaid draws the map into a *closed* shadow root that axe cannot enter;
  the context opens shadow roots (``OPEN_SHADOW_ROOTS``) so the diagram is
  checked too, and the map test waits for the diagram so it checks what
  readers see.
- The tree is navigation: if the option links cannot be reached and followed
  with Tab and Enter, a keyboard user cannot get to any answer. It is walked
  twice: on the loopback server, where every click is a full page load, and
  at the address in site_url, where Material's instant navigation swaps pages
  in place (it only does so for links whose URL, with this page's scheme and
  host, is in sitemap.xml, so never on 127.0.0.1:<port>/). Readers get the
  second; the first is what file:// and other hosts get.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, Route, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from tests.helpers import REPO

from .conftest import LOCAL_PREFIXES, Watched, new_watched

AXE_JS = REPO / "node_modules" / "axe-core" / "axe.min.js"

# One page of each kind the hook renders, plus the map (Mermaid diagram and nested list).
AXE_PAGES = [
    pytest.param("index.html", id="start"),
    pytest.param("q/work.html", id="question"),
    pytest.param("a/aoai-global.html", id="answer"),
    pytest.param("s/aoai-privacy.html", id="source"),
    pytest.param("map.html", id="map"),
    pytest.param("not-covered.html", id="not-covered"),
]

OPTION_LINK = ".options a.option-link"
MAX_TABS_PER_PAGE = 200  # far more than any page has focus stops; stops a loop that never lands
MAX_STEPS = 10  # deeper than the tree; a longer walk means the links go round in circles

AXE_RUN = """async () => {
  const result = await axe.run(document, {resultTypes: ["violations"]});
  return result.violations.map(v => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    helpUrl: v.helpUrl,
    nodes: v.nodes.map(n => ({
      target: n.target.map(t => Array.isArray(t) ? t.join(" >>> ") : t).join(" "),
      html: n.html.replace(/\\s+/g, " ").slice(0, 160),
      summary: (n.failureSummary || "").split("\\n").slice(0, 2).join(" ").trim(),
    })),
  }));
}"""

FOCUSED = """(optionSelector) => {
  const e = document.activeElement;
  if (!e || e === document.body) return {isOption: false, href: "", label: "(body)", outline: "", shadow: ""};
  const style = getComputedStyle(e);
  return {
    isOption: e.matches(optionSelector),
    href: e.href || "",
    label: (e.tagName + "." + e.className + " " + (e.textContent || "").trim()).slice(0, 80),
    outline: style.outlineStyle === "none" ? "" : style.outlineWidth,
    shadow: style.boxShadow === "none" ? "" : style.boxShadow,
  };
}"""


def configured_site_url() -> str:
    """site_url from mkdocs.yml, read as text (the file has a !!python/name tag safe_load rejects)."""
    match = re.search(r"^site_url:\s*(\S+)\s*$", (REPO / "mkdocs.yml").read_text(encoding="utf-8"), re.MULTILINE)
    assert match is not None, "mkdocs.yml has no site_url"
    return match.group(1).rstrip("/") + "/"


@pytest.fixture()
def site_page(chromium_browser: Browser, site_url: str) -> Iterator[Watched]:
    """A desktop page whose context may load only the local server; shadow roots are open so axe sees the map."""
    # axe-core goes in as an inline script, which the site's CSP (rightly) blocks.
    watched = new_watched(chromium_browser, open_shadow_roots=True, allowed_prefixes=(site_url, *LOCAL_PREFIXES), bypass_csp=True)
    try:
        yield watched
    finally:
        watched.context.close()


def format_violations(path: str, violations: list[dict[str, Any]]) -> str:
    """One block per rule: what to fix and where, so the failure message is the bug report."""
    lines = [f"axe-core found {len(violations)} rule violation(s) on {path}:"]
    for v in violations:
        lines.append(f"- {v['id']} ({v['impact']}): {v['help']} <{v['helpUrl']}>")
        for node in v["nodes"][:8]:
            lines.append(f"    at {node['target']}: {node['html']}")
            lines.append(f"       {node['summary']}")
        if len(v["nodes"]) > 8:
            lines.append(f"    … and {len(v['nodes']) - 8} more element(s)")
    return "\n".join(lines)


def wait_for_map_diagram(page: Page) -> None:
    """The diagram is drawn by a script after load; axe must run on the drawn SVG, not an empty box."""
    page.locator("div.mermaid svg").first.wait_for(state="attached", timeout=15_000)


def run_axe(page: Page) -> list[dict[str, Any]]:
    if not AXE_JS.is_file():
        pytest.fail(f"{AXE_JS} is missing: run `npm ci` (or `make test-deps`) in {REPO}")
    page.add_script_tag(path=str(AXE_JS))
    violations: list[dict[str, Any]] = page.evaluate(AXE_RUN)
    return violations


@pytest.mark.parametrize("path", AXE_PAGES)
def test_axe_finds_no_violations(site_page: Watched, site_url: str, path: str) -> None:
    """Every generated page kind passes axe-core with no rule disabled."""
    page = site_page.page
    page.goto(site_url + path, wait_until="networkidle")
    if path == "map.html":
        try:
            wait_for_map_diagram(page)
        except PlaywrightTimeoutError:
            site_page.watcher.assert_clean()  # a blocked CDN request is the usual reason: say so first
            raise
    violations = run_axe(page)
    assert not violations, format_violations(path, violations)
    site_page.watcher.assert_clean()


def focused(page: Page) -> dict[str, str | bool]:
    info: dict[str, str | bool] = page.evaluate(FOCUSED, OPTION_LINK)
    return info


def tab_to_option(page: Page) -> dict[str, str | bool]:
    """Press Tab until an option link has focus; fail with the focus trail if none ever does."""
    trail: list[str] = []
    for _ in range(MAX_TABS_PER_PAGE):
        page.keyboard.press("Tab")
        info = focused(page)
        if info["isOption"]:
            return info
        trail.append(str(info["label"]))
    pytest.fail(f"{MAX_TABS_PER_PAGE} presses of Tab on {page.url} never focused an option link; last stops: {trail[-10:]}")


@pytest.fixture(params=["loopback", "site_url"])
def origin(request: pytest.FixtureRequest, chromium_browser: Browser, site_url: str) -> Iterator[tuple[Watched, str]]:
    """A desktop page and the base URL to browse: the loopback server, or site_url answered by it."""
    public = configured_site_url()
    watched = new_watched(chromium_browser, allowed_prefixes=(site_url, public, *LOCAL_PREFIXES))
    if request.param == "site_url":

        def from_local_server(route: Route) -> None:
            route.fulfill(response=route.fetch(url=site_url + route.request.url.removeprefix(public)))

        watched.context.route(public + "**", from_local_server)  # registered last, so tried before the watcher's
    try:
        yield watched, public if request.param == "site_url" else site_url
    finally:
        watched.context.close()


def test_keyboard_alone_reaches_an_answer(origin: tuple[Watched, str]) -> None:
    """Tab to an option and press Enter on each page, never the mouse, until an answer page (a/...) opens."""
    watched, base = origin
    page = watched.page
    page.goto(base, wait_until="networkidle")
    page.evaluate("() => { window.__sameDocument = true; }")  # survives instant navigation, not a page load
    visited = [page.url]
    for _ in range(MAX_STEPS):
        if page.url.startswith(base + "a/"):
            break
        option = tab_to_option(page)
        assert option["outline"] or option["shadow"], f"the focused option link on {page.url} shows no focus ring: {option['label']}"
        target = str(option["href"])
        # Instant navigation swaps the article in place: wait for the URL *and* for a new article.
        page.evaluate("() => document.querySelector('article').setAttribute('data-before-enter', '')")
        page.keyboard.press("Enter")
        page.wait_for_function(
            "(target) => location.href === target && document.querySelector('article h1')"
            " && !document.querySelector('article[data-before-enter]')",
            arg=target,
        )
        visited.append(page.url)
    assert page.url.startswith(base + "a/"), f"no answer page after {MAX_STEPS} keyboard steps: {visited}"
    expect(page.locator("article table.glance"), f"{page.url} was reached but shows no At-a-glance card").to_have_count(1)
    if base == configured_site_url():
        assert page.evaluate("() => window.__sameDocument === true"), (
            "at site_url the walk should use instant navigation, but a page was loaded afresh: this variant tested nothing new"
        )
    watched.watcher.assert_clean()


def test_axe_script_is_the_pinned_one() -> None:
    """The version axe reports must be the one package.json pins, or results differ between machines."""
    pinned = json.loads((REPO / "package.json").read_text(encoding="utf-8"))["devDependencies"]["axe-core"]
    if not AXE_JS.is_file():
        pytest.fail(f"{AXE_JS} is missing: run `npm ci` in {REPO}")
    installed = json.loads((AXE_JS.parent / "package.json").read_text(encoding="utf-8"))["version"]
    assert installed == pinned, f"node_modules has axe-core {installed}, package.json pins {pinned}: run `npm ci`"
