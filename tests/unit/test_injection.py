"""Issue 12, class 1: no tree text can put a script, an event handler or a redirect on the site.

Each injection example is built twice: by the core (fast, every detail) and by
a real `mkdocs build --strict`, whose pages are then scanned and read back.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest
import safe_output
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError
from treesite import TreeError, build_site, csp, htmlscan
from treesite.sourcehtml import source_block_html
from treesite.text import html_inline
from treesite.urls import url_problem

from tests.helpers import REPO, mkdocs_build
from tests.injection import CASES, Case, meta_contents, shows, title_text, write_tree

LOCATED = re.compile(r"^\S+\.(yaml|md):\d+: .+\. Fix: .+", re.MULTILINE)
BUILT = [c for c in CASES if not c.rejected]


def theme_dirs() -> list[str]:
    """The theme's template folders, where the scan reads the theme's own inline scripts."""
    return load_config(str(REPO / "mkdocs.yml")).theme.dirs


def _tree(case: Case, tmp_path: Path) -> Path:
    return write_tree(case.edit, tmp_path / "tree", case.source_tail)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every accepted case, built with `mkdocs build --strict` (the hook scans and adds the CSP)."""
    sites = {}
    for case in BUILT:
        root = tmp_path_factory.mktemp(case.name)
        tree = write_tree(case.edit, root / "tree", case.source_tail)
        result = mkdocs_build(root / "site", tree=tree)
        assert result.returncode == 0, f"{case.name}: build failed:\n{result.stderr[-3000:]}"
        sites[case.name] = root / "site"
    return sites


@pytest.mark.parametrize("case", [c for c in CASES if c.rejected], ids=lambda c: c.name)
def test_hostile_input_is_rejected_with_file_line_and_fix(case: Case, tmp_path: Path) -> None:
    with pytest.raises(TreeError) as err:
        build_site(_tree(case, tmp_path))
    assert case.rejected in str(err.value)
    assert LOCATED.search(str(err.value)), str(err.value)


@pytest.mark.parametrize("case", BUILT, ids=lambda c: c.name)
def test_built_page_is_inert_and_shows_the_text_as_typed(case: Case, built: dict[str, Path]) -> None:
    site = built[case.name]
    known = safe_output.theme_scripts(theme_dirs())
    pages = [(str(p.relative_to(site)), p.read_text(encoding="utf-8")) for p in site.rglob("*.html")]
    assert htmlscan.scan_pages(pages, known) == []
    html = (site / case.page).read_text(encoding="utf-8")
    assert shows(html, case.shows), f"{case.page} does not show {case.shows!r}"
    assert "Content-Security-Policy" in html and "'unsafe-inline'" not in html.split("script-src", 1)[1].split(";", 1)[0]


def test_attr_list_in_a_note_title_adds_no_attribute(built: dict[str, Path]) -> None:
    html = (built["attr_list_in_note_title"] / "a/personal.html").read_text(encoding="utf-8")
    assert not re.search(r"<[^>]*\s(autofocus|onfocus|onclick)\b", html)


def test_source_url_is_one_attribute_and_nothing_more(built: dict[str, Path]) -> None:
    html = (built["source_url_with_markdown"] / "s/aoai-privacy.html").read_text(encoding="utf-8")
    url = "https://learn.microsoft.com/x)[click](javascript:alert(3))![i](x)"
    assert f'<a href="{url}">{url}</a>' in html
    assert "<img" not in html


@pytest.mark.parametrize("case", ["raw_html_after_closed_fence", "raw_html_in_unclosed_fence", "backtick_in_original_file"])
def test_source_markup_shows_as_text(case: str, built: dict[str, Path]) -> None:
    html = (built[case] / "s/aoai-privacy.html").read_text(encoding="utf-8")
    article = html.split('<article class="md-content__inner md-typeset">', 1)[1].split("</article>", 1)[0]
    assert not re.search(r"<(img|script)\b", article, re.IGNORECASE)
    assert "&lt;" in article


def test_quote_in_title_and_keyword_stays_inside_head_attributes(built: dict[str, Path]) -> None:
    html = (built["quote_in_title_and_keyword"] / "a/aoai-global.html").read_text(encoding="utf-8")
    meta = meta_contents(html)
    assert set(k for k in meta if k.startswith("http-equiv:")) == {"http-equiv:Content-Security-Policy"}
    title = 'Global" http-equiv="refresh" content="0;url=https://evil.example/'
    assert meta["description"] == [f'{title}. residency" http-equiv="refresh" content="0;url=https://evil.example/, a&b']
    assert title_text(html) == f"{title} - Copilot data FAQ"


# The pieces, one by one -------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "http://learn.microsoft.com/",
        "https:///no-host",
        "https://user:pw@learn.microsoft.com/",
        "https://learn.microsoft.com/a b",
        "https://learn.microsoft.com/\u200bx",
        "https://learn.microsoft.com/\x07",
        "https:\\\\evil.example",
        'https://learn.microsoft.com/"onmouseover="x',
        "https://learn.microsoft.com:99999/",
        "data:text/html,hi",
        "",
    ],
)
def test_url_problem_rejects(url: str) -> None:
    assert url_problem(url)


