"""Sealed reflections and typed viewers: the reveal happens only when everyone asked has
finished or the facilitator closes it for whoever has not; after it, answers change only
as late ones; and no person id can pass for the room or the facilitator."""

from __future__ import annotations

import asyncio

import pytest

from facilitator.engine import FACILITATOR, ROOM, PersonViewer, PrivacyError, RunEngine, Sealed
from facilitator.printing.documents import summary_context
from facilitator.printing.render import render_html
from facilitator.records import load_record, save_record
from facilitator.tui.app import build_app
from facilitator.tui.modals import AnswerSheet, Confirm
from facilitator.tui.run import RunScreen
from tests.conftest import T0, Clock
from tests.test_app import fill_sheet, screen_text
from tests.test_room import until

MENTOR, MENTEE = "ana-ruiz", "ben-ode"
MENTOR_DONE = {"P-W1": "MENTORTOKEN weekly calls", "P-R1": 5, "P-F1": "MENTORPRIVATE fine"}


def mentor_done_mentee_writing(ws, clock) -> RunEngine:
    engine = RunEngine.create(ws, "pair-review", pair="ana-ben", clock=clock)
    engine.jump("reflect")
    engine.answer_many(MENTOR, MENTOR_DONE, source="app")
    engine.answer(MENTEE, "P-W1", "MENTEETOKEN agenda is his")
    return engine


def reopen(engine: RunEngine) -> RunEngine:
    engine.close()
    return RunEngine.open(engine.workspace, engine.record.id, clock=engine.clock)


def room_values(engine: RunEngine) -> set:
    return {e.value for e in engine.entries(ROOM)}


# ---------------------------------------------------------------- the engine's rule


def test_moving_onto_the_reveal_while_someone_writes_keeps_it_hidden(ws, clock):
    engine = mentor_done_mentee_writing(ws, clock)
    assert engine.still_writing("reflect") == [MENTEE]
    assert engine.waiting_for("reveal") == [MENTEE]
    engine.next()
    assert engine.step.id == "reveal" and not engine.is_revealed("reflect")
    assert room_values(engine) == set() and engine.record.sealed == []
    with pytest.raises(PrivacyError):
        engine.answers_of(MENTOR, PersonViewer(MENTEE))
    engine.jump("talk")  # moving past the reveal without sealing it: still hidden
    assert room_values(engine) == set()
    engine.answer(MENTEE, "P-R1", 2)  # still open: the mentee may go on writing
    engine.close()


def test_the_reveal_happens_once_everyone_has_finished(ws, clock):
    engine = mentor_done_mentee_writing(ws, clock)
    engine.answer_many(MENTEE, {"P-R1": 1, "P-N1": 3, "P-F1": "MENTEEPRIVATE"}, source="app")
    assert engine.waiting_for("reveal") == []
    clock.now += 60
    engine.next()
    assert engine.is_revealed("reflect")
    sealing = engine.sealing("reflect")
    assert sealing.closed_for == [] and sealing.at == engine.now()
    assert room_values(engine) >= {"MENTORTOKEN weekly calls", "MENTEETOKEN agenda is his"}
    assert not {"MENTORPRIVATE fine", "MENTEEPRIVATE"} & room_values(engine)
    engine.close()


def test_closing_for_the_missing_reveals_and_records_who_and_when(ws, clock):
    engine = mentor_done_mentee_writing(ws, clock)
    clock.now += 300
    engine.jump("reveal", close_missing=True)
    assert engine.is_revealed("reflect")
    engine = reopen(engine)
    [sealing] = engine.record.sealed
    assert (sealing.step, sealing.closed_for) == ("reflect", [MENTEE])
    assert sealing.at == engine.now() and sealing.at.startswith("2026-11-18")
    assert "MENTEETOKEN agenda is his" in room_values(engine)
    engine.close()


def test_revealing_from_the_reveal_step_itself(ws, clock):
    engine = mentor_done_mentee_writing(ws, clock)
    engine.next()
    assert engine.reveal() == [MENTEE] and not engine.is_revealed("reflect")
    assert engine.reveal(close_missing=True) == [] and engine.is_revealed("reflect")
    engine.close()


