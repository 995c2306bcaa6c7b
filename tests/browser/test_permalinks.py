"""Permanent links: a URL pasted into a ticket keeps working after nodes are renamed or retired.

Why: tickets are read months after they were answered. A page's URL is built
from its node id only, decision_tree/published.lock lists every URL ever
published, and a build that would drop one fails unless the tree says where it
went: a redirect (renamed node) or a retired page (withdrawn answer). These
tests check that promise where it matters, in the browser: the old URL of a
renamed node lands on the new page, and a retired URL says what happened.
"""

from __future__ import annotations

import copy
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from playwright.sync_api import Browser, Page, expect
from treesite import build_site
from treesite.permalinks import read_lock

from tests.browser.treepages import page_of, real_tree
from tests.helpers import FIXTURES, REPO, mkdocs_build, serve_folder

FIXTURE = FIXTURES / "valid_tree.yaml"
RETIRED_DATE = "2026-11-20"
RETIRED_REASON = "Global deployments are now covered on the Azure OpenAI page."


# (a) URLs come from ids; every locked URL exists --------------------------------------------


@pytest.mark.parametrize("node_id", real_tree().graph.order)
def test_page_url_is_built_from_the_node_id(page: Page, site_url: str, node_id: str) -> None:
    """q/<id>.html for a question, a/<id>.html for an answer (the start node is the front page)."""
    loaded = real_tree()
    node = loaded.tree.node(node_id)
    expected = "index.html" if node_id == loaded.tree.start else f"{'q' if node.options else 'a'}/{node_id}.html"
    assert page_of(loaded, node_id) == expected
    response = page.goto(site_url + expected)
    assert response is not None and response.ok, f"{expected}: HTTP {response and response.status}"
    assert page.locator("article h1").inner_text().strip() == " ".join(node.title.split())
    permalink = page.locator(".permalink code")
    if loaded.graph.effective_facts(node_id):
        assert permalink.inner_text().strip().endswith("/" + expected), "the permanent link shown is not the id URL"


def test_no_other_tree_pages_exist(built_site: Path) -> None:
    """Every page under q/ and a/ belongs to a node, a redirect or a retired entry: no stray URL to go stale."""
    tree = real_tree().tree
    expected = {page_of(real_tree(), n) for n in real_tree().graph.order} - {"index.html"}
    expected |= {r.from_url for r in tree.redirects} | {r.url for r in tree.retired}
    found = {str(p.relative_to(built_site)) for d in ("q", "a") for p in (built_site / d).glob("*.html")}
    assert found == expected


def test_every_locked_url_exists_in_the_built_site(built_site: Path) -> None:
    """Each URL in published.lock is a file of the strict build (a page, a redirect or a retired page)."""
    lock = REPO / "decision_tree" / "published.lock"
    assert lock.is_file(), "decision_tree/published.lock is missing: run `make lock`"
    urls = [e.url for e in read_lock(lock)]
    assert len(urls) >= len(real_tree().graph.order), "the lock lists fewer URLs than the tree has pages"
    missing = [u for u in urls if not (built_site / u).is_file()]
    assert not missing, f"published URLs the site no longer serves: {missing}"


# (b) Rename and retire, on a copy of the valid fixture ----------------------------------------


def fixture_copy(dest: Path) -> tuple[Path, dict[str, Any]]:
    """valid_tree.yaml's data with its sources copied beside dest, and its lock as dest/tree.lock.

    A lone-file fixture reads its ``file:`` paths from the repository's tree
    folder; the copy gets its own sources/ folder, so the temp tree stands on its own.
    """
    data = yaml.safe_load(FIXTURE.read_text(encoding="utf-8"))
    (dest / "sources").mkdir(parents=True)
    for source in data["sources"]:
        original = REPO / "decision_tree" / source["file"]
        shutil.copy(original, dest / "sources" / original.name)
        source["file"] = f"sources/{original.name}"
    shutil.copy(FIXTURE.with_suffix(".lock"), dest / "tree.lock")
    return dest / "tree.yaml", data


def _node(data: dict[str, Any], node_id: str) -> dict[str, Any]:
    found = [n for n in data["nodes"] if n["id"] == node_id]
    assert len(found) == 1, f"the fixture has no single node {node_id!r}"
    return found[0]


def rename_standard(data: dict[str, Any], *, redirect: bool) -> dict[str, Any]:
    """Node aoai-standard becomes aoai-regional, optionally with the redirect entry the lock requires."""
    data = copy.deepcopy(data)
    _node(data, "aoai-standard")["id"] = "aoai-regional"
    for node in data["nodes"]:
        for option in node.get("options", []):
            if option["to"] == "aoai-standard":
                option["to"] = "aoai-regional"
    if redirect:
        data["redirects"] = [{"from": "a/aoai-standard.html", "to": "aoai-regional"}]
    return data


