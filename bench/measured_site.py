"""The site a browser benchmark measures, and the Chromium it measures with.

Why one place: every browser benchmark takes ``--site`` (an already built site/) or
builds one, strictly, into a folder that is gone afterwards; and each needs Debian's
Chromium. Written once, a benchmark cannot measure a half-built or non-strict site.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.helpers import mkdocs_build  # noqa: E402


@contextlib.contextmanager
def measured_site(site: Path | None, prefix: str) -> Iterator[tuple[Path, str]]:
    """(the site folder, Chromium's path): the given site, or a fresh strict build removed on exit."""
    chromium = shutil.which("chromium")
    if chromium is None:
        raise SystemExit("chromium is not on PATH: run `make test-deps`")
    os.environ.setdefault("PYTHONDONTWRITEBYTECODE", "1")
    with tempfile.TemporaryDirectory(prefix=prefix) as tmp:
        if site is None:
            site = Path(tmp) / "site"
            result = mkdocs_build(site)
            if result.returncode:
                raise SystemExit(result.stderr)
        yield site, chromium
