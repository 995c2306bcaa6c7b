"""Test-only stand-in for `mkdocs`: the real MkDocs build, held after its first page until the test lets go.

tests/unit/test_build_hygiene.py runs `make build SITE_BUILDER="python tests/blocking_build.py"`
to interrupt a build that is certainly still running, on a fast machine or a busy one.
Nothing in the shipped configuration waits: this file is the only place that does, and
only make's SITE_BUILDER variable (set by the test) runs it.

The signal files, in the folder named by BLOCK_DIR:

- ``started``: written once the first page is in the site folder; the build then waits.
- ``release``: the test writes it to let the build go on (the interruption tests never do).
- ``term-1``, ``term-2``, ...: one per SIGTERM received.
- ``may-exit``: with BLOCK_LINGER=1 a SIGTERM does not end the build until this file
  exists, like an engine that takes its time to stop; the test can then send another
  signal while make's recipe is cleaning up.
"""

from __future__ import annotations

import os
import signal
import sys
import time
from pathlib import Path
from types import FrameType

import mkdocs.utils
from mkdocs.__main__ import cli

BLOCK_DIR = Path(os.environ["BLOCK_DIR"])
POLL_SECONDS = 0.02
_terms = 0


def _wait_for(name: str) -> None:
    """Poll for a file the test writes; the test, not a timer, decides when this ends."""
    while not (BLOCK_DIR / name).exists():
        time.sleep(POLL_SECONDS)


def _on_term(signum: int, frame: FrameType | None) -> None:
    global _terms
    _terms += 1
    (BLOCK_DIR / f"term-{_terms}").touch()
    if os.environ.get("BLOCK_LINGER") == "1":
        _wait_for("may-exit")
    os._exit(128 + signum)


_write_file = mkdocs.utils.write_file


def _write_then_block(content: bytes, output_path: str) -> None:
    """MkDocs writes every page through this; after the first one the build holds."""
    _write_file(content, output_path)
    started = BLOCK_DIR / "started"
    if not started.exists():
        # Written whole, then renamed: the test never reads a half-written file.
        (BLOCK_DIR / "started.part").write_text(output_path, encoding="utf-8")
        (BLOCK_DIR / "started.part").rename(started)
        _wait_for("release")


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, _on_term)
    mkdocs.utils.write_file = _write_then_block
    sys.argv[0] = "mkdocs"
    cli()
