"""Kept copies and what-changed pages: what a reader sees on them, and that old paragraph links keep their words.

The real tree is copied with an earlier copy of the Azure OpenAI privacy page
kept beside the current one (tests/keptcopies.py). The earlier copy is the
current text edited backwards (tests/sourceedit.py): it has a paragraph the
current one lost, a sentence worded differently, a paragraph in another place,
and lacks a paragraph the current one added.
"""

from __future__ import annotations

import dataclasses
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from treesite import build_site
from treesite.feed import atom_feed
from treesite.load import load
from treesite.render import Renderer
from treesite.site import SiteBuild
from treesite.sourcetext import SourceText, parse_source

from tests import sourceedit
from tests.keptcopies import KEPT_KEY, UPDATED_ON, add_change_entry, tree_with_kept_copy

SOURCE = "aoai-privacy"
CURRENT = f"s/{SOURCE}.md"
KEPT = f"s/{SOURCE}/{KEPT_KEY}.md"
CHANGES = f"s/{SOURCE}/changes/{KEPT_KEY}.md"
GONE = "An earlier paragraph that the publisher later removed, about nothing we quote."
NEW_WORDS = "managed customers may [apply to modify abuse monitoring]"
ADDED = "*Image in the original: Data flow diagram for the service.*"
MOVED = "The diagram below illustrates how your data is processed."


def old_copy() -> str:
    """The earlier copy: the current text with the four edits undone."""
    text = sourceedit.cleaned_source(SOURCE)
    text = sourceedit.insert_after(text, "This article provides details", GONE)
    text = sourceedit.reword(text, NEW_WORDS, "managed customers [can ask to modify abuse monitoring]")
    text = sourceedit.remove_paragraph(text, ADDED)
    return sourceedit.move_after(text, MOVED, "Azure OpenAI processes the following types of data:")


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tree = tree_with_kept_copy(tmp_path_factory.mktemp("kept") / "tree", SOURCE, old_copy())
    add_change_entry(
        tree,
        {
            "date": UPDATED_ON,
            "pages": ["aoai-global"],
            "summary": "The Azure OpenAI privacy page was updated; the quotes on this page are unchanged.",
            "why": "Microsoft published a new copy of the page.",
            "source_update": {"source": SOURCE, "from": KEPT_KEY, "to": UPDATED_ON},
        },
    )
    return tree


@pytest.fixture(scope="module")
def site(tree: Path) -> SiteBuild:
    return build_site(tree, "https://faq.example/")


class _Elements(HTMLParser):
    """Every element with an id: tag, class, and the id of the src-para it sits in."""

    def __init__(self) -> None:
        super().__init__()
        self.found: dict[str, dict[str, str | None]] = {}
        self._paras: list[tuple[str, int]] = []  # (id, depth) of open src-para divs
        self._depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "div":
            self._depth += 1
        para = self._paras[-1][0] if self._paras else None
        if a.get("id"):
            self.found[str(a["id"])] = {"tag": tag, "class": a.get("class"), "para": para}
        if tag == "div" and "src-para" in (a.get("class") or "").split():
            self._paras.append((str(a["id"]), self._depth))

    def handle_endtag(self, tag: str) -> None:
        if tag == "div":
            if self._paras and self._paras[-1][1] == self._depth:
                self._paras.pop()
            self._depth -= 1


def elements(page: str) -> dict[str, dict[str, str | None]]:
    parser = _Elements()
    parser.feed(page)
    return parser.found


def paragraph_html(page: str, anchor: str) -> str:
    """The HTML of the src-para div with that id (up to the next paragraph)."""
    start = page.index(f'<div class="src-para" id="{anchor}">')
    end = page.find('<div class="src-para"', start + 1)
    return page[start : end if end > 0 else None]


# Kept copy page ------------------------------------------------------------------------


