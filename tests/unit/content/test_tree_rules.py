"""Rules every row, fact and note of the real tree keeps, whatever its words.

Why: the rows open every page and lead every ticket, so each must be one short
sentence that says at once who says so and shows the words it rests on; dates and
ages of sources must say where they come from; a figure must be scoped to the
product its source speaks of. Where a rule holds for named items only, the items
are in invariants.yaml instead (test_wording.py).
"""

from __future__ import annotations

import re

import pytest
from treesite.copyfields import long_date
from treesite.model import GlanceRow
from treesite.sourcetext import normalise

from tests.unit.content import table
from tests.unit.content.realtree import all_rows, answer_pages, cites, facts_on, notes_on, pages_showing, raw_tree_data, tree

# The four questions of every ticket, as the topics that answer them.
QUESTIONS = ("training", "processing-location", "access", "retention")


# The card rows ----------------------------------------------------------------------------------


@pytest.mark.parametrize("page", answer_pages())
def test_every_answer_page_has_four_rows_backed_by_facts_it_shows(page: str) -> None:
    graph = tree().graph
    shown_rows = graph.glance_rows(page)
    assert [q.id for q in tree().tree.site.glance] == list(shown_rows), f"{page}: {sorted(shown_rows)}"
    facts, notes = set(graph.effective_facts(page)), set(graph.effective_notes(page))
    for question, row in shown_rows.items():
        assert row.fact in facts, f"{page} {question}: fact {row.fact} is not on the page"
        if row.conflict:
            assert row.conflict in notes, f"{page} {question}: conflict {row.conflict} is not on the page"
            assert tree().tree.notes_by_id[row.conflict].kind == "conflict"


def test_rows_are_one_short_plain_sentence() -> None:
    for page, question, row in all_rows():
        where = f"{page} {question}: {row.answer!r}"
        assert len(row.answer) <= 140, where
        assert not re.search(r"[()\[\]<>{}]", row.answer), where
        assert row.answer.endswith(".") and row.answer[0].isupper(), where
        assert row.answer.count(". ") == 0, f"{where}: one sentence"


def test_rows_are_sentences_that_say_at_once_who_says_so() -> None:
    """'Not the Azure OpenAI foundation models; ...' is no sentence, and a bare 'No.' hides its source."""
    for page, question, row in all_rows():
        where = f"{page} {question}: {row.answer!r}"
        assert not re.match(r"(Not|No)\b", row.answer), where
        if re.match(r"Yes\b", row.answer):
            assert re.match(r"Yes, [^.;:]*, says a video:", row.answer), where


@pytest.mark.parametrize("words", ["undated", "nothing to opt out", "older", "newer", "last changed"])
def test_no_row_judges_a_source_age_or_says_nothing_to_opt_out(words: str) -> None:
    for page, question, row in all_rows():
        assert not re.search(rf"\b{words}\b", row.answer, re.IGNORECASE), f"{page} {question}: {row.answer!r}"


def test_24_hours_in_a_row_is_scoped_to_business_central() -> None:
    for page, question, row in all_rows():
        if "24 hours" in row.answer and page != "business-central":
            assert "for Business Central" in row.answer, f"{page} {question}: {row.answer!r}"


def test_silent_rows_say_who_says_what_nearby() -> None:
    """After 'The sources do not say.' the row must name its source, not state a rule in our voice."""
    for page, question, row in all_rows():
        if row.silent:
            assert re.search(r"\b(video|FAQ|inference|sent to)\b", row.answer), f"{page} {question}: {row.answer!r}"


def test_every_row_on_every_card_has_its_key_quote() -> None:
    for page, question, row in all_rows():
        assert row.cites, f"{page} {question}: no quote"


def test_row_quotes_are_short() -> None:
    """The key words only: a whole paragraph under a one-line answer is not read."""
    for page, question, row in all_rows():
        for cite in row.cites:
            assert len(" ".join(cite.quote.split())) <= 210, f"{page} {question}: {cite.quote[:60]!r}…"


