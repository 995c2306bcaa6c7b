"""The real site as shipped: strict build, links, determinism, and what every answer carries."""

from __future__ import annotations

import filecmp
import re
import subprocess
import sys
from pathlib import Path

from mkdocs.config import load_config
from treesite.load import load

from tests.helpers import REPO, mkdocs_build, mkdocs_env

sys.path.insert(0, str(REPO / "scripts"))
from check_links import check_site


def _base_path() -> str:
    config = load_config(str(REPO / "mkdocs.yml"))
    from urllib.parse import urlsplit

    return urlsplit(config.site_url or "/").path or "/"


def test_no_broken_link_or_anchor(built_site: Path) -> None:
    assert check_site(built_site, _base_path()) == []


def test_two_builds_are_byte_identical(built_site: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    result = mkdocs_build(again)
    assert result.returncode == 0, result.stderr
    left = sorted(p.relative_to(built_site) for p in built_site.rglob("*") if p.is_file())
    right = sorted(p.relative_to(again) for p in again.rglob("*") if p.is_file())
    assert left == right
    different = [str(p) for p in left if not filecmp.cmp(built_site / p, again / p, shallow=False)]
    assert different == []
    assert (built_site / "search" / "search_index.json").is_file()


def test_every_answer_has_card_citation_and_ticket_block(built_site: Path) -> None:
    answers = sorted((built_site / "a").glob("*.html"))
    assert len(answers) >= 9
    for page in answers:
        html = page.read_text(encoding="utf-8")
        assert '<table class="glance" id="at-a-glance">' in html, page.name
        for question in ("training", "processing", "access", "retention"):
            assert f'<tr id="glance-{question}"' in html, (page.name, question)
        assert re.search(r'class="cite-link" href="\.\./s/[a-z-]+\.html#w-[a-z0-9-]+"', html), page.name
        assert '<details class="ticket">' in html, page.name
        assert "Last reviewed:" in html, page.name


def test_sitemap_date_comes_from_the_tree(built_site: Path) -> None:
    sitemap = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    content_date = load(REPO / "decision_tree").tree.site.content_date
    assert set(re.findall(r"<lastmod>([^<]+)</lastmod>", sitemap)) == {content_date}


def test_cli_writes_the_same_pages_the_hook_builds(built_site: Path, tmp_path: Path) -> None:
    out = tmp_path / "pages"
    env = mkdocs_env() | {"PYTHONPATH": str(REPO / "hooks")}
    result = subprocess.run(
        [sys.executable, "-m", "treesite", "pages", "decision_tree", str(out)], cwd=REPO, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    written = sorted(str(p.relative_to(out).with_suffix(".html")) for p in out.rglob("*.md"))
    assert written
    for page in written:
        assert (built_site / page).is_file(), page


def test_a_build_writes_nothing_into_docs(tmp_path: Path) -> None:
    """Generated pages live only in memory (File.generated); docs/ must look the same after a build."""

    def snapshot() -> dict[str, tuple[int, int]]:
        return {str(p.relative_to(REPO)): (p.stat().st_size, p.stat().st_mtime_ns) for p in (REPO / "docs").rglob("*")}

    before = snapshot()
    result = mkdocs_build(tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert snapshot() == before
    assert not (REPO / "docs" / "index.md").exists()
