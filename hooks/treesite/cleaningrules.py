"""The cleaning rules themselves: each turns one kind of publisher markup into the form we cite, and says what it changed.

A rule is ``(text, params) -> (text, changes)``: ``changes`` lists each change in
words, so treesite.cleaning can report "applied N times" or "did not apply".
Rules change presentation only (markup, encoding, links, white space), never a
word of content. Register a new rule in cleaning.RULES.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any
from urllib.parse import urljoin

Changes = list[str]

_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")


def outside_fences(text: str) -> list[tuple[str, bool]]:
    """Each line with whether it lies outside a fenced code block (rules leave code alone unless they say so)."""
    out: list[tuple[str, bool]] = []
    fence: str | None = None
    for line in text.split("\n"):
        match = _FENCE.match(line)
        if match and fence is None:
            fence = match.group(1)
            out.append((line, False))
            continue
        if match and fence is not None and match.group(1).startswith(fence[0]) and len(match.group(1)) >= len(fence):
            fence = None
            out.append((line, False))
            continue
        out.append((line, fence is None))
    return out


def _map_lines(text: str, change: Callable[[str], str | None], what: Callable[[str, str | None], str]) -> tuple[str, Changes]:
    """Apply change to every line outside code; None drops the line. Records one change per line changed."""
    lines, changes = [], []
    for line, prose in outside_fences(text):
        new = change(line) if prose else line
        if new != line:
            changes.append(what(line, new))
        if new is not None:
            lines.append(new)
    return "\n".join(lines), changes


def short(text: str, size: int = 80) -> str:
    text = text.strip()
    return text if len(text) <= size else text[: size - 1] + "…"


# --- the rules -------------------------------------------------------------------------------------------------


_FRONT = re.compile(r"\A---\n(.*?)\n---[ \t]*\n(?:[ \t]*\n)*", re.DOTALL)


def strip_front_matter(text: str, params: dict[str, Any]) -> tuple[str, Changes]:
    """Drop the YAML front matter. ``keys`` are the keys we expect; a key not listed (or missing) is named in the change."""
    match = _FRONT.match(text)
    if not match:
        return text, []
    found = [line.split(":", 1)[0].strip() for line in match.group(1).split("\n") if re.match(r"^[A-Za-z][\w.-]*\s*:", line)]
    expected = list(params.get("keys", []))
    new = [k for k in found if k not in expected]
    missing = [k for k in expected if k not in found]
    detail = f"removed the front matter ({', '.join(found)})"
    if new:
        detail += f"; keys not in this rule's list: {', '.join(new)}"
    if missing:
        detail += f"; listed keys not there: {', '.join(missing)}"
    return text[match.end() :], [detail]


def front_matter_values(text: str) -> dict[str, str]:
    """The simple key: value lines of a text's front matter (ms.date, title), for the update report."""
    match = _FRONT.match(text)
    if not match:
        return {}
    values = {}
    for line in match.group(1).split("\n"):
        key_value = re.match(r"^([A-Za-z][\w.-]*)\s*:\s*(\S.*)?$", line)
        if key_value and key_value.group(2):
            values[key_value.group(1)] = key_value.group(2).strip()
    return values


_MOJIBAKE = re.compile(r"[^\x00-\x7f]{2,}")


def fix_mojibake(text: str, params: dict[str, Any]) -> tuple[str, Changes]:
    """UTF-8 read as Windows-1252 (â€™ for ’): each run that decodes cleanly back is replaced by what it meant."""
    changes: Changes = []

    def fix(match: re.Match[str]) -> str:
        run = match.group(0)
        try:
            meant = run.encode("cp1252").decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            return run
        changes.append(f"{run} became {meant}")
        return meant

    return _MOJIBAKE.sub(fix, text), changes


_INCLUDE = re.compile(r"^\s*\[!INCLUDE\s*\[[^\]]*\]\([^)]*\)\]\s*$")


