"""Phones: no page scrolls sideways at 375 px, and screenshots of the main page kinds for human review.

Why:
- Support staff open answer links from tickets on phones. A page wider than
  the screen (a long URL, a wide table, a code block) makes every line need a
  sideways swipe; tables and code may scroll inside their own box, the page
  itself must not.
- Screenshots catch what no assertion describes (overlapping boxes, a lost
  style sheet, an unreadable card). Fonts differ between machines, so they
  are not compared pixel by pixel: each run writes ``<name>.new.png``
  (gitignored) next to the committed ``<name>.png`` for a person to compare,
  creates ``<name>.png`` when it is missing, and only checks that the picture
  is a real, full page rather than a blank or error page.
"""

from __future__ import annotations

import shutil
import struct
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page

from tests.helpers import REPO

from .conftest import LOCAL_PREFIXES, PageWatcher

SCREENSHOTS = REPO / "tests" / "screenshots"
PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 900}
# Measured: Material's frame with an empty article is about 26 KB as a desktop
# PNG (sidebars drawn) and 9 KB on a phone; the shortest real page here (start)
# is about 76 KB and 59 KB. Below these sizes the page is blank or unstyled.
MIN_SCREENSHOT_BYTES = {"desktop": 45_000, "phone": 30_000}

LONG_PAGES = [
    pytest.param("a/aoai-global.html", id="answer-aoai-global"),
    pytest.param("s/aoai-privacy.html", id="source-aoai-privacy"),
]

SHOTS = [
    pytest.param("start", "index.html", id="start"),
    pytest.param("question", "q/work.html", id="question"),
    pytest.param("answer", "a/aoai-global.html", id="answer"),
]

# Elements sticking out to the right, for the failure message; those inside a
# box that scrolls by itself (Material wraps tables in one) are not the problem.
OVERFLOW = """() => {
  const width = window.innerWidth;
  const scrollsItself = (e) => {
    for (let p = e.parentElement; p; p = p.parentElement) {
      const x = getComputedStyle(p).overflowX;
      if (x === "auto" || x === "scroll" || x === "hidden") return true;
    }
    return false;
  };
  const wide = [...document.querySelectorAll("body *")]
    .filter((e) => e.getBoundingClientRect().right > width + 1 && !scrollsItself(e))
    .slice(0, 8)
    .map((e) => `${e.tagName.toLowerCase()}.${e.className} (right edge ${Math.round(e.getBoundingClientRect().right)} px)`);
  return {scrollWidth: document.documentElement.scrollWidth, innerWidth: width, wide};
}"""


def watched_context(browser: Browser, site_url: str, *, phone: bool) -> tuple[BrowserContext, PageWatcher]:
    """A fresh context that may load only the local server and records console errors."""
    device: dict[str, object] = {"viewport": PHONE, "is_mobile": True, "has_touch": True} if phone else {"viewport": DESKTOP}
    context = browser.new_context(**device)  # type: ignore[arg-type]
    watcher = PageWatcher(allowed_prefixes=(site_url, *LOCAL_PREFIXES))
    watcher.attach(context)
    context.set_default_timeout(15_000)
    return context, watcher


@pytest.fixture()
def phone(chromium_browser: Browser, site_url: str) -> Iterator[tuple[Page, PageWatcher]]:
    """A 375×812 touch phone, the narrowest common screen."""
    context, watcher = watched_context(chromium_browser, site_url, phone=True)
    try:
        yield context.new_page(), watcher
    finally:
        context.close()


def horizontal_overflow(page: Page) -> dict[str, object]:
    result: dict[str, object] = page.evaluate(OVERFLOW)
    return result


@pytest.mark.parametrize("path", LONG_PAGES)
def test_long_page_has_no_horizontal_scroll_on_a_phone(phone: tuple[Page, PageWatcher], site_url: str, path: str) -> None:
    """The pages with the longest quotes, URLs and tables still fit 375 px."""
    page, watcher = phone
    page.goto(site_url + path, wait_until="networkidle")
    found = horizontal_overflow(page)
    assert int(str(found["scrollWidth"])) <= int(str(found["innerWidth"])), (
        f"{path} scrolls sideways on a 375 px phone: scrollWidth {found['scrollWidth']} > innerWidth {found['innerWidth']}; "
        f"sticking out: {found['wide']}"
    )
    watcher.assert_clean()


def test_no_page_of_the_site_scrolls_sideways_on_a_phone(chromium_browser: Browser, site_url: str, built_site: Path) -> None:
    """Every HTML page, not only the two above: a new node with a long word must not break the phone layout.

    Each page gets its own context, checked before it closes: going from one
    page straight to the next aborts the favicon Chromium requests late, and
    the watcher would count that abort, which the site cannot cause.
    """
    paths = sorted(p.relative_to(built_site).as_posix() for p in built_site.rglob("*.html"))  # 404.html too: its links are relative
    assert len(paths) > 10, f"only {len(paths)} pages found in {built_site}"
    too_wide: list[str] = []
    problems: list[str] = []
    for path in paths:
        context, watcher = watched_context(chromium_browser, site_url, phone=True)
        try:
            page = context.new_page()
            page.goto(site_url + path, wait_until="networkidle")
            found = horizontal_overflow(page)
            if int(str(found["scrollWidth"])) > int(str(found["innerWidth"])):
                too_wide.append(f"{path}: scrollWidth {found['scrollWidth']}; sticking out: {found['wide']}")
            problems += [f"{path}: {problem}" for problem in watcher.problems()]
        finally:
            context.close()
    assert not too_wide, "pages wider than a 375 px phone:\n  " + "\n  ".join(too_wide)
    assert not problems, "browser saw:\n  " + "\n  ".join(problems)


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from the PNG header (IHDR), so no imaging library is needed."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG file"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


@pytest.mark.parametrize("device", ["desktop", "phone"])
@pytest.mark.parametrize(("name", "path"), SHOTS)
def test_screenshot_for_review(chromium_browser: Browser, site_url: str, name: str, path: str, device: str) -> None:
    """Writes tests/screenshots/<name>-<device>.new.png, and <name>-<device>.png when missing, of the whole page."""
    viewport = PHONE if device == "phone" else DESKTOP
    new = SCREENSHOTS / f"{name}-{device}.new.png"
    context, watcher = watched_context(chromium_browser, site_url, phone=device == "phone")
    try:
        page = context.new_page()
        page.goto(site_url + path, wait_until="networkidle")
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        data = page.screenshot(path=str(new), full_page=True, animations="disabled", caret="hide")
        problems = watcher.problems()  # before close, which aborts whatever still loads
    finally:
        context.close()
    assert not problems, "browser saw:\n  " + "\n  ".join(problems)
    width, height = png_size(data)
    assert width == viewport["width"], f"{new.name} is {width} px wide, expected {viewport['width']}: the page is wider than the screen"
    assert height >= viewport["height"], f"{new.name} is only {height} px tall: full_page did not capture the page"
    assert len(data) > MIN_SCREENSHOT_BYTES[device], (
        f"{new.name} is only {len(data)} bytes: the page looks blank (style sheet or content missing?)"
    )
    baseline = SCREENSHOTS / f"{name}-{device}.png"
    if not baseline.exists():  # only a picture that passed the checks becomes the reference
        shutil.copyfile(new, baseline)
