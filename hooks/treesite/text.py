"""Make text from YAML safe to drop into Markdown, YAML front matter and Mermaid.

Tree text is plain text by contract (the schema rejects tags and links), but
rendering escapes it anyway: one missed rule in the schema must not become a
script on a page that support staff trust.
"""

from __future__ import annotations

import html
import json
import re

from markupsafe import Markup, escape

_CODE_SPAN = re.compile(r"(`[^`\n]+`)")
# Characters Python-Markdown treats as syntax inside a line of text. '|' is escapable once the
# tables extension is on; '~', '^' and '=' are not escapable at all (a backslash would show),
# so they become numeric character references, which Markdown passes through and browsers show.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|-])")
_MD_AS_ENTITY = str.maketrans({"~": "&#126;", "^": "&#94;", "=": "&#61;"})
# The subset Python-Markdown itself un-escapes (markdown.Markdown.ESCAPED_CHARS, minus '>' and '.'):
# a backslash before anything else would show.
_MD_ESCAPABLE = re.compile(r"([\\`*_{}\[\]()#+!-])")


def md_inline(text: str) -> str:
    """Plain text to inline Markdown: HTML and Markdown syntax escaped, `code` kept as code."""
    parts = _CODE_SPAN.split(" ".join(str(text).split()))
    out = []
    for i, part in enumerate(parts):
        if i % 2:
            out.append(part)
        else:
            out.append(_MD_SPECIAL.sub(r"\\\1", html.escape(part, quote=False)).translate(_MD_AS_ENTITY))
    return "".join(out)


def html_inline(text: str) -> Markup:
    """Plain text for an autoescaped HTML template: everything escaped, `code` spans as <code> elements."""
    parts = _CODE_SPAN.split(" ".join(str(text).split()))
    out = [Markup("<code>{}</code>").format(part[1:-1]) if i % 2 else Markup.escape(part) for i, part in enumerate(parts)]
    return Markup("").join(out)


def plain(text: str) -> str:
    """Plain text without code backticks, for the copy-to-ticket block and titles."""
    return " ".join(str(text).replace("`", "").split())


def admonition_title(text: str) -> str:
    """An admonition title sits inside double quotes, so straight ones become curly."""
    # Python-Markdown parses the title as inline Markdown (attr_list included): escape its syntax too.
    return _MD_ESCAPABLE.sub(r"\\\1", html.escape(plain(text).replace('"', "\u201d"), quote=False))


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


def fence_for(text: str) -> str:
    """A tilde fence longer than any run of tildes in the text, so it cannot be closed early."""
    longest = max((len(m) for m in re.findall(r"~+", text)), default=0)
    return "~" * max(4, longest + 1)
