"""Made for tickets: a page opened from a pasted link explains itself, and copies into a ticket in one click.

Why: support engineers paste answer links into tickets and open them later
with no history, so each page must show how it was reached (with a way to
change each choice) and say when it is one of several paths. The "Copy for
ticket" button must put everything a ticket reply needs on the clipboard, and
the same text must be reachable by hand when scripts are off.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, BrowserContext, Page

from tests.browser.treepages import deepest, fact_page_ids, leaf_ids, mark_article, page_of, real_tree, site_path, wait_for_new_article

CLIPBOARD = ["clipboard-read", "clipboard-write"]


def _text(page: Page, selector: str) -> str:
    return " ".join(page.locator(selector).inner_text().split())


def _context(browser: Browser, *, javascript: bool = True, clipboard: bool = False) -> tuple[BrowserContext, list[str]]:
    """A fresh context (no history, no cache) that records console errors."""
    context = browser.new_context(java_script_enabled=javascript, permissions=CLIPBOARD if clipboard else [])
    errors: list[str] = []
    context.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    return context, errors


# Path line -------------------------------------------------------------------------------------


def test_deep_answer_opened_directly_shows_its_path_and_change_links(chromium_browser: Browser, site_url: str) -> None:
    """Opened from a ticket link in a fresh context: axis names, choices, one working 'change' per step, Start over."""
    loaded = real_tree()
    node_id = deepest(loaded)
    steps = loaded.graph.canonical[node_id]
    assert len(steps) >= 3, f"{node_id} should be at least three choices deep"
    url = site_url + page_of(loaded, node_id)
    context, errors = _context(chromium_browser)
    try:
        page = context.new_page()
        page.goto(url)
        line = _text(page, ".tree-path")
        assert line.startswith("How you got here:")
        for step in steps:
            axis = step.question.axis or step.question.title
            assert f"{axis}: {step.option.short}" in line, f"the path line lacks {axis}: {step.option.short}"

        changes = page.locator(".tree-path a", has_text="change")
        assert changes.count() == len(steps)
        for i, step in enumerate(steps):
            mark_article(page)
            page.locator(".tree-path a", has_text="change").nth(i).click()
            wait_for_new_article(page, site_url + page_of(loaded, step.question.id))
            assert page.locator(".options a.option-link", has_text=step.option.label).count() >= 1, (
                f"'change' for {step.question.id} does not open the question that offers {step.option.label!r}"
            )
            mark_article(page)
            page.go_back()
            wait_for_new_article(page, url)

        mark_article(page)
        page.locator(".tree-path a", has_text="Start over").click()
        wait_for_new_article(page, site_url + "index.html")
        assert page.locator(".tree-path").count() == 0, "the start page has no path line"
        assert not errors, errors
    finally:
        context.close()


@pytest.mark.parametrize("node_id", [n for n in real_tree().graph.order if n != real_tree().tree.start])
def test_path_note_says_when_a_page_has_several_paths(page: Page, site_url: str, node_id: str) -> None:
    """A page reached by more than one path says so (e.g. aoai: from work and from personal-azure); others do not."""
    count = real_tree().graph.path_count(node_id)
    page.goto(site_url + page_of(real_tree(), node_id))
    note = page.locator(".tree-path-note")
    if count > 1:
        assert note.is_visible(), f"{node_id} is reached by {count} paths but does not say so"
        assert f"{count} different paths" in _text(page, ".tree-path-note")
    else:
        assert note.count() == 0, f"{node_id} has one path but shows: {note.all_inner_texts()}"


def test_tree_has_a_page_with_several_paths() -> None:
    """Sanity: the note test above is only meaningful if some page really has several paths."""
    assert real_tree().graph.path_count("aoai") > 1
    assert sum(real_tree().graph.path_count(n) > 1 for n in real_tree().graph.order) >= 2


# Copy for ticket -----------------------------------------------------------------------------


def _copied_text(browser: Browser, url: str) -> str:
    """Click the copy button and read what reached the clipboard."""
    context, errors = _context(browser, clipboard=True)
    try:
        page = context.new_page()
        page.goto(url)
        button = page.locator("button.copy-ticket-button")
        assert button.count() == 1, "an answer page must have exactly one copy button"
        # The button sits just before the collapsed block it copies.
        assert page.evaluate(
            "() => { const b = document.querySelector('button.copy-ticket-button');"
            " const d = document.querySelector('details.ticket');"
            " return !!(b.compareDocumentPosition(d) & Node.DOCUMENT_POSITION_FOLLOWING); }"
        )
        button.click()
        page.locator(".copy-ticket-status", has_text="Copied").wait_for()
        text = page.evaluate("navigator.clipboard.readText()")
        assert not errors, errors
        assert text.strip(), f"the button said it copied, but the clipboard holds {text!r}"
        return text
    finally:
        context.close()


@pytest.mark.parametrize("node_id", fact_page_ids(real_tree()))
def test_copy_for_ticket_puts_the_whole_answer_on_the_clipboard(chromium_browser: Browser, site_url: str, node_id: str) -> None:
    """Title, the four At-a-glance answers each with its quotes, their source's title and address, the path, the link and dates."""
    loaded = real_tree()
    path = page_of(loaded, node_id)
    url = site_url + path
    copied = _copied_text(chromium_browser, url)

    context, _ = _context(chromium_browser)
    try:
        page = context.new_page()
        page.goto(url)
        title = _text(page, "article h1")
        shown_change = _text(page, ".last-changed")
        # A question page's row may say the next choice decides it: "Depends on ..." with or without a sentence.
        rows = page.locator("article table.glance tr").evaluate_all(
            """trs => trs.map(tr => { const a = tr.querySelector('td a[href*="#fact-"]');
                 return [tr.querySelector('th').innerText.trim(), a ? a.innerText.trim() : null,
                         [...tr.querySelectorAll('.glance-quote')].flatMap(q => [...q.querySelectorAll('.glance-quote__text')]
                             .map(t => [t.textContent, q.querySelector('a.cite-link').pathname])),
                         !!tr.querySelector('td .glance-depends')]; })"""
        )
    finally:
        context.close()

    flat = " ".join(copied.split())
    assert title in copied
    assert len(rows) == 4, "the card has four rows"
    sources = loaded.tree.sources_by_id
    for label, answer, quotes, depends in rows:
        if depends:
            assert f"{label}: Depends on the " in flat, f"the {label!r} row's 'Depends on' is not in the copied text"
        if answer is None:
            assert depends, f"the {label!r} row neither answers nor says it depends on the next choice"
            continue
        assert f"{label}: " in flat and " ".join(answer.split()) in flat, f"the {label!r} row is not in the copied text"
        assert quotes, f"the {label!r} row shows no quote on the page"
        for shown, source_path in quotes:
            words = " ".join(shown.strip().removeprefix("\u201c").removesuffix("\u201d").split())
            source = sources[source_path.rsplit("/", 1)[-1].removesuffix(".html")]
            lines = [line for line in copied.splitlines() if f'"{words}"' in line]
            assert lines, f"the {label!r} row's quote {words!r} is not in the copied text"
            assert lines[0].startswith(f"  Source: {source.title} ("), f"the {label!r} row's quote is not under its source's title"
            assert f"), {source.url}: " in lines[0], f"the {label!r} row's quote comes without its publisher's address"
    lines = copied.splitlines()
    assert len(lines) <= 40, f"{len(lines)} lines: a ticket needs the answers and the link, not every fact"
    # Every path that leads here, not only the path line's: Azure OpenAI is reached from both account types.
    routes = loaded.graph.routes(node_id)
    named = [" > ".join(f"{s.question.axis or s.question.title}: {s.option.short}" for s in r) for r in routes]
    label = "Paths: " if len(routes) > 1 else "Path: "
    if routes[0]:
        assert f"{label}{'; or '.join(named)}" in copied.splitlines(), f"the copied text does not give every path: {named}"
    permalink = re.search(r"^Permanent link: (https://\S+)$", copied, re.MULTILINE)
    assert permalink and permalink.group(1).endswith("/" + path), "no 'Permanent link: ' line with this page's URL"
    assert re.search(r"^Content last reviewed: \d{4}-\d{2}-\d{2}$", copied, re.MULTILINE)
    last_changed = re.search(r"^Last changed: (\d{4}-\d{2}-\d{2}): ", copied, re.MULTILINE)
    assert last_changed, "no 'Last changed: DATE: ...' line, so an old ticket cannot be compared with the page"
    assert shown_change.startswith(f"Last changed: {last_changed.group(1)}: "), "the ticket and the page name the same date"


