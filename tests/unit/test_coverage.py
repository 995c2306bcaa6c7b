"""What the sources do not cover, and the rules for ticket words, over the real tree (issue 17).

Why: a ticket about Copilot in Dynamics 365 Sales got the Business Central answer
(the synonym "Dynamics 365"), and one about ChatGPT landed on Azure OpenAI. The
tree now lists what none of the five sources covers (decision_tree/coverage.yaml,
``not_covered:``), and words that must never choose a page (``not_synonyms:``).
These tests fail when a synonym is a generic word or a product family, when it
reduces to no word or to one letter, when it is also a not-covered name, when a
"not covered" product is one a source does cover, and when the list page or the
box's data drop what the tree says.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from markupsafe import escape
from treesite import build_site
from treesite.load import load
from treesite.ticketdata import ticket_data
from treesite.ticketwords import check_ticket_words, phrase, tokens, unusable

from tests.helpers import REPO

TREE_DIR = REPO / "decision_tree"
LOADED = load(TREE_DIR)
TREE = LOADED.tree

# Named by the content audit of 2026-11-28 (section 5) and the issue: none may choose an option again.
AUDIT_WORDS = ["Dynamics 365", "Dynamics", "D365", "NAV", "Dynamics NAV", "ChatGPT", "OpenAI API", "PTU", "Provisioned Managed"]
AUDIT_WORDS += ["provisioned throughput", "DataZone Batch"]

# Products the issue names that must be listed as not covered (by one of the names tickets use).
MUST_BE_LISTED = [
    "Copilot in Dynamics 365 Sales",
    "Dynamics 365 Customer Service",
    "Dynamics 365 Finance",
    "Dynamics 365 Supply Chain Management",
    "Copilot in Fabric",
    "Copilot in Power BI",
    "Power Apps",
    "Power Automate",
    "GitHub Copilot",
    "Windows Recall",
    "Copilot+ PC",
    "Security Copilot",
    "Microsoft Purview",
    "ChatGPT",
    "ChatGPT Enterprise",
    "OpenAI API",
]

# A not-covered name may occur in a source only where the source itself says it is not about it.
# Anything else found in sources/*.md means a source does cover it, and it must not be listed.
MENTIONED_ONLY_AS_OUT_OF_SCOPE = {
    "Dynamics 365": "bc-aoai-data names it only in the title of a related article",
    "Dynamics": "bc-aoai-data names it only in the title of a related article",
    "ChatGPT": "aoai-privacy: the Service does NOT interact with any services operated by OpenAI (e.g. ChatGPT, or the OpenAI API)",
    "OpenAI API": "aoai-privacy: the Service does NOT interact with any services operated by OpenAI (e.g. ChatGPT, or the OpenAI API)",
    "Azure Government": "aoai-privacy only links to a separate page that compares Azure OpenAI in Azure Government",
    "Azure OpenAI in Azure Government": "aoai-privacy only links to a separate page that compares Azure OpenAI in Azure Government",
}


def _key(word: str) -> tuple[str, ...]:
    return tuple(tokens(word))


def _synonyms() -> list[tuple[str, str, str]]:
    """(node id, option, synonym) for every synonym in the tree."""
    return [(n.id, o.short, w) for n in TREE.nodes for o in n.options for w in o.synonyms]


def _refused(kind: str | None = None) -> dict[tuple[str, ...], str]:
    return {_key(w): r.why for r in TREE.word_rules if kind in (None, r.kind) for w in r.words}


def _not_covered_names() -> dict[tuple[str, ...], str]:
    return {_key(w): e.id for e in TREE.not_covered for w in e.names}


def test_the_real_tree_passes_the_word_rules() -> None:
    assert check_ticket_words(TREE) == []


def test_no_synonym_is_refused_unusable_or_not_covered() -> None:
    """Checked here on the YAML itself, not through the build's check, so a broken check cannot hide a bad word."""
    refused, not_covered = _refused(), _not_covered_names()
    bad = []
    for node_id, option, word in _synonyms():
        toks = tokens(word)
        if not toks or (len(toks) == 1 and len(toks[0]) < 2):
            bad.append(f"{node_id} -> {option}: {word!r} reduces to {toks}")
        elif tuple(toks) in refused:
            bad.append(f"{node_id} -> {option}: {word!r} is refused: {refused[tuple(toks)]}")
        elif tuple(toks) in not_covered:
            bad.append(f"{node_id} -> {option}: {word!r} is a name of the not-covered product {not_covered[tuple(toks)]}")
    assert not bad, "\n".join(bad)