def drop_learn_include(text: str, params: dict[str, Any]) -> tuple[str, Changes]:
    """Learn's [!INCLUDE [name](path)] lines pull in shared snippets we do not have: dropped."""
    return _map_lines(text, lambda line: None if _INCLUDE.match(line) else line, lambda old, new: f"removed {short(old)}")


_ALERT = re.compile(r"^(\s*>)\s*\[!(NOTE|IMPORTANT|TIP|WARNING|CAUTION)\]\s*$", re.IGNORECASE)


def learn_alerts_to_blockquotes(text: str, params: dict[str, Any]) -> tuple[str, Changes]:
    """> [!NOTE] becomes a blockquote starting with **Note** and an empty quote line."""

    def change(line: str) -> str:
        match = _ALERT.match(line)
        if not match:
            return line
        quote = match.group(1)
        return f"{quote} **{match.group(2).capitalize()}**\n{quote.rstrip()}"

    return _map_lines(text, change, lambda old, new: f"{old.strip()} became **{_ALERT.match(old).group(2).capitalize()}**")  # type: ignore[union-attr]


_IMAGE_DIRECTIVE = re.compile(r"^\s*:::image\s+(?P<attrs>.*?):::\s*$")
_IMAGE_MARKDOWN = re.compile(r"^\s*!\[(?P<alt>[^\]]*)\]\((?P<src>[^)\s]+)(?:\s+\"[^\"]*\")?\)\s*$")


def _directive_attr(attrs: str, name: str) -> str:
    match = re.search(rf'{name}="([^"]*)"', attrs)
    return match.group(1) if match else ""


def learn_image_to_alt_text(text: str, params: dict[str, Any]) -> tuple[str, Changes]:
    """An image on a line of its own (Learn :::image directive or ![alt](src)) becomes an italic line with its alt text.

    ``source`` limits the rule to one image file, so the sentence readers see can name it;
    without it every image is replaced. The line loses its indentation (a screenshot indented
    under a list item ends the list, as in our copies).
    """
    only = params.get("source")

    def change(line: str) -> str:
        directive, markdown = _IMAGE_DIRECTIVE.match(line), _IMAGE_MARKDOWN.match(line)
        if directive:
            src, alt = _directive_attr(directive.group("attrs"), "source"), _directive_attr(directive.group("attrs"), "alt-text")
        elif markdown:
            src, alt = markdown.group("src"), markdown.group("alt")
        else:
            return line
        if only is not None and src != only:
            return line
        return f"*{params.get('label', 'Image in the original')}: {alt}*"

    return _map_lines(text, change, lambda old, new: f"{short(old, 60)} became {new}")


_COMMENT = re.compile(r"<!--[\s\S]*?-->[ \t]?")


def drop_html_comments(text: str, params: dict[str, Any]) -> tuple[str, Changes]:
    """HTML comments are notes for Learn's authors, never shown to readers: dropped with the space after them."""
    changes: Changes = []

    def drop(match: re.Match[str]) -> str:
        changes.append(f"removed {short(match.group(0))}")
        return ""

    return _COMMENT.sub(drop, text), changes


_TAB_HEADING = re.compile(r"^(#{1,6})\s+\[(?P<title>[^\]]+)\]\(#tab/[^)]*\)\s*$")
_RULE_LINE = re.compile(r"^\s*---\s*$")


def learn_tabs_to_headings(text: str, params: dict[str, Any]) -> tuple[str, Changes]:
    """Learn tab headings (#### [Title](#tab/x)) become plain headings; the --- line that closes the tabs goes."""
    lines, changes = [], []
    in_tabs = False
    for line, prose in outside_fences(text):
        heading = _TAB_HEADING.match(line) if prose else None
        if heading:
            lines.append(f"{heading.group(1)} {heading.group('title')}")
            changes.append(f"tab {heading.group('title')} became a heading")
            in_tabs = True
            continue
        if in_tabs and prose and _RULE_LINE.match(line):
            changes.append("removed the --- line that closed the tabs")
            in_tabs = False
            continue
        lines.append(line)
    return "\n".join(lines), changes


_TABLE_ROW = re.compile(r"^\s*\|")


