"""What every node page shows (start, question and answer pages alike): title, path line, history,
the facts and notes grouped under the card's questions, the sources, the About block."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..model import Node, Note
from .citations import FactView, NoteView, fact_view, note_view
from .context import Context
from .history import HISTORY_SHOWN, page_history
from .paths import CHANGES_PAGE, START_PAGE, href, node_paths


@dataclass(frozen=True)
class TopicSection:
    title: str
    facts: list[FactView]
    notes: list[NoteView]


@dataclass(frozen=True)
class QuestionGroup:
    """The body of a page under one glance question (or "Other details"), in the card's order."""

    id: str  # HTML id of its heading
    title: str
    sections: list[TopicSection]


def _sections(
    ctx: Context, fact_ids: list[str], notes: list[Note], page: str, inherited: set[str], topics: list[str]
) -> list[TopicSection]:
    """Facts and notes grouped under their topic, topics in tree order; on each topic, the page's own facts first."""
    facts = ctx.tree.facts_by_id
    sections: list[TopicSection] = []
    for topic in ctx.tree.topics:
        if topic.id not in topics:
            continue
        ids = [f for f in fact_ids if facts[f].topic == topic.id]
        ids.sort(key=lambda f: f in inherited)
        views = [fact_view(ctx, f, page, f in inherited) for f in ids]
        topic_notes = [note_view(ctx, n, page, n.id in inherited) for n in notes if n.topic == topic.id]
        if views or topic_notes:
            sections.append(TopicSection(topic.title, views, topic_notes))
    return sections


def groups(ctx: Context, node: Node, notes: list[Note], page: str) -> list[QuestionGroup]:
    """The body follows the card: one group per glance question, then "Other details" (topics mapped in YAML)."""
    graph, tree = ctx.graph, ctx.tree
    inherited = set(graph.inherited_facts[node.id]) | set(graph.inherited_notes[node.id])
    facts = graph.effective_facts(node.id)
    found: list[QuestionGroup] = []
    for question in tree.site.glance:
        topics = [t.id for t in tree.topics if t.glance == question.id]
        sections = _sections(ctx, facts, notes, page, inherited, topics)
        if sections:
            found.append(QuestionGroup(f"about-{question.id}", question.label, sections))
    others = [t.id for t in tree.topics if not t.glance]
    sections = _sections(ctx, facts, notes, page, inherited, others)
    if sections:
        found.append(QuestionGroup("other-details", "Other details", sections))
    return found


def search_tags(ctx: Context, node: Node) -> list[str]:
    """Keywords plus the synonyms of the options that lead here: a search naming the product finds its page.

    Material's search weighs tags far above text, so "GPT-4o" or "BC" in a
    query ranks the page those words choose first. Only the options leading
    straight here, not those further up: the tags show under each search
    result, and every ancestor's words would bury the page's own.
    """
    words = list(node.keywords)
    for parent in ctx.graph.parents.get(node.id, []):
        words += [w for o in ctx.tree.node(parent).options if o.to == node.id for w in o.synonyms]
    unique: dict[str, str] = {}
    for word in words:
        unique.setdefault(word.casefold(), word)
    return list(unique.values())


def node_view(ctx: Context, node: Node) -> dict[str, Any]:
    """What every node page's template reads; the page kinds add their card (answer.py, question.py)."""
    graph = ctx.graph
    page = ctx.page_of(node)
    notes: list[Note] = [ctx.tree.notes_by_id[n] for n in graph.effective_notes(node.id)]
    grouped = groups(ctx, node, notes, page)
    sections = [section for group in grouped for section in group.sections]
    cited_sources = sorted(
        {c.source.id: c.source for section in sections for v in section.facts for c in v.cites}.values(),
        key=lambda s: (s.kind != "official", s.title),
    )
    inherited_notes = set(graph.inherited_notes[node.id])
    history = page_history(ctx.history.get(node.id, []), page)
    paths = node_paths(ctx.tree, graph, node, page)
    return dict(
        node=node,
        page=page,
        path=paths[0],  # the path line: one path, each step with its "change" link
        paths=paths,  # the ticket text names every one (path_text)
        path_count=graph.path_count(node.id),
        groups=grouped,
        sections=sections,
        page_notes=[note_view(ctx, n, page, n.id in inherited_notes) for n in notes if not n.topic],
        sources=cited_sources,
        permalink=ctx.permalink(node),
        start_link=href(page, START_PAGE),
        history=history,
        history_shown=HISTORY_SHOWN,
        all_changes_link=href(page, CHANGES_PAGE),
        last_change=history[0] if history else None,
        search_tags=search_tags(ctx, node),
    )
