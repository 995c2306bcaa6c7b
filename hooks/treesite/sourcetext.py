"""A source document split into the blocks that citations point at.

A citation links to one block of the source page, so a quote must be found
inside a single block. A block has two anchors: ``#p-N`` (its position; kept valid
for links published before copies were kept) and ``#w-...`` (from its words, so it
survives paragraphs inserted or removed above it; what new links use). Matching ignores what copy-paste and Markdown
change without changing words: runs of white space, link syntax, emphasis
markers, list and quote markers, and curly versus straight quotes.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from .yamlfiles import read_utf8

_FENCE = re.compile(r"^(`{3,}|~{3,})")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_LINE_MARKERS = re.compile(r"^\s*(?:[-*+]\s+|\d+\.\s+|>\s?|#{1,6}\s+)+", re.MULTILINE)
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})
_UNSAFE = re.compile(r"<[A-Za-z!/]|javascript:", re.IGNORECASE)
_SLUG_RUN = re.compile(r"[a-z0-9]+")
SLUG_WORDS = 5
SLUG_MAX = 40


def normalise(text: str) -> str:
    """The form in which quotes and blocks are compared."""
    text = _LINK.sub(r"\1", text)
    text = _LINE_MARKERS.sub("", text)
    text = text.replace("**", "").replace("`", "").replace("\\_", "_")
    text = text.translate(_QUOTES)
    return " ".join(text.split())


def word_slug(plain: str) -> str:
    """The first words of a paragraph as an id part: ASCII lower case, letter and digit runs joined by '-'."""
    words = " ".join(plain.split()[:SLUG_WORDS])
    ascii_words = unicodedata.normalize("NFKD", words).encode("ascii", "ignore").decode("ascii").lower()
    return "-".join(_SLUG_RUN.findall(ascii_words))[:SLUG_MAX].strip("-")


def word_anchor_for(plain: str) -> str:
    """``w-<slug>-<hash>``: the same words give the same anchor in every copy, wherever the paragraph moved.

    A paragraph without a letter or digit in its first words (a rule line) has no
    slug; its anchor is ``w-<hash>`` rather than one with a doubled hyphen.
    """
    digest = hashlib.sha256(plain.encode("utf-8")).hexdigest()[:6]
    slug = word_slug(plain)
    return f"w-{slug}-{digest}" if slug else f"w-{digest}"


@dataclass(frozen=True)
class Block:
    number: int
    line: int
    markdown: str
    plain: str
    word_anchor: str = ""  # set by make_blocks: identical paragraphs of one copy get -2, -3 in order

    @property
    def anchor(self) -> str:
        return f"p-{self.number}"

    @property
    def is_heading(self) -> bool:
        return self.markdown.startswith("#")


@dataclass(frozen=True)
class SourceText:
    path: Path
    blocks: tuple[Block, ...]
    _found: dict[str, Block | None] = field(default_factory=dict, compare=False, repr=False)

    def find(self, quote: str) -> Block | None:
        """The block holding the quote; remembered, since every page that shows a fact asks again."""
        if quote not in self._found:
            wanted = normalise(quote)
            self._found[quote] = next((b for b in self.blocks if wanted and wanted in b.plain), None)
        return self._found[quote]

    def unsafe_line(self) -> int | None:
        """First line with raw HTML or a javascript: URL, which a source page must not carry."""
        for block in self.blocks:
            if block.markdown.lstrip().startswith(("```", "~~~")):
                continue
            for offset, line in enumerate(block.markdown.splitlines()):
                if _UNSAFE.search(line):
                    return block.line + offset
        return None


def split_blocks(text: str) -> list[tuple[int, str]]:
    """Blocks separated by blank lines; a fenced code block stays whole."""
    blocks: list[tuple[int, str]] = []
    current: list[str] = []
    start = 0
    fence: str | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        match = _FENCE.match(line.strip())
        if fence is None and not line.strip():
            if current:
                blocks.append((start, "\n".join(current)))
                current = []
            continue
        if not current:
            start = number
        current.append(line.rstrip())
        if match:
            marker = match.group(1)
            if fence is None:
                fence = marker
            elif marker.startswith(fence[0]) and len(marker) >= len(fence):
                fence = None
    if current:
        blocks.append((start, "\n".join(current)))
    return blocks


def make_blocks(text: str) -> tuple[Block, ...]:
    """The blocks of a text with both anchors; a repeated paragraph's word anchor gets -2, -3 so ids stay unique."""
    blocks = []
    seen: dict[str, int] = {}
    for number, (line, markdown) in enumerate(split_blocks(text), start=1):
        plain = normalise(markdown)
        anchor = word_anchor_for(plain)
        seen[anchor] = seen.get(anchor, 0) + 1
        if seen[anchor] > 1:
            anchor = f"{anchor}-{seen[anchor]}"
        blocks.append(Block(number, line, markdown, plain, anchor))
    return tuple(blocks)


def parse_source(text: str, path: Path) -> SourceText:
    """A SourceText from text in memory (a copy not yet installed); path is only its name in messages."""
    return SourceText(path, make_blocks(text))


def read_source(path: Path) -> SourceText:
    """Raises TreeError (file and line) for a file that is not UTF-8; a byte-order mark is dropped."""
    return parse_source(read_utf8(path), path)
