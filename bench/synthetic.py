"""Generate a valid decision tree of any size, for the build-time benchmarks.

Why: the real tree has about twenty pages, too few to show how build time
grows. This writes a tree in the schema of decision_tree/schema.json that the
hook accepts with no warning: a breadth-first question tree (every question
has ``branching`` options), whose leaves are answers with an At-a-glance card and two
facts; every fact cites a verbatim quote from one generated source document,
every node has a reviewed date, no fact or note is left unused, and one change
entry records every page as first published.

The published.lock the build expects next to a tree is not written here:
``bench/run.py`` creates it with ``python -m treesite lock``, the editor's own
command, so the benchmark also exercises that path.

    python bench/synthetic.py 1000 /tmp/tree-1000
"""

from __future__ import annotations

import argparse
from collections import deque
from dataclasses import dataclass
from pathlib import Path

import yaml

SOURCE_ID = "synthetic-doc"
SOURCE_FILE = "sources/synthetic-doc.md"
PARAGRAPHS = 40
TOPICS = [
    ("training", "Training on your prompts and data"),
    ("storage", "Where data is stored and how it is encrypted"),
    ("retention", "How long it is kept"),
]
GLANCE = [
    {"id": "training", "label": "Training", "question": "Are prompts used to train models?", "words": ["train", "training"]},
    {"id": "processing", "label": "Where", "question": "Where are prompts processed?", "words": ["where", "processed", "region"]},
    {"id": "access", "label": "Who", "question": "Who can read prompts?", "words": ["who can read", "human review"]},
    {"id": "retention", "label": "How long", "question": "How long are prompts kept?", "words": ["how long", "retention", "kept"]},
]
SOURCE_DATE = "2025-01-15"
REVIEWED = "2026-01-15"  # after SOURCE_DATE, or every page warns that it needs a review


@dataclass(frozen=True)
class SyntheticTree:
    """What was written, for the benchmark table."""

    path: Path
    nodes: int
    questions: int
    answers: int
    facts: int

    @property
    def pages(self) -> int:
        """Pages the hook generates: one per node, the source, the sources index and the map."""
        return self.nodes + 3


def paragraph(number: int) -> str:
    """One paragraph of the source document; quotes are cut from these sentences."""
    return (
        f"Statement {number} of the synthetic policy: customer prompts in service area {number} are processed "
        f"in the customer's geography and are not used to train foundation models. Logs for area {number} "
        f"are kept for {number % 30 + 1} days and are encrypted at rest with keys managed by the provider."
    )


def quote(number: int, part: int) -> str:
    """A verbatim slice of paragraph ``number``; two different slices per paragraph."""
    if part == 0:
        return f"customer prompts in service area {number} are processed in the customer's geography"
    return f"Logs for area {number} are kept for {number % 30 + 1} days"


def source_markdown() -> str:
    blocks = ["# Synthetic data-handling policy", *(paragraph(i) for i in range(1, PARAGRAPHS + 1))]
    return "\n\n".join(blocks) + "\n"


def shape(nodes: int, branching: int) -> dict[str, list[str]]:
    """Children of each question, breadth first: ``nodes`` nodes in all, the rest are leaves."""
    if nodes < branching + 1:
        raise ValueError(f"a tree with branching {branching} needs at least {branching + 1} nodes")
    children: dict[str, list[str]] = {"n0": []}
    queue = deque(["n0"])
    count = 1
    while count < nodes:
        parent = queue.popleft()
        # Never give a question a single option (the hook rejects that): take all or none.
        if nodes - count < branching:
            break
        for _ in range(branching):
            child = f"n{count}"
            count += 1
            children[parent].append(child)
            children[child] = []
            queue.append(child)
    # Use up any remainder by adding it to the last questions that already have options.
    questions = [n for n, kids in children.items() if kids]
    i = 0
    while count < nodes:
        child = f"n{count}"
        count += 1
        children[questions[-1 - (i % len(questions))]].append(child)
        children[child] = []
        i += 1
    return children


def node_id(name: str, children: dict[str, list[str]]) -> str:
    return ("q-" if children[name] else "a-") + name[1:]


