"""Tickets and searches about products our sources do not cover get a plain "not covered", never a wrong page.

Why (issue 17): the box sent a ticket about Copilot in Dynamics 365 Sales to the
Business Central answer, and one about ChatGPT to Azure OpenAI. Now the tree lists
what the five sources do not cover (decision_tree/coverage.yaml); the box and the
search say so, name the nearest page only where the tree gives one, say both when
a ticket names a covered and a not-covered product, and keep working from file://
without sending anything anywhere.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import LOCAL_PREFIXES, Watched, new_watched
from tests.browser.test_offline import offline_zip, site  # noqa: F401  (session fixtures: the unzipped export)
from tests.browser.ticketcases import box_answer
from tests.browser.treepages import real_tree, search_hits

MARKER = "Fabrikam-4410-secret"

# ticket → (id of the not-covered entry, the words that must name it in the answer)
NOT_COVERED_TICKETS = {
    "Does Copilot in Dynamics 365 Sales train on our CRM data?": ("dynamics-365-sales", "Copilot in Dynamics 365 Sales"),
    "Our staff paste contracts into ChatGPT, is that used for training?": ("openai-services", "ChatGPT and the OpenAI API"),
    "Does Copilot in Fabric keep our prompts?": ("fabric-power-bi", "Copilot in Microsoft Fabric and Power BI"),
}


def tree_pages() -> set[str]:
    loaded = real_tree()
    return {"index.html"} | {n.url for n in loaded.tree.nodes if n.id != loaded.tree.start}


def ask_box(page: Page, base: str, text: str):  # type: ignore[no-untyped-def]
    page.goto(base + "index.html")
    return box_answer(page, base, text)


@pytest.mark.parametrize("ticket", list(NOT_COVERED_TICKETS), ids=[v[0] for v in NOT_COVERED_TICKETS.values()])
def test_box_says_plainly_what_our_sources_do_not_cover(local_page: Watched, site_url: str, ticket: str) -> None:
    entry, name = NOT_COVERED_TICKETS[ticket]
    answer = ask_box(local_page.page, site_url, ticket)
    assert f"Our sources do not cover {name}" in answer.text, answer.text
    assert "so this site cannot answer for that" in answer.text
    assert "No page of this site applies to it." in answer.text
    assert not set(answer.pages) & tree_pages(), f"a page of the tree was proposed: {answer.links}"
    assert answer.links == (f"not-covered.html#nc-{entry}",), answer.links
    assert "No account, product or deployment words found" not in answer.text
    local_page.watcher.assert_clean()


def test_box_says_both_when_a_ticket_names_a_covered_and_a_not_covered_product(local_page: Watched, site_url: str) -> None:
    answer = ask_box(local_page.page, site_url, "Is Azure OpenAI the same as ChatGPT? Does OpenAI store our chats like ChatGPT does?")
    assert answer.links[0] == "q/aoai.html", answer.links
    assert "Our sources do not cover ChatGPT and the OpenAI API, OpenAI's own services (from \u2018ChatGPT\u2019)" in answer.text
    assert "For what our sources do cover, go to: Azure OpenAI in Foundry" in answer.text
    assert "Product: Azure OpenAI (from \u2018Azure OpenAI\u2019)" in answer.text
    assert answer.links[-1] == "not-covered.html#nc-openai-services"


def test_box_names_the_nearest_page_only_where_the_tree_gives_one(local_page: Watched, site_url: str) -> None:
    answer = ask_box(local_page.page, site_url, "Our DataZone Batch jobs: where are the prompts processed?")
    nearest = real_tree().tree.node("aoai-datazone").title
    assert answer.links[0] == "a/aoai-datazone.html", answer.links
    assert f"Nearest page that applies: {nearest}. Its processing rule is for any deployment type labeled DataZone" in answer.text
    assert "a/aoai-batch.html" not in answer.pages, "Batch is a Global deployment type in the source"


def test_a_name_inside_a_longer_phrase_is_dropped(local_page: Watched, site_url: str) -> None:
    """'Dynamics 365' is not covered, but 'Dynamics 365 Business Central' is Business Central; and back."""
    answer = ask_box(local_page.page, site_url, "We use Copilot in Dynamics 365 Business Central. How long is the data kept?")
    assert answer.links[0] == "a/business-central.html#glance-retention", answer.links
    assert "do not cover" not in answer.text
    answer = ask_box(local_page.page, site_url, "Does Microsoft 365 Copilot for Sales keep our CRM notes?")
    assert answer.links == ("not-covered.html#nc-dynamics-365-sales",), answer.links
    assert "Our sources do not cover Copilot in Dynamics 365 Sales (from \u2018Microsoft 365 Copilot for Sales\u2019)" in answer.text


def test_box_from_file_says_not_covered_and_sends_nothing(watched: Watched, site: Path) -> None:  # noqa: F811
    base = site.resolve().as_uri() + "/"
    answer = ask_box(watched.page, base, f"{MARKER}: does Copilot in Fabric keep our prompts?")
    assert answer.links == ("not-covered.html#nc-fabric-power-bi",)
    watched.page.locator("#ticket-box .ticket-result a").first.click()
    watched.page.wait_for_url("**/not-covered.html#nc-fabric-power-bi")
    assert watched.page.locator("#nc-fabric-power-bi h2").inner_text() == "Copilot in Microsoft Fabric and Power BI"
    watched.watcher.assert_clean()


def _notice_first(page: Page, name: str) -> str:
    """Wait for the notice naming this product (the matcher loads on first use), then check it leads the list."""
    page.locator(".tree-ticket-notice", has_text=name).wait_for()
    first = page.locator(".md-search-result__list > li").first
    assert "tree-ticket-notice" in (first.get_attribute("class") or ""), "the notice is not the first item"
    return " ".join(first.inner_text().split())


def test_search_shows_the_notice_first(local_page: Watched, site_url: str) -> None:
    page = local_page.page
    page.goto(site_url + "q/work.html", wait_until="networkidle")
    requests: list[str] = []
    page.on("request", lambda r: requests.append(f"{r.url} {r.post_data or ''}"))
    search_hits(page, site_url, f"{MARKER} Dynamics 365 Sales copilot")
    notice = _notice_first(page, "Copilot in Dynamics 365 Sales")
    assert notice.startswith("Not covered by our sources Our sources do not cover Copilot in Dynamics 365 Sales"), notice
    assert "No page of this site applies to it." in notice
    # Material's own results lead with the list page too (its tags are the not-covered names).
    first_result = page.locator(".md-search-result__item:not(.tree-ticket-notice) > a.md-search-result__link").first
    expect(first_result).to_have_attribute("href", re.compile(r"/not-covered\.html(\?|$)"))
    assert not [r for r in requests if MARKER.lower() in r.lower()], requests
    assert MARKER not in page.url
    local_page.watcher.assert_clean()


def test_search_notice_comes_before_the_best_match(local_page: Watched, site_url: str) -> None:
    page = local_page.page
    page.goto(site_url + "index.html")
    search_hits(page, site_url, "Is Azure OpenAI the same as ChatGPT?")
    assert "ChatGPT and the OpenAI API" in _notice_first(page, "ChatGPT and the OpenAI API")
    second = page.locator(".md-search-result__list > li").nth(1)
    expect(second).to_have_class(re.compile(r"\btree-ticket-hint\b"))
    assert search_hits(page, site_url, "Is Azure OpenAI the same as ChatGPT?")[0] == "q/aoai.html"


def test_search_notice_from_file(watched: Watched, site: Path) -> None:  # noqa: F811
    base = site.resolve().as_uri() + "/"
    page = watched.page
    page.goto(base + "a/m365.html")
    search_hits(page, base, "GitHub Copilot training")
    assert "Our sources do not cover GitHub Copilot" in _notice_first(page, "GitHub Copilot")
    link = page.locator(".tree-ticket-notice a", has_text="what our sources do not cover")
    assert link.get_attribute("href") == base + "not-covered.html#nc-github-copilot"
    watched.watcher.assert_clean()


def test_box_with_a_not_covered_answer_passes_axe(chromium_browser: Browser, site_url: str) -> None:
    """The notice, with a nearest page and a covered product beside it, passes axe-core like the rest of the box."""
    from tests.browser.test_accessibility import format_violations, run_axe

    # axe-core is injected as an inline script, which the site's Content-Security-Policy blocks.
    watched = new_watched(chromium_browser, allowed_prefixes=(site_url, *LOCAL_PREFIXES), bypass_csp=True)
    try:
        answer = ask_box(watched.page, site_url, "Entra users: Microsoft 365 Copilot, DataZone Batch and ChatGPT. How long kept?")
        assert "Our sources do not cover" in answer.text and "Nearest page that applies" in answer.text
        violations = run_axe(watched.page)
        assert not violations, format_violations("index.html with a not-covered answer", violations)
        watched.watcher.assert_clean()
    finally:
        watched.context.close()
