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
from pathlib import Path

from . import treeedit
from .citing import flat
from .copyfields import long_date
from .errors import TreeError
from .load import load
from .model import Tree
from .quotechanges import VERDICTS
from .updateplan import UpdateRefused, UpdateResult, plan_update
from .updatereport import render_report
from .yamlfiles import read_utf8

__all__ = ["UpdateRefused", "UpdateResult", "apply_update", "counts_of", "plan_update", "run"]


REVIEWS_FILE = "reviews.yaml"

REVIEWS_HEADER = """# Review lists written by `make source-update`: one per adopted copy of a source.
# Each item (a fact or note id, or '<node> glance <question>') had a quote that changed or vanished, a paragraph
# that changed around its quote, or a sentence naming the old copy. The build stops until you have checked the
# item against the new copy (and edited it, with a change entry, if its meaning changed) and set reviewed: to
# the date you did. Re-copying a quote alone does not pass.
"""


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
    loaded = plan.loaded or load(tree_path)  # plan_update's own load; nothing is written between the two
    tree, base, source = loaded.tree, loaded.base, plan.source
    assert plan.cleaned is not None and source.text is not None
    writes: dict[Path, str] = {}
    sources_file = source.where.file
    text = read_utf8(sources_file)
    entry = [
        f"      - key: {treeedit.quoted(plan.old_key)}",
        f"        file: {plan.kept_file}",
        f"        date: {treeedit.quoted(source.date)}",
        *([f"        date_note: {treeedit.quoted(flat(source.date_note))}"] if source.date_note else []),
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
