"""The reveal's pattern list and the sealed continuation, driven by keys as a facilitator would.

The sheets come in as paper sheets do (`answer_many(..., "sheet")`, what `facilitator
import` calls): the answer form has its own tests, and what is under test here is what the
run screen does with the answers once they are in.
"""

from __future__ import annotations

import asyncio
import html
import re

import msgspec
import pytest

from facilitator.engine import ROOM, RunEngine, Sealed
from facilitator.records import load_record
from facilitator.tui.app import build_app
from facilitator.tui.modals import Choose, Confirm
from facilitator.tui.steps.continuation import Panel as ContinuationPanel
from facilitator.tui.steps.reveal import Panel as RevealPanel
from tests.conftest import Clock

SIZES = [(80, 24), (120, 40)]

ALL_FOURS = {"M-W1": "We prepare together and leave with a next step",
             "M-W2": "We sometimes run over time and skip the written summary",
             **{f"M-R{i}": 4 for i in range(1, 12)}, "M-R12": 3, "M-R13": 4, "M-N1": 6, "M-N2": 0,
             "M-P1": "Nothing for now"}
MENTOR = {"M-O1": "weekly check-in", "M-L1": "How newer colleagues use data tools", "M-L2": 4}
MENTEE = {"M-C1": "occasional message"}
# three patterns, in the library's order: perception gap (M-R1, M-R7), role ambiguity, poor fit
THREE = ["perception_gap", "role_ambiguity", "poor_fit"]


def screen_text(app) -> str:
    svg = app.export_screenshot()
    return html.unescape(re.sub(r"<[^>]+>", "", svg)).replace("\xa0", " ")


def reflections(engine: RunEngine, patterns: bool = True) -> None:
    """Both reflection sheets in; with `patterns`, answers that name exactly THREE."""
    mentor, mentee = dict(ALL_FOURS), dict(ALL_FOURS)
    if patterns:
        mentor |= {"M-R1": 5, "M-R7": 5, "M-R10": 2}
        mentee |= {"M-R1": 2, "M-R7": 2, "M-R10": 2}
    engine.answer_many("ana-ruiz", mentor | MENTOR, "sheet")
    engine.answer_many("ben-ode", mentee | MENTEE, "sheet")


async def settle(pilot) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()  # patterns are worked out off the UI thread
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()  # and the list built from them
    await pilot.pause()


async def at_the_reveal(pilot, patterns: bool = True) -> RevealPanel:
    reflections(pilot.app.engine, patterns)
    await pilot.press("n", "n")  # the reflection, the reveal: both finished, so it reveals at once
    await settle(pilot)
    panel = pilot.app.screen.panel
    assert isinstance(panel, RevealPanel) and pilot.app.engine.is_revealed("reflect")
    return panel


async def select(pilot, index: int) -> None:
    """Press down until the pattern at `index` is selected (the first press may only bring
    the list into view on a small screen)."""
    panel = pilot.app.screen.panel
    for _ in range(index + 2):
        if panel.cursor == index:
            break
        await pilot.press("down")
    await pilot.pause()
    assert panel.cursor == index


def selected_line(text: str) -> str:
    return next(line for line in text.splitlines() if re.search("▶ [◆✔✘]", line))


def new_midpoint(ws) -> object:
    return build_app(ws, session="midpoint", pair="ana-ben", clock=Clock())


# ---------------------------------------------------------------- the reveal


def test_the_third_pattern_selected_and_confirmed_is_the_one_recorded(ws):
    async def run() -> tuple[str, str, list[str]]:
        app = new_midpoint(ws)
        async with app.run_test(size=(120, 40)) as pilot:
            panel = await at_the_reveal(pilot)
            assert [f.id for f in panel.findings] == THREE
            text = screen_text(app)
            # the script is above the side-by-side, and a gap is marked
            assert text.index("Here are your answers, side by side.") < text.index("M-R1 ")
            assert "gap 3" in text
            await select(pilot, 2)
            text = screen_text(app)
            assert "Poor fit" in selected_line(text) and "suggested, not confirmed" in text
            scrolled = panel.scroll_y
            await pilot.press("c")
            await settle(pilot)
            after = screen_text(app)
            assert panel.cursor == 2 and panel.scroll_y == scrolled, "the selection and the scroll stay put"
            return selected_line(after), app.engine.record.id, [f.id for f in panel.findings]

    line, run_id, listed = asyncio.run(run())
    assert re.search("✔ *Poor fit", line) and "confirmed" in line
    assert listed == THREE, "confirming leaves the list as it was"
    record = load_record(ws.record_file(run_id))
    assert record.patterns.confirmed == ["poor_fit"] and record.patterns.dismissed == []


