"""The monthly cohort meeting, run by keys: attendance, the check-in round and its speaker
clock, the Troika's timed parts, commitments written and carried to next month, and the
room view showing who has the floor."""

from __future__ import annotations

import asyncio

import pytest
from textual.widgets import Digits, Input, Static

from facilitator.engine import RunEngine
from facilitator.errors import UserError
from facilitator.records import load_record
from facilitator.tui.app import build_app
from facilitator.tui.attendance import Attendance
from facilitator.tui.modals import Choose, Prompt
from facilitator.tui.room import build_room
from facilitator.tui.run import RunScreen
from tests.conftest import Clock
from tests.test_app import screen_text

HERE = ["ana-ruiz", "eve-ko"]
ABSENT = ["cy-lam", "gil-ma"]


@pytest.fixture
def cohort(ws, cli):
    """Four mentors in the spring cohort (Ana, Cy, Eve, Gil, in that order)."""
    for pair, mentor, mentee in (("eve-fay", "Eve Ko", "Fay Li"), ("gil-hal", "Gil Ma", "Hal No")):
        assert cli("pair", "add", pair, "--mentor", mentor, "--mentee", mentee, "--cohort", "spring").code == 0
    return ws


def shows(app, line: str) -> bool:
    """Is `line` on screen? Spaces aside: the screenshot drops those between a table's columns."""
    return line.replace(" ", "") in screen_text(app).replace(" ", "")


def note(app) -> str:
    """The line under the big clock, as the next tick draws it."""
    app.screen.refresh_clock()
    return str(app.screen.query_one("#clock-note", Static).render())


async def go_to(pilot, step_id: str) -> None:
    while pilot.app.engine.step.id != step_id:
        await pilot.press("n")
        await pilot.pause()


async def mark_cy_and_gil_absent(pilot) -> str:
    """m, then space on Cy and on Gil (everyone starts here); the dialog's text before saving."""
    await pilot.press("m")
    await pilot.pause()
    assert isinstance(pilot.app.screen, Attendance)
    await pilot.press("down", "space", "down", "down", "space")
    await pilot.pause()
    seen = screen_text(pilot.app)
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(pilot.app.screen, RunScreen)
    return seen


async def write_commitment(pilot, text: str) -> None:
    await pilot.press("c")
    await pilot.pause()
    assert isinstance(pilot.app.screen, Prompt)
    pilot.app.screen.query_one(Input).value = text
    await pilot.press("enter")
    await pilot.pause()


def test_two_absentees_are_offered_no_turn_and_no_commitment(cohort):
    clock = Clock()

    async def run() -> str:
        app = build_app(cohort, session="cohort-meeting", cohort="spring", clock=clock)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            dialog = await mark_cy_and_gil_absent(pilot)
            assert "✓ here" in dialog and "✗ absent  Cy Lam" in dialog and "✗ absent  Gil Ma" in dialog
            assert "2 here · 2 absent: Cy Lam, Gil Ma" in dialog
            assert shows(app, "Register: 2 here · 2 absent: Cy Lam, Gil Ma")  # the welcome step says who came
            await go_to(pilot, "check-in")
            screen = screen_text(app)
            assert shows(app, "▶ Ana Ruiz  ← speaking now") and "Eve Ko" in screen
            assert "Not here today: Cy Lam, Gil Ma" in screen
            assert [t.key for t in app.engine.floor().turns] == HERE
            await pilot.press("s")
            await pilot.pause()
            assert shows(app, "▶ Eve Ko  ← speaking now") and shows(app, "✓ Ana Ruiz")
            await pilot.press("s")  # past the last: the round is over
            await pilot.pause()
            assert "Everyone has spoken." in screen_text(app)
            floors = list(app.engine.record.floors)
            await pilot.press("s")  # and once more: nothing moves, the notice says what to do
            await pilot.pause()
            assert app.engine.record.floors == floors
            assert app._notifications and list(app._notifications)[-1].message == (
                "Everyone has spoken. Press n for the next step.")

            await go_to(pilot, "new-commitments")
            assert [t.key for t in app.engine.floor().turns] == HERE
            await write_commitment(pilot, "Book our next three meetings")
            assert shows(app, "“Book our next three meetings”"), "shown on the stage as soon as saved"
            await pilot.press("s", "s")  # Eve, then the end of the round
            await pilot.press("c")
            await pilot.pause()
            chooser = app.screen
            assert isinstance(chooser, Choose) and [key for key, _ in chooser.choices] == HERE
            await pilot.press("escape")
            return app.engine.record.id

    record = load_record(cohort.record_file(asyncio.run(run())))
    assert record.attendance == HERE
    assert [(e.person, e.code) for e in record.entries] == [("ana-ruiz", "K-N1")]
    with RunEngine.open(cohort, record.id, clock=clock) as engine:
        with pytest.raises(UserError, match="Cy Lam is marked absent"):
            engine.write_commitment("cy-lam", "Anything")


