"""Small, line-based edits of the tree's YAML files that keep every comment and line an editor wrote.

source-update changes a few keys of one source, appends a kept copy, a change
entry and a review list. PyYAML cannot write a file back with its comments, so
these functions edit the text at the lines the loader reported, and the caller
loads the result again to prove it is still a valid tree. Values are written
as JSON strings, which YAML reads as double-quoted scalars.
"""

from __future__ import annotations

import json
import re

SOURCE_KEY_INDENT = 4  # "    date: ..." inside "  - id: ..." of sources:


def quoted(value: str | None) -> str:
    return "null" if value is None else json.dumps(value, ensure_ascii=False)


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def item_block(lines: list[str], first: int) -> tuple[int, int]:
    """[first, end) of the list item starting at line index first ("  - id: x"): up to the next line as little indented."""
    dash = _indent(lines[first])
    end = first + 1
    while end < len(lines) and (not lines[end].strip() or _indent(lines[end]) > dash):
        end += 1
    while end > first + 1 and not lines[end - 1].strip():
        end -= 1
    return first, end


def _key_range(lines: list[str], start: int, end: int, key: str, indent: int) -> tuple[int, int] | None:
    """[line, after) of a key at the given indent inside [start, end), its continuation lines included."""
    prefix = " " * indent + key + ":"
    for index in range(start, end):
        line = lines[index]
        if line.startswith(prefix) and _indent(line) == indent:
            after = index + 1
            while after < end and (not lines[after].strip() or _indent(lines[after]) > indent):
                after += 1
            while after > index + 1 and not lines[after - 1].strip():
                after -= 1
            return index, after
    return None


def _item_start(lines: list[str], line_number: int) -> int:
    """The index of the '- ' line of the item whose key sits at line_number (1-based, from the loader)."""
    index = line_number - 1
    while index > 0 and not lines[index].lstrip().startswith("- "):
        index -= 1
    return index


def set_source_keys(text: str, id_line: int, values: dict[str, str], after: str = "date_note") -> str:
    """Set top-level keys of the source item whose id: is on id_line (1-based) to the given YAML values.

    A key that is not there yet goes after ``after`` (or the last key before copies:).
    """
    lines = text.split("\n")
    start, end = item_block(lines, _item_start(lines, id_line))
    for key, value in values.items():
        found = _key_range(lines, start, end, key, SOURCE_KEY_INDENT)
        new = [" " * SOURCE_KEY_INDENT + f"{key}: {value}"]
        if found:
            lines[found[0] : found[1]] = new
            end += len(new) - (found[1] - found[0])
        else:
            anchor = _key_range(lines, start, end, after, SOURCE_KEY_INDENT) or _key_range(lines, start, end, "date", SOURCE_KEY_INDENT)
            at = anchor[1] if anchor else end
            lines[at:at] = new
            end += 1
    return "\n".join(lines)


def source_key_lines(text: str, id_line: int, key: str) -> list[str]:
    """The lines of one key of a source (e.g. its cleaning: block), as written."""
    lines = text.split("\n")
    start, end = item_block(lines, _item_start(lines, id_line))
    found = _key_range(lines, start, end, key, SOURCE_KEY_INDENT)
    return lines[found[0] : found[1]] if found else []


def append_copy(text: str, id_line: int, entry: list[str]) -> str:
    """Add a kept-copy entry (lines indented for "      - key: ...") at the end of the source's copies: list."""
    lines = text.split("\n")
    start, end = item_block(lines, _item_start(lines, id_line))
    found = _key_range(lines, start, end, "copies", SOURCE_KEY_INDENT)
    if found:
        lines[found[1] : found[1]] = entry
    else:
        lines[end:end] = [" " * SOURCE_KEY_INDENT + "copies:", *entry]
    return "\n".join(lines)


def reindent(block: list[str], extra: int) -> list[str]:
    return [(" " * extra + line) if line.strip() else line for line in block]


def append_list_item(text: str, key: str, entry: list[str]) -> str:
    """Append an entry (lines indented as "  - ...") to the top-level list key: of a file, creating the key if missing."""
    lines = text.rstrip("\n").split("\n") if text.strip() else []
    if not any(re.match(rf"^{re.escape(key)}:\s*(\[\])?\s*$", line) for line in lines):
        lines += ["", f"{key}:"] if lines else [f"{key}:"]
    else:
        lines = [f"{key}:" if re.match(rf"^{re.escape(key)}:\s*\[\]\s*$", line) else line for line in lines]
    return "\n".join([*lines, *entry]) + "\n"


def set_content_date(text: str, date: str) -> str:
    """content_date: in the site: block, set to date."""
    return re.sub(r"^(\s+content_date:\s*).*$", lambda m: m.group(1) + quoted(date), text, count=1, flags=re.MULTILINE)
