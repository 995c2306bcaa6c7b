"""Checks the schema cannot express: references, reachability, cycles, quotes.

Each check returns problems instead of raising, so an editor sees every
mistake of a change in one build rather than one per build. They run before
the graph analysis; the checks of the cards, which need it, are in cardchecks.py.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .errors import Location, Problem, TreeError
from .graph import find_cycle, reachable
from .model import Cite, Tree
from .sourcetext import read_source
from .yamlfiles import DataPath, LineMap

# Keys that hold a YYYY-MM-DD date anywhere in the tree (site.content_date, a source's date,
# a node's reviewed date, a retired page's date). The schema checks the form; this checks the calendar.
DATE_KEYS = frozenset({"date", "reviewed", "content_date"})

# Lists on a node whose entries each become one element with the entry's id on the page.
NODE_ID_LISTS = ("facts", "notes")

# Page names under s/ that the build itself generates (render.SOURCES_PAGE is s/index.md), so no
# source may have one as its id; tests/unit/test_broken_trees.py keeps this list complete.
GENERATED_SOURCE_NAMES = frozenset({"index"})


def _walk(data: Any) -> Iterable[tuple[DataPath, Any]]:
    """Every (path, value) in the merged data, without recursion."""
    stack: list[tuple[DataPath, Any]] = [((), data)]
    while stack:
        at, value = stack.pop()
        yield at, value
        if isinstance(value, dict):
            stack.extend(((*at, k), v) for k, v in value.items())
        elif isinstance(value, list):
            stack.extend(((*at, i), v) for i, v in enumerate(value))


def field_values(data: dict[str, Any], lines: LineMap) -> list[Problem]:
    """Values the schema accepts in form but not in meaning: impossible dates, an id listed twice on a node.

    Runs on the raw data, before the objects are built, because it needs the exact line of each value.
    """
    problems: list[Problem] = []
    for at, value in _walk(data):
        if at and at[-1] in DATE_KEYS and isinstance(value, str):
            try:
                dt.date.fromisoformat(value)
            except ValueError:
                problems.append(
                    Problem(lines.find(at), f"the date {value} does not exist", "write a real date as YYYY-MM-DD, e.g. 2026-02-28")
                )
    for i, node in enumerate(data.get("nodes", [])):
        for key in NODE_ID_LISTS:
            seen: set[str] = set()
            for j, item in enumerate(node.get(key, [])):
                if item in seen:
                    problems.append(
                        Problem(
                            lines.find(("nodes", i, key, j)),
                            f"node '{node.get('id')}' lists '{item}' twice under {key}:",
                            "delete the second entry",
                        )
                    )
                seen.add(item)
    return sorted(problems, key=lambda p: (str(p.where.file), p.where.line or 0))


def permanent_urls(tree: Tree) -> list[Problem]:
    """Each published URL has one meaning: a live page, a redirect or a retired page, never two.

    A retired: entry for a live URL would replace the live answer with a "retired" page.
    """
    problems: list[Problem] = []
    live = {n.url: n.id for n in tree.nodes if n.id != tree.start}  # the start node is published as index.html
    claimed: dict[str, tuple[str, Location]] = {}
    entries = [(r.from_url, "redirected", r.where, "redirect") for r in tree.redirects]
    entries += [(r.url, "retired", r.where, "retired entry") for r in tree.retired]
    for url, what, where, entry in entries:
        if url in live:
            problems.append(
                Problem(
                    where,
                    f"{url} is {what}, but node '{live[url]}' still has that URL",
                    f"remove this {entry}, or remove or rename node '{live[url]}' first",
                )
            )
        if url in claimed:
            first_what, first_where = claimed[url]
            problems.append(
                Problem(
                    where,
                    f"{url} is {what} here and already {first_what} at {first_where}",
                    "keep one entry for each old URL",
                )
            )
        else:
            claimed[url] = (what, where)
    for source in tree.sources:
        if source.id in GENERATED_SOURCE_NAMES:
            problems.append(
                Problem(
                    source.where,
                    f"the source id '{source.id}' is the name of a page the build generates (s/{source.id}.html)",
                    f"choose another id, e.g. {source.id}-doc",
                )
            )
    return problems


def duplicate_ids(tree: Tree) -> list[Problem]:
    problems: list[Problem] = []
    groups: list[tuple[str, Iterable[tuple[str, Location]]]] = [
        ("node", ((n.id, n.where) for n in tree.nodes)),
        ("fact", ((f.id, f.where) for f in tree.facts)),
        ("note", ((n.id, n.where) for n in tree.notes)),
        ("source", ((s.id, s.where) for s in tree.sources)),
        ("topic", ((t.id, t.where) for t in tree.topics)),
        ("not-covered product", ((c.id, c.where) for c in tree.not_covered)),
    ]
    for kind, entries in groups:
        first: dict[str, Location] = {}
        for item_id, where in entries:
            if item_id in first:
                problems.append(
                    Problem(where, f"duplicate {kind} id '{item_id}' (first defined at {first[item_id]})", "give one of them a new id")
                )
            else:
                first[item_id] = where
    return problems


def dangling_references(tree: Tree) -> list[Problem]:
    nodes, facts, notes = tree.nodes_by_id, tree.facts_by_id, tree.notes_by_id
    topics, sources = tree.topics_by_id, tree.sources_by_id
    problems: list[Problem] = []

    def missing(where: Location, what: str, ref: str, known: Iterable[str]) -> None:
        sample = ", ".join(sorted(known)[:8])
        problems.append(
            Problem(where, f"{what} '{ref}', which does not exist", f"use one of the defined ids ({sample}, …) or define '{ref}'")
        )

    if tree.start not in nodes:
        missing(tree.start_where, "start: names", tree.start, nodes)
    for node in tree.nodes:
        for option in node.options:
            if option.to not in nodes:
                missing(option.where, f"option '{option.label}' points to", option.to, nodes)
        for fact_id in node.facts:
            if fact_id not in facts:
                missing(node.fact_lines.get(fact_id, node.where), f"node '{node.id}' lists the fact", fact_id, facts)
        for note_id in node.notes:
            if note_id not in notes:
                missing(node.where, f"node '{node.id}' lists the note", note_id, notes)
    for fact in tree.facts:
        if fact.topic not in topics:
            missing(fact.where, f"fact '{fact.id}' names the topic", fact.topic, topics)
    questions = [q.id for q in tree.site.glance]
    for topic in tree.topics:
        if topic.glance and topic.glance not in questions:
            missing(topic.where, f"topic '{topic.id}' names the glance question", topic.glance, questions)
    for note in tree.notes:
        if note.topic and note.topic not in topics:
            missing(note.where, f"note '{note.id}' names the topic", note.topic, topics)
    for cite in all_cites(tree):
        if cite.source not in sources:
            missing(cite.where, "a citation names the source", cite.source, sources)
    for redirect in tree.redirects:
        if redirect.to not in nodes:
            missing(redirect.where, "a redirect points to", redirect.to, nodes)
    for retired in tree.retired:
        if retired.instead not in nodes:
            missing(retired.where, "a retired page sends readers to", retired.instead, nodes)
    for entry in tree.not_covered:
        if entry.nearest and entry.nearest not in nodes:
            missing(
                entry.nearest_where or entry.where, f"the not-covered product '{entry.id}' names the nearest page", entry.nearest, nodes
            )
    return problems


def all_cites(tree: Tree) -> list[Cite]:
    return [c for _, c in cite_owners(tree)]


def cite_owners(tree: Tree) -> list[tuple[str, Cite]]:
    """(what states it, citation) for every quote in the tree: facts, notes and At-a-glance rows.

    A row is named '<node> glance <question>': pages_stating knows the pages of facts
    and notes, so a broken row quote names its node instead.
    """
    owners = [(f.id, c) for f in tree.facts for c in f.cites] + [(n.id, c) for n in tree.notes for c in n.cites]
    owners += [(f"{node.id} glance {qid}", c) for node in tree.nodes for qid, row in node.glance.items() for c in row.cites]
    return owners


def node_shapes(tree: Tree) -> list[Problem]:
    problems: list[Problem] = []
    for node in tree.nodes:
        if len(node.options) == 1:
            problems.append(
                Problem(node.where, f"question '{node.id}' has only one option", "add another option, or merge this step into the next one")
            )
        if node.options and not (node.ask and node.axis):
            problems.append(
                Problem(
                    node.where,
                    f"question '{node.id}' has options but no 'ask' or 'axis'",
                    "add ask: (the question) and axis: (e.g. Product)",
                )
            )
        if not node.options and not node.facts:
            problems.append(Problem(node.where, f"answer '{node.id}' has no facts", "list the facts it states under facts:"))
        if (node.facts or not node.options) and not node.reviewed:
            problems.append(Problem(node.where, f"'{node.id}' states facts but has no 'reviewed' date", 'add reviewed: "YYYY-MM-DD"'))
        targets = [o.to for o in node.options]
        for option in node.options:
            if targets.count(option.to) > 1:
                problems.append(Problem(option.where, f"two options of '{node.id}' lead to '{option.to}'", "merge them into one option"))
                break
    return problems


def graph_shape(tree: Tree) -> list[Problem]:
    """Cycles and unreachable nodes; only meaningful once references resolve."""
    problems: list[Problem] = []
    cycle = find_cycle(tree)
    if cycle:
        route = " → ".join(o.to for o in cycle)
        last = cycle[-1]
        problems.append(
            Problem(last.where, f"the options form a cycle ({route})", f"point option '{last.label}' at a node further down, not back up")
        )
        return problems
    seen = set(reachable(tree))
    for node in tree.nodes:
        if node.id not in seen:
            problems.append(
                Problem(
                    node.where,
                    f"node '{node.id}' cannot be reached from the start node",
                    f"add an option with to: {node.id}, or delete the node",
                )
            )
    return problems


def source_path(base: Path, file: str) -> tuple[Path, str]:
    """Where a source's file: leads, and why it may not be read ("" when it may).

    Only files inside the tree folder are published: a path with .., an absolute
    path, or a symbolic link that resolves elsewhere would put any file of the
    build machine (/etc/passwd) on the site.
    """
    relative = Path(file)
    if relative.is_absolute():
        return relative, "is an absolute path"
    if ".." in relative.parts:
        return base / relative, "climbs out of the folder with .."
    path = base / relative
    try:
        resolved = path.resolve(strict=False)
    except (OSError, RuntimeError):  # a symbolic link loop
        return path, "is a symbolic link that leads nowhere"
    if not resolved.is_relative_to(base.resolve()):
        return path, f"is a symbolic link to {resolved}, outside the tree folder"
    return path, ""


def sources_and_quotes(tree: Tree, base: Path) -> list[Problem]:
    """Load each source's text and check that every quote is really in it."""
    problems: list[Problem] = []
    for source in tree.sources:
        path, outside = source_path(base, source.file)
        where = source.file_where or source.where
        if outside:
            problems.append(
                Problem(
                    where,
                    f"the file of source '{source.id}' ({source.file}) {outside}",
                    f"keep the source text inside the tree folder {base} and give its path from there, e.g. sources/{source.id}.md",
                )
            )
            continue
        if not path.is_file():
            problems.append(
                Problem(where, f"the text of source '{source.id}' is missing: {path}", "put the cleaned copy there or correct file:")
            )
            continue
        try:
            source.text = read_source(path)
        except TreeError as err:  # not UTF-8, too big or unreadable: located by the reader
            problems.extend(err.problems)
            continue
        unsafe = source.text.unsafe_line()
        if unsafe:
            problems.append(
                Problem(Location(path, unsafe), "raw HTML or a javascript: URL in a source text", "write it as plain Markdown text")
            )
    sources = tree.sources_by_id
    owners = cite_owners(tree)
    stating: dict[str, list[str]] | None = None
    for owner, cite in owners:
        cited = sources.get(cite.source)
        if cited is None or cited.text is None:
            continue
        if cited.text.find(cite.quote) is None:
            stating = stating if stating is not None else pages_stating(tree)
            shown = cite.quote if len(cite.quote) < 70 else cite.quote[:67] + "…"
            pages = stating.get(owner, [])
            affected = f"; pages that state '{owner}': {', '.join(pages)}" if pages else ""
            problems.append(
                Problem(
                    cite.where,
                    f"the quote \"{shown}\" is not in source '{cite.source}' ({cited.file}){affected}",
                    "copy the words exactly from one paragraph of the source text; if the source itself changed, "
                    "update the fact and add a change entry for those pages",
                )
            )
    return problems