def test_no_search_keyword_is_a_not_covered_name() -> None:
    """A search for "ChatGPT" or "Dynamics 365" must lead to the not-covered notice, not to a page that lists it as a keyword.

    Second content review of 2026-11-28: the audit took these names out of the synonyms, but
    the Azure OpenAI and Business Central pages still listed them under keywords: (search).
    """
    not_covered = _not_covered_names()
    bad = [
        f"{node.id}: keyword {word!r} is a name of the not-covered product {not_covered[_key(word)]}"
        for node in TREE.nodes
        for word in node.keywords
        if _key(word) in not_covered
    ]
    assert not bad, "\n".join(bad)


@pytest.mark.parametrize("word", AUDIT_WORDS)
def test_audit_words_choose_no_option_and_stay_refused(word: str) -> None:
    """Each word the audit named is gone from the synonyms, and the YAML still refuses it (or lists it as not covered)."""
    assert _key(word) not in {_key(w) for _, _, w in _synonyms()}, f"{word!r} is a synonym again"
    assert _key(word) in _refused() or _key(word) in _not_covered_names(), f"nothing in coverage.yaml stops {word!r} coming back"


def test_the_deny_list_has_generic_words_and_families() -> None:
    generic, broad = _refused("generic"), _refused("too-broad")
    for word in ("Copilot", "Microsoft", "Azure", "AI", "agents", "batch", "on your data"):
        assert _key(word) in generic, word
    for word in ("Dynamics 365", "Power Platform", "Microsoft 365", "PTU"):
        assert _key(word) in broad, word


def test_no_not_covered_name_is_a_generic_word() -> None:
    generic = _refused("generic")
    assert not [w for e in TREE.not_covered for w in e.names if _key(w) in generic]


@pytest.mark.parametrize("word", MUST_BE_LISTED)
def test_products_the_issue_names_are_listed(word: str) -> None:
    assert _key(word) in _not_covered_names(), f"{word!r} is not listed under not_covered:"


def _occurs(phrase_tokens: list[str], text_tokens: list[str]) -> bool:
    n = len(phrase_tokens)
    return any(text_tokens[i : i + n] == phrase_tokens for i in range(len(text_tokens) - n + 1))


def test_no_listed_product_is_one_a_source_covers() -> None:
    """Every name is absent from the five sources, except where a source says it is not about that product."""
    texts = {s.id: tokens((TREE_DIR / s.file).read_text(encoding="utf-8")) for s in TREE.sources}
    found = []
    for entry in TREE.not_covered:
        for name in entry.names:
            sources = [sid for sid, toks in texts.items() if _occurs(tokens(name), toks)]
            if sources and name not in MENTIONED_ONLY_AS_OUT_OF_SCOPE:
                found.append(f"{entry.id}: {name!r} occurs in {sources}: check what the source says before listing it")
    assert not found, "\n".join(found)


def test_nearest_only_where_a_page_truly_applies() -> None:
    """OpenAI's own services get no nearest page: the Azure OpenAI page is about Azure OpenAI, not about them."""
    entries = {e.id: e for e in TREE.not_covered}
    assert entries["openai-services"].nearest is None
    assert {e.id: e.nearest for e in TREE.not_covered if e.nearest} == {"aoai-datazone-batch": "aoai-datazone"}
    assert all(e.reason for e in TREE.not_covered if e.nearest)
    ids = [e.id for e in TREE.not_covered]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize(
    ("word", "problem"),
    [
        ("(a+)+$", "single letter 'a'"),
        ("a", "single letter 'a'"),
        ("-- !!", "no letter or digit"),
        ("", "no letter or digit"),
        ("ÄÖÜ", "no letter or digit"),
        ("o1", None),
        ("BC", None),
        ("a b", None),
        ("GPT-4o", None),
    ],
)
def test_which_words_the_box_can_use(word: str, problem: str | None) -> None:
    found = unusable(word)
    assert (found is None) if problem is None else (found is not None and problem in found), found


def test_ticket_data_refuses_a_word_that_matches_everything() -> None:
    """Before issue 17, "(a+)+$" became the word "a" and matched any ticket; now the data refuses it."""
    loaded = load(TREE_DIR)
    work = loaded.tree.node("work")
    option = work.options[0]
    work.options[0] = dataclasses.replace(option, synonyms=(*option.synonyms, "(a+)+$"))
    with pytest.raises(ValueError, match="single letter 'a'"):
        ticket_data(loaded)
    problems = check_ticket_words(loaded.tree)
    assert len(problems) == 1 and "the synonym '(a+)+$'" in problems[0].message and problems[0].where.line
    with pytest.raises(ValueError):
        phrase("!!")