def test_after_the_reveal_answers_are_refused_unless_late(ws, clock):
    engine = mentor_done_mentee_writing(ws, clock)
    engine.jump("reveal", close_missing=True)
    before = list(engine.record.entries)
    with pytest.raises(Sealed) as refused:
        engine.answer(MENTEE, "P-R1", 1)
    message = str(refused.value)
    assert "\n" not in message and "P-R1" in message and "use --late" in message and "revealed" in message
    with pytest.raises(Sealed, match="use --late"):
        engine.answer_many(MENTEE, {"P-W1": "changed my mind", "P-R1": 2}, source="sheet")
    with pytest.raises(Sealed):
        engine.answer(MENTOR, "P-W1", "")  # clearing an answer changes it too
    assert engine.record.entries == before, "a refusal changes nothing"
    engine.answer_many(MENTOR, MENTOR_DONE, source="sheet")  # the same sheet again: nothing new, accepted
    assert engine.record.entries == before

    engine.answer_many(MENTEE, {"P-W1": "MENTEETOKEN agenda is his", "P-R1": 2}, source="sheet", late=True)
    late = {e.code: e for e in engine.record.entries if e.person == MENTEE}
    assert late["P-R1"].late and late["P-R1"].source == "sheet"
    assert not late["P-W1"].late, "an answer it already held is left as it was"
    engine.close()


def test_a_sealed_run_stays_sealed_when_reopened(ws, clock):
    engine = mentor_done_mentee_writing(ws, clock)
    engine.jump("reveal", close_missing=True)
    engine.answer(MENTEE, "P-R1", 2, late=True)
    engine = reopen(engine)
    assert engine.is_revealed("reflect") and engine.sealing("reflect").closed_for == [MENTEE]
    assert next(e for e in engine.record.entries if e.code == "P-R1" and e.person == MENTEE).late
    with pytest.raises(Sealed):
        engine.answer(MENTEE, "P-R1", 4)
    engine.close()


def test_a_record_from_before_sealing_loads_and_is_sealed(ws, clock):
    engine = mentor_done_mentee_writing(ws, clock)
    engine.record.revealed = ["reflect"]  # as an older facilitator wrote it: revealed, no sealing kept
    save_record(ws.record_file(engine.record.id), engine.record)
    text = ws.record_file(engine.record.id).read_text()
    assert "sealed" not in text and "late" not in text, "defaults are not written"
    engine = reopen(engine)
    assert engine.is_revealed("reflect") and engine.sealing("reflect").at == ""
    with pytest.raises(Sealed, match=r"was revealed and takes no new"):
        engine.answer(MENTEE, "P-R1", 4)
    engine.close()


def test_late_answers_are_marked_in_the_printed_summary(ws, clock):
    engine = mentor_done_mentee_writing(ws, clock)
    engine.jump("reveal", close_missing=True)
    engine.answer_many(MENTEE, {"P-R1": 1, "P-W1": "LATETOKEN written on paper"}, source="sheet", late=True)
    for viewer in (ROOM, FACILITATOR):
        context = summary_context(ws, engine, viewer)
        marks = {(a["person"], i["q"].code): a["late"] for i in context["ratings"] + context["others"]
                 for a in i["answers"]}
        assert marks[(MENTEE, "P-R1")] and marks[(MENTEE, "P-W1")] and not marks[(MENTOR, "P-W1")]
        html = render_html("summary.html", program="p", title="t", sheet_id="s", paper="a4", **context)
        assert html.count("entered after the reveal") == 2
    engine.close()


def test_a_continuation_choice_in_a_reflection_is_sealed_too(ws, clock):
    session = (ws.root / "sessions" / "pair-review.toml").read_text()
    session = session.replace('''[[steps]]
id = "reveal"''', '''[[steps.questions]]
code = "P-K1"
type = "choice"
text = "How would you like to go on?"
options = ["Continue", "Rematch"]
measure = "continuation"

[[steps]]
id = "reveal"''', 1)
    (ws.root / "sessions" / "pair-review.toml").write_text(session)
    from facilitator.workspace import Workspace

    engine = mentor_done_mentee_writing(Workspace(ws.root), clock)
    engine.answer(MENTOR, "P-K1", "Rematch")  # the mentor is done, the mentee has not chosen
    engine.next()
    assert "Rematch" not in room_values(engine)
    engine.reveal(close_missing=True)
    with pytest.raises(Sealed):
        engine.answer(MENTEE, "P-K1", "Continue")
    engine.close()


# ---------------------------------------------------------------- viewers are not people


@pytest.fixture
def look_alikes(ws, cli):
    """A pair whose people are named Shared and Facilitator: their ids are `shared` and `facilitator`."""
    assert cli("pair", "add", "sf", "--mentor", "Shared", "--mentee", "Facilitator").code == 0
    program = ws.program()
    pair = program.pair("sf")
    assert (pair.mentor, pair.mentee) == ("shared", "facilitator")
    return ws


