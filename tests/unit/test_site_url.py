"""Permanent links point at the real host: SITE_URL overrides mkdocs.yml, and publishing refuses the placeholder."""

from __future__ import annotations

import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from treesite.siteurl import SiteUrlError, public_url, publish_problem

from tests.helpers import MKDOCS, REPO, mkdocs_env

CONFIGURED = "https://example.invalid/copilot-data-faq/"


def _build(site: Path, **env: str) -> subprocess.CompletedProcess[str]:
    cmd = [MKDOCS, "build", "--strict", "--site-dir", str(site)]
    return subprocess.run(cmd, cwd=REPO, env=mkdocs_env() | env, capture_output=True, text=True, timeout=300)


def test_site_url_from_environment_wins_and_gets_a_trailing_slash() -> None:
    assert public_url("https://faq.contoso.com/copilot", CONFIGURED) == "https://faq.contoso.com/copilot/"
    assert public_url("", CONFIGURED) == CONFIGURED
    assert public_url(None, CONFIGURED) == CONFIGURED


@pytest.mark.parametrize("bad", ["faq.contoso.com/x/", "javascript:alert(1)", "ftp://faq.contoso.com/", "https://faq.contoso.com/?a=1"])
def test_a_site_url_that_is_not_a_web_address_is_refused(bad: str) -> None:
    with pytest.raises(SiteUrlError, match=r"SITE_URL is .* which is not a web address\. Fix: "):
        public_url(bad, CONFIGURED)


def test_publishing_refuses_placeholders_and_plain_http() -> None:
    assert "a placeholder" in (publish_problem(CONFIGURED) or "")
    assert "a placeholder" in (publish_problem("https://docs.example.com/") or "")
    assert "a placeholder" in (publish_problem("") or "")
    assert "not https" in (publish_problem("http://faq.contoso.com/") or "")
    assert publish_problem("https://faq.contoso.com/copilot/") is None


def test_build_with_site_url_puts_it_in_permalinks_ticket_text_feed_and_sitemap(tmp_path: Path) -> None:
    site = tmp_path / "site"
    result = _build(site, SITE_URL="https://faq.contoso.com/copilot", PUBLISH="1")
    assert result.returncode == 0, result.stderr
    page = (site / "a" / "aoai-global.html").read_text(encoding="utf-8")
    assert "<code>https://faq.contoso.com/copilot/a/aoai-global.html</code>" in page
    assert "Permanent link: https://faq.contoso.com/copilot/a/aoai-global.html" in page
    assert '<link rel="canonical" href="https://faq.contoso.com/copilot/a/aoai-global.html">' in page
    assert "example.invalid" not in page
    feed = ET.fromstring((site / "feed.xml").read_bytes())
    assert feed.findtext("{http://www.w3.org/2005/Atom}id") == "https://faq.contoso.com/copilot/feed.xml"
    assert "<loc>https://faq.contoso.com/copilot/a/aoai-global.html</loc>" in (site / "sitemap.xml").read_text(encoding="utf-8")


def test_publish_build_refuses_the_placeholder_before_touching_the_site(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("previous good build", encoding="utf-8")
    result = _build(site, PUBLISH="1")
    assert result.returncode != 0
    assert "Not publishing: the site address is https://example.invalid/copilot-data-faq/, a placeholder" in result.stderr
    assert "SITE_URL=https://your.host/path/ make publish" in result.stderr
    assert (site / "index.html").read_text(encoding="utf-8") == "previous good build"
