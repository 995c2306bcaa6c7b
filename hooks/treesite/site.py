"""Everything one build needs from the tree, computed once: pages, redirects, warnings.

This is the core's public face. It never imports mkdocs, so the same pages can
be written by the command line (``python -m treesite build``) or by any other
static-site generator that replaces MkDocs.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .errors import Problem, TreeError
from .load import LoadedTree, load
from .permalinks import check_lock
from .render import Renderer, html_url, redirect_map


@dataclass(frozen=True)
class SiteBuild:
    loaded: LoadedTree
    pages: dict[str, str]
    redirects: dict[str, str]
    published_urls: set[str]
    warnings: list[Problem]
    reading_order: list[tuple[str, str]]


def build_site(tree_path: Path, site_url: str = "") -> SiteBuild:
    """Load, check and render; raises TreeError with every problem found."""
    loaded = load(tree_path)
    renderer = Renderer(loaded, site_url)
    pages = renderer.pages()
    retired = {r.url for r in loaded.tree.retired}
    published = {html_url(p) for p in pages} - retired
    errors, lock_warnings = check_lock(loaded.tree, published, loaded.lock_path)
    if errors:
        raise TreeError(errors)
    return SiteBuild(loaded, pages, redirect_map(loaded), published, loaded.warnings + lock_warnings, renderer.reading_order())


def write_pages(build: SiteBuild, out_dir: Path) -> list[Path]:
    """Write the generated Markdown into a folder (for other generators, or to inspect)."""
    written = []
    for rel_path, text in build.pages.items():
        target = out_dir / rel_path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        written.append(target)
    return written
