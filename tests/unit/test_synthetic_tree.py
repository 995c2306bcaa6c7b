"""The benchmarks' synthetic tree is one the build accepts.

Why: `make bench` times builds of generated trees of 100 to 5,000 nodes. When the
schema grew (card rows must quote their evidence), the generator went on writing
the old shape and the benchmark failed only when someone ran it. This keeps the
generator in step with the rules, as the tree editors are.
"""

from __future__ import annotations

import sys
from pathlib import Path

from treesite.load import load

from tests.helpers import REPO

sys.path.insert(0, str(REPO / "bench"))
import synthetic


def test_generated_tree_loads_with_no_problem(tmp_path: Path) -> None:
    made = synthetic.generate(tmp_path / "tree", 40)
    loaded = load(tmp_path / "tree")
    answers = [n for n in loaded.tree.nodes if not n.is_question]
    assert len(loaded.tree.nodes) == 40 and answers, made
    for node in answers:
        rows = loaded.graph.glance_rows(node.id)
        assert all(row.cites for row in rows.values()), f"{node.id}: a card row without its quote"
