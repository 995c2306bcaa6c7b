"""Issue 11: the tree says exactly what the five sources say, and nothing more.

Legal teams read the pages word by word, so each finding of the content review
is pinned here against the real tree: which fact or note states it, what it
cites, and which pages show it. The tests look at facts and notes only (not at
the one-line verdict, whose form another issue changes).
"""

from __future__ import annotations

import re

import pytest

from tests.unit.realtree import cites, facts_on, notes_on, tree

AOAI_PAGES = ("aoai", "aoai-global", "aoai-datazone", "aoai-standard", "aoai-batch")
WORK_PAGES = ("work", "m365", "studio", "business-central")
# The four questions of every ticket, as the topics that answer them.
QUESTIONS = ("training", "processing-location", "access", "retention")


def pages_showing(fact_id: str) -> set[str]:
    graph = tree().graph
    return {n for n in graph.order if fact_id in graph.effective_facts(n)}


def answer_pages() -> list[str]:
    loaded = tree()
    return [n for n in loaded.graph.order if not loaded.tree.node(n).options]


# 1. Work-account answer: the official pages' consent paths, and the video's "under no circumstances"


@pytest.mark.parametrize("page", WORK_PAGES)
def test_work_pages_state_the_official_consent_paths(page: str) -> None:
    facts = facts_on(page)
    assert any(cites(f, "azure-copilot-faq", "only when users have given explicit consent") for f in facts)
    assert any(cites(f, "aoai-privacy", "without your permission or instruction") for f in facts)
    assert any(cites(f, "aoai-privacy", "classifier models without your consent") for f in facts)


def test_work_training_fact_is_attributed_and_qualified() -> None:
    fact = tree().tree.facts_by_id["work-no-training"]
    assert fact.text.startswith("The video says"), fact.text
    assert "consent" in fact.text
    assert {c.source for c in fact.cites} >= {"savill-video", "aoai-privacy", "azure-copilot-faq"}


@pytest.mark.parametrize("page", WORK_PAGES)
def test_under_no_circumstances_is_shown_as_a_conflict_with_the_consent_paths(page: str) -> None:
    conflicts = [
        n for n in notes_on(page) if n.kind == "conflict" and cites(n, "savill-video", "under no circumstances is it using your data")
    ]
    assert conflicts, f"{page}: no conflict note sets the video's 'under no circumstances' against the consent paths"
    note = conflicts[0]
    assert cites(note, "aoai-privacy", "without your consent")
    assert cites(note, "azure-copilot-faq", "explicit consent")


# 2. Foundry scope: the official page covers Azure OpenAI models; other Foundry models only the video


@pytest.mark.parametrize("page", AOAI_PAGES)
def test_azure_openai_pages_say_which_models_the_official_page_covers(page: str) -> None:
    scoped = [f for f in facts_on(page) if cites(f, "aoai-privacy", "Microsoft hosts the OpenAI models") and "other models" in f.text]
    assert scoped, f"{page}: no fact says which models Microsoft's page covers"
    assert "only the video" in scoped[0].text
    weak = [n for n in notes_on(page) if n.kind == "weak-source" and cites(n, "savill-video", "Foundry")]
    assert weak, f"{page}: other Foundry models are not flagged as resting on the video only"


# 3. The Azure OpenAI page contradicts itself on DataZone: shown as a caution, since one source is not
#    two sources disagreeing (second review 2026-11-28, N4)


@pytest.mark.parametrize("page", ["aoai-datazone"])  # not on Standard, which it does not concern (audit 2026-11-28)
def test_the_pages_own_datazone_contradiction_is_shown(page: str) -> None:
    notes = [
        n
        for n in notes_on(page)
        if n.kind == "caution"
        and n.topic == "processing-location"
        and cites(n, "aoai-privacy", "unless you are using a Global deployment type")
        and cites(n, "aoai-privacy", "For any deployment type labeled as 'DataZone,'")
    ]
    assert notes, f"{page}: the page's 'unless Global' sentence is not set against its DataZone section"
    assert all(c.source == "aoai-privacy" for c in notes[0].cites), "both sides are the same official page"


