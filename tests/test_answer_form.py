"""The answer sheet by keys: pick lists, refusals as typed, and keys sent in one burst."""

from __future__ import annotations

import asyncio

from textual import events
from textual.color import Color
from textual.widgets import Input

from facilitator.tui.app import build_app
from facilitator.tui.modals import AnswerSheet
from facilitator.tui.run import RunScreen
from tests.conftest import Clock
from tests.test_app import screen_text

FORM = """
id = "form-test"
title = "Every answer type"
kind = "midpoint"
purpose = "Test the answer sheet."
minutes = 20

[[roles]]
id = "mentor"
name = "Mentor"

[[roles]]
id = "mentee"
name = "Mentee"

[[steps]]
id = "reflect"
type = "reflection"
title = "Reflect"
minutes = 10

[[steps.questions]]
code = "F-T1"
type = "text"
text = "What is working?"

[[steps.questions]]
code = "F-R1"
type = "rating"
text = "We meet often enough."

[[steps.questions]]
code = "F-C1"
type = "choice"
text = "How to go on?"
options = ["Continue as we are", "Continue with changes", "Ask for a rematch"]

[[steps.questions]]
code = "F-M1"
type = "multi"
text = "What did you do together?"
options = ["calls", "shadowing", "reading"]

[[steps.questions]]
code = "F-Y1"
type = "yesno"
text = "Would you recommend it?"

[[steps.questions]]
code = "F-N1"
type = "count"
text = "Meetings held"
max = 12

[[steps.questions]]
code = "F-L1"
type = "list"
text = "Three words"

[[steps]]
id = "close"
type = "talk"
title = "Close"
minutes = 10
say = "Thank you."
"""


def burst(app, keys: list[str]) -> None:
    """Keys as a paste or `tmux send-keys` delivers them: all queued at once, nothing processed between."""
    for key in keys:
        character = " " if key == "space" else (key if len(key) == 1 else None)
        app._driver.send_message(events.Key(key, character))


def letters(text: str) -> list[str]:
    return ["space" if c == " " else c for c in text]


async def open_sheet(pilot, person_index: int = 0) -> AnswerSheet:
    await pilot.press("e")
    await pilot.pause()
    await pilot.press(*["down"] * person_index, "enter")
    await pilot.pause()
    assert isinstance(pilot.app.screen, AnswerSheet)
    return pilot.app.screen


def saved(app, person: str) -> dict:
    return {e.code: e.value for e in app.engine.record.entries if e.person == person}


def form_ws(ws):
    (ws.root / "sessions" / "form-test.toml").write_text(FORM, encoding="utf-8")
    return ws


ALL_FIELDS_BY_KEYS = [*letters("Amina quiet today"), "enter", "4", "enter", "3", "enter", "1", "3", "enter",
                      "n", "enter", "1", "1", "enter", *letters("calm; clear"), "enter"]
EXPECTED = {"F-T1": "Amina quiet today", "F-R1": 4, "F-C1": "Ask for a rematch", "F-M1": ["calls", "reading"],
            "F-Y1": False, "F-N1": 11, "F-L1": ["calm", "clear"]}


def test_a_whole_sheet_typed_in_one_burst_saves_every_key_in_its_field(ws):
    """Enter then more keys at once (as tmux send-keys or a paste sends them): none lands a field behind."""
    form_ws(ws)

    async def run() -> dict:
        app = build_app(ws, session="form-test", pair="ana-ben", clock=Clock())
        async with app.run_test(size=(80, 24)) as pilot:
            await open_sheet(pilot)
            burst(app, ALL_FIELDS_BY_KEYS)  # the last enter saves
            await pilot.pause()
            await pilot.pause()
            assert isinstance(app.screen, RunScreen), "the sheet saved and closed"
            return saved(app, "ana-ruiz")

    assert asyncio.run(run()) == EXPECTED


def test_the_same_keys_pressed_without_a_pause_save_the_same(ws):
    form_ws(ws)

    async def run() -> dict:
        app = build_app(ws, session="form-test", pair="ana-ben", clock=Clock())
        async with app.run_test(size=(80, 24)) as pilot:
            await open_sheet(pilot)
            await pilot.press(*ALL_FIELDS_BY_KEYS)
            await pilot.pause()
            assert isinstance(app.screen, RunScreen)
            return saved(app, "ana-ruiz")

    assert asyncio.run(run()) == EXPECTED