def test_kept_copy_page_says_it_was_superseded_when_and_links_the_current_copy_and_the_changes(site: SiteBuild) -> None:
    page = site.pages[KEPT]
    banner = page[page.index('class="admonition warning source-superseded"') :].split("</div>", 1)[0]
    assert f'superseded on <time datetime="{UPDATED_ON}">{UPDATED_ON}</time>' in banner
    assert '<a href="../aoai-privacy.html">Read the current copy</a>' in banner
    assert f'<a href="changes/{KEPT_KEY}.html">What changed on {UPDATED_ON}</a>' in banner


def test_kept_copy_page_is_left_out_of_search(site: SiteBuild) -> None:
    """Material skips a page whose front matter says search: exclude: true; the current copy stays searchable."""
    front = site.pages[KEPT].split("---\n", 2)[1]
    assert "search:\n  exclude: true" in front
    assert "exclude" not in site.pages[CURRENT].split("---\n", 2)[1]


def test_kept_copy_page_has_the_copy_word_for_word_with_both_anchors_of_each_paragraph(site: SiteBuild) -> None:
    old = parse_source(old_copy(), Path("old.md"))
    found = elements(site.pages[KEPT])
    for block in old.blocks:
        assert found[block.word_anchor]["class"] == "src-para", block.word_anchor
        assert found[block.anchor] == {"tag": "span", "class": "src-anchor", "para": block.word_anchor}
    assert GONE in site.pages[KEPT]


def test_source_page_lists_its_copies_newest_first_with_links(site: SiteBuild) -> None:
    page = site.pages[CURRENT]
    listing = page[page.index('<div class="source-copies"') :].split("</div>", 1)[0]
    items = re.findall(r"<li>(.*?)</li>", listing)
    assert len(items) == 2
    assert items[0].startswith("The current copy") and "this page" in items[0]
    assert f'<a href="aoai-privacy/{KEPT_KEY}.html">read it</a>' in items[1]
    assert f'<a href="aoai-privacy/changes/{KEPT_KEY}.html">what changed on {UPDATED_ON}</a>' in items[1]


def test_source_without_kept_copies_shows_no_list_of_copies(site: SiteBuild) -> None:
    assert 'class="source-copies"' not in site.pages["s/savill-video.md"]


def test_new_pages_are_published_urls_for_the_lock(site: SiteBuild) -> None:
    """make lock records every published URL: the kept copy and the what-changed page are among them."""
    assert {f"s/{SOURCE}/{KEPT_KEY}.html", f"s/{SOURCE}/changes/{KEPT_KEY}.html"} <= site.published_urls
    assert any(f"s/{SOURCE}/{KEPT_KEY}.html" in w.message and "published.lock" in w.message for w in site.warnings)


# What-changed page ----------------------------------------------------------------------


def test_what_changed_page_marks_the_reworded_words(site: SiteBuild) -> None:
    page = site.pages[CHANGES]
    reworded = page[page.index('<h2 id="reworded">') : page.index('<h2 id="removed">')]
    assert "<del>can ask</del>" in reworded or "<del>can ask" in reworded, reworded
    assert "<ins>may apply</ins>" in reworded or "may apply</ins>" in reworded, reworded
    assert "modify abuse monitoring" in reworded
    assert re.search(r'<a href="\.\./\d{4}-\d\d-\d\d\.html#w-[a-z0-9-]+">As it was</a>', reworded)
    assert re.search(r'<a href="\.\./\.\./aoai-privacy\.html#w-[a-z0-9-]+">As it is now</a>', reworded)


def test_what_changed_page_lists_removed_added_and_moved_paragraphs(site: SiteBuild) -> None:
    page = site.pages[CHANGES]
    removed = page[page.index('<h2 id="removed">') : page.index('<h2 id="added">')]
    added = page[page.index('<h2 id="added">') : page.index('<h2 id="moved">')]
    moved = page[page.index('<h2 id="moved">') :]
    assert GONE in removed and "Where it was" in removed and "The nearest paragraph now" in removed
    assert "Image in the original: Data flow diagram" in added and "Where it is now" in added
    assert MOVED in moved
    assert "1 reworded, 1 removed, 1 added, 1 moved" in page


