"""Load and check a tree in one call: the single entry point for the hook and the CLI.

Checks run in stages because later ones assume earlier ones passed (a cycle
check on a dangling option would only add noise), but each stage reports all
of its problems at once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from . import checks
from .errors import Location, Problem, TreeError
from .graph import Graph, analyse
from .model import Tree, build_tree
from .schema import check_schema, load_schema
from .yamlfiles import load_tree_data

SCHEMA_NAME = "schema.json"
LOCK_NAME = "published.lock"


@dataclass
class LoadedTree:
    tree: Tree
    graph: Graph
    path: Path
    base: Path
    files: list[Path]
    warnings: list[Problem] = field(default_factory=list)

    @property
    def lock_path(self) -> Path:
        """published.lock in a tree folder; for a one-file tree (a test fixture), name.lock beside it."""
        return self.path / LOCK_NAME if self.path.is_dir() else self.path.with_suffix(".lock")


def tree_files(path: Path) -> list[Path]:
    """A folder means every *.yaml in it (sorted, so builds are reproducible); a file means itself."""
    if path.is_dir():
        return sorted(p for p in path.glob("*.yaml") if p.is_file())
    return [path]


def _schema_path(path: Path) -> Path:
    """The schema next to the tree, else the repo's (a test fixture is a lone file)."""
    local = (path if path.is_dir() else path.parent) / SCHEMA_NAME
    return local if local.is_file() else Path(__file__).resolve().parents[2] / "decision_tree" / SCHEMA_NAME


def _raise_if(problems: list[Problem]) -> None:
    if problems:
        raise TreeError(problems)


def load(path: Path) -> LoadedTree:
    """Read, check and analyse the tree at path (a folder or one file); raises TreeError."""
    path = Path(path)
    if not path.exists():
        raise TreeError(
            [Problem(Location(path), "the decision tree was not found", "set extra.decision_tree in mkdocs.yml to the tree folder")]
        )
    files = tree_files(path)
    if not files:
        raise TreeError([Problem(Location(path), "the folder holds no *.yaml files", "add the tree's YAML files")])
    data, lines = load_tree_data(files)
    _raise_if(check_schema(data, load_schema(_schema_path(path)), lines))
    tree = build_tree(data, lines)
    base = path if path.is_dir() else path.parent
    _raise_if(checks.duplicate_ids(tree) + checks.dangling_references(tree))
    _raise_if(checks.node_shapes(tree) + checks.graph_shape(tree) + checks.sources_and_quotes(tree, base))
    graph = analyse(tree)
    _raise_if(checks.glance_rows(tree, graph))
    return LoadedTree(tree, graph, path, base, files, warnings=content_warnings(tree, graph))


def content_warnings(tree: Tree, graph: Graph) -> list[Problem]:
    """Things worth an editor's look that do not make the site wrong: fatal only under --strict."""
    warnings: list[Problem] = []
    used = {f for n in tree.nodes for f in n.facts}
    for fact in tree.facts:
        if fact.id not in used:
            warnings.append(
                Problem(fact.where, f"fact '{fact.id}' is not shown on any page", "list it under facts: of a node, or delete it")
            )
    used_notes = {x for n in tree.nodes for x in n.notes}
    for note in tree.notes:
        if note.id not in used_notes:
            warnings.append(
                Problem(note.where, f"note '{note.id}' is not shown on any page", "list it under notes: of a node, or delete it")
            )
    sources, facts = tree.sources_by_id, tree.facts_by_id
    for node_id in graph.order:
        node = tree.node(node_id)
        if not node.reviewed:
            continue
        cited = {c.source for f in graph.effective_facts(node_id) for c in facts[f].cites}
        dates = [(date, s) for s in cited if (date := sources[s].date)]
        if dates:
            newest, source_id = max(dates)
            if node.reviewed < newest:
                warnings.append(
                    Problem(
                        node.where,
                        f"'{node.id}' was last reviewed {node.reviewed}, before its source '{source_id}' changed ({newest})",
                        "review the page against the source and update reviewed:",
                    )
                )
    return warnings
