"""The 404 page works wherever the site is served: its links are relative to the site's root.

Why: MkDocs roots the links of 404.html at site_url's path (/copilot-data-faq/...), which
breaks when the site is served under any other path (issue 24, LinkChecker).
hooks/error_page.py gives the page the base ".", as every page at the root has.
"""

from __future__ import annotations

import re
from pathlib import Path


def test_the_404_page_links_relative_to_the_site_root(built_site: Path) -> None:
    """No link rooted at site_url's path (/copilot-data-faq/...): they break wherever the site is served under another path."""
    html = (built_site / "404.html").read_text(encoding="utf-8")
    links = re.findall(r'(?:href|src)="([^"]*)"', html)
    rooted = [link for link in links if link.startswith("/")]
    assert not rooted, f"404.html links from the server's root: {rooted[:5]}"
    ours = [link.removeprefix("./") for link in links if not re.match(r"[a-z]+:|#", link)]
    assert {"index.html", "compare.html", "assets/stylesheets/faq.css"} <= set(ours), ours
    assert not [link for link in ours if link.startswith("..")], ours
    assert '"base": "."' in html, "Material's __config.base (search worker) must be relative too"
