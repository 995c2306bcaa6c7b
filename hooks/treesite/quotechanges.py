"""What a new copy of a source does to each quote we cite from it.

One quote, cited by any number of facts, rows and notes, gets one verdict:
unchanged, moved, paragraph-changed (still verbatim, but its paragraph changed
around it), reworded (with the new words and their word-level difference) or
gone (with the nearest new paragraph). A rewording is sorted by what it may do
to meaning: a changed negation, condition, number or period is flagged, so a
rename ("Azure OpenAI" → "Azure Direct Models") does not look as urgent as
"are NOT used to train" gaining "without your permission". Pure: built on
treesite.align only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Literal

from .align import Fate, align, word_diff
from .sourcetext import Block, SourceText, normalise

Verdict = Literal["unchanged", "moved", "paragraph-changed", "reworded", "gone"]
VERDICTS: tuple[Verdict, ...] = ("gone", "reworded", "paragraph-changed", "moved", "unchanged")  # most urgent first
NEEDS_REVIEW = frozenset({"gone", "reworded", "paragraph-changed"})

# Words whose change can turn a sentence's meaning; lower case, compared without punctuation.
NEGATIONS = frozenset({"not", "never", "no", "none", "nor", "cannot", "nothing", "neither"})
CONDITIONS = frozenset({"without", "unless", "if", "except", "only", "excluding", "provided", "until", "when", "once"})
NUMBER_WORDS = frozenset(
    [
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "twenty",
        "thirty",
        "sixty",
        "ninety",
        "hundred",
    ]
)
PERIODS = frozenset(
    [
        "second",
        "seconds",
        "minute",
        "minutes",
        "hour",
        "hours",
        "day",
        "days",
        "week",
        "weeks",
        "month",
        "months",
        "year",
        "years",
        "daily",
        "weekly",
        "monthly",
        "annually",
    ]
)
_WORD = re.compile(r"[^\w']+")


@dataclass(frozen=True)
class QuoteChange:
    """The verdict on one quote of one source, with what a reviewer needs to judge it."""

    source: str
    quote: str
    verdict: Verdict
    old: Block
    new: Block | None  # the paragraph now holding the quote or its rewording
    nearest: Block | None  # for a gone quote: where a reader should look
    new_words: str | None = None  # a reworded quote as it now reads
    diff: tuple[tuple[str, str], ...] = ()  # word_diff of the quote (reworded) or of its paragraph (paragraph-changed)
    flags: tuple[str, ...] = ()  # negation, condition, number, period: what the rewording may change in meaning

    @property
    def kind_of_rewording(self) -> str:
        """'meaning' when a flag is raised, 'rename' when only capitalised names changed, else 'wording'."""
        if self.verdict != "reworded":
            return ""
        if self.flags:
            return "meaning"
        changed = [text for op, text in self.diff if op != "="]
        return "rename" if changed and all(_names_only(t) for t in changed) else "wording"


@dataclass
class CopyComparison:
    """Every quote of one source against a new copy, and every paragraph's fate (for the report and the gate)."""

    source: str
    fates: list[Fate]
    quotes: dict[str, QuoteChange] = field(default_factory=dict)  # keyed by the quote as written

    def count(self, verdict: Verdict) -> int:
        return sum(1 for q in self.quotes.values() if q.verdict == verdict)


def _tokens(text: str) -> list[str]:
    return [w for w in _WORD.split(text.lower()) if w]


def _names_only(text: str) -> bool:
    words = [w for w in text.split() if w.strip("()'\",.;:")]
    return bool(words) and all(w.strip("()'\",.;:")[:1].isupper() for w in words)


def meaning_flags(diff: list[tuple[str, str]]) -> tuple[str, ...]:
    """Which kinds of meaning-bearing words the changed runs of a word_diff touch."""
    changed = [t for op, text in diff if op != "=" for t in _tokens(text)]
    flags = []
    if any(t in NEGATIONS or t.endswith("n't") for t in changed):
        flags.append("negation")
    if any(t in CONDITIONS for t in changed):
        flags.append("condition")
    if any(any(c.isdigit() for c in t) or t in NUMBER_WORDS for t in changed):
        flags.append("number")
    if any(t in PERIODS for t in changed):
        flags.append("period")
    return tuple(flags)


def _quote_span(block: Block, quote: str) -> tuple[int, int]:
    """Word positions [start, end) of a quote inside its paragraph's plain text."""
    wanted = normalise(quote)
    at = block.plain.find(wanted)
    start = len(block.plain[:at].split())
    if at > 0 and not block.plain[at - 1].isspace():
        start -= 1  # the quote starts inside a word
    return start, start + len(wanted.split())


def reworded_words(old: Block, new: Block, quote: str) -> str:
    """The words of the new paragraph that stand where the quote stood in the old one."""
    start, end = _quote_span(old, quote)
    old_words, new_words = old.plain.split(), new.plain.split()
    new_start, new_end = 0, len(new_words)
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, old_words, new_words, autojunk=False).get_opcodes():
        if i1 <= start < i2 or (i1 == i2 == start):
            new_start = j1 + (start - i1) if tag == "equal" else j1
        if i1 < end <= i2:
            new_end = j1 + (end - i1) if tag == "equal" else j2
    picked = new_words[new_start : max(new_start, new_end)]
    quoted = normalise(quote).split()
    # A quote may start or end inside a word ("an Azure service" of "an Azure service;"): cut the new words the same way.
    if picked and quoted and end - 1 < len(old_words) and picked[-1] == old_words[end - 1] and old_words[end - 1] != quoted[-1]:
        picked[-1] = quoted[-1]
    if picked and quoted and picked[0] == old_words[start] and old_words[start] != quoted[0]:
        picked[0] = quoted[0]
    return " ".join(picked)


def compare_copies(source_id: str, old: SourceText, new: SourceText, quotes: list[str]) -> CopyComparison:
    """The verdict on each quote (each once, however many items cite it)."""
    fates = align(old, new)
    by_number = {f.old.number: f for f in fates}
    result = CopyComparison(source_id, fates)
    for quote in quotes:
        if quote in result.quotes:
            continue
        block = old.find(quote)
        if block is None:  # not in the old copy either: the tree's own quote check reports it
            continue
        result.quotes[quote] = _verdict(source_id, quote, block, by_number[block.number], new)
    return result


def _verdict(source_id: str, quote: str, block: Block, fate: Fate, new: SourceText) -> QuoteChange:
    if fate.kind == "same" and fate.new is not None:
        return QuoteChange(source_id, quote, "moved" if fate.moved else "unchanged", block, fate.new, fate.new)
    wanted = normalise(quote)
    found = fate.new if fate.new is not None and wanted in fate.new.plain else new.find(quote)
    if found is not None:
        diff = tuple(word_diff(block.plain, found.plain))
        return QuoteChange(source_id, quote, "paragraph-changed", block, found, found, diff=diff)
    if fate.kind == "reworded" and fate.new is not None:
        words = reworded_words(block, fate.new, quote)
        diff = word_diff(wanted, words)
        return QuoteChange(source_id, quote, "reworded", block, fate.new, fate.new, words, tuple(diff), meaning_flags(diff))
    return QuoteChange(source_id, quote, "gone", block, None, fate.nearest)
