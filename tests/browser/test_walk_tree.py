"""Core site: every path of the tree can be clicked through, and every answer shows its evidence.

Why: the site exists so a support engineer can click from the start question
to the answer that fits a ticket and trust it. So the walk clicks the visible
option labels (never typed URLs), discovers the tree from the pages, and on
every page that states facts checks the At-a-glance card and that each citation leads
to the quoted paragraph of the source, highlighted. The YAML is loaded only to
cross-check that the pages show the whole tree.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page

from tests.browser.treepages import (
    Cite,
    Snapshot,
    all_paths,
    citation_problems,
    click_option,
    deepest,
    fact_page_ids,
    follow_all,
    leaf_ids,
    mark_article,
    open_by_clicks,
    page_of,
    real_tree,
    site_path,
    snapshot,
    wait_for_new_article,
)

MIN_LEAF_PATHS = 10  # sanity: the shipped tree has 14 paths to 9 answers; far fewer means the walk missed pages


def _step_problems(step: Snapshot, base_url: str) -> list[str]:
    """What a leaf or a fact-bearing step must show: a visible At-a-glance card, and a citation for every fact."""
    where = site_path(step.url, base_url)
    problems = []
    if not step.card_visible:
        problems.append(f"{where}: no visible At-a-glance card")
    if not step.cites:
        problems.append(f"{where}: no citation")
    problems += [f"{where}: fact {fact} has no citation" for fact in step.facts if not step.cites_of(fact)]
    return problems


def test_every_path_is_clickable_and_shows_card_and_citations(page: Page, site_url: str) -> None:
    """Walk every path from the start page by clicking option labels; check each answer and fact-bearing step."""
    paths = all_paths(page, site_url + "index.html")
    loaded = real_tree()

    assert len(paths) >= MIN_LEAF_PATHS, f"only {len(paths)} paths found from the start page"
    expected_paths = sum(loaded.graph.path_count(n) for n in leaf_ids(loaded))
    assert len(paths) == expected_paths, "the pages offer a different number of paths than the tree has"
    seen = {site_path(step.url, site_url) for steps in paths for step in steps}
    assert seen == {page_of(loaded, n) for n in loaded.graph.order}, "the clickable pages differ from the tree's nodes"

    problems: list[str] = []
    for steps in paths:
        for step in steps:
            if step.is_leaf or step.facts:
                problems += _step_problems(step, site_url)
    assert not sorted(set(problems)), "\n".join(sorted(set(problems)))


# Results per citation, shared by the parametrized cases below: an inherited fact shows the same
# citation (same link, same quote) on every page under it, and is checked once.
_CLICKED: dict[Cite, list[str]] = {}
_FOLLOWED: dict[Cite, list[str]] = {}


@pytest.mark.parametrize("node_id", fact_page_ids(real_tree()))
def test_citations_open_the_highlighted_paragraph(page: Page, site_url: str, node_id: str) -> None:
    """Click one citation per fact, and follow every other citation (facts and notes) of the page.

    Clicking proves the link works as a person uses it (and Back returns to
    the answer); the rest are followed on the source page by fragment, which
    keeps the test fast while still checking every quote against the
    paragraph it points at.
    """
    url = site_url + page_of(real_tree(), node_id)
    page.goto(url)
    shown = snapshot(page)
    assert shown.facts, f"{url} states no facts"
    assert shown.cites, f"{url} has no citation"

    problems: list[str] = [f"fact {fact} has no citation" for fact in shown.facts if not shown.cites_of(fact)]
    for fact in shown.facts:
        first = next(iter(shown.cites_of(fact)), None)
        if first is None or first in _CLICKED:
            continue
        mark_article(page)
        page.locator(f'[id="{fact}"] a.cite-link').first.click()
        wait_for_new_article(page, first.href)
        _CLICKED[first] = citation_problems(page, first)
        mark_article(page)
        page.go_back()
        wait_for_new_article(page, url)

    todo = [c for c in dict.fromkeys(shown.cites) if c not in _CLICKED and c not in _FOLLOWED]
    _FOLLOWED.update(follow_all(page, todo))
    for cite in dict.fromkeys(shown.cites):
        problems += _CLICKED.get(cite) or _FOLLOWED.get(cite) or []
    assert not problems, "\n".join(problems)


def test_whole_tree_works_without_javascript(chromium_browser: Browser, site_url: str) -> None:
    """Material is progressive: with scripts off, every path must still be clickable to an answer with its quotes."""
    context = chromium_browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        paths = all_paths(page, site_url + "index.html")
        loaded = real_tree()
        assert len(paths) == sum(loaded.graph.path_count(n) for n in leaf_ids(loaded))
        leaves = {site_path(steps[-1].url, site_url) for steps in paths}
        assert leaves == {page_of(loaded, n) for n in leaf_ids(loaded)}
        problems = [p for steps in paths for p in _step_problems(steps[-1], site_url)]
        assert not problems, "\n".join(sorted(set(problems)))
        # The proof that scripts really were off: the copy button is added by JavaScript only.
        page.goto(paths[0][-1].url)
        assert page.locator("button.copy-ticket-button").count() == 0
        assert page.locator("details.ticket").count() == 1
    finally:
        context.close()


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_back_button_returns_to_the_previous_step(chromium_browser: Browser, site_url: str, javascript: bool) -> None:
    """After clicking down to a deep answer, Back goes up one step at a time, and the step still works."""
    loaded = real_tree()
    labels = [step.option.label for step in loaded.graph.canonical[deepest(loaded)]]
    assert len(labels) >= 2, "the deepest answer should be at least two clicks away"
    context = chromium_browser.new_context(java_script_enabled=javascript)
    errors: list[str] = []
    context.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    try:
        page = context.new_page()
        steps = open_by_clicks(page, site_url + "index.html", labels)
        for previous in reversed(steps[:-1]):
            mark_article(page)
            page.go_back()
            wait_for_new_article(page, previous.url)
            assert page.locator("article h1").inner_text().strip() == previous.title
            assert page.locator(".options a.option-link").count() == len(previous.options)
        # Forward again by clicking from the restored start page: history did not leave a dead page.
        again = snapshot(page)
        for label in labels:
            again = click_option(page, again, label)
        assert again.url == steps[-1].url
        assert not errors, errors
    finally:
        context.close()


def test_fact_text_is_not_merged_into_its_caveat(page: Page, site_url: str) -> None:
    """The fact is the answer; "Inference: …" and "Rests only on a …" are caveats under it, in their own paragraphs.

    Why: the caveat paragraphs are styled small and brown. If the fact text
    shares their paragraph, the statement a support engineer is looking for
    is rendered as fine print.
    """
    problems: list[str] = []
    for node_id in fact_page_ids(real_tree()):
        page.goto(site_url + page_of(real_tree(), node_id))
        problems += page.evaluate(
            """page => [...document.querySelectorAll('div.fact')].flatMap(fact => {
                 const out = [];
                 const first = fact.querySelector(':scope > p');
                 if (first && (first.matches('.inference') || first.matches('.weak-source')))
                   out.push(`${page} #${fact.id}: the fact text is in a p.${first.className} caveat paragraph`);
                 const caveats = {inference: 'Inference:', 'weak-source': 'Rests only on'};
                 for (const [cls, label] of Object.entries(caveats))
                   for (const p of fact.querySelectorAll(`:scope > p.${cls}`))
                     if (!p.textContent.trim().startsWith(label)) out.push(`${page} #${fact.id}: p.${cls} holds more than its caveat`);
                 return out;
               })""",
            page_of(real_tree(), node_id),
        )
    assert not problems, "\n".join(problems)
