"""Every link in an answer card can be tapped: at least 24 px in size, or 24 px clear of the next link.

Why: WCAG 2.2 success criterion 2.5.8 (Target Size, Minimum, AA). Support staff open these
pages on phones; a "Sources disagree" link 16-17 px tall right after the answer's own link
(issue 24: 10 on the compare page, more on q/aoai and the Azure OpenAI answer pages) is
easy to miss and lands on the wrong note. The cards are the At-a-glance tables of the
question and answer pages (table.glance) and the compare table (table.compare, cards on a
phone). Their quote lists (<details>) are opened first, so the links inside are measured too.

The rule, as WCAG words it: a target passes when it is at least 24 by 24 CSS px; a smaller
one passes when a circle 24 px across, centred on it, touches no other target and no other
small target's circle. Each line of a link that wraps is measured as its own box.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from .conftest import LOCAL_PREFIXES, SIZES, PageWatcher, Watched

CARDS = "table.glance, table.compare"
MIN_TARGET = 24  # CSS px

# For each link line box in the cards: its size and, when under 24 px, whether its 24 px circle is clear.
TARGETS = """([cards, min]) => {
  for (const d of document.querySelectorAll(cards.split(",").map((c) => c.trim() + " details").join(","))) d.open = true;
  const boxes = [];
  const links = [...document.querySelectorAll(cards.split(",").map((c) => c.trim() + " a[href]").join(","))];
  links.forEach((a, i) => {
    for (const r of a.getClientRects()) {
      if (r.width === 0 || r.height === 0) continue;
      boxes.push({ link: i, text: a.textContent.trim().replace(/\\s+/g, " ").slice(0, 50), r: r,
                   cx: r.left + r.width / 2, cy: r.top + r.height / 2, small: r.width < min || r.height < min });
    }
  });
  const distanceToRect = (x, y, r) => Math.hypot(Math.max(r.left - x, 0, x - r.right), Math.max(r.top - y, 0, y - r.bottom));
  const problems = [];
  let smallest = Infinity;
  for (const b of boxes) {
    smallest = Math.min(smallest, b.r.height);
    if (!b.small) continue;
    let nearest = Infinity, what = "";
    for (const o of boxes) {
      if (o.link === b.link) continue;
      // The circle touches the other target, or (the other also small) the other's circle.
      const d = o.small ? Math.hypot(o.cx - b.cx, o.cy - b.cy) / 2 : distanceToRect(b.cx, b.cy, o.r);
      if (d < nearest) { nearest = d; what = o.text; }
    }
    if (nearest < min / 2) problems.push({ text: b.text, width: Math.round(b.r.width), height: Math.round(b.r.height * 10) / 10,
                                           clear: Math.round(nearest * 2 * 10) / 10, near: what });
  }
  return { count: boxes.length, smallest: smallest, problems: problems };
}"""


def card_pages(site: Path) -> list[str]:
    """Every page of the site with an answer card or the compare table."""
    pages = []
    for path in sorted(site.rglob("*.html")):
        html = path.read_text(encoding="utf-8")
        if '<table class="glance' in html or '<table class="compare"' in html:
            pages.append(path.relative_to(site).as_posix())
    return pages


@pytest.fixture(params=sorted(SIZES))
def sized_page(request: pytest.FixtureRequest, chromium_browser: Browser, site_url: str) -> Iterator[tuple[str, Watched]]:
    size = request.param
    phone = size == "phone"
    context = chromium_browser.new_context(viewport=SIZES[size], is_mobile=phone, has_touch=phone)  # type: ignore[arg-type]
    watcher = PageWatcher(allowed_prefixes=(site_url, *LOCAL_PREFIXES))
    watcher.attach(context)
    context.set_default_timeout(15_000)
    try:
        yield size, Watched(context.new_page(), watcher, context)
    finally:
        context.close()


def test_every_card_link_is_24px_or_24px_clear(sized_page: tuple[str, Watched], site_url: str, built_site: Path) -> None:
    size, watched = sized_page
    pages = card_pages(built_site)
    assert {"compare.html", "q/aoai.html", "a/aoai-global.html"} <= set(pages), pages
    problems: list[str] = []
    smallest = (float("inf"), "")
    for path in pages:
        watched.page.goto(site_url + path)
        found = watched.page.evaluate(TARGETS, [CARDS, MIN_TARGET])
        assert found["count"], f"{path}: no link in a card"
        smallest = min(smallest, (found["smallest"], path))
        problems += [
            f"{path}: {p['text']!r} is {p['width']}x{p['height']} px, {p['clear']} px from {p['near']!r}" for p in found["problems"]
        ]
    tall = f"smallest link line {smallest[0]:.1f} px tall ({smallest[1]})"
    print(f"{size}: {len(pages)} pages, {tall}, {len(problems)} too small and too close")
    assert not problems, f"{len(problems)} card link(s) under {MIN_TARGET} px and closer than {MIN_TARGET} px to another:\n" + "\n".join(
        problems[:40]
    )
    watched.watcher.assert_clean()