def test_ticket_text_without_javascript_is_the_same_text(chromium_browser: Browser, site_url: str) -> None:
    """Scripts off: no button, but the collapsed block opens and shows exactly what the button copies."""
    loaded = real_tree()
    url = site_url + page_of(loaded, deepest(loaded))
    copied = _copied_text(chromium_browser, url)
    context, _ = _context(chromium_browser, javascript=False)
    try:
        page = context.new_page()
        page.goto(url)
        details = page.locator("details.ticket")
        assert details.count() == 1
        assert page.locator("button.copy-ticket-button").count() == 0
        code = details.locator("pre code")
        assert not code.is_visible(), "the ticket block should start collapsed"
        details.locator("summary").click()
        assert code.is_visible()
        assert code.inner_text().rstrip() == copied.rstrip()
    finally:
        context.close()


# Last reviewed ---------------------------------------------------------------------------------


@pytest.mark.parametrize("node_id", leaf_ids(real_tree()))
def test_answer_shows_review_date_and_source_dates(page: Page, site_url: str, node_id: str) -> None:
    """Every answer says when it was last reviewed and how old each source is (or that its date is unknown)."""
    loaded = real_tree()
    page.goto(site_url + page_of(loaded, node_id))
    reviewed = page.locator(".reviewed")
    assert reviewed.is_visible()
    text = _text(page, ".reviewed")
    assert re.match(r"Last reviewed: \d{4}-\d{2}-\d{2}\.", text), text
    assert text.startswith(f"Last reviewed: {loaded.tree.node(node_id).reviewed}.")
    hrefs = reviewed.locator("a").evaluate_all("as => as.map(a => a.href)")
    linked = {site_path(h, site_url).removeprefix("s/").removesuffix(".html") for h in hrefs}
    cite_hrefs = page.locator("div.fact a.cite-link").evaluate_all("as => as.map(a => a.href)")
    cited = {site_path(h, site_url).removeprefix("s/").removesuffix(".html") for h in cite_hrefs}
    assert linked == cited, "the sources listed under Last reviewed differ from those the facts cite"
    for source_id in linked:
        source = loaded.tree.sources_by_id[source_id]
        date = source.date or "date unknown"
        assert re.search(re.escape(source.title) + r" \([^)]*\b" + re.escape(date) + r"\)", text), f"{source.title}: no date {date!r}"
