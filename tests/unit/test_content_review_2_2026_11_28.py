"""The second content review of 2026-11-28 (issue 17), one case per finding: rows R1-R10, notes N1-N8.

Why: the At-a-glance rows and the notes are what legal teams read first, and an
independent reviewer, who wrote none of them, found rows and notes that said more
(or other) than their sources, and "Sources disagree" marks where no two sources
disagree. Each test pins the fix of one finding against the real tree: the row as
the page shows it (its own or inherited) with its quotes, and the note's kind, text
and quotes. Each fails on the wording the review found.
"""

from __future__ import annotations

import pytest
from treesite.model import Note

from tests.unit.realtree import AOAI_PAGES, cites, notes_on, quoted, row, tree


def note(note_id: str) -> Note:
    return tree().tree.notes_by_id[note_id]


def marked_rows(note_id: str) -> list[tuple[str, str]]:
    """Every (page, question) whose card row carries a "Sources disagree" mark to this note."""
    graph = tree().graph
    return [(p, q) for p in graph.order for q, r in graph.glance_rows(p).items() if r.conflict == note_id]


# Row findings ---------------------------------------------------------------------------------


@pytest.mark.parametrize("page", AOAI_PAGES)
def test_r1_azure_openai_training_row_carries_what_its_classifier_mark_is_about(page: str) -> None:
    """The mark points at classifier training, so the sentence names it, in each source's own words."""
    r = row(page, "training")
    assert r.conflict == "conflict-aoai-classifier"
    assert "Azure OpenAI foundation models" in r.answer and "nor OpenAI's" in r.answer, r.answer
    # Audit of 2026-12-06, finding 5: each consent path with its own condition.
    assert "classifier training needs consent, product use permission or instruction" in r.answer, r.answer
    assert quoted(page, "training", "aoai-privacy", "not used to train, retrain, or improve the classifier models without your consent")
    assert quoted(page, "training", "aoai-privacy", "products or services without your permission or instruction")


def test_r2_azure_openai_processing_row_states_only_what_holds_for_every_deployment_type() -> None:
    """Stored data only, no 'depends' words (the question page computes that line), and no mark to a note that denies a conflict."""
    r = row("aoai", "processing")
    assert r.conflict is None, r.conflict
    # third review of 2026-11-28, L4: "are stored in", as the page says
    assert r.answer.startswith("Azure OpenAI feature data and prompts kept for human review are stored in your resource's geography"), (
        r.answer
    )
    assert "depend" not in r.answer.lower() and "preview" in r.answer
    assert quoted("aoai", "processing", "aoai-privacy", "Only the location of processing is affected when a customer uses a Global")


@pytest.mark.parametrize("page", AOAI_PAGES)
def test_r3_azure_openai_retention_row_says_the_page_gives_no_period(page: str) -> None:
    r = row(page, "retention")
    # audit of 2026-12-06, finding 2: the period is about the abuse-review copies
    assert r.answer.startswith("For abuse review: no period"), "the page gives none, not the service keeps prompts forever"
    assert "blog up to 30 days" in r.answer, "the blog says 'up to'"
    assert quoted(page, "retention", "aoai-privacy", "Detailed information about AI and human review is available at")
    storage_only = quoted(page, "retention", "aoai-privacy", "logically separated by customer resource")
    assert not storage_only, "storage is no evidence for 'no period'"
    assert r.conflict == "conflict-aoai-retention"


def test_r4_datazone_processing_row_has_no_sources_disagree_mark() -> None:
    r = row("aoai-datazone", "processing")
    assert r.conflict is None, r.conflict
    assert "data zone" in r.answer and "data at rest stays in your geography" in r.answer, r.answer


def test_r5_m365_access_row_keeps_at_the_time_of_recording() -> None:
    r = row("m365", "access")
    assert "Anthropic's at the time of recording" in r.answer, r.answer
    assert quoted("m365", "access", "savill-video", "so at time of recording, that would be Anthropic")


def test_r6_m365_retention_row_does_not_answer_with_a_sentence_about_use() -> None:
    r = row("m365", "retention")
    assert "not used for anything else" not in r.answer, r.answer
    assert "does not say whether prompts or chats are kept" in r.answer and "memory for personalization" in r.answer
    assert quoted("m365", "retention", "savill-video", "in the corporate ones, there's explicit memory")
    assert r.silent


def test_r7_business_central_processing_row_says_first_what_the_page_leaves_unsaid() -> None:
    r = row("business-central", "processing")
    assert r.answer.startswith("The page names no processing location;"), r.answer
    assert "entire company database stays in its region" in r.answer and r.silent


def test_r8_business_central_access_row_is_marked_with_the_review_disagreement() -> None:
    r = row("business-central", "access")
    assert r.conflict == "conflict-aoai-review"
    assert "conflict-aoai-review" in tree().tree.node("business-central").notes
    item = note("conflict-aoai-review")
    assert "The Business Central page" in item.text and "only if automated systems flag it" in item.text
    assert cites(item, "bc-aoai-data", "Microsoft only reviews the data if the automated systems flag it for review.")


def test_r9_personal_azure_retention_row_says_why_modified_abuse_monitoring_is_mentioned() -> None:
    r = row("personal-azure", "retention")
    assert "whether you are a managed customer" in r.answer and "the sources do not say" in r.answer, r.answer
    assert r.silent and quoted("personal-azure", "retention", "aoai-privacy", "managed customers may apply to modify abuse monitoring")


