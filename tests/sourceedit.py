"""Make newer copies of a source by editing the text we have, as a publisher would.

The repository holds no document's text but the five seeds (GUIDE: "tests make
newer copies by editing them"), so tests of `make source-update` build the
"downloaded" newer copy from a seed (or a cleaned source) with these edits.
Every edit names the words it works on and fails loudly when they are not
there exactly once, so a test never passes on an edit that silently did nothing.

A paragraph is a run of lines between blank lines (as sourcetext.split_blocks
sees it); YAML front matter between --- lines is handled by set_front_matter.

    text = seed_text("001")
    text = insert_after(text, "This article provides details", "New paragraph one.", "New paragraph two.")
    text = reword(text, "are NOT used to improve OpenAI models.", "are NOT used to improve models.")
"""

from __future__ import annotations

import re
from pathlib import Path

# The two Learn pages as received (sources.yaml original_file:), byte for byte from ../shared/seeds, so a
# fresh clone can test their cleaning rules. The other three were cleaned by hand: tests edit their cleaned copies.
SEEDS = Path(__file__).resolve().parent / "fixtures" / "seeds"
REPO = Path(__file__).resolve().parents[1]


def seed_path(number: str) -> Path:
    """The raw seed file whose name starts with number ("000" or "001")."""
    found = sorted(SEEDS.glob(f"{number}_*.txt"))
    assert len(found) == 1, f"no single seed {number} in {SEEDS}: {found}"
    return found[0]


def cleaned_source(source_id: str) -> str:
    """The current cleaned copy of a source in the repository (what a pre-cleaned FILE starts from)."""
    return (REPO / "decision_tree" / "sources" / f"{source_id}.md").read_text(encoding="utf-8")


def seed_text(number: str) -> str:
    return seed_path(number).read_text(encoding="utf-8")


def _paragraphs(text: str) -> list[str]:
    """Paragraphs with their own line ends; the separators (blank lines) are kept as items of their own."""
    return re.split(r"(\n[ \t]*\n(?:[ \t]*\n)*)", text)


def _index(parts: list[str], containing: str) -> int:
    hits = [i for i in range(0, len(parts), 2) if containing in parts[i]]
    assert len(hits) == 1, f"{len(hits)} paragraphs contain {containing!r}; name words found in exactly one"
    return hits[0]


def paragraph(text: str, containing: str) -> str:
    """The one paragraph that contains the words."""
    parts = _paragraphs(text)
    return parts[_index(parts, containing)]


def _once(text: str, old: str) -> None:
    count = text.count(old)
    assert count == 1, f"{old!r} occurs {count} times; the edit needs it exactly once"


def insert_after(text: str, containing: str, *new_paragraphs: str) -> str:
    """New paragraphs after the paragraph that contains the words."""
    parts = _paragraphs(text)
    at = _index(parts, containing)
    added = "".join(f"\n\n{p}" for p in new_paragraphs)
    parts[at] = parts[at] + added
    return "".join(parts)


def insert_before(text: str, containing: str, *new_paragraphs: str) -> str:
    parts = _paragraphs(text)
    at = _index(parts, containing)
    parts[at] = "".join(f"{p}\n\n" for p in new_paragraphs) + parts[at]
    return "".join(parts)


def remove_paragraph(text: str, containing: str) -> str:
    """Drop the paragraph that contains the words, and the blank lines after it."""
    parts = _paragraphs(text)
    at = _index(parts, containing)
    del parts[at : at + 2]
    return "".join(parts)


def split_paragraph(text: str, before: str) -> str:
    """Split a paragraph into two just before the words (which start the second paragraph)."""
    _once(text, before)
    head, tail = text.split(before, 1)
    return head.rstrip(" ") + "\n\n" + before + tail


def merge_with_next(text: str, containing: str) -> str:
    """Join the paragraph that contains the words with the one after it, into one paragraph."""
    parts = _paragraphs(text)
    at = _index(parts, containing)
    assert at + 2 < len(parts), f"the paragraph with {containing!r} is the last one"
    parts[at : at + 3] = [parts[at].rstrip() + " " + parts[at + 2].lstrip()]
    return "".join(parts)


