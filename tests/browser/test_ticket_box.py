"""The ticket box on the start page, and site search, run over the ticket table (tests/ticket_cases.yaml).

Why: agents paste whole tickets. The box must propose the right page first for
at least 95 % of the table, over http and from file:// (offline export), link
to the card row of the question asked, offer both ways when the words point
two ways, and never let the text leave the browser (tickets hold customer
data). Without JavaScript the start page is as before. Search must not fall
back below its measured level (figures in MAINTAINING.md, Benchmarks).
"""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Browser, Page, Route

from tests.browser.conftest import LOCAL_PREFIXES, Watched, new_watched
from tests.browser.test_offline import offline_zip, site  # noqa: F401  (session fixtures: the unzipped export)
from tests.browser.ticketcases import Case, Score, box_answer, load_cases
from tests.browser.treepages import real_tree, search_hits

BOX_GOAL = 0.95
# Search: Material's lunr results, with the box's proposal put first (search-ticket.js) when the
# query names an account, product or deployment. Before issue 10: top-1 56 %, top-3 82 %.
SEARCH_TOP1_FLOOR = 0.95
SEARCH_TOP3_FLOOR = 0.95
MARKER = "Contoso-7731-secret"


def test_ticket_table_is_usable() -> None:
    """At least 40 tickets, unique ids, every expected page is a page of the tree, none copied from tickets.yaml."""
    cases = load_cases()
    assert len(cases) >= 40
    ids = [c.id for c in cases]
    assert len(set(ids)) == len(ids)
    loaded = real_tree()
    pages = {"index.html"} | {n.url for n in loaded.tree.nodes if n.id != loaded.tree.start}
    for case in cases:
        assert set(case.expect) | set(case.also) <= pages, f"{case.id}: {case.expect} names a page the tree does not have"
    old = (Path(__file__).parents[1] / "tickets.yaml").read_text(encoding="utf-8")
    assert not [c.id for c in cases if c.text[:60] in " ".join(old.split())], "copied from tests/tickets.yaml"


def run_box_table(page: Page, base: str) -> tuple[Score, list[str]]:
    """Every ticket through the box on one start page; the score, and broken promises other than a wrong first page."""
    page.goto(base + "index.html")
    page.locator("#ticket-box[data-mounted] textarea").wait_for()  # mounted by ticket-box.js
    score, problems = Score(), []
    for case in load_cases():
        answer = box_answer(page, base, case.text)
        score.add(case, answer.pages)
        problems += case_problems(case, answer.links, answer.text)
    return score, problems


def case_problems(case: Case, links: tuple[str, ...], text: str) -> list[str]:
    out = []
    if not links:
        return [f"{case.id}: no link at all"]
    first = links[0]
    page, _, fragment = first.partition("#")
    if page.startswith("a/") and case.asks and page in case.expect and fragment != f"glance-{case.asks}":
        out.append(f"{case.id}: first link {first} should open #glance-{case.asks}")
    if page.startswith("q/") and fragment:
        out.append(f"{case.id}: a question page is linked whole, not {first}")
    offered = {link.partition("#")[0] for link in links}
    missing = set(case.also) - offered
    if missing:
        out.append(f"{case.id}: points two ways but does not offer {sorted(missing)}; offered {sorted(offered)}")
    if "not stated" not in text and "(from" not in text and page != "index.html":
        out.append(f"{case.id}: no reasoning shown: {text!r}")
    return out


def test_box_answers_the_table_over_http(local_page: Watched, site_url: str) -> None:
    score, problems = run_box_table(local_page.page, site_url)
    print(score.line("ticket box over http"))
    assert score.top1 >= BOX_GOAL * score.total, "\n".join(score.misses or [])
    assert not problems, "\n".join(problems)
    local_page.watcher.assert_clean()


