"""Strict means strict at any log level: -q must not let a build publish what --strict refuses.

MkDocs counts strict-mode warnings from its log, and -q drops warnings before they
are counted. The hook therefore fails a strict build itself. Each problem that stops
a strict build is tried with -q, without it and with -v, through `mkdocs build`,
`make build`, `make publish` and `mkdocs gh-deploy` (to a bare repository in the
test's own folder: nothing is pushed anywhere else).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.helpers import MKDOCS, REAL_FACT_WORDS, REPO, UNLOGGED_EDIT, mkdocs_env

STAMPS = ["-o", ".venv/.installed", "-o", "node_modules/.installed", "-o", ".venv-properdocs/.installed"]
OLD_FACT = REAL_FACT_WORDS
NEW_FACT = UNLOGGED_EDIT


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {path.name} any more: update this test"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def unlogged_change(tree: Path) -> str:
    _edit(tree / "facts.yaml", OLD_FACT, NEW_FACT)
    return "changed since published.lock, and no new change entry covers it"


def missing_lock_entry(tree: Path) -> str:
    lock = tree / "published.lock"
    lines = lock.read_text(encoding="utf-8").splitlines(keepends=True)
    kept = [line for line in lines if not line.startswith("a/m365.html")]
    assert len(kept) == len(lines) - 1
    lock.write_text("".join(kept), encoding="utf-8")
    return "the new page a/m365.html is not in published.lock yet"


def stale_review(tree: Path) -> str:
    """A copy adopted after the pages' last review (2026-11-28), although the publisher dated it 2024-12-17."""
    _edit(
        tree / "sources.yaml",
        'newest change-log entry."\n    adopted: "2026-11-23"',
        'newest change-log entry."\n    adopted: "2026-12-01"',
    )
    return "before the copy of its source 'aoai-privacy' was adopted (2026-12-01)"


def no_lock(tree: Path) -> str:
    (tree / "published.lock").unlink()
    return "there is no published.lock next to the tree"


PROBLEMS: dict[str, Callable[[Path], str]] = {
    "unlogged change": unlogged_change,
    "missing lock entry": missing_lock_entry,
    "stale review": stale_review,
    "no lock": no_lock,
}


def _tree(tmp: Path, problem: str) -> tuple[Path, str]:
    tree = Path(shutil.copytree(REPO / "decision_tree", tmp / "tree"))
    return tree, PROBLEMS[problem](tree)


def _run(cmd: list[str], tree: Path | None, cwd: Path = REPO, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, cwd=cwd, env=mkdocs_env(tree) | env, capture_output=True, text=True, timeout=300)


def _site(tmp: Path) -> Path:
    site = tmp / "site"
    site.mkdir()
    (site / "index.html").write_text("previous good build", encoding="utf-8")
    return site


def _untouched(site: Path) -> None:
    assert sorted(p.name for p in site.iterdir()) == ["index.html"]
    assert (site / "index.html").read_text(encoding="utf-8") == "previous good build"


@pytest.mark.parametrize("flags", [["-q"], [], ["-v"]], ids=["-q", "plain", "-v"])
@pytest.mark.parametrize("problem", sorted(PROBLEMS))
def test_mkdocs_build_strict_fails_at_every_log_level(tmp_path: Path, problem: str, flags: list[str]) -> None:
    tree, words = _tree(tmp_path, problem)
    site = _site(tmp_path)
    result = _run([MKDOCS, "build", "--strict", *flags, "--site-dir", str(site)], tree)
    assert result.returncode != 0, result.stderr[-2000:]
    assert words in result.stderr, "the failed build says why, even with -q"
    _untouched(site)


def test_without_strict_the_same_problems_are_warnings(tmp_path: Path) -> None:
    tree, words = _tree(tmp_path, "unlogged change")
    result = _run([MKDOCS, "build", "--no-strict", "--site-dir", str(tmp_path / "site")], tree)
    assert result.returncode == 0, result.stderr[-2000:]
    assert f"WARNING -  decision_tree: {tree}/nodes.yaml:" in result.stderr and words in result.stderr


def _project(tmp: Path) -> Path:
    """A copy of the project to break its hand-written pages: docs/ and config copied, the rest linked."""
    project = tmp / "project"
    project.mkdir()
    for name in ("mkdocs.yml", "docs", "overrides", "decision_tree"):
        source = REPO / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, project / name)
    for name in ("hooks", "node_modules"):
        (project / name).symlink_to(REPO / name, target_is_directory=True)
    return project


