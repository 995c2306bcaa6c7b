"""Old tickets stay true: an answer cannot change without a change entry, and every reader can see it."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from treesite import TreeError, build_site, changelog
from treesite.feed import atom_feed
from treesite.load import load
from treesite.permalinks import read_lock

from tests.helpers import FIXTURES, REAL_FACT_WORDS, REPO, UNLOGGED_EDIT, mkdocs_build, mkdocs_env

ATOM = "{http://www.w3.org/2005/Atom}"
VALID = FIXTURES / "valid_tree.yaml"
OLD_FACT = REAL_FACT_WORDS
NEW_FACT = UNLOGGED_EDIT
# Later than any content_date the real tree will have: the entry is always the newest.
NEW_DATE = "2099-12-01"
ENTRY = f"""
  - date: "{NEW_DATE}"
    pages: [aoai-global]
    summary: The Global answer now says plainly that processing can happen outside the EU.
    why: Readers asked whether Global covers non-EU regions; the aoai-privacy source says any geography.
"""


def _treesite(*args: str) -> subprocess.CompletedProcess[str]:
    env = mkdocs_env() | {"PYTHONPATH": str(REPO / "hooks")}
    return subprocess.run([sys.executable, "-m", "treesite", *args], cwd=REPO, env=env, capture_output=True, text=True, timeout=120)


def _parse_feed(path: Path) -> ET.Element:
    root = ET.fromstring(path.read_bytes())
    assert root.tag == f"{ATOM}feed"
    return root


def test_edited_fact_fails_until_a_change_entry_and_lock_cover_it(tmp_path: Path) -> None:
    tree = shutil.copytree(REPO / "decision_tree", tmp_path / "tree")
    facts = tree / "facts.yaml"
    text = facts.read_text(encoding="utf-8")
    assert OLD_FACT in text
    facts.write_text(text.replace(OLD_FACT, NEW_FACT), encoding="utf-8")

    failed = mkdocs_build(tmp_path / "site1", tree=tree)
    assert failed.returncode != 0
    assert "what a/aoai-global.html states (its answers, facts or notes) changed since published.lock" in failed.stderr
    assert "add a change entry to changes.yaml" in failed.stderr and "make lock" in failed.stderr
    assert "a/aoai-datazone.html" not in failed.stderr, "only the page that states the fact changed"

    lock_before = (tree / "published.lock").read_text(encoding="utf-8")
    records_before = {e.url: e.record for e in read_lock(tree / "published.lock")}
    changes_before = records_before["a/aoai-global.html"].changes
    global_last, datazone_last = records_before["a/aoai-global.html"].last, records_before["a/aoai-datazone.html"].last
    refused = _treesite("lock", str(tree))
    assert refused.returncode == 1
    assert "a/aoai-global.html is new or states something new, and no new change entry covers it" in refused.stderr
    assert (tree / "published.lock").read_text(encoding="utf-8") == lock_before, "a refused lock is unchanged"

    with (tree / "changes.yaml").open("a", encoding="utf-8") as out:
        out.write(ENTRY)
    too_old = mkdocs_build(tmp_path / "site2a", tree=tree)
    content_date = load(tree).tree.site.content_date
    assert f"the change entry of {NEW_DATE} is newer than site: content_date ({content_date})" in too_old.stderr
    nodes = tree / "nodes.yaml"
    bumped = nodes.read_text(encoding="utf-8").replace(f'content_date: "{content_date}"', f'content_date: "{NEW_DATE}"')
    nodes.write_text(bumped, encoding="utf-8")
    not_locked = mkdocs_build(tmp_path / "site2", tree=tree)
    assert not_locked.returncode != 0
    assert "a/aoai-global.html has a new change entry, but published.lock still holds its old record" in not_locked.stderr

    locked = _treesite("lock", str(tree))
    assert locked.returncode == 0, locked.stderr
    record = {e.url: e.record for e in read_lock(tree / "published.lock")}["a/aoai-global.html"]
    assert record is not None and record.changes == changes_before + 1 and record.last == NEW_DATE

    site = tmp_path / "site3"
    passed = mkdocs_build(site, tree=tree)
    assert passed.returncode == 0, passed.stderr
    page = (site / "a" / "aoai-global.html").read_text(encoding="utf-8")
    summary = "The Global answer now says plainly that processing can happen outside the EU."
    assert f'<strong>Last changed:</strong> <time datetime="{NEW_DATE}">{NEW_DATE}</time>: {summary}' in page
    assert page.index(NEW_DATE) < page.index(f'datetime="{global_last}"'), "history is newest first"
    assert f"Last changed: {NEW_DATE}: {summary}" in page, "the ticket text carries the same date"
    other = (site / "a" / "aoai-datazone.html").read_text(encoding="utf-8")
    kept = f'<strong>Last changed:</strong> <time datetime="{datazone_last}">'
    assert kept in other, "a page the edit did not touch keeps its own last change"
    changes = (site / "changes.html").read_text(encoding="utf-8")
    assert changes.index(summary) < changes.index("First published")
    assert '<a href="a/aoai-global.html">Azure OpenAI, Global deployments</a>' in changes

    feed = _parse_feed(site / "feed.xml")
    first = feed.findall(f"{ATOM}entry")[0]
    assert first.findtext(f"{ATOM}title") == f"{NEW_DATE}: {summary}"
    assert first.findtext(f"{ATOM}updated") == f"{NEW_DATE}T12:00:00+00:00"
    assert "https://example.invalid/copilot-data-faq/a/aoai-global.html" in (first.findtext(f"{ATOM}content") or "")
    assert feed.findtext(f"{ATOM}updated") == f"{NEW_DATE}T12:00:00+00:00"


def test_real_feed_parses_with_absolute_links_and_is_advertised(built_site: Path) -> None:
    feed = _parse_feed(built_site / "feed.xml")
    base = "https://example.invalid/copilot-data-faq/"
    assert feed.findtext(f"{ATOM}id") == base + "feed.xml"
    links = {link.get("rel"): link.get("href") for link in feed.findall(f"{ATOM}link")}
    assert links == {"self": base + "feed.xml", "alternate": base + "changes.html"}
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == len(build_site(REPO / "decision_tree").changes) >= 1
    for entry in entries:
        href = entry.find(f"{ATOM}link").get("href")  # type: ignore[union-attr]
        assert href.startswith(base + "changes.html#change-"), href
        anchor = href.split("#", 1)[1]
        assert f'id="{anchor}"' in (built_site / "changes.html").read_text(encoding="utf-8")
    for page in built_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        if "<head>" in html and 'http-equiv="refresh"' not in html:
            assert 'rel="alternate" type="application/atom+xml"' in html, page


def test_feed_is_the_same_bytes_every_time() -> None:
    build = build_site(REPO / "decision_tree")
    one = atom_feed(build.loaded.tree, build.changes, "https://faq.test/", "FAQ", "FAQ editors")
    two = atom_feed(build_site(REPO / "decision_tree").loaded.tree, build.changes, "https://faq.test/", "FAQ", "FAQ editors")
    assert one == two


def test_minor_entry_is_recorded_but_not_shown_as_a_change_of_the_answer(tmp_path: Path) -> None:
    tree = tmp_path / "tree.yaml"
    text = VALID.read_text(encoding="utf-8").replace("../../decision_tree/", str(REPO / "decision_tree") + "/")
    text = text.replace("deployed.\n", "deployed .\n", 1)  # a stray space: a typo fix later
    text = text.replace('content_date: "2026-11-23"', 'content_date: "2026-12-02"')
    text += '  - date: "2026-12-02"\n    pages: [aoai-global]\n    summary: Fixed a stray space.\n    why: Typo.\n    minor: true\n'
    tree.write_text(text, encoding="utf-8")
    shutil.copy(VALID.with_suffix(".lock"), tmp_path / "tree.lock")
    build = build_site(tree)
    assert any("a/aoai-global.html has a new change entry" in str(w) for w in build.warnings), "a minor entry still covers"
    page = build.pages["a/aoai-global.md"]
    assert "Fixed a stray space" not in page
    assert "First published." in page
    changes = build.pages["changes.md"]
    assert "Fixed a stray space." in changes and "(minor correction)" in changes
    feed = ET.fromstring(atom_feed(build.loaded.tree, build.changes, "https://faq.test/", "FAQ", "FAQ editors"))
    assert feed.findall(f"{ATOM}entry")[0].findtext(f"{ATOM}title") == "2026-12-02: Minor correction: Fixed a stray space."


def test_entries_of_one_day_show_the_one_written_last_first(tmp_path: Path) -> None:
    """Five-entry histories hid the newest fixes of a busy day: within a date, the entry written later is the newer."""
    tree = tmp_path / "tree.yaml"
    text = VALID.read_text(encoding="utf-8").replace("../../decision_tree/", str(REPO / "decision_tree") + "/")
    text = text.replace('content_date: "2026-11-23"', 'content_date: "2026-12-02"')
    for n in range(1, 7):
        text += f'  - date: "2026-12-02"\n    pages: [aoai-global]\n    summary: Fix number {n} of the day.\n    why: Review.\n'
    tree.write_text(text, encoding="utf-8")
    loaded = load(tree)
    summaries = [e.change.summary for e in changelog.entries(loaded.tree)]
    assert summaries == [f"Fix number {n} of the day." for n in range(6, 0, -1)] + ["First published."]
    history = changelog.by_node(changelog.entries(loaded.tree))["aoai-global"]
    assert [e.change.summary for e in history[:5]] == [f"Fix number {n} of the day." for n in range(6, 1, -1)]


@pytest.mark.parametrize(
    ("entry", "offset", "message"),
    [
        ('  - date: "2026-02-30"\n    pages: [aoai]\n    summary: S.\n    why: W.\n', 1, "the date 2026-02-30 does not exist"),
        ('  - date: "2026-12-01"\n    pages: [aoai, nowhere]\n    summary: S.\n    why: W.\n', 2, "names the page 'nowhere'"),
        ('  - date: "2026-12-01"\n    pages: [aoai, q/aoai.html]\n    summary: S.\n    why: W.\n', 2, "names 'q/aoai.html' twice"),
        ('  - date: "2026-12-01"\n    pages: [aoai]\n    summary: S.\n', 1, "the required key 'why' is missing"),
    ],
)
def test_bad_change_entries_are_located(tmp_path: Path, entry: str, offset: int, message: str) -> None:
    """offset: the line of the problem counted from the first line of the appended entry (1)."""
    tree = tmp_path / "tree.yaml"
    text = VALID.read_text(encoding="utf-8").replace("../../decision_tree/", str(REPO / "decision_tree") + "/")
    line = text.count("\n") + offset
    tree.write_text(text + entry, encoding="utf-8")
    shutil.copy(VALID.with_suffix(".lock"), tmp_path / "tree.lock")
    with pytest.raises(TreeError) as caught:
        build_site(tree)
    assert any(p.where.line == line and message in p.message for p in caught.value.problems), str(caught.value)


def test_broken_quote_names_the_answer_pages_that_depend_on_it(tmp_path: Path) -> None:
    tree = shutil.copytree(REPO / "decision_tree", tmp_path / "tree")
    source = tree / "sources" / "aoai-privacy.md"
    old = "prompts and responses may be processed in any geography where the relevant Azure OpenAI model is deployed"
    text = source.read_text(encoding="utf-8")
    assert old in text
    source.write_text(text.replace(old, "prompts and responses may be processed in the geographies listed below"), encoding="utf-8")
    with pytest.raises(TreeError) as caught:
        build_site(tree)
    message = next(str(p) for p in caught.value.problems if "aoai-global-processing" in p.message)
    assert "pages that state 'aoai-global-processing': a/aoai-global.html" in message
    assert "add a change entry for those pages" in message


def test_source_page_lists_the_copies_we_cited(tmp_path: Path) -> None:
    tree = shutil.copytree(REPO / "decision_tree", tmp_path / "tree")
    (tree / "sources" / "aoai-privacy").mkdir()
    shutil.copy(tree / "sources" / "aoai-privacy.md", tree / "sources" / "aoai-privacy" / "2026-11-01.md")
    copies = (
        "    copies:\n"
        '      - {key: "2026-11-01", file: sources/aoai-privacy/2026-11-01.md, date: "2024-02-23", adopted: "2026-11-01", '
        'superseded: "2026-11-23"}\n'
    )
    sources = tree / "sources.yaml"
    anchor = "    file: sources/aoai-privacy.md\n"
    text = sources.read_text(encoding="utf-8")
    assert anchor in text
    sources.write_text(text.replace(anchor, anchor + copies, 1), encoding="utf-8")
    page = build_site(tree).pages["s/aoai-privacy.md"]
    block = page.split('<div class="source-copies" id="copies">', 1)[1].split("</div>", 1)[0]
    assert block.index("2024-12-17") < block.index("2024-02-23"), "newest first"
    assert 'superseded on <time datetime="2026-11-23">' in block
    sources.write_text(
        sources.read_text(encoding="utf-8").replace('superseded: "2026-11-23"', 'superseded: "2026-11-20"'), encoding="utf-8"
    )
    with pytest.raises(TreeError) as caught:
        build_site(tree)
    assert "copy 2026-11-01 of source 'aoai-privacy' is superseded on 2026-11-20, but the next copy was adopted on 2026-11-23" in str(
        caught.value
    )


def _records(tmp_path: Path, old: str = "", new: str = "") -> dict[str, str]:
    text = VALID.read_text(encoding="utf-8").replace("../../decision_tree/", str(REPO / "decision_tree") + "/")
    assert old in text
    tmp_path.mkdir()
    tree = tmp_path / "tree.yaml"
    tree.write_text(text.replace(old, new, 1), encoding="utf-8")
    return {url: r.fingerprint for url, r in build_site(tree).records.items()}


@pytest.mark.parametrize(
    ("old", "new", "changed"),
    [
        # what a page states: a fact, inherited by every page below the node that lists it
        (
            "not used to train the foundation models.",
            "not used to train any models.",
            {"q/aoai.html", "a/aoai-global.html", "a/aoai-standard.html"},
        ),
        ('"are NOT used to train, retrain', '"NOT used to train, retrain', {"q/aoai.html", "a/aoai-global.html", "a/aoai-standard.html"}),
        (
            'training: {answer: "No.", fact: aoai-no-training,',
            'training: {answer: "No, never.", fact: aoai-no-training,',
            {"q/aoai.html", "a/aoai-global.html", "a/aoai-standard.html"},
        ),
        # the quote under an At-a-glance row: a ticket pastes it beside the sentence
        (
            'fact: aoai-global-location, cites: [{source: aoai-privacy, quote: "prompts and responses may',
            'fact: aoai-global-location, cites: [{source: aoai-privacy, quote: "may',
            {"a/aoai-global.html"},
        ),
        ("    notes: [video-only]\n", "", {"a/personal.html"}),
        # page chrome and search aids are not statements
        ("title: Azure OpenAI, Global deployment", "title: Azure OpenAI, Global deployments", set()),
        ("keywords: [data zone, residency]", "keywords: [data zone]", set()),
        ('reviewed: "2026-11-23"\n  - id: aoai-standard', 'reviewed: "2026-11-24"\n  - id: aoai-standard', set()),
        ("text: Prompts and completions are not used", "text: >-\n      Prompts and completions\n      are not used", set()),
    ],
)
def test_fingerprint_covers_answers_facts_and_notes_only(tmp_path: Path, old: str, new: str, changed: set[str]) -> None:
    before = _records(tmp_path / "before")
    after = _records(tmp_path / "after", old, new)
    assert {url for url in before if before[url] != after[url]} == changed