def test_every_figure_in_a_row_is_in_its_own_quotes() -> None:
    """24 hours, 30 days: a number the sentence states must be in the words shown under it."""
    for page, question, row in all_rows():
        quoted = " ".join(c.quote for c in row.cites)
        for number in re.findall(r"\d+", row.answer):
            assert number in quoted, f"{page} {question}: {number} is not in the row's quotes"


def test_a_row_quoting_a_blog_or_the_video_says_so() -> None:
    """A reader must see at once when a row rests on the weaker sources."""
    sources = tree().tree.sources_by_id
    for page, question, row in all_rows():
        kinds = {sources[c.source].kind for c in row.cites}
        if "blog" in kinds:
            assert "blog" in row.answer, f"{page} {question}: {row.answer!r}"
        if kinds == {"video"}:
            assert "video" in row.answer, f"{page} {question}: {row.answer!r}"


def _out_of_order(r: GlanceRow) -> list[str]:
    """Quotes shown after a later part of the same paragraph: the card joins one paragraph's quotes with '…'."""
    sources = tree().tree.sources_by_id
    last: dict[tuple[str, int], int] = {}
    wrong = []
    for c in r.cites:
        text = sources[c.source].text
        assert text is not None
        block = text.find(c.quote)
        assert block is not None
        at = block.plain.find(normalise(c.quote))
        key = (c.source, block.number)
        if at < last.get(key, -1):
            wrong.append(c.quote)
        last[key] = at
    return wrong


def test_quotes_of_one_paragraph_are_shown_in_source_order_on_every_row() -> None:
    problems = [f"{page} {question}: {quote!r}" for page, question, r in all_rows() for quote in _out_of_order(r)]
    assert not problems, problems


def test_every_processing_row_on_an_azure_openai_page_names_azure_openai() -> None:
    """Other Foundry models land on these pages too: no source says where their prompts are processed."""
    for page in table.pages("aoai-pages"):
        answer = tree().graph.glance_rows(page)["processing"].answer
        assert "Azure OpenAI" in answer, f"{page}: {answer!r}"


# Facts and notes --------------------------------------------------------------------------------


@pytest.mark.parametrize("page", answer_pages())
def test_every_answer_page_answers_the_four_questions_or_says_the_sources_do_not(page: str) -> None:
    facts, notes = facts_on(page), notes_on(page)
    for question in QUESTIONS:
        answered = [f.id for f in facts if f.topic == question]
        silent = [n.id for n in notes if n.topic == question and n.kind == "caution" and "do not say" in n.title]
        other = [n.id for n in notes if n.topic == question]
        assert answered or silent or other, f"{page}: nothing on the page answers {question!r}, nor says the sources do not"
        if not answered:
            assert silent, f"{page}: {question!r} has no fact; the page must say the sources do not say"


def test_24_hours_is_always_scoped_to_business_central() -> None:
    loaded = tree().tree
    for item in [*loaded.facts, *loaded.notes]:
        if "24 hours" in item.text:
            assert "Business Central" in item.text, item.id


_DATE_WORDS = re.compile(r"\b(19|20)\d{2}\b|\bundated\b|\bnewer\b|\bolder\b|\bnewest\b|last changed|\bdate\b", re.IGNORECASE)
# Where a date or age comes from: the source's own text, or our metadata in sources.yaml.
_PROVENANCE = ("change log", "source record", "shows no date", "gives no date")


def test_every_statement_of_a_source_date_says_where_the_date_comes_from() -> None:
    loaded = tree().tree
    items = [(f.id, f.text) for f in loaded.facts] + [(n.id, n.text) for n in loaded.notes]
    items += [(f"{n.id} (intro)", n.intro) for n in loaded.nodes if n.intro]
    dated = [(item_id, text) for item_id, text in items if _DATE_WORDS.search(text)]
    unsourced = [item_id for item_id, text in dated if not any(p in text for p in _PROVENANCE)]
    assert not unsourced, f"say whether the date is from the source text or from sources.yaml: {unsourced}"


def test_no_unsourced_age_words() -> None:
    """'undated', 'last changed', 'newer', 'older' were judgments with no stated basis."""
    loaded = tree().tree
    for item in [*loaded.facts, *loaded.notes]:
        for word in ("undated", "last changed", "newer", "older"):
            assert not re.search(rf"\b{word}\b", item.text), f"{item.id}: {word!r}"


