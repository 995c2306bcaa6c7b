"""Walk the tree without scrolling: every question page leads with its question and options (issue 16).

Why: a person, unlike a script, must find the next option before clicking it.
Before issue 16 not one option of the 27 steps of the ticket paths was on the
first screen (q/aoai's options began at 10,303 px on a desktop, 16,060 px on a
phone). So, at 1280x800 and at 390x844, with JavaScript on and off, over http
and from file://, every option of every question page must lie fully inside the
first screen; the start page must show its title, one sentence, the ticket box's
text area (with JavaScript) and both options there too. And a question page's
card must say what holds for every choice below, or that the next choice
decides, never "The sources do not say" where a page below answers: checked
against the YAML, walked here without treesite.refine.
"""

from __future__ import annotations

from collections import deque
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from tests.browser.treepages import page_of, real_tree

SIZES = {"1280x800": (1280, 800), "390x844": (390, 844)}
ORIGINS = ["http", "file"]


def question_pages() -> list[str]:
    loaded = real_tree()
    return [page_of(loaded, n) for n in loaded.graph.order if loaded.tree.node(n).is_question]


def _base(origin: str, site_url: str, built_site: Path) -> str:
    return site_url if origin == "http" else built_site.as_uri() + "/"


_BOXES = """(sel) => [...document.querySelectorAll(sel)].map(e => {
  const r = e.getBoundingClientRect();
  return {text: e.innerText.trim().slice(0, 60), top: r.top, bottom: r.bottom, left: r.left, right: r.right,
          visible: e.checkVisibility({checkOpacity: true, checkVisibilityCSS: true}) && r.height > 0};
})"""


def _outside(page: Page, selector: str) -> list[str]:
    """The elements matching selector that are not fully inside the first screen (page scrolled to the top)."""
    width, height = page.viewport_size["width"], page.viewport_size["height"]  # type: ignore[index]
    return [
        f"{b['text']!r}: top {b['top']:.0f}, bottom {b['bottom']:.0f}, left {b['left']:.0f}, right {b['right']:.0f}"
        for b in page.evaluate(_BOXES, selector)
        if not (b["visible"] and b["top"] >= 0 and b["left"] >= 0 and b["bottom"] <= height and b["right"] <= width)
    ]


def _open(page: Page, url: str, javascript: bool) -> None:
    page.goto(url, wait_until="load")
    if javascript and url.endswith("index.html"):
        page.locator("#ticket-box[data-mounted] textarea").wait_for()  # the box works: its script has run
    assert page.evaluate("() => scrollY") == 0, f"{url} did not open at the top"


@pytest.mark.parametrize("origin", ORIGINS)
@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
@pytest.mark.parametrize("size", sorted(SIZES))
def test_every_option_of_every_question_page_is_on_the_first_screen(
    chromium_browser: Browser, site_url: str, built_site: Path, size: str, javascript: bool, origin: str
) -> None:
    width, height = SIZES[size]
    context = chromium_browser.new_context(viewport={"width": width, "height": height}, java_script_enabled=javascript)
    base = _base(origin, site_url, built_site)
    problems: list[str] = []
    try:
        page = context.new_page()
        for path in question_pages():
            _open(page, base + path, javascript)
            count = page.locator("article .options a.option-link").count()
            expected = len(real_tree().tree.node(_node_id(path)).options)
            if count != expected:
                problems.append(f"{path}: {count} option links, the tree has {expected}")
            problems += [f"{path}: option {o}" for o in _outside(page, "article .options a.option-link")]
            problems += [f"{path}: question {o}" for o in _outside(page, "article h2#next-question")]
            if path == "index.html" and javascript != page.locator("#ticket-box").is_visible():
                problems.append(f"{path}: the ticket box is {'missing' if javascript else 'shown without JavaScript'}")
    finally:
        context.close()
    assert not problems, "\n".join(problems)


def _node_id(path: str) -> str:
    loaded = real_tree()
    return next(n for n in loaded.graph.order if page_of(loaded, n) == path)


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
@pytest.mark.parametrize("size", sorted(SIZES))
def test_start_page_first_screen(chromium_browser: Browser, site_url: str, size: str, javascript: bool) -> None:
    """Title, one sentence, the box's text area (with JavaScript), the question and both options; history after them."""
    width, height = SIZES[size]
    context = chromium_browser.new_context(viewport={"width": width, "height": height}, java_script_enabled=javascript)
    try:
        page = context.new_page()
        _open(page, site_url + "index.html", javascript)
        wanted = ["article h1", "article p.tree-lead", "article h2#next-question", "article .options a.option-link"]
        if javascript:
            wanted.insert(2, "#ticket-box textarea")
        problems = [f"{sel}: {o}" for sel in wanted for o in _outside(page, sel)]
        assert not problems, "\n".join(problems)
        assert page.locator("article .options a.option-link").count() == 2
        lead = page.locator("article p.tree-lead").inner_text()
        assert lead.count(". ") == 0 and lead.endswith("."), f"one sentence, not {lead!r}"
        # In reading order: the box between the sentence and the question; history and compare link after the options.
        order = page.evaluate(
            """(sels) => sels.map(s => {
              const e = document.querySelector(s);  // a hidden box (no JavaScript) has no box on the page
              return e && e.getClientRects().length ? e.getBoundingClientRect().top : null;
            })""",
            [
                "article h1",
                "article p.tree-lead",
                "#ticket-box",
                "article h2#next-question",
                "article .options",
                "article .page-history",
                "article .compare-link",
            ],
        )
        present = [t for t in order if t is not None]
        assert present == sorted(present), order
        assert (order[2] is not None) == javascript
        assert None not in order[:2] + order[3:], order
    finally:
        context.close()


