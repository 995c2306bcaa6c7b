"""Our sentences about a copy take its date from the source's record ({aoai-privacy.date}), so an update keeps them true."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from treesite import TreeError, build_site
from treesite.copyfields import fill, long_date
from treesite.load import load

from tests import sourceedit as edit


def test_placeholder_shows_the_current_copy_date_as_prose() -> None:
    fields = {"aoai-privacy": {"date": "2024-12-17", "adopted": "2026-11-23"}}
    assert fill("its change log runs to {aoai-privacy.date}.", fields) == "its change log runs to 17 December 2024."
    assert fill("taken in on {aoai-privacy.adopted}", fields) == "taken in on 23 November 2026"
    assert long_date("2025-10-01") == "1 October 2025"


def test_real_pages_show_the_date_and_no_placeholder() -> None:
    pages = build_site(Path(edit.REPO / "decision_tree")).pages
    assert not any("{aoai-privacy." in text or "{bc-aoai-data." in text for text in pages.values())
    assert "its change log runs to 17 December 2024" in pages["a/aoai-global.md"]


def test_unknown_placeholder_fails_the_check_at_its_line(tmp_path: Path) -> None:
    tree = edit.tree_copy(tmp_path)
    facts = tree / "facts.yaml"
    text = facts.read_text(encoding="utf-8")
    assert text.count("{aoai-privacy.date}") > 1
    facts.write_text(text.replace("{aoai-privacy.date}", "{aoai-privcy.date}", 1), encoding="utf-8")
    with pytest.raises(TreeError) as caught:
        load(tree)
    line = text[: text.rindex("    text:", 0, text.index("{aoai-privacy.date}"))].count("\n") + 1  # the sentence's text: key
    assert f"facts.yaml:{line}: {{aoai-privcy.date}} names no source with that date" in str(caught.value)


def test_kept_copy_record_keeps_the_old_date_note_words(tmp_path: Path) -> None:
    tree = edit.tree_copy(tmp_path)
    sources = tree / "sources.yaml"
    edit.replace_in_file(
        sources, "runs from 23 June 2023 to 17 December 2024, so we date it", "runs from 23 June 2023 to {aoai-privacy.date}, so we date it"
    )
    edit.run_source_update(tree, "aoai-privacy", edit.quiet_copy(), "2025-10-30")
    data = yaml.safe_load(sources.read_text(encoding="utf-8"))
    copy = next(s for s in data["sources"] if s["id"] == "aoai-privacy")["copies"][0]
    assert "runs from 23 June 2023 to 17 December 2024, so we date it" in copy["date_note"], "frozen with the old copy's date"
