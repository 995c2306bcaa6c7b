"""The content audit of 2026-11-28 (../shared/reviews/content-audit-2026-11-28.md), one case per finding.

Why: the At-a-glance rows are what people read, paste and forward, and an
independent audit found rows, facts and notes that said more (or less) than the
five sources. Each test pins the fix of one finding against the real tree: the
row as the page shows it (its own or inherited) with its own quotes, the fact or
note text and what it cites. Finding numbers are the audit's: rows #1-#39 (its
section 2), the sampled facts (section 1), the notes (section 3), the gaps
(section 4).
"""

from __future__ import annotations

import re

import pytest

from tests.unit.realtree import AOAI_PAGES, cites, facts_on, notes_on, quoted, row, tree


def fact(fact_id: str) -> str:
    return tree().tree.facts_by_id[fact_id].text


def note(note_id: str) -> str:
    return tree().tree.notes_by_id[note_id].text


# Section 2: the flagged rows ------------------------------------------------------------------


def test_row_34_business_central_processing_says_the_entire_database_stays() -> None:
    """HIGH: "will enabling this move our database?" is answered on the card, with 'entire'."""
    r = row("business-central", "processing")
    assert "entire company database stays in its region" in r.answer, r.answer
    assert "sent to Azure OpenAI" in r.answer, "the data each task needs still goes"
    assert r.fact == "bc-database-stays" and r.silent, "the geography of processing is still unsaid"
    assert quoted("business-central", "processing", "bc-aoai-data", "the entire company database remains in its location")
    assert quoted("business-central", "processing", "bc-aoai-data", "It isn't moved to another geographic region.")
    assert quoted("business-central", "processing", "bc-aoai-data", "including any data needed for Copilot to perform the task")


@pytest.mark.parametrize(
    ("page", "words", "at_rest"),
    [
        # third review of 2026-11-28, M2 and L3: "the relevant Azure OpenAI model", "as defined by Microsoft"
        ("aoai-global", "may be processed in any geography where the relevant Azure OpenAI model is deployed", "data stored at rest"),
        ("aoai-datazone", "processing may be anywhere in the data zone Microsoft defines, such as the US or EU", "data at rest"),
    ],
)
def test_rows_25_26_global_and_datazone_processing_say_where_data_is_stored_at_rest(page: str, words: str, at_rest: str) -> None:
    r = row(page, "processing")
    assert words in r.answer and f"{at_rest} stays in your geography" in r.answer, r.answer
    assert quoted(page, "processing", "aoai-privacy", "any data stored at rest, such as uploaded data, is stored in the customer")


def test_row_26_datazone_processing_drops_the_hedge_and_keeps_the_rewritten_note() -> None:
    r = row("aoai-datazone", "processing")
    assert "names only Global" not in r.answer and "elsewhere" not in r.answer, r.answer
    assert r.conflict is None, "one page's wording is a caution, not sources disagreeing (second review, R4)"
    assert "conflict-aoai-dz-exception" in tree().graph.effective_notes("aoai-datazone")
    assert quoted("aoai-datazone", "processing", "aoai-privacy", "processed in that or any other European Union Member Nation")


def test_row_27_standard_processing_says_where_stored_data_stays_and_carries_no_datazone_mark() -> None:
    r = row("aoai-standard", "processing")
    # worded more briefly on 2026-11-28 (third review) so the card fits a phone's first screen
    # audit of 2026-12-06, finding 3: the row names Azure OpenAI, since other Foundry models land here too
    assert r.answer.startswith("Azure OpenAI prompts are processed in your specified geography, maybe across its regions"), r.answer
    assert "feature data stays in the resource's geography" in r.answer, r.answer
    assert "Global" not in r.answer and r.conflict is None
    assert quoted("aoai-standard", "processing", "aoai-privacy", "within the same geography as the Azure OpenAI resource")
    assert "conflict-aoai-dz-exception" not in tree().graph.effective_notes("aoai-standard")


@pytest.mark.parametrize("page", AOAI_PAGES)
def test_row_23_azure_openai_access_names_openai_other_customers_and_the_llm_review(page: str) -> None:
    r = row(page, "access")
    # third review of 2026-11-28, L2: the sentence also gives the modified abuse monitoring exception
    assert r.answer.startswith("OpenAI and other customers can't;"), r.answer
    # audit of 2026-12-06, finding 1: which review modified abuse monitoring ends
    assert "AI reviews flagged samples" in r.answer and "staff if needed" in r.answer
    assert quoted(page, "access", "aoai-privacy", "are NOT available to other customers. are NOT available to OpenAI.")
    assert quoted(page, "access", "aoai-privacy", "Review is conducted by LLM by default, with additional reviews by human reviewers")


