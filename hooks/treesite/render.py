"""Turn a loaded tree into Markdown pages: {site path: Markdown text}.

Python gathers what each page needs (views); Jinja templates in ./templates
decide how it reads. Links are relative Markdown links between .md paths, so
MkDocs checks every one of them and they work from file:// too.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from pathlib import Path

import jinja2

from . import text
from .graph import Graph
from .load import LoadedTree
from .model import Cite, Fact, Node, Note, Retired, Source, Tree

TEMPLATES = Path(__file__).parent / "templates"
START_PAGE = "index.md"
MAP_PAGE = "map.md"
SOURCES_PAGE = "s/index.md"
_HEADING = re.compile(r"^(#{1,5}) ", re.MULTILINE)


def page_of(node: Node, tree: Tree) -> str:
    """The Markdown path of a node's page; the start node is the site's front page."""
    return START_PAGE if node.id == tree.start else md_path(node.url)


def source_page(source_id: str) -> str:
    return f"s/{source_id}.md"


def html_url(md_path: str) -> str:
    return md_path.removesuffix(".md") + ".html"


def md_path(url: str) -> str:
    """The inverse of html_url: a published URL's Markdown page."""
    return url.removesuffix(".html") + ".md"


def rel(from_page: str, to_page: str) -> str:
    """Relative link from one page to another (both .md paths from the docs root)."""
    return posixpath.relpath(to_page, posixpath.dirname(from_page) or ".")


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


@dataclass(frozen=True)
class NoteView:
    note: Note
    cites: tuple[CiteView, ...]


@dataclass(frozen=True)
class TopicSection:
    title: str
    facts: list[FactView]
    notes: list[NoteView]


@dataclass(frozen=True)
class FactPart:
    """A run of topic sections: all of a page's facts, or (on a deep page) its own or its inherited ones."""

    kind: str  # "all", "own" or "inherited"; the template names each
    sections: list[TopicSection]


@dataclass(frozen=True)
class PathStep:
    axis: str
    choice: str
    change_link: str


