"""Benchmarks for the FAQ site (not tests): build time, scaling, page weight, click-through time.

Run with ``make bench`` (or ``.venv/bin/python bench/run.py``); prints Markdown.
One module per benchmark, each runnable alone (``python bench/<module>.py
--help``); this runner runs them all on one site build and one pair of served
origins, and prints their sections in order:

1. real_site.py: build time of the real site, ``mkdocs build --strict`` as
   ``make build`` runs it, several times (min / median / max).
2. scaling.py: synthetic trees (synthetic.py) of 100, 1,000 and 5,000 nodes,
   built with the hooks and as the same pages in plain Markdown: what the hook costs.
3. page_weight.py: an answer page's HTML raw and gzipped, and what Chromium
   fetches on a first visit and the next two clicks, on the two origins of browsing.py.
4. click_through.py: start page to an answer, three clicks, in Chromium, on both origins.
5. ticket_box.py: the box's answer for a long ticket on the 1,000-node synthetic tree.
6. answer.py: time to the answer on a static server and on ``mkdocs serve``, the
   card's bottom edge and the height of every answer page at 1280x800 and 390x844.
7. first_screen.py: where a person finds what to click on every question page and
   on the pages tests/ticket_cases.yaml sends a ticket to.

Shared: building.py (timing one build), machine.py (the machine table),
browsing.py (serving the site to Chromium), measured_site.py (a site and Chromium
for a benchmark run alone).

Targets: the hook adds under 15 % at every size; an answer page is under
30 KB gzipped. The tables say whether each is met.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

import answer
import first_screen
import ticket_box
from browsing import origins
from click_through import bench_click_through
from machine import load_average, machine_table
from page_weight import bench_page_weight
from real_site import bench_real_site
from scaling import bench_scaling, rounds_for


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="100,1000,5000", help="synthetic tree sizes in nodes (default 100,1000,5000)")
    parser.add_argument("--real-repeats", type=int, default=5, help="builds of the real site (default 5)")
    parser.add_argument("--browser-repeats", type=int, default=5, help="click-through runs per origin (default 5)")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s]
    chromium = shutil.which("chromium")
    if chromium is None:
        raise SystemExit("chromium is not on PATH: run `make test-deps` (it installs Debian's chromium)")
    notes: list[str] = []
    started = time.perf_counter()
    out: list[str] = ["# Benchmarks", ""]
    with tempfile.TemporaryDirectory(prefix="faq-bench-") as tmp:
        work = Path(tmp)
        log(f"1. real site: {args.real_repeats} builds")
        real, site = bench_real_site(work, args.real_repeats, notes)
        with origins(site, work, chromium) as places:
            out += [*machine_table(places[0].browser.version), ""]
            log("3. page weight")
            weight = bench_page_weight(places, site)
            log(f"4. click-through: {args.browser_repeats} runs per origin")
            clicks = bench_click_through(places, args.browser_repeats)
            log("5. ticket box on the 1,000-node tree")
            box = ticket_box.bench_ticket_box(places[0].browser, work)
        log(f"6. answer first: {args.browser_repeats} runs per server, card and height of every answer page")
        first = answer.report(site, chromium, args.browser_repeats)
        log("7. human effort: option positions on every question page and ticket path")
        effort = first_screen.report(site, chromium)
        log(f"2. scaling: {sizes} nodes (the long part)")
        scaling = bench_scaling(work, sizes, rounds_for(sizes), notes, log)
        for section in (real, scaling, weight, clicks, box, ["### 6. Answer first", "", *first], ["### 7. Human effort", "", *effort]):
            out += [*section, ""]
    out.append(f"Load average at the end: {load_average()}. Total run time {time.perf_counter() - started:.0f} s.")
    if notes:
        out += ["", "Notes:", *(f"- {n}" for n in notes)]
    print("\n".join(out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