def test_agreement_keys_on_the_commitment_step_point_to_the_commitment_key(cohort):
    async def run() -> tuple[str, list]:
        app = build_app(cohort, session="cohort-meeting", cohort="spring", clock=Clock())
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await go_to(pilot, "new-commitments")
            await pilot.press("t")
            await pilot.pause()
            assert isinstance(app.screen, RunScreen), "t opens nothing here"
            await pilot.press("a")
            await pilot.pause()
            assert isinstance(app.screen, RunScreen), "a opens nothing here"
            notices = [n.message for n in app._notifications]
            footer = screen_text(app)
            return footer, notices, list(app.engine.record.entries)

    footer, notices, entries = asyncio.run(run())
    assert notices and all("press c to write the speaker's" in n for n in notices)
    assert "c Commitment" in footer, "the key the screen names is in the footer"
    assert entries == []


def test_a_paused_speaker_clock_stands_still_and_starts_only_on_space(cohort):
    clock = Clock()

    async def run() -> str:
        app = build_app(cohort, session="cohort-meeting", cohort="spring", clock=clock)
        async with app.run_test(size=(160, 48)) as pilot:
            await pilot.pause()
            await go_to(pilot, "check-in")
            clock.now += 60  # the step is open a minute: the speaker's clock has not started
            assert note(app) == "Ana Ruiz\npaused · 03:00"
            await pilot.press("space")
            clock.now += 45
            assert note(app) == "Ana Ruiz\n02:15 left"
            await pilot.press("space")  # pause
            clock.now += 100
            assert note(app) == "Ana Ruiz\npaused · 02:15"
            await pilot.press("space", "space")  # on and off again in a burst: no time passes
            clock.now += 100
            assert note(app) == "Ana Ruiz\npaused · 02:15"
            await pilot.press("s")  # the next speaker starts with a full three minutes, paused still
            clock.now += 30
            assert note(app) == "Cy Lam\npaused · 03:00"
            await pilot.press("space")
            clock.now += 200
            assert note(app) == "Cy Lam\n00:20 over"
            return app.engine.record.id

    run_id = asyncio.run(run())
    with RunEngine.open(cohort, run_id, clock=clock) as engine:  # the record keeps who has the floor
        engine.jump("check-in")
        floor = engine.floor()
        assert floor.turn.key == "cy-lam" and floor.elapsed == 200 and not floor.running


def test_the_troika_moves_part_by_part_each_with_its_clock(cohort):
    clock = Clock()

    async def run() -> None:
        app = build_app(cohort, session="cohort-meeting", cohort="spring", clock=clock)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            await go_to(pilot, "case-consult")
            assert note(app) == "part 1 of 7\npaused · 03:00"
            assert "s Next part" in screen_text(app) and "Next speaker" not in screen_text(app)
            await pilot.press("s")
            await pilot.pause()
            assert shows(app, "▶ 2' The client presents the case  ← now")
            assert shows(app, "Client: describe the challenge"), "the part's instruction is on the stage"
            await pilot.press("space")
            clock.now += 30
            await pilot.press("space")
            clock.now += 300
            assert note(app) == "part 2 of 7\npaused · 01:30"
            for _ in range(len(app.engine.session.steps[app.engine.step_index].parts)):
                await pilot.press("s")
            await pilot.pause()
            assert "Every part is done." in screen_text(app)
            await pilot.press("s")
            await pilot.pause()
            assert list(app._notifications)[-1].message == "That was the last part. Press n for the next step."

    asyncio.run(run())


