"""The issue's synthetic update of the Azure OpenAI privacy page, taken through to a tree that builds.

The newer copy is tests/sourceedit.closing_note_copy() (two paragraphs inserted
near the top, the quoted training bullet reworded, the quoted stateless
paragraph removed, "Azure OpenAI" renamed in the Important box), optionally
with one quoted paragraph split in two as well. `source-update` installs it in a
temporary copy of the tree; then this module does the editor's part: re-copy
the quotes whose words changed (drop those of the removed paragraph), record
every review the update asked for, and write the change entry with its
``source_update:``. The browser tests of old links and the closing note's
screenshots use it, so both show the same update.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from tests import sourceedit

SOURCE = "aoai-privacy"
PUBLISHED = "2025-10-15"  # the publisher's date of the synthetic copy
UPDATED_ON = "2026-12-06"  # the day it is adopted: the new copy's key, and the day old paragraphs "changed"
SPLIT_BEFORE = "Prompts and completions are evaluated in real time"  # in the paragraph on inferencing, both halves quoted
# The editor's re-copied quotes: old words → new words, and the quotes of the removed paragraph.
REQUOTED = {
    sourceedit.TRAINING_BULLET.removesuffix("."): sourceedit.TRAINING_BULLET_NEW.removesuffix("."),
    "The Azure OpenAI Service is operated": "The Azure Direct Models Service is operated",
}
DROPPED = ("The models are stateless", "Additionally, prompts and generations are not used to train")


def newer_copy(*, split: bool) -> str:
    """The downloaded newer copy (raw Learn Markdown): the closing note's edits, and a split paragraph if asked."""
    text = sourceedit.closing_note_copy()
    return sourceedit.split_paragraph(text, SPLIT_BEFORE) if split else text


def _requote(quote: str) -> str | None:
    """The editor's new quote for an old one; None drops the citation (its paragraph is gone)."""
    if quote.startswith(DROPPED):
        return None
    for old, new in REQUOTED.items():
        quote = quote.replace(old, new)
    return quote


def _fix_cites(node: Any) -> None:
    """Walk loaded YAML: the source's quotes in every cites: list re-copied or dropped."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "cites" and isinstance(value, list):
                kept = []
                for cite in value:
                    if cite.get("source") == SOURCE:
                        quote = _requote(cite["quote"])
                        if quote is None:
                            continue
                        cite["quote"] = quote
                    kept.append(cite)
                node[key] = kept
            else:
                _fix_cites(value)
    elif isinstance(node, list):
        for item in node:
            _fix_cites(item)


def _rewrite(path: Path, change: Any) -> None:
    """Load a YAML file, change its data, write it back (comments are not kept: a temporary tree)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=10_000), encoding="utf-8")


def _review_all(data: dict[str, Any]) -> None:
    for review in data.get("reviews", []):
        for item in review["items"]:
            item["reviewed"] = item["reviewed"] or UPDATED_ON


def _log(old_key: str) -> Any:
    def add(data: dict[str, Any]) -> None:
        data["changes"].append(
            {
                "date": UPDATED_ON,
                "pages": ["aoai", "aoai-global", "aoai-datazone", "aoai-standard", "aoai-batch"],
                "summary": "The Azure OpenAI privacy page was updated: training is ruled out only without your permission or instruction.",
                "why": "Microsoft published a new copy of the page on 15 October 2025.",
                "source_update": {"source": SOURCE, "from": old_key, "to": UPDATED_ON},
            }
        )

    return add


def update_tree(dest: Path, *, split: bool = True) -> Path:
    """decision_tree copied into dest, updated by source-update with the synthetic copy, then re-quoted, reviewed and logged."""
    tree = sourceedit.tree_copy(dest)
    old_key = yaml.safe_load((tree / "sources.yaml").read_text(encoding="utf-8"))
    old_key = next(s for s in old_key["sources"] if s["id"] == SOURCE)["adopted"]
    sourceedit.run_source_update(tree, SOURCE, newer_copy(split=split), PUBLISHED, UPDATED_ON)
    for name in ("facts.yaml", "nodes.yaml"):
        _rewrite(tree / name, _fix_cites)
    if (tree / "reviews.yaml").is_file():
        _rewrite(tree / "reviews.yaml", _review_all)
    _rewrite(tree / "changes.yaml", _log(old_key))
    return tree
