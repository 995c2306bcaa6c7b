"""Answer-first benchmarks (not tests): time to the answer, where the card sits, how long answer pages are.

Run alone with ``.venv/bin/python bench/answer.py [--site DIR]`` or as part of
``make bench`` (bench/run.py). Prints Markdown.

- Time to the answer: in Chromium with JavaScript on, the start page is open;
  the clock runs from the first of three clicks (start → Work or school →
  Azure OpenAI → Global) until the answer's card is on screen. Measured on a
  plain static server of the built site and on ``mkdocs serve`` (what ``make
  serve`` runs), each with an empty cache per run. The median is the figure.
- Card position: the bottom edge of the At-a-glance card in CSS px from the top
  of the page, on every answer page, at 1280x800 and at 390x844. Under the
  viewport height means it is on the first screen without scrolling.
- Page height: every answer page's scrollHeight at 1280 and at 390 px wide.
"""

from __future__ import annotations

import argparse
import contextlib
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from measured_site import measured_site  # noqa: E402
from playwright.sync_api import Browser, Page, sync_playwright  # noqa: E402

from tests.helpers import CHROMIUM_ARGS, mkdocs_env, serve_folder  # noqa: E402

MKDOCS = str(Path(sys.executable).parent / "mkdocs")
CLICK_PATH = ["q/work.html", "q/aoai.html", "a/aoai-global.html"]
# The card of an answer page; before issue 9 the one-line verdict was the only answer on the first screen.
CARD = "article .glance"
SIZES = {"1280x800": (1280, 800), "390x844": (390, 844)}


@dataclass(frozen=True)
class Server:
    name: str
    base: str  # ends in "/": the start page


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _site_path() -> str:
    """mkdocs serve mounts the site under site_url's path."""
    for line in (REPO / "mkdocs.yml").read_text(encoding="utf-8").splitlines():
        if line.startswith("site_url:"):
            return urlsplit(line.split(":", 1)[1].strip()).path or "/"
    return "/"