def test_up_and_down_stop_at_the_ends_and_keys_in_a_burst_act_on_the_selection(ws):
    async def run() -> tuple[list[int], str]:
        app = new_midpoint(ws)
        async with app.run_test(size=(120, 40)) as pilot:
            panel = await at_the_reveal(pilot)
            await select(pilot, 0)
            seen = []
            await pilot.press(*["down"] * 12)  # far past the end: the last stays selected, no wrap
            seen.append(panel.cursor)
            await pilot.press("up")
            seen.append(panel.cursor)
            await pilot.press(*["up"] * 12)  # past the top: the first
            seen.append(panel.cursor)
            await pilot.press("down", "x", "down", "c")  # one burst: dismiss the second, confirm the third
            await settle(pilot)
            seen.append(panel.cursor)
            return seen, app.engine.record.id

    seen, run_id = asyncio.run(run())
    assert seen == [2, 1, 0, 2]
    record = load_record(ws.record_file(run_id))
    assert record.patterns.dismissed == ["role_ambiguity"] and record.patterns.confirmed == ["poor_fit"]


def test_confirm_or_dismiss_with_no_pattern_says_so_and_changes_nothing(ws):
    async def run() -> tuple[list[str], str, str]:
        app = new_midpoint(ws)
        notices: list[str] = []
        notify = app.notify
        app.notify = lambda message, **kw: (notices.append(message), notify(message, **kw))[1]
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("n", "n", "n")  # onto the reveal with nobody finished: kept hidden
            await pilot.pause()
            await pilot.press("x")
            await pilot.pause()
            hidden = screen_text(app)
            await pilot.press("b", "b")
            panel = await at_the_reveal(pilot, patterns=False)
            assert panel.findings == []
            await pilot.press("x", "c", "down", "down")
            await pilot.pause()
            return notices, hidden, app.engine.record.id

    notices, hidden, run_id = asyncio.run(run())
    assert "Still writing" in hidden and "Looking for patterns" not in hidden and "No patterns named" not in hidden
    assert any("Nothing to dismiss yet" in n for n in notices)
    assert any("No pattern to dismiss" in n for n in notices) and any("No pattern to confirm" in n for n in notices)
    record = load_record(ws.record_file(run_id))
    assert (record.patterns.confirmed, record.patterns.dismissed) == ([], [])


def test_patterns_come_through_the_gate_a_sealed_choice_names_none(ws, clock):
    """A rematch on a sheet typed in early, before the continuation: the reveal's patterns
    (the room's) do not name it, the facilitator's own view would."""
    from facilitator.engine import FACILITATOR
    from facilitator.patterns.findings import findings_seen_by

    with RunEngine.create(ws, "midpoint", pair="ana-ben", clock=clock) as engine:
        reflections(engine, patterns=False)
        engine.answer("ben-ode", "M-K1", "Ask for a rematch")
        engine.answer("ana-ruiz", "M-K1", "Continue as we are")
        engine.jump("reveal")
        assert not engine.is_revealed("continue"), "not before the run reaches the step"
        room = {f.id for f in findings_seen_by(engine, ROOM) if f.found}
        facilitator = {f.id for f in findings_seen_by(engine, FACILITATOR) if f.found}
        assert "poor_fit" not in room and "continuation_disagreement" not in room
        assert {"poor_fit", "continuation_disagreement"} <= facilitator
        engine.jump("continue")  # arriving: both have chosen, so it reveals, and is seen
        assert engine.is_revealed("continue") and engine.sealing("continue").seen
        assert {"poor_fit", "continuation_disagreement"} <= {f.id for f in findings_seen_by(engine, ROOM) if f.found}


# ---------------------------------------------------------------- the continuation


async def at_the_continuation(pilot) -> ContinuationPanel:
    await pilot.press("n", "n", "n", "n", "n")  # the third n: keep the (unwritten) reflection hidden
    await pilot.pause()
    panel = pilot.app.screen.panel
    assert isinstance(panel, ContinuationPanel) and pilot.app.engine.step.id == "continue"
    return panel


async def choose(pilot, person: str, option: str, why: str = "") -> None:
    """One sheet in, and the run screen drawn again as when a sheet is saved."""
    pilot.app.engine.answer_many(person, {"M-K1": option, "M-K2": why}, "sheet")
    pilot.app.screen.refresh_all()
    await settle(pilot)


