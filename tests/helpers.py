"""Shared by unit and browser tests: build the site the way `make build` does."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "fixtures"
VENV_BIN = Path(sys.executable).parent
MKDOCS = str(VENV_BIN / "mkdocs")

sys.path.insert(0, str(REPO / "hooks"))

# Debian's Chromium as root, without its own background traffic (the network here is closed).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def mkdocs_env(tree: Path | None = None) -> dict[str, str]:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", DISABLE_MKDOCS_2_WARNING="true")
    for name in ("DECISION_TREE", "SITE_URL", "PUBLISH"):  # a caller's shell must not change what the tests build
        env.pop(name, None)
    if tree is not None:
        env["DECISION_TREE"] = str(tree)
    return env


def mkdocs_build(
    site_dir: Path, *, tree: Path | None = None, config: str = "mkdocs.yml", strict: bool = True
) -> subprocess.CompletedProcess[str]:
    """Run `mkdocs build` from the repo root; tree overrides the tree folder (DECISION_TREE)."""
    cmd = [MKDOCS, "build", "-f", config, "--site-dir", str(site_dir)]
    if strict:
        cmd.append("--strict")
    else:
        cmd.append("--no-strict")
    return subprocess.run(cmd, cwd=REPO, env=mkdocs_env(tree), capture_output=True, text=True, timeout=300)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves a folder without logging every request; optional Cache-Control like a real host."""

    cache_seconds: int | None = None

    def end_headers(self) -> None:
        if self.cache_seconds is not None:
            self.send_header("Cache-Control", f"max-age={self.cache_seconds}")
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def serve_folder(directory: Path, cache_seconds: int | None = None) -> Iterator[str]:
    """Serve a folder on 127.0.0.1 on a free port; yields the base URL, ending in '/'."""
    handler = type("Handler", (_QuietHandler,), {"cache_seconds": cache_seconds})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


# Words of the real tree's facts.yaml (the Global processing fact) that tests edit to make an
# unlogged change; one place to update when that fact is reworded.
REAL_FACT_WORDS = "processed in any geography where\n      the relevant Azure OpenAI model is deployed."
UNLOGGED_EDIT = REAL_FACT_WORDS.replace("deployed.", "deployed, including outside the EU.")


def repo_copy(folder: Path) -> Path:
    """The parts of the repository `make source-update` reads, in folder/repo; the virtual environment is the repository's own.

    Tests and the benchmark run an update there, so the real tree is never touched.
    """
    repo = folder / "repo"
    repo.mkdir()
    for name in ("Makefile", "mkdocs.yml", "pyproject.toml", "requirements.txt"):
        shutil.copy(REPO / name, repo / name)
    for name in ("mk", "hooks", "decision_tree"):
        shutil.copytree(REPO / name, repo / name, ignore=shutil.ignore_patterns("__pycache__"))
    os.symlink(REPO / ".venv", repo / ".venv")
    return repo
