"""The run screen's cold start for `make bench`: `facilitator run SESSION --pair ID` to its first paint.

Measured beside a minimal Textual app in the same run, alternating, as the app-start figure
is. Every launch starts from a workspace with no open run, so each one creates a run and
paints the run screen (a second open run would first ask whether to resume it).
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from app_bench import MINIMAL, _first_paint, _line

FACILITATOR = str(Path(sys.executable).parent / "facilitator")


def run(runs: int = 15) -> list[bool]:
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "FACILITATOR_HOME": tmp, "FACILITATOR_EXIT_AFTER_PAINT": "1", "TERM": "xterm-256color",
               "COLUMNS": "120", "LINES": "40"}
        subprocess.run([FACILITATOR, "pair", "add", "pair-1", "--mentor", "Ana", "--mentee", "Ben"], env=env,
                       check=True, capture_output=True)
        ours_cmd = [FACILITATOR, "run", "midpoint", "--pair", "pair-1"]
        minimal_cmd = [sys.executable, "-c", MINIMAL]
        records = Path(tmp) / "records"

        def ours() -> float:
            shutil.rmtree(records, ignore_errors=True)  # no open run: the run screen, not the resume question
            seconds = _first_paint(ours_cmd, env)
            if not any(records.glob("*.toml")):
                raise SystemExit("bench: `facilitator run midpoint --pair pair-1` made no run")
            return seconds

        ours(), _first_paint(minimal_cmd, env)  # warm the file cache
        a, b = [], []
        for _ in range(runs):
            a.append(ours())
            b.append(_first_paint(minimal_cmd, env))
    mine, minimal = statistics.median(a), statistics.median(b)
    print(f"  run screen first paint, same run: facilitator run {mine:.3f} s, minimal Textual app {minimal:.3f} s")
    ratio = mine / minimal
    return [_line("run screen cold start (facilitator run midpoint --pair) / minimal Textual app", ratio, "x",
                  "<= 1.5", ratio <= 1.5)]


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).parent))
    raise SystemExit(0 if all(run()) else 1)
