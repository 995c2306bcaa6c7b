"""MkDocs hook: fixes needed only by the offline export (mkdocs-offline.yml).

It is listed in mkdocs.yml, not in mkdocs-offline.yml, because INHERIT
replaces lists: a hooks list in the offline file would have to repeat every
online hook and would silently drift. It does nothing unless Material's
``offline`` plugin is enabled, i.e. only in the file:// build.
"""

from __future__ import annotations

from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

OFFLINE_PLUGIN = "material/offline"


def _is_offline_build(config: MkDocsConfig) -> bool:
    """True when Material's offline plugin is configured and enabled."""
    plugin: Any = config.plugins.get(OFFLINE_PLUGIN)
    return plugin is not None and bool(plugin.config.enabled)


@event_priority(50)  # before print-site, which keeps this very context for print_page.html
def on_template_context(context: dict[str, Any], *, template_name: str, config: MkDocsConfig) -> dict[str, Any]:
    """Give 404.html (and so print_page.html) a relative base URL in the offline build.

    MkDocs renders error pages with the absolute path of ``site_url``
    (``/copilot-data-faq/``) so a web server can show them at any depth.
    print-site renders print_page.html with the 404 context, so Material's
    ``__config.base`` there points to ``file:///copilot-data-faq/`` and the
    search index fails to load from the zip. From file:// no server serves a
    404 page either, and both files sit at the site root, so "." is right.
    """
    if template_name == "404.html" and _is_offline_build(config):
        context["base_url"] = "."
    return context
