"""Rendering: what a page says, where its links point, and that tree text cannot inject markup."""

from __future__ import annotations

import dataclasses
import re
import tempfile
from pathlib import Path

import markdown
import pytest
import yaml
from treesite import build_site
from treesite.load import load
from treesite.render import Renderer
from treesite.site import SiteBuild
from treesite.text import html_inline

from tests.helpers import FIXTURES

VALID = FIXTURES / "valid_tree.yaml"
# How a card cell starts (the sentence) and where its folded quotes begin.
ANSWER = '<span class="glance-answer">'
EVIDENCE = '</span>\n<details class="glance-evidence">'
SILENT = ANSWER + '<strong class="glance-silent">The sources do not say.</strong>'
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
        "compare.md",
        "index.md",
        "map.md",
        "not-covered.md",
        "q/aoai.md",
        "s/aoai-privacy.md",
        "s/index.md",
        "s/savill-video.md",
    ]


def test_answer_shows_path_card_and_inherited_facts(pages: dict[str, str]) -> None:
    page = pages["a/aoai-global.md"]
    assert 'Account: <strong>Work or school</strong> (<a href="../index.html">change</a>)' in page
    assert 'Deployment: <strong>Global</strong> (<a href="../q/aoai.html">change</a>)' in page
    assert '<a href="../index.html">Start over</a>' in page
    # inherited from aoai (the only parent) and its own fact
    assert 'id="fact-aoai-no-training"' in page
    assert 'id="fact-aoai-global-location"' in page


def _card_rows(page: str) -> list[tuple[str, str, str]]:
    card = page.split('<table class="glance', 1)[1].split("</table>", 1)[0]
    return re.findall(r'<tr id="glance-([a-z]+)"[^>]*>\n<th scope="row">([^<]+)</th>\n<td>(.*?)</td>', card, re.S)


def test_card_sits_under_the_path_line_with_four_rows(pages: dict[str, str]) -> None:
    """The four rows in site order; a child's own row replaces the inherited one, the rest flow down."""
    page = pages["a/aoai-global.md"]
    assert page.index('class="tree-path"') < page.index('<table class="glance"') < page.index('<div class="fact"')
    rows = _card_rows(page)
    assert [r[0] for r in rows] == ["training", "processing", "access", "retention"]
    assert [r[1] for r in rows] == ["Training", "Where it is processed", "Who can see it", "How long it is kept"]
    # each sentence, then its own key quote
    assert rows[0][2].startswith(f'{ANSWER}<a href="#fact-aoai-no-training">No.</a>{EVIDENCE}')
    global_row = f'{ANSWER}<a href="#fact-aoai-global-location">In any geography where the model is deployed.</a>{EVIDENCE}'
    assert rows[1][2].startswith(global_row)
    assert rows[2][2].startswith(SILENT + ' <a href="#fact-aoai-no-training">')
    standard = _card_rows(pages["a/aoai-standard.md"])
    assert standard[1][2].startswith(SILENT), "aoai's row flows down"


def test_body_follows_the_card_questions(pages: dict[str, str]) -> None:
    page = pages["a/aoai-global.md"]
    headings = re.findall(r'<h2 id="([a-z-]+)">', page)
    assert headings == ["about-training", "about-processing", "about-this-answer"]
    assert "What this choice adds" not in page and "Already established" not in page
    # inherited facts stay out of search, so search leads to the page that introduces them
    assert '<div class="fact" id="fact-aoai-no-training" data-search-exclude>' in page
    assert '<div class="fact" id="fact-aoai-global-location">' in page


def test_citation_links_to_the_paragraph_holding_the_quote(pages: dict[str, str]) -> None:
    """By its word anchor (w-…), the paragraph's own id, so the link survives paragraphs added above it."""
    page = pages["a/aoai-global.md"]
    links = re.findall(r'class="cite-link" href="\.\./s/aoai-privacy\.html#(w-[a-z0-9-]+)"', page)
    assert links, "no citation link"
    source_page = pages["s/aoai-privacy.md"]
    for anchor in links:
        block = source_page.split(f'id="{anchor}"', 1)[1].split("</div>", 1)[0]
        assert "NOT used to train" in block or "any geography where the relevant Azure OpenAI model is deployed" in block


