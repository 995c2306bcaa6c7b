"""After an update, every item whose quote or paragraph changed stops the build until an editor reviews it.

An editor records the review in the update's review list (reviews.yaml):

    - item: aoai-no-training
      changed: [...]             # written by source-update
      reviewed: "2026-12-07"     # the editor: checked against the new copy on this date

Re-copying the new words into the quote is not a review; a review dated before
the copy was adopted is not one either.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from treesite import TreeError, build_site
from treesite.load import load
from treesite.site import lock_site

from tests import sourceedit as edit
from tests.helpers import MKDOCS, REPO, mkdocs_env

TRAINING_ITEMS = {
    "fact 'work-no-training'",
    "fact 'personal-azure-same'",
    "fact 'aoai-no-training'",
    "note 'weak-accounts-work'",
    "row 'work glance training'",
    "row 'personal-azure glance training'",
    "row 'aoai glance training'",
}


def _reworded_tree(tmp_path: Path) -> Path:
    tree = edit.tree_copy(tmp_path)
    text = edit.reword(edit.seed_text("001"), edit.TRAINING_BULLET, edit.TRAINING_BULLET_NEW)
    edit.run_source_update(tree, "aoai-privacy", text, "2025-10-30", today="2026-12-06")
    return tree


def _recopy_quotes(tree: Path) -> None:
    for name in ("facts.yaml", "nodes.yaml"):
        path = tree / name
        path.write_text(path.read_text(encoding="utf-8").replace(edit.TRAINING_BULLET, edit.TRAINING_BULLET_NEW), encoding="utf-8")


def _review_all(tree: Path, date: str) -> None:
    path = tree / "reviews.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("reviewed: null", f'reviewed: "{date}"'), encoding="utf-8")


def _problems(tree: Path) -> list[str]:
    with pytest.raises(TreeError) as caught:
        load(tree)
    return [str(p) for p in caught.value.problems]


def test_check_lists_each_item_with_what_changed_and_its_pages(tmp_path: Path) -> None:
    problems = [p for p in _problems(_reworded_tree(tmp_path)) if "is not yet reviewed" in p]
    named = {re.search(r"(fact|note|row) '[^']+'", p).group(0) for p in problems}  # type: ignore[union-attr]
    assert named >= TRAINING_ITEMS
    training = next(p for p in problems if "fact 'aoai-no-training'" in p)
    assert "(on a/aoai-batch.html, a/aoai-datazone.html, a/aoai-global.html, a/aoai-standard.html, q/aoai.html)" in training
    assert f'now reads "{edit.TRAINING_BULLET_NEW}" (changes condition)' in training
    assert re.search(r"reviews\.yaml:\d+: ", training), "the problem points at the line to edit"


def test_recopied_quote_alone_never_passes(tmp_path: Path) -> None:
    tree = _reworded_tree(tmp_path)
    _recopy_quotes(tree)
    problems = _problems(tree)
    assert not any("is not in source" in p for p in problems), "the quotes are found again"
    assert {re.search(r"(fact|note|row) '[^']+'", p).group(0) for p in problems} >= TRAINING_ITEMS  # type: ignore[union-attr]


def test_review_dated_before_the_copy_was_adopted_does_not_count(tmp_path: Path) -> None:
    tree = _reworded_tree(tmp_path)
    _recopy_quotes(tree)
    _review_all(tree, "2026-12-05")
    problems = _problems(tree)
    assert problems and all("before copy 2026-12-06 of 'aoai-privacy' was adopted (2026-12-06)" in p for p in problems)


def test_recorded_reviews_pass_and_the_source_page_says_the_copy_was_checked(tmp_path: Path) -> None:
    tree = _reworded_tree(tmp_path)
    _recopy_quotes(tree)
    _review_all(tree, "2026-12-07")
    loaded = load(tree)
    assert loaded.tree.sources_by_id["aoai-privacy"].checked == "2026-12-06"
    changes = tree / "changes.yaml"
    changes.write_text(
        changes.read_text(encoding="utf-8")
        + '  - date: "2026-12-07"\n'
        + "    pages: [work, personal-azure, aoai, aoai-batch, aoai-datazone, aoai-global, aoai-standard, business-central, m365, studio,"
        + " azure-copilot]\n"
        + "    summary: The training answers quote the page's new wording, which adds without your permission or instruction.\n"
        + "    why: The Azure OpenAI privacy page of 30 October 2025 reworded its training bullet.\n"
        + '    source_update: {source: aoai-privacy, from: "2026-11-23", to: "2026-12-06"}\n',
        encoding="utf-8",
    )
    nodes = tree / "nodes.yaml"
    nodes.write_text(re.sub(r'content_date: "[^"]+"', 'content_date: "2026-12-07"', nodes.read_text(encoding="utf-8")), encoding="utf-8")
    lock_site(build_site(tree))
    build = build_site(tree)
    assert build.warnings == []
    page = build.pages["s/aoai-privacy.md"]
    assert "were checked against this copy: every quote was compared with it on" in page


def test_update_with_nothing_to_review_passes_the_gate_without_a_hand_edit(tmp_path: Path) -> None:
    tree = edit.tree_copy(tmp_path)
    result = edit.run_source_update(tree, "aoai-privacy", edit.quiet_copy(), "2025-10-30")
    assert result.review == {} and result.check_problems == []
    assert load(tree).tree.sources_by_id["aoai-privacy"].checked == "2026-12-06"


def test_node_reviewed_before_a_copy_adopted_by_hand_warns(tmp_path: Path) -> None:
    tree = edit.tree_copy(tmp_path)
    edit.replace_in_file(
        tree / "sources.yaml",
        'newest change-log entry."\n    adopted: "2026-11-23"',
        'newest change-log entry."\n    adopted: "2026-12-01"',
    )
    warnings = [str(w) for w in load(tree).warnings]
    assert any(
        "'aoai-global' was last reviewed 2026-11-28, before the copy of its source 'aoai-privacy' was adopted (2026-12-01)" in w
        for w in warnings
    )


@pytest.mark.parametrize("flags", [["-q"], ["-q", "--no-strict"]])
def test_pending_review_stops_mkdocs_build_at_any_log_level(tmp_path: Path, flags: list[str]) -> None:
    tree = _reworded_tree(tmp_path)
    _recopy_quotes(tree)
    cmd = [MKDOCS, "build", *flags, "--site-dir", str(tmp_path / "site")]
    result = subprocess.run(cmd, cwd=REPO, env=mkdocs_env(tree), capture_output=True, text=True, timeout=300)
    assert result.returncode != 0
    assert "row 'aoai glance training' (on q/aoai.html) is not yet reviewed against copy 2026-12-06" in result.stderr + result.stdout
    assert not (tmp_path / "site" / "index.html").exists()
