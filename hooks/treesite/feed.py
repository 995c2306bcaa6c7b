"""The Atom feed of the change log, so a compliance team can subscribe to changes.

feedgen writes the XML (escaping, Atom rules), we only choose the content. The
feed must be byte-identical for the same tree: every date comes from the
entries (never the clock) and the generator line carries no version.
"""

from __future__ import annotations

import datetime
from urllib.parse import urljoin

from feedgen.feed import FeedGenerator

from .changelog import Entry
from .model import Tree
from .render import CHANGES_PAGE, html_url, page_of
from .views.paths import update_page

FEED_FILE = "feed.xml"


def _stamp(date: str) -> datetime.datetime:
    """Noon UTC on the entry's date: a fixed time, so the feed does not depend on the clock."""
    return datetime.datetime.combine(datetime.date.fromisoformat(date), datetime.time(12), tzinfo=datetime.UTC)


def atom_feed(tree: Tree, entries: list[Entry], site_url: str, site_name: str, author: str) -> bytes:
    """One Atom entry per change (minor ones too, marked), newest first, with absolute links from site_url.

    RFC 4287 (4.1.1) requires an author on the feed or on every entry: the feed's author is
    `author` (mkdocs.yml's site_author), with the site's address as its URI.
    """
    if not author.strip():
        raise ValueError("The change feed needs an author (RFC 4287): set site_author in mkdocs.yml")
    base = site_url.rstrip("/") + "/"
    changes_url = urljoin(base, html_url(CHANGES_PAGE))
    fg = FeedGenerator()
    fg.id(urljoin(base, FEED_FILE))
    fg.title(f"{site_name}: what changed")
    fg.author(name=" ".join(author.split()), uri=base)
    fg.subtitle("Every change to what the answer pages say, with the pages it touches and why.")
    fg.link(href=urljoin(base, FEED_FILE), rel="self", type="application/atom+xml")
    fg.link(href=changes_url, rel="alternate", type="text/html")
    fg.language("en")
    fg.generator("feedgen")  # no version: upgrading the library must not change the bytes
    newest = max((e.date for e in entries), default=tree.site.content_date)
    fg.updated(_stamp(newest))
    for entry in entries:  # newest first, as the What changed page lists them
        change = entry.change
        item = fg.add_entry(order="append")
        item.id(f"{changes_url}#{entry.anchor}")
        prefix = "Minor correction: " if change.minor else ""
        item.title(f"{entry.date}: {prefix}{' '.join(change.summary.split())}")
        item.updated(_stamp(entry.date))
        item.published(_stamp(entry.date))
        # One link per entry: feedgen 1.0.0 drops rel/type/title of entry links, and Atom allows only one
        # alternate link per type, so the pages' absolute URLs go in the content instead.
        item.link(href=f"{changes_url}#{entry.anchor}", rel="alternate", type="text/html")
        pages = [(node.title, urljoin(base, html_url(page_of(node, tree)))) for node in entry.nodes]
        pages += [(f"{gone.title} (retired)", urljoin(base, gone.url)) for gone in entry.retired]
        lines = [change.summary, f"Why: {change.why}"]
        if entry.update:  # a source update: what changed in the source, paragraph by paragraph
            source_id, key = entry.update
            lines.append(f"What changed in the source: {urljoin(base, html_url(update_page(source_id, key)))}")
        lines += ["Pages:", *(f"- {title}: {url}" for title, url in pages)]
        item.content("\n".join(" ".join(line.split()) for line in lines), type="text")
    return fg.atom_str(pretty=True)
