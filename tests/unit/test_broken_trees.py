"""Every kind of bad input fails with the file, the line and a fix (one fixture file each)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from treesite import TreeError, build_site
from treesite.checks import GENERATED_SOURCE_NAMES, source_path
from treesite.checks import _walk as checks_walk
from treesite.load import load
from treesite.render import md_path

from tests.helpers import FIXTURES, mkdocs_build

BROKEN = FIXTURES / "broken"

# fixture file → (line the message must name, words the message must contain)
CASES: dict[str, tuple[int, str]] = {
    "yaml_syntax.yaml": (66, "YAML syntax error"),
    "tab_indent.yaml": (68, "indent with spaces, not tabs"),
    "wrong_type.yaml": (79, "expected a list but found str"),
    "unknown_key.yaml": (81, "unknown key 'colour'"),
    "missing_key.yaml": (33, "the required key 'topic' is missing"),
    "duplicate_id.yaml": (92, "duplicate node id 'aoai-global'"),
    "duplicate_key.yaml": (79, "the key 'title' appears twice"),
    "dangling_option.yaml": (76, "points to 'aoai-regional', which does not exist"),
    "cycle.yaml": (90, "the options form a cycle"),
    "unreachable.yaml": (92, "node 'orphan' cannot be reached"),
    "one_option.yaml": (65, "has only one option"),
    "no_citation.yaml": (36, "add at least one citation"),
    "quote_not_found.yaml": (38, "is not in source 'aoai-privacy'"),
    "unknown_source.yaml": (38, "names the source 'aoai-docs', which does not exist"),
    "empty_label.yaml": (73, "is empty or too short"),
    "html_injection.yaml": (73, "no HTML"),
    "markdown_injection.yaml": (73, "no Markdown links"),
    "fact_injection.yaml": (29, "no HTML tags"),
    "long_label.yaml": (73, "is too long"),
    "non_utf8.yaml": (83, "is not valid UTF-8"),
    "glance_fact_missing.yaml": (69, "does not state"),
    "glance_row_missing.yaml": (86, "has no 'Who can see it' row (access)"),
    "glance_conflict_not_shown.yaml": (88, "which is not a conflict note shown on the page"),
    "glance_quote_not_found.yaml": (81, "the quote \"prompts are processed on the moon\" is not in source 'aoai-privacy'"),
    "glance_row_without_quote.yaml": (81, "the required key 'cites' is missing. Fix: add 'cites:': the row's key quote"),
}


def test_every_fixture_has_a_case() -> None:
    assert sorted(p.name for p in BROKEN.glob("*.yaml")) == sorted(CASES)


@pytest.mark.parametrize("name", sorted(CASES))
def test_core_names_file_line_and_fix(name: str) -> None:
    line, words = CASES[name]
    with pytest.raises(TreeError) as caught:
        load(BROKEN / name)
    first = caught.value.problems[0]
    text = str(first)
    assert first.where.file.name == name
    assert first.where.line == line, text
    assert words in text
    assert ". Fix: " in text and first.fix
    assert "\n" not in text, "each problem is one line"


@pytest.mark.parametrize("name", sorted(CASES))
def test_mkdocs_build_fails_and_leaves_site_alone(name: str, scratch_site: Path) -> None:
    line, words = CASES[name]
    result = mkdocs_build(scratch_site, tree=BROKEN / name, strict=False)
    assert result.returncode != 0
    assert f"{name}:{line}: " in result.stderr
    assert words in result.stderr
    assert "Fix: " in result.stderr
    assert sorted(p.name for p in scratch_site.iterdir()) == ["index.html"]
    assert (scratch_site / "index.html").read_text(encoding="utf-8") == "previous good build"


# Trees a static fixture cannot hold, or that follow the valid fixture as it changes (symbolic links,
# byte-order marks, bytes that are not UTF-8, nesting bombs, a folder of several files), are written
# into a temporary folder by the test. Each maker returns (tree, file the message names, its line).

VALID = FIXTURES / "valid_tree.yaml"
REPO_TREE = FIXTURES.parents[1] / "decision_tree"
SOURCES = ("aoai-privacy.md", "savill-video.md")

Made = tuple[Path, Path, int]


def _line_of(text: str, marker: str) -> int:
    """The line of the last occurrence of marker: where the edit under test sits."""
    found = [i for i, line in enumerate(text.splitlines(), start=1) if marker in line]
    assert found, f"{marker!r} is not in the tree any more: update this case"
    return found[-1]


def _edit(old: str, new: str) -> str:
    text = VALID.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {VALID.name} any more: update this case"
    return text.replace(old, new, 1)


def variant(old: str, new: str, marker: str | None = None) -> Callable[[Path], Made]:
    """The valid one-file fixture with one edit; the message must name the line holding marker (default: new)."""

    def make(tmp: Path) -> Made:
        text = _edit(old, new)
        tree = tmp / "tree.yaml"
        tree.write_text(text, encoding="utf-8")
        return tree, tree, _line_of(text, marker or new.strip().splitlines()[-1])

    return make


def appended(extra: str, marker: str) -> Callable[[Path], Made]:
    return variant("nodes:\n", extra + "nodes:\n", marker)


def _folder(tmp: Path, text: str | None = None) -> Path:
    """The valid fixture as a tree folder: tree.yaml, its two sources beside it in sources/."""
    folder = tmp / "tree"
    (folder / "sources").mkdir(parents=True)
    for name in SOURCES:
        shutil.copy(REPO_TREE / "sources" / name, folder / "sources" / name)
    (folder / "tree.yaml").write_text(text or VALID.read_text(encoding="utf-8"), encoding="utf-8")
    return folder


def _real_tree(tmp: Path) -> Path:
    return Path(shutil.copytree(REPO_TREE, tmp / "decision_tree"))


def source_symlink(tmp: Path) -> Made:
    folder = _folder(tmp)
    secret = tmp / "secret.md"
    secret.write_text("root:x:0:0:root:/root:/bin/bash\n", encoding="utf-8")
    (folder / "sources" / "aoai-privacy.md").unlink()
    (folder / "sources" / "aoai-privacy.md").symlink_to(secret)
    text = (folder / "tree.yaml").read_text(encoding="utf-8")
    return folder, folder / "tree.yaml", _line_of(text, "file: sources/aoai-privacy.md")


def sources_folder_symlink(tmp: Path) -> Made:
    folder = _folder(tmp)
    shutil.rmtree(folder / "sources")
    (folder / "sources").symlink_to(REPO_TREE / "sources", target_is_directory=True)
    text = (folder / "tree.yaml").read_text(encoding="utf-8")
    return folder, folder / "tree.yaml", _line_of(text, "file: sources/aoai-privacy.md")


def second_file_sets(key: str, value: str) -> Callable[[Path], Made]:
    def make(tmp: Path) -> Made:
        tree = _real_tree(tmp)
        (tree / "zz-extra.yaml").write_text(f"# added later\n{key}: {value}\n", encoding="utf-8")
        return tree, tree / "zz-extra.yaml", 2

    return make


def yaml_symlink(tmp: Path) -> Made:
    tree = _real_tree(tmp)
    outside = tmp / "elsewhere.yaml"
    outside.write_text("redirects: []\n", encoding="utf-8")
    (tree / "more.yaml").symlink_to(outside)
    return tree, tree / "more.yaml", 1


def yml_file(tmp: Path) -> Made:
    tree = _real_tree(tmp)
    (tree / "more-facts.yml").write_text("facts: []\n", encoding="utf-8")
    return tree, tree / "more-facts.yml", 1


def emptied_nodes(tmp: Path) -> Made:
    tree = _real_tree(tmp)
    (tree / "nodes.yaml").write_text("", encoding="utf-8")
    return tree, tree / "nodes.yaml", 1


def nested(depth: int) -> Callable[[Path], Made]:
    return variant("keywords: [data zone, residency]", "keywords: " + "[" * depth + "]" * depth, "keywords: [[[")


def too_big(tmp: Path) -> Made:
    tree = tmp / "tree.yaml"
    with tree.open("w", encoding="utf-8") as out:
        out.write(VALID.read_text(encoding="utf-8"))
        out.write(("#" * 1023 + "\n") * (21 * 1024))
    return tree, tree, 1


def source_not_utf8(tmp: Path) -> Made:
    folder = _folder(tmp)
    source = folder / "sources" / "aoai-privacy.md"
    lines = source.read_bytes().split(b"\n")
    lines[4] += b" caf\xe9"
    source.write_bytes(b"\n".join(lines))
    return folder, source, 5


def lock_not_utf8(tmp: Path) -> Made:
    tree = tmp / "tree.yaml"
    tree.write_text(VALID.read_text(encoding="utf-8"), encoding="utf-8")
    lock = VALID.with_suffix(".lock").read_bytes().split(b"\n")
    lock[4] = b"a/caf\xe9.html"
    (tmp / "tree.lock").write_bytes(b"\n".join(lock))
    return tree, tmp / "tree.lock", 5


def broken_schema(edit: Callable[[str], str], marker: str) -> Callable[[Path], Made]:
    def make(tmp: Path) -> Made:
        tree = _real_tree(tmp)
        schema = tree / "schema.json"
        text = edit(schema.read_text(encoding="utf-8"))
        schema.write_text(text, encoding="utf-8")
        return tree, schema, _line_of(text, marker)

    return make


def _drop_comma(text: str) -> str:
    old = '"start": {"$ref": "#/$defs/id", "x-fix": "name the id of the first question node"},'
    assert old in text
    return text.replace(old, old[:-1], 1)


def _bad_type(text: str) -> str:
    old = '"kind": {"enum": ["official", "video", "blog"]'
    assert old in text
    return text.replace(old, '"kind": {"type": "strin", "enum": ["official", "video", "blog"]', 1)


def without_site(tmp: Path) -> Made:
    """The valid fixture without its site: block, whatever that block holds."""
    text = VALID.read_text(encoding="utf-8")
    text = re.sub(r"^site:\n(?:[ #].*\n|\n)*", "", text, count=1, flags=re.MULTILINE)
    assert "site:" not in text
    tree = tmp / "tree.yaml"
    tree.write_text(text, encoding="utf-8")
    return tree, tree, 1


def real_tree_without_site(tmp: Path) -> Made:
    """The real tree (several files, changes.yaml first) without the site: block of nodes.yaml."""
    tree = _real_tree(tmp)
    nodes = tree / "nodes.yaml"
    text = nodes.read_text(encoding="utf-8")
    stripped = re.sub(r"^site:\n(?:[ #].*\n|\n)*", "", text, count=1, flags=re.MULTILINE)
    assert stripped != text and "\nsite:" not in stripped
    nodes.write_text(stripped, encoding="utf-8")
    return tree, nodes, 1


def source_id(new_id: str) -> Callable[[Path], Made]:
    def make(tmp: Path) -> Made:
        text = _edit("  - id: savill-video\n", f"  - id: {new_id}\n").replace("source: savill-video", f"source: {new_id}")
        tree = tmp / "tree.yaml"
        tree.write_text(text, encoding="utf-8")
        return tree, tree, _line_of(text, f"- id: {new_id}")

    return make


def synonym(word: str) -> Callable[[Path], Made]:
    """The valid fixture with one synonym on the Global option."""
    return variant("        to: aoai-global\n", f"        to: aoai-global\n        synonyms: [Global Standard, {word}]\n")


def with_coverage(extra: str, *, synonyms: str) -> Callable[[Path], Made]:
    """The valid fixture with not_covered:/not_synonyms: entries, and synonyms on the Global option (the line named)."""

    def make(tmp: Path) -> Made:
        text = _edit("nodes:\n", extra + "nodes:\n").replace(
            "        to: aoai-global\n", f"        to: aoai-global\n        synonyms: {synonyms}\n", 1
        )
        tree = tmp / "tree.yaml"
        tree.write_text(text, encoding="utf-8")
        return tree, tree, _line_of(text, f"synonyms: {synonyms}")

    return make


REFUSED = (
    "not_synonyms:\n"
    '  - {kind: generic, why: "it occurs in any ticket", words: [Copilot, AI]}\n'
    "  - {kind: too-broad, why: a product family, words: [Dynamics 365]}\n"
)
NOT_COVERED = "not_covered:\n  - {id: openai-services, name: OpenAI's own services, names: [ChatGPT, OpenAI API]}\n"
RETIRED = 'retired:\n  - {url: URL, title: Old page, date: "DATE", reason: It was merged., instead: aoai-standard}\n'
REDIRECT = "redirects:\n  - {from: a/old.html, to: aoai-global}\n"

# name → (maker, words the message must contain)
GENERATED: dict[str, tuple[Callable[[Path], Made], str]] = {
    # 2. Files outside the tree
    "source-dotdot": (variant("file: sources/aoai-privacy.md", "file: ../../../etc/passwd.md"), "no .. and no leading /"),
    "source-absolute": (variant("file: sources/aoai-privacy.md", "file: /etc/passwd"), "no .. and no leading /"),
    "source-symlink": (source_symlink, "is a symbolic link to"),
    "sources-folder-symlink": (sources_folder_symlink, "outside the tree folder"),
    # 3. A silently wrong site
    "retired-live-url": (
        appended(RETIRED.replace("URL", "a/aoai-global.html").replace("DATE", "2026-01-05"), "url: a/aoai-global.html"),
        "a/aoai-global.html is retired, but node 'aoai-global' still has that URL",
    ),
    "redirect-live-url": (
        appended("redirects:\n  - {from: a/aoai-standard.html, to: aoai-global}\n", "from: a/aoai-standard.html"),
        "is redirected, but node 'aoai-standard' still has that URL",
    ),
    "redirect-twice": (
        appended(REDIRECT + "  - {from: a/old.html, to: aoai-standard}\n", "to: aoai-standard}"),
        "a/old.html is redirected here and already redirected at",
    ),
    "redirected-and-retired": (
        appended(REDIRECT + RETIRED.replace("URL", "a/old.html").replace("DATE", "2026-01-05"), "url: a/old.html"),
        "a/old.html is retired here and already redirected at",
    ),
    "second-site-same-file": (
        appended('site:\n  verdict_question: Is this the real one?\n  content_date: "2026-01-01"\n', "site:"),
        "the key 'site' appears twice",
    ),
    "second-site-other-file": (
        second_file_sets("site", '{verdict_question: "Really?", content_date: "2026-01-01"}'),
        "'site' is already set in",
    ),
    "second-start-other-file": (second_file_sets("start", "personal"), "'start' is already set in"),
    "fact-twice-on-node": (
        variant("facts: [aoai-global-location]", "facts: [aoai-global-location, aoai-global-location]"),
        "lists 'aoai-global-location' twice under facts:",
    ),
    "note-twice-on-node": (variant("notes: [video-only]", "notes: [video-only, video-only]"), "lists 'video-only' twice under notes:"),
    "id-trailing-newline": (variant("  - id: aoai-standard\n", '  - id: "aoai-standard\\n"\n'), "use lower-case letters"),
    "id-zero-width-space": (variant("  - id: aoai-standard\n", '  - id: "aoai-standard\\u200b"\n'), "use lower-case letters"),
    "option-to-trailing-newline": (variant("to: aoai-standard\n", 'to: "aoai-standard\\n"\n'), "use lower-case letters"),
    "url-trailing-newline": (
        variant("url: https://www.youtube.com/watch?v=LKA9U9T7_t0", 'url: "https://www.youtube.com/watch?v=LKA9U9T7_t0\\n"'),
        "the original https:// URL",
    ),
    "reviewed-feb-30": (variant('reviewed: "2026-11-23"', 'reviewed: "2026-02-30"'), "the date 2026-02-30 does not exist"),
    "content-date-9999-99-99": (variant('content_date: "2026-11-23"', "content_date: 9999-99-99"), "the date 9999-99-99 does not exist"),
    "source-date-feb-30": (variant('date: "2024-12-17"', 'date: "2024-02-30"'), "the date 2024-02-30 does not exist"),
    "retired-date-feb-29": (
        appended(RETIRED.replace("URL", "a/gone.html").replace("DATE", "2026-02-29"), "url: a/gone.html"),
        "the date 2026-02-29 does not exist",
    ),
    "yml-file-in-tree": (yml_file, "this file is not read"),
    "yaml-symlink-out-of-tree": (yaml_symlink, "is a symbolic link to"),
    # 4. Crashes instead of messages
    "alias-bomb": (
        variant(
            "keywords: [data zone, residency]",
            "keywords: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n    intro: [*a, *a, *a, *a, *a, *a, *a, *a, *a]",
            "keywords: &a",
        ),
        "an anchor (&a) is used",
    ),
    "alias-cycle": (variant("keywords: [data zone, residency]", "keywords: &c [*c]"), "an anchor (&c) is used"),
    "alias": (variant("keywords: [data zone, residency]", "keywords: *words"), "an alias (*words) is used"),
    "merge-key": (variant("  - id: aoai-standard\n", "  - id: aoai-standard\n    <<: {intro: Merged in.}\n"), "a merge key (<<) is used"),
    "python-tag": (
        variant("title: Azure OpenAI, Global deployment", 'title: !!python/object/apply:os.system ["echo owned"]'),
        "a YAML tag (tag:yaml.org,2002:python/object/apply:os.system) is used",
    ),
    "custom-tag": (variant("title: Azure OpenAI, Global deployment", "title: !secret Global"), "a YAML tag (!secret) is used"),
    "nested-1000-deep": (nested(1000), "nested more than 20 levels deep"),
    "nested-100000-deep": (nested(100_000), "nested more than 20 levels deep"),
    "file-too-big": (too_big, "a tree file may have"),
    "source-not-utf8": (source_not_utf8, "byte 0xe9 is not valid UTF-8"),
    "lock-not-utf8": (lock_not_utf8, "byte 0xe9 is not valid UTF-8"),
    "schema-not-json": (broken_schema(_drop_comma, '"start": {"$ref"'), "schema.json is not valid JSON"),
    "schema-not-a-schema": (broken_schema(_bad_type, '"kind": {"type": "strin"'), "schema.json is not a valid JSON schema"),
    "site-missing": (without_site, "the required key 'site' is missing"),
    "site-missing-real-tree": (real_tree_without_site, "Fix: add site: to nodes.yaml, the file that holds nodes:"),
    "content-date-invalid": (variant('content_date: "2026-11-23"', 'content_date: "2026-13-01"'), "the date 2026-13-01 does not exist"),
    # 5. Poor messages
    "id-on": (
        variant("  - id: aoai-standard\n", "  - id: on\n"),
        'the value on is read by YAML as true/false, not as text. Fix: put it in quotes: "on"',
    ),
    "title-number": (variant("title: Azure OpenAI, Global deployment", "title: 1.5"), 'put it in quotes: "1.5"'),
    "control-character": (
        variant("title: Azure OpenAI, Global deployment", "title: Azure OpenAI,\x07 Global deployment"),
        "control character U+0007 is in column",
    ),
    "emptied-nodes-yaml": (emptied_nodes, "the file holds no data"),
    # 6. Characters an escape writes: the raw file is clean, the decoded value is not
    "summary-escape-x01": (
        variant("summary: First published.", 'summary: "First\\x01 published."'),
        "the value holds an invisible control character, U+0001",
    ),
    "summary-escape-ufffe": (
        variant("summary: First published.", 'summary: "First published.\\uFFFE"'),
        "the value holds a Unicode noncharacter, U+FFFE",
    ),
    "summary-escape-nul": (
        variant("summary: First published.", 'summary: "First\\0 published."'),
        "the value holds an invisible control character, U+0000",
    ),
    "title-escape-nel": (
        variant("title: Azure OpenAI, Global deployment", 'title: "Azure OpenAI,\\N Global deployment"'),
        "U+0085",
    ),
    "key-escape-x7f": (variant("  - id: aoai-standard\n", '  - id: aoai-standard\n    "x\\x7f": 1\n', '"x'), "U+007F"),
    "source-id-index": (source_id("index"), "the source id 'index' is the name of a page the build generates"),
    # 6. Ticket words that would route tickets past what the sources cover (issue 17)
    "synonym-one-letter": (
        synonym('"(a+)+$"'),
        "write the word as tickets spell it, with at least two letters or digits",
    ),
    "synonym-no-letters": (synonym('"++ --"'), "at least two letters or digits"),
    "synonym-refused": (
        with_coverage(REFUSED, synonyms="[Global Standard, Dynamics 365]"),
        "the synonym 'Dynamics 365' of the option 'Global' (node aoai) is refused as a synonym",
    ),
    "synonym-not-covered": (
        with_coverage(NOT_COVERED, synonyms="[Global Standard, ChatGPT]"),
        "the synonym 'ChatGPT' of the option 'Global' (node aoai) is also listed as a product our sources do not cover",
    ),
    "not-covered-generic-name": (
        appended(REFUSED + NOT_COVERED.replace("[ChatGPT, OpenAI API]", "[ChatGPT, Copilot]"), "names: [ChatGPT, Copilot]"),
        "the name 'Copilot' of the not-covered product 'openai-services' is a generic word",
    ),
    "not-covered-name-twice": (
        appended(NOT_COVERED + "  - {id: chat, name: Chat tools, names: [chatgpt]}\n", "names: [chatgpt]"),
        "the name 'chatgpt' of the not-covered product 'chat' is also a name of 'openai-services'",
    ),
    "not-covered-duplicate-id": (
        appended(NOT_COVERED + "  - {id: openai-services, name: Again, names: [OpenAI platform]}\n", "name: Again"),
        "duplicate not-covered product id 'openai-services'",
    ),
    "not-covered-nearest-missing": (
        appended(
            "not_covered:\n  - id: dz-batch\n    name: Data Zone Batch\n    names: [DataZone Batch]\n"
            "    nearest: {node: aoai-datazone, reason: Its rule is for any deployment type labeled DataZone.}\n",
            "nearest: {node: aoai-datazone",
        ),
        "names the nearest page 'aoai-datazone', which does not exist",
    ),
    "not-covered-without-names": (
        appended("not_covered:\n  - {id: fabric, name: Copilot in Fabric, names: []}\n", "names: []"),
        "the value [] is empty",
    ),
}

# Deep nesting is checked only in a child process: if it ever overflowed the C stack again it would kill pytest.
IN_PROCESS = sorted(name for name in GENERATED if name != "nested-100000-deep")


def _expect(name: str, tmp: Path) -> tuple[Path, Path, int, str]:
    make, words = GENERATED[name]
    tree, file, line = make(tmp)
    return tree, file, line, words


@pytest.mark.parametrize("name", IN_PROCESS)
def test_core_names_file_line_and_fix_generated(name: str, tmp_path: Path) -> None:
    tree, file, line, words = _expect(name, tmp_path)
    with pytest.raises(TreeError) as caught:
        build_site(tree)
    first = caught.value.problems[0]
    text = str(first)
    assert first.where.file == file, text
    assert first.where.line == line, text
    assert words in text
    assert ". Fix: " in text and first.fix
    assert "\n" not in text, "each problem is one line"


def _one_located_line(stderr: str, file: Path, line: int, words: str) -> None:
    assert "Traceback" not in stderr and "RecursionError" not in stderr, stderr[-2000:]
    located = [row for row in stderr.splitlines() if row.startswith(f"{file}:{line}: ")]
    assert located, stderr[-2000:]
    assert words in located[0] and ". Fix: " in located[0], located[0]


@pytest.mark.parametrize("name", sorted(GENERATED))
def test_cli_check_fails_with_one_located_line(name: str, tmp_path: Path) -> None:
    """`python -m treesite check` in a child process: a crash or a segfault cannot pass as a message."""
    tree, file, line, words = _expect(name, tmp_path)
    env = dict(os.environ, PYTHONPATH=str(FIXTURES.parents[1] / "hooks"))
    result = subprocess.run(
        [sys.executable, "-m", "treesite", "check", str(tree)], env=env, capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 1, (result.returncode, result.stderr[-2000:])
    assert "OK:" not in result.stdout
    _one_located_line(result.stderr, file, line, words)


@pytest.mark.parametrize("name", sorted(GENERATED))
def test_mkdocs_build_fails_generated(name: str, tmp_path: Path, scratch_site: Path) -> None:
    (tmp_path / "input").mkdir()
    tree, file, line, words = _expect(name, tmp_path / "input")
    result = mkdocs_build(scratch_site, tree=tree, strict=False)
    assert result.returncode != 0
    _one_located_line(result.stderr, file, line, words)
    assert sorted(p.name for p in scratch_site.iterdir()) == ["index.html"]
    assert (scratch_site / "index.html").read_text(encoding="utf-8") == "previous good build"


def test_source_path_refuses_what_the_schema_would_also_refuse(tmp_path: Path) -> None:
    """The path check holds on its own, should the schema's pattern ever be loosened."""
    assert "absolute" in source_path(tmp_path, "/etc/passwd")[1]
    assert ".." in source_path(tmp_path, "sources/../../x.md")[1]
    assert source_path(tmp_path, "sources/x.md") == (tmp_path / "sources" / "x.md", "")


