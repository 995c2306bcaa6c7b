"""Cleaning rules are data: sources.yaml names them, treesite.cleaning runs them, each says what it did.

The two Learn pages' rules must turn the raw seeds into the cleaned copies in
the repository byte for byte, so an update cleaned by the same rules differs
from today's copy only where the publisher changed it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from treesite import TreeError
from treesite.cleaning import RULES, Step, clean, step_from_yaml
from treesite.load import load

from tests import sourceedit as edit
from tests.helpers import REPO

SOURCES = REPO / "decision_tree" / "sources.yaml"


def _steps(source_id: str) -> list[Step]:
    data = yaml.safe_load(SOURCES.read_text(encoding="utf-8"))
    source = next(s for s in data["sources"] if s["id"] == source_id)
    return [step_from_yaml(raw) for raw in source["cleaning"]]


@pytest.mark.parametrize(("source_id", "seed"), [("aoai-privacy", "001"), ("azure-copilot-faq", "000")])
def test_rules_reproduce_the_cleaned_copy_byte_for_byte(source_id: str, seed: str) -> None:
    cleaned = clean(edit.seed_text(seed), _steps(source_id))
    assert cleaned.text == (REPO / "decision_tree" / "sources" / f"{source_id}.md").read_text(encoding="utf-8")
    assert all(outcome.applied for outcome in cleaned.outcomes), [o.says for o in cleaned.outcomes if not o.applied]
    assert cleaned.leftovers == []


def test_every_rule_says_how_often_it_applied() -> None:
    outcomes = clean(edit.seed_text("001"), _steps("aoai-privacy")).outcomes
    summary = {o.rule: o.summary for o in outcomes}
    assert summary["close-table-rows"] == "applied 1 time"
    assert summary["learn-alerts-to-blockquotes"] == "applied 4 times"


def test_a_rule_that_no_longer_fits_says_so_and_the_markup_left_is_named() -> None:
    raw = edit.reword(edit.seed_text("001"), 'source="media\\flow.jpg"', 'source="media\\flow-2025.png"')
    raw = edit.reword(
        raw, "| 17 December 2024 | Added information about data processing and storage", "| 17 December 2024 | Added information"
    )
    raw = edit.reword(
        raw, 'removed "preview" designation for Batch processing \n', 'removed "preview" designation for Batch processing |\n'
    )
    cleaned = clean(raw, _steps("aoai-privacy"))
    not_applied = [o for o in cleaned.outcomes if not o.applied]
    assert [o.rule for o in not_applied] == ["learn-image-to-alt-text", "close-table-rows"]
    assert "flow.jpg" in not_applied[0].says and not_applied[0].summary == "did not apply"
    assert len(cleaned.leftovers) == 1 and "Learn image directive" in cleaned.leftovers[0] and "flow-2025.png" in cleaned.leftovers[0]


def test_front_matter_keys_the_rule_does_not_list_are_named() -> None:
    raw = edit.set_front_matter(edit.set_front_matter(edit.seed_text("001"), "ms.date", "10/30/2025"), "ms.subservice", "openai")
    cleaned = clean(raw, _steps("aoai-privacy"))
    strip = cleaned.outcomes[0]
    assert "keys not in this rule's list: ms.subservice" in strip.changes[0]
    assert cleaned.front_matter["ms.date"] == "10/30/2025"


def test_rules_are_reusable_on_another_learn_page() -> None:
    raw = edit.insert_after(edit.seed_text("000"), "Azure Copilot is generally available.", "> [!NOTE]\n> Preview features differ.")
    steps = [*_steps("azure-copilot-faq"), *(s for s in _steps("aoai-privacy") if s.rule == "learn-alerts-to-blockquotes")]
    cleaned = clean(raw, steps)
    assert "> **Note**\n>\n> Preview features differ." in cleaned.text
    assert cleaned.outcomes[-1].summary == "applied 1 time"


def test_manual_steps_are_recorded_as_done_by_hand() -> None:
    steps = _steps("savill-video")
    assert steps and all(s.manual for s in steps)
    outcomes = clean("# Title\n", steps).outcomes
    assert {o.summary for o in outcomes} == {"done by hand"}


def test_unknown_rule_or_parameter_fails_the_check_with_its_line(tmp_path: Path) -> None:
    tree = shutil.copytree(REPO / "decision_tree", tmp_path / "tree")
    sources = tree / "sources.yaml"
    text = sources.read_text(encoding="utf-8")
    text = text.replace("      - rule: drop-mailto\n", "      - rule: drop-mailtos\n", 1)
    text = text.replace(
        "        base: https://learn.microsoft.com/azure/copilot/\n", "        bass: https://learn.microsoft.com/azure/copilot/\n", 1
    )
    sources.write_text(text, encoding="utf-8")
    with pytest.raises(TreeError) as caught:
        load(tree)
    message = str(caught.value)
    assert "'drop-mailtos' is not a cleaning rule" in message
    assert "rule 'absolutise-links' needs the parameter base" in message and "takes no parameter bass" in message
    line = text.splitlines().index("      - rule: drop-mailtos") + 1
    assert f"sources.yaml:{line}" in message


def test_every_rule_has_a_description() -> None:
    assert all(rule.does for rule in RULES.values())