def test_what_changed_page_is_left_out_of_search_and_titled_by_source_and_date(site: SiteBuild) -> None:
    page = site.pages[CHANGES]
    assert "search:\n  exclude: true" in page.split("---\n", 2)[1]
    assert f'<h1 id="what-changed">What changed in Data, privacy, and security for Azure OpenAI Service on {UPDATED_ON}</h1>' in page


def test_source_text_with_markup_shows_as_text_on_the_kept_copy_and_what_changed_pages(tree: Path) -> None:
    """A kept copy whose words hold <script> and markup: every page shows them as text, none as HTML.

    The build refuses raw HTML in a source file; this puts it into the loaded copy
    directly, so the pages' own escaping is what is tested.
    """
    loaded = load(tree)
    source = loaded.tree.sources_by_id[SOURCE]
    evil = old_copy().replace(GONE, 'Hostile <script>alert(1)</script> and <img src=x onerror=alert(2)> "quoted" & more.')
    evil = evil.replace("managed customers [can ask", "managed customers [<b>can</b> ask")
    source.copies[0] = dataclasses.replace(source.copies[0], text=parse_source(evil, Path("evil.md")))
    pages = Renderer(loaded, "https://faq.example/").pages()
    for path in (KEPT, CHANGES, CURRENT):
        page = pages[path]
        assert "<script" not in page, path
        assert "<img" not in page and "<b>" not in page, path
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in pages[KEPT]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in pages[CHANGES]
    assert "&lt;b&gt;can&lt;/b&gt;" in pages[CHANGES]


# Links keep their words -----------------------------------------------------------------


def test_every_anchor_of_the_earlier_copy_lands_on_its_words_or_on_a_notice(site: SiteBuild) -> None:
    """p-N and w-… of every paragraph of the earlier copy: on the paragraph with the same words, or a notice."""
    old = parse_source(old_copy(), Path("old.md"))
    current = {b.word_anchor: b for b in load_current(site).blocks}
    page = site.pages[CURRENT]
    found = elements(page)
    for block in old.blocks:
        for anchor in (block.anchor, block.word_anchor):
            assert anchor in found, anchor
            element = found[anchor]
            same = [b for b in current.values() if b.plain == block.plain]
            if same:
                holder = anchor if element["class"] == "src-para" else element["para"]
                assert holder in current and current[holder].plain == block.plain, anchor
            else:
                assert element["class"] == "src-notice", (anchor, element)


def load_current(site: SiteBuild) -> SourceText:
    text = site.loaded.tree.sources_by_id[SOURCE].text
    assert text is not None
    return text


def test_paragraph_numbers_of_the_earlier_copy_land_on_the_same_words_after_paragraphs_above_changed(site: SiteBuild) -> None:
    """The earlier copy had one more paragraph near the top: its #p-N must not land one paragraph off now."""
    old = parse_source(old_copy(), Path("old.md"))
    heading = next(b for b in old.blocks if b.plain.startswith("What data does the Azure OpenAI Service process"))
    found = elements(site.pages[CURRENT])
    assert found[heading.anchor]["tag"] == "span"
    assert found[heading.anchor]["para"] == heading.word_anchor  # the same words, in the current copy


def test_removed_paragraph_link_shows_a_notice_with_date_and_links(site: SiteBuild) -> None:
    old = parse_source(old_copy(), Path("old.md"))
    gone = next(b for b in old.blocks if b.plain == GONE)
    page = site.pages[CURRENT]
    notice = page[page.index(f'<div class="src-notice" id="{gone.anchor}"') :].split("</div>", 1)[0]
    assert f'This paragraph changed on <time datetime="{UPDATED_ON}">{UPDATED_ON}</time>.' in notice
    assert "It was removed" in notice
    assert f'<a href="aoai-privacy/{KEPT_KEY}.html#{gone.word_anchor}">Read it as it was</a>' in notice
    assert re.search(r'<a href="#w-[a-z0-9-]+">The nearest paragraph now</a>', notice)
    assert f'<a href="aoai-privacy/changes/{KEPT_KEY}.html">What changed</a>' in notice
    assert "data-search-exclude" in page[page.index(f'id="{gone.anchor}"') - 200 : page.index(f'id="{gone.anchor}"') + 200]


