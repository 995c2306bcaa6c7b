"""Every kind of bad input fails with the file, the line and a fix (one fixture file each)."""

from __future__ import annotations

from pathlib import Path

import pytest
from treesite import TreeError
from treesite.load import load

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
