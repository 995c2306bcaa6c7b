"""Reading the tree's pages in a browser: shared by the walk, ticket, permalink, copy and map tests.

Why plain functions and not fixtures: each test should say in its own body what
it checks; these only read what a page shows (options, At-a-glance card, citations) and
walk the tree by clicking, so every test discovers the tree the same way a
support engineer does. The YAML is loaded (``real_tree``) only to cross-check
what the pages show, never to drive the clicks.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from playwright.sync_api import Page
from treesite.load import LoadedTree, load

from tests.helpers import REPO

TREE_DIR = REPO / "decision_tree"
TRANSPARENT = {"rgba(0, 0, 0, 0)", "transparent"}
MAX_DEPTH = 12  # a path longer than this means the pages link in a loop
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u00a0": " "})
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")


@functools.cache
def real_tree() -> LoadedTree:
    """The shipped tree, loaded and checked by the same code the hook uses."""
    return load(TREE_DIR)


def page_of(loaded: LoadedTree, node_id: str) -> str:
    """Site path of a node's page: the start node is the front page, the rest are built from the id."""
    return "index.html" if node_id == loaded.tree.start else loaded.tree.node(node_id).url


def site_path(url: str, base_url: str) -> str:
    """'http://127.0.0.1:1234/a/m365.html?h=x#y' or a file:// URL → 'a/m365.html' (relative to the served base)."""
    path = unquote(urlsplit(url).path)
    base = unquote(urlsplit(base_url).path)
    assert path.startswith(base), f"{url} is outside the site {base_url}"
    return path[len(base) :] or "index.html"


# Counts the queries Material's page posts to its search worker and the results it gets back.
# Worker.prototype is patched, so a worker created before this runs is counted too.
_COUNT_SEARCH_QUERIES_JS = """() => {
  if (window.__treeSearchCount) return;
  window.__treeSearchCount = { pending: 0, last: null };
  const count = window.__treeSearchCount;
  const post = Worker.prototype.postMessage;
  const watched = new WeakSet();
  Worker.prototype.postMessage = function (message, ...rest) {
    if (message && message.type === 2) {  // Material's SearchMessageType.QUERY
      count.pending += 1;
      count.last = message.data;
      if (!watched.has(this)) {
        watched.add(this);
        this.addEventListener("message", (ev) => {
          if (ev.data && ev.data.type === 3) count.pending -= 1;  // RESULT, rendered by Material's listener first
        });
      }
    }
    return post.call(this, message, ...rest);
  };
}"""

# Settled: the worker has answered every query, the last one is what the box holds, and the
# tree's best-match hint (search-ticket.js) has its matcher, so the list is final.
_SEARCH_SETTLED_JS = """() => {
  const count = window.__treeSearchCount;
  const input = document.querySelector("input.md-search__input");
  const list = document.querySelector(".md-search-result__list");
  return Boolean(count && input && list && count.pending === 0 && count.last === input.value
    && list.dataset.treeTicketReady === "1");
}"""


def search_hits(page: Page, base_url: str, query: str, *, typed: bool = False) -> list[str]:
    """Put the query into the header search box; the result pages, best first, once the search is done.

    typed=False pastes it (a ticket), typed=True types it key by key (a person's search).
    Sections of a page are listed under it; only distinct pages count. "Done" is a state of
    the page (every query answered, the hint's matcher loaded), never a time: a slow machine
    waits longer, it does not read a half-filled list.
    """
    page.evaluate(_COUNT_SEARCH_QUERIES_JS)
    box = page.locator("input.md-search__input")
    box.click()
    if typed:
        box.press_sequentially(query, delay=30)
    else:
        box.fill(query)
        box.press("End")  # Material listens to key events; fill() alone does not search
    page.wait_for_function(_SEARCH_SETTLED_JS)
    links = page.locator(".md-search-result__item > a.md-search-result__link")
    return list(dict.fromkeys(site_path(h, base_url) for h in links.evaluate_all("as => as.map(a => a.href)")))


def normalise(text: str) -> str:
    """What a quote and a paragraph are compared as: link text only, straight quotes, single spaces.

    A quote of a table row keeps the row's | separators; the page shows them as cell borders.
    """
    return " ".join(_MD_LINK.sub(r"\1", text).translate(_QUOTES).replace("|", " ").split())


@dataclass(frozen=True)
class Cite:
    """One citation as the page shows it: the quoted words and the link under them."""

    href: str  # absolute
    quote: str  # as displayed, without the surrounding curly quotes
    label: str  # the link text: the source's title (a fact's quote) or short name (a card row's)
    fact: str | None  # id of the div.fact holding it (None for a note's citation)


@dataclass(frozen=True)
class Option:
    label: str  # visible text
    href: str  # absolute


