"""Session fixtures: one strict build of the real site, shared by every test that reads it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.helpers import CHROMIUM_ARGS, mkdocs_build, serve_folder


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


# Browser fixtures ----------------------------------------------------------------


def chromium_path() -> str:
    """Debian's Chromium. In CI a missing browser fails the run; it is never skipped."""
    path = shutil.which("chromium")
    if path is None:
        pytest.fail("chromium is not on PATH: run `make test` (it installs Debian's chromium) or `apt-get install -y chromium`")
    return path


@pytest.fixture(scope="session")
def chromium_browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def site_url(built_site: Path):
    """The real site, built with --strict, served on loopback: base URL ending in '/'."""
    with serve_folder(built_site) as url:
        yield url


@pytest.fixture()
def page(chromium_browser, request: pytest.FixtureRequest):
    """A fresh page that fails the test on any console error or uncaught page error."""
    context = chromium_browser.new_context()
    tab = context.new_page()
    errors: list[str] = []
    tab.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    yield tab
    context.close()
    assert not errors, f"console errors: {errors}"
