"""Cleaning rules: the named, reusable steps that turn a page as downloaded into the copy we cite.

sources.yaml lists a source's steps under ``cleaning:``, in order; each is either
a rule run here (``rule:`` with its parameters and ``says:``, the sentence the
source page shows readers) or a step done by hand (``manual:``, which
source-update never guesses). A rule reports how often it changed the text and
what it changed, so a rule that no longer fits a new copy is seen ("did not
apply"), never silently skipped. Rules change presentation only (markup,
encoding, links, white space), never a word of content.

A rule is a function ``(text, params) -> (text, changes)`` in
treesite.cleaningrules, registered in RULES with the parameters it takes;
checks refuse an unknown rule or parameter with the line to fix.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .cleaningrules import (
    Changes,
    absolutise_links,
    blank_line_before_lists,
    close_table_rows,
    drop_html_comments,
    drop_learn_include,
    drop_mailto,
    fix_mojibake,
    front_matter_values,
    learn_alerts_to_blockquotes,
    learn_image_to_alt_text,
    learn_tabs_to_headings,
    outside_fences,
    short,
    strip_front_matter,
    trim_trailing_space_and_collapse_blank_lines,
)

RuleFunction = Callable[[str, dict[str, Any]], tuple[str, Changes]]


@dataclass(frozen=True)
class Rule:
    run: RuleFunction
    required: frozenset[str] = frozenset()
    optional: frozenset[str] = frozenset()
    does: str = ""  # what it does, for messages and the guide


@dataclass(frozen=True)
class Outcome:
    """What one step did to one text: ``changes`` lists each change (empty: the rule did not apply)."""

    rule: str | None  # None for a manual step
    says: str
    changes: tuple[str, ...] = ()

    @property
    def applied(self) -> bool:
        return bool(self.changes)

    @property
    def summary(self) -> str:
        if self.rule is None:
            return "done by hand"
        count = len(self.changes)
        return f"applied {count} time{'s' if count != 1 else ''}" if count else "did not apply"


@dataclass
class Cleaned:
    text: str
    outcomes: list[Outcome] = field(default_factory=list)
    front_matter: dict[str, str] = field(default_factory=dict)  # the keys strip-front-matter read (ms.date, for the report)
    leftovers: list[str] = field(default_factory=list)  # Learn markup no rule removed, line by line


RULES: dict[str, Rule] = {
    "strip-front-matter": Rule(strip_front_matter, optional=frozenset({"keys"}), does="removes the YAML front matter"),
    "fix-mojibake": Rule(fix_mojibake, does="repairs UTF-8 text that was read as Windows-1252 (â€™ for ’)"),
    "drop-learn-include": Rule(drop_learn_include, does="removes Learn [!INCLUDE ...] lines"),
    "learn-alerts-to-blockquotes": Rule(learn_alerts_to_blockquotes, does="turns > [!NOTE] alerts into quotes starting **Note**"),
    "learn-image-to-alt-text": Rule(
        learn_image_to_alt_text, optional=frozenset({"source", "label"}), does="replaces an image by an italic line of its alt text"
    ),
    "drop-html-comments": Rule(drop_html_comments, does="removes HTML comments"),
    "learn-tabs-to-headings": Rule(learn_tabs_to_headings, does="turns Learn tab links into plain headings"),
    "close-table-rows": Rule(close_table_rows, does="adds a missing closing | to table rows"),
    "absolutise-links": Rule(absolutise_links, required=frozenset({"base"}), does="makes relative links absolute"),
    "drop-mailto": Rule(drop_mailto, does="keeps a mailto: link's text and drops the link"),
    "blank-line-before-lists": Rule(blank_line_before_lists, does="separates a list from the paragraph before it"),
    "trim-trailing-space-and-collapse-blank-lines": Rule(
        trim_trailing_space_and_collapse_blank_lines, does="removes trailing spaces and extra blank lines"
    ),
}

# Learn markup that no rule of a source removed: each is named in the update report so an editor adds a rule.
LEFTOVER_MARKUP = {
    "Learn alert": re.compile(r"\[!(NOTE|IMPORTANT|TIP|WARNING|CAUTION)\]", re.IGNORECASE),
    "Learn include": re.compile(r"\[!INCLUDE", re.IGNORECASE),
    "Learn image directive": re.compile(r":::image"),
    "Learn tab link": re.compile(r"\(#tab/"),
    "image": re.compile(r"!\[[^\]]*\]\("),
    "HTML": re.compile(r"<[A-Za-z!/]"),
    "mailto: link": re.compile(r"\(mailto:"),
    "relative link": re.compile(r"\]\((?![A-Za-z][A-Za-z0-9+.-]*:|#)[^)\s]+\)"),
    "front matter": re.compile(r"\A---\n"),
}


@dataclass(frozen=True)
class Step:
    """One entry of a source's cleaning: a rule with its parameters, or a step done by hand (rule None)."""

    says: str
    rule: str | None = None
    params: dict[str, Any] = field(default_factory=dict)

    @property
    def manual(self) -> bool:
        return self.rule is None


def step_from_yaml(raw: Any) -> Step:
    """A cleaning entry as written: {rule, says, ...params}, {manual: sentence}, or a bare sentence (a manual step)."""
    if isinstance(raw, str):
        return Step(raw)
    if "manual" in raw:
        return Step(raw["manual"])
    params = {k: v for k, v in raw.items() if k not in {"rule", "says"}}
    return Step(raw["says"], raw["rule"], params)


def step_problems(step: Step) -> list[str]:
    """What is wrong with a rule step (unknown rule, missing or unknown parameter), as messages."""
    if step.rule is None:
        return []
    rule = RULES.get(step.rule)
    if rule is None:
        return [f"'{step.rule}' is not a cleaning rule; known rules: {', '.join(sorted(RULES))}"]
    problems = [f"rule '{step.rule}' needs the parameter {name}" for name in sorted(rule.required - step.params.keys())]
    unknown = sorted(step.params.keys() - rule.required - rule.optional)
    problems += [f"rule '{step.rule}' takes no parameter {name}" for name in unknown]
    return problems


def clean(text: str, steps: list[Step]) -> Cleaned:
    """Run the rule steps in order; manual steps are recorded as such (source-update refuses them unless told)."""
    result = Cleaned(text, front_matter=front_matter_values(text))
    for step in steps:
        if step.rule is None:
            result.outcomes.append(Outcome(None, step.says))
            continue
        result.text, changes = RULES[step.rule].run(result.text, step.params)
        result.outcomes.append(Outcome(step.rule, step.says, tuple(changes)))
    result.leftovers = leftover_markup(result.text)
    return result


def leftover_markup(text: str) -> list[str]:
    """Lines that still carry markup a cleaned copy should not (outside code), as 'line N: kind: text'."""
    found = []
    for number, (line, prose) in enumerate(outside_fences(text), start=1):
        if not prose:
            continue
        for kind, pattern in LEFTOVER_MARKUP.items():
            if pattern.search(line if kind != "front matter" else (line + "\n" if number == 1 else "")):
                found.append(f"line {number}: {kind}: {short(line)}")
    return found
