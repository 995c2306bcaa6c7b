"""The tree as typed objects, built once the schema has accepted the data.

Everything downstream (checks, paths, rendering) works on these objects, never
on raw dicts, so a renamed key is a type error rather than a silent blank.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from .cleaning import Step
from .copymodel import ReviewRecord, SourceCopy, current_key
from .errors import Location
from .sourcetext import SourceText


@dataclass(frozen=True)
class Cite:
    source: str
    quote: str
    where: Location


@dataclass(frozen=True)
class Topic:
    id: str
    title: str
    where: Location
    glance: str | None = None  # the At-a-glance question whose part of the page shows this topic


@dataclass
class Source:
    id: str
    title: str
    publisher: str
    kind: str
    date: str | None
    date_note: str | None
    url: str
    also_url: str | None
    file: str
    original_file: str | None
    cleaning: list[Step]  # rules run by source-update and steps done by hand; each says: what readers see
    where: Location
    text: SourceText | None = None
    file_where: Location | None = None  # the line of file:, for problems with the path
    short: str | None = None  # a name that fits beside a quote on the card; the title when not given
    adopted: str | None = None  # when the current copy was taken into the tree: its copy key
    copies: list[SourceCopy] = field(default_factory=list)  # earlier copies, oldest first
    cleaning_lines: tuple[Location, ...] = ()  # where each cleaning step is written
    checked: str | None = None  # set by the review gate: every quote compared with this copy then, every flagged item reviewed

    @property
    def short_name(self) -> str:
        return self.short or self.title

    @property
    def key(self) -> str | None:  # the current copy's key (copymodel.current_key)
        return current_key(self.adopted, self.copies)


@dataclass(frozen=True)
class Fact:
    id: str
    topic: str
    text: str
    inference: str | None
    cites: tuple[Cite, ...]
    where: Location


@dataclass(frozen=True)
class Note:
    id: str
    kind: str
    title: str
    text: str
    cites: tuple[Cite, ...]
    where: Location
    topic: str | None = None


@dataclass(frozen=True)
class Option:
    label: str
    short: str
    hint: str | None
    to: str
    where: Location
    synonyms: tuple[str, ...] = ()  # ticket words for this choice; read by the ticket box and search
    synonym_lines: tuple[Location, ...] = ()  # where each synonym is written, for problems with one of them
    # Features our sources speak of for this choice only (content filters for Azure OpenAI): weaker
    # than a synonym, the ticket box reads them only when the ticket names no option of the question.
    features: tuple[str, ...] = ()
    feature_lines: tuple[Location, ...] = ()
    # Pages of the services this choice is built on, as its sources say (Business Central sends prompts
    # to Azure OpenAI): in a ticket about this choice, those services are named in passing.
    built_on: tuple[str, ...] = ()


@dataclass(frozen=True)
class GlanceQuestion:
    """One of the questions every page answers first (site: glance:); ``words`` are how tickets ask it (ticket box)."""

    id: str
    label: str
    question: str
    where: Location
    words: tuple[str, ...] = ()
    word_lines: tuple[Location, ...] = ()


@dataclass(frozen=True)
class NotCovered:
    """A product or service none of our sources covers (not_covered:), with the names tickets use for it.

    The ticket box and search say plainly that the sources do not cover it, and
    point to ``nearest`` (a node whose page does apply) only when one is given.
    """

    id: str
    name: str
    names: tuple[str, ...]
    name_lines: tuple[Location, ...]
    where: Location
    nearest: str | None = None
    reason: str | None = None  # one plain line: why the nearest page applies, and how far
    nearest_where: Location | None = None


@dataclass(frozen=True)
class WordRule:
    """Words that must not be a synonym (not_synonyms:), and why; kept in YAML so editors see and extend them.

    ``generic`` words occur in tickets about anything: they may not name a not-covered
    product either. ``too-broad`` words name a family or a model that spans more than
    one page: they may name a not-covered product, but never choose an option.
    """

    kind: str
    why: str
    words: tuple[str, ...]
    word_lines: tuple[Location, ...]
    where: Location


@dataclass(frozen=True)
class GlanceRow:
    """A node's short answer to one glance question, backed by a fact on its page."""

    answer: str
    fact: str
    conflict: str | None
    silent: bool
    where: Location  # the line of its fact: what checks point at
    cites: tuple[Cite, ...] = ()  # the row's own evidence, shown under its sentence on the card


