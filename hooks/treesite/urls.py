"""Source URLs are parsed, not pattern-matched: only a plain https address with a host passes.

A URL from the tree ends up in an href. The schema's pattern is a first filter
for editors; this check is the rule the build relies on, because a pattern that
looks strict still let ')' and Markdown through when the URL was spliced into
Markdown. Templates write URLs only as autoescaped attributes; this module makes
sure what they write is an https address on a named host and nothing else.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any
from urllib.parse import urlsplit

from .errors import Problem
from .yamlfiles import LineMap

URL_KEYS = ("url", "also_url")
# RFC 3986: unreserved, reserved (gen- and sub-delims) and '%' for percent-encoding.
_URL_CHARS = re.compile(r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]*")
_FIX = "write the full address as https://host/path, with spaces and other special characters percent-encoded (a space is %20)"


def url_problem(url: object) -> str | None:
    """Why url is not acceptable as a link to a source, or None when it is."""
    if not isinstance(url, str) or not url:
        return "it is empty or not text"
    bad = next((c for c in url if c.isspace() or unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp")), None)
    if bad is not None:
        return f"it contains white space or an invisible or control character (U+{ord(bad):04X})"
    if not _URL_CHARS.fullmatch(url):
        char = next(c for c in url if not _URL_CHARS.fullmatch(c))
        return f"it contains {char!r}, which a URL may only carry percent-encoded"
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError on a malformed port
    except ValueError as err:
        return f"it cannot be parsed ({err})"
    if parts.scheme != "https":
        return f"it starts with '{parts.scheme or url[:12]}' instead of https://"
    if not parts.hostname:
        return "it has no host name after https://"
    if "@" in parts.netloc:
        return "it carries a user name or password before the host"
    return None


def check_source_urls(data: dict[str, Any], lines: LineMap) -> list[Problem]:
    """Every url and also_url of every source, each problem at the line of that value."""
    problems: list[Problem] = []
    for i, source in enumerate(data.get("sources") or []):
        if not isinstance(source, dict):
            continue
        for key in URL_KEYS:
            if key not in source:
                continue
            reason = url_problem(source[key])
            if reason:
                what = f"the {key} of source '{source.get('id', '?')}' is not a plain https:// address: {reason}"
                problems.append(Problem(lines.find(("sources", i, key)), what, _FIX))
    return problems
