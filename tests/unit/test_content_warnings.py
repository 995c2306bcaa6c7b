"""Content warnings: not wrong enough to stop a normal build, but fatal under --strict."""

from __future__ import annotations

from pathlib import Path

from treesite import build_site

from tests.helpers import FIXTURES, mkdocs_build

VALID = FIXTURES / "valid_tree.yaml"


def _variant(tmp_path: Path, old: str, new: str) -> Path:
    text = VALID.read_text(encoding="utf-8")
    assert old in text
    tree = tmp_path / "tree.yaml"
    # Its sources are the repository's (the tree's folder has no sources/), as for the fixture itself.
    tree.write_text(text.replace(old, new, 1), encoding="utf-8")
    (tmp_path / "tree.lock").write_text(VALID.with_suffix(".lock").read_text(encoding="utf-8"), encoding="utf-8")
    return tree


def test_answer_reviewed_before_its_newest_source_warns(tmp_path: Path) -> None:
    tree = _variant(
        tmp_path,
        '    facts: [aoai-global-location]\n    keywords: [data zone, residency]\n    reviewed: "2026-11-23"',
        '    facts: [aoai-global-location]\n    keywords: [data zone, residency]\n    reviewed: "2024-01-31"',
    )
    warnings = [str(w) for w in build_site(tree).warnings]
    assert any("'aoai-global' was last reviewed 2024-01-31, before its source 'aoai-privacy' changed (2024-12-17)" in w for w in warnings)
    assert mkdocs_build(tmp_path / "strict", tree=tree, strict=True).returncode != 0
    assert mkdocs_build(tmp_path / "lenient", tree=tree, strict=False).returncode == 0


def test_unused_fact_warns(tmp_path: Path) -> None:
    tree = _variant(
        tmp_path,
        "facts:\n",
        "facts:\n  - id: spare\n    topic: training\n    text: Nobody shows this.\n    cites:\n"
        '      - source: aoai-privacy\n        quote: "are NOT available to OpenAI"\n',
    )
    assert any("fact 'spare' is not shown on any page" in str(w) for w in build_site(tree).warnings)


def test_valid_fixture_has_no_warnings() -> None:
    assert build_site(VALID).warnings == []


def test_unused_topic_warns(tmp_path: Path) -> None:
    tree = _variant(tmp_path, "topics:\n", "topics:\n  - id: spare-topic\n    title: Nothing is filed here\n")
    warnings = [w for w in build_site(tree).warnings if "spare-topic" in w.message]
    assert [str(w) for w in warnings] == [
        f"{tree}:7: topic 'spare-topic' has no facts or notes. Fix: give a fact or note topic: spare-topic, or delete it"
    ]
    assert mkdocs_build(tmp_path / "strict", tree=tree, strict=True).returncode != 0
