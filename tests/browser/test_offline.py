"""The offline export works from file:// with no network: navigation, search, map, print page.

Builds the export exactly as ``make offline`` does (mkdocs-offline.yml, then
scripts/export_offline.py) unless ``OFFLINE_ZIP`` names a zip already built,
unzips it into a temp folder and drives chromium over ``file://`` URLs.
Every test ends with ``watcher.assert_clean()``: a single request that does
not start with ``file:`` (or data:/blob:/about:), one console error or one
missing local file fails it.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest
from playwright.sync_api import Page

from tests.helpers import REPO, mkdocs_build

from .conftest import Watched

OFFLINE_CONFIG = REPO / "mkdocs-offline.yml"
REMOTE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//", re.I)  # http://, https://, protocol-relative //


class _OptionLinks(HTMLParser):
    """Collects hrefs of links inside the element with class ``options``: the tree's answer choices."""

    def __init__(self) -> None:
        super().__init__()
        self.container: str | None = None  # tag name of the open .options element
        self.depth = 0  # nesting of that tag name inside it, to find its end tag
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if self.container is None and "options" in (a.get("class") or "").split():
            self.container, self.depth = tag, 1
        elif tag == self.container:
            self.depth += 1
        elif tag == "a" and self.container and a.get("href"):
            self.hrefs.append(str(a["href"]).split("#")[0])

    def handle_endtag(self, tag: str) -> None:
        if tag == self.container:
            self.depth -= 1
            if self.depth == 0:
                self.container = None


class _LoadedUrls(HTMLParser):
    """Collects URLs a browser loads by itself: scripts, styles, icons, images, frames, media.

    ``<link rel="canonical">``/``alternate`` only name the online address and are never fetched.
    """

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "link" and not {"canonical", "alternate"} & set(a.get("rel", "").split()):
            self.urls.append(a.get("href", ""))
        elif tag in ("script", "img", "iframe", "source", "audio", "video", "embed"):
            self.urls.append(a.get("src", ""))
        elif tag == "object":
            self.urls.append(a.get("data", ""))


def option_targets(site: Path, page: Path) -> list[Path]:
    """Pages that a page's option links lead to, as files inside ``site``."""
    parser = _OptionLinks()
    parser.feed(page.read_text(encoding="utf-8"))
    return [(page.parent / href).resolve() for href in parser.hrefs if not re.match(r"^[a-z]+:", href)]


def tree_order(site: Path) -> list[Path]:
    """Question and answer pages depth-first from index.html: the order a reader meets them."""
    order: list[Path] = []

    def walk(page: Path) -> None:
        if page in order:
            return
        order.append(page)
        for target in option_targets(site, page):
            walk(target)

    walk((site / "index.html").resolve())
    return order