def test_people_named_like_viewers_are_only_themselves(look_alikes, clock):
    engine = RunEngine.create(look_alikes, "pair-review", pair="sf", clock=clock)
    engine.jump("reflect")
    # typed box by box, no sheet handed in: both are still writing, so the reveal waits
    for person, word in (("shared", "SHARED"), ("facilitator", "FAC")):
        engine.answer(person, "P-W1", f"{word}UNREVEALED")
        engine.answer(person, "P-F1", f"{word}PRIVATE")
    assert PersonViewer("shared") != ROOM and PersonViewer("facilitator") != FACILITATOR
    with pytest.raises(TypeError):
        engine.entries("shared")  # a string is no viewer
    with pytest.raises(TypeError):
        engine.answers_of("shared", "facilitator")
    assert {e.value for e in engine.entries(PersonViewer("facilitator"))} == {"FACUNREVEALED", "FACPRIVATE"}
    assert engine.notes(PersonViewer("facilitator")) == []

    def shared_summary() -> str:
        context = summary_context(look_alikes, engine, ROOM)
        return render_html("summary.html", program="p", title="t", sheet_id="s", paper="a4", **context)

    engine.next()  # onto the reveal, nobody finished: hidden
    summary = shared_summary()
    for token in ("SHAREDUNREVEALED", "FACUNREVEALED", "SHAREDPRIVATE", "FACPRIVATE"):
        assert token not in summary, token
    engine.reveal(close_missing=True)
    summary = shared_summary()
    assert "SHAREDUNREVEALED" in summary and "FACUNREVEALED" in summary
    assert "SHAREDPRIVATE" not in summary and "FACPRIVATE" not in summary
    engine.close()


def test_the_room_screen_keeps_look_alikes_private(look_alikes):
    async def run() -> list[str]:
        app = build_app(look_alikes, session="pair-review", pair="sf", clock=Clock())
        screens = []
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("n")
            await still_writing(pilot, "shared", {"P-W1": "SHAREDUNREVEALED", "P-F1": "SHAREDPRIVATE"})
            await still_writing(pilot, "facilitator", {"P-W1": "FACUNREVEALED", "P-F1": "FACPRIVATE"})
            await pilot.press("n")
            assert isinstance(app.screen, Confirm)
            await pilot.press("n")  # keep it hidden
            await pilot.pause()
            screens.append(screen_text(app))
            await pilot.press("r", "y")  # reveal without them
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()
            screens.append(screen_text(app))
        return screens

    hidden, revealed = asyncio.run(run())
    for token in ("SHAREDUNREVEALED", "FACUNREVEALED", "SHAREDPRIVATE", "FACPRIVATE"):
        assert token not in hidden, token
    assert "Still writing: Shared and Facilitator" in hidden
    assert "SHAREDUNREVEALED" in revealed and "FACUNREVEALED" in revealed
    assert "SHAREDPRIVATE" not in revealed and "FACPRIVATE" not in revealed


# ---------------------------------------------------------------- the app, off the happy path


async def still_writing(pilot, person: str, answers: dict) -> None:
    """Boxes answered one by one, the sheet not handed in: its writer is still writing.
    (Saving a sheet hands it in, so this cannot go through the sheet's keys.)"""
    for code, value in answers.items():
        pilot.app.engine.answer(person, code, value)
    pilot.app.screen.refresh_all()
    await pilot.pause()


async def mentor_finished(pilot) -> None:
    await pilot.pause()
    await pilot.press("n")  # the reflection
    await fill_sheet(pilot, 0, {"P-W1": "MENTORTOKEN weekly calls", "P-R1": "5", "P-F1": "MENTORPRIVATE fine"})
    await still_writing(pilot, MENTEE, {"P-W1": "MENTEETOKEN agenda is his", "P-R1": 1})  # a gap of 4


def test_the_app_asks_before_revealing_without_someone(ws):
    async def run() -> None:
        app = build_app(ws, session="pair-review", pair="ana-ben", clock=Clock())
        async with app.run_test(size=(120, 40)) as pilot:
            await mentor_finished(pilot)
            assert "… writing" in screen_text(app)
            await pilot.press("n")
            await pilot.pause()
            assert isinstance(app.screen, Confirm), "the reveal asks first"
            question = screen_text(app)
            assert "Ben Ode has not finished. Reveal without them?" in question
            assert "y: reveal now, closing their reflection" in question

            await pilot.press("escape")  # no: the reflection stays hidden
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()
            assert isinstance(app.screen, RunScreen) and app.engine.step.id == "reveal"
            room = screen_text(app)
            assert "MENTORTOKEN" not in room and "MENTEETOKEN" not in room and "gap 4" not in room
            assert app.screen.panel.findings == [], "no pattern read from answers still hidden"
            assert "Still writing: Ben Ode" in room
            assert not app.engine.is_revealed("reflect")

            await pilot.press("b", "n")  # back and onto it again: asked again
            await pilot.pause()
            assert isinstance(app.screen, Confirm)
            await pilot.press("n")
            await pilot.pause()
            assert "MENTORTOKEN" not in screen_text(app)

            await pilot.press("r")  # reveal from the reveal step: the same question
            await pilot.pause()
            assert isinstance(app.screen, Confirm)
            await pilot.press("y")
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()
            room = screen_text(app)
            assert "MENTORTOKEN" in room and "MENTEETOKEN" in room and "MENTORPRIVATE" not in room
            assert "gap 4" in room and app.screen.panel.findings
            assert "without Ben Ode, who had not finished" in room
            assert app.engine.sealing("reflect").closed_for == ["ben-ode"]

    asyncio.run(run())


