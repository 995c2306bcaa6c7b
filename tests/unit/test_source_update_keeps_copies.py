"""source-update keeps every cited copy verbatim, records it, and installs the new copy cleaned by the rules."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from treesite.load import load
from treesite.sourceupdate import UpdateRefused

from tests import sourceedit as edit
from tests.helpers import REPO

CURRENT = REPO / "decision_tree" / "sources" / "aoai-privacy.md"


def _source(tree: Path, source_id: str) -> dict:
    data = yaml.safe_load((tree / "sources.yaml").read_text(encoding="utf-8"))
    return next(s for s in data["sources"] if s["id"] == source_id)


def test_current_copy_is_kept_byte_for_byte_and_recorded(tmp_path: Path) -> None:
    tree = edit.tree_copy(tmp_path)
    old_note = _source(tree, "aoai-privacy")["date_note"]
    result = edit.run_source_update(tree, "aoai-privacy", edit.quiet_copy(), "2025-10-30", today="2026-12-06")
    kept = tree / "sources" / "aoai-privacy" / "2026-11-23.md"
    assert kept.read_bytes() == CURRENT.read_bytes()
    assert result.kept_file == "sources/aoai-privacy/2026-11-23.md"
    source = _source(tree, "aoai-privacy")
    assert (source["date"], source["adopted"]) == ("2025-10-30", "2026-12-06")
    assert (
        source["date_note"]
        == "Dated 2025-10-30 by the editor when this copy was adopted on 2026-12-06; ms.date 2025-10-30 in its front matter."
    )
    [copy] = source["copies"]
    assert copy == {
        "key": "2026-11-23",
        "file": "sources/aoai-privacy/2026-11-23.md",
        "date": "2024-12-17",
        "date_note": old_note,
        "adopted": "2026-11-23",
        "superseded": "2026-12-06",
        "cleaning": source["cleaning"],
    }


def test_new_copy_is_the_download_cleaned_by_the_rules(tmp_path: Path) -> None:
    tree = edit.tree_copy(tmp_path)
    edit.run_source_update(tree, "aoai-privacy", edit.quiet_copy(), "2025-10-30")
    installed = (tree / "sources" / "aoai-privacy.md").read_text(encoding="utf-8")
    expected = edit.insert_after(
        CURRENT.read_text(encoding="utf-8"), "This article provides details", "A new paragraph.", "Another new paragraph."
    )
    assert installed == expected


def test_tree_loads_the_kept_copy_and_its_key(tmp_path: Path) -> None:
    tree = edit.tree_copy(tmp_path)
    edit.run_source_update(tree, "aoai-privacy", edit.quiet_copy(), "2025-10-30")
    source = load(tree).tree.sources_by_id["aoai-privacy"]
    assert source.key == "2026-12-06"
    [copy] = source.copies
    assert copy.text is not None and copy.text.blocks[2].plain.startswith("Important Your prompts")
    assert [step.says for step in copy.cleaning] == [step.says for step in source.cleaning]


def test_second_update_on_the_same_day_gets_key_dash_2_and_never_overwrites(tmp_path: Path) -> None:
    tree = edit.tree_copy(tmp_path)
    edit.run_source_update(tree, "aoai-privacy", edit.quiet_copy(), "2025-10-30", today="2026-12-06")
    first = (tree / "sources" / "aoai-privacy.md").read_bytes()
    again = edit.insert_after(edit.quiet_copy(), "Another new paragraph.", "A third new paragraph.")
    result = edit.run_source_update(tree, "aoai-privacy", again, "2025-10-31", today="2026-12-06")
    assert result.old_key == "2026-12-06" and result.new_key == "2026-12-06-2"
    assert (tree / "sources" / "aoai-privacy" / "2026-12-06.md").read_bytes() == first
    source = load(tree).tree.sources_by_id["aoai-privacy"]
    assert [c.key for c in source.copies] == ["2026-11-23", "2026-12-06"]
    assert source.key == "2026-12-06-2"
    assert [c.superseded for c in source.copies] == ["2026-12-06", "2026-12-06"]


def test_identical_copy_changes_nothing(tmp_path: Path) -> None:
    tree = edit.tree_copy(tmp_path)
    before = (tree / "sources.yaml").read_bytes()
    result = edit.run_source_update(tree, "aoai-privacy", edit.seed_text("001"), "2024-12-17")
    assert result.unchanged and "nothing was changed" in result.report
    assert (tree / "sources.yaml").read_bytes() == before
    assert not (tree / "sources" / "aoai-privacy").exists()


def test_unknown_source_is_refused(tmp_path: Path) -> None:
    tree = edit.tree_copy(tmp_path)
    with pytest.raises(UpdateRefused, match="no source 'aoai'"):
        edit.run_source_update(tree, "aoai", edit.quiet_copy(), "2025-10-30")


def test_bad_date_or_missing_file_is_refused_before_anything_is_read(tmp_path: Path) -> None:
    from treesite.sourceupdate import run

    tree = edit.tree_copy(tmp_path)
    with pytest.raises(UpdateRefused, match="DATE must be a real date written YYYY-MM-DD, not '2025-13-01'"):
        edit.run_source_update(tree, "aoai-privacy", edit.quiet_copy(), "2025-13-01")
    with pytest.raises(UpdateRefused, match="is not a file"):
        run(tree, "aoai-privacy", tmp_path / "missing.md", "2025-10-30", "2026-12-06", False, None)


def test_two_updates_on_one_day_publish_both_kept_copies_each_linked_to_the_copy_that_followed_it(tmp_path: Path) -> None:
    """The second update of a day keeps the first day's copy as 2026-12-06; its what-changed page leads to the current copy."""
    from treesite import build_site

    tree = edit.tree_copy(tmp_path)
    edit.run_source_update(tree, "aoai-privacy", edit.quiet_copy(), "2025-10-30", today="2026-12-06")
    again = edit.insert_after(edit.quiet_copy(), "Another new paragraph.", "A third new paragraph.")
    edit.run_source_update(tree, "aoai-privacy", again, "2025-10-31", today="2026-12-06")
    pages = build_site(tree).pages
    for key in ("2026-11-23", "2026-12-06"):
        assert f"s/aoai-privacy/{key}.md" in pages and f"s/aoai-privacy/changes/{key}.md" in pages
    first, second = pages["s/aoai-privacy/changes/2026-11-23.md"], pages["s/aoai-privacy/changes/2026-12-06.md"]
    assert 'href="../2026-12-06.html"' in first, "the first update's page leads to the copy that followed it, now kept"
    assert 'href="../../aoai-privacy.html"' in second, "the second update's page leads to the current copy"
    assert "A third new paragraph." in second and "A third new paragraph." not in first
