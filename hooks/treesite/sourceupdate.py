"""`make source-update`: adopt a newer copy of a source as a reviewed diff.

It cleans the publisher's text with the source's rules, keeps the current copy
verbatim as a kept copy, installs the new one, and writes a report of what the
new words do to every quote we cite, and to our own sentences about the copy.
Items whose quote changed or vanished, or whose paragraph changed, go into a
review list (reviews:) that stops `make check` and the build until an editor
records a review. When no quoted word changed it also writes the change entry,
so `make lock` and `make build` publish with no hand edit.

Everything is computed first and written last; the report is written outside
docs/ (build/source-update/ by default).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2

from . import treeedit
from .align import word_diff
from .checks import cite_owners, item_pages
from .cleaning import Cleaned, clean, leftover_markup
from .copyfields import FROZEN_KEYS, long_date
from .errors import Location, TreeError
from .load import load
from .model import Source, Tree
from .quotechanges import NEEDS_REVIEW, VERDICTS, CopyComparison, QuoteChange, compare_copies
from .sourcetext import normalise, parse_source
from .yamlfiles import load_tree_data, read_utf8

TEMPLATES = Path(__file__).with_name("templates")
REVIEWS_FILE = "reviews.yaml"
REVIEWS_HEADER = """# Review lists written by `make source-update`: one per adopted copy of a source.
# Each item (a fact or note id, or '<node> glance <question>') had a quote that changed or vanished, a paragraph
# that changed around its quote, or a sentence naming the old copy. The build stops until you have checked the
# item against the new copy (and edited it, with a change entry, if its meaning changed) and set reviewed: to
# the date you did. Re-copying a quote alone does not pass.
"""


class UpdateRefused(Exception):
    """The update cannot run as asked (manual cleaning steps, unknown source, file in docs/): nothing was written."""


@dataclass
class CitingItem:
    """A fact, note or At-a-glance row that quotes the source, where it is written and the pages that show it."""

    name: str
    kind: str
    where: Location
    pages: list[str]
    quotes: list[str] = field(default_factory=list)  # normalised, in the item's order


@dataclass
class QuoteView:
    """One distinct quote, once, with every item that cites it."""

    number: int
    written: str
    change: QuoteChange
    items: list[CitingItem]


@dataclass
class CopySentence:
    """One of our own sentences that names the old copy (its date) or its change log."""

    item: str
    kind: str
    where: Location
    pages: list[str]
    text: str
    names: list[str]
    gated: bool  # it names the old copy's date: the review list holds it


@dataclass
class UpdateResult:
    source: Source
    old_key: str
    new_key: str
    date: str
    today: str
    cleaned: Cleaned | None
    comparison: CopyComparison | None
    quotes: list[QuoteView]
    items: list[CitingItem]
    sentences: list[CopySentence]
    review: dict[str, list[str]]  # item → what changed, in item order
    change_entry: bool
    kept_file: str
    report_path: Path
    following_record: int = 0  # our sentences that take this source's date from its record ({id.date})
    report: str = ""
    check_problems: list[str] = field(default_factory=list)

    @property
    def unchanged(self) -> bool:
        return self.comparison is None


def _today() -> str:
    return dt.date.today().isoformat()


def _flat(text: str) -> str:
    return " ".join(text.split())


def citing_items(tree: Tree, source_id: str) -> list[CitingItem]:
    """Every fact, row and note that quotes the source, in tree order, with its pages."""
    pages = item_pages(tree)
    items: dict[str, CitingItem] = {}
    kinds = {f.id: ("fact", f.where) for f in tree.facts} | {n.id: ("note", n.where) for n in tree.notes}
    for node in tree.nodes:
        for qid, row in node.glance.items():
            kinds[f"{node.id} glance {qid}"] = ("row", row.where)
    for owner, cite in cite_owners(tree):
        if cite.source != source_id:
            continue
        kind, where = kinds[owner]
        item = items.setdefault(owner, CitingItem(owner, kind, where, pages.get(owner, [])))
        quote = normalise(cite.quote)
        if quote not in item.quotes:
            item.quotes.append(quote)
    return list(items.values())


def _date_forms(iso: str | None) -> list[str]:
    """How our prose may write a copy's date: 2024-12-17, 17 December 2024, December 17, 2024."""
    if not iso:
        return []
    day = dt.date.fromisoformat(iso)
    return [iso, long_date(iso), f"{day:%B} {day.day}, {day.year}"]


