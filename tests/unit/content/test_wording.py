"""Every card row, fact, note, option hint and intro keeps what invariants.yaml says it must.

Why: the rows lead every page and every ticket, and legal teams read the notes word
by word; each review found a qualifier dropped or a verdict stretched. The table
pins each finding as an invariant (which review ends, which data a period is for,
which models a row covers) so the next wording fix edits one line of the table.
Test ids name the invariant and the page: rows/<invariant>@<page>.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.unit.content import table
from tests.unit.content.realtree import cites, fact_text, facts_on, marked_rows, notes_on, pages_showing, quoted, row, tree


def _check_text(text: str, entry: dict[str, Any], where: str) -> None:
    """The text checks every section shares: says, says_not, starts, ends, equals."""
    for words in entry.get("says", []):
        assert words in text, f"{where}: {words!r} missing from {text!r}"
    for words in entry.get("says_not", []):
        assert words not in text, f"{where}: {words!r} in {text!r}"
    for words in entry.get("says_not_any_case", []):
        assert words.lower() not in text.lower(), f"{where}: {words!r} in {text!r}"
    if "starts" in entry:
        assert text.startswith(entry["starts"]), f"{where}: {text!r}"
    if "starts_not" in entry:
        assert not text.startswith(entry["starts_not"]), f"{where}: {text!r}"
    if "ends" in entry:
        assert text.endswith(entry["ends"]), f"{where}: {text!r}"
    if "ends_not" in entry:
        assert not text.endswith(entry["ends_not"]), f"{where}: {text!r}"
    if "equals" in entry:
        assert text == entry["equals"], f"{where}: {text!r}"


@pytest.mark.parametrize("section", sorted(table.KEYS))
def test_table_uses_only_known_checks(section: str) -> None:
    """A misspelt key would check nothing and pass."""
    assert set(table.table()) <= table.SECTIONS, sorted(set(table.table()) - table.SECTIONS)
    for name, entry in table.entries(section):
        assert set(entry) <= table.KEYS[section], f"{section}/{name}: unknown keys {sorted(set(entry) - table.KEYS[section])}"
        assert set(entry) - {"why"}, f"{section}/{name}: checks nothing"


@pytest.mark.parametrize(("name", "page", "entry"), table.page_cases("rows"))
def test_card_row(name: str, page: str, entry: dict[str, Any]) -> None:
    """The row a page shows for one question: its sentence, its quotes, its mark, its fact."""
    loaded = tree()
    graph = loaded.graph
    question = entry["question"]
    where = f"{page} {question}"
    if "in_yaml" in entry:
        assert (question in loaded.tree.node(page).glance) == entry["in_yaml"], where
    if "choice" in entry:
        state = loaded.choice_rows[page][question]
        assert state.kind == entry["choice"], f"{where}: {state}"
    if not set(entry) - {"why", "pages", "question", "in_yaml", "choice"}:
        return  # a derived row on a question page: it has no sentence of its own
    r = row(page, question)
    _check_text(r.answer, entry, where)
    for source, words in table.quote_pairs(entry.get("quotes")):
        assert quoted(page, question, source, words), f"{where}: no quote of {source} with {words!r}"
    for source, words in table.quote_pairs(entry.get("quotes_not")):
        assert not quoted(page, question, source, words), f"{where}: quotes {source} {words!r}"
    if "conflict" in entry:
        assert r.conflict == entry["conflict"], f"{where}: mark {r.conflict}"
    if "silent" in entry:
        assert r.silent == entry["silent"], f"{where}: silent is {r.silent}"
    if "fact" in entry:
        assert r.fact == entry["fact"], f"{where}: fact {r.fact}"
    if "fact_not" in entry:
        assert r.fact != entry["fact_not"], where
    for words in entry.get("fact_backs", []):
        assert words in fact_text(r.fact), f"{where}: {words!r} is not in fact {r.fact}"
    if "order" in entry:
        at = [r.answer.index(words) for words in entry["order"]]
        assert at == sorted(at), f"{where}: {entry['order']} out of order in {r.answer!r}"
    if "own" in entry:
        assert (graph.glance_source[page][question] == page) == entry["own"], f"{where}: set by {graph.glance_source[page][question]}"
    if "first_quote" in entry:
        assert r.cites[0].quote == entry["first_quote"], f"{where}: {r.cites[0].quote!r}"
    for note in entry.get("page_notes", []):
        assert note in graph.effective_notes(page), f"{where}: {note} is not on the page"
    for note in entry.get("page_notes_not", []):
        assert note not in graph.effective_notes(page), f"{where}: {note} is on the page"


@pytest.mark.parametrize(("name", "entry"), table.cases("facts"))
def test_fact(name: str, entry: dict[str, Any]) -> None:
    item = tree().tree.facts_by_id[entry["fact"]]
    where = item.id
    _check_text(item.text, entry, where)
    for source, words in table.quote_pairs(entry.get("cites")):
        assert cites(item, source, words), f"{where}: no quote of {source} with {words!r}"
    if "sources_include" in entry:
        assert {c.source for c in item.cites} >= set(entry["sources_include"]), where
    if "topic" in entry:
        assert item.topic == entry["topic"], f"{where}: topic {item.topic}"
    for words in entry.get("inference_says", []):
        assert words in (item.inference or ""), f"{where}: {words!r} missing from the inference"
    for words in entry.get("inference_says_not", []):
        assert words not in (item.inference or ""), f"{where}: {words!r} in the inference"
    if "shown_on" in entry:
        assert pages_showing(item.id) >= set(table.pages(entry["shown_on"])), f"{where}: shown on {sorted(pages_showing(item.id))}"
    if "shown_on_exactly" in entry:
        assert pages_showing(item.id) == set(entry["shown_on_exactly"]), f"{where}: shown on {sorted(pages_showing(item.id))}"


@pytest.mark.parametrize(("name", "entry"), table.cases("notes"))
def test_note(name: str, entry: dict[str, Any]) -> None:
    notes = tree().tree.notes_by_id
    if entry.get("absent"):
        assert entry["note"] not in notes, f"{entry['note']} should not exist"
        return
    item = notes[entry["note"]]
    where = item.id
    _check_text(item.text, entry, where)
    for words in entry.get("says_lower", []):
        assert words in item.text.lower(), f"{where}: {words!r}"
    for key in ("kind", "title", "topic"):
        if key in entry:
            assert getattr(item, key) == entry[key], f"{where}: {key} is {getattr(item, key)!r}"
    for words in entry.get("title_says", []):
        assert words in item.title, f"{where}: {item.title!r}"
    for source, words in table.quote_pairs(entry.get("cites")):
        assert cites(item, source, words), f"{where}: no quote of {source} with {words!r}"
    if "sources" in entry:
        assert {c.source for c in item.cites} == set(entry["sources"]), where
    for words in entry.get("cites_not_any", []):
        assert not any(words in c.quote for c in item.cites), f"{where}: a quote has {words!r}"
    if "shown_on" in entry:
        assert pages_showing(item.id) >= set(table.pages(entry["shown_on"])), f"{where}: shown on {sorted(pages_showing(item.id))}"
    for page in entry.get("not_shown_on", []):
        assert item.id not in tree().graph.effective_notes(page), f"{where}: shown on {page}"
    for node in entry.get("listed_on", []):
        assert item.id in tree().tree.node(node).notes, f"{where}: not listed on {node}"
    if "marked" in entry:
        assert sorted(marked_rows(item.id)) == sorted(entry["marked"]), f"{where}: marks {marked_rows(item.id)}"


@pytest.mark.parametrize(("name", "page", "entry"), table.page_cases("shown"))
def test_page_shows(name: str, page: str, entry: dict[str, Any]) -> None:
    """What a page shows, whichever fact or note says it."""
    facts = [f for f in facts_on(page) if f.topic == entry["topic"]] if "topic" in entry else facts_on(page)
    for source, words in table.quote_pairs(entry.get("facts_cite")):
        assert any(cites(f, source, words) for f in facts), f"{page}: no fact quotes {source} {words!r}"
    for topic in entry.get("silence_notes", []):
        silences = [n for n in notes_on(page) if n.topic == topic and "do not say" in n.title]
        assert silences, f"{page}: no note says the sources are silent on {topic}"
    if "topic_facts_say" in entry or "topic_facts_say_not" in entry:
        assert facts, f"{page}: no fact on {entry['topic']}"
    for words in entry.get("topic_facts_say", []):
        assert all(words in f.text for f in facts), f"{page}: {words!r}"
    for words in entry.get("topic_facts_say_not", []):
        assert not any(words in f.text for f in facts), f"{page}: {words!r}"


@pytest.mark.parametrize(("name", "entry"), table.cases("options"))
def test_option(name: str, entry: dict[str, Any]) -> None:
    options = [o for node in tree().tree.nodes for o in node.options if o.to == entry["to"]]
    if "count" in entry:
        assert len(options) == entry["count"], f"{len(options)} options lead to {entry['to']}"
    for option in options:
        for words in entry.get("label_says", []):
            assert words in option.label, option.label
        for words in entry.get("label_says_not", []):
            assert words not in option.label, option.label
        if "label_not_regex" in entry:
            assert not re.search(entry["label_not_regex"], option.label), option.label
        for words in entry.get("hint_says", []):
            assert words in " ".join((option.hint or "").split()), option.hint


@pytest.mark.parametrize(("name", "entry"), table.cases("intros"))
def test_intro(name: str, entry: dict[str, Any]) -> None:
    intro = " ".join((tree().tree.node(entry["node"]).intro or "").split())
    for words in entry["says"]:
        assert words in intro, intro


@pytest.mark.parametrize("entry", table.cases("nowhere"))
def test_no_fact_or_note_says(entry: dict[str, Any]) -> None:
    """Verdicts the reviews refused, in no fact's or note's text or inference."""
    loaded = tree().tree
    words = entry["words"].lower() if entry.get("any_case") else entry["words"]
    for item in [*loaded.facts, *loaded.notes]:
        for text in (item.text, getattr(item, "inference", None) or ""):
            assert words not in (text.lower() if entry.get("any_case") else text), item.id
