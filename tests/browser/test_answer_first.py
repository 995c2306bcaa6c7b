"""Answer first: the four answers on the first screen of every answer page, in the ticket, and side by side.

Why: a support agent opens an answer page with one of four questions in mind
(training, where prompts are processed, who can read them, how long they are
kept). The At-a-glance card must answer all four before any scrolling, on a
desktop and on a phone, and each row must lead to the fact that backs it. Each
answer shows its quotes beside it on a wide screen; on a phone they are one tap
away, so the whole card stays on the first screen.
Legal teams forward the compare page, so its every link must land on a fact
or note that exists, on a phone, without JavaScript and from the offline export.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page

from .conftest import Watched
from .test_offline import offline_zip, site, url  # noqa: F401  (session fixtures of the offline export)
from .treepages import real_tree

SIZES = {"desktop": (1280, 800), "phone": (390, 844)}
QUESTIONS = ["training", "processing", "access", "retention"]


def answer_ids() -> list[str]:
    loaded = real_tree()
    return [n for n in loaded.graph.order if not loaded.tree.node(n).is_question]


_CARD_JS = """() => {
  const card = document.querySelector('article table.glance');
  if (!card) return null;
  const rows = [...card.querySelectorAll('tbody tr')].map(tr => {
    const th = tr.querySelector('th');
    // Material's instant navigation makes every href absolute: keep only same-page fragments as '#id'.
    const here = location.href.split('#')[0];
    // The row's own links (its fact, its conflict note); its quotes link to their source's paragraph.
    const links = [...tr.querySelectorAll('td a:not(.cite-link)')].map(a => a.href.split('#')[0] === here ? '#' + a.hash.slice(1) : a.href);
    // Quotes of one paragraph share one link: each quote is read with its group's link.
    const quotes = [...tr.querySelectorAll('.glance-quote')].flatMap(q => [...q.querySelectorAll('.glance-quote__text')].map(t => ({
      text: t.textContent, href: q.querySelector('a.cite-link').href})));
    const answer = tr.querySelector('.glance-answer');
    const evidence = tr.querySelector('details.glance-evidence');
    const shown = evidence && [...evidence.querySelectorAll('.glance-quote')].every(q => q.getClientRects().length > 0);
    const toggle = evidence && evidence.querySelector('summary').getClientRects().length > 0;
    return {id: tr.id, header: th ? th.textContent.trim() : '', scope: th ? th.getAttribute('scope') : null,
            text: tr.querySelector('td').innerText.trim(), links, quotes,
            answerBottom: answer ? answer.getBoundingClientRect().bottom + window.scrollY : Infinity,
            quotesShown: !!shown, quotesBehindToggle: !!toggle && !shown};
  });
  const path = document.querySelector('article .tree-path');
  return {rows, bottom: card.getBoundingClientRect().bottom + window.scrollY,
          after: !!path && (card.compareDocumentPosition(path) & Node.DOCUMENT_POSITION_PRECEDING) !== 0};
}"""


@pytest.mark.parametrize("size", sorted(SIZES))
def test_card_answers_all_four_on_the_first_screen(chromium_browser: Browser, site_url: str, size: str) -> None:
    """Every answer page: four rows in order, headed by their question, linked to facts on the page, above the fold."""
    width, height = SIZES[size]
    context = chromium_browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    problems: list[str] = []
    quoted: dict[str, list[tuple[str, str]]] = {}  # source page → (paragraph id, quote) the cards link to
    try:
        for node_id in answer_ids():
            page.goto(f"{site_url}a/{node_id}.html")
            card = page.evaluate(_CARD_JS)
            if card is None:
                problems.append(f"{node_id}: no At-a-glance card")
                continue
            ids = [r["id"] for r in card["rows"]]
            if ids != [f"glance-{q}" for q in QUESTIONS]:
                problems.append(f"{node_id}: rows {ids}")
            if not card["after"]:
                problems.append(f"{node_id}: the card is not after the path line")
            for row in card["rows"]:
                if row["scope"] != "row" or not row["header"]:
                    problems.append(f"{node_id}: row {row['id']} has no row header")
                if not row["text"]:
                    problems.append(f"{node_id}: row {row['id']} is empty")
                for href in row["links"]:
                    target = href.removeprefix("#")
                    if not href.startswith("#") or page.locator(f"[id='{target}']").count() != 1:
                        problems.append(f"{node_id}: row {row['id']} links to {href}, which is not on the page")
                if not any(h.startswith("#fact-") for h in row["links"]):
                    problems.append(f"{node_id}: row {row['id']} does not link to a fact")
                if not row["quotes"]:
                    problems.append(f"{node_id}: row {row['id']} shows no quote")
                for quote in row["quotes"]:
                    where = urlsplit(quote["href"])
                    if not re.fullmatch(r".*/s/[a-z0-9-]+\.html", where.path) or not re.fullmatch(r"w-[a-z0-9-]+", where.fragment):
                        problems.append(f"{node_id}: row {row['id']} quote links to {quote['href']}, not a source paragraph")
                        continue
                    quoted.setdefault(quote["href"].split("#")[0], []).append((where.fragment, quote["text"]))
            for row in card["rows"]:
                if row["answerBottom"] > height:
                    problems.append(f"{node_id}: row {row['id']}'s answer ends at {row['answerBottom']:.0f} px, below the first screen")
                # Evidence beside every sentence: shown on a wide screen, one tap away (a <details>) on a phone.
                if size == "desktop" and not row["quotesShown"]:
                    problems.append(f"{node_id}: row {row['id']}'s quotes are not shown beside its answer")
                if size == "phone" and not (row["quotesShown"] or row["quotesBehindToggle"]):
                    problems.append(f"{node_id}: row {row['id']}'s quotes are neither shown nor behind a visible toggle")
            if size == "phone" and card["bottom"] > height:
                # Folded quotes keep the whole card, all four answers and their toggles, on a phone's first screen.
                problems.append(f"{node_id}: the card ends at {card['bottom']:.0f} px, below the first screen ({height} px)")
        problems += _quotes_in_their_paragraphs(page, quoted)
    finally:
        context.close()
    assert not problems, "\n".join(problems)


def _words(text: str) -> str:
    """Compare as the build does: curly quotes straight, white space collapsed, the card's quotation marks dropped."""
    text = text.strip().removeprefix("\u201c").removesuffix("\u201d")
    return " ".join(text.translate(str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})).split())