# 4. Retention: 24 hours (Business Central only) next to the blog's 30 days; dates say where they come from


@pytest.mark.parametrize("page", AOAI_PAGES)
def test_azure_openai_retention_answer_gives_24_hours_next_to_30_days(page: str) -> None:
    retention = [f for f in facts_on(page) if f.topic == "retention" and cites(f, "techplatform-blog", "30 days")]
    assert retention
    fact = retention[0]
    assert cites(fact, "bc-aoai-data", "up to 24 hours"), "the official 24 hours must stand next to the blog's 30 days"
    assert "24 hours" in fact.text and "Business Central" in fact.text
    assert "only an undated third-party blog gives a period" not in fact.text


def test_24_hours_is_always_scoped_to_business_central() -> None:
    loaded = tree().tree
    for item in [*loaded.facts, *loaded.notes]:
        if "24 hours" in item.text:
            assert "Business Central" in item.text, item.id


_DATE_WORDS = re.compile(r"\b(19|20)\d{2}\b|\bundated\b|\bnewer\b|\bolder\b|\bnewest\b|last changed|\bdate\b", re.IGNORECASE)
# Where a date or age comes from: the source's own text, or our metadata in sources.yaml.
_PROVENANCE = ("change log", "source record", "shows no date", "gives no date")


def _texts_with_dates() -> list[tuple[str, str]]:
    loaded = tree().tree
    items = [(f.id, f.text) for f in loaded.facts] + [(n.id, n.text) for n in loaded.notes]
    items += [(f"{n.id} (intro)", n.intro) for n in loaded.nodes if n.intro]
    return [(item_id, text) for item_id, text in items if _DATE_WORDS.search(text)]


def test_every_statement_of_a_source_date_says_where_the_date_comes_from() -> None:
    unsourced = [item_id for item_id, text in _texts_with_dates() if not any(p in text for p in _PROVENANCE)]
    assert not unsourced, f"say whether the date is from the source text or from sources.yaml: {unsourced}"


def test_no_unsourced_age_words() -> None:
    """'undated', 'last changed', 'newer', 'older' were judgments with no stated basis."""
    loaded = tree().tree
    for item in [*loaded.facts, *loaded.notes]:
        for word in ("undated", "last changed", "newer", "older"):
            assert not re.search(rf"\b{word}\b", item.text), f"{item.id}: {word!r}"


# 5. "Nothing to opt out of": only what the video says, only where it applies


def test_no_page_says_there_is_nothing_to_opt_out_of() -> None:
    loaded = tree().tree
    for item in [*loaded.facts, *loaded.notes]:
        assert "nothing to opt out" not in item.text.lower(), item.id


def test_the_videos_profile_setting_is_scoped_to_the_speakers_own_profile() -> None:
    said = [f for f in tree().tree.facts if cites(f, "savill-video", "I don't even have a setting as part of my profile")]
    assert len(said) == 1
    fact = said[0]
    assert "own profile" in fact.text
    shown = pages_showing(fact.id)
    assert shown == {"m365"}, f"shown on {sorted(shown)}; Business Central and Copilot Studio have other controls"


# 6. Silent answers: every answer page answers the four questions, or says the sources do not


@pytest.mark.parametrize("page", answer_pages())
def test_every_answer_page_answers_the_four_questions_or_says_the_sources_do_not(page: str) -> None:
    facts, notes = facts_on(page), notes_on(page)
    for question in QUESTIONS:
        answered = [f.id for f in facts if f.topic == question]
        silent = [n.id for n in notes if n.topic == question and n.kind == "caution" and "do not say" in n.title]
        other = [n.id for n in notes if n.topic == question]
        assert answered or silent or other, f"{page}: nothing on the page answers {question!r}, nor says the sources do not"
        if not answered:
            assert silent, f"{page}: {question!r} has no fact; the page must say the sources do not say"


