"""Turn a loaded tree into Markdown pages: {site path: Markdown text}.

Python gathers what each page needs (views); Jinja templates in ./templates
decide how it reads. Links are relative, so they work from file:// too:
Markdown links between .md paths in *.md.j2 templates (MkDocs checks them),
and .html links in the raw HTML of *.html.j2 templates (scripts/check_links.py
and the built-site tests check those).
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

from . import text
from .changelog import Entry
from .graph import Graph, Step
from .load import LoadedTree
from .model import Cite, Fact, GlanceQuestion, GlanceRow, Node, NotCovered, Note, Retired, Source, Tree
from .refine import shows_card
from .sourcepages import SourcePages, changes_page, source_page

TEMPLATES = Path(__file__).parent / "templates"
START_PAGE = "index.md"
MAP_PAGE = "map.md"
COMPARE_PAGE = "compare.md"
COMPARE_CSV = "compare.csv"  # the compare table as data (comparecsv.py), beside compare.html; written by the hook
SOURCES_PAGE = "s/index.md"
CHANGES_PAGE = "changes.md"
NOT_COVERED_PAGE = "not-covered.md"  # what our sources do not cover (not_covered:); linked from About and the nav
HISTORY_SHOWN = 5  # entries listed on a page; the What changed page has them all


def page_of(node: Node, tree: Tree) -> str:
    """The Markdown path of a node's page; the start node is the site's front page."""
    return START_PAGE if node.id == tree.start else md_path(node.url)


def html_url(md_path: str) -> str:
    return md_path.removesuffix(".md") + ".html"


def md_path(url: str) -> str:
    """The inverse of html_url: a published URL's Markdown page."""
    return url.removesuffix(".html") + ".md"


def rel(from_page: str, to_page: str) -> str:
    """Relative link from one page to another (both .md paths from the docs root)."""
    return posixpath.relpath(to_page, posixpath.dirname(from_page) or ".")


def href(from_page: str, to_page: str) -> str:
    """The same link as rel, to the built .html page: raw HTML links are not rewritten by MkDocs."""
    return html_url(rel(from_page, to_page))


@dataclass(frozen=True)
class CiteView:
    """A quote with its source and the link to its passage (``s/<id>.html#w-…``: an anchor that survives updates)."""

    quote: str
    source: Source
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


@dataclass(frozen=True)
class HistoryItem:
    """One change as a page shows it; link goes to the entry on the What changed page."""

    date: str
    summary: str
    why: str
    link: str
    update_link: str | None = None  # a source update: its What changed page
    update_source: str | None = None  # that source's short name


@dataclass(frozen=True)
class ChangeRow:
    """One entry on the What changed page, with links (.html, relative to the page) to the pages it touches."""

    entry: Entry
    pages: list[tuple[str, str]]
    update: tuple[str, str] | None = None  # (source's short name, link to the What changed page of its update)


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
            group = groups.setdefault(cite.link, Evidence(cite.source, cite.link, []))
            group.quotes.append(cite.quote)
        return list(groups.values())


@dataclass(frozen=True)
class Evidence:
    """Quotes of one source paragraph behind a card row, with the paragraph's link."""

    source: Source
    link: str
    quotes: list[str]


@dataclass(frozen=True)
class ChoiceRow:
    """One row of a question page's card: what holds for every choice below, or that the next choice decides.

    kind is refine.SETTLED, PARTIAL, DEPENDS or SILENT; glance is the page's own or
    inherited row, when it has one (a DEPENDS row may have none).
    """

    question: GlanceQuestion
    kind: str
    glance: GlanceView | None


@dataclass(frozen=True)
class CompareRow:
    """One answer page on the compare page: its card's rows, linked to that page; every path that leads there."""

    node: Node
    link: str
    paths: list[list[PathStep]]
    cells: list[GlanceView]


@dataclass(frozen=True)
class NotCoveredView:
    """One product our sources do not cover, as the list shows it; link and title only where a page applies."""

    entry: NotCovered
    nearest_link: str | None
    nearest_title: str | None


@dataclass(frozen=True)
class PathStep:
    axis: str
    choice: str
    change_link: str


PATH_STEP = " > "  # between the choices of one path, in the ticket text and compare.csv
PATH_OR = "; or "  # between the paths of a page reached more than one way