@pytest.fixture(scope="session")
def offline_zip(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The export zip: $OFFLINE_ZIP if given, else built like `make offline` into a temp dir."""
    given = os.environ.get("OFFLINE_ZIP")
    if given:
        return Path(given).resolve()
    work = tmp_path_factory.mktemp("offline-build")
    built = mkdocs_build(work / "site", config=OFFLINE_CONFIG.name)
    assert built.returncode == 0, f"offline build failed:\n{built.stderr}"
    subprocess.run(
        [
            sys.executable,
            str(REPO / "scripts" / "export_offline.py"),
            str(work / "site"),
            "--config",
            str(OFFLINE_CONFIG),
            "--out",
            str(work / "dist"),
        ],
        cwd=REPO,
        check=True,
    )
    (zip_path,) = (work / "dist").glob("*-offline.zip")
    return zip_path


@pytest.fixture(scope="session")
def site(offline_zip: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The export unzipped into a fresh folder, as a user would do."""
    target = tmp_path_factory.mktemp("unzipped")
    with zipfile.ZipFile(offline_zip) as zf:
        zf.extractall(target)
    return target


def url(path: Path) -> str:
    return path.resolve().as_uri()


def click_and_load(page: Page, selector_or_locator: str | object) -> None:
    """Click a link and wait for the full page load (no instant navigation offline)."""
    locator = page.locator(selector_or_locator) if isinstance(selector_or_locator, str) else selector_or_locator
    with page.expect_navigation(wait_until="load"):
        locator.click()  # type: ignore[attr-defined]
    assert page.url.startswith("file:"), page.url


def walk_to_answer(page: Page, site: Path, first_choice: int) -> list[str]:
    """From the start page, click option ``first_choice`` then the first option until an answer."""
    page.goto(url(site / "index.html"))
    visited = [page.url]
    choice = first_choice
    for _ in range(50):  # a tree deeper than this is a loop
        options = page.locator(".options a:visible")
        if options.count() == 0:
            return visited
        click_and_load(page, options.nth(min(choice, options.count() - 1)))
        visited.append(page.url)
        choice = 0
    raise AssertionError(f"no answer after 50 clicks: {visited[-5:]}")


# --- the zip itself ---------------------------------------------------------------------------


def test_zip_is_named_after_the_site_and_complete(offline_zip: Path, site: Path) -> None:
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*-offline\.zip", offline_zip.name), offline_zip.name
    for needed in (
        "index.html",
        "map.html",
        "print_page.html",
        "search/search_index.js",
        "assets/vendor/mermaid/mermaid.min.js",
        "assets/vendor/iframe-worker/shim.js",
        "assets/stylesheets/offline.css",
        "changes.html",
        "feed.xml",
    ):
        assert (site / needed).is_file(), f"{needed} missing from {offline_zip.name}"


def test_no_page_loads_anything_from_the_network(site: Path) -> None:
    """Static check over every HTML file: scripts, styles, images, frames are all local."""
    offenders = []
    for page in sorted(site.rglob("*.html")):
        parser = _LoadedUrls()
        parser.feed(page.read_text(encoding="utf-8"))
        offenders += [f"{page.relative_to(site)}: {u}" for u in parser.urls if REMOTE.match(u)]
    assert not offenders, "\n".join(offenders)


def test_every_question_and_answer_is_reachable_from_the_start(site: Path) -> None:
    reachable = set(tree_order(site))
    tree_pages = {p.resolve() for folder in ("q", "a") for p in (site / folder).glob("*.html")}
    assert tree_pages, "no q/ or a/ pages in the export"
    assert not tree_pages - reachable, sorted(str(p.relative_to(site)) for p in tree_pages - reachable)


# --- in the browser -----------------------------------------------------------------------------


def test_click_through_several_paths(watched: Watched, site: Path) -> None:
    page = watched.page
    page.goto(url(site / "index.html"))
    first_level = page.locator(".options a:visible").count()
    assert first_level >= 2, "the start page should offer at least two options"
    answers = set()
    for choice in range(min(first_level, 3)):
        path = walk_to_answer(page, site, choice)
        assert len(path) >= 2
        assert page.locator("article h1").count() == 1, f"answer page without a title: {page.url}"
        answers.add(page.url)
    assert len(answers) >= 2, f"different first choices should reach different answers: {answers}"
    watched.watcher.assert_clean()


def test_search_finds_and_opens_a_page(watched: Watched, site: Path) -> None:
    page = watched.page
    walk_to_answer(page, site, 0)
    title = page.locator("article h1").inner_text()
    word = max(re.findall(r"[A-Za-z]{5,}", title), key=len)
    page.goto(url(site / "index.html"))
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(word.lower(), delay=30)  # Material reacts to key events, not to fill()
    hits = page.locator(".md-search-result__item a.md-search-result__link")
    watched.wait_for(hits.first)
    assert hits.count() >= 1
    click_and_load(page, hits.first)
    assert word.lower() in page.locator("article").inner_text().lower(), page.url
    watched.watcher.assert_clean()


def test_map_renders_mermaid_and_its_links_work(watched: Watched, site: Path) -> None:
    page = watched.page
    page.goto(url(site / "index.html"))
    click_and_load(page, page.locator('.md-nav a[href$="map.html"]').first)
    svg = page.locator("div.mermaid svg").first  # reachable because the fixture opens shadow roots
    watched.wait_for(svg)
    assert page.locator("div.mermaid svg .node").count() >= 2
    assert svg.bounding_box()["height"] > 50  # type: ignore[index]
    links = page.locator("div.mermaid svg a")
    if links.count():  # `click Node "url"` lines in the flowchart
        click_and_load(page, links.last)
        assert page.locator("article h1").count() == 1, page.url
    watched.watcher.assert_clean()


def test_printable_page_has_every_answer_in_tree_order(watched: Watched, site: Path) -> None:
    page = watched.page
    page.goto(url(site / "index.html"))
    click_and_load(page, page.locator('.md-nav a[href$="print_page.html"]').first)
    sections = page.eval_on_selector_all("#print-site-page section.print-page[id]", "els => els.map(e => e.id)")
    expected = [
        p.relative_to(site.resolve()).with_suffix("").as_posix().replace("/", "-") for p in tree_order(site) if p.parent.name in ("q", "a")
    ]
    assert expected, "no question or answer pages reachable from the start page"
    in_print = [s for s in sections if s in expected]
    assert in_print == expected, f"print page tree pages {in_print} != tree order {expected}"
    assert page.locator('#print-site-page a[href^="http"]').count() >= 1, "citations lost their links"
    # The start page's ticket box is in its HTML, but no script makes it work here: not shown.
    assert page.locator("#print-site-page .ticket-box").count() == 1
    assert page.locator("#print-site-page .ticket-box").is_hidden()
    watched.watcher.assert_clean()


def test_external_links_are_marked_online(watched: Watched, site: Path) -> None:
    page = watched.page
    sources = [p for p in sorted((site / "s").glob("*.html")) if p.name != "index.html"]
    assert sources, "no source pages in the export"
    page.goto(url(sources[0]))
    link = page.locator('article a[href^="http"]').first
    marker = link.evaluate("a => getComputedStyle(a, '::after').content")
    assert "online" in marker, marker
    watched.watcher.assert_clean()


def test_what_changed_page_opens_from_the_nav_offline(watched: Watched, site: Path) -> None:
    page = watched.page
    page.goto(url(site / "index.html"))
    click_and_load(page, page.locator('.md-nav a[href$="changes.html"]').first)
    assert page.locator("h1").inner_text() == "What changed"
    assert page.locator("section.change").count() >= 1
    click_and_load(page, page.locator("section.change .change-pages a").first)
    assert page.locator(".last-changed").is_visible()
    watched.watcher.assert_clean()