def test_box_data_carries_the_not_covered_products() -> None:
    data = ticket_data(LOADED)
    by_id = {p["id"]: p for p in data["not_covered"]}
    assert list(by_id) == [e.id for e in TREE.not_covered]
    assert ["copilot", "in", "dynamics", "365", "sales"] in by_id["dynamics-365-sales"]["words"]
    assert by_id["openai-services"]["nearest"] is None
    batch = by_id["aoai-datazone-batch"]
    assert batch["url"] == "not-covered.html#nc-aoai-datazone-batch"
    assert batch["nearest"]["url"] == "a/aoai-datazone.html" and batch["nearest"]["reason"]


def test_the_list_page_shows_every_entry() -> None:
    page = build_site(TREE_DIR).pages["not-covered.md"]
    for entry in TREE.not_covered:
        section = page.split(f'<section class="not-covered" id="nc-{entry.id}">', 1)[1].split("</section>", 1)[0]
        assert f"<h2>{escape(entry.name)}</h2>" in section, entry.id
        nearest = section.split('class="not-covered__nearest"', 1)[1]
        if entry.nearest:
            assert f'href="{TREE.node(entry.nearest).url}"' in nearest and "none." not in nearest
        else:
            assert "none." in nearest and "href" not in nearest


def test_about_and_nav_link_the_list(built_site: Path) -> None:
    about = (built_site / "about.html").read_text(encoding="utf-8")
    assert 'href="not-covered.html"' in about
    start = (built_site / "index.html").read_text(encoding="utf-8")
    assert 'href="not-covered.html"' in start, "the navigation lists the page"
    listed = (built_site / "not-covered.html").read_text(encoding="utf-8")
    assert 'id="nc-dynamics-365-sales"' in listed and "Copilot in Dynamics 365 Sales" in listed


def test_features_qualifiers_and_passing_words_follow_the_word_rules() -> None:
    """Issue 25: a feature is checked like a synonym (usable, not refused, not a not-covered name); a
    qualifier or a passing word must be usable; built_on must name a node. Each problem at its line."""
    loaded = load(TREE_DIR)
    work = loaded.tree.node("work")
    option = work.options[2]
    work.options[2] = dataclasses.replace(option, features=(*option.features, "Dynamics 365", "!!"), built_on=("no-such-page",))
    aoai = loaded.tree.node("aoai")
    loaded.tree.nodes[loaded.tree.nodes.index(aoai)] = dataclasses.replace(aoai, qualifiers=(*aoai.qualifiers, "(a+)+$"))
    loaded.tree.passing = (*loaded.tree.passing, "?")
    messages = [p.message for p in check_ticket_words(loaded.tree)]
    assert any("the feature '!!'" in m for m in messages), messages
    assert any("the qualifier '(a+)+$'" in m and "single letter" in m for m in messages), messages
    assert any("the passing word '?'" in m for m in messages), messages
    assert any("built_on 'no-such-page'" in m for m in messages), messages
    loaded = load(TREE_DIR)
    work = loaded.tree.node("work")
    work.options[2] = dataclasses.replace(work.options[2], features=("Dynamics 365", "ChatGPT"))
    messages = [p.message for p in check_ticket_words(loaded.tree)]
    assert any("the feature 'Dynamics 365'" in m and "refused" in m for m in messages), messages
    assert any("the feature 'ChatGPT'" in m and "do not cover" in m for m in messages), messages


def test_box_data_carries_the_reading_words() -> None:
    """Qualifiers on the deployment question, features and built_on on options, passing and comparing words."""
    data = ticket_data(LOADED)
    aoai = next(n for n in data["nodes"] if n["id"] == "aoai")
    assert ["worldwide"] in aoai["qualifiers"] and ["data", "zone"] in aoai["qualifiers"]
    work = next(n for n in data["nodes"] if n["id"] == "work")
    by_to = {o["to"]: o for o in work["options"]}
    assert ["content", "filters"] in by_to["aoai"]["features"]
    assert by_to["business-central"]["built_on"] == ["aoai"]
    assert ["running", "on"] in data["passing"] and ["unlike"] in data["comparing"]
