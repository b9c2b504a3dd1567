"""App figures for `make bench`: start-up against a minimal Textual app, and step changes."""

from __future__ import annotations

import asyncio
import os
import pty
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

MINIMAL = """
from textual.app import App
from textual.widgets import Static
class Minimal(App):
    def compose(self):
        yield Static("hello")
    def on_mount(self):
        self.call_after_refresh(self.exit)
Minimal().run()
"""


def _first_paint(cmd: list[str], env: dict) -> float:
    """Seconds from launch until the app has painted its first screen and exited, in a real pty."""
    primary, secondary = pty.openpty()
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdin=secondary, stdout=secondary, stderr=secondary, env=env, close_fds=True)
    os.close(secondary)
    try:
        while True:  # keep the terminal's output flowing so the app never blocks on a full pty
            try:
                if not os.read(primary, 65536):
                    break
            except OSError:
                break
        proc.wait(timeout=30)
    finally:
        os.close(primary)
    return time.perf_counter() - start


def _side_by_side(ours: list[str], theirs: list[str], env: dict, runs: int = 15) -> tuple[float, float]:
    """Medians of alternating runs, so a busy moment on the machine weighs on both alike."""
    _first_paint(ours, env), _first_paint(theirs, env)
    a, b = [], []
    for _ in range(runs):
        a.append(_first_paint(ours, env))
        b.append(_first_paint(theirs, env))
    return statistics.median(a), statistics.median(b)


def _step_changes(home: Path) -> float:
    from facilitator.tui.app import build_app
    from facilitator.workspace import Workspace

    async def run() -> list[float]:
        app = build_app(Workspace(home), session="midpoint", pair="pair-1")
        times = []
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            screen = app.screen
            for action in ["next"] * 6 + ["back"] * 6:
                # from the key's action to the new step painted: the record saved, the screen redrawn
                painted = asyncio.Event()
                start = time.perf_counter()
                getattr(screen, f"action_{action}")()
                screen.call_after_refresh(painted.set)
                await painted.wait()
                times.append(time.perf_counter() - start)
                await pilot.pause()
        return times

    return statistics.median(asyncio.run(run()))


def _line(name: str, value: float, unit: str, goal: str, ok: bool) -> bool:
    print(f"{name}: {value:.3f} {unit} (goal {goal}){'' if ok else '  <-- MISSED'}")
    return ok


def run() -> list[bool]:
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        env = {**os.environ, "FACILITATOR_HOME": tmp, "FACILITATOR_EXIT_AFTER_PAINT": "1", "TERM": "xterm-256color",
               "COLUMNS": "120", "LINES": "40"}
        subprocess.run([str(Path(sys.executable).parent / "facilitator"), "pair", "add", "pair-1", "--mentor", "Ana",
                        "--mentee", "Ben"], env=env, check=True, capture_output=True)
        ours, minimal = _side_by_side([str(Path(sys.executable).parent / "facilitator")],
                                      [sys.executable, "-c", MINIMAL], env)
        print(f"  first paint, same run: facilitator {ours:.3f} s, minimal Textual app {minimal:.3f} s")
        ratio = ours / minimal
        results.append(_line("app cold start / minimal Textual app", ratio, "x", "<= 1.5", ratio <= 1.5))
        step = _step_changes(home) * 1000
        results.append(_line("step change in Pilot, median", step, "ms", "< 50 ms", step < 50))
    return results


if __name__ == "__main__":
    raise SystemExit(0 if all(run()) else 1)
