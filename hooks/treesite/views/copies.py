"""A source's copies and paragraphs as its pages show them: shared by the current, kept-copy and update pages.

A paragraph's id is its word anchor (``w-…``). On the current copy's page every
other anchor ever published for its words (``p-N`` of the oldest copy, ``w-…``
of earlier copies) is an empty span at the paragraph's start; an anchor whose
words changed is a notice in their place (sourcecopies.Landing says which).
faq.css highlights the targeted paragraph and shows a targeted notice, no script.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markupsafe import Markup

from ..model import Source
from ..sourcecopies import Copy, Landing, SourceHistory
from ..sourcehtml import source_block_html
from ..sourcetext import Block
from .paths import href, kept_page, source_page, update_page

_HEADING = re.compile(r"^(#{1,5}) ", re.MULTILINE)  # a source's headings go one level down, under the page's title


def block_html(block: Block) -> Markup:
    """One paragraph as allow-listed HTML (sourcehtml: a copied document cannot carry a script)."""
    return source_block_html(_HEADING.sub(r"#\1 ", block.markdown))


@dataclass(frozen=True)
class Notice:
    """What a changed paragraph's old anchor shows, in place of the words it pointed at."""

    anchor: str
    changed_on: str
    reworded: bool
    old_words: str  # what the link pointed at, so the reader sees it at once
    kept_link: str  # the same paragraph in the kept copy that still has its words
    kept_date: str  # that copy's adopted date
    successor_link: str | None  # the nearest paragraph now, on the same page
    changes_link: str


@dataclass(frozen=True)
class Paragraph:
    """A paragraph as a source page shows it: its own id, older anchors on the same words, notices before it."""

    block: Block
    html: Markup
    anchors: tuple[str, ...] = ()
    notices: tuple[Notice, ...] = ()


@dataclass(frozen=True)
class CopyRow:
    """One copy in a source page's list of copies."""

    copy: Copy
    link: str | None  # None: the copy on this page
    changes_link: str | None  # what changed when this copy was superseded


def copy_rows(history: SourceHistory, page: str) -> list[CopyRow]:
    """The source's copies, newest first, linked from ``page``; empty while there is only one."""
    source_id = history.source.id
    if not history.kept:
        return []
    current = source_page(source_id)
    rows = [CopyRow(history.current, None if page == current else href(page, current), None)]
    for copy in reversed(history.kept):
        kept = kept_page(source_id, copy.key)
        rows.append(CopyRow(copy, None if page == kept else href(page, kept), href(page, update_page(source_id, copy.key))))
    return rows


def kept_paragraphs(copy: Copy) -> list[Paragraph]:
    """A kept copy's paragraphs with both of their own anchors: p-N as a span, w-… as the id."""
    return [Paragraph(b, block_html(b), (b.anchor,)) for b in copy.text.blocks]


def current_paragraphs(history: SourceHistory) -> list[Paragraph]:
    """The current copy's paragraphs with every published anchor placed on its words or as a notice."""
    page = source_page(history.source.id)
    anchors: dict[int, list[str]] = {}
    notices: dict[int, list[Notice]] = {}
    blocks = history.current.text.blocks
    last = blocks[-1].number if blocks else 0
    for landing in history.landings():
        if landing.block is not None:
            anchors.setdefault(landing.block.number, []).append(landing.anchor)
        else:
            at = landing.successor.number if landing.successor else last
            notices.setdefault(at, []).append(_notice(history.source, page, landing))
    return [Paragraph(b, block_html(b), tuple(anchors.get(b.number, ())), tuple(notices.get(b.number, ()))) for b in blocks]


def _notice(source: Source, page: str, landing: Landing) -> Notice:
    assert landing.kept is not None and landing.kept_block is not None and landing.changed_on is not None
    kept = landing.kept
    return Notice(
        anchor=landing.anchor,
        changed_on=landing.changed_on,
        reworded=landing.reworded,
        old_words=landing.kept_block.plain,
        kept_link=f"{href(page, kept_page(source.id, kept.key))}#{landing.kept_block.word_anchor}",
        kept_date=kept.adopted or kept.key,
        successor_link=f"#{landing.successor.word_anchor}" if landing.successor else None,
        changes_link=href(page, update_page(source.id, kept.key)),
    )
