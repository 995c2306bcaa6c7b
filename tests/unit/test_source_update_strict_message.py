"""The message that stops a strict build tells the truth: mkdocs.yml makes every build strict; --no-strict previews."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml
from mkdocs.exceptions import PluginError
from treesite.errors import Location, Problem

from tests.helpers import REPO


def _hook():
    sys.path.insert(0, str(REPO / "hooks"))
    try:
        return importlib.import_module("decision_tree_hook")
    finally:
        sys.path.remove(str(REPO / "hooks"))


def test_message_says_a_plain_build_is_strict_and_how_to_preview() -> None:
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8").split("\ntheme:", 1)[0])
    assert config["strict"] is True, "the message below relies on mkdocs.yml making plain builds strict"
    problem = Problem(Location(Path("changes.yaml"), 3), "an answer changed without a change entry", "add one")
    with pytest.raises(PluginError) as caught:
        _hook()._report(SimpleNamespace(strict=True), [problem])
    message = str(caught.value)
    assert "mkdocs.yml sets strict: true, so a plain `mkdocs build` is strict too" in message
    assert "`mkdocs build --no-strict`" in message
    assert "A build without --strict shows them as warnings" not in message


def test_no_strict_build_shows_the_problems_as_warnings(caplog: pytest.LogCaptureFixture) -> None:
    problem = Problem(Location(Path("changes.yaml"), 3), "an answer changed without a change entry", "add one")
    _hook()._report(SimpleNamespace(strict=False), [problem])
    assert "an answer changed without a change entry" in caplog.text