class Renderer:
    """Renders every page of one tree; one instance per build."""

    def __init__(self, loaded: LoadedTree, site_url: str = "") -> None:
        self.tree = loaded.tree
        self.graph: Graph = loaded.graph
        self.site_url = site_url.rstrip("/") + "/" if site_url else ""
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(TEMPLATES),
            autoescape=False,  # the output is Markdown; text is escaped by the md filter
            undefined=jinja2.StrictUndefined,
            keep_trailing_newline=True,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.env.filters.update(
            md=text.md_inline,
            plain=text.plain,
            title=text.admonition_title,
            yaml_str=text.yaml_string,
            mermaid=text.mermaid_label,
        )
        self.env.globals.update(rel=rel, site=self.tree.site)
        self._sources = self.tree.sources_by_id
        self._facts = self.tree.facts_by_id
        self._notes = self.tree.notes_by_id
        self._cited_by = self._citing_pages()

    # Views ---------------------------------------------------------------
    def _cite(self, cite: Cite, from_page: str) -> CiteView:
        source = self._sources[cite.source]
        assert source.text is not None
        block = source.text.find(cite.quote)
        assert block is not None, "checked in checks.sources_and_quotes"
        link = f"{rel(from_page, source_page(source.id))}#{block.anchor}"
        return CiteView(" ".join(cite.quote.split()), source, block.number, link)

    def _fact(self, fact_id: str, page: str) -> FactView:
        fact = self._facts[fact_id]
        cites = tuple(self._cite(c, page) for c in fact.cites)
        return FactView(fact, cites, all(c.source.kind != "official" for c in cites))

    def _sections(self, fact_ids: list[str], notes: list[Note], page: str) -> list[TopicSection]:
        """Facts and notes grouped under their topic, topics in the order the tree lists them."""
        sections: list[TopicSection] = []
        for topic in self.tree.topics:
            views = [self._fact(f, page) for f in fact_ids if self._facts[f].topic == topic.id]
            topic_notes = [self._note(n, page) for n in notes if n.topic == topic.id]
            if views or topic_notes:
                sections.append(TopicSection(topic.title, views, topic_notes))
        return sections

    def _parts(self, node: Node, notes: list[Note], page: str) -> list[FactPart]:
        """Put what this choice adds first: on a deep answer that is what the reader came for."""
        inherited = self.graph.inherited_facts[node.id]
        own = self.graph.own_facts[node.id]
        if not (inherited and own):
            return [FactPart("all", self._sections(inherited + own, notes, page))]
        own_topics = {self._facts[f].topic for f in own}
        first = self._sections(own, [n for n in notes if n.topic in own_topics], page)
        rest = self._sections(inherited, [n for n in notes if n.topic not in own_topics], page)
        return [FactPart("own", first), FactPart("inherited", rest)]

    def _note(self, note: Note, page: str) -> NoteView:
        return NoteView(note, tuple(self._cite(c, page) for c in note.cites))

    def _path(self, node: Node, page: str) -> list[PathStep]:
        return [
            PathStep(step.question.axis or step.question.title, step.option.short, rel(page, page_of(step.question, self.tree)))
            for step in self.graph.canonical[node.id]
        ]

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

    # Pages ---------------------------------------------------------------
    def node_page(self, node: Node) -> str:
        page = page_of(node, self.tree)
        notes: list[Note] = [self._notes[n] for n in self.graph.effective_notes(node.id)]
        parts = self._parts(node, notes, page)
        sections = [section for part in parts for section in part.sections]
        cited_sources = sorted(
            {c.source.id: c.source for section in sections for v in section.facts for c in v.cites}.values(),
            key=lambda s: (s.kind != "official", s.title),
        )
        verdict_node = self.graph.verdict_node(node.id)
        path = self._path(node, page)
        context = dict(
            node=node,
            page=page,
            path=path,
            path_count=self.graph.path_count(node.id),
            verdict=verdict_node.verdict if verdict_node else None,
            parts=parts,
            sections=sections,
            page_notes=[self._note(n, page) for n in notes if not n.topic],
            conflicts=[n for n in notes if n.kind == "conflict"],
            options=[(o, rel(page, page_of(self.tree.node(o.to), self.tree))) for o in node.options],
            sources=cited_sources,
            permalink=self.site_url + html_url(page),
            start_link=rel(page, START_PAGE),
            search_tags=self._search_tags(node),
        )
        ticket = self.env.get_template("ticket.txt.j2").render(**context).strip()
        context.update(ticket=ticket, fence=text.fence_for(ticket))
        return self.env.get_template("node.md.j2").render(**context)

    def source_text_page(self, source: Source) -> str:
        page = source_page(source.id)
        assert source.text is not None
        blocks = [(b, _HEADING.sub(r"#\1 ", b.markdown)) for b in source.text.blocks]
        citing = [(n, rel(page, page_of(n, self.tree))) for n in self._cited_by[source.id]]
        return self.env.get_template("source.md.j2").render(source=source, blocks=blocks, citing=citing, page=page)

    def sources_index(self) -> str:
        ordered = sorted(self.tree.sources, key=lambda s: (s.kind != "official", s.date or "0", s.title))
        rows = [(s, rel(SOURCES_PAGE, source_page(s.id))) for s in ordered]
        return self.env.get_template("sources.md.j2").render(rows=rows)

    def map_page(self) -> str:
        nodes = [self.tree.node(n) for n in self.graph.order]
        ids = {n.id: f"n{i}" for i, n in enumerate(nodes)}
        links = {n.id: html_url(page_of(n, self.tree)) for n in nodes}
        return self.env.get_template("map.md.j2").render(nodes=nodes, ids=ids, links=links, outline=self._outline())

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
        return [*nodes, ("Map of the tree", MAP_PAGE), ("Sources", SOURCES_PAGE), *sources]

    def retired_page(self, entry: Retired) -> str:
        page = md_path(entry.url)
        target = self.tree.node(entry.instead)
        return self.env.get_template("retired.md.j2").render(
            entry=entry, target=target, link=rel(page, page_of(target, self.tree)), start_link=rel(page, START_PAGE)
        )

    def pages(self) -> dict[str, str]:
        """Every generated page, keyed by its path under the docs root, in a stable order."""
        out: dict[str, str] = {}
        for node_id in self.graph.order:
            node = self.tree.node(node_id)
            out[page_of(node, self.tree)] = self.node_page(node)
        for source in self.tree.sources:
            out[source_page(source.id)] = self.source_text_page(source)
        out[SOURCES_PAGE] = self.sources_index()
        out[MAP_PAGE] = self.map_page()
        for entry in self.tree.retired:
            out[md_path(entry.url)] = self.retired_page(entry)
        return out


def redirect_map(loaded: LoadedTree) -> dict[str, str]:
    """mkdocs-redirects' redirect_maps: old .md path → the renamed node's .md path."""
    tree = loaded.tree
    return {md_path(r.from_url): page_of(tree.node(r.to), tree) for r in tree.redirects}