def copy_sentences(tree: Tree, files: list[Path], source: Source) -> list[CopySentence]:
    """Our sentences (facts, notes, rows, pages, sources, site) that name the old copy's date or its change log.

    Read from the YAML as written, so a sentence that takes the date from the record
    ({aoai-privacy.date}) is not stale and is not listed. History (changes:,
    reviews:), quotes and kept copies are not our sentences about the current copy.
    """
    data, lines = load_tree_data(files)
    pages = item_pages(tree)
    forms = _date_forms(source.date)
    found: list[CopySentence] = []

    def visit(value: Any, at: tuple[str | int, ...]) -> None:
        if isinstance(value, dict):
            for key, inner in value.items():
                if key in {"quote", "copies", "cleaning", "date", "adopted", "url", "also_url", "file"}:
                    continue
                visit(inner, (*at, key))
        elif isinstance(value, list):
            for index, inner in enumerate(value):
                visit(inner, (*at, index))
        elif isinstance(value, str):
            flat = _flat(value)
            if "{" + source.id + "." in flat:
                return  # takes the copy's date from the record: it follows the new copy (treesite.copyfields)
            names = [f for f in forms if f in flat]
            log = "change log" in flat.lower() and source.id in _item_sources(tree, data, at)
            if names or log:
                item, kind = _item_of(data, at)
                found.append(
                    CopySentence(
                        item, kind, lines.find(at), pages.get(item, _node_pages(tree, item)), flat, names or ["change log"], bool(names)
                    )
                )

    for key, value in data.items():
        if key not in FROZEN_KEYS:
            visit(value, (key,))
    return found


def _placeholder_count(files: list[Path], source_id: str) -> int:
    return sum(len(re.findall(r"\{" + re.escape(source_id) + r"\.(?:date|adopted)\}", read_utf8(f))) for f in files)


def _item_of(data: dict[str, Any], at: tuple[str | int, ...]) -> tuple[str, str]:
    """The fact, note, row, page, source or site a value belongs to, named as review lists name it."""
    top = at[0]
    if top in {"facts", "notes"} and len(at) > 1:
        return data[top][at[1]]["id"], top[:-1]
    if top == "nodes" and len(at) > 1:
        node = data["nodes"][at[1]]["id"]
        if len(at) > 3 and at[2] == "glance":
            return f"{node} glance {at[3]}", "row"
        return node, "page"
    if top == "sources" and len(at) > 1:
        return f"source {data['sources'][at[1]]['id']}", "source"
    return str(top), str(top)


def _item_sources(tree: Tree, data: dict[str, Any], at: tuple[str | int, ...]) -> set[str]:
    """Sources a value's item cites (a 'change log' sentence matters only where it is about this source)."""
    item, kind = _item_of(data, at)
    if kind == "fact":
        return {c.source for c in tree.facts_by_id[item].cites}
    if kind == "note":
        return {c.source for c in tree.notes_by_id[item].cites}
    if kind == "row":
        node_id, _, qid = item.partition(" glance ")
        row = tree.nodes_by_id[node_id].glance[qid]
        return {c.source for c in row.cites} | {c.source for c in tree.facts_by_id[row.fact].cites}
    if kind == "source":
        return {item.removeprefix("source ")}
    return {s.id for s in tree.sources}


def _node_pages(tree: Tree, item: str) -> list[str]:
    node = tree.nodes_by_id.get(item)
    if node is not None:
        return [node.url]
    if item.startswith("source "):
        return [f"s/{item.removeprefix('source ')}.html"]
    return ["every page"] if item == "site" else []


