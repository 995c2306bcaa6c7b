"""A source's copies in order, and where every paragraph link ever published on its page lands now.

Why this module: a ticket pasted months ago holds ``s/<id>.html#p-31`` or
``#w-…``. Sources change, and the page at that address always shows the
current copy. So for every anchor the page has ever published (the ``p-N`` of
the oldest copy, the copy current when paragraph numbers were the link, and the
``w-…`` of every earlier copy) we follow the paragraph through each update
(align.align, one step per update) to the current copy:

- its words are unchanged at every step: the anchor lands on them, wherever they moved;
- they changed (reworded or gone) at some step: the anchor lands on a notice in
  their place saying when, with links to the kept copy that still has the words
  and to the nearest successor in the current copy.

The what-changed page of one update reads the same alignment (``update_changes``).
Pure: no mkdocs, no HTML; the views and templates decide how it reads.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from pathlib import Path

from .align import Fate, align, word_diff
from .model import Source
from .sourcetext import Block, SourceText, read_source


@dataclass(frozen=True)
class Copy:
    """One copy of a source: a kept earlier one (``superseded`` set) or the current one (``superseded`` None)."""

    key: str  # the date it was adopted into the tree (YYYY-MM-DD, "-2" for a second one that day)
    text: SourceText
    adopted: str | None
    superseded: str | None
    date: str | None  # the publisher's date of this copy
    date_note: str | None
    cleaning: tuple[object, ...] = ()

    @property
    def is_current(self) -> bool:
        return self.superseded is None


def copies_of(source: Source, base: Path) -> list[Copy]:
    """Oldest first, the current copy last. A kept copy's text is read from the tree folder (``base``)."""
    assert source.text is not None, "checks.sources_and_quotes reads the current text first"
    out = []
    for kept in source.copies:
        text = kept.text or read_source(base / kept.file)  # copychecks.kept_copies read it while checking the tree
        out.append(Copy(kept.key, text, kept.adopted, kept.superseded, kept.date, kept.date_note, tuple(kept.cleaning or ())))
    current_key = source.key or "current"  # adopted, or adopted-2 after a second update that day
    out.append(Copy(current_key, source.text, source.adopted, None, source.date, source.date_note, tuple(source.cleaning or ())))
    return out


@dataclass(frozen=True)
class Landing:
    """Where one published anchor lands on the current page.

    ``block`` is the current paragraph with the same words; when None, the words
    changed: ``changed_on`` (the day the update was adopted), ``kept`` (the last copy
    with those words) and ``kept_block`` (them in it), ``successor`` (the nearest
    current paragraph, where the notice stands).
    """

    anchor: str
    block: Block | None = None
    changed_on: str | None = None
    kept: Copy | None = None
    kept_block: Block | None = None
    successor: Block | None = None
    reworded: bool = False  # the paragraph lives on reworded, rather than gone


def _forward(fates: list[list[Fate]], step: int, block: Block | None) -> Block | None:
    """Follow a paragraph of copy ``step`` to the current copy, through rewordings and removals (the nearest)."""
    while block is not None and step < len(fates):
        fate = fates[step][block.number - 1]
        block = fate.new if fate.kind != "gone" else fate.nearest
        step += 1
    return block


