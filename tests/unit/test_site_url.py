"""Permanent links point at the real host: SITE_URL overrides mkdocs.yml, and publishing refuses the placeholder."""

from __future__ import annotations

import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
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


@pytest.mark.parametrize(
    ("address", "published_as"),
    [
        ("https://faq.contoso.org/~legal/copilot-faq/", "https://faq.contoso.org/~legal/copilot-faq/"),
        ("https://faq.contoso.org/copilot%20faq/", "https://faq.contoso.org/copilot%20faq/"),
        ("https://faq.contoso.org/copilot+faq/v2", "https://faq.contoso.org/copilot+faq/v2/"),
        ("https://faq.contoso.org/a!$&'()*,;=:@b/", "https://faq.contoso.org/a!$&'()*,;=:@b/"),
        ("https://FAQ.Contoso.org:8443/faq/", "https://faq.contoso.org:8443/faq/"),
        ("https://faq.contoso.org", "https://faq.contoso.org/"),
        ("https://faq.contoso.org/königin/", "https://faq.contoso.org/k%C3%B6nigin/"),
        ("http://127.0.0.1:8000/copilot-data-faq/", "http://127.0.0.1:8000/copilot-data-faq/"),
        ("http://localhost:8000/", "http://localhost:8000/"),
        ("http://[::1]:8000/", "http://[::1]:8000/"),
    ],
)
def test_every_address_rfc_3986_allows_is_accepted(address: str, published_as: str) -> None:
    assert public_url(address, CONFIGURED) == published_as


@pytest.mark.parametrize(
    ("bad", "words"),
    [
        ('https://x.example/"><script>alert(1)</script>', "the character '\"' (U+0022) at position 19"),
        ('https://x.example/"><script>alert(1)</script>', "it would end the HTML attribute"),
        ("https://x.example/a<b/", "'<' (U+003C)"),
        ("https://x.example/a>b/", "'>' (U+003E)"),
        ("https://x.example/a b/", "' ' (U+0020)"),
        ("https://x.example/a\\b/", "'\\\\' (U+005C)"),
        ("https://x.example/a`b/", "'`' (U+0060)"),
        ("https://x.example/a{b}/", "RFC 3986 does not allow it in a URL path"),
        ("https://x.example/a|b/", "'|' (U+007C)"),
        ("https://x.example/a^b/", "'^' (U+005E)"),
        ("https://x.example/a\x01b/", "it is a control character"),
        ("https://x.example/a%zzb/", "is not followed by two hexadecimal digits"),
        ("https://x.example/?a=1", "a query (?...) cannot be part"),
        ("https://x.example/#top", "a fragment (#...) cannot be part"),
        ("https://user@x.example/", "it holds a user name"),
        ("https://x_y.example/", "which no host name may hold"),
        ("https://bücher.example/", "xn--bcher-kva.example"),
        ("http://faq.contoso.com/", "the scheme is http:"),
        ("ftp://faq.contoso.com/", "the scheme is ftp:"),
        ("javascript:alert(1)", "it is not an absolute address"),
        ("faq.contoso.com/x/", "it is not an absolute address"),
        ("https:///path/", "it is not an absolute address"),
        ("https://x.example:99999/", "it cannot be read as an address"),
    ],
)
def test_a_site_url_with_a_character_rfc_3986_refuses_is_refused_with_the_character_and_why(bad: str, words: str) -> None:
    with pytest.raises(SiteUrlError) as caught:
        public_url(bad, CONFIGURED)
    message = str(caught.value)
    assert message.startswith(f"SITE_URL is {bad!r}: ")
    assert words in message and ". Fix: " in message


def test_the_configured_address_is_checked_the_same_way() -> None:
    with pytest.raises(SiteUrlError, match=r"^site_url in mkdocs\.yml is .*'\"' \(U\+0022\)"):
        public_url(None, 'https://x.example/"onload="x/')


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


