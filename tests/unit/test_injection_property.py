"""Property: hostile text in any field is either rejected with file:line and a fix, or shown inert.

Hypothesis writes text full of HTML, Markdown, attr_list, YAML and Jinja
metacharacters into every text field and URL of the small valid tree. Two
routes in:

- through YAML and the whole core (schema, URL check, render): the tree is
  rejected with located messages, or every page, turned into HTML by
  Python-Markdown with the site's extensions, has nothing executable;
- straight into the loaded model, past the schema (defence in depth): the
  templates and the allow-list alone must make the text inert.

Pages of the raw-HTML templates (source pages, the sources list, the map) must
show each text exactly as typed. A few examples also go through a full
`mkdocs build --strict`, whose hook scans every page.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import markdown
import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from markupsafe import escape
from treesite import TreeError, build_site, htmlscan
from treesite.cleaning import Step
from treesite.load import load
from treesite.render import Renderer

from tests.helpers import mkdocs_build
from tests.injection import VALID, shows, visible_text, write_tree

EXTENSIONS = ["abbr", "admonition", "attr_list", "md_in_html", "tables", "toc", "pymdownx.details", "pymdownx.superfences"]
TOKENS = [
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", '"', "'", "<", ">", "&", "&amp;", "&#x3C;",
    "{: onclick=alert(1) }", "{: autofocus onfocus=alert(1) }", "*x*", "_y_", "`", "`code`", "[a](javascript:alert(1))",
    "![i](x)", "](", ")", "<https://x.example>", "# ", "\n", "---", "!!! note", "??? x", "|", "\\", "{{ 7*7 }}", "{% if %}",
    "{#", ": ", "- ", "? ", "&", "*anchor", "!!python/object", "%", "@", "javascript:", "data:text/html,x",
    'http-equiv="refresh"', "</div>", "</textarea>", "-->", "<!--", "\u201c", "\u00e9", " ", "x",
]  # fmt: skip
TEXT = st.lists(st.sampled_from(TOKENS) | st.text(alphabet="<>&\"'`*_{}[]()#!|\\:=-x ", max_size=3), min_size=1, max_size=8).map("".join)
# Text the schema lets through (no < > [ ] javascript: or newline), so the YAML route also reaches rendering.
_PASSES_SCHEMA = [t for t in TOKENS if not re.search(r"[<>\[\]\n]|javascript:", t)]
SCHEMA_TEXT = st.lists(st.sampled_from(_PASSES_SCHEMA) | st.text(alphabet="&\"'`*_{}()#!|\\:=-x ", max_size=3), min_size=1, max_size=8).map(
    lambda parts: "x" + "".join(parts)  # a letter first: the schema rightly rejects blank text
)
_URL_SAFE = "()!*'&+,;=:@/~"
CODE_SPAN = re.compile(r"`([^`\n]+)`")


def as_shown(text: str) -> str:
    """What a reader sees for a tree text: white space collapsed, `code` without its backticks."""
    return CODE_SPAN.sub(r"\1", " ".join(text.split()))


def to_html(page: str) -> str:
    """A generated page's body as the site's Markdown turns it into HTML (front matter dropped)."""
    body = page.split("\n---\n", 1)[1] if page.startswith("---\n") else page
    return markdown.markdown(body, extensions=EXTENSIONS)


def assert_inert(pages: dict[str, str]) -> None:
    """No page's content may carry a script at all, an event handler or a script URL."""
    found = htmlscan.scan_pages(((path, to_html(text)) for path, text in pages.items()), htmlscan.KnownScripts())
    assert found == []


def _fill(data: dict[str, Any], texts: list[str]) -> None:
    """Put the texts, round-robin, into every text field and (as a path) into every URL."""
    pick = itertools.cycle(texts).__next__
    data["site"]["verdict_question"] = pick()
    for topic in data["topics"]:
        topic["title"] = pick()
    for source in data["sources"]:
        for key in ("title", "publisher", "date_note", "original_file"):
            source[key] = pick()
        source["cleaning"] = [{"manual": pick()}, {"rule": "drop-mailto", "says": pick()}]
        # URLs: the text as typed; also_url (and a url with white space) percent-encoded, as a browser
        # would paste it, so that the URL check is not the only thing ever tested.
        raw = pick()
        source["url"] = "https://learn.microsoft.com/" + (raw if raw.split() == [raw] else quote(raw, safe=_URL_SAFE))
        source["also_url"] = "https://learn.microsoft.com/" + quote(pick(), safe=_URL_SAFE)
    for fact in data["facts"]:
        fact["text"], fact["inference"] = pick(), pick()
    for note in data["notes"]:
        note["title"], note["text"] = pick(), pick()
    for node in data["nodes"]:
        node["title"] = pick()
        if "options" in node:
            node["ask"], node["axis"] = pick(), pick()
            for option in node["options"]:
                option["label"], option["short"], option["hint"] = pick(), pick(), pick()
        if "verdict" in node:
            node["verdict"]["answer"] = pick()
        if "facts" in node:
            node["keywords"] = [pick(), pick()]


