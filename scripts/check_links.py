"""Check every internal link and anchor in a built site, citation anchors included.

MkDocs validates the links it sees in Markdown; this checks what actually
shipped: the HTML, with theme links, redirects and generated pages. A support
agent who clicks a citation must land on the paragraph, not on a 404.

    python scripts/check_links.py site/ [/base-path/]

Root-relative links (only the 404 page has them) are read against the base
path of site_url, where the server mounts the site.
"""

from __future__ import annotations

import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

_LINK_ATTRS = {("a", "href"), ("link", "href"), ("script", "src"), ("img", "src"), ("iframe", "src")}
_SKIP_SCHEMES = ("http://", "https://", "mailto:", "data:", "tel:")


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name in {"id", "name"}:
                self.ids.add(value)
            if (tag, name) in _LINK_ATTRS:
                self.links.append(value)


def _parse(path: Path) -> _Collector:
    collector = _Collector()
    collector.feed(path.read_text(encoding="utf-8", errors="replace"))
    return collector


def check_site(site: Path, base_path: str = "/") -> list[str]:
    """Return one line per broken link: 'page: link (reason)'. Also rejects any javascript: URL."""
    pages = {p: _parse(p) for p in sorted(site.rglob("*.html"))}
    problems: list[str] = []
    for page, parsed in pages.items():
        for link in parsed.links:
            where = f"{page.relative_to(site)}: {link}"
            if link.strip().lower().startswith("javascript:"):
                problems.append(f"{where} (javascript: URL)")
                continue
            if link.startswith(_SKIP_SCHEMES) or link.startswith("//"):
                continue
            parts = urlsplit(link)
            path = unquote(parts.path)
            if path.startswith("/"):
                if not path.startswith(base_path):
                    problems.append(f"{where} (outside the site's base path {base_path})")
                    continue
                target = (site / path[len(base_path) :]).resolve()
            else:
                target = page if not path else (page.parent / path).resolve()
            if path.endswith("/") or target.is_dir():
                target = target / "index.html"
            if not target.is_file():
                problems.append(f"{where} (no such file)")
                continue
            fragment = unquote(parts.fragment)
            if fragment and target.suffix == ".html" and not fragment.startswith(("__", ":~:")):
                ids = pages[target].ids if target in pages else _parse(target).ids
                if fragment not in ids:
                    problems.append(f"{where} (no anchor #{fragment})")
    return problems


def main(argv: list[str]) -> int:
    site = Path(argv[1] if len(argv) > 1 else "site")
    problems = check_site(site, argv[2] if len(argv) > 2 else "/")
    for line in problems:
        print(line)
    print(f"{len(problems)} broken link(s) in {site}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
