"""The views of a source's pages: the current copy, each kept copy, and what each update changed.

Three page kinds, one template each (source.html.j2, source_copy.html.j2,
source_changes.html.j2); this module only gathers what they show. Paths:

- ``s/<id>.html``: the current copy; every anchor ever published for it lands
  on its words (an empty ``<span id>`` in the paragraph) or on a notice in their
  place (sourcecopies.Landing). faq.css highlights the one targeted, no script.
- ``s/<id>/<key>.html``: a kept copy, word for word, with its own ``p-N`` and
  ``w-…`` anchors, a banner that it was superseded, and out of search.
- ``s/<id>/changes/<key>.html``: from copy <key> to the next one.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from .model import Source
from .sourcecopies import Copy, Landing, SourceHistory, update_changes
from .sourcehtml import source_block_html
from .sourcetext import Block

_HEADING = re.compile(r"^(#{1,5}) ", re.MULTILINE)


def source_page(source_id: str) -> str:
    """The current copy's page (.md path from the docs root)."""
    return f"s/{source_id}.md"


def kept_page(source_id: str, key: str) -> str:
    return f"s/{source_id}/{key}.md"


def changes_page(source_id: str, key: str) -> str:
    """What changed from copy ``key`` to the next one."""
    return f"s/{source_id}/changes/{key}.md"


def _href(from_page: str, to_page: str) -> str:
    """Relative .html link between two .md pages (as render.href; raw HTML links are not rewritten by MkDocs)."""
    return posixpath.relpath(to_page, posixpath.dirname(from_page) or ".").removesuffix(".md") + ".html"


def block_html(block: Block) -> Markup:
    """One paragraph as allow-listed HTML; headings one level down, under the page's own title."""
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
    successor_link: str | None  # the nearest paragraph now, on this page
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


class SourcePages:
    """Every page of every source; one instance per build, alignments computed once."""

    def __init__(self, env: jinja2.Environment, sources: list[Source], base: Path) -> None:
        self.env = env
        self.histories = {s.id: SourceHistory.of(s, base) for s in sources}

    # Views ---------------------------------------------------------------
    def copy_rows(self, source: Source, page: str) -> list[CopyRow]:
        """The source's copies, newest first, linked from ``page``; empty while there is only one."""
        history = self.histories[source.id]
        if not history.kept:
            return []
        rows = [CopyRow(history.current, None if page == source_page(source.id) else _href(page, source_page(source.id)), None)]
        for copy in reversed(history.kept):
            here = page == kept_page(source.id, copy.key)
            link = None if here else _href(page, kept_page(source.id, copy.key))
            rows.append(CopyRow(copy, link, _href(page, changes_page(source.id, copy.key))))
        return rows

    def current_paragraphs(self, source: Source) -> list[Paragraph]:
        """The current copy's paragraphs with every published anchor placed on its words or as a notice."""
        history = self.histories[source.id]
        page = source_page(source.id)
        anchors: dict[int, list[str]] = {}
        notices: dict[int, list[Notice]] = {}
        last = history.current.text.blocks[-1].number if history.current.text.blocks else 0
        for landing in history.landings():
            if landing.block is not None:
                anchors.setdefault(landing.block.number, []).append(landing.anchor)
            else:
                at = landing.successor.number if landing.successor else last
                notices.setdefault(at, []).append(self._notice(source, page, landing))
        return [
            Paragraph(b, block_html(b), tuple(anchors.get(b.number, ())), tuple(notices.get(b.number, ())))
            for b in history.current.text.blocks
        ]

    def _notice(self, source: Source, page: str, landing: Landing) -> Notice:
        assert landing.kept is not None and landing.kept_block is not None and landing.changed_on is not None
        kept = landing.kept
        return Notice(
            anchor=landing.anchor,
            changed_on=landing.changed_on,
            reworded=landing.reworded,
            old_words=landing.kept_block.plain,
            kept_link=f"{_href(page, kept_page(source.id, kept.key))}#{landing.kept_block.word_anchor}",
            kept_date=kept.adopted or kept.key,
            successor_link=f"#{landing.successor.word_anchor}" if landing.successor else None,
            changes_link=_href(page, changes_page(source.id, kept.key)),
        )

    def current_view(self, source: Source) -> dict[str, Any]:
        """What source.html.j2 needs beyond the source itself."""
        page = source_page(source.id)
        return dict(page=page, paragraphs=self.current_paragraphs(source), copies=self.copy_rows(source, page))

    # Pages ---------------------------------------------------------------
    def kept_copy_page(self, source: Source, copy: Copy) -> str:
        """A kept copy, word for word, under a banner: superseded when, the current copy, what changed."""
        page = kept_page(source.id, copy.key)
        history = self.histories[source.id]
        paragraphs = [Paragraph(b, block_html(b), (b.anchor,)) for b in copy.text.blocks]
        return self.env.get_template("source_copy.html.j2").render(
            source=source,
            copy=copy,
            next_copy=history.next_of(copy),
            paragraphs=paragraphs,
            copies=self.copy_rows(source, page),
            current_link=_href(page, source_page(source.id)),
            changes_link=_href(page, changes_page(source.id, copy.key)),
        )

    def changes_of_update(self, source: Source, copy: Copy) -> str:
        """What changed from ``copy`` to the next copy: reworded (words marked), removed, added, moved."""
        history = self.histories[source.id]
        page = changes_page(source.id, copy.key)
        new = history.next_of(copy)
        changes = update_changes(copy, new, history.fates[history.copies.index(copy)])
        old_page = kept_page(source.id, copy.key)
        new_page = source_page(source.id) if new.is_current else kept_page(source.id, new.key)

        def old_link(block: Block) -> str:
            return f"{_href(page, old_page)}#{block.word_anchor}"

        def new_link(block: Block) -> str:
            return f"{_href(page, new_page)}#{block.word_anchor}"

        return self.env.get_template("source_changes.html.j2").render(
            source=source,
            changes=changes,
            old_link=old_link,
            new_link=new_link,
            html=block_html,
            old_copy_link=_href(page, old_page),
            new_copy_link=_href(page, new_page),
            source_link=_href(page, source_page(source.id)),
        )

    def pages(self, sources: list[Source]) -> dict[str, str]:
        """Every kept copy's page and every update's what-changed page, in source order."""
        out: dict[str, str] = {}
        for source in sources:
            for copy in self.histories[source.id].kept:
                out[kept_page(source.id, copy.key)] = self.kept_copy_page(source, copy)
                out[changes_page(source.id, copy.key)] = self.changes_of_update(source, copy)
        return out