@dataclass(frozen=True)
class Snapshot:
    """What one page of the tree shows, read at the moment it was open."""

    url: str
    title: str
    card_visible: bool
    card: str  # the At-a-glance card's text
    facts: tuple[str, ...]  # ids of div.fact, e.g. "fact-aoai-no-training"
    cites: tuple[Cite, ...]
    options: tuple[Option, ...]

    @property
    def is_leaf(self) -> bool:
        return not self.options

    def cites_of(self, fact: str) -> list[Cite]:
        return [c for c in self.cites if c.fact == fact]


_READ_JS = """() => {
  const content = document.querySelector('article.md-content__inner') || document.body;
  const h1 = content.querySelector('h1');
  const card = content.querySelector('table.glance');
  const cites = [...content.querySelectorAll('a.cite-link')].map(a => {
    const p = a.closest('p') || a.parentElement;
    let quote = '';
    const marked = p.querySelector('.cite-quote, .glance-quote__text');  // a fact's quote, or a card row's
    if (marked) quote = marked.textContent;
    else for (const node of p.childNodes) { if (node.nodeName === 'BR') break; quote += node.textContent; }
    const fact = a.closest('div.fact');
    return {href: a.href, quote, label: a.textContent, fact: fact ? fact.id : null};
  });
  const options = [...content.querySelectorAll('.options a.option-link')].map(a => ({label: a.innerText.trim(), href: a.href}));
  return {
    url: location.href,
    title: h1 ? h1.textContent.trim() : '',
    card: card ? card.innerText.trim() : '',
    cardVisible: !!card && card.checkVisibility({checkOpacity: true, checkVisibilityCSS: true})
      && card.getBoundingClientRect().height > 0,
    facts: [...content.querySelectorAll('div.fact')].map(d => d.id),
    cites, options,
  };
}"""


def _unquote(text: str) -> str:
    """The displayed quote is “…”; anything else is a rendering bug worth seeing in the message."""
    text = text.strip()
    if text.startswith("\u201c") and text.endswith("\u201d"):
        return text[1:-1]
    return text


def snapshot(page: Page) -> Snapshot:
    raw = page.evaluate(_READ_JS)
    return Snapshot(
        url=raw["url"],
        title=raw["title"],
        card_visible=raw["cardVisible"],
        card=raw["card"],
        facts=tuple(raw["facts"]),
        cites=tuple(Cite(c["href"], _unquote(c["quote"]), " ".join(c["label"].split()), c["fact"]) for c in raw["cites"]),
        options=tuple(Option(o["label"], o["href"]) for o in raw["options"]),
    )


def mark_article(page: Page) -> None:
    """Mark the shown article, so wait_for_new_article can tell when the next page is on screen."""
    page.evaluate("() => { const a = document.querySelector('article'); if (a) a.setAttribute('data-left', ''); }")


def wait_for_new_article(page: Page, url: str) -> None:
    """Wait for ``url`` and for its content: instant navigation changes the URL before it swaps the article in."""
    page.wait_for_url(url)
    page.wait_for_function("() => document.querySelector('article h1') && !document.querySelector('article[data-left]')")


def click_option(page: Page, current: Snapshot, label: str) -> Snapshot:
    """Click an option by its visible text, as a person would, and wait for the page it links to."""
    option = next((o for o in current.options if o.label == label), None)
    assert option is not None, f"{current.url} has no option {label!r}; it offers {[o.label for o in current.options]}"
    mark_article(page)
    page.get_by_role("link", name=label, exact=True).click()
    wait_for_new_article(page, option.href)
    return snapshot(page)


def open_by_clicks(page: Page, start_url: str, labels: tuple[str, ...] | list[str]) -> list[Snapshot]:
    """From the start page, click each label in turn; returns what every step showed."""
    page.goto(start_url)
    steps = [snapshot(page)]
    for label in labels:
        steps.append(click_option(page, steps[-1], label))
    return steps


def all_paths(page: Page, start_url: str) -> list[list[Snapshot]]:
    """Every path from the start page to an answer, found and walked by clicking.

    Depth-first: click an option, follow the page it opens to its answers,
    then press Back to return and click the next option. Discovery uses only
    the options each page shows.
    """
    page.goto(start_url)
    complete: list[list[Snapshot]] = []

    def visit(trail: list[Snapshot]) -> None:
        current = trail[-1]
        if current.is_leaf:
            complete.append(list(trail))
            return
        assert len(trail) <= MAX_DEPTH, f"the options loop: {' > '.join(s.title for s in trail)}"
        for option in current.options:
            trail.append(click_option(page, current, option.label))
            visit(trail)
            trail.pop()
            mark_article(page)
            page.go_back()
            wait_for_new_article(page, current.url)

    visit([snapshot(page)])
    return complete