def test_box_answers_the_table_from_file(watched: Watched, site: Path) -> None:  # noqa: F811
    """The offline export, unzipped, opened from file:// with every other request blocked."""
    base = site.resolve().as_uri() + "/"
    score, problems = run_box_table(watched.page, base)
    print(score.line("ticket box from file://"))
    assert score.top1 >= BOX_GOAL * score.total, "\n".join(score.misses or [])
    assert not problems, "\n".join(problems)
    watched.watcher.assert_clean()


def test_box_shows_its_reasoning(local_page: Watched, site_url: str) -> None:
    """The example of the issue: account and product named, deployment not; the next question is asked."""
    answer = box_answer_on_start(local_page.page, site_url, "Customer signs in with Entra and calls GPT-4o. Do you train on it?")
    assert answer.links[0] == "q/aoai.html"
    assert (
        "Account: Work or school (from \u2018Entra\u2019) \u00b7 Product: Azure OpenAI (from \u2018GPT-4o\u2019)"
        " \u00b7 Deployment: not stated. Which deployment type does the model deployment use?"
    ) in answer.text
    assert "The ticket asks: Are prompts and data used to train models?" in answer.text


def test_box_says_when_it_finds_nothing(local_page: Watched, site_url: str) -> None:
    answer = box_answer_on_start(local_page.page, site_url, "Hello, please call me back about my invoice.")
    assert answer.links == ("index.html#next-question",)
    assert "No account, product or deployment words found" in answer.text


def test_box_offers_both_accounts(local_page: Watched, site_url: str) -> None:
    """Issue 25: words that point two ways get the question that splits them, with what was read, and both pages."""
    answer = box_answer_on_start(local_page.page, site_url, "Some users sign in with hotmail, others with Entra.")
    assert answer.pages[:3] == ["index.html", "q/personal.html", "q/work.html"], answer
    assert "The words point more than one way" in answer.text
    assert (
        "Account: the ticket points more than one way: Personal (from \u2018hotmail\u2019); Work or school (from \u2018Entra\u2019)"
        in answer.text
    )


def test_box_reads_a_label_whole_and_a_product_in_passing(local_page: Watched, site_url: str) -> None:
    """Issue 25, end to end: "Worldwide Standard" is not read as Standard; a product after "using" is not the subject."""
    answer = box_answer_on_start(local_page.page, site_url, "Azure OpenAI with a Worldwide Standard deployment: where is it processed?")
    assert answer.pages[0] == "q/aoai.html", answer
    assert "\u2018Worldwide Standard\u2019 is a label our sources do not name" in answer.text
    assert "a/aoai-standard.html" not in answer.pages
    answer = box_answer(local_page.page, site_url, "Copilot in Dynamics 365 Sales using an Azure OpenAI endpoint: who can read the emails?")
    assert "Our sources do not cover Copilot in Dynamics 365 Sales" in answer.text
    assert not [p for p in answer.pages if p.startswith(("a/", "q/"))], answer
    assert "Named in passing, not read as the ticket's subject: \u2018Azure OpenAI\u2019 (after \u2018using\u2019)" in answer.text
    local_page.watcher.assert_clean()


def box_answer_on_start(page: Page, base: str, text: str):  # type: ignore[no-untyped-def]
    page.goto(base + "index.html")
    return box_answer(page, base, text)


def test_nothing_typed_leaves_the_browser(chromium_browser: Browser, site_url: str) -> None:
    """No request, no storage, no cookie, no URL or history entry carries the ticket text."""
    watched = new_watched(chromium_browser, allowed_prefixes=(site_url, *LOCAL_PREFIXES))
    page = watched.page
    requests: list[str] = []
    try:
        page.goto(site_url + "index.html", wait_until="networkidle")
        url_before = page.url
        history_before = page.evaluate("history.length")
        page.on("request", lambda r: requests.append(f"{r.method} {r.url} {r.post_data or ''}"))
        text = f"{MARKER} uses Azure OpenAI with a Global Standard deployment, where is it processed?"
        box = page.locator("#ticket-box[data-mounted] textarea")  # its HTML is in the page; typing counts once mounted
        box.wait_for()
        box.press_sequentially(text, delay=5)  # input events too, not only the button
        page.locator("#ticket-box .ticket-result a").first.wait_for()  # the typing itself ran the reading
        page.locator("#ticket-box button.ticket-box__go").click()
        page.locator("#ticket-box .ticket-result a").first.wait_for()
        box.press("Enter")
        page.wait_for_timeout(500)
        assert requests == [], f"typing in the box made requests: {requests}"
        assert page.url == url_before
        assert page.evaluate("history.length") == history_before
        storage = page.evaluate("() => JSON.stringify([Object.entries(localStorage), Object.entries(sessionStorage), document.cookie])")
        assert MARKER not in storage, storage
        assert MARKER not in page.url
        watched.watcher.assert_clean()
    finally:
        watched.context.close()


