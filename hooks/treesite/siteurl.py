"""The site's public address: permanent links and the feed are only as good as this URL.

It comes from the SITE_URL environment variable when set (so a host can be
chosen at publish time without editing mkdocs.yml), else from the config. A
build meant for publishing refuses the placeholder address, which would put
dead links into every ticket.

The address is parsed, never trusted: the theme writes it unescaped into every
page (the canonical link, the base path in an inline script), so one stray
quote would become markup. Only an absolute https URL is accepted (http only for
a loopback host, which `mkdocs serve` uses), and every character must be one RFC
3986 allows in the part it stands in. A letter outside ASCII in the path is
percent-encoded as UTF-8, as a browser would; anything else is refused with the
character, its position and why.
"""

from __future__ import annotations

import contextlib
import ipaddress
import re
import string
from urllib.parse import quote, urlsplit

PLACEHOLDER_SUFFIXES = (".invalid", "example.com", "example.org", "example.net")
LOOPBACK_NAMES = frozenset({"localhost"})

# RFC 3986, section 2 and 3.3: what a path segment may hold as written.
UNRESERVED = frozenset(string.ascii_letters + string.digits + "-._~")
SUB_DELIMS = frozenset("!$&'()*+,;=")
PATH_CHARACTERS = UNRESERVED | SUB_DELIMS | frozenset(":@/%")
# A regular expression character class of the same set, for patterns that match a base path.
PATH_CLASS = r"[A-Za-z0-9\-._~!$&'()*+,;=:@/%]"
_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")
# Host names: letters, digits and hyphens in dot-separated labels (RFC 1123), at most 253 characters.
_LABEL = re.compile(r"^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$")
EXAMPLE = "SITE_URL=https://faq.example.org/copilot-data-faq/"

# Why a character that RFC 3986 does not allow in a path is refused, for the message.
_WHY = {
    '"': "it would end the HTML attribute the address is written into",
    "<": "it would start an HTML tag in the pages",
    ">": "it would end an HTML tag in the pages",
    "\\": "browsers read it as / and it escapes characters in the theme's scripts",
    " ": "a space is not part of an address (write %20 if the path really has one)",
    "`": "it is not allowed in a URL and quotes text in the theme's scripts",
    "#": "a fragment (#...) cannot be part of the site's base address",
    "?": "a query (?...) cannot be part of the site's base address",
}


class SiteUrlError(ValueError):
    """The address is unusable; the message says what to set instead."""


def _refuse(source: str, chosen: str, what: str, fix: str) -> SiteUrlError:
    return SiteUrlError(f"{source} is {chosen!r}: {what}. Fix: {fix}")


def _character_problem(char: str, position: int) -> str:
    named = f"{char!r} (U+{ord(char):04X}) at position {position}"
    why = _WHY.get(char) or (
        "it is a control character" if ord(char) < 0x20 or 0x7F <= ord(char) < 0xA0 else "RFC 3986 does not allow it in a URL path"
    )
    return f"the character {named} is not allowed in an address: {why}"


def _check_host(source: str, chosen: str, host: str, netloc: str) -> None:
    if "@" in netloc:
        raise _refuse(source, chosen, "it holds a user name (user@host)", "give the address without a user name or password")
    if not host:
        raise _refuse(source, chosen, "it has no host", f"give the full address, e.g. {EXAMPLE}")
    if netloc.startswith("["):
        return  # an IPv6 literal: urlsplit has already checked it
    bad = next((c for c in host if not (c.isascii() and (c.isalnum() or c in ".-"))), None)
    if bad is not None:
        fix = "write the host in its ASCII form"
        with contextlib.suppress(UnicodeError):  # a name the idna codec cannot convert gets no example
            fix += f" ({host.encode('idna').decode('ascii')})" if not host.isascii() else ""
        raise _refuse(source, chosen, f"the host {host!r} holds {bad!r} (U+{ord(bad):04X}), which no host name may hold", fix)
    labels = host.rstrip(".").split(".")
    if len(host) > 253 or not all(_LABEL.match(label) for label in labels):
        raise _refuse(source, chosen, f"the host {host!r} is not a valid host name", "give the host as it appears in a browser")


