"""When no quoted word changed, `make source-update`, `make lock` and `make build` publish with no hand edit."""

from __future__ import annotations

import subprocess
from pathlib import Path

import yaml
from treesite import build_site
from treesite.site import lock_site

from tests import sourceedit as edit
from tests.helpers import REPO, mkdocs_env, repo_copy


def test_update_writes_the_change_entry_and_the_strict_build_passes_after_lock(tmp_path: Path) -> None:
    tree = edit.tree_copy(tmp_path)
    result = edit.run_source_update(tree, "aoai-privacy", edit.quiet_copy(), "2025-10-30", today="2026-12-06")
    assert result.change_entry and result.review == {}
    changes = yaml.safe_load((tree / "changes.yaml").read_text(encoding="utf-8"))["changes"]
    entry = changes[-1]
    assert entry["date"] == "2026-12-06" and entry["minor"] is True
    assert entry["source_update"] == {"source": "aoai-privacy", "from": "2026-11-23", "to": "2026-12-06"}
    assert "Azure OpenAI privacy page" in entry["summary"] and "30 October 2025" in entry["summary"]
    assert {"aoai-global", "work", "aoai"} <= set(entry["pages"])
    assert yaml.safe_load((tree / "nodes.yaml").read_text(encoding="utf-8"))["site"]["content_date"] == "2026-12-06"
    lock_site(build_site(tree))
    build = build_site(tree)
    assert build.warnings == [], "a strict build publishes"
    global_page = build.pages["a/aoai-global.md"]
    assert "change log runs to 30 October 2025" in global_page
    assert "runs to 17 December 2024" not in global_page, "sentences about the copy follow its record"


def test_make_source_update_then_make_lock_then_make_check(tmp_path: Path) -> None:
    repo = repo_copy(tmp_path)
    download = tmp_path / "data-privacy.md"
    download.write_text(edit.quiet_copy(), encoding="utf-8")

    def make(*args: str) -> subprocess.CompletedProcess[str]:
        # -o: the venv is the repository's; never reinstall it from the copied requirements.
        cmd = ["make", "--no-print-directory", "-o", ".venv/.installed", *args]
        return subprocess.run(cmd, cwd=repo, env=mkdocs_env(), capture_output=True, text=True, timeout=300)

    update = make("source-update", "SOURCE=aoai-privacy", f"FILE={download}", "DATE=2025-10-30", "TODAY=2026-12-06")
    assert update.returncode == 0, update.stderr
    assert "No quoted word changed" in update.stdout
    assert (repo / "build" / "source-update" / "aoai-privacy-2026-12-06.md").is_file()
    assert (repo / "decision_tree" / "sources" / "aoai-privacy" / "2026-11-23.md").is_file()
    lock = make("lock")
    assert lock.returncode == 0, lock.stderr
    check = subprocess.run(
        [str(REPO / ".venv" / "bin" / "python"), "-m", "treesite", "check", "decision_tree", "--strict"],
        cwd=repo,
        env=mkdocs_env() | {"PYTHONPATH": str(repo / "hooks")},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert check.returncode == 0, check.stderr


def test_make_source_update_without_arguments_says_how(tmp_path: Path) -> None:
    repo = repo_copy(tmp_path)
    result = subprocess.run(
        ["make", "--no-print-directory", "-o", ".venv/.installed", "source-update", "SOURCE=aoai-privacy"],
        cwd=repo,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "usage: make source-update SOURCE=<id> FILE=<path> DATE=<YYYY-MM-DD>" in result.stderr
