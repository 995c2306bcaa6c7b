"""The built site served to Chromium twice, as benchmarks 3 and 4 browse it; helpers to let a page settle.

Material's instant navigation (the site has it on) only takes over a click when
the link's URL is listed in sitemap.xml after swapping in the page's scheme and
host: the port and path of site_url must match. On 127.0.0.1:<port>/ it never
does, so every click there is a full page load. Both are measured: "local"
serves the site at the loopback root; "site_url" serves it under site_url's path
and maps site_url's host to the loopback server (Chromium --host-resolver-rules),
which is how readers get it, with instant navigation (over http: no certificate).
"""

from __future__ import annotations

import contextlib
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from building import CONFIG, REPO

sys.path[:0] = [str(REPO)]

from playwright.sync_api import Browser, Page, sync_playwright  # noqa: E402

from tests.helpers import CHROMIUM_ARGS, serve_folder  # noqa: E402


@dataclass(frozen=True)
class Origin:
    name: str
    base: str
    browser: Browser


def site_url() -> str:
    match = re.search(r"^site_url:\s*(\S+)\s*$", CONFIG.read_text(encoding="utf-8"), re.MULTILINE)
    if match is None:
        raise SystemExit(f"{CONFIG} has no site_url")
    return match.group(1).rstrip("/") + "/"


@contextlib.contextmanager
def serve(root: Path) -> Iterator[int]:
    """A folder on 127.0.0.1, yields the port; no compression, and cached for 10 minutes as GitHub Pages does.

    Without a Cache-Control header Chromium guesses how long a file stays fresh
    from its Last-Modified date; for a site built seconds ago that guess is
    "not at all", which would make the cached-navigation numbers depend on how
    long ago the build ran.
    """

    with serve_folder(root, cache_seconds=600) as url:
        yield int(urlsplit(url).port or 0)


@contextlib.contextmanager
def origins(site: Path, work: Path, chromium: str) -> Iterator[list[Origin]]:
    """The built site served twice (see above), each with the Chromium that reaches it."""
    public = urlsplit(site_url())
    root = work / "served"
    mount = root / public.path.strip("/") if public.path.strip("/") else root
    mount.parent.mkdir(parents=True, exist_ok=True)
    if mount != root:
        mount.symlink_to(site)
    with serve(site) as local_port, serve(root) as public_port, sync_playwright() as p:
        local = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        mapped = p.chromium.launch(
            executable_path=chromium,
            args=[*CHROMIUM_ARGS, f"--host-resolver-rules=MAP {public.hostname}:80 127.0.0.1:{public_port}"],
        )
        try:
            yield [
                Origin("local", f"http://127.0.0.1:{local_port}/", local),
                Origin("site_url", f"http://{public.hostname}{public.path.rstrip('/')}/", mapped),
            ]
        finally:
            local.close()
            mapped.close()


def settle(page: Page) -> None:
    """Let late requests (favicon, search worker and index) finish so they count in the step that caused them."""
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(700)


def instant(page: Page) -> bool:
    """True while the page is the one first loaded: set a mark on window, see if it survives a click."""
    return bool(page.evaluate("() => window.__benchMark === 1"))