@pytest.mark.parametrize("page", AOAI_PAGES)
def test_row_24_azure_openai_retention_names_modified_abuse_monitoring(page: str) -> None:
    r = row(page, "retention")
    # third review of 2026-11-28, L1: only a subscription approved for it
    # audit of 2026-12-06, finding 2: "none if modified monitoring", for the abuse-review copies only
    assert "none if modified monitoring" in r.answer, r.answer
    assert "up to 24 hours for Business Central" in r.answer and "blog up to 30 days" in r.answer
    assert quoted(page, "retention", "aoai-privacy", "Microsoft does not store the prompts and completions associated with the approved")
    assert quoted(page, "retention", "bc-aoai-data", "up to 24 hours") and quoted(page, "retention", "techplatform-blog", "up to 30 days")


def test_row_29_azure_copilot_training_gives_the_consent_path() -> None:
    r = row("azure-copilot", "training")
    assert "do not train Azure OpenAI foundation models" in r.answer, r.answer
    assert "improve Microsoft products only with explicit consent in feedback" in r.answer, r.answer
    assert quoted("azure-copilot", "training", "azure-copilot-faq", "only when users have given explicit consent")


def test_row_30_azure_copilot_processing_does_not_say_only_grounded() -> None:
    r = row("azure-copilot", "processing")
    assert "only" not in r.answer and "grounded" not in r.answer, r.answer
    assert "Azure OpenAI Service foundation models generate its responses, and names no geography" in r.answer
    assert quoted("azure-copilot", "processing", "azure-copilot-faq", "Azure OpenAI Service foundation models that generate responses")
    assert r.silent


def test_row_15_m365_access_names_the_subprocessor() -> None:
    r = row("m365", "access")
    # audit of 2026-12-06, row 8: Anthropic's models are an example, not the subprocessor
    assert "subprocessor models, like Anthropic's at the time of recording, work within Microsoft's product terms" in r.answer
    assert quoted("m365", "access", "savill-video", "at time of recording, that would be Anthropic")
    assert quoted("m365", "access", "savill-video", "within the data protection addendums")
    assert r.fact == "m365-subprocessor" and r.silent


def test_row_1_work_training_is_plain_and_keeps_permission_or_instruction() -> None:
    r = row("work", "training")
    assert "rule out" not in r.answer, r.answer
    assert "prompts do not train Azure OpenAI foundation models" in r.answer and "consent or instruction" in r.answer
    assert quoted("work", "training", "aoai-privacy", "without your permission or instruction")
    assert quoted("work", "training", "azure-copilot-faq", "explicit consent")
    assert quoted("work", "training", "savill-video", "it's not training on anything")


@pytest.mark.parametrize(
    ("page", "question"),
    [
        ("work", "processing"),
        ("work", "access"),
        ("work", "retention"),
        ("personal", "processing"),
        ("personal", "access"),
        ("personal", "retention"),
    ],
)
def test_rows_2_3_6_7_8_question_page_fillers_are_gone(page: str, question: str) -> None:
    """The filler rows are left out: the card derives "Depends on the product" from the pages below (refine.py)."""
    loaded = tree()
    assert question not in loaded.tree.node(page).glance
    assert loaded.graph.choice_rows[page][question].kind == "depends"


def test_row_12_personal_azure_retention_has_no_only() -> None:
    r = row("personal-azure", "retention")
    assert "only" not in r.answer, r.answer
    assert "whether you are a managed customer who may apply to modify abuse monitoring, the sources do not say" in r.answer
    assert quoted("personal-azure", "retention", "aoai-privacy", "managed customers may apply to modify abuse monitoring")


def test_row_37_consumer_copilot_processing_is_about_processing() -> None:
    r = row("consumer-copilot", "processing")
    assert r.answer == "The video speaks of training and personalization, not of where prompts are processed.", r.answer


def test_row_38_consumer_copilot_access_makes_no_privacy_promise() -> None:
    r = row("consumer-copilot", "access")
    assert "just for your own" not in r.answer and "not of who can read your conversations" in r.answer, r.answer


def test_row_39_consumer_copilot_retention_is_about_personalization_not_training() -> None:
    r = row("consumer-copilot", "retention")
    assert "learned for personalization and control its memories; it gives no period" in r.answer, r.answer
    assert quoted("consumer-copilot", "retention", "savill-video", "delete some of that learning, control the memories")


def test_row_35_nit_business_central_access_says_which_data_and_who_runs_the_service() -> None:
    r = row("business-central", "access")
    assert "the stored data" not in r.answer and "prompt and output data" in r.answer, r.answer
    assert "Microsoft hosts Azure OpenAI" in r.answer  # third review of 2026-11-28, L5: shortened for the other users
    assert quoted("business-central", "access", "bc-aoai-data", "hosted and operated by Microsoft")