def test_confirming_at_once_reveals(ws):
    async def run() -> None:
        app = build_app(ws, session="pair-review", pair="ana-ben", clock=Clock())
        async with app.run_test(size=(120, 40)) as pilot:
            await mentor_finished(pilot)
            await pilot.press("n", "y")
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()
            assert app.engine.step.id == "reveal" and app.engine.is_revealed("reflect")
            assert "MENTORTOKEN" in screen_text(app)
            run_id = app.engine.record.id
        record = load_record(ws.record_file(run_id))
        assert record.sealed[0].closed_for == ["ben-ode"] and record.sealed[0].at.startswith("2026-11-18")

    asyncio.run(run())


def test_a_sealed_reflection_takes_late_answers_only_when_asked(ws):
    async def run() -> None:
        app = build_app(ws, session="pair-review", pair="ana-ben", clock=Clock())
        notices: list[str] = []
        notify = app.notify
        app.notify = lambda message, **kw: (notices.append(message), notify(message, **kw))[1]
        async with app.run_test(size=(120, 40)) as pilot:
            await mentor_finished(pilot)
            await pilot.press("n", "y", "b")  # revealed, then back on the reflection
            assert await until(pilot, lambda: "closed at the reveal" in screen_text(app))
            await pilot.press("e")
            assert await until(pilot, lambda: isinstance(app.screen, Confirm))
            assert "sealed" in screen_text(app)
            await pilot.press("n")
            assert await until(pilot, lambda: isinstance(app.screen, RunScreen))
            assert any("Nothing changed" in n for n in notices)

            await pilot.press("e")
            assert await until(pilot, lambda: isinstance(app.screen, Confirm))
            await pilot.press("y")  # a late answer, explicitly
            assert await until(pilot, lambda: not isinstance(app.screen, Confirm))
            await pilot.pause()
            await pilot.press("down", "enter")
            assert await until(pilot, lambda: isinstance(app.screen, AnswerSheet))
            sheet = app.screen
            assert isinstance(sheet, AnswerSheet) and sheet.late
            assert "entered after the reveal" in screen_text(app)
            sheet.set_focus(sheet.query_one("#q-P-R1"))
            await pilot.press("2", "ctrl+s")
            assert await until(pilot, lambda: isinstance(app.screen, RunScreen))
            entry = next(e for e in app.engine.record.entries if e.person == "ben-ode" and e.code == "P-R1")
            assert entry.late and entry.value == 2
            assert not next(e for e in app.engine.record.entries
                            if e.person == "ben-ode" and e.code == "P-W1").late, "unchanged stays as it was"
            await pilot.press("n")  # the reveal marks it
            assert await until(pilot, lambda: "✱ entered after the reveal" in screen_text(app))

    asyncio.run(run())


def test_importing_into_a_revealed_reflection_is_refused_in_one_line(ws, clock, cli, tmp_path):
    engine = mentor_done_mentee_writing(ws, clock)
    engine.jump("reveal", close_missing=True)
    run_id = engine.record.id
    engine.close()
    sheet = tmp_path / "mentee.toml"
    sheet.write_text('session = "pair-review"\nrole = "mentee"\n\n[answers]\nP-R1 = 3\n', encoding="utf-8")
    refused = cli("import", run_id, "--role", "mentee", sheet)
    assert refused.code == 2 and len(refused.err_lines) == 1 and "use --late" in refused.err
    assert not any(e.code == "P-R1" and e.person == MENTEE for e in load_record(ws.record_file(run_id)).entries)


def test_a_refusal_names_the_sealed_step_by_its_title(ws, clock):
    with RunEngine.create(ws, "midpoint", pair="ana-ben", clock=clock) as engine:
        engine.jump("continue")
        engine.answer(MENTOR, "M-K1", "Continue as we are")
        with pytest.raises(PrivacyError) as choice:
            engine.answers_of(MENTOR, ROOM, steps=["continue"])
        with pytest.raises(PrivacyError) as reflection:
            engine.answers_of(MENTOR, ROOM, steps=["reflect"])
    assert str(choice.value) == ("Ana Ruiz's answers to “How do you want to go on?” are not revealed yet;"
                                 " they show once everyone asked has chosen")
    assert str(reflection.value) == ("Ana Ruiz's answers to “Separate reflection” are not revealed yet;"
                                     " they show at its reveal")