def test_video_only_facts_are_attributed_in_their_first_sentence() -> None:
    for fact in tree().tree.facts:
        if {c.source for c in fact.cites} == {"savill-video"}:
            first = fact.text.split(". ")[0]
            assert "video" in first or "speaker" in first, f"{fact.id}: {first!r}"


def test_the_videos_profile_setting_is_stated_once() -> None:
    said = [f for f in tree().tree.facts if cites(f, "savill-video", "I don't even have a setting as part of my profile")]
    assert len(said) == 1, [f.id for f in said]


# Each conflict note gives each source's kind and where its date comes from.
_PROVENANCE_OF = {
    "savill-video": ("video", "gives no date"),
    "techplatform-blog": ("third-party", "shows no date"),
    "aoai-privacy": ("official", "change log runs to 17 December 2024"),
    "azure-copilot-faq": ("official", "dated 18 November 2025 in its front matter"),
    "bc-aoai-data": ("official", "source record dates it 1 April 2025"),
}


@pytest.mark.parametrize("note_id", [n.id for n in tree().tree.notes if n.kind == "conflict"])
def test_conflict_note_gives_kind_and_date_provenance_of_each_source(note_id: str) -> None:
    note = tree().tree.notes_by_id[note_id]
    sources = {c.source for c in note.cites}
    if len(sources) < 2:
        return  # one page contradicting itself: no second source to date
    for source in sources:
        for words in _PROVENANCE_OF[source]:
            assert words in note.text, f"{note_id}: {source} without {words!r}"


@pytest.mark.parametrize("entry", ["4 September 2024 |", "18 November 2024 |", "17 December 2024 |", "23 June 2023 |"])
def test_change_log_of_the_azure_openai_page_is_shown_as_dated_history(entry: str) -> None:
    dated = [f for f in facts_on("aoai") if f.topic == "status" and cites(f, "aoai-privacy", entry)]
    assert dated, f"no fact on the Azure OpenAI page gives the change-log entry {entry!r}"
    assert all("change log" in f.text for f in dated)
    assert all(pages_showing(f.id) >= set(table.pages("aoai-pages")) for f in dated)


def test_the_azure_openai_source_page_points_at_its_change_log() -> None:
    source = tree().tree.sources_by_id["aoai-privacy"]
    assert source.date_note and "23 June 2023" in source.date_note and "17 December 2024" in source.date_note


def _our_sentences(data: dict) -> list[tuple[str, str]]:
    """(where, text) for every sentence of ours about the content; quotes and history are left out."""
    out: list[tuple[str, str]] = []
    for fact in data.get("facts", []):
        out.append((f"fact {fact['id']}", fact["text"]))
    for note in data.get("notes", []):
        out += [(f"note {note['id']}", note["text"]), (f"note {note['id']} title", note.get("title", ""))]
    for node in data.get("nodes", []):
        out.append((f"node {node['id']} intro", node.get("intro") or ""))
        out += [(f"node {node['id']} {q} row", row.get("answer", "")) for q, row in (node.get("glance") or {}).items()]
        out += [(f"node {node['id']} option {o['label']}", o.get("hint") or "") for o in node.get("options", [])]
    return out


def test_our_sentences_name_a_copy_by_its_record_not_by_a_date_written_out() -> None:
    """'Its change log runs to 17 December 2024' goes stale at the next update: write {aoai-privacy.date}.

    The fields are filled from sources.yaml (copyfields.py), so make source-update keeps them true.
    Dated history inside a source (a change-log row quoted or retold) is a quote or a fact about
    that row, and says the date of the row, not of the copy: it is listed here by hand.
    """
    data = raw_tree_data()
    dates = {s["id"]: long_date(s["date"]) for s in data["sources"] if s.get("date")}
    history = {"fact aoai-history-features"}  # retells the source's own dated change-log rows
    found = [
        f"{where}: '{date}' ({source}); write {{{source}.date}}"
        for where, text in _our_sentences(data)
        if where not in history
        for source, date in dates.items()
        if date in " ".join(text.split())
    ]
    assert not found, "\n".join(found)
