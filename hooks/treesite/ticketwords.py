"""Ticket words: how the ticket box reads a word of the tree, and which words it refuses.

Why a module of its own: the build's checks (is this synonym usable?) and the
box's data (ticketdata.py) must cut words into tokens the same way, and the
checks run before the box's data is made, so neither may import the other.

The box matches tokens: lower-case runs of a-z and 0-9 (TOKEN in
docs/assets/javascripts/ticket-match.js is the same). A word of the tree that
reduces to no token could never match; one that reduces to a single letter
(``(a+)+$`` becomes ``a``) would match almost any ticket. Both stop the build.

The rules on meaning live in the tree YAML, not here: ``not_synonyms:`` lists
generic words and product families that must never choose an option, and
``not_covered:`` lists the products our sources do not cover. A synonym may be
neither, and a not-covered name may not be a generic word.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .errors import Location, Problem
from .model import Tree

_TOKEN = re.compile(r"[a-z0-9]+")
MIN_SINGLE_TOKEN = 2  # a one-token word needs at least this many letters or digits


def tokens(text: str) -> list[str]:
    """Lower-case runs of a-z and 0-9; the script's tokenizer (TOKEN in ticket-match.js) is the same."""
    return _TOKEN.findall(text.lower())


def unusable(word: str) -> str | None:
    """Why the box cannot use this word, in an editor's terms; None when it can."""
    toks = tokens(word)
    if not toks:
        return "has no letter or digit (a-z, 0-9), so the ticket box could never find it in a ticket"
    if len(toks) == 1 and len(toks[0]) < MIN_SINGLE_TOKEN:
        return f"reduces to the single letter '{toks[0]}' (the box reads only a-z and 0-9), which occurs in almost every ticket"
    return None


def phrase(word: str) -> tuple[str, ...]:
    """The word as the box's tokens; refuses a word the box cannot use instead of matching it silently.

    The build's check reports such a word with its file and line first; this
    guard keeps a tree that skipped the check from shipping a word that matches everything.
    """
    problem = unusable(word)
    if problem:
        raise ValueError(f"the ticket word {word!r} {problem}")
    return tuple(tokens(word))


@dataclass(frozen=True)
class _Word:
    text: str
    where: Location
    owner: str  # for messages: "the synonym of option 'Business Central' (node work)"


def _synonyms(tree: Tree) -> Iterator[_Word]:
    """The words that choose an option: its synonyms and its features (the same rules hold for both)."""
    for node in tree.nodes:
        for option in node.options:
            for k, word in enumerate(option.synonyms):
                where = option.synonym_lines[k] if k < len(option.synonym_lines) else option.where
                yield _Word(word, where, f"the synonym '{word}' of the option '{option.short}' (node {node.id})")
            for k, word in enumerate(option.features):
                where = option.feature_lines[k] if k < len(option.feature_lines) else option.where
                yield _Word(word, where, f"the feature '{word}' of the option '{option.short}' (node {node.id})")


def _reading_words(tree: Tree) -> Iterator[_Word]:
    """Words that shape how a ticket is read but choose nothing: qualifiers of a question, passing words."""
    for node in tree.nodes:
        for k, word in enumerate(node.qualifiers):
            where = node.qualifier_lines[k] if k < len(node.qualifier_lines) else node.where
            yield _Word(word, where, f"the qualifier '{word}' of node {node.id}")
    for k, word in enumerate(tree.passing):
        where = tree.passing_lines[k] if k < len(tree.passing_lines) else Location(Path("coverage.yaml"))
        yield _Word(word, where, f"the passing word '{word}'")
    for k, word in enumerate(tree.comparing):
        where = tree.comparing_lines[k] if k < len(tree.comparing_lines) else Location(Path("coverage.yaml"))
        yield _Word(word, where, f"the comparing word '{word}'")


def _not_covered_names(tree: Tree) -> Iterator[tuple[_Word, str]]:
    for entry in tree.not_covered:
        for k, word in enumerate(entry.names):
            where = entry.name_lines[k] if k < len(entry.name_lines) else entry.where
            yield _Word(word, where, f"the name '{word}' of the not-covered product '{entry.id}'"), entry.id


def _all_words(tree: Tree) -> Iterator[_Word]:
    yield from _synonyms(tree)
    yield from _reading_words(tree)
    for question in tree.site.glance:
        for k, word in enumerate(question.words):
            where = question.word_lines[k] if k < len(question.word_lines) else question.where
            yield _Word(word, where, f"the question word '{word}' of '{question.id}'")
    for word, _ in _not_covered_names(tree):
        yield word
    for rule in tree.word_rules:
        for k, text in enumerate(rule.words):
            where = rule.word_lines[k] if k < len(rule.word_lines) else rule.where
            yield _Word(text, where, f"the refused word '{text}'")


def check_ticket_words(tree: Tree) -> list[Problem]:
    """Every problem with the words the box matches, each at its own line.

    - a word that reduces to no token or to one letter;
    - a synonym that is a refused word (not_synonyms:), or a name of a not-covered product;
    - a not-covered name that is a generic word, or that two not-covered products share.
    """
    problems: list[Problem] = []
    ids = {n.id for n in tree.nodes}
    for node in tree.nodes:
        for option in node.options:
            for target in option.built_on:
                if target not in ids:
                    problems.append(
                        Problem(
                            option.where,
                            f"the option '{option.short}' (node {node.id}) is built_on '{target}', which is no node of the tree",
                            "name the id of the page of the service it is built on, e.g. aoai",
                        )
                    )
    for word in _all_words(tree):
        problem = unusable(word.text)
        if problem:
            problems.append(
                Problem(word.where, f"{word.owner} {problem}", "write the name as tickets spell it, with at least two letters or digits")
            )
    if problems:
        return problems  # the rules below compare tokens, which these words do not have

    refused: dict[tuple[str, ...], tuple[str, str, Location]] = {}
    for rule in tree.word_rules:
        for k, text in enumerate(rule.words):
            where = rule.word_lines[k] if k < len(rule.word_lines) else rule.where
            refused.setdefault(tuple(tokens(text)), (rule.kind, rule.why, where))
    not_covered: dict[tuple[str, ...], tuple[str, Location]] = {}
    for word, entry_id in _not_covered_names(tree):
        key = tuple(tokens(word.text))
        if key in not_covered and not_covered[key][0] != entry_id:
            first_id, first_where = not_covered[key]
            problems.append(
                Problem(
                    word.where,
                    f"{word.owner} is also a name of '{first_id}' ({first_where})",
                    "give each name to one not-covered product only",
                )
            )
            continue
        not_covered.setdefault(key, (entry_id, word.where))
        rule = refused.get(key)
        if rule and rule[0] == "generic":
            problems.append(
                Problem(
                    word.where,
                    f"{word.owner} is a generic word ({rule[2]}: {rule[1]})",
                    "name the product as tickets write it, for example with its brand, so other tickets do not match it",
                )
            )
    for word in _synonyms(tree):
        key = tuple(tokens(word.text))
        rule = refused.get(key)
        if rule:
            problems.append(
                Problem(
                    word.where,
                    f"{word.owner} is refused as a synonym ({rule[2]}: {rule[1]})",
                    "remove it, or write the product's full name (for example 'Dynamics 365 Business Central', not 'Dynamics 365')",
                )
            )
        if key in not_covered:
            entry_id, where = not_covered[key]
            problems.append(
                Problem(
                    word.where,
                    f"{word.owner} is also listed as a product our sources do not cover ('{entry_id}', {where})",
                    "remove one of the two: a ticket word either chooses this option or says the sources do not cover the product",
                )
            )
    return problems