def build(nodes: int, branching: int = 3) -> tuple[dict[str, object], int]:
    """The tree as plain data and its fact count."""
    children = shape(nodes, branching)
    tree_nodes: list[dict[str, object]] = []
    facts: list[dict[str, object]] = []
    for index, name in enumerate(children):
        nid = node_id(name, children)
        number = index % PARAGRAPHS + 1
        if children[name]:
            tree_nodes.append(
                {
                    "id": nid,
                    "title": f"Question {index}: which service area applies?",
                    "intro": f"Pick the area that matches the customer's setup. This is step {index} of a synthetic tree.",
                    "ask": f"Which service area does the customer use after step {index}?",
                    "axis": f"Area {index}",
                    "reviewed": REVIEWED,
                    "options": [
                        {
                            "label": f"Service area {node_id(child, children)}",
                            "short": f"Area {child[1:]}",
                            "hint": f"Choose this when the customer's setup matches option {k + 1}.",
                            "to": node_id(child, children),
                            # Words the ticket box reads (issue 10): one code, one phrase, one typo-prone word.
                            "synonyms": [f"SVC{child[1:]}", f"service area {child[1:]}", f"platform{child[1:]}"],
                        }
                        for k, child in enumerate(children[name])
                    ],
                }
            )
            continue
        fact_ids = [f"f-{name[1:]}-a", f"f-{name[1:]}-b"]

        def cites(part: int, number: int = number) -> list[dict[str, str]]:
            """A fresh list each time: a shared one would be written as a YAML anchor, which the tree refuses."""
            return [{"source": SOURCE_ID, "quote": quote(number, part)}]

        for part, fact_id in enumerate(fact_ids):
            facts.append(
                {
                    "id": fact_id,
                    "topic": TOPICS[(index + part) % len(TOPICS)][0],
                    "text": f"In service area {number}, prompts stay in the customer's geography and logs are kept "
                    f"for {number % 30 + 1} days (fact {part + 1} of answer {index}).",
                    "cites": cites(part),
                }
            )
        tree_nodes.append(
            {
                "id": nid,
                "title": f"Answer {index}: service area {number}",
                "intro": f"This answer covers service area {number} of the synthetic policy.",
                "glance": {  # each row quotes its fact's words, as the build requires
                    "training": {"answer": "No.", "fact": fact_ids[0], "cites": cites(0)},
                    "processing": {"answer": "In the customer's geography.", "fact": fact_ids[0], "cites": cites(0)},
                    "access": {
                        "silent": True,
                        "answer": "The policy speaks about places and periods.",
                        "fact": fact_ids[1],
                        "cites": cites(1),
                    },
                    "retention": {"answer": f"For {number % 30 + 1} days.", "fact": fact_ids[0], "cites": cites(0)},
                },
                "facts": fact_ids,
                "keywords": [f"area {number}", "synthetic", "retention"],
                "reviewed": REVIEWED,
            }
        )
    data: dict[str, object] = {
        "site": {"glance": GLANCE, "content_date": REVIEWED},
        "start": node_id("n0", children),
        "topics": [{"id": tid, "title": title} for tid, title in TOPICS],
        "sources": [
            {
                "id": SOURCE_ID,
                "title": "Synthetic data-handling policy",
                "publisher": "Benchmark generator",
                "kind": "official",
                "date": SOURCE_DATE,
                "url": "https://example.invalid/synthetic-policy",
                "file": SOURCE_FILE,
            }
        ],
        "facts": facts,
        "nodes": tree_nodes,
        # Like the real tree: the first change entry records every page as first published
        # (`treesite lock` refuses pages that no change entry covers).
        "changes": [
            {
                "date": REVIEWED,
                "pages": [n["id"] for n in tree_nodes],
                "summary": "First published.",
                "why": "First version of the synthetic tree.",
            }
        ],
    }
    return data, len(facts)


def generate(dest: Path, nodes: int, branching: int = 3) -> SyntheticTree:
    """Write the tree (tree.yaml) and its source document into ``dest``, which must not hold another tree."""
    dest.mkdir(parents=True, exist_ok=True)
    data, fact_count = build(nodes, branching)
    # Block style, as editors write the real tree (flow style parses markedly slower).
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100, default_flow_style=False)
    (dest / "tree.yaml").write_text(text, encoding="utf-8")
    source = dest / SOURCE_FILE
    source.parent.mkdir(parents=True, exist_ok=True)
    source.write_text(source_markdown(), encoding="utf-8")
    node_list = data["nodes"]
    assert isinstance(node_list, list)
    questions = sum(1 for n in node_list if "options" in n)
    return SyntheticTree(dest, len(node_list), questions, len(node_list) - questions, fact_count)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("nodes", type=int, help="number of nodes (questions + answers)")
    parser.add_argument("dest", type=Path, help="folder to write tree.yaml and sources/ into")
    parser.add_argument("--branching", type=int, default=3, help="options per question (default 3)")
    args = parser.parse_args(argv)
    tree = generate(args.dest, args.nodes, args.branching)
    print(f"{tree.nodes} nodes ({tree.questions} questions, {tree.answers} answers), {tree.facts} facts in {tree.path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
