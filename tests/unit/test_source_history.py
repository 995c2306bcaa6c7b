"""Where an old paragraph link lands after one or more updates (sourcecopies.SourceHistory), on small texts.

Why separate from the page tests: the tracing rule is the promise "links keep
their words", and a chain of updates is where it could quietly break (a link of
the first copy must still find its words two updates later, or the notice must
say the update in which they changed).
"""

from __future__ import annotations

import itertools
from pathlib import Path
from types import SimpleNamespace

from treesite.align import align
from treesite.sourcecopies import Copy, SourceHistory, update_changes
from treesite.sourcetext import parse_source


def copy(key: str, superseded: str | None, *paragraphs: str) -> Copy:
    return Copy(key, parse_source("\n\n".join(paragraphs) + "\n", Path(f"{key}.md")), key, superseded, None, None)


def history(*copies: Copy) -> SourceHistory:
    fates = [align(old.text, new.text) for old, new in itertools.pairwise(copies)]
    return SourceHistory(SimpleNamespace(id="src"), list(copies), fates)  # type: ignore[arg-type]


FIRST = copy(
    "2026-01-01", "2026-02-01", "Alpha words stay the same.", "Beta is said one way here.", "Gamma goes away later on.", "Delta stays."
)
SECOND = copy(
    "2026-02-01",
    "2026-03-01",
    "A new first paragraph.",
    "Alpha words stay the same.",
    "Beta is said one way here.",
    "Gamma goes away later on.",
    "Delta stays.",
)
THIRD = copy("2026-03-01", None, "A new first paragraph.", "Delta stays.", "Alpha words stay the same.", "Beta is said another way here.")


def landings(h: SourceHistory) -> dict[str, object]:
    return {landing.anchor: landing for landing in h.landings()}


def test_a_paragraph_number_of_the_first_copy_finds_its_words_two_updates_later_wherever_they_moved() -> None:
    found = landings(history(FIRST, SECOND, THIRD))
    alpha = found["p-1"]
    assert alpha.block is not None and alpha.block.plain == "Alpha words stay the same."
    assert found["p-4"].block.plain == "Delta stays."  # moved above Alpha in the third copy


def test_the_current_copy_needs_no_extra_anchor_for_words_it_still_has() -> None:
    """A w-… anchor of an earlier copy equal to a current paragraph's id is that paragraph itself."""
    found = landings(history(FIRST, SECOND, THIRD))
    alpha = FIRST.text.blocks[0]
    assert alpha.word_anchor not in found
    assert alpha.word_anchor in {b.word_anchor for b in THIRD.text.blocks}


def test_words_changed_in_the_second_update_land_on_a_notice_dated_by_that_update() -> None:
    found = landings(history(FIRST, SECOND, THIRD))
    beta, gamma = found["p-2"], found["p-3"]
    assert beta.block is None and beta.reworded and beta.changed_on == "2026-03-01"
    assert beta.kept is SECOND and beta.kept_block.plain == "Beta is said one way here."  # the last copy with its words
    assert beta.successor.plain == "Beta is said another way here."
    assert gamma.block is None and not gamma.reworded and gamma.changed_on == "2026-03-01"
    assert gamma.successor is not None and gamma.successor in THIRD.text.blocks


def test_word_anchors_of_every_earlier_copy_are_placed() -> None:
    """Each w-… of copy one and two lands on its words or a notice; none is lost."""
    h = history(FIRST, SECOND, THIRD)
    placed = {landing.anchor for landing in h.landings()} | {b.word_anchor for b in THIRD.text.blocks}
    for earlier in (FIRST, SECOND):
        assert {b.word_anchor for b in earlier.text.blocks} <= placed


def test_only_the_oldest_copy_publishes_paragraph_numbers() -> None:
    """p-N was the link before word anchors; later copies were never linked by number."""
    found = landings(history(FIRST, SECOND, THIRD))
    assert {a for a in found if a.startswith("p-")} == {f"p-{n}" for n in range(1, len(FIRST.text.blocks) + 1)}


def test_update_changes_name_the_one_paragraph_moved_not_those_it_jumped_over() -> None:
    changes = update_changes(SECOND, THIRD, align(SECOND.text, THIRD.text))
    assert [new.plain for _, new in changes.moved] == ["Delta stays."]
    assert [r.new.plain for r in changes.reworded] == ["Beta is said another way here."]
    assert [old.plain for old, _ in changes.removed] == ["Gamma goes away later on."]
    assert changes.added == []


def test_without_kept_copies_paragraph_numbers_land_on_their_own_paragraphs() -> None:
    found = landings(history(THIRD))
    assert all(found[f"p-{b.number}"].block == b for b in THIRD.text.blocks)
