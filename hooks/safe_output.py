"""MkDocs adapter for the output's safety: escaped page metadata, a post-build scan, a CSP.

- on_page_markdown: Material writes page.meta (title, description) into <head>
  unescaped, because MkDocs' theme environment has autoescape off. Every string
  in page.meta is HTML-escaped here, once, for every page, so no template has to
  remember a filter.
- on_post_build (last): every HTML file of the site is scanned
  (treesite.htmlscan); anything executable that is not the theme's or a
  plugin's own script fails the build, naming the page. The theme's scripts
  are read from its template files, the plugins' are a fixed list here. Then each page gets a
  Content-Security-Policy <meta> (treesite.csp) with the sha256 hashes of those
  known inline scripts, so a script the scan missed would still not run.

The policy is left out under `mkdocs serve`, whose live-reload script is
injected inline when a page is served.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from treesite import csp, htmlscan
from treesite.siteurl import PATH_CLASS

_serving = False

# Plugins' own inline scripts, as full-match patterns that leave no room for other code.
PLUGIN_SCRIPTS = (
    # mkdocs-redirects: a redirect page (its URL comes from the tree's node ids).
    re.compile(r'var anchor=window\.location\.hash\.substr\(1\);location\.href="[\w./#%-]*"\+\(anchor\?"#"\+anchor:""\)'),
    # mkdocs-print-site-plugin: argument-less calls of its own functions when the print page loads.
    re.compile(r"\s*document\.addEventListener\('DOMContentLoaded', function \(\) \{\s*(?:[a-z_]+\(\);\s*)*\}\)\s*"),
)
# An inline script in a theme template: an opening tag without attributes (src= and type= scripts are not inline code).
_TEMPLATE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)
_EXPRESSION = re.compile(r"\{\{.*?\}\}", re.DOTALL)
_SHIM = "assets/vendor/iframe-worker/shim.js"
_SEARCH_WORKER = re.compile(r'"search": "([\w./-]+)"')


def on_startup(command: str, dirty: bool) -> None:
    global _serving
    _serving = command == "serve"


def _escaped(value: Any) -> Any:
    if isinstance(value, str):
        return html.escape(value, quote=True)
    if isinstance(value, list):
        return [_escaped(v) for v in value]
    if isinstance(value, dict):
        return {k: _escaped(v) for k, v in value.items()}
    return value


@event_priority(100)
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Escape page.meta before anything reads it: page.title, <title>, <meta name=description>, nav, search."""
    page.meta = _escaped(page.meta)
    return markdown


def theme_scripts(theme_dirs: Iterable[str]) -> htmlscan.KnownScripts:
    """The theme's own inline scripts, read from its template files: never from a page of the build.

    A built page may already carry what the scan looks for (an address or a tree text
    that slipped through), so learning "known" scripts from one would let that through.
    Each inline <script> in the theme's templates (custom_dir first, as the theme loads
    them) becomes a pattern: its text exactly, with each {{ expression }} standing for a
    base path made of the characters RFC 3986 allows in a path (site_url is checked to
    hold only those). A script with {% ... %} inside cannot be turned into one pattern.
    """
    seen: dict[str, Path] = {}
    for folder in theme_dirs:
        for template in sorted(Path(folder).rglob("*.html")):
            seen.setdefault(template.relative_to(folder).as_posix(), template)
    patterns = []
    for _, template in sorted(seen.items()):
        for text in _TEMPLATE_SCRIPT.findall(template.read_text(encoding="utf-8")):
            if "{%" in text or "{#" in text:
                raise PluginError(f"{template}: an inline script holds a template tag; hooks/safe_output.py cannot know its text")
            pieces = _EXPRESSION.split(text)
            patterns.append(re.compile(f"{PATH_CLASS}*".join(re.escape(piece) for piece in pieces), re.DOTALL))
    return htmlscan.KnownScripts(patterns=(*patterns, *PLUGIN_SCRIPTS))


def _shim_iframe_scripts(site_dir: Path, pages: list[tuple[str, str]]) -> set[str]:
    """The inline script iframe-worker writes into its frame on file:// (search in the offline export).

    The frame inherits the page's policy, so its one inline script needs a hash
    too. Its text is a template in the shim: two function sources and the worker
    URL, which Material passes as written in the page's __config (relative).
    """
    shim = site_dir / _SHIM
    if not shim.is_file():
        return set()
    source = shim.read_text(encoding="utf-8")
    template = re.search(r"<script>(postMessage=\$\{c\};.*?)<\\/script>", source)
    if template is None:
        raise PluginError(f"{_SHIM}: the iframe-worker shim changed; update _shim_iframe_scripts in hooks/safe_output.py")
    functions = {name: _function_source(source, name) for name in ("c", "d")}
    workers = {m[1] for _, page in pages for m in _SEARCH_WORKER.finditer(page)}
    text = template[1].replace("${c}", functions["c"]).replace("${d}", functions["d"])
    return {text.replace("${e}", worker) for worker in workers}


def _function_source(source: str, name: str) -> str:
    """The exact text of `function name(...){...}` in minified source, as Function.toString gives it."""
    start = source.index(f"function {name}(")
    depth, i = 0, source.index("{", start)
    while True:
        depth += {"{": 1, "}": -1}.get(source[i], 0)
        i += 1
        if depth == 0:
            return source[start:i]


@event_priority(-100)
def on_post_build(config: MkDocsConfig) -> None:
    """Runs after every plugin has written its pages (redirects, offline, print-site)."""
    site_dir = Path(config.site_dir)
    files = sorted(site_dir.rglob("*.html"))
    pages = [(str(f.relative_to(site_dir)), f.read_text(encoding="utf-8")) for f in files]
    findings = htmlscan.scan_pages(pages, theme_scripts(config.theme.dirs))
    if findings:
        shown = "\n".join(findings[:20]) + (f"\n… and {len(findings) - 20} more" if len(findings) > 20 else "")
        raise PluginError(
            f"The built site has {len(findings)} executable thing(s) that no page may carry:\n{shown}\n"
            "Fix: find the tree text that produced it (the page names the node or source) and remove the markup."
        )
    if _serving:
        return
    scripts = {s for _, page in pages for s in htmlscan.inline_scripts(page)} | _shim_iframe_scripts(site_dir, pages)
    policy = csp.policy(scripts)
    for f, (_, page) in zip(files, pages, strict=True):
        f.write_text(csp.with_policy(page, policy), encoding="utf-8")