def move_after(text: str, containing: str, after: str) -> str:
    """Move the paragraph that contains the words to just after the paragraph that contains ``after``."""
    moved = paragraph(text, containing)
    return insert_after(remove_paragraph(text, containing), after, moved)


def reword(text: str, old: str, new: str) -> str:
    """Replace words that occur exactly once (a sentence reworded)."""
    _once(text, old)
    return text.replace(old, new)


def rename(text: str, old: str, new: str, within: str | None = None) -> str:
    """Rename a product throughout, or only inside the paragraph that contains ``within`` (its Important box)."""
    if within is None:
        assert old in text, f"{old!r} is not in the text"
        return text.replace(old, new)
    parts = _paragraphs(text)
    at = _index(parts, within)
    assert old in parts[at], f"{old!r} is not in the paragraph with {within!r}"
    parts[at] = parts[at].replace(old, new)
    return "".join(parts)


def set_front_matter(text: str, key: str, value: str | None) -> str:
    """Set (or with None remove) a key of the YAML front matter; a new key goes last."""
    assert text.startswith("---\n"), "the text has no front matter"
    end = text.index("\n---", 4)
    lines = text[4:end].split("\n")
    found = [i for i, line in enumerate(lines) if line.split(":", 1)[0].strip() == key]
    if value is None:
        assert found, f"the front matter has no {key}"
        del lines[found[0]]
    elif found:
        lines[found[0]] = f"{key}: {value}"
    else:
        lines.append(f"{key}: {value}")
    return "---\n" + "\n".join(lines) + text[end:]


# --- running source-update in a temporary copy of the tree -----------------------------------------------------

IMPORTANT_BOX = "Your prompts (inputs) and completions (outputs)"
TRAINING_BULLET = "are NOT used to train, retrain, or improve Azure OpenAI Service foundation models."
TRAINING_BULLET_NEW = "are NOT used to train any generative AI foundation models without your permission or instruction."
STATELESS = "The models are stateless"


def closing_note_copy() -> str:
    """The issue's synthetic update of the Azure OpenAI page, as downloaded (raw Learn Markdown).

    Two paragraphs inserted near the top, one quoted sentence reworded (the training
    bullet gains a condition), one quoted paragraph removed (the stateless paragraph),
    and "Azure OpenAI" renamed in the Important box.
    """
    text = seed_text("001")
    text = insert_after(
        text,
        "This article provides details regarding",
        "Azure OpenAI is now one of the Azure Direct Models in Azure AI Foundry.",
        "This page was reorganised in October 2025.",
    )
    text = reword(text, TRAINING_BULLET, TRAINING_BULLET_NEW)
    text = remove_paragraph(text, STATELESS)
    return rename(text, "Azure OpenAI", "Azure Direct Models", within=IMPORTANT_BOX)


def quiet_copy() -> str:
    """A newer copy in which no quoted word changed: two paragraphs inserted near the top, a new ms.date."""
    text = insert_after(seed_text("001"), "This article provides details regarding", "A new paragraph.", "Another new paragraph.")
    return set_front_matter(text, "ms.date", "10/30/2025")


def tree_copy(tmp_path: Path) -> Path:
    """A copy of decision_tree/ to update; kept copies and reviews land in it, never in the repository."""
    import shutil

    return Path(shutil.copytree(REPO / "decision_tree", tmp_path / "decision_tree"))


def run_source_update(
    tree: Path,
    source_id: str,
    text: str,
    date: str,
    today: str = "2026-12-06",
    cleaned: bool = False,
):  # -> treesite.sourceupdate.UpdateResult
    """Write text as the downloaded FILE beside the tree and run source-update on it, as `make source-update` does."""
    from treesite.sourceupdate import run

    download = tree.parent / f"{source_id}-download.md"
    download.write_text(text, encoding="utf-8")
    return run(tree, source_id, download, date, today, cleaned, None)


def replace_in_file(path: Path, old: str, new: str) -> None:
    """Edit a tree file as an editor would; fails when the words to replace are not there, so a test cannot edit nothing."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {path.name}"
    path.write_text(text.replace(old, new), encoding="utf-8")