def _quotes_in_their_paragraphs(page: Page, quoted: dict[str, list[tuple[str, str]]]) -> list[str]:
    """Each card quote's link opens its source page at a paragraph that holds the quote's words."""
    problems = []
    for source_url, targets in quoted.items():
        page.goto(source_url)
        for anchor, text in targets:
            paragraph = page.locator(f"[id='{anchor}']")
            if paragraph.count() != 1:
                problems.append(f"{source_url}#{anchor}: no such paragraph")
            elif _words(text) not in _words(paragraph.inner_text()):
                problems.append(f"{source_url}#{anchor} does not hold {text[:60]!r}")
    return problems


def test_silent_row_says_so_and_conflict_links_to_its_note(page: Page, site_url: str) -> None:
    """Azure Copilot's sources do not say where prompts are processed; Azure OpenAI's disagree on retention."""
    page.goto(site_url + "a/azure-copilot.html")
    row = page.locator("#glance-processing td")
    assert row.inner_text().startswith("The sources do not say.")
    page.goto(site_url + "a/aoai-global.html")
    mark = page.locator("#glance-retention a.glance-conflict")
    assert "Sources disagree" in mark.inner_text()
    mark.click()
    assert page.url.endswith("#note-conflict-aoai-retention")
    assert page.locator("#note-conflict-aoai-retention").is_visible()


def test_ticket_text_leads_with_the_four_answers(page: Page, site_url: str) -> None:
    """The first lines of the copied text are the page title and the four rows, each with its sources and quotes; then the path."""
    problems: list[str] = []
    for node_id in answer_ids():
        page.goto(f"{site_url}a/{node_id}.html")
        text = page.locator("details.ticket pre code").text_content() or ""
        lines = text.rstrip("\n").splitlines()
        title = page.locator("article h1").inner_text().strip()
        labels = page.locator("article table.glance th").all_inner_texts()
        if lines[0] != title:
            problems.append(f"{node_id}: first line {lines[0]!r}, not the title")
        at = 1
        for label in labels:
            if not lines[at].startswith(f"- {label.strip()}: "):
                problems.append(f"{node_id}: line {at + 1} is {lines[at]!r}, not the {label!r} row")
            at += 1
            if not lines[at].startswith("  Source: "):
                problems.append(f"{node_id}: line {at + 1} is {lines[at]!r}, not the row's source and quotes")
            while lines[at].startswith("  Source: "):  # one line per source the row quotes
                at += 1
        # "Paths: …; or …" on a page reached more than one way (tests/unit/test_every_path.py)
        if not lines[at].startswith("Paths: " if real_tree().graph.path_count(node_id) > 1 else "Path: "):
            problems.append(f"{node_id}: the path does not follow the four rows")
        if not re.match(r"Permanent link: https://\S+/a/" + re.escape(node_id) + r"\.html$", lines[-3]):
            problems.append(f"{node_id}: no permanent link before the review date")
        if not re.match(r"Content last reviewed: \d{4}-\d{2}-\d{2}$", lines[-2]):
            problems.append(f"{node_id}: no review date before the last line")
        if not re.match(r"Last changed: \d{4}-\d{2}-\d{2}: \S", lines[-1]):
            problems.append(f"{node_id}: the last line is not the Last changed date")
        if len(lines) > 40:
            problems.append(f"{node_id}: {len(lines)} lines, more than 40")
    assert not problems, "\n".join(problems)


# Compare page -----------------------------------------------------------------------------------

_COMPARE_JS = """() => [...document.querySelectorAll('table.compare tbody tr')].map(tr => ({
  id: tr.id,
  cells: [...tr.querySelectorAll('td')].map(td => ({label: td.dataset.label, text: td.innerText.trim(),
    links: [...td.querySelectorAll('a')].map(a => a.href)})),
}))"""


