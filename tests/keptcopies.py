"""A copy of the real tree in which one source has an earlier, kept copy: for unit tests of the source pages.

Why not run `make source-update`: these tests check the pages, not the pipeline,
so the earlier copy is written directly, made from the current text by the
edits of tests/sourceedit.py (the current copy must keep every quote the tree
cites, so the edits are applied backwards: the OLD copy is the edited one).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from tests.helpers import REPO

KEPT_KEY = "2026-11-23"
UPDATED_ON = "2026-12-06"


def tree_with_kept_copy(dest: Path, source_id: str, old_text: str, *, key: str = KEPT_KEY, adopted: str = UPDATED_ON) -> Path:
    """decision_tree copied to dest, with ``old_text`` kept as copy ``key`` of the source, superseded on ``adopted``."""
    tree = shutil.copytree(REPO / "decision_tree", dest)
    kept = tree / "sources" / source_id / f"{key}.md"
    kept.parent.mkdir(parents=True, exist_ok=True)
    kept.write_text(old_text, encoding="utf-8")
    path = tree / "sources.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    source = next(s for s in data["sources"] if s["id"] == source_id)
    copies = source.setdefault("copies", [])
    copies.append(
        {
            "key": key,
            "file": f"sources/{source_id}/{key}.md",
            "date": source.get("date"),
            "date_note": source.get("date_note"),
            "adopted": source.get("adopted") or key,
            "superseded": adopted,
        }
    )
    source["adopted"] = adopted
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=10_000), encoding="utf-8")
    return tree


def add_change_entry(tree: Path, entry: dict[str, object]) -> None:
    """Append one entry to the tree's changes.yaml."""
    path = tree / "changes.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["changes"].append(entry)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=10_000), encoding="utf-8")