def test_card_row_shows_its_own_quote_linked_to_its_paragraph() -> None:
    """A row's cites: appear under its sentence, with the source's name linked to the passage (no paragraph number)."""
    words = "prompts and responses may be processed in any geography where the relevant Azure OpenAI model is deployed"
    assert f'fact: aoai-global-location, cites: [{{source: aoai-privacy, quote: "{words}"}}]' in VALID.read_text(encoding="utf-8")
    pages = build_site(VALID, "https://faq.example/").pages
    row = dict((q, cell) for q, _, cell in _card_rows(pages["a/aoai-global.md"]))["processing"]
    title = "Data, privacy, and security for Azure OpenAI Service"
    link = rf'<a class="cite-link" href="\.\./s/aoai-privacy\.html#(w-[a-z0-9-]+)" title="{title}: open the passage">{title}</a>'
    quote = re.search(rf"“{words}”</span> — {link}", row)
    assert quote, row
    block = pages["s/aoai-privacy.md"].split(f'id="{quote.group(1)}"', 1)[1].split("</div>", 1)[0]
    assert words in " ".join(block.split())


def test_question_page_lists_options_as_links(pages: dict[str, str]) -> None:
    html = to_html(pages["index.md"])
    assert 'href="q/aoai.html"' in html and 'href="a/personal.html"' in html
    assert "Work or school account (Microsoft Entra ID)" in html


def test_video_only_fact_is_marked_and_weak_note_shown(pages: dict[str, str]) -> None:
    page = pages["a/personal.md"]
    assert "Rests only on a video transcript, not on official documentation." in page
    assert '<div class="admonition info" id="note-video-only">' in page
    assert '<p class="admonition-title">Weaker source: Only a video says this</p>' in page


def test_copy_block_leads_with_the_four_answers(pages: dict[str, str]) -> None:
    page = pages["a/aoai-global.md"]
    block = page.split("<pre><code>", 1)[1].split("</code></pre>", 1)[0]
    lines = block.splitlines()
    # each row's key quote, under its source's title and the publisher's address
    source = (
        "  Source: Data, privacy, and security for Azure OpenAI Service (official documentation, 2024-12-17),"
        " https://learn.microsoft.com/en-us/legal/cognitive-services/openai/data-privacy: "
    )
    assert lines[:5] == [
        "Azure OpenAI, Global deployment",
        "- Training: No.",
        source + "&#34;are NOT used to train, retrain, or improve Azure OpenAI Service foundation models&#34;",
        "- Where it is processed: In any geography where the model is deployed.",
        source + "&#34;prompts and responses may be processed in any geography where the relevant Azure OpenAI model is deployed&#34;",
    ]
    assert lines[-4:-1] == [
        "Path: Account: Work or school &gt; Deployment: Global",
        "Permanent link: https://faq.example/a/aoai-global.html",
        "Content last reviewed: 2026-11-23",
    ]
    assert lines[-1].startswith("Last changed: 2026-11-23: "), "the ticket carries the page's Last changed date"
    assert len(lines) <= 40