def _check_compare(page: Page) -> list[str]:
    """A row per answer, a cell per question, every link landing on an element that exists."""
    rows = page.evaluate(_COMPARE_JS)
    problems: list[str] = []
    expected = sorted(f"row-{n}" for n in answer_ids())
    if sorted(r["id"] for r in rows) != expected:
        problems.append(f"rows {sorted(r['id'] for r in rows)}, expected {expected}")
    targets: dict[str, set[str]] = {}
    for row in rows:
        if len(row["cells"]) != len(QUESTIONS):
            problems.append(f"{row['id']}: {len(row['cells'])} cells")
        for cell in row["cells"]:
            if not cell["text"]:
                problems.append(f"{row['id']}: empty {cell['label']} cell")
            for link in cell["links"]:
                parts = urlsplit(link)
                if not parts.fragment.startswith(("fact-", "note-")):
                    problems.append(f"{row['id']}: {link} is not a deep link to a fact or note")
                targets.setdefault(link.split("#")[0], set()).add(parts.fragment)
    for target, anchors in sorted(targets.items()):
        page.goto(target)
        missing = sorted(a for a in anchors if page.locator(f"[id='{a}']").count() != 1)
        if missing:
            problems.append(f"{target}: no element with id {missing}")
    return problems


def test_start_page_links_to_compare(page: Page, site_url: str) -> None:
    page.goto(site_url)
    page.get_by_role("link", name=re.compile("Compare")).first.click()
    page.locator("article table.compare").wait_for()  # instant navigation changes the URL before the content
    assert page.url.endswith("compare.html")


def test_compare_table_without_javascript(chromium_browser: Browser, site_url: str) -> None:
    context = chromium_browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site_url + "compare.html")
        problems = _check_compare(page)
        page.goto(site_url + "compare.html")
        not_covered = page.locator("table.compare td", has_text="Not covered.").count()
        assert not_covered > 0, "no cell shows a silent row as not covered"
        assert page.locator("table.compare a.glance-conflict").count() > 0, "no conflict is marked"
    finally:
        context.close()
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_compare_table_fits_a_phone(chromium_browser: Browser, site_url: str, javascript: bool) -> None:
    """At 390 px nothing is cut off: no horizontal scrolling, every cell inside the screen and labelled."""
    context = chromium_browser.new_context(viewport={"width": 390, "height": 844}, java_script_enabled=javascript)
    try:
        page = context.new_page()
        page.goto(site_url + "compare.html")
        overflow = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"the page scrolls sideways by {overflow} px"
        outside = page.evaluate(
            """() => [...document.querySelectorAll('table.compare td, table.compare th')]
                 .filter(c => { const r = c.getBoundingClientRect(); return r.width > 0 && (r.left < 0 || r.right > innerWidth + 0.5); })
                 .length"""
        )
        assert outside == 0, f"{outside} cells reach past the screen edge"
        label = page.evaluate("() => getComputedStyle(document.querySelector('table.compare td'), '::before').content")
        assert "Training" in label, "stacked cells must say which question they answer"
    finally:
        context.close()


def test_compare_prints_as_one_table(chromium_browser: Browser, site_url: str) -> None:
    """Print media: the table stays a table (not stacked cards) and is not hidden."""
    context = chromium_browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        page = context.new_page()
        page.goto(site_url + "compare.html")
        page.emulate_media(media="print")
        display = page.evaluate("() => getComputedStyle(document.querySelector('table.compare')).display")
        visible = page.locator("table.compare").is_visible()
        assert display == "table" and visible
        pdf = page.pdf(format="A4", landscape=True)
        assert pdf[:4] == b"%PDF"
    finally:
        context.close()


def test_compare_in_the_offline_export(watched: Watched, site: Path) -> None:  # noqa: F811
    """From file:// with every network request blocked: the table is there and its links land."""
    page = watched.page
    page.goto(url(site / "index.html"))
    page.get_by_role("link", name=re.compile("Compare")).first.click()
    page.wait_for_load_state()
    assert page.url.endswith("compare.html")
    problems = _check_compare(page)
    assert not problems, "\n".join(problems)
    watched.watcher.assert_clean()


def test_clicks_swap_pages_in_place_on_a_plain_local_server(page: Page, site_url: str) -> None:
    """Served from 127.0.0.1 (not site_url), clicks through the tree use instant navigation, not full page loads.

    This is what keeps start → three clicks → card under a second on any server;
    without instant-any-origin.js every click reloads Material's scripts.
    """
    page.goto(site_url, wait_until="networkidle")
    page.evaluate("() => { window.__samePage = 1; }")  # survives an in-place swap, not a page load
    for target in ("q/work.html", "q/aoai.html", "a/aoai-global.html"):
        page.evaluate("() => document.querySelector('article').setAttribute('data-old', '')")
        page.locator(f'article .options a[href$="{target.rsplit("/", 1)[-1]}"]').first.click()
        page.wait_for_function("(url) => location.href === url && !document.querySelector('article[data-old]')", arg=site_url + target)
    assert page.evaluate("() => window.__samePage === 1"), "a click reloaded the page: instant navigation did not engage"
    assert page.locator("article table.glance").is_visible()
