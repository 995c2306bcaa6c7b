"""A source cleaned by hand (manual: steps) is never guessed at: source-update asks for a file cleaned by hand."""

from __future__ import annotations

from pathlib import Path

import pytest
from treesite.load import load
from treesite.sourceupdate import UpdateRefused

from tests import sourceedit as edit


def test_update_of_a_hand_cleaned_source_is_refused_and_says_what_to_do(tmp_path: Path) -> None:
    tree = edit.tree_copy(tmp_path)
    before = {p: p.read_bytes() for p in tree.rglob("*") if p.is_file()}
    with pytest.raises(UpdateRefused) as caught:
        edit.run_source_update(tree, "savill-video", "# A raw transcript\n\nwords\n", "2026-01-01")
    message = str(caught.value)
    assert "has 6 cleaning step(s) done by hand" in message
    assert "Joined the automatic transcript's broken lines into sentences" in message
    assert "make source-update SOURCE=savill-video FILE=<your cleaned copy> DATE=2026-01-01 CLEANED=1" in message
    assert {p: p.read_bytes() for p in tree.rglob("*") if p.is_file()} == before, "nothing was written"


def test_a_file_cleaned_by_hand_is_taken_as_it_is(tmp_path: Path) -> None:
    tree = edit.tree_copy(tmp_path)
    cleaned = edit.insert_after(
        edit.cleaned_source("bc-aoai-data"), "Azure OpenAI Service and Business Central data", "A new opening paragraph."
    )
    result = edit.run_source_update(tree, "bc-aoai-data", cleaned, "2025-05-01", cleaned=True)
    assert (tree / "sources" / "bc-aoai-data.md").read_text(encoding="utf-8") == cleaned
    assert "FILE was given as cleaned by hand (CLEANED=1): no rule was run" in result.report
    assert "Rebuilt the flattened table as a Markdown table" in result.report, "the steps to check are listed"
    assert result.change_entry and result.review == {}
    assert load(tree).tree.sources_by_id["bc-aoai-data"].copies[0].key == "2026-11-23"


def test_markup_left_in_a_file_cleaned_by_hand_is_named(tmp_path: Path) -> None:
    tree = edit.tree_copy(tmp_path)
    cleaned = edit.insert_after(edit.cleaned_source("bc-aoai-data"), "Azure OpenAI Service and Business Central data", "> [!NOTE]\n> New.")
    result = edit.run_source_update(tree, "bc-aoai-data", cleaned, "2025-05-01", cleaned=True)
    assert "**Markup no rule removed**" in result.report and "Learn alert" in result.report
