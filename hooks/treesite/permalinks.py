"""Links pasted into tickets must keep working: the published-URL lock.

``published.lock`` lists every URL the site has ever published. A build that
would drop one fails until the editor says where it went: a redirect (the node
was renamed) or a retired page (the answer was withdrawn).
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
    "# Add new pages with: make lock\n"
)


@dataclass(frozen=True)
class LockEntry:
    url: str
    line: int


def read_lock(path: Path) -> list[LockEntry]:
    """The lock's entries; a lock that is not UTF-8 raises TreeError with its line."""
    if not path.is_file():
        return []
    entries = []
    for number, line in enumerate(read_utf8(path).splitlines(), start=1):
        text = line.strip()
        if text and not text.startswith("#"):
            entries.append(LockEntry(text, number))
    return entries


def write_lock(path: Path, urls: set[str]) -> list[str]:
    """Add the given URLs to the lock, keeping every old one; returns those added."""
    old = {e.url for e in read_lock(path)}
    added = sorted(urls - old)
    path.write_text(LOCK_HEADER + "".join(f"{u}\n" for u in sorted(old | urls)), encoding="utf-8")
    return added


def check_lock(tree: Tree, page_urls: set[str], lock_path: Path) -> tuple[list[Problem], list[Problem]]:
    """Returns (errors, warnings): a lost URL is an error, an unlisted new one a warning."""
    errors: list[Problem] = []
    warnings: list[Problem] = []
    moved = {r.from_url: r for r in tree.redirects}
    retired = {r.url: r for r in tree.retired}
    for redirect in tree.redirects:
        if redirect.from_url in page_urls:
            errors.append(
                Problem(redirect.where, f"{redirect.from_url} is redirected but a page still has that URL", "remove the redirect")
            )
    for gone in tree.retired:
        if gone.url in page_urls:
            errors.append(Problem(gone.where, f"{gone.url} is retired but a page still has that URL", "remove the retired entry"))
    if not lock_path.is_file():
        warnings.append(Problem(Location(lock_path), "there is no published.lock next to the tree", "run `make lock` and commit the file"))
        return errors, warnings
    locked = read_lock(lock_path)
    for entry in locked:
        if entry.url in page_urls or entry.url in moved or entry.url in retired:
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
            Problem(Location(lock_path), f"the new page {url} is not in published.lock yet", "run `make lock` and commit the lock file")
        )
    return errors, warnings
