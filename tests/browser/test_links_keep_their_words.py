"""Links keep their words: every paragraph link the site published lands on the same words after an update.

Why: support staff paste ``s/<id>.html#p-31`` (before word anchors) or ``#w-…``
into tickets, and read them months later. After a source update, such a link
must land on the same words wherever they moved, or, where the words changed,
on a notice in their place that says when and links to the kept copy and to the
paragraph now. With and without JavaScript, served and from file:// (the
offline build), in Chromium, where the highlight must really show.

How: the first site is today's real site (the session build). The update is
tests/aoaiupdate.py's synthetic copy of the Azure OpenAI page (paragraphs
inserted near the top, one split, one reworded, one removed, a rename in the
Important box), installed by ``python -m treesite source-update`` in a
temporary copy of the tree, quotes re-copied and reviewed as an editor would;
then one online and one offline build. Every anchor of every source page of the
first site (paragraph ids and the empty anchors in them: all a ticket can hold,
every ``s/*.html#…`` link the site itself printed among them) is opened on the
second site.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Page

from tests.aoaiupdate import SOURCE, UPDATED_ON, update_tree
from tests.helpers import mkdocs_build, serve_folder

from .treepages import TRANSPARENT, real_tree

_LINK = re.compile(r'href="(?:\.\./)*(s/[a-z0-9-]+\.html)#([^"]+)"')

# Every anchor on a source page: the paragraph ids and the empty anchors inside them, with the paragraph's words.
_ANCHORS_JS = """() => [...document.querySelectorAll('.src-para, .src-para > .src-anchor')].map(el => {
  const para = el.closest('.src-para');
  return [el.id, para.innerText];
})"""

# What a reader sees once the browser went to #id: the words highlighted, or a notice, and where it is.
_LANDED_JS = """id => {
  const el = document.getElementById(id);
  if (!el) return {kind: 'missing'};
  const rect = el.getBoundingClientRect();
  const inView = rect.top >= 0 && rect.top < window.innerHeight;
  const isTarget = el.matches(':target');
  if (el.classList.contains('src-notice')) {
    return {kind: 'notice', isTarget, inView, shown: el.checkVisibility(), text: el.innerText,
            links: [...el.querySelectorAll('a')].map(a => [a.textContent.trim(), a.href])};
  }
  const para = el.closest('.src-para');
  if (!para) return {kind: 'other', isTarget};
  return {kind: 'words', isTarget, inView, text: para.innerText, background: getComputedStyle(para).backgroundColor,
          others: [...document.querySelectorAll('.src-para')].filter(p => p !== para
            && getComputedStyle(p).backgroundColor !== 'rgba(0, 0, 0, 0)').length};
}"""


def words(text: str) -> str:
    return " ".join(text.split())


@dataclass(frozen=True)
class Published:
    """One anchor a ticket may hold: the source page, the fragment, and the words it showed on the first site."""

    page: str
    anchor: str
    words: str
    printed: bool = False  # a link the first site itself printed (a citation), not only an id a ticket may hold


@dataclass(frozen=True)
class Updated:
    url: str  # the online build, served
    site: Path  # its folder
    offline: Path  # the offline build's folder, opened from file://


@pytest.fixture(scope="module")
def published(chromium_browser: Browser, site_url: str, built_site: Path) -> list[Published]:
    """Every anchor of every source page of the first site, with its words; each s/*.html#… link the site printed is one of them."""
    context = chromium_browser.new_context(java_script_enabled=False)
    found: list[Published] = []
    try:
        page = context.new_page()
        for source in real_tree().tree.sources:
            path = f"s/{source.id}.html"
            page.goto(site_url + path)
            found += [Published(path, anchor, words(text)) for anchor, text in page.evaluate(_ANCHORS_JS)]
    finally:
        context.close()
    printed = {m for html in built_site.rglob("*.html") for m in _LINK.findall(html.read_text(encoding="utf-8"))}
    anchors = {(p.page, p.anchor) for p in found}
    assert printed and printed <= anchors, f"links the site printed that no source page carries: {sorted(printed - anchors)[:5]}"
    return [Published(p.page, p.anchor, p.words, (p.page, p.anchor) in printed) for p in found]


@pytest.fixture(scope="module")
def updated(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Updated]:
    """The tree after the synthetic update, built once online and once for offline use."""
    work = tmp_path_factory.mktemp("updated")
    tree = update_tree(work / "tree")
    online = mkdocs_build(work / "site", tree=tree, strict=False)
    assert online.returncode == 0, f"the updated tree must build:\n{online.stderr[-3000:]}"
    offline = mkdocs_build(work / "offline", tree=tree, strict=False, config="mkdocs-offline.yml")
    assert offline.returncode == 0, f"the updated tree's offline build failed:\n{offline.stderr[-3000:]}"
    with serve_folder(work / "site") as url:
        yield Updated(url, work / "site", work / "offline")


MODES = [("http", True), ("http", False), ("file", True), ("file", False)]
FULL_LOADS = {("http", True), ("file", False)}  # the changed source's links opened as new pages; by fragment in the other two


def _base(updated: Updated, where: str) -> str:
    return updated.url if where == "http" else updated.offline.resolve().as_uri() + "/"


def _open(context: BrowserContext, url: str) -> Page:
    page = context.new_page()
    page.goto(url)
    return page


def _problems(link: Published, seen: dict, still_there: bool) -> list[str]:
    where = f"{link.page}#{link.anchor}"
    if seen["kind"] == "words":
        out = []
        if words(seen["text"]) != link.words:
            out.append(f"{where}: landed on other words: {words(seen['text'])[:80]!r} instead of {link.words[:80]!r}")
        if not seen["isTarget"]:
            out.append(f"{where}: #{link.anchor} is not the :target")
        if seen["background"] in TRANSPARENT:
            out.append(f"{where}: no highlight shows (background {seen['background']})")
        if seen["others"]:
            out.append(f"{where}: {seen['others']} other paragraphs are highlighted too")
        if not seen["inView"]:
            out.append(f"{where}: the paragraph is not on screen")
        return out
    if seen["kind"] == "notice":
        out = []
        if still_there:
            out.append(f"{where}: its words are still in the source, but it landed on a notice")
        if not (seen["isTarget"] and seen["shown"] and seen["inView"]):
            out.append(f"{where}: the notice is not shown on screen ({seen})")
        if f"This paragraph changed on {UPDATED_ON}." not in words(seen["text"]):
            out.append(f"{where}: the notice does not say when: {seen['text'][:120]!r}")
        names = [name for name, _ in seen["links"]]
        if "Read it as it was" not in names or not any(n.endswith("paragraph now") for n in names):
            out.append(f"{where}: the notice lacks its links: {names}")
        return out
    return [f"{where}: landed on {seen['kind']}"]


def _kept_copy_problems(context: BrowserContext, link: Published, seen: dict) -> list[str]:
    """The notice's links work: the kept copy shows the old words highlighted; the paragraph now exists."""
    out = []
    links = dict(seen["links"])
    page = _open(context, links["Read it as it was"])
    kept = page.evaluate(_LANDED_JS, urlsplit(page.url).fragment)
    if kept["kind"] != "words" or words(kept["text"]) != link.words or kept["background"] in TRANSPARENT:
        out.append(f"{link.page}#{link.anchor}: 'Read it as it was' does not show the old words highlighted ({kept})")
    now = next(href for name, href in seen["links"] if name.endswith("paragraph now"))
    page.goto(now)
    there = page.evaluate(_LANDED_JS, urlsplit(now).fragment)
    if there["kind"] != "words":
        out.append(f"{link.page}#{link.anchor}: the link to the paragraph now lands on {there['kind']}")
    page.close()
    return out


@pytest.mark.parametrize(("where", "javascript"), MODES, ids=[f"{w}-{'js' if j else 'no-js'}" for w, j in MODES])
def test_every_published_paragraph_link_lands_on_its_words_or_a_notice(
    chromium_browser: Browser, published: list[Published], updated: Updated, where: str, javascript: bool
) -> None:
    """Each anchor, opened as a new page (FULL_LOADS: the changed source's links, as a ticket opens them) or by fragment.

    Counts (printed with -s): links that land on their words, on a notice, of all.
    """
    base = _base(updated, where)
    context = chromium_browser.new_context(java_script_enabled=javascript, viewport={"width": 1280, "height": 800})
    problems: list[str] = []
    landed = {"words": 0, "notice": 0}
    printed = {"words": 0, "notice": 0}
    try:
        page = context.new_page()
        for source_page in dict.fromkeys(p.page for p in published):
            links = [p for p in published if p.page == source_page]
            changed = source_page == f"s/{SOURCE}.html" and (where, javascript) in FULL_LOADS
            page.goto(base + source_page)
            now = {words(t) for t in page.evaluate("() => [...document.querySelectorAll('.src-para')].map(p => p.innerText)")}
            for link in links:
                if changed:  # what a ticket does: open the link itself
                    page.goto(f"{base}{source_page}#{link.anchor}")
                    seen = page.evaluate(_LANDED_JS, link.anchor)
                else:
                    seen = page.evaluate(f"id => {{ location.hash = id; return ({_LANDED_JS})(id); }}", link.anchor)
                problems += _problems(link, seen, link.words in now)
                if seen["kind"] in landed:
                    landed[seen["kind"]] += 1
                    printed[seen["kind"]] += link.printed
                if seen["kind"] == "notice" and javascript and where == "http":
                    problems += _kept_copy_problems(context, link, seen)
    finally:
        context.close()
    total = len(published)
    shown = sum(p.printed for p in published)
    print(
        f"\n{where}, JavaScript {'on' if javascript else 'off'}: of {total} published anchors, {landed['words']} land on their words, "
        f"{landed['notice']} on a notice; of the {shown} the site printed, {printed['words']} on their words, "
        f"{printed['notice']} on a notice"
    )
    assert landed["words"] + landed["notice"] == total
    assert landed["notice"] > 0, "the update changed paragraphs: some old links must land on a notice"
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems[:40])


def test_source_page_lists_the_kept_copy_and_its_changes_and_both_open(chromium_browser: Browser, updated: Updated) -> None:
    """From the current copy to the kept copy (banner: superseded when) and to what changed (marked words)."""
    context = chromium_browser.new_context()
    try:
        page = _open(context, f"{updated.url}s/{SOURCE}.html")
        copies = page.locator("#copies")
        copies.get_by_role("link", name="read it").click()
        page.wait_for_load_state()
        assert page.url.endswith(f"s/{SOURCE}/{real_tree().tree.sources_by_id[SOURCE].adopted}.html")
        banner = words(page.locator("#superseded").inner_text())
        assert f"superseded on {UPDATED_ON}" in banner and "Read the current copy" in banner
        page.get_by_role("link", name=f"What changed on {UPDATED_ON}").first.click()
        page.wait_for_load_state()
        assert page.locator("del").count() > 0 and page.locator("ins").count() > 0
        assert page.locator("#removed").count() == 1 and page.locator("#added").count() == 1
    finally:
        context.close()


def test_search_finds_the_current_copy_and_no_kept_copy_or_update_page(updated: Updated) -> None:
    """Kept copies and what-changed pages say search: exclude: true, and Material's index leaves them out."""
    import json

    for site in (updated.site, updated.offline):
        index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
        locations = {doc["location"].split("#")[0] for doc in index["docs"]}
        assert f"s/{SOURCE}.html" in locations
        assert not [loc for loc in locations if loc.startswith(f"s/{SOURCE}/")], sorted(locations)


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_notice_links_are_clicked_to_the_paragraph_now_and_to_the_kept_copy(
    chromium_browser: Browser, published: list[Published], updated: Updated, javascript: bool
) -> None:
    """A reader on a notice clicks 'The … paragraph now' (same page: the highlight moves), then Back and 'Read it as it was'."""
    old = next(p for p in published if p.page == f"s/{SOURCE}.html" and p.anchor.startswith("p-") and "models are stateless" in p.words)
    context = chromium_browser.new_context(java_script_enabled=javascript, viewport={"width": 390, "height": 844})
    try:
        page = _open(context, f"{updated.url}{old.page}#{old.anchor}")
        notice = page.locator(f"[id='{old.anchor}']")
        assert notice.is_visible() and f"changed on {UPDATED_ON}" in notice.inner_text()
        notice.get_by_role("link", name=re.compile("paragraph now$")).click()
        page.wait_for_function("() => location.hash.startsWith('#w-')")
        now = page.evaluate(_LANDED_JS, urlsplit(page.url).fragment)
        assert now["kind"] == "words" and now["isTarget"] and now["inView"] and now["background"] not in TRANSPARENT, now
        assert not notice.is_visible(), "the notice shows only while its old link is the target"
        page.go_back()
        page.wait_for_function(f"() => location.hash === '#{old.anchor}'")
        notice.get_by_role("link", name="Read it as it was").click()
        page.wait_for_url(re.compile(rf"/s/{SOURCE}/[0-9-]+\.html#w-"))
        kept = page.evaluate(_LANDED_JS, urlsplit(page.url).fragment)
        assert kept["kind"] == "words" and words(kept["text"]) == old.words and kept["background"] not in TRANSPARENT, kept
        assert kept["inView"]
    finally:
        context.close()
