"""The look of the main screens, pinned at 80x24 and 120x40 (pytest-textual-snapshot).

Every snapshot is taken once the screen has settled: keys pressed, workers (patterns)
finished and their results drawn, input cursors not blinking; the clock is fixed.

Update after an intended change with `pytest tests/test_snapshots.py --snapshot-update`,
then look at the SVGs before committing them.
"""

from __future__ import annotations

import pytest
from textual.widgets import Input

from facilitator.tui.app import build_app
from tests.conftest import Clock

SIZES = [(80, 24), (120, 40)]


def settled(*keys: str, before=None):
    """A `run_before`: do `before`, press `keys`, then wait until nothing is still working."""

    async def run(pilot) -> None:
        await pilot.pause()
        if before is not None:
            before(pilot.app)
        await pilot.press(*keys)
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()  # the workers' messages, drawn
        for field in pilot.app.screen.query(Input):
            field.cursor_blink = False

    return run


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_home(snap_compare, ws, size):
    assert snap_compare(build_app(ws, clock=Clock()), terminal_size=size, run_before=settled())


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_run_screen_during_a_reflection(snap_compare, ws, size):
    app = build_app(ws, session="pair-review", pair="ana-ben", clock=Clock())
    assert snap_compare(app, terminal_size=size, run_before=settled("n"))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_answer_sheet_behind_the_curtain(snap_compare, ws, size):
    app = build_app(ws, session="pair-review", pair="ana-ben", clock=Clock())
    assert snap_compare(app, terminal_size=size, run_before=settled("n", "e", "down", "enter"))


def answer_both(app) -> None:
    """Both finish their reflection, so moving on reveals it without asking."""
    engine = app.engine
    engine.jump("reflect")
    engine.answer("ana-ruiz", "P-W1", "We meet every week, and I bring the agenda.")
    engine.answer("ana-ruiz", "P-R1", 5)
    engine.answer("ana-ruiz", "P-F1", "Nothing to add.")
    engine.answer("ben-ode", "P-W1", "Ana listens well.")
    engine.answer("ben-ode", "P-R1", 1)
    engine.answer("ben-ode", "P-N1", 4)
    engine.answer("ben-ode", "P-F1", "Nothing to add.")


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_reveal_with_a_gap_and_a_pattern(snap_compare, ws, size):
    app = build_app(ws, session="pair-review", pair="ana-ben", clock=Clock())
    assert snap_compare(app, terminal_size=size, run_before=settled("n", before=answer_both))


def test_notes_panel_and_help(snap_compare, ws):
    app = build_app(ws, session="pair-review", pair="ana-ben", clock=Clock())
    assert snap_compare(app, terminal_size=(120, 40), run_before=settled("f"))
