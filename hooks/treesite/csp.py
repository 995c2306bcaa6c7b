"""The site's Content-Security-Policy: scripts only from the site or with a known hash.

The policy is a <meta> in every page (file:// has no headers) and the same text
is what a host should send as a header (see MAINTAINING.md, "Threat model: rendering"). Inline scripts are allowed
by sha256 hash only, never by 'unsafe-inline', so a script that slips into a
page is not run even if the build's scan missed it. Styles keep 'unsafe-inline':
Mermaid and the theme set style attributes, and a style cannot run script.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable

META_NAME = "Content-Security-Policy"


def script_hash(text: str) -> str:
    """The CSP source expression for one inline script's exact text."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def policy(script_texts: Iterable[str]) -> str:
    """The policy for a site whose inline scripts are script_texts (every page gets all hashes).

    One set for the whole site, because instant navigation swaps pages without
    reloading <head>: the first page's policy must allow every later page's scripts.
    """
    hashes = " ".join(sorted({script_hash(t) for t in script_texts}))
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src 'self' {hashes}".rstrip(),
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data:",
            "font-src 'self' data:",
            "connect-src 'self'",
            "worker-src 'self' blob:",
            "frame-src 'self'",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'none'",
        ]
    )


_HEAD_OPEN = re.compile(r"<head\b[^>]*>", re.IGNORECASE)
_CHARSET = re.compile(r"<meta\s+charset=[^>]*>", re.IGNORECASE)


def with_policy(html: str, csp: str) -> str:
    """html with the policy as the first element after <meta charset> (or <head>): before any script."""
    tag = f'<meta http-equiv="{META_NAME}" content="{csp}">'
    anchor = _CHARSET.search(html) or _HEAD_OPEN.search(html)
    if anchor is None:
        return tag + html
    return html[: anchor.end()] + tag + html[anchor.end() :]
