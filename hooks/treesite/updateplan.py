"""Planning a source update: clean the new copy, compare every quote with it, decide what to review. Nothing is written here."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from .checks import cite_owners
from .citing import CitingItem, CopySentence, citing_items, copy_sentences, flat, placeholder_count
from .cleaning import Cleaned, clean, leftover_markup
from .load import LoadedTree, load
from .model import Source
from .quotechanges import NEEDS_REVIEW, VERDICTS, CopyComparison, QuoteChange, compare_copies
from .sourcetext import normalise, parse_source
from .yamlfiles import read_utf8


class UpdateRefused(Exception):
    """The update cannot run as asked (manual cleaning steps, unknown source, file in docs/): nothing was written."""


@dataclass
class QuoteView:
    """One distinct quote, once, with every item that cites it."""

    number: int
    written: str
    change: QuoteChange
    items: list[CitingItem]


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
    loaded: LoadedTree | None = field(default=None, repr=False)  # the tree as planned on, so applying does not load it again

    @property
    def unchanged(self) -> bool:
        return self.comparison is None


def _today() -> str:
    return dt.date.today().isoformat()


def _changed_lines(view: QuoteView) -> str:
    change = view.change
    quote = flat(view.written)
    if change.verdict == "reworded":
        flags = f" (changes {', '.join(change.flags)})" if change.flags else f" ({change.kind_of_rewording})"
        return f'quote "{quote}" now reads "{change.new_words}"{flags}'
    if change.verdict == "gone":
        nearest = f'; nearest new paragraph: "{flat(change.nearest.plain)[:160]}"' if change.nearest else ""
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
    for name, value in (("DATE", date), ("TODAY", today)):
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            raise UpdateRefused(f"{name} must be a real date written YYYY-MM-DD, not '{value}'") from None
    if not Path(file).is_file():
        raise UpdateRefused(f"FILE {file} is not a file: give the path of the page as downloaded")
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
    changes = sorted(result.comparison.quotes.values(), key=urgency)
    result.quotes = [QuoteView(n, written[c.quote], c, by_quote[c.quote]) for n, c in enumerate(changes, start=1)]
    result.sentences = [s for s in copy_sentences(tree, loaded.files, source) if s.item != f"source {source.id}"]
    new_words = " ".join(b.plain for b in new_text.blocks)
    for sentence in result.sentences:
        # A date the new copy still shows (a change-log entry our sentence retells) is listed, not gated;
        # a date it no longer shows makes the sentence a claim about the old copy.
        sentence.gated = bool(sentence.names) and sentence.names != ["change log"] and not all(n in new_words for n in sentence.names)
    result.following_record = placeholder_count(loaded.files, source.id)
    result.loaded = loaded
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


def urgency(change: QuoteChange) -> tuple[int, int, int]:
    """Gone first, then rewordings that may change meaning, other wording, renames; then paragraph changes and the rest."""
    return VERDICTS.index(change.verdict), REWORDING_RANK[change.kind_of_rewording], change.old.number


def _next_key(source: Source, today: str) -> str:
    taken = {c.key for c in source.copies} | {source.key}
    key, n = today, 1
    while key in taken:
        n += 1
        key = f"{today}-{n}"
    return key