def test_without_javascript_the_start_page_is_as_before(chromium_browser: Browser, site_url: str) -> None:
    context = chromium_browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site_url + "index.html")
        # The box's shell is in the HTML (it takes its place in the first paint); without JavaScript it is hidden.
        assert page.locator("#ticket-box").is_hidden()
        assert not page.get_by_text("Paste the ticket").first.is_visible()
        options = page.locator(".options a.option-link")
        assert options.count() >= 2
        with page.expect_navigation():
            options.first.click()
        assert page.url.endswith("q/work.html")
    finally:
        context.close()


def test_box_only_on_the_start_page(local_page: Watched, site_url: str) -> None:
    page = local_page.page
    page.goto(site_url + "q/work.html", wait_until="networkidle")
    assert page.locator("#ticket-box").count() == 0
    assert page.evaluate("typeof window.treeTicketData") == "undefined"
    page.goto(site_url + "index.html")
    page.locator("#ticket-box[data-mounted] textarea").wait_for()  # mounted by ticket-box.js
    assert page.locator("#ticket-box").count() == 1
    local_page.watcher.assert_clean()


def run_search_table(page: Page, base: str) -> Score:
    score = Score()
    for case in load_cases():
        page.goto(base + "index.html")
        score.add(case, search_hits(page, base, case.text))
    return score


def test_search_ranks_the_tickets_over_http(local_page: Watched, site_url: str) -> None:
    score = run_search_table(local_page.page, site_url)
    print(score.line("search over http"))
    assert score.top1 >= SEARCH_TOP1_FLOOR * score.total, score.line("search") + "\n" + "\n".join(score.misses or [])
    assert score.top3 >= SEARCH_TOP3_FLOOR * score.total, score.line("search")


def test_search_ranks_the_tickets_from_file(watched: Watched, site: Path) -> None:  # noqa: F811
    base = site.resolve().as_uri() + "/"
    score = run_search_table(watched.page, base)
    print(score.line("search from file://"))
    assert score.top1 >= SEARCH_TOP1_FLOOR * score.total, score.line("search") + "\n" + "\n".join(score.misses or [])
    assert score.top3 >= SEARCH_TOP3_FLOOR * score.total, score.line("search")
    watched.watcher.assert_clean()


def test_box_with_an_answer_passes_axe(chromium_browser: Browser, site_url: str) -> None:
    """The box and a two-way answer in it pass axe-core, like every page kind."""
    from tests.browser.test_accessibility import format_violations, run_axe

    # axe-core is injected as an inline script, which the site's Content-Security-Policy blocks.
    local_page = new_watched(chromium_browser, allowed_prefixes=(site_url, *LOCAL_PREFIXES), bypass_csp=True)

    try:
        answer = box_answer_on_start(
            local_page.page, site_url, "Entra users on Microsoft 365 Copilot and on Copilot Studio agents: how long kept?"
        )
        assert len(answer.pages) >= 2
        violations = run_axe(local_page.page)
        assert not violations, format_violations("index.html with an answer", violations)
        local_page.watcher.assert_clean()
    finally:
        local_page.context.close()


