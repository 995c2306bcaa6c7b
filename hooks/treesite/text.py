"""Filters that put tree text into HTML, YAML front matter, plain ticket text and Mermaid.

Tree text is plain text by contract (the schema rejects tags and links). Pages
are autoescaped HTML templates, so Jinja escapes every value; these filters
only handle what autoescaping cannot: `code` spans, front matter and Mermaid
labels. Nothing here escapes Markdown: no tree text is ever parsed as Markdown.
"""

from __future__ import annotations

import json
import re

from markupsafe import Markup

_CODE_SPAN = re.compile(r"(`[^`\n]+`)")


def html_inline(text: str) -> Markup:
    """Plain text for an autoescaped HTML template: everything escaped, `code` spans as <code> elements."""
    parts = _CODE_SPAN.split(" ".join(str(text).split()))
    out = [Markup("<code>{}</code>").format(part[1:-1]) if i % 2 else Markup.escape(part) for i, part in enumerate(parts)]
    return Markup("").join(out)


def plain(text: str) -> str:
    """Plain text without code backticks, for the copy-to-ticket block and titles."""
    return " ".join(str(text).replace("`", "").split())


def yaml_string(text: str) -> Markup:
    """A front-matter value: JSON strings are valid YAML and need no further escaping.

    Marked safe so an autoescaping template does not turn its quotes into
    entities; < > & become JSON escapes, so the value still holds no HTML.
    """
    value = json.dumps(plain(text), ensure_ascii=False)
    return Markup(value.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e"))


def mermaid_label(text: str) -> str:
    """Mermaid node and edge labels: quotes and brackets as Mermaid's own entity codes."""
    cleaned = plain(text)
    for char, code in (("#", "#35;"), ('"', "#quot;"), ("<", "#lt;"), (">", "#gt;")):
        cleaned = cleaned.replace(char, code)
    return cleaned
