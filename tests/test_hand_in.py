"""A saved sheet is handed in: a box left blank on purpose does not keep its writer "still writing".

The midpoint's M-R3 says "Leave blank if our agreement has only one objective"; a pair
with one objective does exactly that, and the reveal must not then ask to go on without them.
"""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

from facilitator.engine import RunEngine
from facilitator.records import load_record
from facilitator.tui.app import build_app
from facilitator.tui.modals import Confirm
from facilitator.tui.run import RunScreen
from tests.conftest import Clock
from tests.test_app import fill_sheet, screen_text

# every box of the midpoint's reflection but M-R3 ("leave blank if ... only one objective")
SHARED = {"M-W1": "We prepare together", "M-W2": "We run over time", "M-R1": 4, "M-R2": 4,
          **{f"M-R{i}": 4 for i in range(4, 14)}, "M-N1": 6, "M-N2": 0, "M-P1": "Nothing for now"}
MENTOR = SHARED | {"M-O1": "weekly check-in", "M-L1": "How newer colleagues use data tools", "M-L2": 4}
MENTEE = SHARED | {"M-C1": "occasional message"}


def typed(answers: dict) -> dict[str, str]:
    return {code: str(value) for code, value in answers.items()}


def test_a_sheet_saved_with_a_box_left_blank_lets_the_reveal_go_through(ws):
    async def run() -> tuple[str, str, bool, object]:
        app = build_app(ws, session="midpoint", pair="ana-ben", clock=Clock())
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            await pilot.press("n")  # the reflection
            await fill_sheet(pilot, 0, typed(MENTOR))
            await fill_sheet(pilot, 1, typed(MENTEE))
            await pilot.pause()
            at_reflection = screen_text(app)
            await pilot.press("n")  # the reveal: both handed in, so no question
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()
            return at_reflection, screen_text(app), app.engine.is_revealed("reflect"), app.screen

    at_reflection, at_reveal, revealed, screen = asyncio.run(run())
    assert "Ana Ruiz (Mentor): ✓ done" in at_reflection and "Ben Ode (Mentee): ✓ done" in at_reflection
    assert "… writing" not in at_reflection
    assert isinstance(screen, RunScreen) and not isinstance(screen, Confirm)
    assert revealed and "has not finished" not in at_reveal and "Still writing" not in at_reveal
    assert "without Ana Ruiz" not in at_reveal and "without Ben Ode" not in at_reveal


def test_boxes_answered_one_by_one_are_not_a_sheet_handed_in(ws, clock):
    with RunEngine.create(ws, "midpoint", pair="ana-ben", clock=clock) as engine:
        engine.jump("reflect")
        for code, value in MENTOR.items():
            engine.answer("ana-ruiz", code, value)
        assert not engine.done("ana-ruiz", "reflect"), "M-R3 is blank and nothing was handed in"
        engine.answer_many("ana-ruiz", {"M-W1": "We prepare together, mostly"}, "app")  # the sheet saved
        assert engine.done("ana-ruiz", "reflect") and engine.still_writing("reflect") == ["ben-ode"]
        assert [(h.step, h.person, h.at) for h in engine.record.handed_in] == [("reflect", "ana-ruiz", engine.now())]
        engine.answer_many("ana-ruiz", {"M-W1": "We prepare together"}, "app")  # saved again: handed in once
        assert len(engine.record.handed_in) == 1
        engine.answer_many("ben-ode", {"M-K2": ""}, "app")  # a section left wholly blank: nothing handed in
        engine.answer_many("ben-ode", {"M-K2": "More practice"}, "app")  # a reason, no choice: decides nothing
        assert not engine.done("ben-ode", "continue") and not engine.handed_in("ben-ode", "reflect")
        run_id = engine.record.id
    assert [h.person for h in load_record(ws.record_file(run_id)).handed_in] == ["ana-ruiz", "ben-ode"]


def sheet(cli, tmp_path: Path, role: str, answers: dict) -> Path:
    """The whole session's sheet from `facilitator answers`, the reflection filled, M-R3 left blank."""
    path = tmp_path / f"{role}.toml"
    assert cli("answers", "midpoint", "--role", role, "-o", path).code == 0
    lines = path.read_text(encoding="utf-8").splitlines()
    for code, value in answers.items():
        at = next(i for i, line in enumerate(lines) if line.startswith(f"{code} = "))
        lines[at] = f"{code} = {json.dumps(value)}"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_an_imported_sheet_is_handed_in_for_the_steps_it_answers(cli, ws, tmp_path):
    started = cli("start", "midpoint", "--pair", "ana-ben")
    assert started.code == 0, started.err
    run_id = started.out.strip()
    for role, answers in (("mentor", MENTOR), ("mentee", MENTEE)):
        result = cli("import", run_id, "--role", role, sheet(cli, tmp_path, role, answers))
        assert result.code == 0, result.err
    engine = RunEngine.open(ws, run_id, lock=False)
    assert engine.still_writing("reflect") == [], "M-R3 left blank on both sheets, both handed in"
    assert {(h.step, h.person) for h in engine.record.handed_in} == {("reflect", "ana-ruiz"), ("reflect", "ben-ode")}
    assert engine.still_writing("continue") == ["ana-ruiz", "ben-ode"], "the continuation, blank, is not handed in"