@dataclass
class SourceHistory:
    """A source's copies and the alignment of each update, computed once per build."""

    source: Source
    copies: list[Copy]
    fates: list[list[Fate]] = field(default_factory=list)  # fates[i]: copy i → copy i+1, one per block of copy i

    @classmethod
    def of(cls, source: Source, base: Path) -> SourceHistory:
        copies = copies_of(source, base)
        fates = [align(old.text, new.text) for old, new in itertools.pairwise(copies)]
        return cls(source, copies, fates)

    @property
    def current(self) -> Copy:
        return self.copies[-1]

    @property
    def kept(self) -> list[Copy]:
        return self.copies[:-1]

    def next_of(self, copy: Copy) -> Copy:
        return self.copies[self.copies.index(copy) + 1]

    def landings(self) -> list[Landing]:
        """Every anchor published for s/<id>.html that the current paragraphs' own ids do not already carry.

        The current paragraphs carry their own ``w-…`` as their id; an older anchor with
        the same id names the same words, so it needs nothing more. First resolution of
        an anchor wins (an anchor seen in several copies names the same words in each).
        """
        taken = {b.word_anchor for b in self.current.text.blocks}
        seen: dict[str, Landing] = {}
        for index, copy in enumerate(self.copies):
            for block in copy.text.blocks:
                anchors = [block.word_anchor] if index < len(self.copies) - 1 else []
                if index == 0:
                    anchors.append(block.anchor)  # p-N: the links published before word anchors
                for anchor in anchors:
                    if anchor not in taken and anchor not in seen:
                        seen[anchor] = self._land(anchor, index, block)
        return list(seen.values())

    def _land(self, anchor: str, index: int, block: Block) -> Landing:
        step = index
        while step < len(self.fates):
            fate = self.fates[step][block.number - 1]
            if fate.kind != "same" or fate.new is None:
                successor = fate.new if fate.kind == "reworded" else fate.nearest
                return Landing(
                    anchor,
                    changed_on=self.copies[step].superseded,
                    kept=self.copies[step],
                    kept_block=block,
                    successor=_forward(self.fates, step + 1, successor),
                    reworded=fate.kind == "reworded",
                )
            block = fate.new
            step += 1
        return Landing(anchor, block=block)


@dataclass(frozen=True)
class Reworded:
    old: Block
    new: Block
    diff: list[tuple[str, str]]  # word_diff: ("=" | "-" | "+", words)


@dataclass(frozen=True)
class UpdateChanges:
    """What one update changed, paragraph by paragraph: the what-changed page's content."""

    old: Copy
    new: Copy
    reworded: list[Reworded]
    removed: list[tuple[Block, Block | None]]  # (old paragraph, the new paragraph now nearest its place)
    added: list[Block]
    moved: list[tuple[Block, Block]]  # (old, new): the same words in another place among the unchanged ones
    unchanged: int

    @property
    def nothing(self) -> bool:
        return not (self.reworded or self.removed or self.added or self.moved)


def _moved(pairs: list[tuple[Block, Block]]) -> list[tuple[Block, Block]]:
    """Unchanged paragraphs outside the longest run that kept its order: the fewest that moved.

    Why not align.Fate.moved: it marks a paragraph that now stands before one that
    came before it, so moving one paragraph down marks every paragraph it jumped
    over instead. The longest increasing run names the one a reader moved.
    """
    positions = [new.number for _, new in pairs]
    best: list[list[int]] = []  # best[i]: the longest increasing run of positions ending at i
    for i, pos in enumerate(positions):
        before = [best[j] for j in range(i) if positions[j] < pos]
        best.append([*max(before, key=len, default=[]), i])
    keep = set(max(best, key=len, default=[]))
    return [pair for i, pair in enumerate(pairs) if i not in keep]


def update_changes(old: Copy, new: Copy, fates: list[Fate]) -> UpdateChanges:
    """Paragraphs reworded (with their changed words), removed, added and moved from ``old`` to ``new``."""
    matched = {f.new.number for f in fates if f.new is not None and f.kind != "gone"}
    same = [(f.old, f.new) for f in fates if f.kind == "same" and f.new is not None]
    return UpdateChanges(
        old,
        new,
        reworded=[Reworded(f.old, f.new, word_diff(f.old.plain, f.new.plain)) for f in fates if f.kind == "reworded" and f.new],
        removed=[(f.old, f.nearest) for f in fates if f.kind == "gone"],
        added=[b for b in new.text.blocks if b.number not in matched],
        moved=_moved(same),
        unchanged=len(same),
    )