def test_a_split_continuation_shows_nothing_until_both_chose_then_the_split_and_its_findings(ws):
    from facilitator.room import project

    async def run() -> tuple[str, str, str, str]:
        app = new_midpoint(ws)
        async with app.run_test(size=(160, 48)) as pilot:  # wide: the banner is one line
            await at_the_continuation(pilot)
            await choose(pilot, "ana-ruiz", "Continue with changes", "A shorter agenda")
            one = screen_text(app)
            room = msgspec.json.encode(project(app.engine)).decode()
            assert [e for e in app.engine.entries(ROOM) if e.code.startswith("M-K")] == []
            await pilot.press("c")  # nothing to confirm yet: a notice, nothing changes
            await choose(pilot, "ben-ode", "Ask for a rematch")
            both = screen_text(app)
            room_after = msgspec.json.encode(project(app.engine)).decode()
            return one, room, both, room_after

    one, room, both, _ = asyncio.run(run())
    assert "Ana Ruiz (Mentor): ✓ has chosen" in one and "Ben Ode (Mentee): … choosing" in one
    for leak in ("Continue with changes", "A shorter agenda", "Split", "chose “", "What the choices suggest"):
        assert leak not in one, leak
        assert leak not in room, leak
    assert "Split decision: Ana Ruiz chose “Continue with changes”; Ben Ode chose “Ask for a rematch”." in both
    assert "⚑ Ben Ode chose “Ask for a rematch”." in both
    assert "split decision" in both and "A shorter agenda" in both
    assert "What the choices suggest" in both and "Poor fit" in both and "Split on how to go on" in both
    assert both.index("Split decision") < both.index("One more question"), "the decision above the script"


def test_finishing_with_choices_never_on_screen_asks_first(ws):
    async def run() -> tuple[str, str, str, bool]:
        app = new_midpoint(ws)
        async with app.run_test(size=(160, 48)) as pilot:
            await at_the_continuation(pilot)
            await pilot.press("F")
            await pilot.pause()
            sealed = screen_text(app)
            await pilot.press("escape")
            await choose(pilot, "ana-ruiz", "Continue as we are")
            await pilot.press("n")  # on to the revision; the mentee's sheet comes in after
            await choose(pilot, "ben-ode", "Ask for a rematch")
            assert app.engine.is_revealed("continue")
            await pilot.press("F")
            await pilot.pause()
            assert isinstance(app.screen, Confirm)
            unseen = screen_text(app)
            await pilot.press("n")  # not yet
            await pilot.press("b")  # back on the step: now it has been on screen
            await pilot.pause()
            await pilot.press("n", "n", "F")
            await pilot.pause()
            assert isinstance(app.screen, Choose), "nothing unseen: the usual question"
            seen = screen_text(app)
            await pilot.press("enter")  # "Yes, finish"
            await pilot.pause()
            return sealed, unseen, seen, app.engine.record.is_finished

    sealed, unseen, seen, finished = asyncio.run(run())
    assert "“How do you want to go on?” is still sealed: Ana Ruiz and Ben Ode have not chosen." in sealed
    assert "came in after you left that step" in unseen and "Ben Ode chose “Ask for a rematch”" in unseen
    assert "still sealed" not in seen and "came in after" not in seen and "Finish this run?" in seen
    assert finished


def test_a_choice_is_sealed_like_a_reflection(ws, clock):
    with RunEngine.create(ws, "midpoint", pair="ana-ben", clock=clock) as engine:
        engine.jump("continue")
        engine.answer("ana-ruiz", "M-K1", "Continue with changes")
        assert engine.still_writing("continue") == ["ben-ode"] and not engine.is_revealed("continue")
        assert engine.own_answer("ana-ruiz", "M-K1") == "Continue with changes"
        engine.answer("ben-ode", "M-K2", "More practice")  # a reason alone is not a choice
        assert not engine.is_revealed("continue")
        clock.now += 60
        engine.answer("ben-ode", "M-K1", "Continue with changes")
        sealing = engine.sealing("continue")
        assert sealing.at and sealing.seen == sealing.at and sealing.closed_for == []
        with pytest.raises(Sealed):
            engine.answer("ana-ruiz", "M-K1", "Ask for a rematch")
        engine.answer("ana-ruiz", "M-K1", "Ask for a rematch", late=True)
        late = [e for e in engine.entries(ROOM) if e.code == "M-K1" and e.person == "ana-ruiz"]
        assert [(e.value, e.late) for e in late] == [("Ask for a rematch", True)]


def test_a_continuation_without_a_choice_or_with_a_flag_not_offered_is_refused(tmp_path, cli):
    bad = tmp_path / "bad.toml"
    bad.write_text('''
id = "bad"
title = "Bad"
kind = "custom"
purpose = "A check."
minutes = 10
roles = [{ id = "mentor", name = "Mentor" }, { id = "mentee", name = "Mentee" }]

[[steps]]
id = "go-on"
type = "continuation"
title = "Go on?"
minutes = 5
flag = ["Ask for a rematc"]

[[steps.questions]]
code = "K1"
type = "choice"
text = "How?"
options = ["Continue", "Ask for a rematch"]

[[steps]]
id = "again"
type = "continuation"
title = "Again?"
minutes = 5

[[steps.questions]]
code = "K2"
type = "text"
text = "Why?"
''', encoding="utf-8")
    before = bad.read_text(encoding="utf-8")
    result = cli("validate", bad)
    assert result.code == 2
    assert any("steps[1].flag[1]: `Ask for a rematc` is not an option" in line and "`Ask for a rematch`" in line
               for line in result.err_lines)
    assert any("steps[2].questions: a continuation step asks each party to choose" in line for line in result.err_lines)
    assert bad.read_text(encoding="utf-8") == before


