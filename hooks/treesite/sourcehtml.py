"""Source documents to HTML through an allow-list, so a copied document cannot carry a script.

Source texts are pasted from web pages and transcripts by many hands. They are
rendered here, in the core, rather than by the site's Markdown (which allows
raw HTML, attr_list and md_in_html for the templates' sake). Two independent
layers, because either alone has had gaps:

1. A restricted Python-Markdown: raw HTML (block and inline) is not recognised,
   so it is escaped and shows as text, wherever it sits (after a closed code
   fence in the same block, inside a fence that never closes, mid-paragraph);
   no attr_list, no md_in_html.
2. nh3 (ammonia): only the tags and attributes below survive, link and image
   URLs must be https, http or mailto (or relative), links get
   rel="noopener noreferrer", and images are dropped (a source is text, and an
   image would be a network request from the offline export).
"""

from __future__ import annotations

import markdown
import nh3
from markupsafe import Markup

_EXTENSIONS = ["tables", "fenced_code", "sane_lists"]

TAGS = frozenset(
    {
        "p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote", "pre", "code",
        "em", "strong", "a", "table", "thead", "tbody", "tr", "th", "td",
    }
)  # fmt: skip
ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}, "th": {"align"}, "td": {"align"}}
URL_SCHEMES = frozenset({"https", "http", "mailto"})


def _restricted_markdown() -> markdown.Markdown:
    """Python-Markdown that treats every '<tag>' as text: the raw-HTML processors are removed."""
    md = markdown.Markdown(extensions=_EXTENSIONS, output_format="html")
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    return md


_MD = _restricted_markdown()


def clean_html(html: str) -> str:
    """The allow-list alone: for HTML from anywhere, not only from source Markdown."""
    return nh3.clean(html, tags=set(TAGS), attributes=ATTRIBUTES, url_schemes=set(URL_SCHEMES), link_rel="noopener noreferrer")


def source_block_html(text: str) -> Markup:
    """One block of a source document as safe HTML; Markup, so autoescaping templates keep it."""
    _MD.reset()
    return Markup(clean_html(_MD.convert(text)))  # nh3 output: allow-listed HTML
