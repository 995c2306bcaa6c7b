"""Real support tickets, answered by clicking: the clicks reach the right page and it says what it must.

Why: tests/tickets.yaml holds tickets as they arrive, the option labels a
support engineer would click for each, the page they should land on and the
sentences the answer must contain word for word. If an edit to the tree moves
an answer or drops a sentence a ticket depends on, this fails by ticket id.
"""

from __future__ import annotations

from pathlib import Path
from typing import TypedDict

import pytest
import yaml
from playwright.sync_api import Page

from tests.browser.treepages import open_by_clicks, site_path
from tests.helpers import REPO

TICKETS = REPO / "tests" / "tickets.yaml"
MIN_TICKETS = 5


class Ticket(TypedDict):
    id: str
    ticket: str
    clicks: list[str]
    expect_page: str
    must_state: list[str]


def load_tickets(path: Path = TICKETS) -> list[Ticket]:
    """Read and shape-check the tickets, so a typo in the file fails loudly instead of testing nothing."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, list), f"{path} must be a list of tickets"
    for entry in data:
        assert set(entry) == set(Ticket.__annotations__), f"{path}: ticket {entry.get('id')!r} has keys {sorted(entry)}"
        assert entry["clicks"] and all(isinstance(c, str) and c for c in entry["clicks"]), entry["id"]
        assert entry["must_state"] and all(isinstance(m, str) and m for m in entry["must_state"]), entry["id"]
        assert entry["expect_page"].endswith(".html"), entry["id"]
    return data


def test_ticket_file_is_usable() -> None:
    """Enough tickets, unique ids: parametrizing over an empty or duplicated list would prove nothing."""
    tickets = load_tickets()
    ids = [t["id"] for t in tickets]
    assert len(ids) >= MIN_TICKETS
    assert len(set(ids)) == len(ids), f"duplicate ticket ids: {sorted(i for i in ids if ids.count(i) > 1)}"


def _normal(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("ticket", load_tickets(), ids=lambda t: t["id"])
def test_ticket_is_answered_by_clicking(page: Page, site_url: str, ticket: Ticket) -> None:
    """From the start page, click the ticket's labels; land on expect_page; every must_state is visible there."""
    steps = open_by_clicks(page, site_url + "index.html", ticket["clicks"])
    landed = site_path(steps[-1].url, site_url)
    assert landed == ticket["expect_page"], f"clicks {ticket['clicks']} reached {landed}"
    assert page.url.endswith(ticket["expect_page"])
    visible = _normal(page.locator("article").inner_text())
    missing = [text for text in ticket["must_state"] if _normal(text) not in visible]
    assert not missing, f"{landed} does not show: {missing}"
