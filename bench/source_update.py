"""Benchmark: how long `make source-update` takes on the issue's synthetic update of the Azure OpenAI page.

Run alone: ``.venv/bin/python bench/source_update.py [--repeats N]``; prints Markdown.

Each run copies the parts of the repository the target reads into a fresh
temporary folder (the virtual environment is the repository's own, never
reinstalled: make runs with -o .venv/.installed), writes the newer copy made by
tests/sourceedit.py (two paragraphs inserted near the top, a quoted sentence
reworded, a quoted paragraph removed, "Azure OpenAI" renamed in the Important
box) and times ``make source-update`` from start to exit: wall time, and the
CPU time of make and its children (steadier on a shared machine).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests import sourceedit  # noqa: E402  (the repository root is on sys.path only from here)
from tests.helpers import repo_copy  # noqa: E402


def one_run() -> tuple[float, float]:
    """(wall seconds, CPU seconds of make and its children) for one update in a fresh copy."""
    with tempfile.TemporaryDirectory(prefix="bench-source-update-") as tmp:
        repo = repo_copy(Path(tmp))
        download = Path(tmp) / "data-privacy.md"
        download.write_text(sourceedit.closing_note_copy(), encoding="utf-8")
        cmd = ["make", "--no-print-directory", "-o", ".venv/.installed", "source-update", "SOURCE=aoai-privacy"]
        cmd += [f"FILE={download}", "DATE=2025-10-30", "TODAY=2026-12-06"]
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        result = subprocess.run(cmd, cwd=repo, capture_output=True, text=True, timeout=600)
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if result.returncode != 0:
            raise SystemExit(f"make source-update failed:\n{result.stderr}")
        return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeats", type=int, default=3, help="runs (default 3)")
    args = parser.parse_args(argv)
    runs = [one_run() for _ in range(args.repeats)]
    walls, cpus = [w for w, _ in runs], [c for _, c in runs]
    print("### `make source-update` on the synthetic Azure OpenAI update\n")
    print(f"Load average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs; {args.repeats} runs.\n")
    print("| | min | median | max |\n|---|---|---|---|")
    print(f"| wall (s) | {min(walls):.2f} | {statistics.median(walls):.2f} | {max(walls):.2f} |")
    print(f"| CPU (s) | {min(cpus):.2f} | {statistics.median(cpus):.2f} | {max(cpus):.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