def _check_shown(loaded_sources: list[Any], nodes: list[Any], pages: dict[str, str]) -> None:
    """The raw-HTML templates show every text as typed."""
    for source in loaded_sources:
        page = to_html(pages[f"s/{source.id}.md"])
        for text in (source.title, source.publisher, *(step.says for step in source.cleaning)):
            assert shows(page, as_shown(text)), (source.id, text, visible_text(page)[:300])
        for url in (source.url, source.also_url):  # links: href and text verbatim
            assert shows(page, url) and f'href="{escape(url)}"' in page, url
        if source.original_file:  # shown inside <code>: verbatim, backticks included
            assert shows(page, source.original_file)
        assert shows(to_html(pages["s/index.md"]), as_shown(source.title))
    outline = to_html(pages["map.md"]).split('id="the-same-tree-as-a-list"', 1)[1]
    for node in nodes:
        assert shows(outline, as_shown(node.title)), node.title
        page = pages["index.md" if node.id == "account" else next(p for p in pages if p.endswith(f"/{node.id}.md"))]
        heading = to_html(page).split("<h1", 1)[1].split("</h1>", 1)[0]
        assert shows("<h1" + heading, as_shown(node.title)), (node.title, heading)


@pytest.fixture(scope="module")
def tree_folder() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="w12-prop-") as tmp:
        yield write_tree(lambda t: None, Path(tmp) / "tree")


LOCATED = re.compile(r"^.+:\d+: .+\. Fix: .+$")


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(texts=st.lists(SCHEMA_TEXT, min_size=1, max_size=6) | st.lists(TEXT | SCHEMA_TEXT, min_size=1, max_size=6))
def test_yaml_text_is_rejected_with_a_location_or_rendered_inert(tree_folder: Path, texts: list[str]) -> None:
    data = yaml.safe_load(VALID.read_text(encoding="utf-8"))
    for source in data["sources"]:
        source["file"] = "sources/" + Path(source["file"]).name
    _fill(data, texts)
    (tree_folder / "tree.yaml").write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    try:
        build = build_site(tree_folder)
    except TreeError as err:
        event("rejected")
        assert err.problems
        for problem in err.problems:
            assert LOCATED.match(str(problem).split("\n")[0]), str(problem)
        return
    event("rendered")
    assert_inert(build.pages)
    tree = build.loaded.tree
    _check_shown(tree.sources, tree.nodes, build.pages)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts=st.lists(TEXT, min_size=1, max_size=6))
def test_text_past_the_schema_is_rendered_inert(texts: list[str]) -> None:
    loaded = load(VALID)
    tree = loaded.tree
    pick = itertools.cycle(texts).__next__
    for node in tree.nodes:
        node.title = pick()
        node.keywords = [pick()]
        node.options = [dataclasses.replace(o, label=pick(), short=pick(), hint=pick()) for o in node.options]
    tree.facts[:] = [dataclasses.replace(f, text=pick(), inference=pick()) for f in tree.facts]
    tree.notes[:] = [dataclasses.replace(n, title=pick(), text=pick()) for n in tree.notes]
    for source in tree.sources:
        source.title, source.publisher, source.date_note, source.original_file = pick(), pick(), pick(), pick()
        source.cleaning = [Step(pick())]
        source.url = source.also_url = "https://learn.microsoft.com/" + pick()
    pages = Renderer(loaded, "https://faq.example/").pages()
    assert_inert(pages)
    _check_shown(tree.sources, tree.nodes, pages)


@settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(texts=st.lists(SCHEMA_TEXT, min_size=3, max_size=6))
def test_full_build_of_hostile_text_is_rejected_or_scans_clean(tmp_path_factory: pytest.TempPathFactory, texts: list[str]) -> None:
    """A few complete `mkdocs build --strict` runs: the hook's scan is the judge, the pages are read back."""
    root = tmp_path_factory.mktemp("full")
    folder = write_tree(lambda data: _fill(data, texts), root / "tree")
    result = mkdocs_build(root / "site", tree=folder)
    if result.returncode != 0:
        assert "problem(s):" in result.stderr and "Fix:" in result.stderr, result.stderr[-2000:]
        assert "executable thing" not in result.stderr, result.stderr[-2000:]
        return
    html = (root / "site" / "s" / "aoai-privacy.html").read_text(encoding="utf-8")
    assert "Content-Security-Policy" in html