def test_a_commitment_comes_back_at_next_months_meeting(cohort):
    clock = Clock()

    async def meeting(month: int) -> str:
        app = build_app(cohort, session="cohort-meeting", cohort="spring", clock=clock)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            await mark_cy_and_gil_absent(pilot)
            await go_to(pilot, "last-commitments")
            review = screen_text(app)
            if month == 1:
                await go_to(pilot, "new-commitments")
                await write_commitment(pilot, "Ask Sam what she wants more of")
                await pilot.press("F")
                await pilot.pause()
                await pilot.press("enter")
                await pilot.pause()
                assert app.engine.record.is_finished
            return review

    first = asyncio.run(meeting(1))
    assert "None carried from a previous meeting." in first
    clock.now += 30 * 86400
    second = asyncio.run(meeting(2))
    assert "1. Ana Ruiz: Ask Sam what she wants more of [open]" in second


def test_the_room_view_shows_who_has_the_floor(cohort):
    clock = Clock()
    with RunEngine.create(cohort, "cohort-meeting", cohort="spring", clock=clock) as engine:
        engine.set_attendance(HERE)
        engine.jump("check-in")
        engine.next_speaker()
        engine.start_timer()
        clock.now += 45
        run_id = engine.record.id
        engine.pause_timer()

    async def room(run: str) -> tuple[str, str]:
        app = build_room(cohort, run_id=run, clock=clock)
        async with app.run_test(size=(160, 48)) as pilot:
            await pilot.pause()
            return screen_text(app), app.query_one("#room-digits", Digits).value  # what the big clock reads

    seen, big_clock = asyncio.run(room(run_id))
    assert "▶ Eve Ko   speaking now" in seen and big_clock == "02:15" and "turn · paused" in seen
    assert "▶ Eve Ko  ← speaking now" in seen and "✓ Ana Ruiz" in seen
    assert "Not here today: Cy Lam, Gil Ma" in seen

    with RunEngine.open(cohort, run_id, clock=clock) as engine:  # open in the app, the clock running
        engine.start_timer()
        seen, big_clock = asyncio.run(room(run_id))
    # her turn began at the step's start: 3' less 45 s for her, 30' less 45 s for the round
    assert big_clock == "02:15" and "turn · running" in seen
    assert "speaker 2 of 2 · 3' each · round: 29:15 left" in seen


def test_attendance_reads_in_words_in_the_high_contrast_theme_and_needs_someone_here(cohort):
    async def run() -> tuple[str, bool]:
        app = build_app(cohort, session="cohort-meeting", cohort="spring", clock=Clock(), high_contrast=True)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await pilot.press("m")
            await pilot.pause()
            await pilot.press("space", "down", "space", "down", "space", "down", "space")
            await pilot.pause()
            seen = screen_text(app)
            await pilot.press("enter")  # nobody here: refused, the dialog stays
            await pilot.pause()
            return seen, isinstance(app.screen, Attendance) and app.engine.record.attendance == []

    seen, refused = asyncio.run(run())
    assert seen.count("✗ absent") == 4 and "0 here · 4 absent" in seen
    assert refused


def test_the_floor_can_be_given_again_with_a_fresh_clock(cohort):
    clock = Clock()

    async def run() -> None:
        app = build_app(cohort, session="cohort-meeting", cohort="spring", clock=clock)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await mark_cy_and_gil_absent(pilot)
            await go_to(pilot, "check-in")
            await pilot.press("space")
            clock.now += 100  # the introduction ate into Ana's three minutes
            await pilot.press("s", "s")  # Eve, then the round is over
            await pilot.press("S")
            await pilot.pause()
            chooser = app.screen
            assert isinstance(chooser, Choose) and [key for key, _ in chooser.choices] == HERE
            await pilot.press("enter")  # Ana, again
            await pilot.pause()
            clock.now += 20
            assert note(app) == "Ana Ruiz\n02:40 left"
            assert shows(app, "▶ Ana Ruiz  ← speaking now")

    asyncio.run(run())
