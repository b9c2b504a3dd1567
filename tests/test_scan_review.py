"""The scan review screen, driven by keys: the marks a scan would not guess at, each confirmed
with one key (a box's number, or 0 for blank), a wrong key refused, and each write-in box's
image named beside its question."""

from __future__ import annotations

import asyncio
from pathlib import Path

import numpy as np

from facilitator.scanning import synthetic
from facilitator.scanning.synthetic import Drawn
from facilitator.tui.app import build_app
from facilitator.tui.run import RunScreen
from facilitator.tui.scan_review import ScanReview
from tests.conftest import Clock
from tests.test_app import screen_text
from tests.test_scan import MENTEE, answers_in_run, fill_packet, printed, start


def scanned_with_doubts(cli, ws, workspace) -> str:
    packet = printed(cli)
    run = start(cli)
    plan = {"M-R1": Drawn("M-R1", [(1, "fill"), (3, "cross")], False),
            "M-R2": Drawn("M-R2", [(0, "scratch"), (4, "fill")], False),
            "M-R4": Drawn("M-R4", [(3, "fill")], True)}
    rng = np.random.default_rng(4)
    pages = [synthetic.scanner(p, rng) for p in fill_packet(workspace, packet, {MENTEE: plan})]
    synthetic.to_pdf(pages, Path("scan.pdf"), 200)
    assert cli("scan", run, "scan.pdf", "--serial").code == 0
    return run


def test_uncertain_marks_are_confirmed_with_one_key_each(cli, ws, workspace, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    run = scanned_with_doubts(cli, ws, workspace)

    async def drive() -> None:
        app = build_app(ws, run_id=run, clock=Clock())
        async with app.run_test(size=(160, 48)) as pilot:
            await pilot.pause()
            await pilot.press("i")
            await pilot.pause()
            assert isinstance(app.screen, ScanReview)
            text = screen_text(app)
            assert "Ben Ode (mentee)" in text and "2 to confirm" in text
            assert "? M-R1  marks in 2 and 4" in text and "? M-R2  marks in 1 and 5" in text
            assert "✎ M-W1" in text
            await pilot.press("7")  # M-R1 has five boxes: refused, nothing changed
            await pilot.pause()
            assert "M-R1" not in answers_in_run(ws, run, MENTEE)
            await pilot.press("4")  # the facilitator looked: the 4 is meant
            await pilot.pause()
            assert answers_in_run(ws, run, MENTEE)["M-R1"] == 4
            assert "? M-R1" not in screen_text(app)
            await pilot.press("0")  # M-R2: truly unclear, left blank
            await pilot.pause()
            assert "M-R2" not in answers_in_run(ws, run, MENTEE)
            text = screen_text(app)
            assert "nothing left to confirm" in text and "? M-R2" not in text
            assert "Image:" in text and "open it in your image viewer" in text  # a write-in box, next
            shown = list(app.screen.query("#scan-picture > *"))  # its crop drawn beside its field
            assert len(shown) == 1 and shown[0].region.height >= 2 and shown[0].region.width >= 20
            await pilot.press("down")  # the next box's crop replaces it
            await pilot.pause()
            assert len(list(app.screen.query("#scan-picture > *"))) == 1
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, RunScreen)

    asyncio.run(drive())