def test_row_32_nit_azure_copilot_retention_names_feedback() -> None:
    assert "feedback included" in row("azure-copilot", "retention").answer


def test_row_28_batch_processing_is_not_marked_with_the_region_note() -> None:
    """The blog's 'same region' claims are about stored files and prompts, not Batch or processing."""
    assert row("aoai-batch", "processing").conflict is None


def test_row_22_azure_openai_processing_holds_for_every_deployment_type() -> None:
    """The question page's row states only what holds below it: stored data; no 'see the deployment type'."""
    r = row("aoai", "processing")
    # third review of 2026-11-28, L4: "stored in", as the page says, not "stay in"
    assert "deployment type" not in r.answer and "are stored in your resource's geography" in r.answer, r.answer
    assert r.answer.startswith("Azure OpenAI "), "audit of 2026-12-06, finding 3: other Foundry models land here too"
    assert quoted("aoai", "processing", "aoai-privacy", "stored in the Azure geography where the customer’s Azure OpenAI service resource")
    assert r.conflict is None, "the region note is a weak-source note (second review, N1 and R2)"


# Section 1: the imprecise facts -------------------------------------------------------------


def test_fact_aoai_stateful_keeps_the_chat_completions_api() -> None:
    """Also gap 5."""
    assert "sent through the chat completions API to your deployed Azure OpenAI models" in fact("aoai-stateful")


def test_fact_aoai_model_scope_limits_the_video_to_training() -> None:
    text = fact("aoai-model-scope")
    assert "the answer is the same" not in text
    assert "only the video gives an answer, and only on training" in text


def test_fact_bc_admin_control_is_no_general_rule() -> None:
    text = fact("bc-admin-control")
    assert not text.startswith("Administrators activate")
    assert "does not say whether features are on by default" in text


def test_fact_bc_database_stays_keeps_entire_and_says_task_data_is_still_sent() -> None:
    text = fact("bc-database-stays")
    assert "the entire company database stays where it is" in text
    assert "The data Copilot needs for each task is still sent to Azure OpenAI." in text
    assert cites(tree().tree.facts_by_id["bc-database-stays"], "bc-aoai-data", "including any data needed for Copilot to perform the task")


def test_fact_personal_personalization_gives_the_videos_reason() -> None:
    text = fact("personal-personalization")
    assert "advises keeping personalization on, because it is different" not in text
    assert "would not generally recommend turning personalization off, because it enhances your interactions" in text


def test_fact_work_no_training_nit_names_permission_or_instruction() -> None:
    assert "with your consent or on your instruction" in fact("work-no-training")


# Section 3: the notes -----------------------------------------------------------------------


def test_note_retention_says_prompts_and_completions_not_nothing() -> None:
    text = note("conflict-aoai-retention")
    assert "nothing is stored" not in text and "Business Central only" not in text
    assert "Prompts and completions of subscriptions approved for modified abuse monitoring are not stored" in text
    assert "quote no figure for Azure OpenAI in general" in text


def test_note_region_is_about_stored_data_and_admits_no_contradiction() -> None:
    """Now a weak-source note, since its text says the two do not contradict (second review, N1)."""
    item = tree().tree.notes_by_id["conflict-aoai-region"]
    assert item.topic == "storage" and item.title == "Same region for stored data: only the blog"
    assert item.kind == "weak-source"
    assert "processed between regions" not in item.text and "Global and DataZone" not in item.text
    assert "Only the blog promises the same region" in item.text and "on the blog's word" in item.text
    assert not any("processed" in c.quote for c in item.cites)
    for page, question in (("aoai", "processing"), ("aoai-batch", "processing")):
        assert row(page, question).conflict != "conflict-aoai-region", f"{page}: no row carries a mark to a weak-source note"


def test_note_datazone_wording_says_which_section_governs_and_why() -> None:
    item = tree().tree.notes_by_id["conflict-aoai-dz-exception"]
    assert "does not say which wins" not in item.text
    assert "We read that section as the rule for DataZone" in item.text
    assert "4 September 2024" in item.text and "18 November 2024" in item.text
    assert cites(item, "aoai-privacy", "See below for information about location of processing when using a Global deployment type.")
    assert cites(item, "aoai-privacy", "Only the location of processing is affected")
    assert cites(item, "aoai-privacy", 'Understanding location of processing for "Global" and "Data zone" deployment types')
    assert set(tree().graph.effective_notes("aoai-datazone")) >= {item.id}


