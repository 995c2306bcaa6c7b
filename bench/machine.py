"""The machine the benchmarks ran on, as the report's first table: figures mean little without it."""

from __future__ import annotations

import contextlib
import importlib.metadata
import os
import platform
from pathlib import Path


def cpu_model() -> str:
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown"


def load_average() -> str:
    with contextlib.suppress(OSError):
        return " ".join(Path("/proc/loadavg").read_text(encoding="utf-8").split()[:3])
    return "n/a"


def version(dist: str) -> str:
    try:
        return importlib.metadata.version(dist)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


def machine_table(chromium: str) -> list[str]:
    cores = os.cpu_count() or 0
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else cores
    return [
        "| Machine | |",
        "|---|---|",
        f"| CPU | {cpu_model()} |",
        f"| Cores | {cores} ({usable} usable by this process) |",
        f"| Python | {platform.python_version()} ({platform.python_implementation()}) |",
        f"| MkDocs | {version('mkdocs')} |",
        f"| Material for MkDocs | {version('mkdocs-material')} |",
        f"| PyYAML (libyaml available) | {version('PyYAML')} ({_libyaml()}) |",
        f"| Chromium | {chromium} |",
        f"| Load average at start (1, 5, 15 min) | {load_average()} |",
    ]


def _libyaml() -> str:
    import yaml

    return "yes" if getattr(yaml, "__with_libyaml__", False) else "no"
