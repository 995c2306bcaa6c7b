"""The ticket box's data is generated from the tree: every option carries its words, nothing is kept by hand.

Why: the box only knows what the tree YAML says. An option without synonyms is a
product the box can never propose; a phrase given to two options of one
question makes the box guess; a word list in the script would drift from the tree.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from treesite.load import load
from treesite.text import plain
from treesite.ticketdata import GLOBAL_NAME, JSON_PATH, SCRIPT_PATH, data_files, ticket_data, tokens

from tests.helpers import REPO

TREE = load(REPO / "decision_tree")
BOX_JS = REPO / "docs" / "assets" / "javascripts" / "ticket-box.js"


def test_tokens_match_the_scripts_tokenizer() -> None:
    assert tokens("GPT-4o on outlook.com, Data Zone!") == ["gpt", "4o", "on", "outlook", "com", "data", "zone"]
    assert "var TOKEN = /[a-z0-9]+/g;" in BOX_JS.read_text(encoding="utf-8"), "ticket-box.js must cut tokens as tokens() does"


def test_every_option_and_question_has_words() -> None:
    for node in TREE.tree.nodes:
        for option in node.options:
            assert option.synonyms, f"{node.id} -> {option.to}: no synonyms"
    assert [g.id for g in TREE.tree.site.glance] == ["training", "processing", "access", "retention"]
    assert all(g.words for g in TREE.tree.site.glance)


def test_no_phrase_chooses_two_options_of_one_question() -> None:
    for node in TREE.tree.nodes:
        owner: dict[tuple[str, ...], str] = {}
        for option in node.options:
            for word in option.synonyms:
                key = tuple(tokens(word))
                assert owner.setdefault(key, option.to) == option.to, f"{node.id}: {word!r} names both {owner[key]} and {option.to}"


def test_data_follows_the_tree() -> None:
    data = ticket_data(TREE)
    ids = [n["id"] for n in data["nodes"]]
    assert ids[0] == data["start"] == TREE.tree.start
    assert sorted(ids) == sorted(TREE.graph.order)
    position = {n: i for i, n in enumerate(ids)}
    for node in data["nodes"]:
        for option in node.get("options", []):
            assert position[option["to"]] > position[node["id"]], "parents must come before children"
    aoai = next(n for n in data["nodes"] if n["id"] == "aoai")
    assert aoai["url"] == "q/aoai.html"
    assert aoai["must"] == ["account", "aoai"], "aoai is reached from work and from personal-azure"
    work = next(n for n in data["nodes"] if n["id"] == "work")
    assert ["gpt", "4o"] in next(o for o in work["options"] if o["to"] == "aoai")["words"]


def test_json_and_script_carry_the_same_data() -> None:
    files = data_files(TREE)
    assert set(files) == {JSON_PATH, SCRIPT_PATH}
    script = files[SCRIPT_PATH]
    match = re.search(rf"window\.{GLOBAL_NAME} = (.*);\n$", script, re.S)
    assert match is not None
    assert json.loads(match.group(1)) == json.loads(files[JSON_PATH]) == ticket_data(TREE)


def test_no_word_list_in_the_script() -> None:
    """The script names no product: every word it matches comes from the generated data."""
    text = BOX_JS.read_text(encoding="utf-8").lower()
    code = "\n".join(line for line in text.splitlines() if not line.strip().startswith(("*", "/*", "//")))
    for word in ("aoai", "gpt", "entra", "hotmail", "business central", "datazone", "retention"):
        assert word not in code, f"ticket-box.js names {word!r}; put it in the tree YAML instead"


def test_built_site_has_the_data_beside_the_pages(built_site: Path) -> None:
    assert (built_site / JSON_PATH).is_file() and (built_site / SCRIPT_PATH).is_file()
    assert not (REPO / "docs" / JSON_PATH).exists() and not (REPO / "docs" / SCRIPT_PATH).exists()
    start = (built_site / "index.html").read_text(encoding="utf-8")
    assert 'src="assets/javascripts/ticket-data.js"' in start and '<template id="ticket-box-template">' in start
    assert "ticket-data.js" not in (built_site / "q" / "work.html").read_text(encoding="utf-8")


def _node(data: dict, node_id: str) -> dict:
    return next(n for n in data["nodes"] if n["id"] == node_id)


def test_every_answer_page_carries_its_card() -> None:
    """Issue 16: the box answers in place from the rows the page shows, four rows in the card's order."""
    data = ticket_data(TREE)
    questions = [g.id for g in TREE.tree.site.glance]
    for node in TREE.tree.nodes:
        if node.is_question:
            continue
        card = _node(data, node.id)["card"]
        assert [e["q"] for e in card] == questions, node.id
        rows = TREE.graph.glance_rows(node.id)
        for entry in card:
            row, want = data["rows"][entry["row"]], rows[entry["q"]]
            assert row["answer"] == " ".join(want.answer.replace("`", "").split())
            assert row.get("silent", False) == want.silent
            assert (row["conflict"][0] if "conflict" in row else None) == want.conflict
            shown = [(source, text) for texts, source, _, _ in row["quotes"] for text in texts]
            assert sorted(shown) == sorted((c.source, plain(c.quote)) for c in want.cites), f"{node.id} {entry['q']}"
            assert "kind" not in entry, "an answer page's row has no state: it is the answer"


def test_question_cards_take_their_states_from_refine() -> None:
    """A question page's rows are settled, partial, depends or silent as refine.py derives them, never in the script."""
    data = ticket_data(TREE)
    for node in TREE.tree.nodes:
        if not node.is_question:
            continue
        entry = _node(data, node.id)
        assert entry["noun"] and entry["ask"]
        assert [o["label"] for o in entry["options"]] == [o.label for o in node.options]
        states = TREE.choice_rows.get(node.id, {})
        for row in entry["card"]:
            assert row["kind"] == states[row["q"]].kind, f"{node.id} {row['q']}"
    assert _node(data, TREE.tree.start)["card"] == [], "the start page shows no card"
    kinds = {r["q"]: r["kind"] for r in _node(data, "aoai")["card"]}
    assert kinds == {"training": "settled", "processing": "partial", "access": "settled", "retention": "settled"}
    script = BOX_JS.read_text(encoding="utf-8")
    assert "choice_rows" not in script and "holder" not in script, "the script must not derive row states itself"


def test_card_quotes_link_the_source_paragraph_from_the_start_page() -> None:
    """Quote links are relative to the site root, where the box sits; each source's title is given once."""
    data = ticket_data(TREE)
    pages = {s.id: f"s/{s.id}.html" for s in TREE.tree.sources}
    for row in data["rows"]:
        assert row["quotes"], row["answer"]
        links = [link for _, _, _, link in row["quotes"]]
        assert len(links) == len(set(links)), f"{row['answer']}: quotes of one paragraph are not grouped"
        for texts, source, paragraph, link in row["quotes"]:
            assert texts and all(texts) and source in data["sources"]
            assert link == f"{pages[source]}#p-{paragraph}", link


def test_a_row_shared_by_pages_is_written_once() -> None:
    """Azure OpenAI's training row flows down to every deployment page: one row in the data, referred to by number."""
    data = ticket_data(TREE)
    training = {_node(data, n)["card"][0]["row"] for n in ("aoai", "aoai-global", "aoai-datazone", "aoai-standard", "aoai-batch")}
    assert len(training) == 1
    assert len(data["rows"]) == len({json.dumps(r, sort_keys=True) for r in data["rows"]})
