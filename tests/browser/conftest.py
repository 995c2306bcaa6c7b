"""Shared Playwright helpers for the browser tests (offline export, accessibility, ...).

The browser itself is ``chromium_browser`` in tests/conftest.py (Debian's
chromium, quiet flags, fails and never skips when missing): one session-wide
``sync_playwright`` only, since a second one in the same thread refuses to start.

Why these shapes:
- ``PageWatcher`` makes "no network, no console error" one assertion: every
  request outside the allowed URL prefixes is aborted *and* recorded, and
  console errors, uncaught exceptions and failed loads are collected for all
  pages of a context.
- Material renders Mermaid into a *closed* shadow root, which no selector
  can reach; ``OPEN_SHADOW_ROOTS`` (opt-in) makes them open so a test can
  look at the SVG. It changes nothing else on the page.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest
from playwright.sync_api import (
    Browser,
    BrowserContext,
    ConsoleMessage,
    Error,
    Locator,
    Page,
    Request,
    Route,
)
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

LOCAL_PREFIXES: tuple[str, ...] = ("file:", "data:", "blob:", "about:")
VIEWPORT = {"width": 1280, "height": 900}  # wide enough for Material's sidebar and search box
# The two screens the tap-target, contrast and answer-in-place checks run at: a laptop and a phone.
SIZES = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}
OPEN_SHADOW_ROOTS = """(() => {
  const attach = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) { return attach.call(this, { ...init, mode: "open" }); };
})();"""


@dataclass
class PageWatcher:
    """Records what must not happen in a browser context; see ``problems``."""

    allowed_prefixes: tuple[str, ...] = LOCAL_PREFIXES
    blocked: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)

    def attach(self, context: BrowserContext) -> None:
        """Abort and record non-local requests; collect errors from every page of ``context``."""
        context.route("**/*", self._route)
        context.on("request", self._on_request)
        context.on("requestfailed", self._on_failed)
        context.on("console", self._on_console)
        context.on("weberror", lambda err: self.console_errors.append(f"uncaught: {err.error}"))

    def _allowed(self, url: str) -> bool:
        return url.startswith(self.allowed_prefixes)

    def _route(self, route: Route) -> None:
        if self._allowed(route.request.url):
            route.continue_()
        else:
            self._record_blocked(route.request.url)
            route.abort("blockedbyclient")

    def _record_blocked(self, url: str) -> None:
        if url not in self.blocked:
            self.blocked.append(url)

    def _on_request(self, request: Request) -> None:
        # Belt and braces: anything the route did not see (it should see all) still counts.
        if not self._allowed(request.url):
            self._record_blocked(request.url)

    def _on_failed(self, request: Request) -> None:
        # Blocked ones are already in `blocked`; ERR_ABORTED is a load cancelled by leaving the
        # page (a favicon still in flight when a test clicks on), not a missing file.
        if self._allowed(request.url) and request.failure != "net::ERR_ABORTED":
            self.failed.append(f"{request.url}: {request.failure}")

    def _on_console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.console_errors.append(f"{message.text} ({message.location.get('url', '?')})")

    def problems(self) -> list[str]:
        """Human-readable list of everything recorded; empty means clean."""
        return (
            [f"network request blocked: {u}" for u in self.blocked]
            + [f"console error: {e}" for e in self.console_errors]
            + [f"failed load: {f}" for f in self.failed]
        )

    def assert_clean(self) -> None:
        problems = self.problems()
        assert not problems, "browser saw:\n  " + "\n  ".join(problems)


@dataclass
class Watched:
    """A page plus the watcher of its context."""

    page: Page
    watcher: PageWatcher
    context: BrowserContext

    def wait_for(self, locator: Locator) -> None:
        """Wait for ``locator``; on timeout report what the watcher saw (e.g. a blocked CDN URL) first."""
        try:
            locator.wait_for()
        except PlaywrightTimeoutError:
            self.watcher.assert_clean()
            raise


def new_watched(
    browser: Browser, *, open_shadow_roots: bool = False, allowed_prefixes: tuple[str, ...] = LOCAL_PREFIXES, bypass_csp: bool = False
) -> Watched:
    """A fresh context (no shared cache or storage) with a watcher attached and one page.

    bypass_csp only for tests that inject their own inline script (axe-core): the
    site's Content-Security-Policy blocks such scripts, as it should.
    """
    context = browser.new_context(viewport=VIEWPORT, bypass_csp=bypass_csp)  # type: ignore[arg-type]
    if open_shadow_roots:
        context.add_init_script(OPEN_SHADOW_ROOTS)
    watcher = PageWatcher(allowed_prefixes=allowed_prefixes)
    watcher.attach(context)
    context.set_default_timeout(15_000)
    return Watched(context.new_page(), watcher, context)


@pytest.fixture()
def local_page(chromium_browser: Browser, site_url: str) -> Iterator[Watched]:
    """Per-test page that may also load the served site (site_url); closes it afterwards."""
    watched = new_watched(chromium_browser, allowed_prefixes=(site_url, *LOCAL_PREFIXES))
    try:
        yield watched
    finally:
        watched.context.close()


@pytest.fixture()
def watched(chromium_browser: Browser) -> Iterator[Watched]:
    """Per-test page whose context allows only local URLs; closes it afterwards."""
    w = new_watched(chromium_browser, open_shadow_roots=True)
    try:
        yield w
    finally:
        with contextlib.suppress(Error):  # the browser may already be gone after a crash
            w.context.close()