def test_a_key_right_after_enter_goes_to_the_next_field_not_the_last(ws):
    """The issue's case: "Amina quiet today" + enter + n saved "Amina quiet todayn"."""
    async def run() -> tuple[dict, str]:
        app = build_app(ws, session="pair-review", pair="ana-ben", clock=Clock())
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("n")
            sheet = await open_sheet(pilot)
            burst(app, [*letters("Amina quiet today"), "enter", "n"])
            await pilot.pause()
            assert sheet.query_one("#q-P-W1", Input).value == "Amina quiet today"
            assert sheet.focused.id == "q-P-R1"
            text = screen_text(app)  # n is no rating: refused where it landed
            burst(app, ["5", "enter", *letters("fine"), "ctrl+s"])
            await pilot.pause()
            await pilot.pause()
            return saved(app, "ana-ruiz"), text

    answers, text = asyncio.run(run())
    assert answers == {"P-W1": "Amina quiet today", "P-R1": 5, "P-F1": "fine"}
    assert "Not taken" in text


def test_a_rating_off_the_scale_is_refused_as_typed_and_the_cursor_stays(ws):
    form_ws(ws)

    async def run():
        app = build_app(ws, session="form-test", pair="ana-ben", clock=Clock())
        async with app.run_test(size=(80, 24)) as pilot:
            sheet = await open_sheet(pilot)
            await pilot.press("tab", "7")
            await pilot.pause()
            assert sheet.focused.id == "q-F-R1", "the cursor stays on the rating"
            refused = screen_text(app)
            await pilot.press("ctrl+s")
            await pilot.pause()
            return refused, saved(app, "ana-ruiz")

    refused, answers = asyncio.run(run())
    assert "rating 7 is out of range 1-5" in refused
    assert "F-R1" not in answers, "7 was never taken"


def test_a_letter_in_a_count_and_a_count_over_its_maximum_are_refused(ws):
    form_ws(ws)

    async def run():
        app = build_app(ws, session="form-test", pair="ana-ben", clock=Clock())
        async with app.run_test(size=(80, 24)) as pilot:
            sheet = await open_sheet(pilot)
            sheet.set_focus(sheet.query_one("#q-F-N1"))
            await pilot.press("1", "a")
            letter = screen_text(app)
            await pilot.press("3")  # 13 > 12
            over = screen_text(app)
            value = sheet.query_one("#q-F-N1", Input).value
            focused = sheet.focused.id
            await pilot.press("ctrl+s")
            await pilot.pause()
            return letter, over, value, focused, saved(app, "ana-ruiz")

    letter, over, value, focused, answers = asyncio.run(run())
    assert "expected a whole number, got text" in letter
    assert "count 13 is out of range 0-12" in over
    assert value == "1" and focused == "q-F-N1"
    assert answers["F-N1"] == 1


def test_choices_are_picked_by_number_or_by_arrows_and_space(ws):
    form_ws(ws)

    async def run():
        app = build_app(ws, session="form-test", pair="ana-ben", clock=Clock())
        async with app.run_test(size=(80, 24)) as pilot:
            sheet = await open_sheet(pilot)
            sheet.set_focus(sheet.query_one("#q-F-C1"))
            await pilot.press("4")  # there are three options
            no_option = screen_text(app)
            await pilot.press("down", "down", "space")  # the third
            await pilot.press("tab", "2", "space")  # multi: option 2 by number, the highlighted one again by space
            await pilot.press("down", "space")  # and option 3
            await pilot.press("tab", "y")
            await pilot.press("ctrl+s")
            await pilot.pause()
            return no_option, saved(app, "ana-ruiz")

    no_option, answers = asyncio.run(run())
    assert "there is no option 4" in no_option
    assert answers == {"F-C1": "Ask for a rematch", "F-M1": ["reading"], "F-Y1": True}


def test_a_stored_answer_comes_back_picked_and_backspace_clears_it(ws):
    form_ws(ws)

    async def run():
        app = build_app(ws, session="form-test", pair="ana-ben", clock=Clock())
        async with app.run_test(size=(80, 24)) as pilot:
            app.engine.answer_many("ana-ruiz", {"F-R1": 2, "F-C1": "Continue with changes"}, source="app")
            sheet = await open_sheet(pilot)
            assert sheet.query_one("#q-F-R1").answer() == 2
            sheet.set_focus(sheet.query_one("#q-F-C1"))
            await pilot.press("backspace", "ctrl+s")
            await pilot.pause()
            return saved(app, "ana-ruiz")

    assert asyncio.run(run()) == {"F-R1": 2}


def _visible(app, widget) -> float:
    """How far a field's background stands off the sheet's, in brightness (0-1)."""
    ground = app.screen.styles.background
    field = ground + widget.styles.background  # what is painted: the band over the sheet
    return abs(field.brightness - ground.brightness) + sum(abs(a - b) for a, b in zip(field.rgb, ground.rgb)) / 765


