"""`make build` leaves a readable site/ on success and no .site-build-* folder when interrupted.

These run the Makefile's own recipe (into a temporary SITE_DIR), with the install
stamps marked old-but-done (-o) so that no test ever reinstalls packages.

The interruption tests never race the build. They run the real MkDocs build through
tests/blocking_build.py, which holds the build after its first page until a file the
test controls appears: the signal always reaches a build that is still running, on a
quiet machine or a busy one. The tests then wait for every process of the build to be
gone before they look for leftovers.
"""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.helpers import REPO, mkdocs_env

STAMPS = ["-o", ".venv/.installed", "-o", "node_modules/.installed", "-o", ".venv-properdocs/.installed"]
MAKE = ["make", "--no-print-directory", *STAMPS, "build"]
BLOCKING = f"{sys.executable} {REPO / 'tests' / 'blocking_build.py'}"
# A bound for waits that end on a condition; reached only when something is broken.
GIVE_UP_SECONDS = 240


def _as_in_a_terminal(umask: int | None) -> Callable[[], None]:
    """make starts as a terminal's foreground job would: INT, TERM and HUP at their defaults.

    A runner started in the background (`pytest &`, some CI agents) has SIGINT ignored,
    children inherit that, and a shell cannot trap a signal ignored on entry: Ctrl-C
    would then test nothing.
    """

    def setup() -> None:
        for number in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
            signal.signal(number, signal.SIG_DFL)
        if umask is not None:
            os.umask(umask)

    return setup


def _make_build(site: Path, umask: int | None = None, *args: str, env: dict[str, str] | None = None) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [*MAKE, f"SITE_DIR={site}", *args],
        cwd=REPO,
        env=env or mkdocs_env(),
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        preexec_fn=_as_in_a_terminal(umask),
    )


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.glob(".site-build-*"))


def _until(condition: Callable[[], bool], what: str) -> None:
    """Wait for a condition (never for a time); the bound only turns a hang into a failure."""
    deadline = time.monotonic() + GIVE_UP_SECONDS
    while not condition():
        assert time.monotonic() < deadline, f"gave up waiting for {what}"
        time.sleep(0.02)


def _group_alive(pgid: int) -> bool:
    """True while any process of the group runs (zombies do not count: nothing may reap them here)."""
    for stat_file in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat_file.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        state, group = fields[0], int(fields[2])
        if group == pgid and state != "Z":
            return True
    return False


def test_build_leaves_site_readable_by_others(tmp_path: Path) -> None:
    """mktemp -d makes 700 and a umask of 077 makes files 600; a web server as another user must read them."""
    site = tmp_path / "site"
    build = _make_build(site, umask=0o077)
    _, err = build.communicate(timeout=300)
    assert build.returncode == 0, err.decode()[-2000:]
    modes = {p.relative_to(site).as_posix() or ".": stat.S_IMODE(p.stat().st_mode) for p in [site, *site.rglob("*")]}
    assert {name: oct(m) for name, m in modes.items() if (site / name).is_dir() and m != 0o755} == {}
    assert {name: oct(m) for name, m in modes.items() if (site / name).is_file() and m != 0o644} == {}
    assert (site / "index.html").is_file()
    assert _leftovers(tmp_path) == []


class HeldBuild:
    """`make build` running the blocking build, with the files that steer it."""

    def __init__(self, tmp: Path, linger: bool) -> None:
        self.tmp = tmp
        self.site = tmp / "site"
        self.site.mkdir()
        (self.site / "index.html").write_text("previous good build", encoding="utf-8")
        self.signals = tmp / "signals"
        self.signals.mkdir()
        env = mkdocs_env() | {"BLOCK_DIR": str(self.signals), "BLOCK_LINGER": "1" if linger else "0"}
        self.make = _make_build(self.site, None, f"SITE_BUILDER={BLOCKING}", env=env)

    def wait_until_held(self) -> None:
        """Until the build has written its first page into its own folder and holds there."""
        _until(lambda: (self.signals / "started").exists() or self.make.poll() is not None, "the build to write its first page")
        assert self.make.poll() is None, self.make.stderr.read().decode()[-2000:] if self.make.stderr else ""
        self.building_into = Path((self.signals / "started").read_text(encoding="utf-8"))
        # The page is in the build's own folder, and the build is held there.
        assert self.building_into.is_file() and self.building_into.is_relative_to(self.tmp)
        assert _leftovers(self.tmp) == [self.building_into.relative_to(self.tmp).parts[0]]

    def terms(self) -> int:
        return len(list(self.signals.glob("term-*")))

    def finish(self) -> None:
        """Let a lingering engine exit; wait for make and for every process of its group."""
        (self.signals / "may-exit").touch()
        self.make.wait(timeout=GIVE_UP_SECONDS)
        _until(lambda: not _group_alive(self.make.pid), "every process of the build to end")

    def kill_all(self) -> None:
        """After a failed test: nothing of the build may outlive it."""
        (self.signals / "may-exit").touch()
        (self.signals / "release").touch()
        if _group_alive(self.make.pid):
            os.killpg(self.make.pid, signal.SIGKILL)
        self.make.wait(timeout=GIVE_UP_SECONDS)