def test_mkdocs_own_warnings_stop_a_quiet_strict_build(tmp_path: Path) -> None:
    """A broken link in a hand-written page is MkDocs' warning, not the hook's: -q must not hide it either."""
    project = _project(tmp_path)
    with (project / "docs" / "about.md").open("a", encoding="utf-8") as out:
        out.write("\nSee [the missing page](missing-page.md).\n")
    # MkDocs writes the pages before it counts its warnings: `make build` builds into a fresh folder for that.
    result = _run([MKDOCS, "build", "--strict", "-q", "--site-dir", str(tmp_path / "site")], None, cwd=project)
    assert result.returncode != 0, result.stderr[-2000:]
    assert "missing-page.md" in result.stderr


@pytest.mark.parametrize("target", ["build", "publish"])
def test_make_build_and_publish_fail_with_quiet_flags(tmp_path: Path, target: str) -> None:
    tree, words = _tree(tmp_path, "unlogged change")
    site = _site(tmp_path)
    cmd = ["make", "--no-print-directory", *STAMPS, target, f"SITE_DIR={site}", "MKDOCS_FLAGS=-q"]
    result = _run(cmd, tree, SITE_URL="https://faq.contoso.org/copilot-faq/")
    assert result.returncode != 0, result.stderr[-2000:]
    assert words in result.stderr
    _untouched(site)
    assert sorted(p.name for p in tmp_path.glob(".site-build-*")) == []


def _git(cwd: Path, *args: str) -> str:
    env = dict(os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.invalid", GIT_COMMITTER_NAME="t")
    env["GIT_COMMITTER_EMAIL"] = "t@example.invalid"
    result = subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=120, check=True)
    return result.stdout


def _deploy_repo(tmp: Path) -> tuple[Path, Path]:
    """A work repository whose origin is a bare repository beside it, both inside tmp."""
    remote, work = tmp / "remote.git", tmp / "work"
    _git(tmp, "init", "--quiet", "--bare", str(remote))
    _git(tmp, "init", "--quiet", str(work))
    _git(work, "remote", "add", "origin", str(remote))
    (work / "README").write_text("deploy test\n", encoding="utf-8")
    _git(work, "add", "README")
    _git(work, "commit", "--quiet", "-m", "start")
    return work, remote


def _gh_deploy(work: Path, tree: Path, tmp: Path) -> subprocess.CompletedProcess[str]:
    cmd = [MKDOCS, "gh-deploy", "--strict", "-q", "--config-file", str(REPO / "mkdocs.yml"), "--site-dir", str(tmp / "deploy-site")]
    env = {
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.invalid",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.invalid",
    }
    return _run([*cmd, "--remote-name", "origin", "--no-history"], tree, cwd=work, **env)


def test_gh_deploy_strict_quiet_pushes_nothing_when_strict_fails(tmp_path: Path) -> None:
    tree, words = _tree(tmp_path, "unlogged change")
    work, remote = _deploy_repo(tmp_path)
    failed = _gh_deploy(work, tree, tmp_path)
    assert failed.returncode != 0, failed.stderr[-2000:]
    assert words in failed.stderr
    assert "gh-pages" not in _git(remote, "branch", "--list")


def test_gh_deploy_strict_quiet_pushes_a_good_tree(tmp_path: Path) -> None:
    """The control: the same deploy of an unbroken tree reaches the bare repository."""
    tree = Path(shutil.copytree(REPO / "decision_tree", tmp_path / "tree"))
    work, remote = _deploy_repo(tmp_path)
    deployed = _gh_deploy(work, tree, tmp_path)
    assert deployed.returncode == 0, deployed.stderr[-2000:]
    assert "gh-pages" in _git(remote, "branch", "--list")
    assert "a/aoai-global.html" in _git(remote, "ls-tree", "-r", "--name-only", "gh-pages")


@pytest.mark.parametrize("command", ["check", "pages"])
def test_treesite_strict_refuses_what_a_strict_build_refuses(tmp_path: Path, command: str) -> None:
    """For a generator without our hooks (Zensical): `treesite pages --strict` is the same gate."""
    tree, words = _tree(tmp_path, "unlogged change")
    out = tmp_path / "pages"
    args = [str(tree), str(out)] if command == "pages" else [str(tree)]
    env = {"PYTHONPATH": str(REPO / "hooks")}
    lenient = _run([sys.executable, "-m", "treesite", command, *args], None, **env)
    assert lenient.returncode == 0, lenient.stderr
    assert command == "pages" or words in lenient.stderr, "check names it as a warning"
    shutil.rmtree(out, ignore_errors=True)
    strict = _run([sys.executable, "-m", "treesite", command, "--strict", *args], None, **env)
    assert strict.returncode == 1 and words in strict.stderr
    assert not out.exists(), "nothing written"