_INSPECT_JS = """id => {
  const el = document.getElementById(id);
  if (!el) return {hash: location.hash, missing: true};
  const other = [...document.querySelectorAll('div.src-para')].find(e => e !== el);
  return {
    hash: location.hash,
    missing: false,
    isPara: el.matches('div.src-para'),
    isTarget: el.matches(':target'),
    text: el.textContent,
    background: getComputedStyle(el).backgroundColor,
    otherBackground: other ? getComputedStyle(other).backgroundColor : null,
    source: (document.querySelector('article h1') || {textContent: ''}).textContent.trim(),
  };
}"""


def _source_names(title: str) -> set[str]:
    """What a citation may call the source whose page has this title: the title or its short name."""
    names = {title}
    for source in real_tree().tree.sources:
        if source.title == title:
            names.add(source.short_name)
    return names


def _problems(cite: Cite, found: dict) -> list[str]:
    """Compare what the target page showed (``found``, from _INSPECT_JS) with the citation.

    A citation links the paragraph by its word anchor (``#w-…``, the paragraph's own id,
    which survives paragraphs added or removed above it) and names the source, never
    a paragraph number that an update would make wrong.
    """
    where = f"{cite.label!r} ({cite.href})"
    fragment = found["hash"].removeprefix("#")
    wanted = urlsplit(cite.href).fragment
    if not re.fullmatch(r"w-[a-z0-9-]+", fragment):
        return [f"{where}: landed on #{fragment}, which is not a word anchor #w-…"]
    problems: list[str] = []
    if fragment != wanted:
        problems.append(f"{where}: landed on #{fragment}")
    if re.search(r"paragraph \d+", cite.label):
        problems.append(f"{where}: the link text names a paragraph number")
    if found["missing"]:
        return [*problems, f"{where}: no element with id {fragment}"]
    if cite.label not in _source_names(found["source"]):
        problems.append(f"{where}: the link text does not name the source {found['source']!r}")
    if not found["isPara"]:
        problems.append(f"{where}: #{fragment} is not a div.src-para")
    if normalise(cite.quote) not in normalise(found["text"]):
        problems.append(f"{where}: paragraph {fragment} does not contain the quote {cite.quote!r}")
    if not found["isTarget"] or found["background"] in TRANSPARENT:
        problems.append(f"{where}: #{fragment} is not highlighted (:target={found['isTarget']}, background {found['background']})")
    if found["otherBackground"] not in TRANSPARENT:
        problems.append(f"{where}: paragraphs that are not the target have a background too ({found['otherBackground']})")
    return problems


def citation_problems(page: Page, cite: Cite) -> list[str]:
    """Check the page now open (reached through ``cite``'s link) shows its #w-… paragraph, quote, highlight.

    Returns problems instead of asserting so a test can report every bad
    citation of a page at once.
    """
    hash_now = page.evaluate("location.hash").removeprefix("#")
    return _problems(cite, page.evaluate(_INSPECT_JS, hash_now))


def follow_all(page: Page, cites: list[Cite]) -> dict[Cite, list[str]]:
    """Follow many citations quickly: load each source page once, then go to each #w-… on it.

    Setting ``location.hash`` is the same fragment navigation a click on
    ``page.html#w-…`` makes once ``page.html`` is loaded, so ``:target`` applies
    exactly as it does for a reader.
    """
    by_document: dict[str, list[Cite]] = {}
    for cite in cites:
        by_document.setdefault(cite.href.split("#", 1)[0], []).append(cite)
    results: dict[Cite, list[str]] = {}
    for document, group in by_document.items():
        page.goto(document)
        found = page.evaluate(
            f"""ids => ids.map(id => {{ location.hash = id; return ({_INSPECT_JS})(id); }})""",
            [urlsplit(c.href).fragment for c in group],
        )
        for cite, seen in zip(group, found, strict=True):
            results[cite] = _problems(cite, seen)
    return results


def absolute(base_url: str, path: str) -> str:
    return urljoin(base_url, path)


def leaf_ids(loaded: LoadedTree) -> list[str]:
    return [n for n in loaded.graph.order if not loaded.tree.node(n).options]


def fact_page_ids(loaded: LoadedTree) -> list[str]:
    """Nodes whose page states facts (and so carries citations, an At-a-glance card and a ticket block)."""
    return [n for n in loaded.graph.order if loaded.graph.effective_facts(n)]


def deepest(loaded: LoadedTree) -> str:
    """The answer with the longest main path: the page most worth opening directly from a ticket."""
    return max(leaf_ids(loaded), key=lambda n: (len(loaded.graph.canonical[n]), loaded.graph.path_count(n)))


def source_files(loaded: LoadedTree) -> dict[str, Path]:
    return {s.id: loaded.base / s.file for s in loaded.tree.sources}
