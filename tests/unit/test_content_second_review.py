"""Issue 11, second review: what an independent reader found after findings 1-7 were fixed.

Each test pins one finding against the real tree and fails on the wording the
review found. The one-line training answer is the page's training row of the
At-a-glance card, its own or inherited.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

import pytest
import yaml

from tests.helpers import REPO
from tests.unit.realtree import cites, facts_on, notes_on, tree

AOAI_PAGES = ("aoai", "aoai-global", "aoai-datazone", "aoai-standard", "aoai-batch")


@cache
def raw_nodes() -> dict[str, dict[str, Any]]:
    data = yaml.safe_load((REPO / "decision_tree" / "nodes.yaml").read_text(encoding="utf-8"))
    return {node["id"]: node for node in data["nodes"]}


def training_answer(node_id: str) -> str:
    """The page's one-line answer to 'are prompts used to train models?': its own or inherited training row."""
    return tree().graph.glance_rows(node_id)["training"].answer


def options_to(target: str) -> list[dict[str, Any]]:
    return [o for node in raw_nodes().values() for o in node.get("options", []) if o["to"] == target]


# R1. The option that leads to the Azure OpenAI pages must not claim every Foundry model.


def test_azure_openai_option_names_azure_openai_models_only() -> None:
    options = options_to("aoai")
    assert len(options) == 2
    for option in options:
        assert "Foundry models" not in option["label"], option["label"]
        assert "Azure OpenAI models" in option["label"], option["label"]
        assert "covers only these models" in option["hint"] and "only a video" in option["hint"], option["hint"]


def test_studio_option_names_only_what_the_video_names() -> None:
    (option,) = options_to("studio")
    assert not re.search(r"\bagents\b", option["label"]), option["label"]
    assert "only source" in option["hint"], option["hint"]


# R2. One-line training answers: no bare "No." where the official page limits it to foundation models.


@pytest.mark.parametrize("page", [*AOAI_PAGES, "azure-copilot", "business-central", "personal-azure", "work"])
def test_training_answer_names_the_models_the_official_page_names(page: str) -> None:
    answer = training_answer(page)
    assert not answer.startswith("No."), answer
    assert "Azure OpenAI foundation models" in answer, answer


@pytest.mark.parametrize("page", ["consumer-copilot", "m365", "studio"])
def test_training_answer_resting_on_the_video_says_so(page: str) -> None:
    """The personal page has no training row since the third review (M4): it depends on the product."""
    assert "video" in training_answer(page)


# R3. A fact that only the video supports says, in its first sentence, that the video says it.


def test_video_only_facts_are_attributed_in_their_first_sentence() -> None:
    for fact in tree().tree.facts:
        if {c.source for c in fact.cites} == {"savill-video"}:
            first = fact.text.split(". ")[0]
            assert "video" in first or "speaker" in first, f"{fact.id}: {first!r}"


def test_personalization_is_scoped_to_what_the_video_names() -> None:
    fact = tree().tree.facts_by_id["work-personalization"]
    assert "the corporate ones" in fact.text
    assert "does not say which work products" in fact.text


# R4. Every conflict note between sources gives each source's kind and where its date comes from.

_PROVENANCE = {
    "savill-video": ("video", "gives no date"),
    "techplatform-blog": ("third-party", "shows no date"),
    "aoai-privacy": ("official", "change log runs to 17 December 2024"),
    "azure-copilot-faq": ("official", "dated 18 November 2025 in its front matter"),
    "bc-aoai-data": ("official", "source record dates it 1 April 2025"),
}


@pytest.mark.parametrize("note_id", [n.id for n in tree().tree.notes if n.kind == "conflict"])
def test_conflict_note_gives_kind_and_date_provenance_of_each_source(note_id: str) -> None:
    note = tree().tree.notes_by_id[note_id]
    sources = {c.source for c in note.cites}
    if len(sources) < 2:
        return  # one page contradicting itself: no second source to date
    for source in sources:
        for words in _PROVENANCE[source]:
            assert words in note.text, f"{note_id}: {source} without {words!r}"


@pytest.mark.parametrize("note_id", ["weak-blog-suspension", "weak-blog-eligibility"])
def test_blog_only_notes_date_both_sides(note_id: str) -> None:
    text = tree().tree.notes_by_id[note_id].text
    assert "shows no date" in text and "change log runs to 17 December 2024" in text