def pages_stating(tree: Tree) -> dict[str, list[str]]:
    """fact or note id → URLs of the pages that list it or sit below one that does (facts flow down).

    Runs before the graph analysis (a broken quote is reported with the other
    stage-two problems), so it walks options itself and tolerates cycles.
    """
    nodes = tree.nodes_by_id
    below: dict[str, set[str]] = {}

    def under(node_id: str) -> set[str]:
        if node_id not in below:
            below[node_id] = {node_id}  # set first: a cycle ends here instead of recursing forever
            for option in nodes[node_id].options:
                if option.to in nodes:
                    below[node_id] |= under(option.to)
        return below[node_id]

    out: dict[str, set[str]] = {}
    for node in tree.nodes:
        for item in (*node.facts, *node.notes):
            out.setdefault(item, set()).update(nodes[n].url for n in under(node.id))
    return {item: sorted(urls) for item, urls in out.items()}


def source_versions(tree: Tree) -> list[Problem]:
    """Earlier versions of a source come before the copy we have now, oldest first."""
    problems: list[Problem] = []
    for source in tree.sources:
        previous = ""
        for version in source.versions:
            if source.date and version.date >= source.date:
                problems.append(
                    Problem(
                        version.where,
                        f"version {version.date} of source '{source.id}' is not older than its current date {source.date}",
                        "set date: to the date of the copy in the file, and list only earlier copies under versions:",
                    )
                )
            if version.date <= previous:
                problems.append(Problem(version.where, f"the versions of source '{source.id}' are not oldest first", "sort them by date"))
            previous = version.date
    return problems
