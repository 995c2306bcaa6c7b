"""The sidebar's links say where they lead (WCAG 2.4.4, 2.4.9): no bare "Start" or "Home".

Why: issue 24 (Lighthouse, pa11y): the first sidebar link read "Start", which says nothing to a
screen-reader user listing the links. The titles come from mkdocs.yml's nav.
"""

from __future__ import annotations

import re
from pathlib import Path

VAGUE = {"start", "home", "here", "more", "index", "page"}


def test_the_sidebar_link_to_the_start_page_is_descriptive(built_site: Path) -> None:
    html = (built_site / "about.html").read_text(encoding="utf-8")
    nav = html[html.index('class="md-nav md-nav--primary"') :]
    labels = {
        href: " ".join(re.sub(r"<[^>]+>", " ", text).split())
        for href, text in re.findall(r'<a href="([^"]+)" class="md-nav__link[^"]*">(.*?)</a>', nav, re.S)
    }
    start = labels.get("index.html")
    assert start, f"no sidebar link to index.html: {labels}"
    assert start.lower() not in VAGUE and len(start.split()) >= 3, f"the sidebar link to the start page says only {start!r}"
    assert not [label for label in labels.values() if label.lower() in VAGUE], labels
