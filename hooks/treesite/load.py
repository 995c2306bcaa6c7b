"""Load and check a tree in one call: the single entry point for the hook and the CLI.

Checks run in stages because later ones assume earlier ones passed (a cycle
check on a dangling option would only add noise), but each stage reports all
of its problems at once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from . import cardchecks, checks
from .errors import Location, Problem, TreeError
from .graph import Graph, analyse
from .model import Tree, build_tree
from .refine import ChoiceRows, derive
from .schema import check_schema, load_schema
from .ticketwords import check_ticket_words
from .urls import check_source_urls
from .yamlfiles import load_tree_data

SCHEMA_NAME = "schema.json"
LOCK_NAME = "published.lock"


@dataclass
class LoadedTree:
    tree: Tree
    graph: Graph
    choice_rows: ChoiceRows  # what each question page's card says before the next choice (refine.py)
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


def stray_files(path: Path) -> list[Problem]:
    """YAML files the build would not read (a .yml, a .YAML, one in a subfolder): named, never silently ignored.

    A *.yaml that is a symbolic link out of the folder is refused too: the tree reads nothing outside it.
    """
    if not path.is_dir():
        return []
    problems = []
    inside = path.resolve()
    for found in sorted(path.glob("*.yaml")):
        if not found.resolve().is_relative_to(inside):
            problems.append(
                Problem(
                    Location(found, 1),
                    f"this file is a symbolic link to {found.resolve()}, outside the tree folder",
                    "put the file itself in the tree folder",
                )
            )
    for found in sorted(path.rglob("*")):
        if found.suffix.lower() not in {".yaml", ".yml"} or (found.suffix == ".yaml" and found.parent == path):
            continue
        problems.append(
            Problem(
                Location(found, 1),
                "this file is not read: the tree is the *.yaml files directly in its folder",
                f"rename it to {found.stem}.yaml in {path}, or delete it",
            )
        )
    return problems


def _schema_path(path: Path) -> Path:
    """The schema next to the tree, else the repo's (a test fixture is a lone file)."""
    local = (path if path.is_dir() else path.parent) / SCHEMA_NAME
    return local if local.is_file() else Path(__file__).resolve().parents[2] / "decision_tree" / SCHEMA_NAME


def _tree_folder(path: Path) -> Path:
    """The folder every source file must lie in, and that source paths are relative to.

    A folder tree: the folder itself. A lone file (a test fixture): its own folder
    when a sources/ folder is beside it, else the repository's decision_tree/, as
    for the schema, so fixtures cite the real sources without a path that leaves
    their folder.
    """
    if path.is_dir():
        return path
    if (path.parent / "sources").is_dir():
        return path.parent
    return Path(__file__).resolve().parents[2] / "decision_tree"


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
    _raise_if(stray_files(path))
    data, lines = load_tree_data(files)
    _raise_if(check_schema(data, load_schema(_schema_path(path)), lines))
    _raise_if(checks.field_values(data, lines))
    _raise_if(check_source_urls(data, lines))
    tree = build_tree(data, lines)
    base = _tree_folder(path)
    _raise_if(
        checks.duplicate_ids(tree)
        + checks.dangling_references(tree)
        + checks.permanent_urls(tree)
        + checks.source_versions(tree)
        + check_ticket_words(tree)
    )
    _raise_if(checks.node_shapes(tree) + checks.graph_shape(tree) + checks.sources_and_quotes(tree, base))
    graph = analyse(tree)
    choice_rows = derive(tree, graph)
    _raise_if(cardchecks.glance_rows(tree, graph, choice_rows))
    return LoadedTree(tree, graph, choice_rows, path, base, files, warnings=content_warnings(tree, graph))


def content_warnings(tree: Tree, graph: Graph) -> list[Problem]:
    """Things worth an editor's look that do not make the site wrong: fatal only under --strict."""
    warnings: list[Problem] = []
    used = {f for n in tree.nodes for f in n.facts}
    for fact in tree.facts:
        if fact.id not in used:
            warnings.append(
                Problem(fact.where, f"fact '{fact.id}' is not shown on any page", "list it under facts: of a node, or delete it")
            )
    used_topics = {f.topic for f in tree.facts} | {n.topic for n in tree.notes}
    for topic in tree.topics:
        if topic.id not in used_topics:
            warnings.append(
                Problem(
                    topic.where, f"topic '{topic.id}' has no facts or notes", "give a fact or note topic: " + topic.id + ", or delete it"
                )
            )
    used_notes = {x for n in tree.nodes for x in n.notes}
    for note in tree.notes:
        if note.id not in used_notes:
            warnings.append(
                Problem(note.where, f"note '{note.id}' is not shown on any page", "list it under notes: of a node, or delete it")
            )
    for change in tree.changes:
        if change.date > tree.site.content_date:
            warnings.append(
                Problem(
                    change.where,
                    f"the change entry of {change.date} is newer than site: content_date ({tree.site.content_date})",
                    f'set content_date: "{change.date}" in the site: block (it dates the build, the sitemap and the feed)',
                )
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
