"""The second line of defence: read built HTML and report anything that could run script.

Escaping and allow-lists are the first line; this scan checks their result, so
a gap in either fails the build instead of reaching readers. It reads HTML the
way a browser tokenises it (html.parser, entities decoded) and reports:

- any event-handler attribute (on...=), on any element;
- a javascript:, vbscript: or data: URL in an attribute that loads or links;
- a <script> that is not known: inline code must be one of the theme's or
  plugins' own scripts (given by the caller as exact texts or full-match
  patterns), and src= must stay on the site (no scheme, no //host);
- <meta http-equiv> other than Content-Security-Policy, except a refresh to a
  relative URL in <head> (mkdocs-redirects' pages);
- elements that embed or re-base documents: base, iframe, frame, object, embed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from html.parser import HTMLParser

URL_ATTRIBUTES = frozenset(
    {"href", "src", "action", "formaction", "xlink:href", "poster", "data", "background", "cite", "ping", "srcset", "lowsrc", "dynsrc"}
)
BAD_SCHEMES = ("javascript:", "vbscript:", "data:")
EMBEDDING = frozenset({"base", "iframe", "frame", "frameset", "object", "embed", "applet"})
# Script types a browser never runs. Anything else counts as code: browsers run legacy types
# (text/jscript, application/x-javascript, text/javascript1.5, ...) and importmap/speculationrules act too.
DATA_TYPES = frozenset({"application/json", "application/ld+json", "text/plain"})
_IGNORED_IN_URL = re.compile(r"[\x00-\x20\x7f-\x9f]+")
_SCHEME = re.compile(r"^[a-z][a-z0-9+.\-]*:|^//|^\\", re.IGNORECASE)
_RELATIVE_REFRESH = re.compile(r"^\s*\d+\s*;\s*url\s*=\s*(?P<url>[^\s]*)\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class KnownScripts:
    """The inline scripts a page may carry: exact texts, and patterns that must match the whole text."""

    texts: frozenset[str] = frozenset()
    patterns: tuple[re.Pattern[str], ...] = ()

    def __contains__(self, script: str) -> bool:
        return script in self.texts or any(p.fullmatch(script) for p in self.patterns)


def bad_url(value: str) -> bool:
    """True for a URL a browser would run or treat as a document: checked as browsers read it."""
    cleaned = _IGNORED_IN_URL.sub("", value).lower()
    return cleaned.startswith(BAD_SCHEMES) or any(part.strip().lower().startswith(BAD_SCHEMES) for part in value.split(","))


def off_site(url: str) -> bool:
    """True when url names a scheme or another host: a script or refresh must stay on the site."""
    return bool(_SCHEME.match(_IGNORED_IN_URL.sub("", url)))


@dataclass
class _Scanner(HTMLParser):
    known: KnownScripts = field(default_factory=KnownScripts)
    findings: list[str] = field(default_factory=list)
    inline_scripts: list[str] = field(default_factory=list)
    _in_head: bool = False
    _script: list[str] | None = None

    def __post_init__(self) -> None:
        super().__init__(convert_charrefs=True)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._tag(tag, attrs)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._tag(tag, attrs)
        if tag == "script":
            self._end_script()

    def _tag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        line = self.getpos()[0]
        if tag == "head":
            self._in_head = True
        for name, value in values.items():
            if name.startswith("on"):
                self.findings.append(f"line {line}: event-handler attribute {name}= on <{tag}>")
            elif name in URL_ATTRIBUTES and bad_url(value):
                scheme = _IGNORED_IN_URL.sub("", value).split(":")[0].lower()
                self.findings.append(f"line {line}: {name}={value[:40]!r} on <{tag}> is a {scheme}: URL")
        if tag in EMBEDDING:
            self.findings.append(f"line {line}: <{tag}> element")
        if tag == "meta" and "http-equiv" in values:
            self._meta(values, line)
        if tag == "script":
            src = values.get("src")
            if src is not None:
                if off_site(src):
                    self.findings.append(f"line {line}: <script src={src[:60]!r}> loads code from outside the site")
                self._script = None
            elif values.get("type", "").strip().lower() in DATA_TYPES:
                self._script = None  # data blocks such as Material's application/json config never run
            else:
                self._script = []

    def _meta(self, values: dict[str, str], line: int) -> None:
        kind = values["http-equiv"].strip().lower()
        if kind == "content-security-policy":
            return
        refresh = _RELATIVE_REFRESH.match(values.get("content", ""))
        if kind == "refresh" and self._in_head and refresh and not off_site(refresh["url"]):
            return
        self.findings.append(f"line {line}: <meta http-equiv={values['http-equiv'][:30]!r}>")

    def handle_endtag(self, tag: str) -> None:
        if tag == "head":
            self._in_head = False
        elif tag == "script":
            self._end_script()

    def _end_script(self) -> None:
        if self._script is not None:
            text = "".join(self._script)
            self.inline_scripts.append(text)
            if text not in self.known:
                self.findings.append(f"line {self.getpos()[0]}: unknown inline <script> ({' '.join(text.split())[:60]!r})")
        self._script = None

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script.append(data)


def scan(html: str, known: KnownScripts) -> list[str]:
    """Everything executable in html that is not one of the known scripts; empty means clean."""
    scanner = _Scanner(known=known)
    scanner.feed(html)
    scanner.close()
    return scanner.findings


def inline_scripts(html: str) -> list[str]:
    """The texts of the executable inline scripts in html, in order (for CSP hashes)."""
    scanner = _Scanner(known=KnownScripts(patterns=(re.compile(r".*", re.DOTALL),)))
    scanner.feed(html)
    scanner.close()
    return scanner.inline_scripts


def scan_pages(pages: Iterable[tuple[str, str]], known: KnownScripts) -> list[str]:
    """'page: finding' for every finding in every (name, html) pair."""
    return [f"{name}: {finding}" for name, html in pages for finding in scan(html, known)]
