"""Benchmark 3: page weight of an answer page, and what Chromium fetches on a first visit and the next two clicks.

The answer page's HTML raw and gzipped, and the bytes Chromium fetches, counted
from its network events, with the site served from the loopback root (every
click a full page load, assets from cache) and at site_url's host and path
(Material's instant navigation: a click fetches only the new HTML); see
browsing.py for why the two differ. Target: under 30 KB gzipped. Run alone:

    python bench/page_weight.py [--site site/]
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import answer
from browsing import Origin, instant, origins, settle
from measured_site import measured_site
from playwright.sync_api import BrowserContext, Error, Request

ANSWER = "a/aoai-global.html"
# From the answer above: back to its question (the "change" link of the last step), then to another answer.
NEXT_QUESTION = "q/aoai.html"
NEXT_ANSWER = "a/aoai-standard.html"
GZIP_TARGET = 30 * 1024


@dataclass
class Traffic:
    """What a page fetched since the last reset: requests by kind, bytes on the wire, bodies, bodies gzipped."""

    requests: int = 0
    from_cache: int = 0
    not_modified: int = 0
    wire: int = 0
    body: int = 0
    gzipped: int = 0
    kinds: list[str] = field(default_factory=list)

    def reset(self) -> Traffic:
        """Return a copy of the counts so far and start again from zero."""
        done = Traffic(self.requests, self.from_cache, self.not_modified, self.wire, self.body, self.gzipped, list(self.kinds))
        self.requests = self.from_cache = self.not_modified = self.wire = self.body = self.gzipped = 0
        self.kinds = []
        return done


def watch_traffic(context: BrowserContext) -> Traffic:
    """Count every finished request of a context, including its workers' (the search index)."""
    traffic = Traffic()

    def finished(request: Request) -> None:
        response = request.response()
        if response is None:
            return
        sizes = request.sizes()
        traffic.requests += 1
        traffic.kinds.append(request.resource_type)
        if sizes["responseBodySize"] < 0:  # Chromium answered from its cache: nothing on the wire
            traffic.from_cache += 1
            return
        traffic.wire += sizes["responseHeadersSize"]
        if response.status == 304:
            traffic.not_modified += 1
            return
        with contextlib.suppress(Error):
            body = response.body()
            traffic.wire += len(body)  # the local server never compresses, so the body is what was sent
            traffic.body += len(body)
            traffic.gzipped += len(gzip.compress(body, compresslevel=6))

    context.on("requestfinished", finished)
    return traffic


def kb(n: float) -> str:
    return f"{n / 1024:.1f}"


def bench_page_weight(places: list[Origin], site: Path) -> list[str]:
    html = (site / ANSWER).read_bytes()
    gz = len(gzip.compress(html, compresslevel=6))
    rows: list[tuple[str, str, Traffic]] = []
    for origin in places:
        context = origin.browser.new_context(viewport={"width": 1280, "height": 900})
        traffic = watch_traffic(context)
        page = context.new_page()
        page.goto(origin.base + ANSWER, wait_until="load")
        settle(page)
        page.evaluate("() => { window.__benchMark = 1; }")
        rows.append((origin.name, f"first visit to {ANSWER} (empty cache)", traffic.reset()))
        for target, label in ((NEXT_QUESTION, "its question"), (NEXT_ANSWER, "another answer")):
            answer.click_to(page, origin.base, target)
            settle(page)
            how = "instant navigation" if instant(page) else "full page load, assets cached"
            rows.append((origin.name, f"click to {label}, {target} ({how})", traffic.reset()))
        context.close()
    lines = [
        f"### 3. Page weight of {ANSWER}",
        "",
        "| | bytes | KB |",
        "|---|---:|---:|",
        f"| HTML, raw | {len(html):,} | {kb(len(html))} |",
        f"| HTML, gzip -6 (target < 30 KB: {'met' if gz < GZIP_TARGET else '**not met**'}) | {gz:,} | {kb(gz)} |",
        "",
        "Transfers, counted from Chromium's network events. The local server does not compress, so *on the wire*"
        " is uncompressed (headers included); *if gzipped* is what a host compressing with gzip -6 would send."
        " Files are served with Cache-Control: max-age=600."
        " *local* = 127.0.0.1 root, where instant navigation is off; *site_url* = served at site_url's host and path.",
        "",
        "| origin | step | requests | from cache | 304 | on the wire KB | if gzipped KB |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for name, label, t in rows:
        lines.append(f"| {name} | {label} | {t.requests} | {t.from_cache} | {t.not_modified} | {kb(t.wire)} | {kb(t.gzipped)} |")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", type=Path, help="an already built site/ (default: build one)")
    args = parser.parse_args(argv)
    with (
        measured_site(args.site, "faq-weight-") as (site, chromium),
        tempfile.TemporaryDirectory(prefix="faq-weight-serve-") as tmp,
        origins(site.resolve(), Path(tmp), chromium) as places,
    ):
        print("\n".join(bench_page_weight(places, site)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