def test_compare_page_has_a_row_per_answer_and_a_column_per_question(pages: dict[str, str]) -> None:
    page = pages["compare.md"]
    assert re.findall(r'<th scope="col">([^<]+)</th>', page) == [
        "Answer page",
        "Training",
        "Where it is processed",
        "Who can see it",
        "How long it is kept",
    ]
    assert re.findall(r'<tr id="row-([a-z-]+)">', page) == ["aoai-global", "aoai-standard", "personal"]
    assert '<td data-label="Where it is processed"><a href="a/aoai-global.html#fact-aoai-global-location">' in page
    assert '<strong class="compare-silent">Not covered.</strong> <a href="a/aoai-standard.html#fact-aoai-no-training">' in page
    assert '<a href="compare.html">Compare all answers side by side</a>' in pages["index.md"]


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
        ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
        ('a "quoted" <b>', "a &#34;quoted&#34; &lt;b&gt;"),
        ("use `ContentLogging` here", "use <code>ContentLogging</code> here"),
        ("use `<i>` here", "use <code>&lt;i&gt;</code> here"),
        ("*x*{: onclick=alert(1) }", "*x*{: onclick=alert(1) }"),
    ],
)
def test_html_inline_escapes_everything_but_keeps_code(text: str, expected: str) -> None:
    """Tree text reaches pages as HTML text: markup is escaped, Markdown is left as typed (never parsed)."""
    assert str(html_inline(text)) == expected


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
    for node in tree.nodes:
        node.glance = {q: dataclasses.replace(r, answer=evil) for q, r in node.glance.items()}
    pages = Renderer(loaded, "https://faq.example/").pages()
    for path, text in pages.items():
        html = to_html(text)
        assert "<script" not in html.lower(), path
        assert "<img" not in html.lower(), path
        assert not re.search(r"""href=["']?\s*javascript:""", html, re.IGNORECASE), path


def test_start_page_is_index_and_has_no_path(pages: dict[str, str]) -> None:
    page = pages["index.md"]
    assert "How you got here" not in page
    assert '<h2 id="next-question" class="tree-ask">Which account does the person sign in with?</h2>' in page


def _order(page: str, *markers: str) -> list[int]:
    where = [page.find(m) for m in markers]
    assert -1 not in where, [m for m, i in zip(markers, where, strict=True) if i == -1]
    return where


def test_start_page_leads_with_the_first_question(pages: dict[str, str]) -> None:
    """Title, the one sentence, the question and its options; history and the compare link after the options.

    The ticket box (overrides/main.html) is put just before #next-question by ticket-box.js.
    """
    page = pages["index.md"]
    where = _order(
        page, "<h1 ", '<h2 id="next-question"', '<div class="options"', "</ul>\n</div>", 'class="page-history"', 'class="compare-link"'
    )
    assert where == sorted(where), where


def test_question_page_leads_with_the_question_and_its_options(pages: dict[str, str]) -> None:
    """h1, path line, question, options, then under its heading what holds for every choice: card, history, facts."""
    page = pages["q/aoai.md"]
    where = _order(
        page,
        "<h1 ",
        'class="tree-path"',
        '<h2 id="next-question" class="tree-ask">Which deployment type?</h2>',
        '<div class="options" id="options">',
        '<h2 id="for-every-choice">What holds for every deployment</h2>',
        '<table class="glance glance--choice"',
        'class="page-history"',
        '<div class="fact"',
    )
    assert where == sorted(where), where
    assert page.count('<a class="option-link"') == 2


def test_option_is_a_link_with_its_hint_beside_it(pages: dict[str, str]) -> None:
    """The link's text is the label alone (its accessible name); the hint is its description, in smaller type."""
    text = VALID.read_text(encoding="utf-8").replace("      - label: Global\n", "      - label: Global\n        hint: Any Global type.\n")
    loaded = build_site_from_text(text)
    page = loaded.pages["q/aoai.md"]
    assert (
        '<li><a class="option-link" href="../a/aoai-global.html" aria-describedby="option-hint-1">Global</a>'
        '<span class="option-hint" id="option-hint-1">Any Global type.</span></li>'
    ) in page
    assert '<li><a class="option-link" href="../a/aoai-standard.html">Standard</a></li>' in page


def build_site_from_text(text: str) -> SiteBuild:
    with tempfile.TemporaryDirectory() as tmp:
        tree = Path(tmp) / "tree.yaml"
        tree.write_text(text, encoding="utf-8")
        return build_site(tree, "https://faq.example/")


