"""Human effort (not a test): where the options to click sit, and where the card ends, on a phone and a desktop.

Run alone with ``.venv/bin/python bench/first_screen.py [--site DIR]`` or as part
of ``make bench`` (bench/run.py). Prints Markdown.

Why: the time-to-answer benchmark (bench/answer.py) clicks labels wherever they
are; a person first has to find them. A choice below the first screen costs a
scroll and a search by eye. So, in Chromium at 1280x800 and at 390x844:

- Question pages: the top of the first option and the bottom of the last one,
  in CSS px from the top of the page, with JavaScript on (the start page then
  holds the ticket box) and off. At or under the viewport height means every
  option is on the first screen.
- Ticket paths: for every page that ``tests/ticket_cases.yaml`` sends a ticket
  to (its first expected page), the path a person clicks from the start page
  (the tree's main path to that page) with the top of each option to click,
  and the bottom edge of the At-a-glance card on the page reached.

The positions are read from the built pages by following their links; the tree
(YAML) only names which option leads where.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "hooks"))

import yaml  # noqa: E402
from measured_site import measured_site  # noqa: E402
from playwright.sync_api import Browser, Page, sync_playwright  # noqa: E402
from treesite.load import LoadedTree, load  # noqa: E402

from tests.helpers import CHROMIUM_ARGS, serve_folder  # noqa: E402

SIZES = {"1280x800": (1280, 800), "390x844": (390, 844)}
CASES = REPO / "tests" / "ticket_cases.yaml"
CARD = "article table.glance"
_BOX = """(sel) => { const e = document.querySelector(sel);
  if (!e) return null; const r = e.getBoundingClientRect(); return [r.top + scrollY, r.bottom + scrollY]; }"""
_OPTIONS = """() => [...document.querySelectorAll('article .options a')].map(a => {
  const r = a.getBoundingClientRect(); return {href: a.getAttribute('href'), top: r.top + scrollY, bottom: r.bottom + scrollY}; })"""


@dataclass(frozen=True)
class Step:
    page: str  # site path of the question page
    target: str  # site path of the page the option leads to


def page_of(loaded: LoadedTree, node_id: str) -> str:
    return "index.html" if node_id == loaded.tree.start else loaded.tree.node(node_id).url


def ticket_paths(loaded: LoadedTree) -> dict[str, list[Step]]:
    """{page a ticket goes to: the steps of the tree's main path to it}, in the cases' order."""
    cases = yaml.safe_load(CASES.read_text(encoding="utf-8"))
    by_page = {page_of(loaded, n): n for n in loaded.graph.order}
    out: dict[str, list[Step]] = {}
    for case in cases:
        target = case["expect"][0]
        if target in out:
            continue
        node_id = by_page[target]
        out[target] = [Step(page_of(loaded, s.question.id), page_of(loaded, s.option.to)) for s in loaded.graph.canonical[node_id]]
    return out


def question_pages(loaded: LoadedTree) -> list[str]:
    return [page_of(loaded, n) for n in loaded.graph.order if loaded.tree.node(n).is_question]


def _file(path: str) -> str:
    return path.rsplit("/", 1)[-1]


def measure(browser: Browser, base: str, pages: list[str], javascript: bool) -> dict[str, dict[str, dict]]:
    """{size: {page: {"options": {file name: (top, bottom)}, "card": (top, bottom) or None}}}."""
    out: dict[str, dict[str, dict]] = {}
    for size, (width, height) in SIZES.items():
        context = browser.new_context(viewport={"width": width, "height": height}, java_script_enabled=javascript)
        page: Page = context.new_page()
        out[size] = {}
        for target in pages:
            page.goto(base + target, wait_until="load")
            options = {_file(o["href"].split("#")[0]): (o["top"], o["bottom"]) for o in page.evaluate(_OPTIONS)}
            out[size][target] = {"options": options, "card": page.evaluate(_BOX, CARD)}
        context.close()
    return out


def _px(value: float | None, limit: int) -> str:
    if value is None:
        return "–"
    return f"{value:,.0f}" if value <= limit else f"**{value:,.0f}**"


def report(site: Path, chromium: str) -> list[str]:
    loaded = load(REPO / "decision_tree")
    paths = ticket_paths(loaded)
    questions = question_pages(loaded)
    pages = list(dict.fromkeys([*questions, *paths]))
    with sync_playwright() as p, serve_folder(site) as base:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            on = measure(browser, base, pages, javascript=True)
            off = measure(browser, base, questions, javascript=False)
        finally:
            browser.close()
    limit = {size: h for size, (_, h) in SIZES.items()}
    lines = [
        "### Question pages: first option's top and last option's bottom edge (CSS px from the top of the page)",
        "",
        "Bold: below the first screen (800 px high at 1280x800, 844 px at 390x844).",
        "",
        "| page | JS | first top 1280x800 | last bottom 1280x800 | first top 390x844 | last bottom 390x844 |",
        "|---|---|---:|---:|---:|---:|",
    ]
    for target in questions:
        for label, data in (("on", on), ("off", off)):
            cells = []
            for size in SIZES:
                boxes = list(data[size][target]["options"].values())
                cells += [_px(boxes[0][0], limit[size]) if boxes else "–", _px(max(b[1] for b in boxes), limit[size]) if boxes else "–"]
            lines.append(f"| {target} | {label} | {' | '.join(cells)} |")
    lines += [
        "",
        f"### Ticket paths: top of each option to click, and the card's bottom on the page reached (JS on; {len(paths)} pages"
        " that tests/ticket_cases.yaml sends tickets to)",
        "",
        "| page reached | clicks | option tops 1280x800 | card bottom 1280x800 | option tops 390x844 | card bottom 390x844 |",
        "|---|---:|---|---:|---|---:|",
    ]
    steps_total = 0
    on_screen = dict.fromkeys(SIZES, 0)
    for target, steps in paths.items():
        cells = []
        for size in SIZES:
            tops = []
            for step in steps:
                box = on[size][step.page]["options"].get(_file(step.target))
                tops.append(_px(box[0] if box else None, limit[size]))
                if box and box[1] <= limit[size]:
                    on_screen[size] += 1
            card = on[size][target]["card"]
            cells += [" → ".join(tops) or "(start page)", _px(card[1] if card else None, limit[size])]
        steps_total += len(steps)
        lines.append(f"| {target} | {len(steps)} | {' | '.join(cells)} |")
    lines += [
        "",
        f"Options to click fully on the first screen: {on_screen['1280x800']} of {steps_total} at 1280x800,"
        f" {on_screen['390x844']} of {steps_total} at 390x844.",
    ]
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", type=Path, help="an already built site/ (default: build one)")
    args = parser.parse_args(argv)
    with measured_site(args.site, "faq-first-screen-") as (site, chromium):
        print("\n".join(report(site, chromium)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