# ---------------------------------------------------------------- the look of it


def reveal_second_selected():
    async def run(pilot) -> None:
        await pilot.pause()
        await at_the_reveal(pilot)
        await select(pilot, 1)
        await settle(pilot)

    return run


def continuation_split():
    async def run(pilot) -> None:
        await pilot.pause()
        await at_the_continuation(pilot)
        await choose(pilot, "ana-ruiz", "Continue with changes", "A shorter agenda")
        await choose(pilot, "ben-ode", "Ask for a rematch")

    return run


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_snapshot_reveal_with_the_second_pattern_selected(snap_compare, ws, size):
    assert snap_compare(new_midpoint(ws), terminal_size=size, run_before=reveal_second_selected())


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_snapshot_continuation_split(snap_compare, ws, size):
    assert snap_compare(new_midpoint(ws), terminal_size=size, run_before=continuation_split())


def test_a_record_from_before_the_continuation_was_sealed_still_shows_what_both_chose(ws, clock):
    """Written when "continue" was a plain discussion: both chose, nothing was revealed."""
    from facilitator.engine import SHARED
    from facilitator.records import save_record

    with RunEngine.create(ws, "midpoint", pair="ana-ben", clock=clock) as engine:
        engine.jump("continue")
        engine.answer("ana-ruiz", "M-K1", "Continue as we are")
        engine.answer("ben-ode", "M-K1", "Continue with changes")
        run_id = engine.record.id
        old = msgspec.structs.replace(engine.record, revealed=[], sealed=[])
        save_record(ws.record_file(run_id), old, engine.now())
    reopened = RunEngine.open(ws, run_id, lock=False)
    assert reopened.is_revealed("continue") and reopened.sealing("continue").at == ""
    assert {e.value for e in reopened.entries(SHARED) if e.code == "M-K1"} == {"Continue as we are",
                                                                              "Continue with changes"}
    assert reopened.unseen_choices() == []


def test_showing_the_choices_before_everyone_chose_asks_and_names_who_has_not(ws):
    async def run() -> tuple[str, bool, bool, list[str], str]:
        app = new_midpoint(ws)
        async with app.run_test(size=(160, 48)) as pilot:
            await at_the_continuation(pilot)
            await choose(pilot, "ben-ode", "Conclude early: goal met")
            await pilot.press("r")
            await pilot.pause()
            asked = screen_text(app)
            await pilot.press("n")  # not yet
            await pilot.pause()
            kept = app.engine.is_revealed("continue")
            await pilot.press("r", "y")
            await settle(pilot)
            after = screen_text(app)
            return asked, kept, app.engine.is_revealed("continue"), app.engine.sealing("continue").closed_for, after

    asked, kept, shown, closed_for, after = asyncio.run(run())
    assert "Ana Ruiz has not chosen. Show the choices made so far?" in asked and "Conclude early" not in asked
    assert not kept and shown and closed_for == ["ana-ruiz"]
    assert "without Ana Ruiz, who had not chosen" in after and "⚑ Ben Ode chose “Conclude early: goal met”." in after


def test_the_shared_summary_names_the_split_and_the_rematch_request(ws, clock, tmp_path):
    import pdfplumber

    from facilitator.printing.documents import print_summary

    with RunEngine.create(ws, "midpoint", pair="ana-ben", clock=clock) as engine:
        run_id = engine.record.id
        engine.jump("continue")
        engine.answer("ana-ruiz", "M-K1", "Continue with changes")
        out = tmp_path / "sealed.pdf"
        print_summary(ws, run_id, out)
        with pdfplumber.open(out) as pdf:
            sealed = " ".join(page.extract_text() or "" for page in pdf.pages)
        engine.answer("ben-ode", "M-K1", "Ask for a rematch")
    out = tmp_path / "shared.pdf"
    print_summary(ws, run_id, out)
    with pdfplumber.open(out) as pdf:
        text = " ".join((page.extract_text() or "").replace("\n", " ") for page in pdf.pages)
    assert "Split decision" not in sealed and "Continue with changes" not in sealed  # sealed until both chose
    assert "Split decision: Ana Ruiz chose “Continue with changes”; Ben Ode chose “Ask for a rematch”." in text
    assert "⚑ Ben Ode chose “Ask for a rematch”." in text
