from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from facilitator.cli import main

ROOT = Path(__file__).resolve().parent.parent
SESSIONS = ROOT / "sessions"
DATA = Path(__file__).resolve().parent / "data"
# the tests' own settings file, so a developer's own (paper = "letter", say) changes no test
os.environ["FACILITATOR_CONFIG"] = str(Path(__file__).resolve().parent / "data" / "no-settings.toml")
os.environ.pop("FACILITATOR_PAPER", None)
os.environ.pop("FACILITATOR_THEME", None)
os.environ.pop("FACILITATOR_LANGUAGE", None)
T0 = 1_795_000_000.0  # a fixed moment (2026-11-18): records and screens do not change with the day


class Clock:
    """A clock the test moves by hand: `clock.now += 90`."""

    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> float:
        return self.now


@dataclass
class Result:
    code: int
    out: str
    err: str

    @property
    def err_lines(self) -> list[str]:
        return [line for line in self.err.splitlines() if line.strip()]


@pytest.fixture
def workspace(tmp_path, monkeypatch) -> Path:
    """An empty workspace, so tests never touch the user's own."""
    home = tmp_path / "workspace"
    home.mkdir()
    monkeypatch.setenv("FACILITATOR_HOME", str(home))
    return home


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def ws(workspace, cli):
    """A workspace with the small test sessions of tests/data and two pairs in cohort "spring"."""
    import shutil

    from facilitator.workspace import Workspace

    (workspace / "sessions").mkdir()
    for f in DATA.glob("*.toml"):
        shutil.copy(f, workspace / "sessions")
    for pair, mentor, mentee in (("ana-ben", "Ana Ruiz", "Ben Ode"), ("cy-di", "Cy Lam", "Di Oko")):
        assert cli("pair", "add", pair, "--mentor", mentor, "--mentee", mentee, "--cohort", "spring").code == 0
    return Workspace(workspace)


@pytest.fixture
def cli(capsys, workspace):
    """Run the command line in-process, as `facilitator ARGS...`."""

    def run(*args: str) -> Result:
        code = main([str(a) for a in args])
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run


def run_process(*args: str, cwd: Path | None = None, env: dict | None = None) -> Result:
    """Run `python -m facilitator ARGS...` as a separate process."""
    proc = subprocess.run(
        [sys.executable, "-m", "facilitator", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd or ROOT,
        env={**os.environ, **(env or {})},
        timeout=60,
    )
    return Result(proc.returncode, proc.stdout, proc.stderr)


def pytest_terminal_summary(terminalreporter) -> None:
    """Say how many generated cases the leak hunts tried (tests/test_leaks.py)."""
    leakhunt = sys.modules.get("tests.leakhunt")
    if leakhunt is None or not leakhunt.CASES:
        return
    tried = ", ".join(f"{channel} {n}" for channel, n in leakhunt.CASES.items())
    terminalreporter.write_line(f"leak hunt: {sum(leakhunt.CASES.values())} cases tried ({tried})")


@pytest.hookimpl(specname="pytest_terminal_summary")
def pytest_terminal_summary_fuzz_cases(terminalreporter) -> None:
    """How many damaged files the fuzzers tried, per file kind (tests/test_fuzz_files.py)."""
    fuzz = sys.modules.get("tests.test_fuzz_files")
    if fuzz is None or not fuzz.CASES:
        return
    terminalreporter.write_sep("-", "fuzzed files")
    for kind, count in fuzz.CASES.items():
        terminalreporter.write_line(f"{kind}: {count} case(s) tried")
    terminalreporter.write_line(f"in all: {sum(fuzz.CASES.values())} case(s)")
