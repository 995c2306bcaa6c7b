"""A question page's card: which rows are settled there, and which the next choice decides (treesite.refine).

Why: a question page sits above several answers. Its card used to show "The
sources do not say" rows about something else where the pages below do answer
the question (the audit of 2026-11-28 called them filler). The state of each
row is now derived from the graph; these tests pin the rule row by row, on
hand-made cases, on the small fixture and on the real tree, and what the
checks and the fingerprint make of it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from treesite import TreeError
from treesite.fingerprint import node_answers, node_fingerprint
from treesite.load import load
from treesite.model import Node
from treesite.refine import DEPENDS, PARTIAL, SETTLED, SILENT, classify

from tests.helpers import FIXTURES, REPO

VALID = FIXTURES / "valid_tree.yaml"

# The rule, row by row. own: the node whose row the page shows (None: no row); below: the
# holders shown by the card pages under it; answering: the holders whose row is not silent.
CASES = [
    # (case, own, below, answering, state)
    ("own row, nothing below sets one", "q", {"q"}, {"q"}, SETTLED),
    ("own row, no card page below", "q", set(), {"q"}, SETTLED),
    ("own row, a page below refines it", "q", {"q", "a"}, {"q", "a"}, PARTIAL),
    ("own row, every page below sets its own", "q", {"a", "b"}, {"q", "a", "b"}, PARTIAL),
    ("own row, a page below overrides it with a silent row", "q", {"q", "a"}, {"q"}, PARTIAL),
    ("no row, a page below answers", None, {"a"}, {"a"}, DEPENDS),
    ("no row, some pages below answer, one has no row", None, {None, "a"}, {"a"}, DEPENDS),
    ("no row, the pages below are silent", None, {"a", "b"}, set(), SILENT),
    ("no row, no card page below", None, set(), set(), SILENT),
    ("silent row, a page below answers", "q", {"q", "a"}, {"a"}, DEPENDS),
    ("silent row, only other silent rows below", "q", {"q", "a"}, set(), SILENT),
    ("silent row, inherited by every page below", "q", {"q"}, set(), SILENT),
]


@pytest.mark.parametrize(("own", "below", "answering", "state"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_classify(own: str | None, below: set[str | None], answering: set[str], state: str) -> None:
    assert classify(own, below, lambda holder: holder in answering) == state


def _tree(tmp_path: Path, edits: list[tuple[str, str]]) -> Path:
    """The valid fixture with edits (each old text must be there once), as tree.yaml in tmp_path."""
    text = VALID.read_text(encoding="utf-8")
    for old, new in edits:
        assert text.count(old) == 1, f"{old!r} is not in {VALID.name} once: update this test"
        text = text.replace(old, new)
    path = tmp_path / "tree.yaml"
    path.write_text(text, encoding="utf-8")
    return path


QUOTE = ', cites: [{source: aoai-privacy, quote: "are NOT used to train, retrain, or improve Azure OpenAI Service foundation models"}]'
AOAI_PROCESSING = 'processing: {silent: true, answer: "This source speaks only about training.", fact: aoai-no-training' + QUOTE + "}, "
GLOBAL_PROCESSING = (
    'glance: {processing: {answer: "In any geography where the model is deployed.", fact: aoai-global-location,'
    ' cites: [{source: aoai-privacy, quote: "prompts and responses may be processed in any geography'
    ' where the relevant Azure OpenAI model is deployed"}]}}'
)
STANDARD_FACTS = '    facts: [aoai-no-training]\n    reviewed: "2026-11-23"\n  - id: personal\n'


def _states(path: Path, node: str) -> dict[str, str]:
    return {q: s.kind for q, s in load(path).choice_rows[node].items()}


def test_fixture_question_page() -> None:
    """aoai: training is its own and holds below; Global answers processing; nobody answers the other two."""
    assert _states(VALID, "aoai") == {"training": SETTLED, "processing": DEPENDS, "access": SILENT, "retention": SILENT}


def test_a_settled_row_that_a_page_below_refines_is_partial(tmp_path: Path) -> None:
    path = _tree(tmp_path, [(AOAI_PROCESSING, 'processing: {answer: "Stored in your geography.", fact: aoai-no-training' + QUOTE + "}, ")])
    assert _states(path, "aoai")["processing"] == PARTIAL


def test_silent_rows_below_do_not_make_a_row_depend(tmp_path: Path) -> None:
    """Global's processing row turned silent: no page below answers, so aoai still says the sources do not."""
    path = _tree(tmp_path, [(GLOBAL_PROCESSING, GLOBAL_PROCESSING.replace("{answer:", "{silent: true, answer:"))])
    assert _states(path, "aoai")["processing"] == SILENT