@dataclass
class Node:
    id: str
    title: str
    intro: str | None
    ask: str | None
    axis: str | None
    glance: dict[str, GlanceRow]
    facts: list[str]
    notes: list[str]
    keywords: list[str]
    reviewed: str | None
    options: list[Option]
    where: Location
    fact_lines: dict[str, Location] = field(default_factory=dict)
    axis_noun: str | None = None  # the axis as a sentence names it ("deployment type"); see choice_noun
    # Words that qualify a label of this question ("Global" in "Global Standard"): a label the options do
    # not list ("Worldwide Standard") is then read whole, as a label the sources do not name, never by its last word.
    qualifiers: tuple[str, ...] = ()
    qualifier_lines: tuple[Location, ...] = ()

    @property
    def is_question(self) -> bool:
        return bool(self.options)

    @property
    def choice_noun(self) -> str:
        """What the options choose, for sentences such as "Depends on the product": ``axis_noun``, else the axis.

        The axis is a label ("Product", shown in the path line); mid-sentence it is
        lower-cased unless it starts like an abbreviation ("AOAI ..."). A proper noun
        ("Azure service") needs ``axis_noun`` in the YAML.
        """
        if self.axis_noun:
            return self.axis_noun
        axis = self.axis or self.title
        return axis if axis[1:2].isupper() else axis[:1].lower() + axis[1:]

    @property
    def url(self) -> str:
        """The permanent address: built from the id only, so titles can change freely."""
        return f"{'q' if self.is_question else 'a'}/{self.id}.html"


@dataclass(frozen=True)
class Redirect:
    from_url: str
    to: str
    where: Location


@dataclass(frozen=True)
class Retired:
    url: str
    title: str
    date: str
    reason: str
    instead: str
    where: Location


@dataclass(frozen=True)
class Change:
    """One entry of the change log: what changed for the reader on which pages, and why.

    ``pages`` are the refs as written (node ids or URLs such as a/x.html); the
    change log resolves them to node ids once the nodes are known.
    """

    date: str
    pages: tuple[str, ...]
    summary: str
    why: str
    minor: bool
    where: Location
    page_lines: tuple[Location, ...] = ()
    source_update: dict[str, str] | None = None  # {source, from, to}: the entry an update of a source wrote (copy keys)


@dataclass(frozen=True)
class SiteInfo:
    glance: tuple[GlanceQuestion, ...]
    content_date: str


@dataclass
class Tree:
    site: SiteInfo
    start: str
    start_where: Location
    topics: list[Topic]
    sources: list[Source]
    facts: list[Fact]
    notes: list[Note]
    nodes: list[Node]
    redirects: list[Redirect]
    retired: list[Retired]
    changes: list[Change] = field(default_factory=list)
    not_covered: list[NotCovered] = field(default_factory=list)
    word_rules: list[WordRule] = field(default_factory=list)
    reviews: list[ReviewRecord] = field(default_factory=list)
    # Words that put a product named after them in passing ("Copilot in Dynamics 365 Sales using Azure
    # OpenAI"): the ticket box reads the product named first as the ticket's subject (passing: in coverage.yaml).
    passing: tuple[str, ...] = ()
    passing_lines: tuple[Location, ...] = ()
    # Words that compare ("unlike", "like in"): a product named right after one, while the ticket
    # names another, is named in passing (comparing: in coverage.yaml).
    comparing: tuple[str, ...] = ()
    comparing_lines: tuple[Location, ...] = ()

    def node(self, node_id: str) -> Node:
        return self.nodes_by_id[node_id]

    @cached_property
    def nodes_by_id(self) -> dict[str, Node]:
        return {n.id: n for n in self.nodes}

    @cached_property
    def facts_by_id(self) -> dict[str, Fact]:
        return {f.id: f for f in self.facts}

    @cached_property
    def notes_by_id(self) -> dict[str, Note]:
        return {n.id: n for n in self.notes}

    @cached_property
    def sources_by_id(self) -> dict[str, Source]:
        return {s.id: s for s in self.sources}

    @cached_property
    def topics_by_id(self) -> dict[str, Topic]:
        return {t.id: t for t in self.topics}
