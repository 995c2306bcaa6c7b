"""align() says what became of each paragraph of an old copy, and word_diff() which words changed.

Newer copies are made by editing the real cleaned Azure OpenAI privacy page
with tests/sourceedit.py, so the paragraphs are the ones the site cites.
"""

from __future__ import annotations

from pathlib import Path

from treesite.align import align, word_diff
from treesite.sourcetext import SourceText, parse_source, word_anchor_for

from tests import sourceedit as edit

OLD_TEXT = edit.cleaned_source("aoai-privacy")
OLD = parse_source(OLD_TEXT, Path("old.md"))
ENCRYPTION = "Is stored at rest in the Azure OpenAI resource"
STATELESS = "The models are stateless"
GEOGRAPHY = "Prompts and responses are processed within the customer-specified"


def _new(text: str) -> SourceText:
    return parse_source(text, Path("new.md"))


def _fate_of(fates: list, words: str):
    return next(f for f in fates if words in f.old.plain)


def test_inserted_paragraphs_leave_every_old_paragraph_the_same_and_unmoved() -> None:
    new = _new(edit.insert_after(OLD_TEXT, "This article provides details", "A new first paragraph.", "A new second paragraph."))
    fates = align(OLD, new)
    assert [f.kind for f in fates] == ["same"] * len(OLD.blocks)
    assert not any(f.moved for f in fates)
    assert [f.new.plain for f in fates] == [b.plain for b in OLD.blocks]
    assert len(new.blocks) == len(OLD.blocks) + 2


def test_removed_paragraph_is_gone_and_points_at_the_paragraph_now_in_its_place() -> None:
    new = _new(edit.remove_paragraph(OLD_TEXT, STATELESS))
    fates = align(OLD, new)
    gone = _fate_of(fates, STATELESS)
    assert (gone.kind, gone.new, gone.ratio) == ("gone", None, 0.0)
    assert gone.nearest is not None and gone.nearest.plain.startswith("Understanding location of processing")
    assert sum(f.kind == "same" for f in fates) == len(OLD.blocks) - 1


def test_split_paragraph_is_reworded_into_its_larger_half() -> None:
    new = _new(edit.split_paragraph(OLD_TEXT, "See below for information about location of processing"))
    fates = align(OLD, new)
    geography = _fate_of(fates, GEOGRAPHY)
    assert geography.kind == "reworded" and geography.ratio >= 0.6
    assert geography.new.plain.startswith(GEOGRAPHY) and geography.new.plain in geography.old.plain
    assert [f.kind for f in fates].count("same") == len(OLD.blocks) - 1


def test_merged_paragraphs_send_the_second_to_the_merged_one() -> None:
    new = _new(edit.merge_with_next(OLD_TEXT, GEOGRAPHY))
    fates = align(OLD, new)
    first, second = _fate_of(fates, GEOGRAPHY), _fate_of(fates, STATELESS)
    assert first.kind == "reworded" and first.new.plain.startswith(GEOGRAPHY) and STATELESS in first.new.plain
    assert second.kind == "gone" and second.nearest is first.new, "a merged paragraph's reader is sent to where its words went"


def test_reordered_paragraph_is_the_same_and_marked_moved() -> None:
    new = _new(edit.move_after(OLD_TEXT, STATELESS, "Data, privacy, and security for Azure OpenAI Service"))
    fates = align(OLD, new)
    moved = [f for f in fates if f.moved]
    assert [f.old.plain[:25] for f in moved] == [_fate_of(fates, STATELESS).old.plain[:25]]
    assert all(f.kind == "same" for f in fates)
    assert new.blocks[1].word_anchor == _fate_of(fates, STATELESS).old.word_anchor, "its word anchor moved with it"


def test_reworded_sentence_is_reworded_with_its_word_difference() -> None:
    old = "are NOT used to train, retrain, or improve Azure OpenAI Service foundation models."
    new_words = "are NOT used to train any generative AI foundation models without your permission or instruction."
    new = _new(edit.reword(OLD_TEXT, old, new_words))
    fate = _fate_of(align(OLD, new), "are NOT used to train, retrain")
    assert fate.kind == "reworded" and 0.6 <= fate.ratio < 1
    diff = word_diff(fate.old.plain, fate.new.plain)
    assert ("-", "train, retrain, or improve Azure OpenAI Service foundation models.") in diff, "a stray kept 'or' is folded in"
    assert ("+", "train any generative AI foundation models without your permission or instruction.") in diff
    assert " ".join(t for op, t in diff if op != "+").split() == fate.old.plain.split()
    assert " ".join(t for op, t in diff if op != "-").split() == fate.new.plain.split()


def test_unrelated_new_paragraph_does_not_count_as_a_rewording() -> None:
    new = _new(edit.reword(OLD_TEXT, paragraph_of(STATELESS), "Completely different words about something else entirely here."))
    assert _fate_of(align(OLD, new), STATELESS).kind == "gone"


def paragraph_of(words: str) -> str:
    return edit.paragraph(OLD_TEXT, words)


def test_alignment_is_deterministic() -> None:
    text = edit.remove_paragraph(edit.merge_with_next(OLD_TEXT, GEOGRAPHY), "Change log")
    new = _new(text)
    assert align(OLD, new) == align(OLD, new)


def test_word_anchor_survives_moves_and_is_unique_within_a_copy() -> None:
    block = OLD.blocks[1]
    assert block.word_anchor == word_anchor_for(block.plain)
    assert block.word_anchor.startswith("w-this-article-provides-details-regarding-")
    repeated = _new("# Title\n\nSame words.\n\nOther.\n\nSame words.\n\nSame words.\n")
    anchors = [b.word_anchor for b in repeated.blocks]
    assert anchors[3] == anchors[1] + "-2" and anchors[4] == anchors[1] + "-3"
    assert len(set(anchors)) == len(anchors)
    assert len({b.word_anchor for b in OLD.blocks}) == len(OLD.blocks)


def test_word_anchor_is_ascii_and_short() -> None:
    anchor = word_anchor_for("Généré «très» longuement: supercalifragilisticexpialidocious-antidisestablishment words")
    slug = anchor[2:-7]
    assert slug == "genere-tres-longuement-supercalifragilis", slug
    assert word_anchor_for("---").startswith("w-") and "--" not in word_anchor_for("---")