def retire_global(data: dict[str, Any], *, retired_entry: bool) -> dict[str, Any]:
    """Node aoai-global and its option go, optionally with the retired entry the lock requires.

    A question needs two options, so a DataZone answer takes Global's place.
    """
    data = copy.deepcopy(data)
    data["nodes"] = [n for n in data["nodes"] if n["id"] != "aoai-global"]
    aoai = _node(data, "aoai")
    aoai["options"] = [o for o in aoai["options"] if o["to"] != "aoai-global"]
    aoai["options"].insert(0, {"label": "DataZone", "to": "aoai-datazone"})
    data["nodes"].append(
        {"id": "aoai-datazone", "title": "Azure OpenAI, DataZone deployment", "facts": ["aoai-no-training"], "reviewed": "2026-11-23"}
    )
    if retired_entry:
        data["retired"] = [
            {
                "url": "a/aoai-global.html",
                "title": "Azure OpenAI, Global deployment",
                "date": RETIRED_DATE,
                "reason": RETIRED_REASON,
                "instead": "aoai",
            }
        ]
    return data


def write_tree(path: Path, data: dict[str, Any]) -> Path:
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


@dataclass(frozen=True)
class ChangedSite:
    url: str
    tree: Path


@pytest.fixture(scope="module")
def changed_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ChangedSite]:
    """The fixture with aoai-standard renamed (with redirect) and aoai-global retired, built and served.

    strict=False: the new pages (a/aoai-regional.html, a/aoai-datazone.html)
    are not in the lock yet, which is a warning until `make lock`.
    """
    work = tmp_path_factory.mktemp("changed")
    tree, data = fixture_copy(work / "tree")
    write_tree(tree, retire_global(rename_standard(data, redirect=True), retired_entry=True))
    site = work / "site"
    result = mkdocs_build(site, tree=tree, strict=False)
    assert result.returncode == 0, f"the renamed-and-retired tree must build:\n{result.stderr}"
    with serve_folder(site) as url:
        yield ChangedSite(url, tree)


def test_changed_tree_warns_that_new_pages_are_not_locked(changed_site: ChangedSite) -> None:
    """Why the fixture builds with strict=False: the new URLs are not in the lock yet, a warning until `make lock`."""
    unlocked = [w.message for w in build_site(changed_site.tree).warnings if "published.lock" in w.message]
    assert any("a/aoai-regional.html" in m for m in unlocked), unlocked
    assert not any("aoai-standard" in m or "aoai-global" in m for m in unlocked), unlocked


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_renamed_node_old_url_lands_on_new_page(chromium_browser: Browser, changed_site: ChangedSite, javascript: bool) -> None:
    """A ticket's old link a/aoai-standard.html opens a/aoai-regional.html, with or without scripts."""
    context = chromium_browser.new_context(java_script_enabled=javascript)
    try:
        page = context.new_page()
        page.goto(changed_site.url + "a/aoai-standard.html")
        page.wait_for_url(changed_site.url + "a/aoai-regional.html")
        expect(page.locator("article h1")).to_have_text("Azure OpenAI, Standard deployment")
        expect(page.locator(".permalink code")).to_have_text(re.compile(r"/a/aoai-regional\.html$"))
    finally:
        context.close()


def test_retired_url_says_when_and_where_to_go(page: Page, changed_site: ChangedSite) -> None:
    """a/aoai-global.html still answers: it was retired, on which date, why, and a link to the replacement."""
    response = page.goto(changed_site.url + "a/aoai-global.html")
    assert response is not None and response.ok
    text = " ".join(page.locator("article").inner_text().split())
    assert "retired" in text.lower()
    assert RETIRED_DATE in text
    assert RETIRED_REASON in text
    instead = page.locator("article a", has_text="Azure OpenAI in Foundry")
    assert instead.count() == 1, "the retired page must link to the replacement by its title"
    instead.click()
    page.wait_for_url(changed_site.url + "q/aoai.html")
    expect(page.locator("article h1")).to_have_text("Azure OpenAI in Foundry")  # instant navigation swaps it in after the URL


# change → the URL and the id the failed build must name
MISSING_ENTRY: list[tuple[str, str, str]] = [
    ("renamed without redirect", "a/aoai-standard.html", "'aoai-standard'"),
    ("removed without retired entry", "a/aoai-global.html", "'aoai-global'"),
]


@pytest.mark.parametrize(("case", "url", "node_id"), MISSING_ENTRY, ids=[c[0] for c in MISSING_ENTRY])
def test_dropping_a_published_url_fails_the_build(tmp_path: Path, case: str, url: str, node_id: str) -> None:
    """Even without --strict, a locked URL that nothing produces stops the build and names it."""
    tree, data = fixture_copy(tmp_path / "tree")
    changed = rename_standard(data, redirect=False) if "renamed" in case else retire_global(data, retired_entry=False)
    write_tree(tree, changed)
    result = mkdocs_build(tmp_path / "site", tree=tree, strict=False)
    output = result.stdout + result.stderr
    assert result.returncode != 0, f"{case}: the build succeeded:\n{output}"
    assert url in output, output
    assert node_id in output, output