def close_table_rows(text: str, params: dict[str, Any]) -> tuple[str, Changes]:
    """A table row that lacks its closing | gets one, so the table renders."""

    def change(line: str) -> str:
        if _TABLE_ROW.match(line) and not line.rstrip().endswith("|"):
            return line.rstrip() + " |"
        return line

    return _map_lines(text, change, lambda old, new: f"closed the row {short(old, 50)}")


_LINK_TARGET = re.compile(r"(?<!!)(\[[^\]]*\]\()([^)\s]+)(\))")
_HAS_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def absolutise_links(text: str, params: dict[str, Any]) -> tuple[str, Changes]:
    """Relative links made absolute from ``base`` (the page's folder URL); a target's .md ending is dropped."""
    base = params["base"]
    changes: Changes = []

    def fix(match: re.Match[str]) -> str:
        target = match.group(2)
        if _HAS_SCHEME.match(target) or target.startswith("#"):
            return match.group(0)
        path, rest = re.match(r"([^?#]*)(.*)", target).groups()  # type: ignore[union-attr]
        absolute = urljoin(base, path.removesuffix(".md")) + rest
        changes.append(f"{target} became {absolute}")
        return match.group(1) + absolute + match.group(3)

    lines = []
    for line, prose in outside_fences(text):
        lines.append(_LINK_TARGET.sub(fix, line) if prose else line)
    return "\n".join(lines), changes


_MAILTO = re.compile(r"\[([^\]]*)\]\(mailto:[^)]*\)")


def drop_mailto(text: str, params: dict[str, Any]) -> tuple[str, Changes]:
    """A mailto: link keeps its text (the address) as plain text: the site links nowhere a reader did not choose."""
    changes: Changes = []

    def drop(match: re.Match[str]) -> str:
        changes.append(f"unlinked {match.group(1)}")
        return match.group(1)

    return _MAILTO.sub(drop, text), changes


_LIST_ITEM = re.compile(r"^(?P<quote>(?:\s*>)*)\s*(?:[-*+]|\d+\.)\s+\S")
_QUOTE_PREFIX = re.compile(r"^((?:\s*>)*)\s?(.*)$")


def blank_line_before_lists(text: str, params: dict[str, Any]) -> tuple[str, Changes]:
    """A list straight after a paragraph or heading line gets a blank line (an empty quote line inside a quote).

    Without it Markdown reads the list as part of the paragraph.
    """
    lines, changes = [], []
    previous: tuple[str, bool] | None = None
    for line, prose in outside_fences(text):
        item = _LIST_ITEM.match(line) if prose else None
        if item and previous is not None and previous[1]:
            before_quote, before_rest = _QUOTE_PREFIX.match(previous[0]).groups()  # type: ignore[union-attr]
            same_quote = before_quote.replace(" ", "") == item.group("quote").replace(" ", "")
            if same_quote and before_rest.strip() and not _LIST_ITEM.match(previous[0]) and not previous[0].startswith((" ", "\t")):
                lines.append(item.group("quote").strip())
                changes.append(f"blank line before the list after {short(before_rest, 50)}")
        lines.append(line)
        previous = (line, prose)
    return "\n".join(lines), changes


def trim_trailing_space_and_collapse_blank_lines(text: str, params: dict[str, Any]) -> tuple[str, Changes]:
    """Trailing spaces go and runs of blank lines become one; the text ends with one line end."""
    changes: Changes = []
    lines = text.split("\n")
    trimmed = [line.rstrip() for line in lines]
    spaces = sum(a != b for a, b in zip(lines, trimmed, strict=True))
    if spaces:
        changes.append(f"trailing spaces removed on {spaces} lines")
    out: list[str] = []
    runs = 0
    for line in trimmed:
        if not line and (not out or not out[-1]):
            runs += 1 if out else 0
            continue
        out.append(line)
    while out and not out[-1]:
        out.pop()
    result = "\n".join(out) + "\n"
    if runs:
        changes.append(f"{runs} extra blank lines removed")
    if result != "\n".join(trimmed) and not changes:
        changes.append("blank lines at the start or end removed")
    return result, changes