def test_search_hint_keeps_the_query_in_the_browser(local_page: Watched, site_url: str) -> None:
    """The search's best match loads the tree's words from the site; no request or storage carries the query."""
    page = local_page.page
    page.goto(site_url + "q/work.html", wait_until="networkidle")
    requests: list[str] = []
    page.on("request", lambda r: requests.append(f"{r.url} {r.post_data or ''}"))
    hits = search_hits(page, site_url, f"{MARKER} BC copilot 24 hours retention")
    assert hits[0] == "a/business-central.html", hits[:3]
    assert page.locator(".tree-ticket-hint").get_by_text("Product: Business Central (from \u2018BC\u2019)").count() == 1
    assert not [r for r in requests if MARKER.lower() in r.lower()], requests
    storage = page.evaluate("() => JSON.stringify([Object.entries(localStorage), Object.entries(sessionStorage), document.cookie])")
    assert MARKER not in storage
    assert MARKER not in page.url
    local_page.watcher.assert_clean()


def _box_answers_after_instant_navigation(watched: Watched, site_url: str) -> None:
    """The mounted box answers a ticket, on a page reached without a load, with no console error."""
    page = watched.page
    assert page.evaluate("window.__sameDocument === true"), "not an instant navigation: the test proves nothing"
    answer = box_answer(page, site_url, "AOAI Data Zone where processed")
    assert answer.links[0] == "a/aoai-datazone.html#glance-processing"
    watched.watcher.assert_clean()


def test_box_comes_back_after_instant_navigation(chromium_browser: Browser, site_url: str) -> None:
    """Material swaps pages without a load (on any origin); the box's scripts sit in the content, so they run again."""
    watched = new_watched(chromium_browser, allowed_prefixes=(site_url, *LOCAL_PREFIXES))
    page = watched.page
    try:
        page.goto(site_url + "q/work.html", wait_until="networkidle")
        page.evaluate("() => { window.__sameDocument = true; }")
        page.locator(".tree-path a", has_text="Start over").first.click()
        page.locator("#ticket-box[data-mounted] textarea").wait_for()  # mounted by ticket-box.js
        _box_answers_after_instant_navigation(watched, site_url)
    finally:
        watched.context.close()


def test_box_mounts_when_its_script_runs_before_the_data(chromium_browser: Browser, site_url: str) -> None:
    """The race behind the intermittent test above, forced: after instant navigation ticket-box.js runs first.

    Material re-inserts the content's scripts all at once, and inserted scripts run in the order
    they finish loading. Holding back every other ticket-*.js of the start page (the data, and any
    script added beside it) until ticket-box.js has run makes the order that failed 3 runs in 10
    (issue 22) happen every time; the box must still mount once they have run.
    """
    watched = new_watched(chromium_browser, allowed_prefixes=(site_url, *LOCAL_PREFIXES))
    page = watched.page
    held: list[Route] = []

    def hold_all_but_the_box(route: Route) -> None:
        if route.request.url.endswith("/ticket-box.js"):
            route.continue_()
        else:
            held.append(route)  # answered below, by hand

    try:
        page.goto(site_url + "q/work.html", wait_until="networkidle")
        page.evaluate("() => { window.__sameDocument = true; }")
        page.route("**/assets/javascripts/ticket-*.js", hold_all_but_the_box)
        page.locator(".tree-path a", has_text="Start over").first.click()
        page.wait_for_function("() => !!window.TreeTicketMatcher")  # ticket-box.js has run ...
        assert page.evaluate("typeof window.treeTicketData") == "undefined"  # ... before the data
        assert any(r.request.url.endswith("/ticket-data.js") for r in held), [r.request.url for r in held]
        for route in held:
            route.continue_()
        page.unroute("**/assets/javascripts/ticket-*.js", hold_all_but_the_box)  # a later script is not held for ever
        page.wait_for_function("() => !!window.treeTicketBox")  # set by mount()
        _box_answers_after_instant_navigation(watched, site_url)
    finally:
        watched.context.close()
