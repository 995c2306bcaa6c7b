"""One synthetic update of the Azure OpenAI privacy page, as the issue's closing note describes it.

A newer copy made from today's text by editing it (tests/sourceedit.py): two
paragraphs inserted near the top, one quoted sentence reworded, one quoted
paragraph removed, "Azure OpenAI" renamed in its Important box, and one quoted
paragraph split in two. The browser tests of old links and the closing note's
screenshots both use it, so both show the same update.

``EDITOR_QUOTES`` is the editor's part after `make source-update`: each quote
whose words changed, re-copied from the new text (or dropped, for the removed
paragraph), as a person does after reading the update report.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

from tests import sourceedit
from tests.helpers import REPO

SOURCE = "aoai-privacy"
SEED = "001"  # the Learn page as downloaded (tests/fixtures/seeds): source-update runs its cleaning rules on it
PUBLISHED = "2025-10-15"  # the publisher's date of the synthetic copy
UPDATED_ON = "2026-12-06"  # the day it is adopted
INSERTED = (
    "This paragraph is new in the synthetic copy: it stands near the top, so every paragraph below moves down by two.",
    "A second new paragraph follows it, saying nothing that the answers quote.",
)
REWORDED_OLD = "The models are stateless: no prompts or generations are stored in the model."
REWORDED_NEW = "The models are stateless: prompts and generations are never stored in the model."
REMOVED = "There are two ways for customers, once approved to turn off abuse monitoring"
SPLIT_BEFORE = "Prompts and completions are evaluated in real time"
IMPORTANT_BOX = "Your prompts (inputs) and completions (outputs), your embeddings"
OLD_NAME, NEW_NAME = "Azure OpenAI", "Azure Direct Models"


def newer_copy(*, downloaded: bool = False) -> str:
    """The synthetic update's text: the cleaned copy edited, or (downloaded) the raw Learn page edited the same way."""
    text = sourceedit.seed_text(SEED) if downloaded else sourceedit.cleaned_source(SOURCE)
    text = sourceedit.insert_after(text, "This article provides details", *INSERTED)
    text = sourceedit.reword(text, REWORDED_OLD.replace("The models", "**The models"), REWORDED_NEW.replace("The models", "**The models"))
    text = sourceedit.remove_paragraph(text, REMOVED)
    text = sourceedit.rename(text, OLD_NAME, NEW_NAME, within=IMPORTANT_BOX)
    return sourceedit.split_paragraph(text, SPLIT_BEFORE)


def _requote(quote: str, removed_words: str) -> str | None:
    """The editor's new quote for an old one: None drops the citation (its paragraph is gone)."""
    if quote.startswith(removed_words):
        return None
    if quote == REWORDED_OLD:
        return REWORDED_NEW
    return quote.replace(f"{OLD_NAME} Service foundation", f"{NEW_NAME} Service foundation").replace(
        f"The {OLD_NAME} Service is operated", f"The {NEW_NAME} Service is operated"
    )


def _fix_cites(node: Any) -> None:
    """Walk loaded YAML: every cites: list of the source gets its quotes re-copied or dropped."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "cites" and isinstance(value, list):
                kept = []
                for cite in value:
                    if cite.get("source") == SOURCE:
                        quote = _requote(cite["quote"], REMOVED)
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


def requote_tree(tree: Path) -> None:
    """The editor re-copies the changed quotes in facts.yaml and nodes.yaml (comments are not kept: a temporary tree)."""
    for name in ("facts.yaml", "nodes.yaml"):
        path = tree / name
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        _fix_cites(data)
        path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=10_000), encoding="utf-8")


def update_tree(dest: Path) -> Path:
    """decision_tree copied to dest, updated with the synthetic copy by `python -m treesite source-update`, quotes re-copied.

    The editor's review records are not written: the tests build without --strict,
    which the review gate allows (it stops `make check` and strict builds only).
    """
    tree = shutil.copytree(REPO / "decision_tree", dest)
    download = dest.parent / "downloaded.md"
    download.write_text(newer_copy(downloaded=True), encoding="utf-8")
    command = [sys.executable, "-m", "treesite", "source-update", str(tree), SOURCE, str(download), PUBLISHED]
    command += ["--today", UPDATED_ON, "--report", str(dest.parent / "report.md")]
    done = subprocess.run(command, cwd=REPO / "hooks", capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, f"source-update failed:\n{done.stdout[-2000:]}\n{done.stderr[-3000:]}"
    requote_tree(tree)
    return tree
