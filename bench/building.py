"""Timing one `mkdocs build` as `make build` runs it: wall and CPU seconds, and the figures' formatting.

Shared by the build benchmarks (real_site.py, scaling.py). On a shared machine
the CPU time of the build process is the steadier of the two figures.
"""

from __future__ import annotations

import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
MKDOCS = str(Path(sys.executable).parent / "mkdocs")
CONFIG = REPO / "mkdocs.yml"


@dataclass(frozen=True)
class Run:
    """One build: wall seconds, CPU seconds of the child process, and whether it needed --no-strict."""

    wall: float
    cpu: float
    strict: bool


def env(tree: Path | None = None) -> dict[str, str]:
    """The environment `make` gives MkDocs; DECISION_TREE only when a tree is named."""
    result = dict(os.environ, NO_MKDOCS_2_WARNING="1", DISABLE_MKDOCS_2_WARNING="true", PYTHONDONTWRITEBYTECODE="1")
    result.pop("DECISION_TREE", None)
    if tree is not None:
        result["DECISION_TREE"] = str(tree)
    return result


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def mkdocs_build(config: Path, site_dir: Path, *, tree: Path | None = None, notes: list[str]) -> Run:
    """Build once with --strict; if that fails, say why in ``notes`` and time a --no-strict build instead."""
    for strict in (True, False):
        shutil.rmtree(site_dir, ignore_errors=True)
        cmd = [MKDOCS, "build", "--quiet", "-f", str(config), "--site-dir", str(site_dir), "--strict" if strict else "--no-strict"]
        cpu0, wall0 = children_cpu(), time.perf_counter()
        result = subprocess.run(cmd, cwd=config.parent, env=env(tree), capture_output=True, text=True, timeout=1800)
        wall, cpu = time.perf_counter() - wall0, children_cpu() - cpu0
        if result.returncode == 0:
            return Run(wall, cpu, strict)
        lines = result.stderr.strip().splitlines() or ["(no output)"]
        last = next((line.strip() for line in lines if "WARNING" in line or "ERROR" in line), lines[-1])
        if strict:
            note = f"`--strict` failed for {config.name}{' with ' + tree.name if tree else ''}: {last}; timed with --no-strict"
            if note not in notes:
                notes.append(note)
        else:
            raise SystemExit(f"mkdocs build failed even without --strict ({config}):\n{result.stderr}")
    raise AssertionError("unreachable")


def stats(values: list[float]) -> tuple[float, float, float]:
    return min(values), statistics.median(values), max(values)


def fmt(seconds: float) -> str:
    return f"{seconds:.2f}"
