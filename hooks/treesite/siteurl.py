"""The site's public address: permanent links and the feed are only as good as this URL.

It comes from the SITE_URL environment variable when set (so a host can be
chosen at publish time without editing mkdocs.yml), else from the config. A
build meant for publishing refuses the placeholder address, which would put
dead links into every ticket.
"""

from __future__ import annotations

from urllib.parse import urlsplit

PLACEHOLDER_SUFFIXES = (".invalid", "example.com", "example.org", "example.net")


class SiteUrlError(ValueError):
    """The address is unusable; the message says what to set instead."""


def public_url(from_env: str | None, configured: str) -> str:
    """SITE_URL if set, else the configured site_url; checked to be an absolute http(s) URL ending in '/'."""
    chosen = (from_env or "").strip() or (configured or "").strip()
    source = "SITE_URL" if (from_env or "").strip() else "site_url in mkdocs.yml"
    if not chosen:
        return ""
    parts = urlsplit(chosen)
    if parts.scheme not in {"http", "https"} or not parts.hostname or parts.query or parts.fragment:
        raise SiteUrlError(
            f"{source} is {chosen!r}, which is not a web address. Fix: set it to the address the site is served from, "
            "e.g. SITE_URL=https://faq.example.org/copilot-data-faq/"
        )
    return chosen if chosen.endswith("/") else chosen + "/"


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
