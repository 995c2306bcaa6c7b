"""Quotes as links to the source paragraph they come from; facts, notes and card rows with their quotes.

Every claim on the site is traceable: each quote becomes a CiteView whose link
opens the exact paragraph on the source's page (s/<id>.html#<anchor>).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..graph import Graph
from ..model import Cite, Fact, GlanceQuestion, GlanceRow, Node, Note, Source, Tree
from .context import Context
from .paths import href, source_page


@dataclass(frozen=True)
class CiteView:
    quote: str
    source: Source
    paragraph: int
    link: str


@dataclass(frozen=True)
class FactView:
    fact: Fact
    cites: tuple[CiteView, ...]
    only_weak: bool
    inherited: bool = False  # stated by every page above too: search leads to the page that introduces it


@dataclass(frozen=True)
class NoteView:
    note: Note
    cites: tuple[CiteView, ...]
    inherited: bool = False


@dataclass(frozen=True)
class GlanceView:
    """One row of the At-a-glance card."""

    question: GlanceQuestion
    row: GlanceRow
    conflict: Note | None
    sources: tuple[Source, ...]  # the sources its quotes come from (its fact's, until it has its own), for the ticket
    cites: tuple[CiteView, ...] = ()  # the row's own evidence, shown under its sentence

    @property
    def evidence(self) -> list[Evidence]:
        """The row's quotes grouped by the paragraph they come from, in the row's order.

        Several quotes of one paragraph share one link: on the card that keeps a row
        with four quotes of one paragraph to one source line, not four.
        """
        groups: dict[str, Evidence] = {}
        for cite in self.cites:
            group = groups.setdefault(cite.link, Evidence(cite.source, cite.paragraph, cite.link, []))
            group.quotes.append(cite.quote)
        return list(groups.values())


@dataclass(frozen=True)
class Evidence:
    """Quotes of one source paragraph behind a card row, with the paragraph's link."""

    source: Source
    paragraph: int
    link: str
    quotes: list[str]


def cite_view(ctx: Context, cite: Cite, from_page: str) -> CiteView:
    """The quote, its paragraph's number and a link to that paragraph, relative to from_page."""
    source = ctx.tree.sources_by_id[cite.source]
    assert source.text is not None
    block = source.text.find(cite.quote)
    assert block is not None, "checked in checks.sources_and_quotes"
    link = f"{href(from_page, source_page(source.id))}#{block.anchor}"
    return CiteView(" ".join(cite.quote.split()), source, block.number, link)


def fact_view(ctx: Context, fact_id: str, page: str, inherited: bool = False) -> FactView:
    fact = ctx.tree.facts_by_id[fact_id]
    cites = tuple(cite_view(ctx, c, page) for c in fact.cites)
    return FactView(fact, cites, all(c.source.kind != "official" for c in cites), inherited)


def note_view(ctx: Context, note: Note, page: str, inherited: bool = False) -> NoteView:
    return NoteView(note, tuple(cite_view(ctx, c, page) for c in note.cites), inherited)


def glance_view(ctx: Context, question: GlanceQuestion, row: GlanceRow, page: str) -> GlanceView:
    """One card row: its sentence, its own quotes, the sources behind it (its fact's until it has its own), any conflict."""
    sources = ctx.tree.sources_by_id
    cites = tuple(cite_view(ctx, c, page) for c in row.cites)
    cited = {c.source: sources[c.source] for c in (row.cites or ctx.tree.facts_by_id[row.fact].cites)}
    conflict = ctx.tree.notes_by_id[row.conflict] if row.conflict else None
    return GlanceView(question, row, conflict, tuple(cited.values()), cites)


def citing_pages(tree: Tree, graph: Graph) -> dict[str, list[Node]]:
    """Source id -> the node pages whose facts or notes quote it, in tree order: each source page links back to them."""
    facts, notes = tree.facts_by_id, tree.notes_by_id
    cited: dict[str, list[Node]] = {s.id: [] for s in tree.sources}
    for node_id in graph.order:
        node = tree.node(node_id)
        ids = {c.source for f in node.facts for c in facts[f].cites}
        ids |= {c.source for n in node.notes for c in notes[n].cites}
        for source_id in sorted(ids):
            cited[source_id].append(node)
    return cited
