"""The change feed carries every element RFC 4287 requires, so a strict feed reader accepts it.

Why: the W3C feed validator counted 33 errors in the feed (issue 24), all one rule:
RFC 4287 section 4.1.1 requires atom:author on the feed or on every entry. The other
required elements are checked too, since a missing one is as fatal to a strict reader:
- feed: atom:id, atom:title, atom:updated, and an author (on the feed or on every entry);
- entry: atom:id, atom:title, atom:updated, and atom:content or a link rel="alternate";
- every id is an IRI (absolute, with a scheme), every date an RFC 3339 date-time;
- an author has a name.
Parsed with xml.etree only: no network, no validator service.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from treesite import build_site
from treesite.feed import atom_feed

from tests.helpers import REPO

ATOM = "{http://www.w3.org/2005/Atom}"
# RFC 3339 section 5.6 date-time, with the upper-case T and Z that RFC 4287 section 3.3 requires.
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")


def _iri_errors(where: str, value: str | None) -> list[str]:
    if not value or not value.strip():
        return [f"{where}: atom:id is missing or empty"]
    parts = urlsplit(value)
    if not parts.scheme or not (parts.netloc or parts.scheme in ("urn", "tag")):
        return [f"{where}: atom:id {value!r} is not an absolute IRI"]
    return []


def _date_errors(where: str, value: str | None) -> list[str]:
    if value is None:
        return [f"{where}: atom:updated is missing"]
    return [] if RFC3339.match(value) else [f"{where}: atom:updated {value!r} is not an RFC 3339 date-time"]


def _author_errors(where: str, element: ET.Element) -> list[str]:
    authors = element.findall(f"{ATOM}author")
    return [f"{where}: atom:author has no atom:name" for a in authors if not (a.findtext(f"{ATOM}name") or "").strip()]


def rfc4287_errors(xml: bytes) -> list[str]:
    """Every missing or malformed element RFC 4287 requires; empty means the feed is valid on these points."""
    feed = ET.fromstring(xml)
    if feed.tag != f"{ATOM}feed":
        return [f"root element is {feed.tag}, not atom:feed"]
    errors = _iri_errors("feed", feed.findtext(f"{ATOM}id"))
    if not (feed.findtext(f"{ATOM}title") or "").strip():
        errors.append("feed: atom:title is missing or empty")
    errors += _date_errors("feed", feed.findtext(f"{ATOM}updated"))
    errors += _author_errors("feed", feed)
    feed_has_author = feed.find(f"{ATOM}author") is not None
    for n, entry in enumerate(feed.findall(f"{ATOM}entry"), 1):
        where = f"entry {n}"
        errors += _iri_errors(where, entry.findtext(f"{ATOM}id"))
        if not (entry.findtext(f"{ATOM}title") or "").strip():
            errors.append(f"{where}: atom:title is missing or empty")
        errors += _date_errors(where, entry.findtext(f"{ATOM}updated"))
        errors += _author_errors(where, entry)
        if not feed_has_author and entry.find(f"{ATOM}author") is None:
            errors.append(f"{where}: no atom:author, and the feed has none (RFC 4287 4.1.1)")
        alternate = [link for link in entry.findall(f"{ATOM}link") if link.get("rel", "alternate") == "alternate"]
        if entry.find(f"{ATOM}content") is None and not alternate:
            errors.append(f"{where}: neither atom:content nor a link rel=alternate")
    return errors


def test_the_built_feed_has_every_element_rfc4287_requires(built_site: Path) -> None:
    errors = rfc4287_errors((built_site / "feed.xml").read_bytes())
    assert not errors, f"{len(errors)} RFC 4287 error(s) in feed.xml:\n" + "\n".join(errors)


def test_the_feed_author_comes_from_site_author(built_site: Path) -> None:
    """The author is mkdocs.yml's site_author, not a name written in code."""
    configured = re.search(r"^site_author:\s*(.+?)\s*$", (REPO / "mkdocs.yml").read_text(encoding="utf-8"), re.MULTILINE)
    assert configured, "mkdocs.yml has no site_author: the feed's author comes from it"
    feed = ET.fromstring((built_site / "feed.xml").read_bytes())
    assert feed.findtext(f"{ATOM}author/{ATOM}name") == configured.group(1)


def test_a_feed_without_an_author_is_refused() -> None:
    build = build_site(REPO / "decision_tree")
    with pytest.raises(ValueError, match="site_author"):
        atom_feed(build.loaded.tree, build.changes, "https://faq.test/", "FAQ", "  ")


def test_the_checker_finds_a_missing_author() -> None:
    """The check itself: a feed like main's before issue 24 (no author anywhere) is reported once per entry."""
    build = build_site(REPO / "decision_tree")
    xml = atom_feed(build.loaded.tree, build.changes, "https://faq.test/", "FAQ", "FAQ editors")
    feed = ET.fromstring(xml)
    feed.remove(feed.find(f"{ATOM}author"))  # type: ignore[arg-type]
    errors = rfc4287_errors(ET.tostring(feed))
    assert len(errors) == len(feed.findall(f"{ATOM}entry")) >= 1
    assert all("no atom:author" in e for e in errors)