def test_generated_page_names_are_all_reserved() -> None:
    """Every page the build makes that is not a node's, a source's or a retired one is a reserved name."""
    build = build_site(VALID)
    tree = build.loaded.tree
    own = {f"s/{s.id}.md" for s in tree.sources} | {md_path(n.url) for n in tree.nodes} | {md_path(r.url) for r in tree.retired}
    generated = {p for p in build.pages if p not in own}
    assert all("/" not in p or p.startswith("s/") for p in generated), generated
    assert {Path(p).stem for p in generated if p.startswith("s/")} <= GENERATED_SOURCE_NAMES


def test_every_schema_pattern_refuses_a_trailing_newline() -> None:
    """JSON-schema patterns are searched with Python's re, where $ also matches before a final newline."""
    schema = json.loads((REPO_TREE / "schema.json").read_text(encoding="utf-8"))
    patterns = [v for _, v in checks_walk(schema) if isinstance(v, str) and v.startswith("^")]
    assert patterns
    for pattern in patterns:
        assert pattern.endswith(("(?!\\n)$", "[\\s\\S]*$")), pattern


def test_bom_at_start_of_source_is_dropped(tmp_path: Path, scratch_site: Path) -> None:
    """A byte-order mark would turn the first heading into a paragraph reading "# Data, privacy, …"."""
    folder = _folder(tmp_path)
    source = folder / "sources" / "aoai-privacy.md"
    source.write_bytes(b"\xef\xbb\xbf" + source.read_bytes())
    # The YAML file starts with one too.
    (folder / "tree.yaml").write_bytes(b"\xef\xbb\xbf" + (folder / "tree.yaml").read_bytes())
    build = build_site(folder)
    text = build.loaded.tree.sources_by_id["aoai-privacy"].text
    assert text is not None
    assert text.blocks[0].is_heading and text.blocks[0].markdown.startswith("# Data, privacy")
    assert "\ufeff" not in build.pages["s/aoai-privacy.md"]
    result = mkdocs_build(scratch_site, tree=folder, strict=False)
    assert result.returncode == 0, result.stderr[-2000:]
    html = (scratch_site / "s" / "aoai-privacy.html").read_text(encoding="utf-8")
    assert "\ufeff" not in html
    assert "# Data, privacy" not in html
    assert re.search(r"<h[1-3][^>]*>Data, privacy, and security for Azure OpenAI Service", html)
