"""What became of each paragraph of an old copy of a source in a newer copy.

The update report, the review gate and the site's what-changed pages and
link notices all ask this one module, so they never disagree about which
paragraph a reworded one became. Pure: no files, no mkdocs.

Rules (DESIGN-21): a paragraph whose words are unchanged is "same" wherever it
moved; otherwise the most similar remaining new paragraph (difflib ratio on
words, at least ``REWORDED_AT``) is its rewording; else it is "gone", and
``nearest`` says where a reader should look instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Literal

from .sourcetext import Block, SourceText

REWORDED_AT = 0.6  # below this a new paragraph shares too few words to be called the same one reworded

MERGED_AT = 0.9  # a gone paragraph whose words are nearly all, in order, in one new paragraph was merged into it
FateKind = Literal["same", "reworded", "gone"]
DiffOp = Literal["=", "-", "+"]


@dataclass(frozen=True)
class Fate:
    """One old paragraph's fate: ``new`` is its successor (same or reworded), ``nearest`` where to look when gone."""

    old: Block
    kind: FateKind
    new: Block | None
    nearest: Block | None
    ratio: float

    @property
    def moved(self) -> bool:
        """Unchanged words at another place in the text (a paragraph inserted or removed above it does not count)."""
        return self.kind == "same" and self._shifted

    _shifted: bool = False


def _words(block: Block) -> list[str]:
    return block.plain.split()


def _ratio(old: list[str], new: list[str]) -> float:
    matcher = SequenceMatcher(None, old, new, autojunk=False)
    if matcher.real_quick_ratio() < REWORDED_AT or matcher.quick_ratio() < REWORDED_AT:
        return 0.0
    return matcher.ratio()


def _contained(old: list[str], new: list[str]) -> float:
    """Share of the old paragraph's words found, in order, in the new one (a merge keeps most of them)."""
    if not old:
        return 0.0
    matcher = SequenceMatcher(None, old, new, autojunk=False)
    return sum(size for _, _, size in matcher.get_matching_blocks()) / len(old)


def align(old: SourceText, new: SourceText) -> list[Fate]:
    """One Fate per old block, in old order; deterministic (ties go to the earlier new block)."""
    new_blocks = list(new.blocks)
    used: set[int] = set()
    successor: dict[int, tuple[FateKind, int, float]] = {}
    by_plain: dict[str, list[int]] = {}
    for index, block in enumerate(new_blocks):
        by_plain.setdefault(block.plain, []).append(index)
    for position, block in enumerate(old.blocks):  # same words first, so a rewording never takes a moved paragraph's place
        free = [i for i in by_plain.get(block.plain, []) if i not in used]
        if free:
            used.add(free[0])
            successor[position] = ("same", free[0], 1.0)
    new_words = [_words(b) for b in new_blocks]
    for position, block in enumerate(old.blocks):
        if position in successor:
            continue
        words = _words(block)
        best, best_ratio = -1, 0.0
        for index, candidate in enumerate(new_words):
            if index in used:
                continue
            ratio = _ratio(words, candidate)
            if ratio > best_ratio:
                best, best_ratio = index, ratio
        if best >= 0 and best_ratio >= REWORDED_AT:
            used.add(best)
            successor[position] = ("reworded", best, best_ratio)
    return [_fate(position, block, successor, new_blocks, new_words) for position, block in enumerate(old.blocks)]


def _fate(
    position: int,
    block: Block,
    successor: dict[int, tuple[FateKind, int, float]],
    new_blocks: list[Block],
    new_words: list[list[str]],
) -> Fate:
    if position in successor:
        kind, index, ratio = successor[position]
        earlier = [successor[p][1] for p in range(position) if p in successor]
        shifted = bool(earlier) and max(earlier) > index  # it now stands before a paragraph that came before it
        return Fate(block, kind, new_blocks[index], new_blocks[index], ratio, shifted)
    return Fate(block, "gone", None, _nearest(position, block, successor, new_blocks, new_words), 0.0)


def _nearest(
    position: int,
    block: Block,
    successor: dict[int, tuple[FateKind, int, float]],
    new_blocks: list[Block],
    new_words: list[list[str]],
) -> Block | None:
    """Where a reader of a gone paragraph should look.

    A paragraph merged into another keeps most of its words there: that one.
    Otherwise the paragraph after the successor of the nearest surviving one
    above it, i.e. the place the gone paragraph stood (the first paragraph when
    none above survived).
    """
    if not new_blocks:
        return None
    words = _words(block)
    if len(words) >= 3:
        merged = max(range(len(new_blocks)), key=lambda i: (_contained(words, new_words[i]), -i))
        if _contained(words, new_words[merged]) >= MERGED_AT:
            return new_blocks[merged]
    above = [successor[p][1] for p in range(position) if p in successor]
    if not above:
        return new_blocks[0]
    return new_blocks[min(above[-1] + 1, len(new_blocks) - 1)]


SHORT_KEPT_RUN = 2  # a kept run this short between two changes ("or", "of the") is shown as part of the change


def word_diff(old_plain: str, new_plain: str) -> list[tuple[DiffOp, str]]:
    """The word-level difference: runs of kept ("="), removed ("-") and added ("+") words, in reading order.

    difflib aligns on the longest common runs, which can pin a rewording on a
    stray "or"; a kept run of at most SHORT_KEPT_RUN words between two changes is
    folded into them, so a reader sees the old and new phrase whole.
    """
    old, new = old_plain.split(), new_plain.split()
    runs: list[tuple[str, list[str], list[str]]] = []  # ("=", words, words) or ("!", removed, added)
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        runs.append(("=" if tag == "equal" else "!", old[i1:i2], new[j1:j2]))
    folded: list[tuple[str, list[str], list[str]]] = []
    for index, (tag, removed, added) in enumerate(runs):
        between_changes = 0 < index < len(runs) - 1 and runs[index - 1][0] == "!" and runs[index + 1][0] == "!"
        if tag == "=" and between_changes and len(removed) <= SHORT_KEPT_RUN:
            tag = "!"
        if tag == "!" and folded and folded[-1][0] == "!":
            folded[-1] = ("!", folded[-1][1] + removed, folded[-1][2] + added)
        else:
            folded.append((tag, list(removed), list(added)))
    out: list[tuple[DiffOp, str]] = []
    for tag, removed, added in folded:
        if tag == "=":
            out.append(("=", " ".join(removed)))
            continue
        if removed:
            out.append(("-", " ".join(removed)))
        if added:
            out.append(("+", " ".join(added)))
    return out
