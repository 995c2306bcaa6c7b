"""`make build ENGINE=properdocs` builds the same site as MkDocs 1.6.1, with no line of MkDocs.

ProperDocs is the maintained continuation of MkDocs 1.x. It runs in its own venv
(.venv-properdocs, `make test-deps` installs it from the hash-pinned
requirements-properdocs.txt), where the mkdocs package is not installed at all:
ProperDocs answers every `import mkdocs...` of the theme, the plugins and our hooks.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from tests.helpers import REAL_FACT_WORDS, REPO, UNLOGGED_EDIT, mkdocs_env

PD_VENV = REPO / ".venv-properdocs"
STAMPS = ["-o", ".venv/.installed", "-o", "node_modules/.installed", "-o", ".venv-properdocs/.installed"]
# The one line the two engines write differently: <meta name="generator" content="mkdocs-1.6.1, ...">.
GENERATOR = re.compile(r'<meta name="generator" content="[^"]*">')


def _make_build(site: Path, *args: str, tree: Path | None = None) -> subprocess.CompletedProcess[str]:
    cmd = ["make", "--no-print-directory", *STAMPS, "build", "ENGINE=properdocs", f"SITE_DIR={site}", *args]
    return subprocess.run(cmd, cwd=REPO, env=mkdocs_env(tree), capture_output=True, text=True, timeout=600)


def _files(site: Path) -> dict[str, Path]:
    return {p.relative_to(site).as_posix(): p for p in sorted(site.rglob("*")) if p.is_file()}


def test_properdocs_venv_has_no_mkdocs() -> None:
    assert (PD_VENV / "bin" / "properdocs").is_file(), "run `make test-deps`: it installs .venv-properdocs"
    probe = "import importlib.metadata as m\ntry:\n    m.version('mkdocs')\nexcept m.PackageNotFoundError:\n    print('absent')"
    result = subprocess.run([str(PD_VENV / "bin" / "python"), "-c", probe], capture_output=True, text=True, timeout=60, check=True)
    assert result.stdout.strip() == "absent"


def test_properdocs_builds_the_same_site(built_site: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    result = _make_build(site)
    assert result.returncode == 0, result.stderr[-3000:]
    assert f"Built {site}/ with properdocs" in result.stdout
    ours, theirs = _files(site), _files(built_site)
    assert sorted(ours) == sorted(theirs), "the same pages and files"
    generators = set()
    for name, path in ours.items():
        if name.endswith(".html"):
            mine, other = path.read_text(encoding="utf-8"), theirs[name].read_text(encoding="utf-8")
            generators.update(GENERATOR.findall(mine))
            assert GENERATOR.sub("", mine) == GENERATOR.sub("", other), f"{name} differs beyond the generator line"
        else:
            assert path.read_bytes() == theirs[name].read_bytes(), f"{name} differs"
    assert any("ProperDocs" in g for g in generators), generators


def test_properdocs_strict_quiet_build_stops_on_an_unlogged_change(tmp_path: Path) -> None:
    tree = Path(shutil.copytree(REPO / "decision_tree", tmp_path / "tree"))
    facts = tree / "facts.yaml"
    text = facts.read_text(encoding="utf-8")
    assert REAL_FACT_WORDS in text, "the fact changed: update REAL_FACT_WORDS in tests/helpers.py"
    facts.write_text(text.replace(REAL_FACT_WORDS, UNLOGGED_EDIT), encoding="utf-8")
    site = tmp_path / "site"
    result = _make_build(site, "MKDOCS_FLAGS=-q", tree=tree)
    assert result.returncode != 0
    assert "changed since published.lock, and no new change entry covers it" in result.stderr
    assert not site.exists() and not list(tmp_path.glob(".site-build-*"))


def test_an_unknown_engine_is_refused_by_name() -> None:
    result = subprocess.run(
        ["make", "--no-print-directory", *STAMPS, "build", "ENGINE=zensical"], cwd=REPO, capture_output=True, text=True, timeout=60
    )
    assert result.returncode != 0
    assert "ENGINE=zensical is not an engine this Makefile knows: use ENGINE=mkdocs (the default) or ENGINE=properdocs" in result.stderr
