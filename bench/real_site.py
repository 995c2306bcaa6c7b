"""Benchmark 1: build time of the real site, ``mkdocs build --strict`` into a temp folder as ``make build`` does.

Several builds, min / median / max of wall and CPU seconds. Run alone:

    python bench/real_site.py --repeats 1
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from building import CONFIG, fmt, mkdocs_build, stats


def bench_real_site(work: Path, repeats: int, notes: list[str]) -> tuple[list[str], Path]:
    """The section's lines, and the site the last build left (the browser benchmarks measure it)."""
    runs = [mkdocs_build(CONFIG, work / "real-site", notes=notes) for _ in range(repeats)]
    wall, cpu = stats([r.wall for r in runs]), stats([r.cpu for r in runs])
    mode = "--strict" if all(r.strict for r in runs) else "**--no-strict** (see notes)"
    lines = [
        f"### 1. Build time of the real site ({repeats} builds, {mode})",
        "",
        "| | min | median | max |",
        "|---|---:|---:|---:|",
        f"| wall s | {fmt(wall[0])} | {fmt(wall[1])} | {fmt(wall[2])} |",
        f"| CPU s (build process) | {fmt(cpu[0])} | {fmt(cpu[1])} | {fmt(cpu[2])} |",
    ]
    return lines, work / "real-site"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeats", type=int, default=5, help="builds of the real site (default 5)")
    args = parser.parse_args(argv)
    notes: list[str] = []
    with tempfile.TemporaryDirectory(prefix="faq-bench-real-") as tmp:
        lines, _ = bench_real_site(Path(tmp), args.repeats, notes)
    print("\n".join([*lines, *(f"- {n}" for n in notes)]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