@pytest.fixture()
def held(tmp_path: Path) -> Iterator[Callable[[bool], HeldBuild]]:
    builds: list[HeldBuild] = []

    def start(linger: bool = False) -> HeldBuild:
        builds.append(HeldBuild(tmp_path, linger))  # kept before any check, so teardown always ends it
        builds[-1].wait_until_held()
        return builds[-1]

    yield start
    for build in builds:
        build.kill_all()


def _ctrl_c(build: HeldBuild) -> None:
    os.killpg(build.make.pid, signal.SIGINT)  # a terminal sends SIGINT to the whole foreground group


def _term_make(build: HeldBuild) -> None:
    build.make.send_signal(signal.SIGTERM)  # make alone; it passes TERM on to the recipe's shell


def _term_group(build: HeldBuild) -> None:
    os.killpg(build.make.pid, signal.SIGTERM)  # what timeout(1), a CI cancel or a closed terminal does


def _term_make_twice(build: HeldBuild) -> None:
    build.make.send_signal(signal.SIGTERM)
    build.make.send_signal(signal.SIGTERM)


def _term_group_twice(build: HeldBuild) -> None:
    os.killpg(build.make.pid, signal.SIGTERM)
    os.killpg(build.make.pid, signal.SIGTERM)


def _hup_group(build: HeldBuild) -> None:
    os.killpg(build.make.pid, signal.SIGHUP)  # the terminal was closed


HOW: dict[str, Callable[[HeldBuild], None]] = {
    "ctrl-c": _ctrl_c,
    "term to make": _term_make,
    "term to the group": _term_group,
    "term to make twice": _term_make_twice,
    "term to the group twice": _term_group_twice,
    "hup to the group": _hup_group,
}


def _assert_nothing_left(build: HeldBuild) -> None:
    assert build.make.returncode != 0
    assert _leftovers(build.tmp) == []
    assert sorted(p.name for p in build.site.iterdir()) == ["index.html"]
    assert (build.site / "index.html").read_text(encoding="utf-8") == "previous good build"


@pytest.mark.parametrize("how", sorted(HOW))
def test_interrupted_build_leaves_nothing_behind(held: Callable[[bool], HeldBuild], how: str) -> None:
    build = held(False)
    HOW[how](build)
    build.finish()
    _assert_nothing_left(build)


def test_second_term_during_cleanup_does_not_stop_it(held: Callable[[bool], HeldBuild]) -> None:
    """A TERM reaches the recipe while its cleanup waits for a slow engine: the cleanup still ends with rm -rf.

    This is what a TERM to the whole group does when make forwards its own TERM a moment
    later, without the race: make alone gets the first TERM and passes it to the recipe,
    whose cleanup stops the engine. The engine counts that TERM (nothing else signalled
    it) and takes its time to stop, so the recipe is certainly in its cleanup when the
    group gets the second TERM and a Ctrl-C. Before the fix they ended the shell there.
    """
    build = held(True)
    build.make.send_signal(signal.SIGTERM)
    _until(lambda: build.terms() >= 1, "the recipe's cleanup to stop the engine")
    os.killpg(build.make.pid, signal.SIGTERM)
    os.killpg(build.make.pid, signal.SIGINT)
    build.finish()
    _assert_nothing_left(build)


def test_next_build_removes_the_folder_of_a_killed_build(tmp_path: Path) -> None:
    """kill -9 cannot be trapped: the next build removes the folder of a build whose shell is gone."""
    dead = subprocess.run(["sh", "-c", "echo $$"], capture_output=True, text=True, check=True).stdout.strip()
    stale = tmp_path / f".site-build-{dead}-AbC123"
    (stale / "a").mkdir(parents=True)
    (stale / "a" / "page.html").write_text("half written", encoding="utf-8")
    alive = tmp_path / f".site-build-{os.getpid()}-XyZ789"  # a build still running (this process): kept
    alive.mkdir()
    other = tmp_path / ".site-build-offline-1-x"  # not a folder of `make build`: kept
    other.mkdir()
    build = _make_build(tmp_path / "site")
    _, err = build.communicate(timeout=300)
    assert build.returncode == 0, err.decode()[-2000:]
    assert _leftovers(tmp_path) == sorted([alive.name, other.name])
