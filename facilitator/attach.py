"""Whether a room view is showing a run: a heartbeat file beside the run's record.

A room view (`facilitator present`, in a terminal or a browser) keeps RECORDS/<run>.room-<pid>
fresh while it shows that run, and removes it when it stops. The facilitator's run screen
looks for a fresh one: then the room has its own screen, and the facilitator's may show
notes. A beat older than STALE_SECONDS is a room view that died without saying so (a killed
terminal, a closed laptop), so the facilitator's screen becomes the room's again by itself.
A file, not a socket: nothing listens, and either side may restart without the other.
"""

from __future__ import annotations

import glob
import os
import time
from pathlib import Path

BEAT_SECONDS = 2.0
STALE_SECONDS = 6.0  # three beats missed


def beat_file(record: Path, pid: int | None = None) -> Path:
    return record.with_name(f"{record.stem}.room-{os.getpid() if pid is None else pid}")


def attached(record: Path, now: float | None = None) -> bool:
    """A room view is showing the run whose record is `record` (it beat in the last STALE_SECONDS)."""
    now = time.time() if now is None else now
    for beat in record.parent.glob(f"{glob.escape(record.stem)}.room-*"):
        try:
            if now - beat.stat().st_mtime <= STALE_SECONDS:
                return True
        except OSError:  # removed between the listing and the look: that room has gone
            continue
    return False


class Heartbeat:
    """One room view's beat. `show(record)` every poll; `show(None)` or `stop()` when it shows no run."""

    def __init__(self, monotonic=time.monotonic) -> None:
        self.path: Path | None = None
        self._monotonic = monotonic
        self._last = float("-inf")

    def show(self, record: Path | None) -> None:
        target = beat_file(record) if record is not None else None
        if target != self.path:  # another run (or none): the old run's facilitator is told at once
            self.stop()
            self.path = target
            if record is not None:
                _sweep(record)
        if self.path is None or self._monotonic() - self._last < BEAT_SECONDS:
            return
        try:
            self.path.touch()
        except OSError:  # a read-only workspace: the facilitator's screen simply stays the room's
            return
        self._last = self._monotonic()

    def stop(self) -> None:
        if self.path is not None:
            try:
                self.path.unlink(missing_ok=True)
            except OSError:
                pass
        self.path = None
        self._last = float("-inf")


def _sweep(record: Path) -> None:
    """Remove the beats of room views long dead (a closed terminal leaves its file behind)."""
    now = time.time()
    for beat in record.parent.glob(f"{glob.escape(record.stem)}.room-*"):
        try:
            if now - beat.stat().st_mtime > 10 * STALE_SECONDS:
                beat.unlink()
        except OSError:
            continue