# The question page's card, checked against the YAML --------------------------------------------------------


def _below(node_id: str) -> list[str]:
    """Every page under a node (breadth-first over its options), walked here from the YAML."""
    nodes = real_tree().tree.nodes_by_id
    seen: dict[str, None] = {}
    queue = deque(o.to for o in nodes[node_id].options)
    while queue:
        current = queue.popleft()
        if current not in seen:
            seen[current] = None
            queue.extend(o.to for o in nodes[current].options)
    return list(seen)


_CARD_ROWS = """() => [...document.querySelectorAll('article table.glance tbody tr')].map(tr => ({
  id: tr.id.replace('glance-', ''),
  text: tr.querySelector('td').innerText.trim(),
  // each quote as the YAML gives it: without the quotation marks the card puts around it
  quotes: [...tr.querySelectorAll('.glance-quote__text')].map(q => q.textContent.trim().replace(/^“|”$/g, '')),
  // Material's instant navigation makes every href absolute: same page and #next-question.
  up: [...tr.querySelectorAll('td a')]
    .filter(a => a.hash === '#next-question' && a.href.split('#')[0] === location.href.split('#')[0]).length,
}))"""


def test_question_card_says_what_holds_or_what_the_next_choice_decides(page: Page, site_url: str) -> None:
    """Each row: settled (the YAML row, its quote shown), or "Depends on ..." with a link up to the options,
    or "The sources do not say" only when no page below answers the question either."""
    loaded = real_tree()
    graph, nodes = loaded.graph, loaded.tree.nodes_by_id
    seen: dict[str, int] = {"settled": 0, "depends": 0, "the rest depends": 0}
    problems: list[str] = []
    questions = [n for n in graph.order if nodes[n].is_question and graph.effective_facts(n)]
    assert questions, "no question page states facts: nothing to check"
    for node_id in questions:
        path = page_of(loaded, node_id)
        page.goto(site_url + path)
        rows = {r["id"]: r for r in page.evaluate(_CARD_ROWS)}
        assert list(rows) == [q.id for q in loaded.tree.site.glance], f"{path}: rows {list(rows)}"
        noun = nodes[node_id].choice_noun
        below = [b for b in _below(node_id) if not nodes[b].is_question or graph.effective_facts(b)]
        for q in loaded.tree.site.glance:
            shown, own = rows[q.id], graph.glance_rows(node_id).get(q.id)
            here = graph.glance_source[node_id].get(q.id)
            own_below = [graph.glance_rows(b).get(q.id) for b in below if graph.glance_source[b].get(q.id) != here]
            answered_below = any(r is not None and not r.silent for r in own_below)
            where = f"{path} {q.id}: {shown['text'][:90]!r}"
            if shown["text"].startswith("The sources do not say."):
                if answered_below:
                    problems.append(f"{where}: says the sources do not say, but a page below answers it")
                if own is None or not own.silent:
                    problems.append(f"{where}: says the sources do not say, but the YAML row is not silent")
            elif shown["text"].startswith(f"Depends on the {noun}: choose above."):
                seen["depends"] += 1
                if not answered_below:
                    problems.append(f"{where}: depends on the next choice, but no page below answers it")
                if own is not None and not own.silent:
                    problems.append(f"{where}: the page's own row holds for every choice; it must be shown as settled")
                if shown["up"] != 1:
                    problems.append(f"{where}: no link up to the options")
            else:
                seen["settled"] += 1
                if own is None or own.silent or not shown["text"].startswith(own.answer):
                    problems.append(f"{where}: is neither the YAML row, nor 'Depends on', nor 'The sources do not say'")
                    continue
                missing = [c.quote for c in own.cites if " ".join(c.quote.split()) not in shown["quotes"]]
                if missing:
                    problems.append(f"{where}: the row's quotes {missing} are not shown")
                rest = f"The rest depends on the {noun}: choose above." in shown["text"]
                seen["the rest depends"] += rest
                if rest != bool(own_below):
                    problems.append(f"{where}: says the rest depends: {rest}; pages below set their own row: {bool(own_below)}")
                if rest and shown["up"] != 1:
                    problems.append(f"{where}: no link up to the options")
    assert not problems, "\n".join(problems)
    assert all(seen.values()), f"the real tree should show every kind of row: {seen}"
    page.goto(site_url + "q/aoai.html")
    page.locator("#glance-processing").get_by_role("link", name="choose above").click()
    assert page.url.endswith("#next-question")
    assert page.locator("article .options a.option-link").first.is_visible()