def test_reworded_paragraph_link_shows_a_notice_above_the_paragraph_as_it_reads_now(site: SiteBuild) -> None:
    old = parse_source(old_copy(), Path("old.md"))
    before = next(b for b in old.blocks if "can ask to modify abuse monitoring" in b.plain)
    now = next(b for b in load_current(site).blocks if "may apply to modify abuse monitoring" in b.plain)
    found = elements(site.pages[CURRENT])
    for anchor in (before.anchor, before.word_anchor):
        assert found[anchor]["class"] == "src-notice"
        assert found[anchor]["para"] == now.word_anchor  # the notice stands in the paragraph that replaced it
    notice = paragraph_html(site.pages[CURRENT], now.word_anchor)
    assert "It now reads as the paragraph below." in notice
    assert f'<a href="#{now.word_anchor}">The paragraph now</a>' in notice


# Citations, change log, history, feed -------------------------------------------------------


def test_citations_link_word_anchors_and_name_no_paragraph_number(site: SiteBuild) -> None:
    page = site.pages["a/aoai-global.md"]
    links = re.findall(r'<a class="cite-link" href="([^"]+)"[^>]*>([^<]*)</a>', page)
    assert links
    for href, label in links:
        assert re.fullmatch(r"\.\./s/[a-z0-9-]+\.html#w-[a-z0-9-]+", href), href
        assert "paragraph" not in label, label
    assert "paragraph" not in " ".join(re.findall(r'class="cite-link"[^>]*title="([^"]*)"', page))


def test_change_entry_of_an_update_links_its_what_changed_page_in_the_log_the_history_and_the_feed(site: SiteBuild) -> None:
    log = site.pages["changes.md"]
    assert f'<a href="s/aoai-privacy/changes/{KEPT_KEY}.html">what changed in Azure OpenAI privacy page</a>' in log
    answer = site.pages["a/aoai-global.md"]
    link = f'<a class="history-source" href="../s/aoai-privacy/changes/{KEPT_KEY}.html">What changed in Azure OpenAI privacy page</a>'
    assert link in answer
    feed = atom_feed(site.loaded.tree, site.changes, "https://faq.example/", "FAQ", "FAQ editors").decode()
    assert f"What changed in the source: https://faq.example/s/aoai-privacy/changes/{KEPT_KEY}.html" in feed


def test_change_entry_naming_a_source_without_that_update_fails_the_build(tree: Path, tmp_path: Path) -> None:
    import shutil

    from treesite.errors import TreeError

    other = shutil.copytree(tree, tmp_path / "tree")
    update = {"source": "savill-video", "from": KEPT_KEY, "to": UPDATED_ON}
    add_change_entry(other, {"date": UPDATED_ON, "pages": ["aoai"], "summary": "x.", "why": "y.", "source_update": update})
    with pytest.raises(TreeError) as err:
        build_site(other)
    assert f"records an update of source 'savill-video' from copy {KEPT_KEY}, which the tree does not keep" in str(err.value)


def test_make_lock_records_the_kept_copy_and_what_changed_pages_and_a_build_without_them_fails(tree: Path, tmp_path: Path) -> None:
    """Once locked, a kept copy's address is permanent: dropping the copy fails the build with a message that says so."""
    import shutil

    from treesite.errors import TreeError
    from treesite.permalinks import read_lock
    from treesite.site import lock_site

    locked = shutil.copytree(tree, tmp_path / "tree")
    lock_site(build_site(locked))
    urls = {e.url for e in read_lock(locked / "published.lock")}
    assert {f"s/{SOURCE}/{KEPT_KEY}.html", f"s/{SOURCE}/changes/{KEPT_KEY}.html"} <= urls
    sources = locked / "sources.yaml"
    data = yaml.safe_load(sources.read_text(encoding="utf-8"))
    next(s for s in data["sources"] if s["id"] == SOURCE).pop("copies")
    sources.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=10_000), encoding="utf-8")
    with pytest.raises(TreeError) as err:
        build_site(locked)
    assert f"s/{SOURCE}/{KEPT_KEY}.html was published" in str(err.value) and "kept copies are never deleted" in str(err.value)
