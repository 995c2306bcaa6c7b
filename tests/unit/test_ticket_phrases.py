"""Each ticket phrase names no more than its page's sources cover (issue 25).

Why: the box proposes a page from a phrase. A feature that leads to a product must be one
that product's sources speak of; a deployment label must carry the word the source uses for
that deployment type ("labeled 'Global'", "labeled as 'DataZone'", "standard deployments",
"Batch processing is a Global deployment type"), and never the word of another type; a
qualifier no source uses ("Worldwide") may lead to the question only, never to a page.
"""

from __future__ import annotations

import itertools
from functools import cache

from treesite.ticketwords import tokens

from tests.helpers import REPO
from tests.unit.content.realtree import facts_on, tree

DEPLOYMENT_NODE = "aoai"


@cache
def source_tokens(source_id: str) -> str:
    """The source's text as space-joined tokens, for phrase search by whole words."""
    loaded = tree()
    source = next(s for s in loaded.tree.sources if s.id == source_id)
    text = (REPO / "decision_tree" / source.file).read_text(encoding="utf-8")
    return " " + " ".join(tokens(text)) + " "


def cited_sources(page: str) -> set[str]:
    """The sources a page and the pages below it cite, in facts and At-a-glance rows."""
    loaded = tree()
    pages = {page} | {n for n in loaded.graph.order if page in _ancestors(n)}
    out: set[str] = set()
    for p in pages:
        out |= {c.source for f in facts_on(p) for c in f.cites}
        out |= {c.source for r in loaded.graph.glance_rows(p).values() for c in r.cites}
    return out


def _ancestors(node_id: str) -> set[str]:
    parents = tree().graph.parents
    seen: set[str] = set()
    todo = list(parents.get(node_id, []))
    while todo:
        n = todo.pop()
        if n not in seen:
            seen.add(n)
            todo += parents.get(n, [])
    return seen


def _in(phrase: str, source_id: str) -> bool:
    return f" {' '.join(tokens(phrase))} " in source_tokens(source_id)


def test_every_feature_is_spoken_of_by_a_source_its_page_cites() -> None:
    features = 0
    for node in tree().tree.nodes:
        for option in node.options:
            sources = cited_sources(option.to)
            for feature in option.features:
                features += 1
                found = [s for s in sources if _in(feature, s)]
                assert found, f"{node.id} -> {option.to}: the feature {feature!r} is in no source that page cites ({sorted(sources)})"
    assert features >= 5


def test_no_feature_is_spoken_of_for_another_option_of_its_question() -> None:
    """A feature leads to one option only: no other option of the question lists it as a feature or a synonym."""
    for node in tree().tree.nodes:
        for option in node.options:
            for feature in option.features:
                key = tuple(tokens(feature))
                for other in node.options:
                    if other is option:
                        continue
                    words = {tuple(tokens(w)) for w in (*other.synonyms, *other.features)}
                    assert key not in words, f"{node.id}: {feature!r} is a word of both {option.short} and {other.short}"


# The word each deployment page is chosen by, as the Azure OpenAI source writes it ("labeled
# 'Global'", "labeled as 'DataZone'", "standard deployments", "Batch processing"); "regional" is
# the tree's word for the standard ones (prompts "processed within the customer-specified geography").
TYPE_WORDS = {
    "aoai-global": {"global", "globalstandard"},
    "aoai-datazone": {"datazone", "data zone", "datazonestandard"},
    "aoai-standard": {"standard", "regional"},
    "aoai-batch": {"batch"},
}
# Words a phrase of another type may hold too: "Global Standard" is Global (the source: any type
# labeled Global); "Global Batch" is Batch (the source: Batch "is a Global deployment type").
SHARED = {"aoai-global": {"standard"}, "aoai-datazone": {"standard"}, "aoai-batch": {"global"}}


def _words(phrase: str) -> set[str]:
    toks = tokens(phrase)
    return set(toks) | {f"{a} {b}" for a, b in itertools.pairwise(toks)}


def test_deployment_phrases_carry_their_own_type_and_no_other() -> None:
    """Each phrase of a deployment option holds its type's word and no word of another type."""
    node = tree().tree.node(DEPLOYMENT_NODE)
    assert {o.to for o in node.options} == set(TYPE_WORDS)
    for option in node.options:
        others = set().union(*(w for to, w in TYPE_WORDS.items() if to != option.to)) - SHARED.get(option.to, set())
        for phrase in option.synonyms:
            words = _words(phrase)
            assert words & TYPE_WORDS[option.to], f"{option.short}: {phrase!r} holds no word of its type {sorted(TYPE_WORDS[option.to])}"
            assert not (words & others), f"{option.short}: {phrase!r} holds {sorted(words & others)}, a word of another deployment type"


def test_each_deployment_type_word_is_the_sources_word() -> None:
    """The word that decides each deployment page is the Azure OpenAI source's own word for it."""
    for word in ("global", "datazone", "standard", "batch"):
        assert _in(word, "aoai-privacy"), word
    assert _in("Batch processing is a Global deployment type", "aoai-privacy")
    assert _in("In addition to standard deployments", "aoai-privacy")


def test_a_qualifier_no_source_uses_leads_only_to_the_question() -> None:
    """'Worldwide' is in no source: it is a qualifier (read whole, then the question), never part of an option's phrase."""
    loaded = tree().tree
    node = loaded.node(DEPLOYMENT_NODE)
    qualifiers = {" ".join(tokens(q)) for q in node.qualifiers}
    assert "worldwide" in qualifiers
    for source in loaded.sources:
        assert not _in("worldwide", source.id), source.id
    for option in node.options:
        for phrase in option.synonyms:
            assert "worldwide" not in tokens(phrase), phrase
