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


async def type_into(pilot, field, text: str) -> None:
    """An answer into one sheet field: a line is filled in, a pick list gets the keys typed."""
    if isinstance(field, Input):
        field.value = text
        return
    field.screen.set_focus(field)
    await pilot.press(*text)


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
        await type_into(pilot, sheet.query_one(f"#q-{code}"), value)
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
            mentor_view = await fill_sheet(pilot, 0, {"P-W1": "MENTORTOKEN weekly calls", "P-R1": "5",
                                                      "P-F1": "MENTORPRIVATE all fine"})
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
            assert "PRIVATETOKEN" not in room and "MENTORPRIVATE" not in room
            assert app.screen.panel.findings, "a pattern is proposed for the gap"
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
            await pilot.press("n", "n", "n")  # the last n: nobody has written, keep the reflection hidden
            return app.engine.record.id

    run_id = asyncio.run(first())

    async def again() -> tuple[str, bool]:
        app = build_app(ws, run_id=run_id, clock=Clock())
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            return app.engine.step.id, app.engine.is_revealed("reflect")

    assert asyncio.run(again()) == ("reveal", False)


def test_a_cohort_meeting(ws):
    async def run() -> str:
        app = build_app(ws, session="cohort-test", cohort="spring", clock=Clock())
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            await pilot.press("m")
            await pilot.pause()
            await pilot.press("down", "space", "enter")  # everyone starts here: the second mentor is absent
            await pilot.pause()
            assert "speaking now" in screen_text(app)
            await pilot.press("s")
            await fill_sheet(pilot, 0, {"K-S1": "3"})  # "red", by its number
            await pilot.press("n", "n")
            await fill_sheet(pilot, 0, {"K-C1": "Book the next three meetings"})  # e offers only those here
            await pilot.press("F")
            await pilot.pause()
            await pilot.press("enter")
            await pilot.pause()
            return app.engine.record.id

    record = load_record(ws.record_file(asyncio.run(run())))
    assert record.attendance == ["ana-ruiz"]
    assert {(e.person, e.value) for e in record.entries} == {("ana-ruiz", "red"),
                                                            ("ana-ruiz", "Book the next three meetings")}
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
            await pilot.press("tab", "9")
            await pilot.pause()
            assert app.screen.focused.id == "q-P-R1", "the cursor stays on the refused rating"
            return screen_text(app)

    assert "rating 9 is out of range 1-5" in asyncio.run(run())


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


# ---------------------------------------------------------------- keys: the bindings are the one list

README = Path(__file__).resolve().parent.parent / "README.md"


def readme_room_keys() -> set[str]:
    """The keys of the README's "In the room" table."""
    text = README.read_text(encoding="utf-8")
    table = text[text.index("## In the room"):].split("\n## ", 1)[0]
    rows = [line for line in table.splitlines() if line.startswith("| ") and not line.startswith("| key ")]
    return {key.strip() for row in rows for key in row.split("|")[1].split(",")}


def room_bindings():
    from textual.app import App

    from facilitator.tui.app import FacilitatorApp
    from facilitator.tui.keys import declared
    from facilitator.tui.steps import panel_classes

    owners = [FacilitatorApp, RunScreen, *set(panel_classes().values())]
    bindings = [b for owner in owners for b in declared(owner)]
    return bindings, App.COMMAND_PALETTE_BINDING


def names_of(binding) -> set[str]:
    return {binding.key, binding.key_display} - {None}


def test_the_readme_key_table_is_the_bindings():
    bindings, palette_key = room_bindings()
    bound = {name for b in bindings for name in names_of(b)} | {palette_key}
    readme = readme_room_keys()
    assert readme - bound == set(), "keys in the README that nothing binds"
    shown = [b for b in bindings if b.show]
    assert [b.key for b in shown if not names_of(b) & readme] == [], "keys in the footer missing from the README"


def test_every_step_type_has_a_panel_and_every_binding_an_action():
    from facilitator import model
    from facilitator.tui.keys import declared
    from facilitator.tui.steps import panel_classes, unknown_modules

    assert unknown_modules() == set(), "a panel module named after no step type is never used"
    panels = panel_classes()
    assert set(panels) == set(model.STEP_TYPES)
    for owner in {*panels.values(), RunScreen}:
        for binding in declared(owner):
            name = binding.action.split("(")[0]
            assert hasattr(owner, f"action_{name}"), f"{owner.__name__}: {binding.key} runs nothing"


