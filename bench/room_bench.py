"""Room view figures for `make bench`: a step change reaching the room, and its cold start."""

from __future__ import annotations

import asyncio
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from app_bench import MINIMAL, _line, _side_by_side

FACILITATOR = str(Path(sys.executable).parent / "facilitator")


def _step_change_to_room(home: Path, run_id: str, changes: int = 12) -> float:
    """Median seconds from `engine.next()` in the facilitator's thread to the room view's picture
    showing the new step, through the record file, as between two terminals."""
    from facilitator.engine import RunEngine
    from facilitator.tui.room import build_room
    from facilitator.workspace import Workspace

    async def run() -> list[float]:
        room = build_room(Workspace(home), run_id=run_id)
        times = []
        async with room.run_test(size=(160, 48)) as pilot:
            await pilot.pause()
            with RunEngine.open(Workspace(home), run_id) as engine:  # the facilitator's side
                for i in range(changes):
                    await asyncio.sleep(random.uniform(0.0, 0.1))  # any moment of the room's poll
                    step = engine.step_index
                    target = step + 1 if step + 1 < len(engine.session.steps) else 0
                    start = time.perf_counter()
                    threading.Thread(target=engine.jump, args=(target,)).start()
                    while room.view is None or room.view.step_index != target:
                        await asyncio.sleep(0.002)
                    painted = asyncio.Event()
                    room.call_after_refresh(painted.set)  # the new step drawn, as app_bench waits for it
                    await painted.wait()
                    times.append(time.perf_counter() - start)
        return times

    return statistics.median(asyncio.run(run()))


def run() -> list[bool]:
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        env = {**os.environ, "FACILITATOR_HOME": tmp, "FACILITATOR_EXIT_AFTER_PAINT": "1", "TERM": "xterm-256color",
               "COLUMNS": "160", "LINES": "48"}
        subprocess.run([FACILITATOR, "pair", "add", "pair-1", "--mentor", "Ana", "--mentee", "Ben"],
                       env=env, check=True, capture_output=True)
        started = subprocess.run([FACILITATOR, "start", "midpoint", "--pair", "pair-1"], env=env, check=True,
                                 capture_output=True, text=True)
        run_id = started.stdout.strip().split()[-1]
        ours, minimal = _side_by_side([FACILITATOR, "present", run_id], [sys.executable, "-c", MINIMAL], env)
        print(f"  first paint, same run: room view {ours:.3f} s, minimal Textual app {minimal:.3f} s")
        ratio = ours / minimal
        results.append(_line("room view cold start / minimal Textual app", ratio, "x", "<= 1.5", ratio <= 1.5))
        latency = _step_change_to_room(home, run_id) * 1000
        results.append(_line("step change to the room view, end to end, median", latency, "ms", "< 200 ms",
                             latency < 200))
    return results


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    raise SystemExit(0 if all(run()) else 1)