def _is_loopback(host: str) -> bool:
    if host in LOOPBACK_NAMES:
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return address.is_loopback or address.is_unspecified


def _clean_path(source: str, chosen: str, path: str, offset: int) -> str:
    """The path with letters outside ASCII percent-encoded; any other character RFC 3986 refuses is an error."""
    for i, char in enumerate(path):
        if char in PATH_CHARACTERS or (ord(char) > 0x9F and char.isprintable() and not char.isspace()):
            continue
        fix = f"remove it, or write it as {quote(char, safe='')} if the path really holds it"
        raise _refuse(source, chosen, _character_problem(char, offset + i + 1), fix)
    bad = _PERCENT.search(path)
    if bad is not None:
        raise _refuse(
            source,
            chosen,
            f"the '%' at position {offset + bad.start() + 1} is not followed by two hexadecimal digits",
            "write % as %25, or complete the percent-encoding",
        )
    return quote(path, safe="".join(sorted(PATH_CHARACTERS)))


def public_url(from_env: str | None, configured: str, *, serving: bool = False) -> str:
    """SITE_URL if set, else the configured site_url: an absolute https URL (http on loopback), ending in '/'.

    serving: `mkdocs serve` replaced site_url with its own http:// address (any --dev-addr).
    """
    chosen = (from_env or "").strip() or (configured or "").strip()
    source = "SITE_URL" if (from_env or "").strip() else "site_url in mkdocs.yml"
    if not chosen:
        return ""
    for i, char in enumerate(chosen):
        if not char.isprintable() or char.isspace():
            raise _refuse(source, chosen, _character_problem(char, i + 1), "remove it")
    try:
        parts = urlsplit(chosen)
        port = parts.port
    except ValueError as err:
        raise _refuse(source, chosen, f"it cannot be read as an address ({err})", f"give the full address, e.g. {EXAMPLE}") from None
    if not parts.scheme or not parts.netloc:
        raise _refuse(source, chosen, "it is not an absolute address", f"give the full address with https://, e.g. {EXAMPLE}")
    host = parts.hostname or ""
    local = serving and source != "SITE_URL"
    if parts.scheme != "https" and not (parts.scheme == "http" and (local or _is_loopback(host))):
        raise _refuse(
            source,
            chosen,
            f"the scheme is {parts.scheme}:, and the site is published only under https:// (http:// only for this machine)",
            f"give the https:// address, e.g. {EXAMPLE}",
        )
    _check_host(source, chosen, host, parts.netloc)
    for part, mark in (("query", "?"), ("fragment", "#")):
        if getattr(parts, part) or mark in chosen:
            raise _refuse(source, chosen, _character_problem(mark, chosen.index(mark) + 1), "remove it and what follows")
    path = _clean_path(source, chosen, parts.path or "/", len(f"{parts.scheme}://{parts.netloc}"))
    if not path.endswith("/"):
        path += "/"
    netloc = f"{parts.hostname}:{port}" if port is not None and not parts.netloc.startswith("[") else parts.netloc
    return f"{parts.scheme}://{netloc.lower() if netloc.isascii() else netloc}{path}"


def publish_problem(url: str) -> str | None:
    """Why this address must not be published, or None when it may be."""
    host = (urlsplit(url).hostname or "") if url else ""
    if not host or host.endswith(PLACEHOLDER_SUFFIXES):
        shown = url or "empty"
        return (
            f"the site address is {shown}, a placeholder: permanent links and the feed would point nowhere. "
            "Fix: publish with SITE_URL=https://your.host/path/ make publish (or set site_url in mkdocs.yml)"
        )
    if urlsplit(url).scheme != "https":
        return f"the site address {url} is not https. Fix: publish under an https:// address"
    return None