def test_a_question_page_may_leave_out_a_row_its_options_answer(tmp_path: Path) -> None:
    """No processing row on aoai, each answer below has its own: the build passes and the card says it depends."""
    standard = 'glance: {processing: {answer: "In the geography you chose.", fact: aoai-no-training' + QUOTE + "}}\n"
    path = _tree(tmp_path, [(AOAI_PROCESSING, ""), (STANDARD_FACTS, "    " + standard + STANDARD_FACTS)])
    loaded = load(path)
    assert "processing" not in loaded.graph.glance_rows("aoai")
    assert loaded.choice_rows["aoai"]["processing"].kind == DEPENDS
    answers = {row: text for row, text, _ in node_answers(loaded.tree.node("aoai"), loaded.tree, loaded.graph, loaded.choice_rows)}
    assert answers["processing"] == "Depends on the next choice."


def test_a_question_page_must_keep_a_row_nobody_below_answers(tmp_path: Path) -> None:
    """Without aoai's access row nothing says "the sources do not say" there: the build names aoai's line."""
    access = 'access: {silent: true, answer: "This source speaks only about training.", fact: aoai-no-training' + QUOTE + "}, "
    path = _tree(tmp_path, [(access, "")])
    with pytest.raises(TreeError) as caught:
        load(path)
    problems = [p for p in caught.value.problems if "'aoai' states facts" in str(p)]
    assert problems, [str(p) for p in caught.value.problems]
    text = str(problems[0])
    line = next(i for i, row in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if row.strip() == "- id: aoai")
    assert problems[0].where.line == line, text
    assert "has no 'Who can see it' row (access), and no page below it answers that question either" in text
    assert ". Fix: add glance: access:" in text


def test_an_answer_page_still_needs_all_four_rows() -> None:
    """An answer has no next choice: a missing row is an error, and the message does not talk of pages below."""
    with pytest.raises(TreeError) as caught:
        load(FIXTURES / "broken" / "glance_row_missing.yaml")
    text = str(caught.value.problems[0])
    assert "states facts but its At-a-glance card has no 'Who can see it' row (access)" in text
    assert "no page below" not in text


# The real tree: after issue 16, no filler rows on the work and personal pages.

REAL = {
    "work": {"training": PARTIAL, "processing": DEPENDS, "access": DEPENDS, "retention": DEPENDS},
    # third review of 2026-11-28, M4: the video's "yes by default" is the Copilot app's row, not the account's
    "personal": {"training": DEPENDS, "processing": DEPENDS, "access": DEPENDS, "retention": DEPENDS},
    "personal-azure": {"training": PARTIAL, "processing": DEPENDS, "access": DEPENDS, "retention": DEPENDS},
    "aoai": {"training": SETTLED, "processing": PARTIAL, "access": SETTLED, "retention": SETTLED},
}


@pytest.mark.parametrize("node", sorted(REAL))
def test_real_question_pages(node: str) -> None:
    assert _states(REPO / "decision_tree", node) == REAL[node]


@pytest.mark.parametrize(("node", "rows"), [("work", ["training"]), ("personal", [])])
def test_work_and_personal_carry_no_silent_filler_rows(node: str, rows: list[str]) -> None:
    """Audit rows 2, 3 and 6 to 8: the computed "Depends on the product" row replaces them.

    The personal page has no training row either since the third review (M4): the products below answer it differently.
    """
    glance = load(REPO / "decision_tree").tree.node(node).glance
    assert sorted(glance) == rows, sorted(glance)


def test_the_fingerprint_of_a_question_page_includes_what_depends() -> None:
    loaded = load(VALID)
    answers = {row: text for row, text, _ in node_answers(loaded.tree.node("aoai"), loaded.tree, loaded.graph, loaded.choice_rows)}
    assert answers == {
        "training": "No.",
        "processing": "Depends on the next choice. This source speaks only about training.",
        "access": "The sources do not say. This source speaks only about training.",
        "retention": "The sources do not say. This source speaks only about training.",
    }
    # The start page shows no card: its fingerprint carries no rows.
    assert node_answers(loaded.tree.node("account"), loaded.tree, loaded.graph, loaded.choice_rows) == []


def test_card_wording_is_not_part_of_the_fingerprint() -> None:
    """Renaming the axis changes "Depends on the deployment" on the page, not what the page states."""
    loaded = load(VALID)
    node = loaded.tree.node("aoai")
    before = node_fingerprint(node, loaded.tree, loaded.graph, loaded.choice_rows)
    node.axis, node.axis_noun = "Deployment type", "kind of deployment"
    assert node_fingerprint(node, loaded.tree, loaded.graph, loaded.choice_rows) == before


@pytest.mark.parametrize(
    ("axis", "axis_noun", "noun"),
    [
        ("Product", None, "product"),
        ("Deployment", "deployment type", "deployment type"),
        ("Azure service", "Azure service", "Azure service"),
        ("AOAI deployment", None, "AOAI deployment"),
    ],
)
def test_choice_noun(axis: str, axis_noun: str | None, noun: str) -> None:
    node = Node("q", "Title", None, "Which?", axis, {}, [], [], [], None, [], where=None, axis_noun=axis_noun)  # type: ignore[arg-type]
    assert node.choice_noun == noun
