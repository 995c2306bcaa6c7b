"""Benchmark 2: scaling, hooks vs the same pages as plain Markdown, on synthetic trees.

Synthetic trees (bench/synthetic.py) of 100, 1,000 and 5,000 nodes, each built
twice: with the hooks (the real mkdocs.yml with DECISION_TREE pointing at the
tree) and as a plain MkDocs site whose docs folder already holds the same
Markdown (written by ``python -m treesite pages``) and whose config is the real
one minus the decision-tree hook. The difference is what the hook costs. Builds
alternate hooked/plain so that a change in machine load hits both. Wall time
*and* the CPU time of the build process are given: on a shared machine the CPU
time is the steadier of the two. The hook's own work (``treesite.build_site``:
load, check, render) is also timed in this process. Run alone:

    python bench/scaling.py --sizes 100 --rounds 1
"""

from __future__ import annotations

import argparse
import itertools
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from building import CONFIG, REPO, Run, env, fmt, mkdocs_build

sys.path[:0] = [str(REPO / "hooks")]

import synthetic  # noqa: E402
from treesite.site import build_site  # noqa: E402

TREE_HOOK = "decision_tree_hook.py"
HOOK_TARGET = 0.15


@dataclass
class SizeResult:
    nodes: int
    pages: int
    hooked: list[Run] = field(default_factory=list)
    plain: list[Run] = field(default_factory=list)
    core_seconds: float = 0.0


def rounds_for(sizes: list[int]) -> dict[int, int]:
    """Small trees build in seconds: three rounds each. 5,000 nodes takes minutes per build: one round,
    or the whole run would pass the ten-minute budget on a two-core machine."""
    return {n: (3 if n <= 1000 else 1) for n in sizes}


def plain_config(folder: Path) -> Path:
    """The real config minus the decision-tree hook, over a docs folder that already holds every page."""
    import yaml

    # mkdocs.yml has a !!python/name tag, so read only the hooks list, with a loader that ignores tags.
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("", lambda loader, suffix, node: None)
    hooks = (yaml.load(CONFIG.read_text(encoding="utf-8"), Loader=Loader) or {}).get("hooks", []) or []
    kept = [str((REPO / h).resolve()) for h in hooks if not h.endswith(TREE_HOOK)]
    for name in ("overrides", "node_modules"):  # theme.custom_dir and the vendored assets are found beside the config
        if (REPO / name).exists() and not (folder / name).exists():
            (folder / name).symlink_to(REPO / name)
    config = folder / "mkdocs.yml"
    config.write_text(
        f"INHERIT: {CONFIG}\ndocs_dir: docs\nhooks: {kept!r}\nwatch: []\n",
        encoding="utf-8",
    )
    return config


def prepare_size(work: Path, nodes: int) -> tuple[Path, Path, int]:
    """Generate the tree, lock it, and write the plain site's docs: returns (tree, plain config, pages)."""
    tree = synthetic.generate(work / f"tree-{nodes}", nodes)
    hooks_env = dict(env(), PYTHONPATH=str(REPO / "hooks"))
    subprocess.run([sys.executable, "-m", "treesite", "lock", str(tree.path)], env=hooks_env, check=True, capture_output=True)
    plain = work / f"plain-{nodes}"
    shutil.copytree(REPO / "docs", plain / "docs")
    subprocess.run(
        [sys.executable, "-m", "treesite", "pages", str(tree.path), str(plain / "docs")], env=hooks_env, check=True, capture_output=True
    )
    pages = sum(1 for _ in (plain / "docs").rglob("*.md"))
    return tree.path, plain_config(plain), pages