def test_question_card_says_which_rows_depend_on_the_next_choice(pages: dict[str, str]) -> None:
    """Global answers processing: aoai's row says it depends, with a link up to the options, and no "do not say"."""
    rows = {q: cell for q, _, cell in _card_rows(pages["q/aoai.md"])}
    assert list(rows) == ["training", "processing", "access", "retention"]
    assert rows["training"].startswith(f'{ANSWER}<a href="#fact-aoai-no-training">No.</a>{EVIDENCE}')
    assert rows["processing"].startswith(
        '<strong class="glance-depends">Depends on the deployment:</strong> <a href="#next-question">choose above</a>.'
    )
    assert "The sources do not say" not in rows["processing"]
    # Nothing below answers who can see prompts or how long they are kept: those stay silent.
    assert rows["access"].startswith(SILENT)


def test_question_card_row_that_holds_below_says_the_rest_depends() -> None:
    text = VALID.read_text(encoding="utf-8").replace(
        'processing: {silent: true, answer: "This source speaks only about training.", fact: aoai-no-training, cites',
        'processing: {answer: "Stored in your geography.", fact: aoai-no-training, cites',
    )
    assert "Stored in your geography." in text, "the fixture's aoai processing row changed: update this test"
    page = build_site_from_text(text).pages["q/aoai.md"]
    row = {q: cell for q, _, cell in _card_rows(page)}["processing"]
    assert row.startswith('<span class="glance-answer"><a href="#fact-aoai-no-training">Stored in your geography.</a></span>')
    assert 'The rest depends on the deployment: <a href="#next-question">choose above</a>.' in row


def test_question_page_ticket_text_says_what_depends_and_what_to_choose(pages: dict[str, str]) -> None:
    page = pages["q/aoai.md"]
    lines = page.split("<pre><code>", 1)[1].split("</code></pre>", 1)[0].splitlines()
    assert lines[0] == "Azure OpenAI in Foundry"
    assert lines[1] == "- Training: No."
    assert lines[3] == "- Where it is processed: Depends on the deployment. This source speaks only about training."
    assert "Next question: Which deployment type? (Global, Standard)" in lines


def test_card_row_quotes_of_one_paragraph_share_one_link_with_the_short_name() -> None:
    """Two quotes of one paragraph: one source line, the source's short name, the full title on hover."""
    first = "are NOT used to train, retrain, or improve Azure OpenAI Service foundation models"
    text = VALID.read_text(encoding="utf-8")
    one = f'training: {{answer: "No.", fact: aoai-no-training, cites: [{{source: aoai-privacy, quote: "{first}"}}]}}'
    assert one in text, "the fixture's aoai training row changed: update this test"
    paragraph = build_site(VALID, "https://faq.example/").pages["s/aoai-privacy.md"]
    block = next(b for b in paragraph.split('<div class="src-para" id="')[1:] if "foundation models" in b)
    second = "foundation models"
    text = text.replace(one, one.replace("}]}", f'}}, {{source: aoai-privacy, quote: "{second}"}}]}}'))
    text = text.replace("  - id: aoai-privacy\n", "  - id: aoai-privacy\n    short: Azure OpenAI privacy page\n", 1)
    assert "short: Azure OpenAI privacy page" in text, "the fixture's source list changed: update this test"
    row = {q: cell for q, _, cell in _card_rows(build_site_from_text(text).pages["a/aoai-global.md"])}["training"]
    assert re.findall(r'<span class="glance-quote__text">“([^”]+)”</span>', row) == [first, second]
    links = re.findall(r'<a class="cite-link" href="([^"]+)" title="([^"]+)">([^<]+)</a>', row)
    anchor = block.split('"', 1)[0]
    title = "Data, privacy, and security for Azure OpenAI Service"
    assert anchor.startswith("w-"), anchor
    assert links == [(f"../s/aoai-privacy.html#{anchor}", f"{title}: open the passage", "Azure OpenAI privacy page")]
    assert "2 quotes" in row