@pytest.mark.parametrize("page", AOAI_PAGES)
def test_classifier_conflict_does_not_make_the_video_a_side(page: str) -> None:
    """The video never speaks of classifier models (audit 2026-11-28): its Foundry answer qualifies the work-account note."""
    conflicts = [n for n in notes_on(page) if n.kind == "conflict" and cites(n, "aoai-privacy", "classifier models without your consent")]
    classifier = [n for n in conflicts if n.id == "conflict-aoai-classifier"]
    assert classifier and not any(c.source == "savill-video" for c in classifier[0].cites)
    work = tree().tree.notes_by_id["conflict-work-consent"]
    assert cites(work, "savill-video", "Unless you're specifically telling it to go and do some training")


# R5. Retention: say what the pages say and where they are silent.


def test_azure_copilot_retention_says_the_faq_is_silent_on_prompts() -> None:
    retention = [f for f in facts_on("azure-copilot") if f.topic == "retention"]
    assert retention and all("does not say how long prompts and responses are kept" in f.text for f in retention)
    assert not any("the information it collects" in f.text for f in retention)


@pytest.mark.parametrize(
    "words",
    ["For AI review, customer's prompts and completions are not stored", "Can be deleted by the customer at any time."],
)
@pytest.mark.parametrize("page", AOAI_PAGES)
def test_azure_openai_retention_section_has_ai_review_and_feature_data(page: str, words: str) -> None:
    assert any(f.topic == "retention" and cites(f, "aoai-privacy", words) for f in facts_on(page)), words


def test_thirty_days_is_not_called_outdated() -> None:
    for item in [*tree().tree.facts, *tree().tree.notes]:
        assert "as current" not in item.text, item.id


# R6. "Managed customers" is the page's own, undefined limit; it matters for personal subscriptions.


def test_managed_customers_is_flagged_as_undefined() -> None:
    loaded = tree().tree
    assert "does not say what a managed customer is" in loaded.facts_by_id["aoai-modified-abuse"].text
    inference = loaded.notes_by_id["inference-personal-azure"]
    assert "managed customer" in inference.text and cites(inference, "aoai-privacy", "managed customers may apply")
    assert "managed customers" in (loaded.facts_by_id["personal-azure-same"].inference or "")


# R7. Weak-source and silence notes say no more than is true of the page they are on.


@pytest.mark.parametrize("note_id", ["weak-m365", "weak-studio"])
def test_video_only_notes_do_not_claim_the_whole_page(note_id: str) -> None:
    # These pages also show inherited facts that cite official Azure pages.
    assert "Everything on this page" not in tree().tree.notes_by_id[note_id].text


def test_retention_silence_does_not_say_only_stateless() -> None:
    text = tree().tree.notes_by_id["gap-video-retention"].text
    assert "says only" not in text and "memories" in text


def test_m365_access_silence_says_what_the_video_does_say() -> None:
    notes = [n for n in notes_on("m365") if n.topic == "access" and "do not say" in n.title]
    assert notes and cites(notes[0], "savill-video", "Your data is private")
    assert cites(notes[0], "savill-video", "they operate within the Microsoft product terms")


# R8. Statements the pages missed.


def test_batch_page_shows_the_global_at_rest_rule() -> None:
    facts = facts_on("aoai-batch")
    assert any(cites(f, "aoai-privacy", "For both Global and DataZone deployment types, any data stored at rest") for f in facts)


def test_region_conflict_cites_the_blogs_fine_tuned_model_claim() -> None:
    note = tree().tree.notes_by_id["conflict-aoai-region"]
    assert "fine-tuned models" in note.text
    assert cites(note, "techplatform-blog", "The trained fine-tuned models are stored in Azure Storage within the same region.")


@pytest.mark.parametrize("page", AOAI_PAGES)
def test_change_log_dates_the_clarified_commitments_on_prompts(page: str) -> None:
    words = "clarified commitments related to use of prompts and completions"
    assert any(f.topic == "status" and cites(f, "aoai-privacy", words) for f in facts_on(page))


def test_official_no_training_names_the_azure_openai_foundation_models() -> None:
    """The official pages say 'Azure OpenAI Service foundation models', not foundation models at large."""
    for item in [*tree().tree.facts, *tree().tree.notes]:
        assert "train the foundation models" not in item.text, item.id
        inference = getattr(item, "inference", None) or ""
        assert "train the foundation models" not in inference, item.id


def test_fine_tuning_fact_does_not_take_only_from_the_blog() -> None:
    assert "trains only your own model" not in tree().tree.facts_by_id["aoai-fine-tuning"].text