@contextlib.contextmanager
def mkdocs_serve(repo: Path = REPO) -> Iterator[str]:
    """`mkdocs serve --strict` as `make serve` runs it, on a free port; yields the start page URL."""
    port = _free_port()
    env = dict(mkdocs_env(), PYTHONDONTWRITEBYTECODE="1")
    proc = subprocess.Popen(
        [MKDOCS, "serve", "--strict", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=repo,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}{_site_path()}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(base, timeout=2):
                    break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit("mkdocs serve did not start") from None
                time.sleep(0.3)
        yield base
    finally:
        proc.terminate()
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(timeout=10)
        if proc.poll() is None:
            proc.kill()


def answer_pages(site: Path) -> list[str]:
    return sorted(f"a/{p.name}" for p in (site / "a").glob("*.html"))


def click_to(page: Page, base: str, target: str) -> None:
    """Click the link to ``target`` and wait until that page is shown, however it loads."""
    page.evaluate("() => document.querySelector('article').setAttribute('data-bench-old', '')")
    page.locator(f'article a[href$="{target.rsplit("/", 1)[-1]}"]').first.click()
    page.wait_for_function(
        "(url) => location.href === url && document.querySelector('article h1') && !document.querySelector('article[data-bench-old]')",
        arg=base + target,
    )


def time_to_answer(browser: Browser, base: str, repeats: int, card: str) -> tuple[list[float], str]:
    """Seconds from each click to the next page shown, summed over the three clicks (the last until the card shows).

    A short pause between clicks (a reader finds the next option) is not counted.
    Also says how the clicks loaded: instant navigation or full page loads.
    """
    times: list[float] = []
    how = ""
    for _ in range(repeats):
        context = browser.new_context(viewport={"width": 1280, "height": 800})
        page = context.new_page()
        page.goto(base, wait_until="load")
        page.locator(".options a.option-link").first.wait_for()
        page.evaluate("() => { window.__benchMark = 1; }")
        total = 0.0
        for target in CLICK_PATH:
            page.wait_for_timeout(300)
            t0 = time.perf_counter()
            click_to(page, base, target)
            if target == CLICK_PATH[-1]:
                page.locator(card).first.wait_for(state="visible")
            total += time.perf_counter() - t0
        times.append(total)
        how = "instant navigation" if page.evaluate("() => window.__benchMark === 1") else "full page loads"
        context.close()
    return times, how


def layout(browser: Browser, base: str, pages: list[str], card: str) -> dict[str, dict[str, tuple[float | None, float]]]:
    """{page: {size: (card bottom px or None, page height px)}}, JavaScript on."""
    out: dict[str, dict[str, tuple[float | None, float]]] = {p: {} for p in pages}
    for size, (w, h) in SIZES.items():
        context = browser.new_context(viewport={"width": w, "height": h})
        page = context.new_page()
        for target in pages:
            page.goto(base + target, wait_until="load")
            bottom = page.evaluate(
                "(sel) => { const e = document.querySelector(sel); return e ? e.getBoundingClientRect().bottom + scrollY : null; }",
                card,
            )
            height = page.evaluate("() => document.documentElement.scrollHeight")
            out[target][size] = (bottom, height)
        context.close()
    return out


def fmt_px(value: float | None, limit: int) -> str:
    if value is None:
        return "no card"
    return f"{value:.0f}" + ("" if value <= limit else " **(below the first screen)**")


def report(site: Path, chromium: str, repeats: int, card: str = CARD, repo: Path = REPO) -> list[str]:
    pages = answer_pages(site)
    lines: list[str] = []
    with sync_playwright() as p, serve_folder(site) as static_base:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            with mkdocs_serve(repo) as serve_base:
                servers = [Server("static server of site/", static_base), Server("mkdocs serve", serve_base)]
                lines += [
                    f"### Time to the answer ({repeats} runs per server, empty cache each run)",
                    "",
                    f"Start page open; each click through {' → '.join(CLICK_PATH)} is timed until the next page shows"
                    f" (the last until the card, `{card}`, is visible); the three are summed."
                    f" Load average: {' '.join(Path('/proc/loadavg').read_text().split()[:3])}.",
                    "",
                    "| server | how clicks load | min s | median s | max s |",
                    "|---|---|---:|---:|---:|",
                ]
                for server in servers:
                    t, how = time_to_answer(browser, server.base, repeats, card)
                    lines.append(f"| {server.name} | {how} | {min(t):.2f} | **{statistics.median(t):.2f}** | {max(t):.2f} |")
            sizes = layout(browser, static_base, pages, card)
        finally:
            browser.close()
    lines += [
        "",
        "### Answer pages: card bottom edge and page height (CSS px)",
        "",
        "| page | card bottom 1280x800 | card bottom 390x844 | height at 1280 | height at 390 |",
        "|---|---:|---:|---:|---:|",
    ]
    for target in pages:
        wide, narrow = sizes[target]["1280x800"], sizes[target]["390x844"]
        lines.append(f"| {target} | {fmt_px(wide[0], 800)} | {fmt_px(narrow[0], 844)} | {wide[1]:,.0f} | {narrow[1]:,.0f} |")
    total_w = sum(sizes[t]["1280x800"][1] for t in pages)
    total_n = sum(sizes[t]["390x844"][1] for t in pages)
    lines.append(f"| **all {len(pages)}** | | | {total_w:,.0f} | {total_n:,.0f} |")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", type=Path, help="an already built site/ (default: build one)")
    parser.add_argument("--repeats", type=int, default=7, help="time-to-answer runs per server (default 7)")
    parser.add_argument("--card", default=CARD, help=f"CSS selector of the card (default {CARD!r})")
    parser.add_argument("--repo", type=Path, default=REPO, help="the checkout `mkdocs serve` runs in (default: this one)")
    args = parser.parse_args(argv)
    with measured_site(args.site, "faq-answer-") as (site, chromium):
        print("\n".join(report(site, chromium, args.repeats, args.card, args.repo.resolve())))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
