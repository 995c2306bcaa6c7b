"""What every view reads during one build: the tree, its graph, the changes, the Jinja templates.

One Context per build, made by render.make_context; views are plain functions
of it (and of the node or source they show), so a view can be called alone, as
the ticket box's data and the compare CSV do.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

from .. import text
from ..changelog import Entry
from ..graph import Graph
from ..model import Node, Tree
from ..refine import ChoiceRows
from .paths import href, html_url, page_of, path_text, rel

TEMPLATES = Path(__file__).parent.parent / "templates"


def environment(tree: Tree) -> jinja2.Environment:
    """The templates of every page kind, with the filters and link helpers they share."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        # *.html.j2 pages are raw HTML blocks: Jinja escapes every value (GUIDE decision 1).
        # *.md.j2 and *.txt.j2 keep autoescape off until they are converted.
        autoescape=jinja2.select_autoescape(enabled_extensions=("html.j2",), default_for_string=False),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        inline=text.html_inline,
        plain=text.plain,
        yaml_str=text.yaml_string,
        mermaid=text.mermaid_label,
        path_text=path_text,
    )
    env.globals.update(rel=rel, href=href, site=tree.site)
    return env


@dataclass(frozen=True)
class Context:
    """One build's tree and what is worked out once for all its pages."""

    tree: Tree
    graph: Graph
    choice_rows: ChoiceRows  # question node -> glance question id -> its row's state (refine.py)
    site_url: str  # "" or ending in "/"
    changes: list[Entry]  # newest first
    history: dict[str, list[Entry]]  # node id -> its non-minor changes, newest first
    cited_by: dict[str, list[Node]]  # source id -> the node pages quoting it, in tree order
    env: jinja2.Environment

    def render(self, template: str, **view: Any) -> str:
        return self.env.get_template(template).render(**view)

    def page_of(self, node: Node) -> str:
        return page_of(node, self.tree)

    def permalink(self, node: Node) -> str:
        """The page's permanent address: site_url plus the path its node id gives it."""
        return self.site_url + html_url(page_of(node, self.tree))
