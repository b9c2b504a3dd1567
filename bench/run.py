"""`make bench`: one line per figure, `name: value unit (goal ...)`.

Whole-process timings run the real console script, so they include Python start-up and
every import a user pays for.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
FACILITATOR = str(BIN / "facilitator")


def median_seconds(cmd: list[str], runs: int = 15, env: dict | None = None) -> float:
    subprocess.run(cmd, capture_output=True, env=env, cwd=ROOT)  # warm the file cache
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        proc = subprocess.run(cmd, capture_output=True, env=env, cwd=ROOT)
        times.append(time.perf_counter() - start)
        if proc.returncode != 0:
            raise SystemExit(f"bench: {' '.join(cmd)} failed: {proc.stderr.decode().strip()}")
    return statistics.median(times)


def demo_build_seconds(runs: int = 5) -> float:
    """Building the demo workspace, in-process, as `facilitator --demo` does on first use."""
    from facilitator.demo import create_demo

    times = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as tmp:
            start = time.perf_counter()
            create_demo(Path(tmp) / "demo")
            times.append(time.perf_counter() - start)
    return statistics.median(times)


def report(name: str, value: float, unit: str, goal: str, ok: bool) -> bool:
    print(f"{name}: {value:.3f} {unit} (goal {goal}){'' if ok else '  <-- MISSED'}")
    return ok


def main() -> int:
    results = []
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "FACILITATOR_HOME": home}
        files = sorted(str(p) for p in (ROOT / "sessions").glob("*.toml"))
        t = median_seconds([FACILITATOR, "validate", *files], env=env)
        results.append(report("validate sessions/*.toml, whole process, median", t, "s", "< 0.3 s", t < 0.3))
        t = median_seconds([FACILITATOR, "sessions"], env=env)
        results.append(report("sessions, whole process, median", t, "s", "< 0.3 s", t < 0.3))
        t = median_seconds([sys.executable, "-c", "pass"], env=env)
        print(f"python start-up alone, for comparison: {t:.3f} s")
    t = demo_build_seconds()
    results.append(report("demo workspace build, in-process, median", t, "s", "< 2 s", t < 2.0))
    sys.path.insert(0, str(ROOT / "bench"))
    for module in ("printing_bench", "patterns_bench", "app_bench", "room_bench", "scan_bench"):
        try:
            bench = __import__(module)
        except ModuleNotFoundError:
            continue
        results += bench.run()
    # the run screen's cold start, `facilitator run midpoint --pair ID`, beside a minimal Textual app
    import runscreen_bench

    results += runscreen_bench.run()
    return 0 if all(results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
