"""The update report says what a new copy does to every quote, once per quote, with the items and pages citing it.

The scenario is the issue's closing note: the Azure OpenAI page with two
paragraphs inserted near the top, the training bullet reworded (it gains
"without your permission or instruction"), the stateless paragraph removed and
"Azure OpenAI" renamed in its Important box. The update runs in a copy of the
tree; the repository is never touched.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from treesite.sourceupdate import UpdateRefused, UpdateResult, counts_of, plan_update

from tests import sourceedit as edit

SERVICE_QUOTE = "The Azure OpenAI Service is operated by Microsoft as an Azure service"


@pytest.fixture(scope="module")
def scenario(tmp_path_factory: pytest.TempPathFactory) -> UpdateResult:
    tree = edit.tree_copy(tmp_path_factory.mktemp("scenario"))
    return edit.run_source_update(tree, "aoai-privacy", edit.closing_note_copy(), "2025-10-30")


def test_closing_note_counts(scenario: UpdateResult) -> None:
    counts = counts_of(scenario)
    assert counts == {
        "gone": 2,
        "reworded": 2,
        "paragraph-changed": 8,
        "moved": 0,
        "unchanged": 103,
        "reworded-meaning": 1,
        "reworded-rename": 1,
        "reworded-wording": 0,
        "quotes": 115,
        "citations": 170,
        "items to review": 19,
        "sentences naming the old copy": 0,
    }
    assert "| Gone | 2 | 2 |" in scenario.report and "| Reworded | 2 | 12 |" in scenario.report


def test_each_quote_appears_once_whole_with_every_item_citing_it(scenario: UpdateResult) -> None:
    report = scenario.report
    bullet = f'- Old words: "{edit.TRAINING_BULLET}"'
    assert report.count(bullet) == 1, "the reworded quote is shown once, not once per citation"
    section = report.split(bullet, 1)[1].split("####", 1)[0]
    for item in ("fact `work-no-training`", "note `weak-accounts-work`", "row `aoai glance training`"):
        assert item in section
    assert "row `aoai glance training` (" in section and "shown on q/aoai.html" in section
    long_quote = (
        "Microsoft hosts the OpenAI models in Microsoft's Azure environment and the Service does NOT interact with any services "
        "operated by OpenAI (e.g. ChatGPT, or the OpenAI API)."
    )
    assert f'"{long_quote}"' in report, "quotes are never cut"


def test_reworded_quote_shows_old_and_new_words_and_their_difference(scenario: UpdateResult) -> None:
    report = scenario.report
    assert f'- New words: "{edit.TRAINING_BULLET_NEW}"' in report
    assert (
        "~~train, retrain, or improve Azure OpenAI Service foundation models.~~ "
        "**train any generative AI foundation models without your permission or instruction.**"
    ) in report
    assert "#### 3. Reworded: condition changed" in report
    assert "- New paragraph (#w-important-your-prompts-inputs-and-" in report


def test_rename_is_kept_apart_from_changes_of_meaning(scenario: UpdateResult) -> None:
    renamed = next(q for q in scenario.quotes if q.written == SERVICE_QUOTE)
    assert renamed.change.verdict == "reworded" and renamed.change.kind_of_rewording == "rename"
    assert renamed.change.new_words == "The Azure Direct Models Service is operated by Microsoft as an Azure service"
    training = next(q for q in scenario.quotes if q.written == edit.TRAINING_BULLET)
    assert training.change.flags == ("condition",)
    assert scenario.quotes.index(training) < scenario.quotes.index(renamed), "a change of meaning is listed first"


def test_gone_quote_names_the_nearest_new_paragraph(scenario: UpdateResult) -> None:
    gone = [q for q in scenario.quotes if q.change.verdict == "gone"]
    assert {q.change.old.plain.split(":")[0] for q in gone} == {edit.STATELESS}
    assert all(q.change.nearest is not None for q in gone)
    assert "- Nearest new paragraph (#w-" in scenario.report


def test_verbatim_quote_in_a_changed_paragraph_is_listed(scenario: UpdateResult) -> None:
    verbatim = [q.written for q in scenario.quotes if q.change.verdict == "paragraph-changed"]
    assert "are NOT available to OpenAI." in verbatim
    assert "are NOT used to improve any Microsoft or third party products or services without your permission or instruction." in verbatim
    report = scenario.report
    assert report.count("### Paragraph 3 of the replaced copy") == 1, "the paragraph's difference is shown once for all its quotes"


def test_report_is_written_outside_docs_and_printed_form_matches(scenario: UpdateResult) -> None:
    assert scenario.report_path.is_file()
    assert "docs" not in scenario.report_path.parts
    assert scenario.report_path.read_text(encoding="utf-8") == scenario.report


def test_report_lists_our_sentences_that_name_the_copy_and_those_that_follow_the_record(scenario: UpdateResult) -> None:
    report = scenario.report
    assert "12 sentence(s) take the copy's date from the record ({aoai-privacy.date}): they now say 30 October 2025" in report
    history = next(s for s in scenario.sentences if s.item == "aoai-history-features")
    assert not history.gated and history.names == ["17 December 2024"], "the new copy's change log still shows that date"
    assert "fact `aoai-history-features`" in report and "which the new copy still shows" in report


def test_sentence_naming_a_date_the_new_copy_dropped_is_marked_for_review(tmp_path: Path) -> None:
    tree = edit.tree_copy(tmp_path)
    text = edit.reword(edit.closing_note_copy(), "| 17 December 2024 |", "| 20 October 2025 |")
    result = edit.run_source_update(tree, "aoai-privacy", text, "2025-10-30")
    assert "aoai-history-features" in result.review
    assert any("our sentence names the old copy (17 December 2024)" in line for line in result.review["aoai-history-features"])


def test_a_report_path_in_docs_is_refused(tmp_path: Path) -> None:
    from treesite.sourceupdate import apply_update

    tree = edit.tree_copy(tmp_path)
    download = tmp_path / "new.md"
    download.write_text(edit.quiet_copy(), encoding="utf-8")
    plan = plan_update(tree, "aoai-privacy", download, "2025-10-30", "2026-12-06")
    with pytest.raises(UpdateRefused, match="docs/"):
        apply_update(tree, plan, tmp_path / "docs" / "report.md")
    assert not (tree / "sources" / "aoai-privacy").exists(), "nothing was written"


def test_split_merged_and_reordered_paragraphs(tmp_path: Path) -> None:
    tree = edit.tree_copy(tmp_path)
    text = edit.seed_text("001")
    text = edit.split_paragraph(text, "See below for information about location of processing")  # split
    text = edit.merge_with_next(text, "Safety evaluations of fine-tuned models evaluate")  # merged with the abuse monitoring one
    text = edit.move_after(text, "As depicted in the diagram above", "This article provides details")  # reordered
    result = edit.run_source_update(tree, "aoai-privacy", text, "2025-10-30")
    verdict = {q.written: q.change.verdict for q in result.quotes}
    assert verdict["See below for information about location of processing when using a Global deployment type."] == "paragraph-changed"
    assert verdict["Only the resulting assessment (deployable or not deployable) is logged by the service."] == "paragraph-changed"
    moved = [q for q in result.quotes if q.change.verdict == "moved"]
    assert [q.written for q in moved] == ["managed customers may apply to modify abuse monitoring"]
    assert result.change_entry, "no quoted word changed"


def test_changed_front_matter_and_learn_markup_are_reported(tmp_path: Path) -> None:
    tree = edit.tree_copy(tmp_path)
    text = edit.set_front_matter(edit.closing_note_copy(), "ms.subservice", "openai")
    text = edit.reword(text, 'source="media\\flow.jpg"', 'source="media\\data-flow-2025.png"')
    result = edit.run_source_update(tree, "aoai-privacy", text, "2025-10-30")
    report = result.report
    assert "keys not in this rule's list: ms.subservice" in report
    assert "`learn-image-to-alt-text`: **did not apply**. Replaced the Learn image directive for media\\flow.jpg" in report
    assert "**Markup no rule removed**" in report and "data-flow-2025.png" in report