def test_note_keys_is_a_weak_source_note_not_a_conflict() -> None:
    notes = tree().tree.notes_by_id
    assert "conflict-aoai-keys" not in notes
    item = notes["weak-blog-files"]
    assert item.kind == "weak-source" and "names no other option" in item.text and "customer-managed key" in item.text
    assert all(item.id in tree().graph.effective_notes(p) for p in AOAI_PAGES)


def test_note_ai_review_says_prompts_and_completions_and_dates_the_ai_review() -> None:
    item = tree().tree.notes_by_id["conflict-aoai-ai-review"]
    assert "nothing is stored" not in item.text
    assert "prompts and completions are not stored" in item.text and "18 November 2024" in item.text
    assert cites(item, "aoai-privacy", "added information about new AI review of prompts and completions")


def test_note_classifier_drops_the_video() -> None:
    item = tree().tree.notes_by_id["conflict-aoai-classifier"]
    assert "video" not in item.text and {c.source for c in item.cites} == {"techplatform-blog", "aoai-privacy"}


def test_note_work_consent_gives_the_videos_own_qualifiers_and_business_central() -> None:
    item = tree().tree.notes_by_id["conflict-work-consent"]
    assert "silent on other work products" not in item.text
    assert cites(item, "savill-video", "We don't use your data except how you instruct.")
    assert cites(item, "savill-video", "Unless you're specifically telling it to go and do some training.")
    assert "Business Central page" in item.text and "names none" in item.text
    assert cites(item, "bc-aoai-data", "Microsoft doesn't use your data to train")


def test_note_inference_personal_azure_has_no_only_and_admits_the_unqualified_summary() -> None:
    text = note("inference-personal-azure")
    assert "only managed customers" not in text
    assert "closing summary says yes by default for personal accounts without naming a product" in text
    item = tree().tree.notes_by_id["inference-personal-azure"]
    assert cites(item, "savill-video", "If I'm logged in with a personal account, then by default, yes")
    assert "only managed customers" not in (tree().tree.facts_by_id["personal-azure-same"].inference or "")


def test_note_nit_azure_copilot_date_comes_from_its_front_matter() -> None:
    assert "dated 18 November 2025 in its front matter" in note("conflict-work-consent")


def test_azure_copilot_location_gap_does_not_say_only_grounded() -> None:
    """The same 'says only' as row #30, in the page's silence note."""
    assert "says only" not in note("gap-azure-copilot-location")


# Section 4: the gaps ------------------------------------------------------------------------


def test_gap_1_business_central_names_who_runs_azure_openai() -> None:
    item = tree().tree.facts_by_id["bc-sent"]
    assert "which Microsoft hosts and operates" in item.text
    assert cites(item, "bc-aoai-data", "hosted and operated by Microsoft")


@pytest.mark.parametrize("page", AOAI_PAGES)
def test_gap_2_blogs_encryption_of_the_abuse_store_is_a_weak_source_note(page: str) -> None:
    notes = [
        n
        for n in notes_on(page)
        if n.kind == "weak-source" and cites(n, "techplatform-blog", "This data is encrypted and can only be accessed by authorized")
    ]
    assert notes and notes[0].text.startswith("Only the Tech Platform blog")
    assert "not for prompts kept for human review" in notes[0].text


def test_gap_3_blogs_isolation_of_files_and_models() -> None:
    item = tree().tree.notes_by_id["weak-blog-files"]
    assert cites(item, "techplatform-blog", "logically isolated within the customer's Azure subscription and API Credentials")
    assert "does not speak of API credentials" in item.text


def test_gap_4_videos_foundry_not_used_for_any_other_purpose() -> None:
    item = tree().tree.notes_by_id["weak-foundry-models"]
    assert "not used for any other purpose" in item.text
    assert cites(item, "savill-video", "It is not used for any other purpose.")


def test_gap_6_all_isolation_measures_and_not_limited_to() -> None:
    text = fact("aoai-isolation")
    assert "not limited to" in text and "compute security perimeter" in text and "tokenization of text" in text


@pytest.mark.parametrize("page", AOAI_PAGES)
def test_gaps_are_on_every_azure_openai_page(page: str) -> None:
    ids = {f.id for f in facts_on(page)} | {n.id for n in notes_on(page)}
    assert {"aoai-isolation", "aoai-stateful", "weak-blog-files", "weak-blog-review-store", "weak-foundry-models"} <= ids


# No stronger verdict crept in --------------------------------------------------------------


def test_no_item_says_nothing_is_stored_under_modified_abuse_monitoring() -> None:
    for item in [*tree().tree.facts, *tree().tree.notes]:
        assert not re.search(r"nothing is stored once|agrees that nothing is stored", item.text), item.id
