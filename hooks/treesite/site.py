"""Everything one build needs from the tree, computed once: pages, redirects, warnings.

This is the core's public face. It never imports mkdocs, so the same pages can
be written by the command line (``python -m treesite build``) or by any other
static-site generator that replaces MkDocs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from . import changelog
from .comparecsv import compare_csv
from .errors import Location, Problem, TreeError
from .fingerprint import node_fingerprint
from .load import LoadedTree, load
from .permalinks import PageRecord, check_lock, fingerprint_problems, stale_pages, write_lock
from .render import COMPARE_CSV, Renderer, html_url, page_of, redirect_map
from .ticketdata import data_files


@dataclass(frozen=True)
class SiteBuild:
    loaded: LoadedTree
    pages: dict[str, str]
    redirects: dict[str, str]
    published_urls: set[str]
    warnings: list[Problem]
    reading_order: list[tuple[str, str]]
    changes: list[changelog.Entry]  # newest first
    records: dict[str, PageRecord]  # what the lock should hold for each node page
    # Files beside the pages, never in docs/. `files`: text the generator publishes like a page
    # (the ticket box's data); `built_files`: bytes written into the built site after the
    # pages (the compare CSV; the MkDocs hook writes them in on_post_build).
    files: dict[str, str] = field(default_factory=dict)
    built_files: dict[str, bytes] = field(default_factory=dict)


def page_records(
    loaded: LoadedTree, covering: dict[str, list[changelog.Entry]]
) -> tuple[dict[str, PageRecord], dict[str, tuple[Location, str]]]:
    """Each node page's fingerprint and change count, keyed by URL, with where its node is defined and its id."""
    tree, graph = loaded.tree, loaded.graph
    records: dict[str, PageRecord] = {}
    where: dict[str, tuple[Location, str]] = {}
    for node_id in graph.order:
        node = tree.node(node_id)
        url = html_url(page_of(node, tree))
        entries = covering.get(node_id, [])
        records[url] = PageRecord(
            node_fingerprint(node, tree, graph, loaded.choice_rows), len(entries), entries[0].date if entries else None
        )
        where[url] = (node.where, node.id)
    return records, where


def build_site(tree_path: Path, site_url: str = "") -> SiteBuild:
    """Load, check and render; raises TreeError with every problem found."""
    loaded = load(tree_path)
    entries = changelog.entries(loaded.tree)
    renderer = Renderer(loaded, site_url, entries)
    pages = renderer.pages()
    retired = {r.url for r in loaded.tree.retired}
    published = {html_url(p) for p in pages} - retired
    errors, lock_warnings = check_lock(loaded.tree, published, loaded.lock_path)
    # After the lock check: a page ref that no longer resolves is usually a rename the lock explains better.
    errors += changelog.check_changes(loaded.tree)
    if errors:
        raise TreeError(errors)
    records, where = page_records(loaded, changelog.by_node(entries))
    lock_warnings += fingerprint_problems(records, where, loaded.lock_path)
    return SiteBuild(
        loaded,
        pages,
        redirect_map(loaded),
        published,
        loaded.warnings + lock_warnings,
        renderer.reading_order(),
        entries,
        records,
        # Made by the build's own renderer: the box's cards and the CSV's rows are the rows the pages show.
        files=data_files(loaded, renderer),
        built_files={COMPARE_CSV: compare_csv(renderer)},
    )


def lock_site(build: SiteBuild) -> list[str]:
    """Record every published URL and the current page records; refuses pages no change entry covers.

    Returns the URLs added. Raises TreeError naming each uncovered page and writes nothing then.
    """
    lock_path = build.loaded.lock_path
    tree = build.loaded.tree
    by_url = {html_url(page_of(n, tree)): n for n in tree.nodes}
    refused = [
        Problem(
            by_url[p.url].where,
            f"{p.url} is new or states something new, and no new change entry covers it, so the lock was not updated",
            f"add a change entry with pages: [{by_url[p.url].id}], a date, summary and why, then run `make lock` again",
        )
        for p in stale_pages(build.records, lock_path)
        if p.needs_entry
    ]
    if refused:
        raise TreeError(refused)
    return write_lock(lock_path, build.published_urls, build.records)


def write_pages(build: SiteBuild, out_dir: Path) -> list[Path]:
    """Write the generated Markdown into a folder (for other generators, or to inspect).

    The files built beside the pages (the box's data, the compare CSV) go there too, so
    a generator that copies other files as they are publishes the CSV the compare page links.
    """
    written = []
    for rel_path, content in [*build.pages.items(), *build.files.items(), *build.built_files.items()]:
        target = out_dir / rel_path
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
        written.append(target)
    return written