@pytest.mark.parametrize("url", ["https://learn.microsoft.com/en-us/a?b=c&d=e#f", "https://www.youtube.com/watch?v=LKA9U9T7_t0"])
def test_url_problem_accepts(url: str) -> None:
    assert url_problem(url) is None


@pytest.mark.parametrize(
    "markdown",
    [
        "```\ncode\n```\n<img src=x onerror=alert(1)>",
        "```\n<script>alert(1)</script>",
        "text <b onclick=alert(1)>b</b> <!-- c --> <iframe src=x></iframe>",
        "[a](javascript:alert(1)) [b](JaVaScRiPt:alert(1)) [c](data:text/html,x) [d](vbscript:x)",
        "![i](x onerror=alert(1)) ![j](https://x.example/i.png)",
        "*x*{: onclick=alert(1) } <a href=javascript:alert(1)>x</a>",
        "| a | b |\n|---|---|\n| <svg onload=alert(1)> | `<script>` |",
    ],
)
def test_source_block_allow_list(markdown: str) -> None:
    html = str(source_block_html(markdown))
    assert htmlscan.scan(html, htmlscan.KnownScripts()) == []
    assert not re.search(r"<(img|script|svg|iframe|b)\b", html)
    assert not re.search(r'href="(?!https?:|mailto:)[a-z]+:', html, re.IGNORECASE)


def test_source_block_keeps_links_with_rel() -> None:
    html = str(source_block_html("[Microsoft](https://aka.ms/DPA) and `code`"))
    assert html == '<p><a href="https://aka.ms/DPA" rel="noopener noreferrer">Microsoft</a> and <code>code</code></p>'


def test_code_filter_escapes_everything_and_keeps_code() -> None:
    assert str(html_inline('a `<b>` & "c"')) == "a <code>&lt;b&gt;</code> &amp; &#34;c&#34;"


@pytest.mark.parametrize(
    ("html", "finding"),
    [
        ('<p onclick="x">', "event-handler"),
        ("<a href=' jav&#x09;ascript:alert(1)'>", "javascript: URL"),
        ('<img src="data:image/svg+xml,x">', "data: URL"),
        ("<script>alert(1)</script>", "unknown inline <script>"),
        ('<script type="text/jscript">alert(1)</script>', "unknown inline <script>"),
        ('<script type="importmap">{}</script>', "unknown inline <script>"),
        ('<script src="https://cdn.example/x.js"></script>', "outside the site"),
        ('<script src="//cdn.example/x.js"></script>', "outside the site"),
        ('<head><meta http-equiv="refresh" content="0;url=https://evil.example/"></head>', "http-equiv"),
        ('<body><meta http-equiv="refresh" content="0;url=a.html"></body>', "http-equiv"),
        ('<meta http-equiv="set-cookie" content="a=b">', "http-equiv"),
        ('<base href="https://evil.example/">', "<base>"),
        ('<iframe src="a.html"></iframe>', "<iframe>"),
        ('<svg><a xlink:href="javascript:alert(1)">x</a></svg>', "javascript: URL"),
    ],
)
def test_scan_finds(html: str, finding: str) -> None:
    findings = htmlscan.scan(html, htmlscan.KnownScripts())
    assert findings and finding in findings[0], findings


def test_scan_allows_known_scripts_data_blocks_and_relative_refresh() -> None:
    known = htmlscan.KnownScripts(texts=frozenset({"var a=1"}))
    html = (
        '<head><meta http-equiv="Content-Security-Policy" content="x">'
        '<meta http-equiv="refresh" content="0; url=../a/x.html"></head>'
        '<script>var a=1</script><script type="application/json">{"a": "</p>"}</script><script src="../a.js"></script>'
    )
    assert htmlscan.scan(html, known) == []


def test_csp_meta_comes_before_every_script() -> None:
    page = '<html><head><meta charset="utf-8"><script>var a=1</script></head></html>'
    out = csp.with_policy(page, csp.policy(["var a=1"]))
    assert out.index("Content-Security-Policy") < out.index("<script>")
    assert csp.script_hash("var a=1") in out
    assert "'unsafe-inline'" not in out.split("script-src", 1)[1].split(";", 1)[0]


def test_real_site_carries_the_csp_on_every_page(built_site: Path) -> None:
    for page in built_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert html.count('http-equiv="Content-Security-Policy"') == 1, page
        for script in htmlscan.inline_scripts(html):
            assert csp.script_hash(script) in html, f"{page}: inline script without its hash"


def test_scan_failure_fails_the_build_naming_the_page(built: dict[str, Path], tmp_path: Path) -> None:
    """The hook's last word: a page that carries a handler fails on_post_build with the page's name."""
    site = tmp_path / "site"
    shutil.copytree(built["backtick_in_original_file"], site)
    about = site / "about.html"
    about.write_text(about.read_text(encoding="utf-8").replace("<article ", '<article onmouseover="alert(1)" ', 1), encoding="utf-8")
    with pytest.raises(PluginError) as err:
        safe_output.on_post_build(SimpleNamespace(site_dir=str(site), theme=SimpleNamespace(dirs=theme_dirs())))  # type: ignore[arg-type]
    assert "about.html: line" in str(err.value) and "event-handler attribute onmouseover=" in str(err.value)
