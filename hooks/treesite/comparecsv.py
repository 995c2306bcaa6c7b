"""The compare table as a CSV file: what legal teams paste into vendor-assessment spreadsheets.

Why a file of its own: copying the compare page's HTML table into a spreadsheet
loses the quotes and the links, and mangles the "sources disagree" marks. The
file carries the same rows as the page (views/compare.compare_rows, the cards'
own view builders), one row per answer page, and for each of the four questions
the answer, whether the sources disagree (and on what), the key quotes, their
sources' titles and publisher addresses, and our page's permanent link.

Written for Excel and LibreOffice:
- UTF-8 with a byte-order mark, or Excel reads the curly quotes as Windows-1252;
- CRLF between records (RFC 4180); every cell quoted, so a line break inside a
  cell (a row with two quotes) stays in its cell;
- no cell can start a formula. Tree text is untrusted (MAINTAINING.md, "Threat model"):
  a cell beginning with = + - @, a tab or a carriage return (or their full-width
  forms) gets a leading apostrophe, as the OWASP guidance on CSV injection says.
  Spreadsheets show the apostrophe-prefixed text as text.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from .render import CompareRow, GlanceView, Renderer, path_text
from .text import plain

__all__ = ["FORMULA_STARTS", "SILENT", "compare_csv", "header", "rows", "safe_cell"]

# OWASP "CSV Injection": = + - @ tab CR; the full-width forms, which some spreadsheets read as the same.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
SILENT = "The sources do not say."
IN_CELL = "\n"  # between the quotes of one row inside a cell: the line break Excel and LibreOffice use there
COLUMNS = ("answer", "sources disagree", "disagreement", "key quote", "source", "source URL", "link")


def safe_cell(value: str) -> str:
    """The value, with a leading apostrophe when a spreadsheet would read it as a formula.

    Leading spaces are looked through: some spreadsheets trim them on import.
    """
    return "'" + value if value.lstrip(" ").startswith(FORMULA_STARTS) else value


def header(renderer: Renderer) -> list[str]:
    """Answer page, path, then seven columns per glance question, named by its label ("Training: answer")."""
    return ["Answer page", "Path"] + [f"{q.label}: {c}" for q in renderer.tree.site.glance for c in COLUMNS]


def _answer(g: GlanceView) -> str:
    """The row's sentence as the card and the ticket text give it: silent rows say so first."""
    return f"{SILENT} {plain(g.row.answer)}" if g.row.silent else plain(g.row.answer)


def _cells(g: GlanceView | None, permalink: str) -> list[str]:
    if g is None:  # checks.py refuses an answer page without all four rows; kept total for other trees
        return [SILENT, "no", "", "", "", "", permalink]
    return [
        _answer(g),
        "yes" if g.conflict else "no",
        plain(g.conflict.title) if g.conflict else "",
        # One line per quote; the source and address cells have a line for each quote, in the same order.
        IN_CELL.join(f"\u201c{plain(c.quote)}\u201d" for c in g.cites),
        IN_CELL.join(plain(c.source.title) for c in g.cites),
        IN_CELL.join(c.source.url for c in g.cites),
        f"{permalink}#glance-{g.question.id}",
    ]


def _row(renderer: Renderer, r: CompareRow) -> list[str]:
    path = path_text(r.paths)  # every path that leads there, as the ticket text gives them
    permalink = renderer.permalink(r.node)
    by_question = {g.question.id: g for g in r.cells}
    out = [plain(r.node.title), path]
    for q in renderer.tree.site.glance:
        out += _cells(by_question.get(q.id), permalink)
    return out


def rows(renderer: Renderer) -> list[list[str]]:
    """The header and a row per answer page, before any cell is made safe (tests compare these with the cards)."""
    return [header(renderer)] + [_row(renderer, r) for r in renderer.compare_rows()]


def _write(table: Iterable[list[str]]) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, dialect="excel", quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    for line in table:
        writer.writerow([safe_cell(cell) for cell in line])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def compare_csv(renderer: Renderer) -> bytes:
    """The file's bytes: BOM, UTF-8, CRLF records, every cell quoted and safe from formulas."""
    return _write(rows(renderer))