def measure(work: Path, sizes: list[int], repeats: dict[int, int], notes: list[str], log: Callable[[str], None]) -> list[SizeResult]:
    results: list[SizeResult] = []
    for nodes in sizes:
        tree, config, pages = prepare_size(work, nodes)
        result = SizeResult(nodes, pages)
        t0 = time.perf_counter()
        build_site(tree)
        result.core_seconds = time.perf_counter() - t0
        for i in range(repeats.get(nodes, 1)):
            log(f"  {nodes} nodes, round {i + 1}: hooked build")
            result.hooked.append(mkdocs_build(CONFIG, work / f"site-hooked-{nodes}", tree=tree, notes=notes))
            log(f"  {nodes} nodes, round {i + 1}: plain build")
            result.plain.append(mkdocs_build(config, work / f"site-plain-{nodes}", notes=notes))
        shutil.rmtree(work / f"site-hooked-{nodes}", ignore_errors=True)
        shutil.rmtree(work / f"site-plain-{nodes}", ignore_errors=True)
        results.append(result)
    return results


def table(results: list[SizeResult]) -> list[str]:
    lines = [
        "### 2. Scaling: hooks vs the same pages as plain Markdown",
        "",
        "Median of the runs; CPU = user + system time of the `mkdocs build` process.",
        "",
        "| nodes | pages | runs | hooked wall s | plain wall s | wall ratio | hooked CPU s | plain CPU s | CPU ratio "
        "| hook core s (in-process) | hooked s / 1,000 pages | plain s / 1,000 pages | hooks add < 15 % (CPU)? |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for r in results:
        hw, pw = statistics.median(x.wall for x in r.hooked), statistics.median(x.wall for x in r.plain)
        hc, pc = statistics.median(x.cpu for x in r.hooked), statistics.median(x.cpu for x in r.plain)
        met = "yes" if hc / pc - 1 < HOOK_TARGET else f"**no** (+{(hc / pc - 1) * 100:.0f} %)"
        lines.append(
            f"| {r.nodes:,} | {r.pages:,} | {len(r.hooked)} | {fmt(hw)} | {fmt(pw)} | {hw / pw:.2f} | {fmt(hc)} | {fmt(pc)} "
            f"| {hc / pc:.2f} | {fmt(r.core_seconds)} | {fmt(hw / r.pages * 1000)} | {fmt(pw / r.pages * 1000)} | {met} |"
        )
    if len(results) > 1:
        lines += ["", "CPU time per page of the bigger tree over the smaller one's (1.00 = grows linearly with pages):", ""]
    for small, big in itertools.pairwise(results):
        # Per-page cost of the bigger tree over the smaller one's: 1.00 means time grows linearly with pages.
        hooked = (statistics.median(x.cpu for x in big.hooked) / big.pages) / (statistics.median(x.cpu for x in small.hooked) / small.pages)
        plain = (statistics.median(x.cpu for x in big.plain) / big.pages) / (statistics.median(x.cpu for x in small.plain) / small.pages)
        core = (big.core_seconds / big.pages) / (small.core_seconds / small.pages)
        lines.append(
            f"- {small.nodes:,} → {big.nodes:,} nodes: hooked build x{hooked:.2f}, plain build x{plain:.2f}, hook core x{core:.2f}"
        )
    return lines


def bench_scaling(work: Path, sizes: list[int], repeats: dict[int, int], notes: list[str], log: Callable[[str], None]) -> list[str]:
    return table(measure(work, sizes, repeats, notes, log))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="100,1000,5000", help="synthetic tree sizes in nodes (default 100,1000,5000)")
    parser.add_argument("--rounds", type=int, help="hooked/plain build pairs per size (default 3 up to 1,000 nodes, then 1)")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s]
    repeats = {n: args.rounds for n in sizes} if args.rounds else rounds_for(sizes)
    notes: list[str] = []
    with tempfile.TemporaryDirectory(prefix="faq-bench-scaling-") as tmp:
        lines = bench_scaling(Path(tmp), sizes, repeats, notes, lambda m: print(m, file=sys.stderr, flush=True))
    print("\n".join([*lines, *(f"- {n}" for n in notes)]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
