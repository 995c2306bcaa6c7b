"""The injection examples of issue 12 (class 1) as trees, and what a built page must show.

Each case is the small valid tree (tests/fixtures/valid_tree.yaml) with one
hostile edit, written into a folder with its own copies of the source texts,
so a case can be built by the core, by `mkdocs build`, and opened in Chromium.
Shared by tests/unit/test_injection.py and tests/browser/test_injection_browser.py.
"""

from __future__ import annotations

import contextlib
import copy
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import yaml
from treesite import TreeError, build_site
from treesite.site import lock_site

from tests.helpers import FIXTURES, REPO

VALID = FIXTURES / "valid_tree.yaml"
SOURCES = REPO / "decision_tree" / "sources"

Tree = dict[str, Any]


@dataclass(frozen=True)
class Case:
    name: str
    edit: Callable[[Tree], None]
    page: str  # the built page that shows the hostile text (.html path)
    shows: str  # text a reader must see on that page, exactly as typed
    source_tail: str = ""  # appended to the aoai-privacy source text
    rejected: str = ""  # non-empty: the tree must be rejected with a message containing this


def _note_title(tree: Tree) -> None:
    tree["notes"][0]["title"] = 'Only a video *x*{: autofocus onfocus="alert(1)" tabindex=0 } *y*{: onclick="alert(2)" }'


def _url(tree: Tree) -> None:
    tree["sources"][0]["url"] = "https://learn.microsoft.com/x)[click](javascript:alert(3))![i](x)"


def _js_url(tree: Tree) -> None:
    tree["sources"][0]["url"] = "javascript:alert(4)//https://learn.microsoft.com/"


def _userinfo_url(tree: Tree) -> None:
    # Passes the schema's pattern; the parsed check in treesite/urls.py rejects it.
    tree["sources"][0]["also_url"] = "https://learn.microsoft.com@evil.example/\u200bx"


def _original_file(tree: Tree) -> None:
    tree["sources"][0]["original_file"] = "a`<img src=x onerror=alert(5)>`b.txt"


def _title_quote(tree: Tree) -> None:
    node = next(n for n in tree["nodes"] if n["id"] == "aoai-global")
    node["title"] = 'Global" http-equiv="refresh" content="0;url=https://evil.example/'
    node["keywords"] = ['residency" http-equiv="refresh" content="0;url=https://evil.example/', "a&b"]


def _nothing(tree: Tree) -> None:
    pass


CASES = [
    Case("attr_list_in_note_title", _note_title, "a/personal.html", 'Only a video *x*{: autofocus onfocus="alert(1)" tabindex=0 }'),
    Case("source_url_with_markdown", _url, "s/aoai-privacy.html", "https://learn.microsoft.com/x)[click](javascript:alert(3))![i](x)"),
    Case("source_url_javascript", _js_url, "", "", rejected="'javascript:alert(4)//https://learn.microsoft.com/' is not allowed"),
    Case("source_url_userinfo", _userinfo_url, "", "", rejected="the also_url of source 'aoai-privacy' is not a plain https:// address"),
    Case(
        "raw_html_after_closed_fence",
        _nothing,
        "s/aoai-privacy.html",
        "<img src=x onerror=alert(6)><script>alert(7)</script>",
        source_tail="```\ncode\n```\n<img src=x onerror=alert(6)><script>alert(7)</script>\n",
    ),
    Case(
        "raw_html_in_unclosed_fence",
        _nothing,
        "s/aoai-privacy.html",
        "<script>alert(8)</script> <img src=x onerror=alert(9)>",
        source_tail="```\n<script>alert(8)</script>\n<img src=x onerror=alert(9)>\n",
    ),
    Case("backtick_in_original_file", _original_file, "s/aoai-privacy.html", "a`<img src=x onerror=alert(5)>`b.txt"),
    Case(
        "quote_in_title_and_keyword",
        _title_quote,
        "a/aoai-global.html",
        'Global" http-equiv="refresh" content="0;url=https://evil.example/',
    ),
]


def write_tree(case_edit: Callable[[Tree], None], folder: Path, source_tail: str = "") -> Path:
    """The valid tree with one edit, as a tree folder holding its own source texts and lock."""
    data = yaml.safe_load(VALID.read_text(encoding="utf-8"))
    data = copy.deepcopy(data)
    (folder / "sources").mkdir(parents=True)
    for source in data["sources"]:
        name = Path(source["file"]).name
        text = (SOURCES / name).read_text(encoding="utf-8")
        if source["id"] == "aoai-privacy" and source_tail:
            text = text.rstrip("\n") + "\n\n" + source_tail
        (folder / "sources" / name).write_text(text, encoding="utf-8")
        source["file"] = f"sources/{name}"
    case_edit(data)
    # The hostile editor plays by the change-log rules (an entry, then `make lock`), so the
    # strict build judges only what the edit puts on the pages.
    data["changes"].append(
        {
            "date": data["site"]["content_date"],
            "pages": [node["id"] for node in data["nodes"]],
            "summary": "The edit under test.",
            "why": "A test of hostile input.",
        }
    )
    (folder / "tree.yaml").write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    shutil.copy(FIXTURES / "valid_tree.lock", folder / "published.lock")
    with contextlib.suppress(TreeError):  # a rejected case keeps the fixture's lock; its test wants the rejection
        lock_site(build_site(folder))
    return folder


class _Text(HTMLParser):
    """The text a reader sees: character data outside script and style, entities decoded."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._skip += tag in ("script", "style")

    def handle_endtag(self, tag: str) -> None:
        self._skip -= tag in ("script", "style") and self._skip > 0

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    parser.close()
    return " ".join("".join(parser.parts).split())


def shows(html: str, typed: str) -> bool:
    """True when the page's visible text holds typed (white space collapsed, as the renderer does)."""
    return " ".join(typed.split()) in visible_text(html)


def meta_contents(html: str) -> dict[str, list[str]]:
    """<head> metadata as a browser reads it: name (or http-equiv) → content values."""
    found: dict[str, list[str]] = {}

    class _Meta(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            if tag == "meta":
                values = dict(attrs)
                key = values.get("name") or (f"http-equiv:{values['http-equiv']}" if values.get("http-equiv") else None)
                if key:
                    found.setdefault(key, []).append(values.get("content") or "")

    parser = _Meta(convert_charrefs=True)
    parser.feed(html)
    return found


def title_text(html: str) -> str:
    match = re.search(r"<title>(.*?)</title>", html, re.DOTALL)
    return visible_text(match[1]) if match else ""