def test_help_and_palette_are_the_live_keys_of_the_step(ws):
    from facilitator.tui.keys import help_sections, palette
    from facilitator.tui.modals import Help

    async def run() -> tuple[str, str, list[str], str]:
        app = build_app(ws, session="pair-review", pair="ana-ben", clock=Clock())
        notices: list[str] = []
        notify = app.notify
        app.notify = lambda message, **kw: (notices.append(message), notify(message, **kw))[1]
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("n")  # a reflection
            await pilot.press("t")  # an agreement key: a notice, not silence
            await pilot.pause()
            notice = " ".join(notices)
            at_reflection = str(help_sections(app.screen))
            await pilot.press("n", "n")  # the reveal, kept hidden: nobody has finished
            await pilot.pause()
            commands = [c.title for c in palette(app.screen)]
            await pilot.press("question_mark")
            await pilot.pause()
            assert isinstance(app.screen, Help)
            return notice, at_reflection, commands, screen_text(app)

    notice, at_reflection, commands, help_text = asyncio.run(run())
    assert "t does nothing on a reflection step" in notice and "agreement term" in notice
    assert "confirm the selected pattern" not in at_reflection and "next step" in at_reflection
    assert "Confirm the selected pattern" in commands and "Next step" in commands
    for line in ("This step: reveal", "confirm the selected pattern", "The run", "next step", "Anywhere"):
        assert line in help_text, line
    for cohort_only in ("mark attendance", "carried commitment"):  # a pair's review takes no register
        assert cohort_only not in help_text and cohort_only not in at_reflection, cohort_only


def test_a_cohort_meeting_offers_its_register_and_commitments_in_the_help(ws):
    from facilitator.tui.keys import help_sections

    async def run() -> str:
        app = build_app(ws, session="cohort-meeting", cohort="spring", clock=Clock())
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            return str(help_sections(app.screen))

    help_text = asyncio.run(run())
    assert "mark attendance" in help_text and "carried commitment" in help_text


# ---------------------------------------------------------------- answers only through the engine's gate


def test_the_app_reads_answers_only_through_the_gate(ws, monkeypatch):
    from facilitator.engine import SHARED, PersonViewer, RunEngine

    asked: list[tuple[str, str]] = []
    gate = RunEngine.answers_of

    def spy(self, person, viewer, steps=None):
        asked.append((person, viewer))
        return gate(self, person, viewer, steps)

    monkeypatch.setattr(RunEngine, "answers_of", spy)

    async def run() -> None:
        app = build_app(ws, session="pair-review", pair="ana-ben", clock=Clock())
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("n")
            await fill_sheet(pilot, 1, {"P-W1": "Ana listens"})
            assert ("ben-ode", PersonViewer("ben-ode")) in asked, "the curtain asks for the person's own answers as them"
            asked.clear()
            await pilot.press("n", "y")  # reveal without those still writing
            await pilot.pause()
            assert "Ana listens" in screen_text(app)

    asyncio.run(run())
    assert {("ana-ruiz", SHARED), ("ben-ode", SHARED)} <= set(asked), "the reveal asks the gate, as the room"
    source = "\n".join(p.read_text() for p in (Path(__file__).parent.parent / "facilitator" / "tui").rglob("*.py"))
    for other_way in ("record.entries", ".entries(", "own_answer"):
        assert other_way not in source, f"the app reads answers another way: {other_way}"


def test_text_someone_typed_is_shown_as_written_never_as_markup(ws, clock):
    """A note or a refused value with markup in it: on screen as typed, and nothing runs."""
    import asyncio

    from facilitator.engine import RunEngine
    from facilitator.tui.app import build_app

    typed = "[@click=app.quit]quit[/] [b]bold[/b] [red"
    with RunEngine.create(ws, "pair-review", pair="ana-ben", clock=clock) as engine:
        engine.add_note(typed)
        run_id = engine.record.id

    async def run() -> str:
        app = build_app(ws, run_id=run_id, clock=clock)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            await pilot.press("f")
            await pilot.pause()
            app.screen.notify(f"refused: {typed}")
            await pilot.pause()
            assert app.is_running
            notes = str(app.screen.query_one("#notes").render())
            return notes

    assert typed in asyncio.run(run())