def test_fields_stand_out_from_the_sheet_in_both_themes(ws):
    form_ws(ws)

    async def run(contrast: bool) -> list[float]:
        # one pair each: a second run for the same pair would first ask whether to resume the open one
        app = build_app(ws, session="form-test", pair="cy-di" if contrast else "ana-ben", clock=Clock(),
                        high_contrast=contrast)
        async with app.run_test(size=(80, 24)) as pilot:
            sheet = await open_sheet(pilot)
            assert isinstance(sheet.styles.background, Color)
            return [_visible(app, w) for w in sheet.query(".field")]

    for contrast in (False, True):
        seen = asyncio.run(run(contrast))
        assert len(seen) == 7 and min(seen) > 0.08, (contrast, seen)


def test_tab_backspace_and_arrows_in_a_burst_act_in_the_order_typed(ws):
    form_ws(ws)

    async def run() -> dict:
        app = build_app(ws, session="form-test", pair="ana-ben", clock=Clock())
        async with app.run_test(size=(80, 24)) as pilot:
            await open_sheet(pilot)
            burst(app, [*letters("Amina quiet todax"), "backspace", "y", "tab", "down", "down", "down", "space",
                        "tab", "down", "space", "ctrl+s"])
            await pilot.pause()
            await pilot.pause()
            assert isinstance(app.screen, RunScreen)
            return saved(app, "ana-ruiz")

    assert asyncio.run(run()) == {"F-T1": "Amina quiet today", "F-R1": 4, "F-C1": "Continue with changes"}


# ---------------------------------------------------------------- untouched is unanswered (issue 12, user check)


def test_enter_over_untouched_pick_lists_saves_nothing(ws):
    """The check's case: enter, enter, enter over W1, R1 and F1, then ctrl+s, saved R1 = 1 ("Strongly disagree")."""
    async def run() -> dict:
        app = build_app(ws, session="pair-review", pair="ana-ben", clock=Clock())
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("n")
            await open_sheet(pilot)
            await pilot.press("enter", "enter", "enter", "ctrl+s")
            await pilot.pause()
            return saved(app, "ana-ruiz")

    assert asyncio.run(run()) == {}


def test_every_pick_list_passed_with_enter_stays_unanswered(ws):
    form_ws(ws)

    async def run() -> dict:
        app = build_app(ws, session="form-test", pair="ana-ben", clock=Clock())
        async with app.run_test(size=(80, 24)) as pilot:
            await open_sheet(pilot)
            burst(app, ["enter"] * 6 + ["ctrl+s"])  # text, rating, choice, multi, yes/no, count: none touched
            await pilot.pause()
            await pilot.pause()
            assert isinstance(app.screen, RunScreen)
            return saved(app, "ana-ruiz")

    assert asyncio.run(run()) == {}


def test_a_picked_point_is_cleared_again_by_0_backspace_or_delete(ws):
    form_ws(ws)

    async def run() -> dict:
        app = build_app(ws, session="form-test", pair="ana-ben", clock=Clock())
        async with app.run_test(size=(80, 24)) as pilot:
            sheet = await open_sheet(pilot)
            await pilot.press("tab", "4", "0")  # rating: 4, then 0 clears it
            assert sheet.query_one("#q-F-R1").answer() == 0
            await pilot.press("tab", "2", "delete")  # choice: option 2, then cleared
            await pilot.press("tab", "1", "3", "backspace")  # multi: two ticks, then none
            await pilot.press("tab", "y", "backspace")  # yes, then not answered
            await pilot.press("tab", "shift+tab", "n")  # and a yes/no picked again stays picked
            await pilot.press("ctrl+s")
            await pilot.pause()
            return saved(app, "ana-ruiz")

    assert asyncio.run(run()) == {"F-Y1": False}


def test_a_refusal_goes_once_a_good_value_is_picked(ws):
    form_ws(ws)

    async def run() -> tuple[str, str, str]:
        app = build_app(ws, session="form-test", pair="ana-ben", clock=Clock())
        async with app.run_test(size=(80, 24)) as pilot:
            await open_sheet(pilot)
            await pilot.press("tab", "tab", "x")  # a letter in a choice
            refused = screen_text(app)
            await pilot.press("down", "space")  # picked with the arrows and space
            picked = screen_text(app)
            await pilot.press("tab", "9")  # multi: no option 9
            await pilot.press("space")
            ticked = screen_text(app)
            return refused, picked, ticked

    refused, picked, ticked = asyncio.run(run())
    assert "Not taken" in refused
    assert "Not taken" not in picked
    assert "Not taken" not in ticked