def test_r10_work_training_row_cites_both_azure_pages_it_calls_the_azure_pages() -> None:
    r = row("work", "training")
    assert "the Azure pages" in r.answer, r.answer
    assert quoted("work", "training", "azure-copilot-faq", "are not used to further train, retrain, or improve Azure OpenAI Service")
    assert quoted("work", "training", "aoai-privacy", "are NOT used to train, retrain, or improve Azure OpenAI Service foundation models.")


# Note findings --------------------------------------------------------------------------------


def test_n1_region_note_is_a_weak_source_note_not_a_disagreement() -> None:
    item = note("conflict-aoai-region")
    assert item.kind == "weak-source" and item.title == "Same region for stored data: only the blog"
    assert "Only the blog promises the same region; Microsoft's page commits to the geography." in item.text
    assert item.text.endswith("Do not promise region-level residency on the blog's word.")
    assert "do not contradict" not in item.text
    assert marked_rows(item.id) == []


def test_n2_review_note_limits_only_abuse_reviewers_and_neither_allows_nor_rules_out_debugging() -> None:
    item = note("conflict-aoai-review")
    assert item.kind == "conflict"
    assert "humans see data only" not in item.text and "Trust the official page" not in item.text
    assert "human reviewers assessing potential abuse see only flagged data" in item.text
    assert "It neither names nor rules out debugging." in item.text
    assert "Do not rely on the blog's debugging access either way." in item.text
    assert cites(item, "aoai-privacy", "How the Azure OpenAI Service and Microsoft personnel analyze prompts and completions")
    assert cites(item, "aoai-privacy", "to provide the service and to monitor for uses that violate the applicable product terms")
    assert cites(item, "aoai-privacy", "Secure Access Workstations (SAWs), and Just-In-Time (JIT) request approval")
    assert cites(item, "aoai-privacy", "deployed in the European Economic Area, the authorized Microsoft employees are located")
    assert cites(item, "techplatform-blog", "for specific purposes. These purposes include debugging in case of failures")
    assert set(marked_rows(item.id)) == {(p, "access") for p in AOAI_PAGES} | {("business-central", "access")}


def test_n3_retention_note_does_not_discredit_the_30_days_and_says_where_the_page_points() -> None:
    item = note("conflict-aoai-retention")
    assert "Trust the official pages" not in item.text
    assert "abuse monitoring details moved on 23 June 2023 to a page not among our sources" in item.text
    assert "only the blog says 30 days" in item.text.lower(), "a ticket's must-state (tests/tickets.yaml)"
    assert "quote no figure for Azure OpenAI in general" in item.text
    assert cites(item, "aoai-privacy", "Detailed information about AI and human review is available at Azure OpenAI")
    assert cites(item, "aoai-privacy", "removed information about abuse monitoring which is now available at")


def test_n4_datazone_note_is_a_caution_in_our_voice() -> None:
    item = note("conflict-aoai-dz-exception")
    assert item.kind == "caution", "one page's wording, not two sources disagreeing"
    assert item.title == "One sentence of the Azure OpenAI page names only Global as an exception"
    assert "We read that section as the rule for DataZone." in item.text
    assert {c.source for c in item.cites} == {"aoai-privacy"}
    assert marked_rows(item.id) == [] and item.id in tree().graph.effective_notes("aoai-datazone")


def test_n5_work_consent_note_sets_training_apart_from_improving_products() -> None:
    item = note("conflict-work-consent")
    assert "for classifier training and other products" not in item.text
    assert "names one training path with consent: its content classifiers" in item.text
    assert "allow improving products with permission or instruction, or explicit consent in feedback, not called training" in item.text
    assert cites(item, "aoai-privacy", "classifier models without your consent")
    assert cites(item, "azure-copilot-faq", "only when users have given explicit consent to include this information within feedback")


def test_n6_blog_files_note_says_the_official_page_gives_the_same_default_key() -> None:
    item = note("weak-blog-files")
    assert not item.text.startswith("Only the Tech Platform blog"), "the default is not blog-only"
    assert "names no other option" in item.text and "gives the same default and also offers a customer-managed key" in item.text
    assert "Only the blog says files and fine-tuned models are logically isolated" in item.text
    assert cites(item, "aoai-privacy", "Is always encrypted at rest with Microsoft's AES-256-encryption by default")


def test_n7_foundry_note_says_the_video_names_no_model_and_the_page_says_less() -> None:
    item = note("weak-foundry-models")
    assert "without naming which models" in item.text
    assert "says less: not used to improve Microsoft or third-party products without your permission or instruction" in item.text
    assert cites(item, "aoai-privacy", "NOT used to improve any Microsoft or third party products or services without your permission")
    assert all(item in notes_on(p) for p in AOAI_PAGES)


def test_n8_work_accounts_note_quotes_the_official_pages_it_speaks_of() -> None:
    item = note("weak-accounts-work")
    assert cites(item, "bc-aoai-data", "Microsoft doesn't use your data to train, retrain, or improve Azure OpenAI Service")
    assert cites(item, "aoai-privacy", "are NOT used to train, retrain, or improve Azure OpenAI Service foundation models.")
    assert cites(item, "azure-copilot-faq", "not used to further train, retrain, or improve Azure OpenAI Service foundation models")
    assert cites(item, "azure-copilot-faq", "only when users have given explicit consent to include this information within feedback")
    assert cites(item, "aoai-privacy", "without your permission or instruction")
