"""Links pasted into tickets must keep working, and keep saying what they said: the lock.

``published.lock`` lists every URL the site has ever published. A build that
would drop one fails until the editor says where it went: a redirect (the node
was renamed) or a retired page (the answer was withdrawn).

For each answer or question page the lock also records a fingerprint of what
the page states (see fingerprint.py) and how many change entries covered it.
When the fingerprint moves, a new change entry must cover the page before
``make lock`` accepts it, so no answer changes without a trace. One line per
URL, ``key=value`` fields, no column alignment: a change touches only its line.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .errors import Location, Problem
from .model import Tree
from .yamlfiles import read_utf8

LOCK_HEADER = (
    "# Every URL this site has ever published, one per line. Never delete a line.\n"
    "# A URL that no page produces any more needs a redirect or a retired entry in the tree.\n"
    "# fingerprint = what the page states (answers, facts, notes); changes = change entries\n"
    "# covering it; last = date of the newest. Update with: make lock (after adding a change entry)\n"
)


@dataclass(frozen=True)
class PageRecord:
    """What the lock remembers about a page that states something."""

    fingerprint: str
    changes: int  # how many change entries covered the page when it was locked
    last: str | None  # the newest of those entries' dates, for people reading the lock


@dataclass(frozen=True)
class LockEntry:
    url: str
    line: int
    record: PageRecord | None = None


def _parse_record(fields: list[str]) -> PageRecord | None:
    values = dict(f.split("=", 1) for f in fields if "=" in f)
    if "fingerprint" not in values:
        return None
    changes = values.get("changes", "0")
    return PageRecord(values["fingerprint"], int(changes) if changes.isdigit() else 0, values.get("last"))


def read_lock(path: Path) -> list[LockEntry]:
    """The lock's entries; a lock that is not UTF-8 raises TreeError with its line."""
    if not path.is_file():
        return []
    entries = []
    for number, line in enumerate(read_utf8(path).splitlines(), start=1):
        text = line.strip()
        if text and not text.startswith("#"):
            url, *fields = text.split()
            entries.append(LockEntry(url, number, _parse_record(fields)))
    return entries


def _line(url: str, record: PageRecord | None) -> str:
    if record is None:
        return f"{url}\n"
    last = f"  last={record.last}" if record.last else ""
    return f"{url}  fingerprint={record.fingerprint}  changes={record.changes}{last}\n"


def write_lock(path: Path, urls: set[str], records: dict[str, PageRecord] | None = None) -> list[str]:
    """Add the given URLs to the lock with their records, keeping every old URL; returns those added.

    An old URL keeps its old record (a retired page still states what it last stated).
    """
    old = {e.url: e.record for e in read_lock(path)}
    new = {**old, **{u: (records or {}).get(u, old.get(u)) for u in urls}}
    added = sorted(set(urls) - set(old))
    path.write_text(LOCK_HEADER + "".join(_line(u, new[u]) for u in sorted(new)), encoding="utf-8")
    return added


@dataclass(frozen=True)
class StalePage:
    """A page whose record in the lock no longer matches; needs_entry means no new change entry covers it."""

    url: str
    needs_entry: bool


def stale_pages(records: dict[str, PageRecord], lock_path: Path) -> list[StalePage]:
    """Pages whose fingerprint or count of change entries differs from the lock, in URL order.

    A new fingerprint is covered only by more change entries than the lock counted;
    a page missing from the lock needs at least one entry.
    """
    locked = {e.url: e.record for e in read_lock(lock_path)}
    stale = []
    for url in sorted(records):
        now, then = records[url], locked.get(url)
        if then is None or then.fingerprint != now.fingerprint:
            stale.append(StalePage(url, needs_entry=now.changes <= (then.changes if then else 0)))
        elif then.changes != now.changes:
            stale.append(StalePage(url, needs_entry=False))
    return stale


def fingerprint_problems(records: dict[str, PageRecord], nodes: dict[str, tuple[Location, str]], lock_path: Path) -> list[Problem]:
    """One located problem per page whose lock record is out of date, saying what the editor must do.

    nodes maps each URL to where its node is defined and its id, so the message points at the node.
    """
    problems = []
    locked = {e.url: e.record for e in read_lock(lock_path)}
    for page in stale_pages(records, lock_path):
        if page.url not in locked:
            continue  # a new page: check_lock already says so
        where, node_id = nodes[page.url]
        if page.needs_entry:
            what = "changed since" if locked[page.url] else "has no fingerprint in"
            problems.append(
                Problem(
                    where,
                    f"what {page.url} states (its answers, facts or notes) {what} {lock_path.name}, and no new change entry covers it",
                    f"add a change entry to changes.yaml with date, pages: [{node_id}], summary (what changed for the reader) "
                    "and why (add minor: true for a typo fix), then run `make lock`",
                )
            )
        else:
            problems.append(
                Problem(
                    where,
                    f"{page.url} has a new change entry, but {lock_path.name} still holds its old record",
                    "run `make lock` and commit the lock file",
                )
            )
    return problems


def _lost_source_page(lock_path: Path, entry: LockEntry) -> Problem:
    """A source page, kept copy or what-changed page the site published, that no source produces any more."""
    return Problem(
        Location(lock_path, entry.line),
        f"{entry.url} was published (a source, a kept copy of one, or what changed in an update), but no source produces it any more",
        "kept copies are never deleted: restore the source, its file and its copies: entry in sources.yaml from git",
    )


def check_lock(tree: Tree, page_urls: set[str], lock_path: Path) -> tuple[list[Problem], list[Problem]]:
    """Returns (errors, warnings): a lost URL is an error, an unlisted new one a warning."""
    errors: list[Problem] = []
    warnings: list[Problem] = []
    moved = {r.from_url: r for r in tree.redirects}
    retired = {r.url: r for r in tree.retired}
    # A redirected or retired URL that a page still has is refused earlier, by checks.permanent_urls.
    if not lock_path.is_file():
        warnings.append(Problem(Location(lock_path), "there is no published.lock next to the tree", "run `make lock` and commit the file"))
        return errors, warnings
    locked = read_lock(lock_path)
    for entry in locked:
        if entry.url in page_urls or entry.url in moved or entry.url in retired:
            continue
        if entry.url.startswith("s/"):
            errors.append(_lost_source_page(lock_path, entry))
            continue
        node_id = Path(entry.url).stem
        errors.append(
            Problem(
                Location(lock_path, entry.line),
                f"{entry.url} was published, but no node '{node_id}' produces it any more",
                f"if '{node_id}' was renamed add redirects: [{{from: {entry.url}, to: <new id>}}]; "
                f"if it was removed add a retired: entry with url: {entry.url}, title, date, reason and instead",
            )
        )
    known = {e.url for e in locked}
    for url in sorted(page_urls - known):
        warnings.append(
            Problem(
                Location(lock_path),
                f"the new page {url} is not in published.lock yet",
                "add a change entry for it (answer pages need one), then run `make lock` and commit the lock file",
            )
        )
    return errors, warnings
