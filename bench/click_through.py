"""Benchmark 4: time from opening the start page to an answer, three clicks, in Chromium, on both origins
(browsing.py), with an empty cache each run. Run alone:

    python bench/click_through.py --repeats 1 [--site site/]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import answer
from browsing import Origin, instant, origins
from building import fmt, stats
from measured_site import measured_site

# Start -> Work or school -> Azure OpenAI -> Global: the three clicks.
CLICK_PATH = ["q/work.html", "q/aoai.html", "a/aoai-global.html"]


def bench_click_through(places: list[Origin], repeats: int) -> list[str]:
    lines = [
        f"### 4. Start page to answer in Chromium ({repeats} runs per origin, empty cache each run)",
        "",
        f"Path: start → {' → '.join(CLICK_PATH)} (3 clicks); the clock stops when the answer's card is on screen.",
        "",
        "| origin | how clicks load | open start page: min / median / max s | open + 3 clicks: min / median / max s |",
        "|---|---|---:|---:|",
    ]
    for origin in places:
        totals: list[float] = []
        opens: list[float] = []
        how = ""
        for _ in range(repeats):
            context = origin.browser.new_context(viewport={"width": 1280, "height": 900})
            page = context.new_page()
            t0 = time.perf_counter()
            page.goto(origin.base, wait_until="load")
            page.locator(".options a.option-link").first.wait_for()
            opens.append(time.perf_counter() - t0)
            page.evaluate("() => { window.__benchMark = 1; }")
            for target in CLICK_PATH:
                answer.click_to(page, origin.base, target)
            page.locator(answer.CARD).wait_for()
            totals.append(time.perf_counter() - t0)
            how = "instant navigation" if instant(page) else "full page loads"
            context.close()
        o, t = stats(opens), stats(totals)
        lines.append(f"| {origin.name} | {how} | {fmt(o[0])} / {fmt(o[1])} / {fmt(o[2])} | {fmt(t[0])} / {fmt(t[1])} / {fmt(t[2])} |")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", type=Path, help="an already built site/ (default: build one)")
    parser.add_argument("--repeats", type=int, default=5, help="click-through runs per origin (default 5)")
    args = parser.parse_args(argv)
    with (
        measured_site(args.site, "faq-clicks-") as (site, chromium),
        tempfile.TemporaryDirectory(prefix="faq-clicks-serve-") as tmp,
        origins(site.resolve(), Path(tmp), chromium) as places,
    ):
        print("\n".join(bench_click_through(places, args.repeats)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
