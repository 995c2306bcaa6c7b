"""Graph facts a page relies on, and the promise that published URLs never break."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from treesite import TreeError, build_site
from treesite.load import load
from treesite.permalinks import read_lock
from treesite.site import lock_site

from tests.helpers import FIXTURES, REPO

VALID = FIXTURES / "valid_tree.yaml"


def test_real_tree_shared_node_shows_only_facts_true_on_every_path() -> None:
    loaded = load(REPO / "decision_tree")
    graph = loaded.graph
    assert graph.path_count("aoai") > 1, "aoai is reached from work and from personal-azure"
    work_only = set(loaded.tree.node("work").facts)
    assert not work_only & set(graph.inherited_facts["aoai"])
    assert [s.question.id for s in graph.canonical["aoai"]] == ["account", "work"]


def test_real_tree_every_topic_within_three_clicks() -> None:
    loaded = load(REPO / "decision_tree")
    graph = loaded.graph
    facts = loaded.tree.facts_by_id
    reached: dict[str, int] = {}
    for node_id in graph.order:
        depth = len(graph.canonical[node_id])
        for fact_id in graph.effective_facts(node_id):
            topic = facts[fact_id].topic
            reached[topic] = min(reached.get(topic, 99), depth)
    assert set(reached) == {t.id for t in loaded.tree.topics}
    assert max(reached.values()) <= 3, reached


def _copy_fixture(tmp_path: Path) -> Path:
    """The valid fixture in a temp folder, sources alongside, lock included."""
    sources = tmp_path / "sources"
    shutil.copytree(REPO / "decision_tree" / "sources", sources)
    text = VALID.read_text(encoding="utf-8")
    tree = tmp_path / "tree.yaml"
    tree.write_text(text, encoding="utf-8")
    lock_site(build_site(tree))
    return tree


def test_lock_lists_every_page_of_the_real_site() -> None:
    build = build_site(REPO / "decision_tree")
    locked = {e.url for e in read_lock(REPO / "decision_tree" / "published.lock")}
    assert build.published_urls <= locked, "run `make lock`"
    assert not [w for w in build.warnings if "published.lock" in w.message]


STANDARD_NODE = (
    '  - id: aoai-standard\n    title: Azure OpenAI, Standard deployment\n    facts: [aoai-no-training]\n    reviewed: "2026-11-23"\n'
)
STANDARD_OPTION = "      - label: Standard\n        to: aoai-standard\n"
OTHER_OPTION = "      - label: Other\n        to: personal\n"

# change to the fixture → what the build must say (None: it must build)
RENAMES: list[tuple[str, dict[str, str], str | None]] = [
    (
        "renamed without redirect",
        {"id: aoai-standard": "id: aoai-regional", "to: aoai-standard": "to: aoai-regional"},
        "a/aoai-standard.html was published, but no node 'aoai-standard' produces it any more",
    ),
    (
        "renamed with redirect",
        {
            "id: aoai-standard": "id: aoai-regional",
            "to: aoai-standard": "to: aoai-regional",
            "nodes:\n": "redirects:\n  - {from: a/aoai-standard.html, to: aoai-regional}\nnodes:\n",
        },
        None,
    ),
    (
        "removed without retired entry",
        {
            STANDARD_OPTION: OTHER_OPTION,
            STANDARD_NODE: "",
        },
        "a/aoai-standard.html was published",
    ),
    (
        "removed with retired entry",
        {
            STANDARD_OPTION: OTHER_OPTION,
            STANDARD_NODE: "",
            "nodes:\n": "retired:\n  - url: a/aoai-standard.html\n    title: Azure OpenAI, Standard deployment\n"
            '    date: "2026-11-20"\n    reason: Merged into the Azure OpenAI page.\n    instead: aoai\nnodes:\n',
        },
        None,
    ),
]


@pytest.mark.parametrize(("case", "edits", "error"), RENAMES, ids=[r[0] for r in RENAMES])
def test_published_urls_survive_renames_and_removals(tmp_path: Path, case: str, edits: dict[str, str], error: str | None) -> None:
    tree = _copy_fixture(tmp_path)
    text = tree.read_text(encoding="utf-8")
    for old, new in edits.items():
        assert old in text, old
        text = text.replace(old, new, 1 if old == "nodes:\n" else -1)
    tree.write_text(text, encoding="utf-8")
    if error:
        with pytest.raises(TreeError) as caught:
            build_site(tree)
        assert error in str(caught.value)
        assert "tree.lock:" in str(caught.value)
        return
    build = build_site(tree)
    if "redirect" in case:
        assert build.redirects == {"a/aoai-standard.md": "a/aoai-regional.md"}
    else:
        retired = build.pages["a/aoai-standard.md"]
        assert "This answer was retired on 2026-11-20" in retired
        assert '<a href="../q/aoai.html">Azure OpenAI in Foundry</a>' in retired


def test_new_page_warns_until_locked(tmp_path: Path) -> None:
    tree = _copy_fixture(tmp_path)
    text = (
        tree.read_text(encoding="utf-8")
        .replace("  - id: aoai-standard\n", "  - id: aoai-standard-new\n")
        .replace("to: aoai-standard\n", "to: aoai-standard-new\n")
    )
    text = text.replace("nodes:\n", "redirects:\n  - {from: a/aoai-standard.html, to: aoai-standard-new}\nnodes:\n", 1)
    tree.write_text(text, encoding="utf-8")
    warnings = [str(w) for w in build_site(tree).warnings]
    assert any("a/aoai-standard-new.html is not in published.lock" in w for w in warnings)
    added = lock_site(build_site(tree))  # the fixture's entry names a/aoai-standard.html, which now redirects here
    assert added == ["a/aoai-standard-new.html"]
    assert build_site(tree).warnings == []
