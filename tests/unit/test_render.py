"""Rendering: what a page says, where its links point, and that tree text cannot inject markup."""

from __future__ import annotations

import dataclasses
import re

import markdown
import pytest
import yaml
from treesite import build_site
from treesite.load import load
from treesite.render import Renderer
from treesite.text import md_inline

from tests.helpers import FIXTURES

VALID = FIXTURES / "valid_tree.yaml"
EXTENSIONS = ["attr_list", "md_in_html", "admonition", "tables", "pymdownx.details", "pymdownx.superfences"]


def to_html(text: str) -> str:
    body = text.split("---\n", 2)[-1] if text.startswith("---") or "\n---\n" in text[:400] else text
    return markdown.markdown(body, extensions=EXTENSIONS)


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    return build_site(VALID, "https://faq.example/").pages


def test_pages_are_named_by_id(pages: dict[str, str]) -> None:
    assert sorted(pages) == [
        "a/aoai-global.md",
        "a/aoai-standard.md",
        "a/personal.md",
        "changes.md",
        "index.md",
        "map.md",
        "q/aoai.md",
        "s/aoai-privacy.md",
        "s/index.md",
        "s/savill-video.md",
    ]


def test_answer_shows_path_verdict_and_inherited_facts(pages: dict[str, str]) -> None:
    page = pages["a/aoai-global.md"]
    assert "Account: **Work or school** ([change](../index.md))" in page
    assert "Deployment: **Global** ([change](../q/aoai.md))" in page
    assert "[Start over](../index.md)" in page
    assert "**Are prompts used to train models?** No. [Why?](#fact-aoai-no-training)" in page
    # inherited from aoai (the only parent) and its own fact
    assert 'id="fact-aoai-no-training"' in page
    assert 'id="fact-aoai-global-location"' in page


def test_citation_links_to_the_paragraph_holding_the_quote(pages: dict[str, str]) -> None:
    page = pages["a/aoai-global.md"]
    links = re.findall(r"\]\(\.\./s/aoai-privacy\.md#(p-\d+)\)", page)
    assert links, "no citation link"
    source_page = pages["s/aoai-privacy.md"]
    for anchor in links:
        block = source_page.split(f'id="{anchor}"', 1)[1].split("</div>", 1)[0]
        assert "NOT used to train" in block or "any geography where the relevant Azure OpenAI model is deployed" in block


def test_question_page_lists_options_as_links(pages: dict[str, str]) -> None:
    html = to_html(pages["index.md"])
    assert 'href="q/aoai.md"' in html and 'href="a/personal.md"' in html
    assert "Work or school account (Microsoft Entra ID)" in html


def test_video_only_fact_is_marked_and_weak_note_shown(pages: dict[str, str]) -> None:
    page = pages["a/personal.md"]
    assert "Rests only on a video transcript, not on official documentation." in page
    assert '!!! info "Weaker source: Only a video says this"' in page


def test_copy_block_holds_ticket_text(pages: dict[str, str]) -> None:
    page = pages["a/aoai-global.md"]
    block = page.split('??? ticket "Ticket text (plain, to copy by hand)"', 1)[1]
    for expected in (
        "Question: Azure OpenAI, Global deployment",
        "Path: Account: Work or school > Deployment: Global",
        "Are prompts used to train models? No.",
        "- With a Global deployment, prompts may be processed in any geography where the model is deployed.",
        "Data, privacy, and security for Azure OpenAI Service (Microsoft Learn, official documentation, 2024-12-17): "
        "https://learn.microsoft.com/en-us/legal/cognitive-services/openai/data-privacy",
        "Permanent link: https://faq.example/a/aoai-global.html",
        "Content last reviewed: 2026-11-23",
    ):
        assert expected in block


def test_map_links_every_node(pages: dict[str, str]) -> None:
    page = pages["map.md"]
    for url in ("index.html", "q/aoai.html", "a/aoai-global.html", "a/aoai-standard.html", "a/personal.html"):
        assert f'"{url}"' in page
    assert page.count("(see above)") == 0


def test_pages_are_deterministic() -> None:
    assert build_site(VALID, "https://faq.example/").pages == build_site(VALID, "https://faq.example/").pages


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<script>alert(1)</script>", "&lt;script&gt;alert\\(1\\)&lt;/script&gt;"),
        ("[x](javascript:alert(1))", "\\[x\\]\\(javascript:alert\\(1\\)\\)"),
        ("use `ContentLogging` here", "use `ContentLogging` here"),
        ("a *b* _c_", "a \\*b\\* \\_c\\_"),
    ],
)
def test_md_inline_escapes(text: str, expected: str) -> None:
    assert md_inline(text) == expected


def _injection_texts() -> list[str]:
    texts = []
    for name in ("html_injection.yaml", "markdown_injection.yaml", "fact_injection.yaml"):
        data = yaml.safe_load((FIXTURES / "broken" / name).read_text(encoding="utf-8"))
        texts += [o["label"] for n in data["nodes"] for o in n.get("options", []) if "<" in o["label"] or "javascript" in o["label"]]
        texts += [f["text"] for f in data["facts"] if "<" in f["text"]]
    return texts


@pytest.mark.parametrize("evil", _injection_texts())
def test_text_that_slips_past_the_schema_is_still_escaped(evil: str) -> None:
    """Defence in depth: put the injection fixtures' text straight into every text field and render."""
    loaded = load(VALID)
    tree = loaded.tree
    for node in tree.nodes:
        node.title = evil
        node.options = [dataclasses.replace(o, label=evil, short=evil, hint=evil) for o in node.options]
        node.keywords = [evil]
    tree.facts[:] = [dataclasses.replace(f, text=evil) for f in tree.facts]
    pages = Renderer(loaded, "https://faq.example/").pages()
    for path, text in pages.items():
        html = to_html(text)
        assert "<script" not in html.lower(), path
        assert "<img" not in html.lower(), path
        assert not re.search(r"""href=["']?\s*javascript:""", html, re.IGNORECASE), path


def test_start_page_is_index_and_has_no_path(pages: dict[str, str]) -> None:
    page = pages["index.md"]
    assert "How you got here" not in page
    assert "## Which account does the person sign in with? { #next-question }" in page