TABLE = FORM.replace('''[[steps]]
id = "close"''', '''[[steps.questions]]
code = "F-G1"
type = "table"
text = "Who does what by when"
columns = ["What", "Who", "By when"]
rows = 2

[[steps]]
id = "close"''')


def test_a_table_answer_is_typed_cell_by_cell_and_saved_as_rows(ws):
    (ws.root / "sessions" / "form-test.toml").write_text(TABLE, encoding="utf-8")

    async def run() -> tuple[dict, str]:
        app = build_app(ws, session="form-test", pair="ana-ben", clock=Clock())
        async with app.run_test(size=(100, 60)) as pilot:
            sheet = await open_sheet(pilot)
            sheet.query_one("#q-F-L1").focus()
            await pilot.pause()
            grid = screen_text(app)
            # in one burst: past the list, three cells of row 1, row 2, up a row (and nowhere above it), down
            burst(app, ["enter", *letters("Dry run"), "enter", *letters("Helen"), "tab", *letters("23 June"),
                        "enter", *letters("Demo"), "up", "!", "up", "down", "s", "ctrl+s"])
            await pilot.pause()
            await pilot.pause()
            assert isinstance(app.screen, RunScreen)
            return saved(app, "ana-ruiz"), grid

    answers, grid = asyncio.run(run())
    assert "What" in grid and "By when" in grid and "rows separated" not in grid
    assert answers == {"F-G1": [["Dry run!", "Helen", "23 June"], ["Demos", "", ""]]}


def test_a_stored_table_comes_back_in_its_cells(ws):
    (ws.root / "sessions" / "form-test.toml").write_text(TABLE, encoding="utf-8")

    async def run() -> tuple[list, str]:
        app = build_app(ws, session="form-test", pair="ana-ben", clock=Clock())
        async with app.run_test(size=(100, 40)) as pilot:
            rows = [["Dry run", "Helen", "23 June"], ["Demo", "Tomas", "30 June"], ["Review", "both", "July"]]
            app.engine.answer_many("ana-ruiz", {"F-G1": rows}, source="app")
            sheet = await open_sheet(pilot)
            sheet.query_one("#q-F-G1").focus()
            await pilot.pause()
            await pilot.press("down", "down", "ctrl+u", *letters("Retro"), "ctrl+s")
            await pilot.pause()
            return saved(app, "ana-ruiz")["F-G1"], screen_text(app)

    rows, _ = asyncio.run(run())
    assert rows == [["Dry run", "Helen", "23 June"], ["Demo", "Tomas", "30 June"], ["Retro", "both", "July"]]


def test_a_roleplay_sheet_holds_only_the_part_the_person_plays(workspace, cli):
    """The check's case: in the agreed terms after round 3 the asker's sheet also asked RS-Y1 (the counterpart's)."""
    from facilitator import trios
    from facilitator.workspace import Workspace
    from tests.test_roleplay_workshop import PAIRS, SESSION

    for pair, mentor, mentee in PAIRS:
        assert cli("pair", "add", pair, "--mentor", mentor, "--mentee", mentee, "--cohort", "spring").code == 0
    room = Workspace(workspace)

    async def run():
        app = build_app(room, clock=Clock())
        async with app.run_test(size=(120, 50)) as pilot:
            app.start_run(SESSION, pairs=[p for p, _, _ in PAIRS])
            await pilot.pause()
            for _ in range(6):  # trios, the three rounds, the debrief, the agreed terms
                await pilot.press("n")
                await pilot.pause()
            engine = app.screen.engine
            assert engine.step.id == "agreed-terms"
            people = engine.record.trios[0].people
            asker, counterpart = (trios.cast(engine.session, people, 3)[r][0] for r in ("asker", "counterpart"))
            sheets = {}
            for person in (asker, counterpart):
                await pilot.press("e")
                await pilot.pause()
                index = [key for key, _ in app.screen.choices].index(person)
                await pilot.press(*["down"] * index, "enter")
                await pilot.pause()
                assert isinstance(app.screen, AnswerSheet) and app.screen.person == person
                sheets[person] = ([q.code for q in app.screen.questions], screen_text(app))
                await pilot.press("escape")
                await pilot.pause()
            return sheets[asker], sheets[counterpart]

    (asker_codes, asker_text), (counterpart_codes, counterpart_text) = asyncio.run(run())
    assert asker_codes == ["RS-A1", "RS-T1", "RS-A2"]
    assert "RS-Y1" not in asker_text and "RS-T1" in asker_text and "By when" in asker_text
    assert counterpart_codes == ["RS-Y1"] and "RS-A1" not in counterpart_text