@pytest.mark.parametrize(
    ("page", "question"),
    [("m365", "retention"), ("m365", "access"), ("consumer-copilot", "retention"), ("studio", "retention")],
)
def test_named_silences_are_stated(page: str, question: str) -> None:
    assert any(n.topic == question and "do not say" in n.title for n in notes_on(page))


# 7. Statements no page carried


@pytest.mark.parametrize(
    "words",
    [
        "to provide the service and to monitor for uses that violate the applicable product terms",
        "analyze prompts and completions (text and image)",
        "A separate data store is located in each geography",
        "each request includes the resource ID",
        "Azure's risk and safety metrics",
    ],
)
@pytest.mark.parametrize("page", AOAI_PAGES)
def test_azure_openai_statements_are_shown(page: str, words: str) -> None:
    assert any(cites(f, "aoai-privacy", words) for f in facts_on(page)), f"{page}: {words!r}"


@pytest.mark.parametrize("page", AOAI_PAGES)
def test_azure_government_is_named_as_out_of_scope(page: str) -> None:
    assert any(n.kind == "caution" and cites(n, "aoai-privacy", "Compare Azure OpenAI in Azure Government") for n in notes_on(page))


@pytest.mark.parametrize("entry", ["4 September 2024 |", "18 November 2024 |", "17 December 2024 |", "23 June 2023 |"])
def test_change_log_is_shown_as_dated_history(entry: str) -> None:
    dated = [f for f in facts_on("aoai") if f.topic == "status" and cites(f, "aoai-privacy", entry)]
    assert dated, f"no fact on the Azure OpenAI page gives the change-log entry {entry!r}"
    assert all("change log" in f.text for f in dated)
    assert all(pages_showing(f.id) >= set(AOAI_PAGES) for f in dated)


def test_change_log_answers_since_when_for_global_and_datazone() -> None:
    history = [f for f in facts_on("aoai") if f.topic == "status" and "Since when" in f.text]
    assert history and cites(history[0], "aoai-privacy", "Global Deployments")
    assert cites(history[0], "aoai-privacy", "Data zone")


def test_the_source_page_points_at_its_change_log() -> None:
    source = tree().tree.sources_by_id["aoai-privacy"]
    assert source.date_note and "23 June 2023" in source.date_note and "17 December 2024" in source.date_note


@pytest.mark.parametrize(
    ("page", "source", "words"),
    [
        ("azure-copilot", "azure-copilot-faq", "Azure Copilot is generally available."),
        ("azure-copilot", "azure-copilot-faq", "selecting the downvote button on the response"),
        ("business-central", "bc-aoai-data", "is converted to one or more service calls to the endpoint"),
    ],
)
def test_other_official_statements_are_shown(page: str, source: str, words: str) -> None:
    assert any(cites(f, source, words) for f in facts_on(page))


@pytest.mark.parametrize(
    ("blog_words", "official_words"),
    [
        ("suspension or termination of your access", "abuse monitoring system is designed to detect and mitigate"),
        ("must meet specific criteria and attest to their use cases", "managed customers may apply to modify abuse monitoring"),
    ],
)
@pytest.mark.parametrize("page", AOAI_PAGES)
def test_blog_only_claims_are_weak_source_notes_next_to_the_official_page(page: str, blog_words: str, official_words: str) -> None:
    notes = [n for n in notes_on(page) if cites(n, "techplatform-blog", blog_words)]
    assert notes, f"{page}: the blog's claim {blog_words!r} is not shown"
    assert all(n.kind == "weak-source" and n.text.startswith("Only the Tech Platform blog") for n in notes)
    assert all(cites(n, "aoai-privacy", official_words) for n in notes)
