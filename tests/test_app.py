"""The app, driven with Pilot as a facilitator would drive it with the keyboard."""

from __future__ import annotations

import asyncio
import html
import re
from pathlib import Path

from textual.widgets import Input

from facilitator.records import load_record
from facilitator.tui.app import build_app
from facilitator.tui.modals import AnswerSheet
from facilitator.tui.run import RunScreen
from tests.conftest import T0, Clock

DATA = Path(__file__).parent / "data"






def screen_text(app) -> str:
    """Everything on the terminal right now, as plain text."""
    svg = app.export_screenshot()
    return html.unescape(re.sub(r"<[^>]+>", "", svg)).replace("\xa0", " ")


async def fill_sheet(pilot, person_index: int, answers: dict[str, str]) -> str:
    """Open the answer sheet for the n-th participant, type the answers, save; return the screen text."""
    await pilot.press("e")
    await pilot.pause()
    for _ in range(person_index):
        await pilot.press("down")
    await pilot.press("enter")
    await pilot.pause()
    sheet = pilot.app.screen
    assert isinstance(sheet, AnswerSheet)
    for code, value in answers.items():
        sheet.query_one(f"#q-{code}", Input).value = value
    await pilot.pause()
    seen = screen_text(pilot.app)
    await pilot.press("ctrl+s")
    await pilot.pause()
    assert isinstance(pilot.app.screen, RunScreen), "the sheet saved and closed"
    return seen


def test_a_whole_midpoint_run_with_the_keyboard(ws):
    async def run() -> str:
        app = build_app(ws, session="pair-review", pair="ana-ben", clock=Clock())
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, RunScreen)
            await pilot.press("space")  # the clock starts
            await pilot.press("n")
            assert app.engine.step.id == "reflect"
            mentor_view = await fill_sheet(pilot, 0, {"P-W1": "MENTORTOKEN weekly calls", "P-R1": "5"})
            mentee_view = await fill_sheet(pilot, 1, {"P-W1": "MENTEETOKEN agenda is his", "P-R1": "1",
                                                      "P-N1": "2", "P-F1": "PRIVATETOKEN new mentor please"})
            assert "MENTEETOKEN" not in mentor_view and "PRIVATETOKEN" not in mentor_view
            assert "MENTORTOKEN" not in mentee_view
            room = screen_text(app)
            assert "MENTORTOKEN" not in room and "MENTEETOKEN" not in room  # not before the reveal
            assert "done" in room
            await pilot.press("n")  # the reveal
            await pilot.pause()
            room = screen_text(app)
            assert "MENTORTOKEN" in room and "MENTEETOKEN" in room and "gap 4" in room
            assert "PRIVATETOKEN" not in room
            assert app.screen.findings, "a pattern is proposed for the gap"
            await pilot.press("c")  # confirm it
            await pilot.press("n", "n")  # discussion, agreement
            assert app.engine.step.id == "agree"
            await pilot.press("a")
            await pilot.pause()
            for field, value in zip(app.screen.query(Input), ("Send the agenda two days before", "Ben", "Dec 1")):
                field.value = value
            await pilot.press("enter", "enter", "enter")
            await pilot.pause()
            await pilot.press("n", "F")
            await pilot.pause()
            await pilot.press("enter")  # "Yes, finish"
            await pilot.pause()
            return app.engine.record.id

    run_id = asyncio.run(run())
    record = load_record(ws.record_file(run_id))
    assert record.is_finished
    by = {(e.person, e.code): e.value for e in record.entries}
    assert by[("ana-ruiz", "P-R1")] == 5 and by[("ben-ode", "P-R1")] == 1 and by[("ben-ode", "P-N1")] == 2
    assert record.patterns.confirmed
    assert [(a.what, a.who, a.due) for a in record.actions] == [("Send the agenda two days before", "Ben", "Dec 1")]
    assert not ws.record_file(run_id).with_suffix(".lock").exists(), "quitting lets go of the run"


def test_resume_reopens_where_it_stopped(ws):
    async def first() -> str:
        app = build_app(ws, session="pair-review", pair="ana-ben", clock=Clock())
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("n", "n")
            return app.engine.record.id

    run_id = asyncio.run(first())

    async def again() -> str:
        app = build_app(ws, run_id=run_id, clock=Clock())
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            return app.engine.step.id

    assert asyncio.run(again()) == "reveal"


def test_a_cohort_meeting(ws):
    async def run() -> str:
        app = build_app(ws, session="cohort-test", cohort="spring", clock=Clock())
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            await pilot.press("m")
            await pilot.pause()
            await pilot.press("space", "enter")  # tick the first mentor, save
            await pilot.pause()
            assert "speaking now" in screen_text(app)
            await pilot.press("s")
            await fill_sheet(pilot, 0, {"K-S1": "3"})  # "red", by its number
            await pilot.press("n", "n")
            await fill_sheet(pilot, 1, {"K-C1": "Book the next three meetings"})
            await pilot.press("F")
            await pilot.pause()
            await pilot.press("enter")
            await pilot.pause()
            return app.engine.record.id

    record = load_record(ws.record_file(asyncio.run(run())))
    assert record.attendance == ["ana-ruiz"]
    assert {(e.person, e.value) for e in record.entries} == {("ana-ruiz", "red"),
                                                            ("cy-lam", "Book the next three meetings")}
    assert record.is_finished


def test_a_roleplay_shows_the_situation_and_announces_the_swap(ws):
    async def run() -> tuple[str, str]:
        app = build_app(ws, clock=Clock())
        async with app.run_test(size=(100, 30)) as pilot:
            app.start_run("roleplay-test", pairs=["ana-ben", "cy-di"])
            await pilot.pause()
            first = screen_text(app)
            await pilot.press("n")
            await pilot.pause()
            return first, screen_text(app)

    first, second = asyncio.run(run())
    assert "Someone asks for more scope." in first and "Clear request" in first
    assert "SWAP ROLES" in second and "SWAP ROLES" not in first


def test_home_lists_pairs_sessions_and_unfinished_runs(ws):
    async def run() -> str:
        app = build_app(ws, clock=Clock())
        async with app.run_test(size=(120, 40)) as pilot:
            app.start_run("pair-review", pair="cy-di")
            await pilot.pause()
            app.action_home()
            await pilot.pause()
            return screen_text(app)

    home = asyncio.run(run())
    for needle in ("ana-ben", "Ana Ruiz & Ben Ode", "pair-review", "Unfinished runs", "cy-di"):
        assert needle in home, needle


def test_a_refused_change_is_a_message_not_a_crash(ws):
    async def run() -> str:
        app = build_app(ws, session="pair-review", pair="ana-ben", clock=Clock())
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("n")
            await pilot.press("e", "enter")
            await pilot.pause()
            app.screen.query_one("#q-P-R1", Input).value = "9"
            await pilot.press("ctrl+s")
            await pilot.pause()
            return screen_text(app)

    assert "out of range" in asyncio.run(run())


def test_the_clock_warns_then_alerts_then_counts_overrun(ws):
    async def run() -> list[str]:
        clock = Clock()
        app = build_app(ws, session="pair-review", pair="ana-ben", clock=clock)
        states = []
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("space")
            for seconds in (60, 250, 290, 330):  # of a 5-minute step
                clock.now = T0 + seconds
                app.screen.refresh_clock()
                await pilot.pause()
                clock_widget = app.screen.query_one("#clock")
                states.append(next((c for c in ("-warning", "-alert", "-overrun") if clock_widget.has_class(c)),
                                   "normal"))
        return states

    assert asyncio.run(run()) == ["normal", "-warning", "-alert", "-overrun"]
