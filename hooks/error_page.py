"""MkDocs hook: 404.html links relative to the site's root, so it works wherever the site is served.

Why: MkDocs renders error pages with links rooted at site_url's path (/copilot-data-faq/…),
so a server can show the page at any depth. Served under any other path (a mirror, a local
server of site/, a host that publishes the folder elsewhere) every stylesheet, script and
link of the page then points outside the site (issue 24, LinkChecker). With the base "."
the links are relative, like those of every other page at the root: they work on any host,
under any path, for the page itself and for every missing address at the site's root.
A missing address one folder down (a/gone.html) gets the page unstyled, its links one
folder too deep; ticket links never lead there, since every published page keeps its
address (decision_tree/published.lock, redirects).

The offline export needs the same, for its own reason: from file:// no server shows a 404
page, and print-site renders print_page.html (at the root too) with this very context, so
an absolute base would send Material's search to file:///copilot-data-faq/.
"""

from __future__ import annotations

from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.utils import is_error_template


@event_priority(50)  # before print-site, which keeps this very context for print_page.html
def on_template_context(context: dict[str, Any], *, template_name: str, config: MkDocsConfig) -> dict[str, Any]:
    """For the error page: the `url` filter makes its links relative to the site's root."""
    if is_error_template(template_name):
        context["base_url"] = "."
    return context
