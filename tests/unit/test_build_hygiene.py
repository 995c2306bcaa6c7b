"""`make build` leaves a readable site/ on success and no .site-build-* folder when interrupted.

These run the Makefile's own recipe (into a temporary SITE_DIR), with the install
stamps marked old-but-done (-o) so that no test ever reinstalls packages.
"""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import time
from pathlib import Path

import pytest

from tests.helpers import REPO, mkdocs_env

MAKE = ["make", "--no-print-directory", "-o", ".venv/.installed", "-o", "node_modules/.installed", "build"]


def _make_build(site: Path, umask: int | None = None) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [*MAKE, f"SITE_DIR={site}"],
        cwd=REPO,
        env=mkdocs_env(),
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        preexec_fn=(lambda: os.umask(umask)) if umask is not None else None,
    )


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.glob(".site-build-*"))


def test_build_leaves_site_readable_by_others(tmp_path: Path) -> None:
    """mktemp -d makes 700 and a umask of 077 makes files 600; a web server as another user must read them."""
    site = tmp_path / "site"
    build = _make_build(site, umask=0o077)
    _, err = build.communicate(timeout=300)
    assert build.returncode == 0, err.decode()[-2000:]
    modes = {p.relative_to(site).as_posix() or ".": stat.S_IMODE(p.stat().st_mode) for p in [site, *site.rglob("*")]}
    assert {name: oct(m) for name, m in modes.items() if (site / name).is_dir() and m != 0o755} == {}
    assert {name: oct(m) for name, m in modes.items() if (site / name).is_file() and m != 0o644} == {}
    assert (site / "index.html").is_file()
    assert _leftovers(tmp_path) == []


@pytest.mark.parametrize("how", ["ctrl-c", "kill make"])
def test_interrupted_build_leaves_nothing_behind(tmp_path: Path, how: str) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("previous good build", encoding="utf-8")
    build = _make_build(site)
    deadline = time.monotonic() + 120
    while not _leftovers(tmp_path):
        assert build.poll() is None, "the build ended before it could be interrupted"
        assert time.monotonic() < deadline
        time.sleep(0.05)
    time.sleep(1.0)  # mkdocs is now writing into the folder
    if how == "ctrl-c":
        os.killpg(build.pid, signal.SIGINT)  # the terminal sends SIGINT to the whole foreground group
    else:
        build.send_signal(signal.SIGTERM)  # make alone; it passes TERM to the recipe's shell
    build.wait(timeout=60)
    assert build.returncode != 0
    deadline = time.monotonic() + 30
    while _leftovers(tmp_path) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _leftovers(tmp_path) == []
    assert sorted(p.name for p in site.iterdir()) == ["index.html"]
    assert (site / "index.html").read_text(encoding="utf-8") == "previous good build"
