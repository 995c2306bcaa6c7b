"""Run tests/ticket_cases.yaml through the site search and the ticket box; count top-1 and top-3.

Why one module: the browser tests (over http and from file://) and the figures in
the closing note must count the same way. As a script it prints the figures for
a built site folder, over http and, with ``--file``, from file://:

    python -m tests.browser.ticketcases SITE_DIR [--file] [--box]
"""

from __future__ import annotations

import argparse
import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml
from playwright.sync_api import Page

from tests.browser.treepages import search_hits, site_path
from tests.helpers import REPO

CASES_FILE = REPO / "tests" / "ticket_cases.yaml"
QUESTIONS = ("training", "processing", "access", "retention")


@dataclass(frozen=True)
class Case:
    id: str
    text: str
    expect: tuple[str, ...]
    asks: str | None
    also: tuple[str, ...]


@functools.cache
def load_cases() -> tuple[Case, ...]:
    raw: list[dict[str, Any]] = yaml.safe_load(CASES_FILE.read_text(encoding="utf-8"))
    cases = []
    for r in raw:
        assert set(r) <= {"id", "text", "expect", "asks", "also"}, f"{r.get('id')}: unknown keys {set(r)}"
        assert r.get("asks") in (None, *QUESTIONS), f"{r['id']}: asks must be one of {QUESTIONS}"
        cases.append(Case(r["id"], " ".join(r["text"].split()), tuple(r["expect"]), r.get("asks"), tuple(r.get("also", []))))
    return tuple(cases)


@dataclass(frozen=True)
class BoxAnswer:
    """What the ticket box proposed: links in order (with fragments) and the reasoning line(s)."""

    links: tuple[str, ...]  # site paths with '#fragment' when there is one
    text: str

    @property
    def pages(self) -> list[str]:
        return list(dict.fromkeys(link.split("#")[0] for link in self.links))


def box_answer(page: Page, base: str, text: str) -> BoxAnswer:
    """Paste the text into the ticket box on the start page; read the proposals."""
    box = page.locator("#ticket-box[data-mounted] textarea")  # the shell is in the HTML; ticket-box.js mounts it
    box.fill(text)
    page.locator("#ticket-box button.ticket-box__go").click()
    result = page.locator("#ticket-box .ticket-result")
    result.wait_for()
    hrefs = result.locator("a").evaluate_all("as => as.map(a => a.href)")
    links = []
    for href in hrefs:
        path = site_path(href, base)
        fragment = urlsplit(href).fragment
        links.append(f"{path}#{fragment}" if fragment else path)
    return BoxAnswer(tuple(links), " ".join(result.inner_text().split()))


@dataclass
class Score:
    total: int = 0
    top1: int = 0
    top3: int = 0
    misses: list[str] | None = None

    def add(self, case: Case, pages: list[str]) -> None:
        self.total += 1
        self.misses = self.misses or []
        if pages[:1] and pages[0] in case.expect:
            self.top1 += 1
        else:
            self.misses.append(f"{case.id}: got {pages[:3]}, expected {list(case.expect)}")
        if set(pages[:3]) & set(case.expect):
            self.top3 += 1

    def line(self, label: str) -> str:
        def share(n: int) -> str:
            return f"{n}/{self.total} ({100 * n / self.total:.0f} %)"

        return f"{label}: top-1 {share(self.top1)}, top-3 {share(self.top3)}"


def main(argv: list[str] | None = None) -> int:
    from playwright.sync_api import sync_playwright

    from tests.conftest import chromium_path
    from tests.helpers import CHROMIUM_ARGS, serve_folder

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("site", type=Path)
    parser.add_argument("--file", action="store_true", help="also from file:// (an offline export)")
    parser.add_argument("--box", action="store_true", help="also run the ticket box")
    args = parser.parse_args(argv)
    with sync_playwright() as pw, serve_folder(args.site) as http_base:
        browser = pw.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        bases = [("http", http_base)] + ([("file", args.site.resolve().as_uri() + "/")] if args.file else [])
        for origin, base in bases:
            kinds = ["search"] + (["box"] if args.box else [])
            for kind in kinds:
                score = Score()
                for case in load_cases():
                    context = browser.new_context()
                    page = context.new_page()
                    page.goto(base + "index.html")
                    pages = search_hits(page, base, case.text) if kind == "search" else box_answer(page, base, case.text).pages
                    score.add(case, pages)
                    context.close()
                print(score.line(f"{kind} over {origin}"))
                for miss in score.misses or []:
                    print("   miss", miss)
        browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