def path_text(paths: list[list[PathStep]]) -> str:
    """Every path to a page as one plain line: "Account: Work or school > Product: Azure OpenAI; or Account: Personal > …".

    Why one function: the ticket text (a Jinja filter) and compare.csv both give
    the paths, so a pasted ticket and a spreadsheet name the same ones, and a
    page reached from two account types names both rather than the first alone.
    """
    return PATH_OR.join(PATH_STEP.join(f"{text.plain(s.axis)}: {text.plain(s.choice)}" for s in path) for path in paths)


class Renderer:
    """Renders every page of one tree; one instance per build."""

    def __init__(self, loaded: LoadedTree, site_url: str = "", changes: list[Entry] | None = None) -> None:
        self.tree = loaded.tree
        self.graph: Graph = loaded.graph
        self.site_url = site_url.rstrip("/") + "/" if site_url else ""
        self.changes = changes or []
        self._history: dict[str, list[Entry]] = {}
        for entry in self.changes:
            if not entry.change.minor:  # a typo fix is recorded, but is not a change of the answer
                for node in entry.nodes:
                    self._history.setdefault(node.id, []).append(entry)
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(TEMPLATES),
            # *.html.j2 pages are raw HTML blocks: Jinja escapes every value (GUIDE decision 1).
            # *.md.j2 and *.txt.j2 keep autoescape off until they are converted.
            autoescape=jinja2.select_autoescape(enabled_extensions=("html.j2",), default_for_string=False),
            undefined=jinja2.StrictUndefined,
            keep_trailing_newline=True,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.env.filters.update(
            inline=text.html_inline,
            plain=text.plain,
            yaml_str=text.yaml_string,
            mermaid=text.mermaid_label,
            path_text=path_text,
        )
        self.env.globals.update(rel=rel, href=href, site=self.tree.site)
        self._sources = self.tree.sources_by_id
        self._facts = self.tree.facts_by_id
        self._notes = self.tree.notes_by_id
        self._cited_by = self._citing_pages()
        self.source_pages = SourcePages(self.env, self.tree.sources, loaded.base)

    # Views ---------------------------------------------------------------
    def _cite(self, cite: Cite, from_page: str) -> CiteView:
        source = self._sources[cite.source]
        assert source.text is not None
        block = source.text.find(cite.quote)
        assert block is not None, "checked in checks.sources_and_quotes"
        link = f"{href(from_page, source_page(source.id))}#{block.word_anchor}"
        return CiteView(" ".join(cite.quote.split()), source, link)

    def _fact(self, fact_id: str, page: str, inherited: bool = False) -> FactView:
        fact = self._facts[fact_id]
        cites = tuple(self._cite(c, page) for c in fact.cites)
        return FactView(fact, cites, all(c.source.kind != "official" for c in cites), inherited)

    def _sections(self, fact_ids: list[str], notes: list[Note], page: str, inherited: set[str], topics: list[str]) -> list[TopicSection]:
        """Facts and notes grouped under their topic, topics in tree order; on each topic, the page's own facts first."""
        sections: list[TopicSection] = []
        for topic in self.tree.topics:
            if topic.id not in topics:
                continue
            ids = [f for f in fact_ids if self._facts[f].topic == topic.id]
            ids.sort(key=lambda f: f in inherited)
            views = [self._fact(f, page, f in inherited) for f in ids]
            topic_notes = [self._note(n, page, n.id in inherited) for n in notes if n.topic == topic.id]
            if views or topic_notes:
                sections.append(TopicSection(topic.title, views, topic_notes))
        return sections

    def _groups(self, node: Node, notes: list[Note], page: str) -> list[QuestionGroup]:
        """The body follows the card: one group per glance question, then "Other details" (topics mapped in YAML)."""
        inherited = set(self.graph.inherited_facts[node.id]) | set(self.graph.inherited_notes[node.id])
        facts = self.graph.effective_facts(node.id)
        groups: list[QuestionGroup] = []
        for question in self.tree.site.glance:
            topics = [t.id for t in self.tree.topics if t.glance == question.id]
            sections = self._sections(facts, notes, page, inherited, topics)
            if sections:
                groups.append(QuestionGroup(f"about-{question.id}", question.label, sections))
        others = [t.id for t in self.tree.topics if not t.glance]
        sections = self._sections(facts, notes, page, inherited, others)
        if sections:
            groups.append(QuestionGroup("other-details", "Other details", sections))
        return groups

    def answer_card(self, node: Node, page: str) -> list[GlanceView]:
        """The card of an answer page (and a compare row): the rows the page shows, in site order.

        Public because the ticket box's data and the compare CSV carry the same rows
        as the pages; page is the .md path the rows' links are relative to.
        """
        rows = self.graph.glance_rows(node.id)
        return [self._glance_row(q, rows[q.id], page) for q in self.tree.site.glance if q.id in rows]

    def _glance_row(self, question: GlanceQuestion, row: GlanceRow, page: str) -> GlanceView:
        cites = tuple(self._cite(c, page) for c in row.cites)
        cited = {c.source: self._sources[c.source] for c in (row.cites or self._facts[row.fact].cites)}
        conflict = self._notes[row.conflict] if row.conflict else None
        return GlanceView(question, row, conflict, tuple(cited.values()), cites)

    def question_card(self, node: Node, page: str) -> list[ChoiceRow]:
        """The card of a question page: each row settled here, or left to the next choice (refine.py decides which).

        Empty for a question page that shows no card (one that states no facts, such as the start page).
        """
        if not shows_card(self.tree, self.graph, node.id):
            return []
        rows = self.graph.glance_rows(node.id)
        states = self.graph.choice_rows[node.id]
        return [
            ChoiceRow(q, states[q.id].kind, self._glance_row(q, rows[q.id], page) if q.id in rows else None) for q in self.tree.site.glance
        ]

    def _note(self, note: Note, page: str, inherited: bool = False) -> NoteView:
        return NoteView(note, tuple(self._cite(c, page) for c in note.cites), inherited)

    def _paths(self, node: Node, page: str) -> list[list[PathStep]]:
        """Every path that leads to the node, the canonical one (the path line's) first."""

        def step_view(step: Step) -> PathStep:
            return PathStep(step.question.axis or step.question.title, step.option.short, href(page, page_of(step.question, self.tree)))

        return [[step_view(step) for step in route] for route in self.graph.routes(node.id)]

    def _search_tags(self, node: Node) -> list[str]:
        """Keywords plus the synonyms of the options that lead here: a search naming the product finds its page.

        Material's search weighs tags far above text, so "GPT-4o" or "BC" in a
        query ranks the page those words choose first. Only the options leading
        straight here, not those further up: the tags show under each search
        result, and every ancestor's words would bury the page's own.
        """
        words = list(node.keywords)
        for parent in self.graph.parents.get(node.id, []):
            words += [w for o in self.tree.node(parent).options if o.to == node.id for w in o.synonyms]
        unique: dict[str, str] = {}
        for word in words:
            unique.setdefault(word.casefold(), word)
        return list(unique.values())

    def _citing_pages(self) -> dict[str, list[Node]]:
        cited: dict[str, list[Node]] = {s.id: [] for s in self.tree.sources}
        for node_id in self.graph.order:
            node = self.tree.node(node_id)
            ids = {c.source for f in node.facts for c in self._facts[f].cites}
            ids |= {c.source for n in node.notes for c in self._notes[n].cites}
            for source_id in sorted(ids):
                cited[source_id].append(node)
        return cited

    def _page_history(self, node: Node, page: str) -> list[HistoryItem]:
        """The page's non-minor changes, newest first, linking to each on the What changed page."""
        changes_link = html_url(rel(page, CHANGES_PAGE))
        items = []
        for e in self._history.get(node.id, []):
            update = self._update(e, page)
            link = f"{changes_link}#{e.anchor}"
            items.append(HistoryItem(e.date, e.change.summary, e.change.why, link, update and update[1], update and update[0]))
        return items

    def _update(self, entry: Entry, page: str) -> tuple[str, str] | None:
        """(the source's short name, link from page to the What changed page) of the update an entry records."""
        if entry.update is None:
            return None
        source_id, key = entry.update
        return self._sources[source_id].short_name, href(page, changes_page(source_id, key))

    # Pages ---------------------------------------------------------------
    def node_page(self, node: Node) -> str:
        """Each page kind has its own view and template: the start page, a question page, an answer page.

        A question page leads with its question and options (the next click), then
        what holds for every choice below; an answer page leads with its card. The
        start page is the first question with the ticket box (overrides/main.html).
        """
        if node.is_question:
            view = self._question_view(node)
            template = "start.html.j2" if node.id == self.tree.start else "question.html.j2"
            view.update(ticket=self._ticket("ticket_question.txt.j2", view))
        else:
            view = self._answer_view(node)
            template = "answer.html.j2"
            view.update(ticket=self._ticket("ticket.txt.j2", view))
        return self.env.get_template(template).render(**view)

    def _node_view(self, node: Node) -> dict[str, Any]:
        """What every node page shows: title, path line, history, the facts and notes grouped, the About block."""
        page = page_of(node, self.tree)
        notes: list[Note] = [self._notes[n] for n in self.graph.effective_notes(node.id)]
        groups = self._groups(node, notes, page)
        sections = [section for group in groups for section in group.sections]
        cited_sources = sorted(
            {c.source.id: c.source for section in sections for v in section.facts for c in v.cites}.values(),
            key=lambda s: (s.kind != "official", s.title),
        )
        inherited_notes = set(self.graph.inherited_notes[node.id])
        history = self._page_history(node, page)
        paths = self._paths(node, page)
        return dict(
            node=node,
            page=page,
            path=paths[0],  # the path line: one path, each step with its "change" link
            paths=paths,  # the ticket text names every one (path_text)
            path_count=self.graph.path_count(node.id),
            groups=groups,
            sections=sections,
            page_notes=[self._note(n, page, n.id in inherited_notes) for n in notes if not n.topic],
            sources=cited_sources,
            permalink=self.permalink(node),
            start_link=href(page, START_PAGE),
            history=history,
            history_shown=HISTORY_SHOWN,
            all_changes_link=href(page, CHANGES_PAGE),
            last_change=history[0] if history else None,
            search_tags=self._search_tags(node),
        )

    def _answer_view(self, node: Node) -> dict[str, Any]:
        """An answer page: the card under the title answers the four questions."""
        view = self._node_view(node)
        view.update(glance=self.answer_card(node, view["page"]))
        return view

    def _question_view(self, node: Node) -> dict[str, Any]:
        """A question page: its options first, then its card of what holds for every choice below."""
        view = self._node_view(node)
        page = view["page"]
        view.update(
            options=[(o, href(page, page_of(self.tree.node(o.to), self.tree))) for o in node.options],
            choice_rows=self.question_card(node, page),
            compare_link=href(page, COMPARE_PAGE) if node.id == self.tree.start else None,
        )
        return view

    def _ticket(self, template: str, view: dict[str, Any]) -> str:
        return self.env.get_template(template).render(**view).strip()

    def source_text_page(self, source: Source) -> str:
        page = source_page(source.id)
        citing = [(n, href(page, page_of(n, self.tree))) for n in self._cited_by[source.id]]
        return self.env.get_template("source.html.j2").render(
            source=source, citing=citing, changes_link=href(page, CHANGES_PAGE), **self.source_pages.current_view(source)
        )

    def changes_page(self) -> str:
        """Every change, newest first, each with links to the pages it touches."""
        rows = [
            ChangeRow(
                e,
                [(n.title, html_url(rel(CHANGES_PAGE, page_of(n, self.tree)))) for n in e.nodes]
                + [(f"{r.title} (retired)", r.url) for r in e.retired],
                self._update(e, CHANGES_PAGE),
            )
            for e in self.changes
        ]
        return self.env.get_template("changes.html.j2").render(rows=rows)

    def sources_index(self) -> str:
        ordered = sorted(self.tree.sources, key=lambda s: (s.kind != "official", s.date or "0", s.title))
        rows = [(s, href(SOURCES_PAGE, source_page(s.id))) for s in ordered]
        return self.env.get_template("sources.html.j2").render(rows=rows)

    def not_covered_page(self) -> str:
        """The products and services our sources do not cover, from not_covered: in the tree."""
        views = []
        for entry in self.tree.not_covered:
            node = self.tree.node(entry.nearest) if entry.nearest else None
            link = href(NOT_COVERED_PAGE, page_of(node, self.tree)) if node else None
            views.append(NotCoveredView(entry, link, node.title if node else None))
        return self.env.get_template("not_covered.html.j2").render(
            entries=views,
            source_count=len(self.tree.sources),
            sources_link=href(NOT_COVERED_PAGE, SOURCES_PAGE),
            start_link=href(NOT_COVERED_PAGE, START_PAGE),
        )

    def map_page(self) -> str:
        nodes = [self.tree.node(n) for n in self.graph.order]
        ids = {n.id: f"n{i}" for i, n in enumerate(nodes)}
        links = {n.id: html_url(page_of(n, self.tree)) for n in nodes}
        outline = [(depth, node, label, href(MAP_PAGE, page), repeat) for depth, node, label, page, repeat in self._outline()]
        return self.env.get_template("map.html.j2").render(nodes=nodes, ids=ids, links=links, outline=outline)

    def compare_rows(self) -> list[CompareRow]:
        """A row per answer page, depth-first so the answers of one product stay together.

        The compare page and its CSV (comparecsv.py) both read these, so the file says what the table says.
        """
        rows = []
        for _, node, _, _, repeat in self._outline():
            if node.is_question or repeat:
                continue
            link = href(COMPARE_PAGE, page_of(node, self.tree))
            rows.append(CompareRow(node, link, self._paths(node, COMPARE_PAGE), self.answer_card(node, COMPARE_PAGE)))
        return rows

    def permalink(self, node: Node) -> str:
        """The page's permanent address: site_url plus the path its node id gives it."""
        return self.site_url + html_url(page_of(node, self.tree))

    def compare_page(self) -> str:
        """Every answer page's card side by side: the page legal teams forward; it links the same rows as a CSV."""
        return self.env.get_template("compare.html.j2").render(
            questions=self.tree.site.glance, rows=self.compare_rows(), csv_link=COMPARE_CSV
        )

    def _outline(self) -> list[tuple[int, Node, str, str, bool]]:
        """Depth-first rows (depth, node, option label, link, already shown) for the nested list."""
        rows: list[tuple[int, Node, str, str, bool]] = []
        shown: set[str] = set()

        def walk(node: Node, label: str, depth: int) -> None:
            repeat = node.id in shown
            rows.append((depth, node, label, page_of(node, self.tree), repeat))
            if repeat:
                return
            shown.add(node.id)
            for option in node.options:
                walk(self.tree.node(option.to), option.label, depth + 1)

        walk(self.tree.node(self.tree.start), "", 0)
        return rows

    def reading_order(self) -> list[tuple[str, str]]:
        """(title, page): node pages depth-first (a question, then all under it), then sources. For print."""
        nodes = [(node.title, page) for _, node, _, page, repeat in self._outline() if not repeat]
        sources = [(f"Source: {s.title}", source_page(s.id)) for s in self.tree.sources]
        return [
            *nodes,
            ("Compare the answers", COMPARE_PAGE),
            ("Map of the tree", MAP_PAGE),
            ("Sources", SOURCES_PAGE),
            *sources,
            ("What our sources do not cover", NOT_COVERED_PAGE),
            ("What changed", CHANGES_PAGE),
        ]

    def retired_page(self, entry: Retired) -> str:
        page = md_path(entry.url)
        target = self.tree.node(entry.instead)
        return self.env.get_template("retired.html.j2").render(
            entry=entry, target=target, link=href(page, page_of(target, self.tree)), start_link=href(page, START_PAGE)
        )

    def pages(self) -> dict[str, str]:
        """Every generated page, keyed by its path under the docs root, in a stable order."""
        out: dict[str, str] = {}
        for node_id in self.graph.order:
            node = self.tree.node(node_id)
            out[page_of(node, self.tree)] = self.node_page(node)
        for source in self.tree.sources:
            out[source_page(source.id)] = self.source_text_page(source)
        out.update(self.source_pages.pages(self.tree.sources))
        out[SOURCES_PAGE] = self.sources_index()
        out[MAP_PAGE] = self.map_page()
        out[CHANGES_PAGE] = self.changes_page()
        out[COMPARE_PAGE] = self.compare_page()
        out[NOT_COVERED_PAGE] = self.not_covered_page()
        for entry in self.tree.retired:
            out[md_path(entry.url)] = self.retired_page(entry)
        return out


def redirect_map(loaded: LoadedTree) -> dict[str, str]:
    """mkdocs-redirects' redirect_maps: old .md path → the renamed node's .md path."""
    tree = loaded.tree
    return {md_path(r.from_url): page_of(tree.node(r.to), tree) for r in tree.redirects}