def test_publish_accepts_tilde_space_and_plus_in_the_path(tmp_path: Path) -> None:
    """Valid addresses publish: the scan's idea of the theme's base path is every character RFC 3986 allows."""
    site = tmp_path / "site"
    address = "https://faq.contoso.org/~legal/copilot%20faq+v2/"
    result = _build(site, SITE_URL=address, PUBLISH="1")
    assert result.returncode == 0, result.stderr[-3000:]
    page = (site / "a" / "aoai-global.html").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{address}a/aoai-global.html">' in page
    # No page carries the address's path in a script any more (404.html is relative too, hooks/error_page.py);
    # test_the_theme_scripts_come_from_the_theme_files checks that the scan would accept it.
    assert '__md_scope=new URL(".",location)' in (site / "404.html").read_text(encoding="utf-8")
    assert f"<loc>{address}a/aoai-global.html</loc>" in (site / "sitemap.xml").read_text(encoding="utf-8")
    feed = ET.fromstring((site / "feed.xml").read_bytes())
    assert feed.findtext("{http://www.w3.org/2005/Atom}id") == f"{address}feed.xml"


def test_an_address_that_would_inject_markup_is_refused_before_the_site_is_touched(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("previous good build", encoding="utf-8")
    result = _build(site, SITE_URL='https://x.example/"><script>alert(1)</script>', PUBLISH="1")
    assert result.returncode != 0
    assert "the character '\"' (U+0022) at position 19 is not allowed in an address" in result.stderr
    assert "executable thing" not in result.stderr, "refused when read, not by luck in the scan"
    assert sorted(p.name for p in site.iterdir()) == ["index.html"]


def _scan_config(site: Path) -> MkDocsConfig:
    return load_config(str(REPO / "mkdocs.yml"), site_dir=str(site))


def test_the_scan_never_learns_known_scripts_from_a_built_page(tmp_path: Path) -> None:
    """A script in a built page (404.html once carried the base path) is still unknown to the scan."""
    import safe_output

    site = tmp_path / "site"
    site.mkdir()
    injected = '<script>__md_scope=new URL("/x/",location);alert(1)</script>'
    for name in ("404.html", "index.html"):
        (site / name).write_text(f"<!doctype html><html><head>{injected}</head><body></body></html>", encoding="utf-8")
    with pytest.raises(PluginError, match=r"index\.html: line 1: unknown inline <script> .*alert\(1\)"):
        safe_output.on_post_build(_scan_config(site))


def test_the_theme_scripts_come_from_the_theme_files(tmp_path: Path) -> None:
    """The known scripts match what the theme writes for any RFC 3986 base path, and nothing with a quote in it."""
    import safe_output

    known = safe_output.theme_scripts(_scan_config(tmp_path / "site").theme.dirs)
    import material

    base = Path(material.__file__).parent / "templates" / "partials" / "javascripts" / "base.html"
    script = base.read_text(encoding="utf-8").split("<script>", 1)[1].split("</script>", 1)[0]
    scope = "{{ config.extra.scope | d(base_url) }}"
    assert scope in script, "Material changed its base script: update this test"
    for path in ("..", ".", "/~legal/copilot%20faq+v2/", "/a!$&'()*,;=:@b/"):
        assert script.replace(scope, path) in known
    for path in ('/x/",location);alert(1);("', "/x/</script><script>alert(1)//"):
        assert script.replace(scope, path) not in known


def test_mkdocs_serve_may_use_http_on_any_dev_address_but_site_url_may_not() -> None:
    """`mkdocs serve -a 192.168.1.5:8000` sets site_url to its own http:// address; SITE_URL stays https only."""
    assert public_url(None, "http://192.168.1.5:8000/copilot-data-faq/", serving=True) == "http://192.168.1.5:8000/copilot-data-faq/"
    assert public_url(None, "http://0.0.0.0:8000/copilot-data-faq/") == "http://0.0.0.0:8000/copilot-data-faq/"
    with pytest.raises(SiteUrlError, match="the scheme is http:"):
        public_url(None, "http://192.168.1.5:8000/copilot-data-faq/")
    with pytest.raises(SiteUrlError, match="the scheme is http:"):
        public_url("http://192.168.1.5:8000/", CONFIGURED, serving=True)