def _ms_date(front: dict[str, str]) -> str | None:
    value = front.get("ms.date")
    if not value:
        return None
    for form in ("%m/%d/%Y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(value, form).date().isoformat()
        except ValueError:
            continue
    return None


def _changed_lines(view: QuoteView) -> str:
    change = view.change
    quote = _flat(view.written)
    if change.verdict == "reworded":
        flags = f" (changes {', '.join(change.flags)})" if change.flags else f" ({change.kind_of_rewording})"
        return f'quote "{quote}" now reads "{change.new_words}"{flags}'
    if change.verdict == "gone":
        nearest = f'; nearest new paragraph: "{_flat(change.nearest.plain)[:160]}"' if change.nearest else ""
        return f'quote "{quote}" is gone from the new copy{nearest}'
    return f'quote "{quote}" is still there, but its paragraph changed: ' + "; ".join(edits(change.diff))


def edits(diff: tuple[tuple[str, str], ...] | list[tuple[str, str]]) -> list[str]:
    """A word_diff as short phrases: "old" became "new", added "x", removed "y"."""
    out: list[str] = []
    index = 0
    while index < len(diff):
        op, text = diff[index]
        if op == "-" and index + 1 < len(diff) and diff[index + 1][0] == "+":
            out.append(f'"{text}" became "{diff[index + 1][1]}"')
            index += 2
            continue
        if op != "=":
            out.append(f'{"added" if op == "+" else "removed"} "{text}"')
        index += 1
    return out


def plan_update(
    tree_path: Path, source_id: str, file: Path, date: str, today: str | None = None, cleaned_by_hand: bool = False
) -> UpdateResult:
    """Everything the update would do, computed without writing a file."""
    today = today or _today()
    dt.date.fromisoformat(date)
    loaded = load(tree_path)
    tree = loaded.tree
    source = tree.sources_by_id.get(source_id)
    if source is None:
        raise UpdateRefused(f"no source '{source_id}' in {tree_path}; sources: {', '.join(s.id for s in tree.sources)}")
    if source.text is None or not source.key:
        raise UpdateRefused(f"source '{source_id}' has no current copy with an adopted: date; add adopted: \"YYYY-MM-DD\" to it first")
    raw = read_utf8(file)
    manual = [s for s in source.cleaning if s.manual]
    if manual and not cleaned_by_hand:
        steps = "\n".join(f"  - {s.says}" for s in manual)
        raise UpdateRefused(
            f"source '{source_id}' has {len(manual)} cleaning step(s) done by hand, which source-update does not guess:\n{steps}\n"
            f"Apply them (and its other cleaning steps) to a copy of {file} yourself, compare with {source.file}, then run\n"
            f"  make source-update SOURCE={source_id} FILE=<your cleaned copy> DATE={date} CLEANED=1"
        )
    cleaned = Cleaned(raw, leftovers=leftover_markup(raw)) if cleaned_by_hand else clean(raw, source.cleaning)
    new_key = _next_key(source, today)
    old_key = source.key
    kept_file = (Path(source.file).parent / source.id / f"{old_key}.md").as_posix()
    report_path = tree_path.resolve().parent / "build" / "source-update" / f"{source.id}-{new_key}.md"
    items = citing_items(tree, source.id)
    result = UpdateResult(source, old_key, new_key, date, today, cleaned, None, [], items, [], {}, False, kept_file, report_path)
    if cleaned.text == read_utf8(source.text.path):
        return result
    new_text = parse_source(cleaned.text, Path(source.file))
    written = {}
    for _owner, cite in cite_owners(tree):
        if cite.source == source.id:
            written.setdefault(normalise(cite.quote), cite.quote)
    result.comparison = compare_copies(source.id, source.text, new_text, list(written))
    by_quote = {q: [i for i in items if q in i.quotes] for q in written}
    changes = sorted(result.comparison.quotes.values(), key=_urgency)
    result.quotes = [QuoteView(n, written[c.quote], c, by_quote[c.quote]) for n, c in enumerate(changes, start=1)]
    result.sentences = [s for s in copy_sentences(tree, loaded.files, source) if s.item != f"source {source.id}"]
    new_words = " ".join(b.plain for b in new_text.blocks)
    for sentence in result.sentences:
        # A date the new copy still shows (a change-log entry our sentence retells) is listed, not gated;
        # a date it no longer shows makes the sentence a claim about the old copy.
        sentence.gated = bool(sentence.names) and sentence.names != ["change log"] and not all(n in new_words for n in sentence.names)
    result.following_record = _placeholder_count(loaded.files, source.id)
    for item in items:
        for view in result.quotes:
            if item in view.items and view.change.verdict in NEEDS_REVIEW:
                result.review.setdefault(item.name, []).append(_changed_lines(view))
    for sentence in result.sentences:
        if sentence.gated and sentence.kind in {"fact", "note", "row", "page"}:
            result.review.setdefault(sentence.item, []).append(
                f'our sentence names the old copy ({", ".join(sentence.names)}): "{sentence.text}"'
            )
    result.change_entry = not any(v.change.verdict in {"reworded", "gone"} for v in result.quotes)
    return result


REWORDING_RANK = {"meaning": 0, "wording": 1, "rename": 2, "": 3}


def _urgency(change: QuoteChange) -> tuple[int, int, int]:
    """Gone first, then rewordings that may change meaning, other wording, renames; then paragraph changes and the rest."""
    return VERDICTS.index(change.verdict), REWORDING_RANK[change.kind_of_rewording], change.old.number


def _next_key(source: Source, today: str) -> str:
    taken = {c.key for c in source.copies} | {source.key}
    key, n = today, 1
    while key in taken:
        n += 1
        key = f"{today}-{n}"
    return key


def _node_ids(tree: Tree, urls: list[str]) -> list[str]:
    by_url = {n.url: n.id for n in tree.nodes}
    return [by_url[u] for u in urls if u in by_url]


def apply_update(tree_path: Path, plan: UpdateResult, report_path: Path | None = None) -> UpdateResult:
    """Write the planned update: kept copy, new text, sources.yaml, change entry, review list, report."""
    if report_path is not None:
        plan.report_path = report_path
    docs = tree_path.resolve().parent / "docs"
    if plan.report_path.resolve().is_relative_to(docs.resolve()):
        raise UpdateRefused(f"the report may not go into docs/ ({plan.report_path}): the build owns that folder")
    if plan.unchanged:
        plan.report = render_report(plan)
        _write(plan.report_path, plan.report)
        return plan
    loaded = load(tree_path)
    tree, base, source = loaded.tree, loaded.base, plan.source
    assert plan.cleaned is not None and source.text is not None
    writes: dict[Path, str] = {}
    sources_file = source.where.file
    text = read_utf8(sources_file)
    entry = [
        f"      - key: {treeedit.quoted(plan.old_key)}",
        f"        file: {plan.kept_file}",
        f"        date: {treeedit.quoted(source.date)}",
        *([f"        date_note: {treeedit.quoted(_flat(source.date_note))}"] if source.date_note else []),
        f"        adopted: {treeedit.quoted(source.adopted)}",
        f"        superseded: {treeedit.quoted(plan.today)}",
        *treeedit.reindent(treeedit.source_key_lines(text, source.where.line or 1, "cleaning"), 4),
    ]
    text = treeedit.append_copy(text, source.where.line or 1, entry)
    ms_date = _ms_date(plan.cleaned.front_matter)
    note = f"Dated {plan.date} by the editor when this copy was adopted on {plan.today}"
    note += f"; ms.date {ms_date} in its front matter." if ms_date else "."
    text = treeedit.set_source_keys(
        text,
        source.where.line or 1,
        {"date": treeedit.quoted(plan.date), "date_note": treeedit.quoted(note), "adopted": treeedit.quoted(plan.today)},
    )
    writes[sources_file] = text
    if plan.change_entry:
        pages = sorted({p for item in plan.items for p in item.pages} | {p for s in plan.sentences for p in s.pages if "/" in p})
        refs = _node_ids(tree, pages)
        changes_file = _file_with(loaded.files, "changes") or (base / "changes.yaml")
        short = source.short_name
        change = [
            f"  - date: {treeedit.quoted(plan.today)}",
            f"    pages: [{', '.join(refs)}]",
            f"    summary: {treeedit.quoted(f'The {short} was updated to its copy of {long_date(plan.date)}; no quoted words changed.')}",
            f"    why: {treeedit.quoted(f'make source-update adopted the copy of {plan.date} and found every quote word for word.')}",
            "    minor: true",
            f"    source_update: {{source: {source.id}, from: {treeedit.quoted(plan.old_key)}, to: {treeedit.quoted(plan.new_key)}}}",
        ]
        if refs:
            writes[changes_file] = treeedit.append_list_item(read_utf8(changes_file) if changes_file.exists() else "", "changes", change)
            site_file = _file_with(loaded.files, "site")
            if site_file and tree.site.content_date < plan.today:
                writes[site_file] = treeedit.set_content_date(writes.get(site_file, read_utf8(site_file)), plan.today)
        else:
            plan.change_entry = False
    reviews_file = _file_with(loaded.files, "reviews") or (base / REVIEWS_FILE)
    record = [
        f"  - source: {source.id}",
        f"    copy: {treeedit.quoted(plan.new_key)}",
        f"    compared: {treeedit.quoted(plan.today)}",
        "    items:" if plan.review else "    items: []",
    ]
    for item, changed in plan.review.items():
        record += [f"      - item: {treeedit.quoted(item)}", "        changed:"]
        record += [f"          - {treeedit.quoted(line)}" for line in changed]
        record.append("        reviewed: null")
    existing = read_utf8(reviews_file) if reviews_file.exists() else REVIEWS_HEADER
    writes[reviews_file] = treeedit.append_list_item(existing, "reviews", record)
    plan.report = render_report(plan)  # before any write: a report that cannot be written stops the update untouched
    kept = base / plan.kept_file
    if kept.exists():
        raise UpdateRefused(f"{kept} exists already; a kept copy is never overwritten")
    kept.parent.mkdir(parents=True, exist_ok=True)
    kept.write_bytes(source.text.path.read_bytes())
    writes[source.text.path] = plan.cleaned.text
    for path, content in writes.items():
        _write(path, content)
    try:
        load(tree_path)
    except TreeError as err:
        plan.check_problems = [str(p) for p in err.problems]
    plan.report = render_report(plan)
    _write(plan.report_path, plan.report)
    return plan


def _file_with(files: list[Path], key: str) -> Path | None:
    pattern = re.compile(rf"^{re.escape(key)}:", re.MULTILINE)
    return next((f for f in files if pattern.search(read_utf8(f))), None)


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def render_report(plan: UpdateResult) -> str:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=False, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True
    )
    env.filters["flat"] = _flat
    quotes = plan.quotes
    counts = {v: sum(1 for q in quotes if q.change.verdict == v) for v in VERDICTS}
    citations = {v: sum(len(q.items) for q in quotes if q.change.verdict == v) for v in VERDICTS}
    rewordings = {k: sum(1 for q in quotes if q.change.kind_of_rewording == k) for k in ("meaning", "rename", "wording")}
    fates = plan.comparison.fates if plan.comparison else []
    paragraphs = {k: sum(1 for f in fates if f.kind == k) for k in ("same", "reworded", "gone")}
    paragraphs["moved"] = sum(1 for f in fates if f.moved)
    groups: dict[int, list[QuoteView]] = {}
    for view in quotes:
        if view.change.verdict in NEEDS_REVIEW:
            groups.setdefault(view.change.old.number, []).append(view)
    fate_of = {f.old.number: f for f in fates}
    paragraphs_to_review = sorted(
        ((fate_of[n], views) for n, views in groups.items()),
        key=lambda g: (min(VERDICTS.index(v.change.verdict) for v in g[1]), g[0].old.number),
    )
    return env.get_template("source_update_report.md.j2").render(
        plan=plan,
        paragraphs_to_review=paragraphs_to_review,
        word_diff=word_diff,
        source=plan.source,
        counts=counts,
        citations=citations,
        rewordings=rewordings,
        paragraphs=paragraphs,
        urgent=[q for q in quotes if q.change.verdict in NEEDS_REVIEW],
        calm=[q for q in quotes if q.change.verdict not in NEEDS_REVIEW],
        long_date=long_date,
    )


def counts_of(plan: UpdateResult) -> dict[str, int]:
    """The report's headline numbers, for tests and the closing note."""
    quotes = plan.quotes
    out = {v: sum(1 for q in quotes if q.change.verdict == v) for v in VERDICTS}
    out |= {f"reworded-{k}": sum(1 for q in quotes if q.change.kind_of_rewording == k) for k in ("meaning", "rename", "wording")}
    out["quotes"] = len(quotes)
    out["citations"] = sum(len(q.items) for q in quotes)
    out["items to review"] = len(plan.review)
    out["sentences naming the old copy"] = sum(1 for s in plan.sentences if s.gated)
    return out


def run(
    tree_path: Path, source_id: str, file: Path, date: str, today: str | None, cleaned_by_hand: bool, report: Path | None
) -> UpdateResult:
    plan = plan_update(tree_path, source_id, file, date, today, cleaned_by_hand)
    return apply_update(tree_path, plan, report)
