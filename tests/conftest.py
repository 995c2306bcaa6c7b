"""Session fixtures: one strict build of the real site, shared by every test that reads it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.helpers import mkdocs_build


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built with --strict exactly as `make build` builds it."""
    site = tmp_path_factory.mktemp("site") / "site"
    result = mkdocs_build(site)
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stderr}"
    return site


@pytest.fixture()
def scratch_site(tmp_path: Path) -> Path:
    """A site/ folder with a marker file, to prove a failed build leaves it alone."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("previous good build", encoding="utf-8")
    return site


def copy_tree(src: Path, dest: Path) -> Path:
    shutil.copytree(src, dest)
    return dest
