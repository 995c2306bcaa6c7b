"""Write what the Node tests of ticket-match.js read: the real tree's ticket data and the ticket sets, as JSON.

Why a script: the JavaScript tests must read the data the build writes
(hooks/treesite/ticketdata.py) from the tree in decision_tree/, never a copy kept in
the repository that could drift; and Node has no YAML reader, so the ticket sets
(tests/tickets.yaml, tests/ticket_cases.yaml, tests/js/ticket_reading.yaml) are
passed on as JSON too. tests/js/tree.js runs it when the tests start.

    .venv/bin/python tests/js/write_ticket_data.py OUT.json [TREE_DIR]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "hooks"))

from treesite.load import load  # noqa: E402
from treesite.ticketdata import ticket_data  # noqa: E402


def _text(raw: str) -> str:
    return " ".join(raw.split())


def ticket_sets() -> dict[str, list[dict[str, Any]]]:
    """Every ticket set as {id, text, expect, ...}: expect lists the pages that count as right first."""
    tickets = yaml.safe_load((REPO / "tests" / "tickets.yaml").read_text(encoding="utf-8"))
    cases = yaml.safe_load((REPO / "tests" / "ticket_cases.yaml").read_text(encoding="utf-8"))
    reading = yaml.safe_load((REPO / "tests" / "js" / "ticket_reading.yaml").read_text(encoding="utf-8"))
    return {
        "tickets": [{"id": t["id"], "text": _text(t["ticket"]), "expect": [t["expect_page"]]} for t in tickets],
        "cases": [{**c, "text": _text(c["text"])} for c in cases],
        # Newlines kept: the reader's quotations (lines starting with ">") and sentences depend on them.
        "reading": reading,
    }


def main(argv: list[str]) -> int:
    if not 1 <= len(argv) <= 2:
        print(__doc__, file=sys.stderr)
        return 2
    tree = Path(argv[1]) if len(argv) > 1 else REPO / "decision_tree"
    bundle = {"data": ticket_data(load(tree)), "sets": ticket_sets()}
    Path(argv[0]).write_text(json.dumps(bundle), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
