"""Runs and home by keys: a second open run is asked about, finished runs read finished,
the header counts time, home's palette, cursor and enter, and the demo reset."""

from __future__ import annotations

import asyncio

from facilitator.engine import RunEngine
from facilitator.tui.app import build_app
from facilitator.tui.home import HomeScreen
from facilitator.tui.modals import ConfirmOrCancel
from facilitator.tui.run import RunScreen
from tests.conftest import Clock, T0
from tests.test_app import screen_text


def open_run(ws, step: int = 0, at: float = T0) -> str:
    clock = Clock()
    clock.now = at
    with RunEngine.create(ws, "pair-review", pair="ana-ben", clock=clock) as engine:
        if step:
            engine.jump(step)
        return engine.record.id


def run_ids(ws) -> list[str]:
    return [r.id for r in ws.records()[0]]


# ---------------------------------------------------------------- a session already open


def test_starting_a_session_already_open_asks_and_y_resumes_that_run(ws):
    first = open_run(ws, step=2)

    async def run():
        app = build_app(ws, session="pair-review", pair="ana-ben", clock=Clock())
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, ConfirmOrCancel)
            question = screen_text(app)
            await pilot.press("y")
            await pilot.pause()
            return question, app.engine.record.id, app.engine.step_index

    question, resumed, step = asyncio.run(run())
    # the pair by its people, as every screen names it
    assert "Ana Ruiz & Ben Ode already has Pair review open" in question and "stopped at step 3" in question
    assert (resumed, step) == (first, 2)
    assert run_ids(ws) == [first], "no second run was made"


def test_n_starts_a_second_run_and_escape_does_neither(ws):
    first = open_run(ws)

    async def run(key: str):
        app = build_app(ws, session="pair-review", pair="ana-ben", clock=Clock())
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await pilot.press(key)
            await pilot.pause()
            return type(app.screen), app.engine and app.engine.record.id

    screen, engine = asyncio.run(run("escape"))
    assert screen is HomeScreen and engine is None and run_ids(ws) == [first]
    screen, second = asyncio.run(run("n"))
    assert screen is RunScreen and second != first and sorted(run_ids(ws)) == sorted([first, second])


def test_cli_start_refuses_a_second_open_run_unless_new(ws, cli):
    first = cli("start", "pair-review", "--pair", "ana-ben")
    assert first.code == 0
    again = cli("start", "pair-review", "--pair", "ana-ben")
    assert again.code == 2 and again.out == ""
    assert again.err_lines == [f"facilitator: ana-ben already has Pair review open ({first.out.strip()}, at step 1):"
                               f" resume it with `facilitator resume {first.out.strip()}`, or add --new to start a"
                               " second one"]
    assert len(run_ids(ws)) == 1
    assert cli("start", "pair-review", "--pair", "cy-di").code == 0, "another pair is another matter"
    assert cli("start", "pair-review", "--pair", "ana-ben", "--new").code == 0
    assert len(run_ids(ws)) == 3


# ---------------------------------------------------------------- header, agenda, footer


def test_the_header_counts_time_used_against_the_plan(ws):
    async def run() -> list[str]:
        clock = Clock()
        app = build_app(ws, session="pair-review", pair="ana-ben", clock=clock)
        seen = []
        async with app.run_test(size=(80, 24)) as pilot:
            seen.append(screen_text(app))
            await pilot.press("space")
            clock.now += 190
            await pilot.press("n")  # the welcome's clock stops at 3'10"; planned 5'
            seen.append(screen_text(app))
            await pilot.press("space")
            clock.now += 120
            app.screen.refresh_clock()
            await pilot.pause()
            seen.append(screen_text(app))
        return seen

    start, moved, later = asyncio.run(run())
    assert "0' of 40' used" in start
    assert "3' of 40' used" in moved, "time on the clock, not the 5 planned minutes of the step done"
    assert "5' of 40' used" in later


def test_finish_is_in_the_footer_on_the_last_step_and_a_finished_run_ticks_every_step(ws):
    async def run():
        app = build_app(ws, session="pair-review", pair="ana-ben", clock=Clock())
        async with app.run_test(size=(80, 24)) as pilot:
            first = screen_text(app)
            await pilot.press("g")
            await pilot.press("end", "enter")  # the last step
            await pilot.pause()
            last = screen_text(app)
            await pilot.press("F")
            await pilot.pause()
            await pilot.press("enter")  # "Yes, finish"
            await pilot.pause()
            return first, last, screen_text(app), app.engine.record.is_finished

    first, last, finished, done = asyncio.run(run())
    footer = lambda text: [line for line in text.splitlines() if "^q Quit" in line][-1]  # noqa: E731
    assert "Finish" not in footer(first)
    assert "F Finish" in footer(last) and "? Help" in footer(last)
    assert done and "All 6 steps done" in finished and finished.count("✓") >= 6
    assert "Finish" not in footer(finished), "nothing left to finish"


def test_f_still_finishes_early_from_any_step(ws):
    async def run():
        app = build_app(ws, session="pair-review", pair="ana-ben", clock=Clock())
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("F")
            await pilot.pause()
            await pilot.press("enter")
            await pilot.pause()
            return app.engine.record.is_finished

    assert asyncio.run(run())


# ---------------------------------------------------------------- home


def test_enter_resumes_exactly_the_highlighted_run_of_several(ws):
    ids = [open_run(ws, step=i, at=T0 + 60 * i) for i in range(3)]  # newest first on screen

    async def run(downs: int):
        app = build_app(ws, clock=Clock())
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("tab", "tab", *["down"] * downs)
            await pilot.pause()
            text = screen_text(app)
            await pilot.press("enter")
            await pilot.pause()
            return text, app.engine.record.id

    for downs, expected in ((0, ids[2]), (1, ids[1]), (2, ids[0])):
        text, resumed = asyncio.run(run(downs))
        assert resumed == expected, downs
    # at 80 columns the runs are told apart: when each started and where it stopped
    assert "Started" in text and "At step" in text
    assert "1/6 Welcome" in text and "2/6 Reflect" in text and "3/6 Reveal" in text


def test_the_focused_table_marks_its_row_and_only_it(ws):
    open_run(ws)

    async def run():
        app = build_app(ws, clock=Clock())
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            on_pairs = screen_text(app)
            await pilot.press("down")
            moved = screen_text(app)
            await pilot.press("tab", "tab")
            on_runs = screen_text(app)
            return on_pairs, moved, on_runs

    on_pairs, moved, on_runs = asyncio.run(run())
    row = lambda text, needle: next(line for line in text.splitlines() if needle in line)  # noqa: E731
    assert "▶" in row(on_pairs, "Ana Ruiz & Ben Ode") and "▶" not in row(on_pairs, "Cy Lam & Di Oko")
    assert "▶" in row(moved, "Cy Lam & Di Oko") and "▶" not in row(moved, "Ana Ruiz & Ben Ode")
    assert on_runs.count("▶") == 1 and "▶" in row(on_runs, "1/6 Welcome")


def test_the_palette_offers_start_resume_print_and_present_on_home(ws):
    async def run(word: str) -> str:
        app = build_app(ws, clock=Clock())
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await pilot.press("ctrl+p")
            await pilot.pause()
            await pilot.press(*word)
            await pilot.pause(0.3)
            return screen_text(app)

    assert "Start a session for a pair" in asyncio.run(run("start"))
    assert "Resume an unfinished run" in asyncio.run(run("resume"))
    assert "Print a run's worksheets" in asyncio.run(run("print"))
    assert "Present the room view" in asyncio.run(run("present"))


def test_resume_from_the_palette_picks_a_run_by_name(ws):
    first = open_run(ws)

    async def run():
        app = build_app(ws, clock=Clock())
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await pilot.press("o")  # the resume key the palette runs
            await pilot.pause()
            await pilot.press("enter")
            await pilot.pause()
            return app.engine.record.id

    assert asyncio.run(run()) == first


def test_start_from_home_for_a_pair_with_an_open_run_asks_too(ws):
    first = open_run(ws)

    async def run():
        app = build_app(ws, clock=Clock())
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await pilot.press("s")  # the highlighted pair: ana-ben
            await pilot.pause()
            choices = screen_text(app)
            # the sessions in order, the pair's next first; pick Pair review
            await pilot.press(*["down"] * next(i for i, line in enumerate(
                [line for line in choices.splitlines() if "'" in line and "(" in line]) if "Pair review" in line))
            await pilot.press("enter")
            await pilot.pause()
            asked = isinstance(app.screen, ConfirmOrCancel)
            await pilot.press("y")
            await pilot.pause()
            return asked, app.engine.record.id

    asked, resumed = asyncio.run(run())
    assert asked and resumed == first


# ---------------------------------------------------------------- the demo, afresh


def test_demo_reset_rebuilds_the_demo_and_refuses_anything_else(tmp_path, cli):
    demo = tmp_path / "demo"
    assert cli("--demo", "--workspace", demo, "sessions").code == 0
    before = sorted(p.name for p in (demo / "records").iterdir())
    assert cli("--demo", "--workspace", demo, "start", "expectations", "--pair", "david-amina").code == 0
    (demo / "program.toml").write_text((demo / "program.toml").read_text().replace("Helen", "Helena"))
    assert len(list((demo / "records").iterdir())) == len(before) + 1

    reset = cli("--demo", "--reset", "--workspace", demo, "sessions")
    assert reset.code == 0 and f"rebuilt the demo program in {demo}" in reset.err
    assert sorted(p.name for p in (demo / "records").iterdir()) == before
    assert "Helena" not in (demo / "program.toml").read_text()

    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "program.toml").write_text('name = "Our program"\n')
    refused = cli("--demo", "--reset", "--workspace", mine, "sessions")
    assert refused.code == 2 and "does not hold the demo program" in refused.err
    assert (mine / "program.toml").read_text() == 'name = "Our program"\n' and len(list(mine.iterdir())) == 1

    alone = cli("--reset", "sessions")
    assert alone.code == 2 and "use it with --demo" in alone.err


def test_the_cursor_stays_on_its_row_when_a_dialog_closes(ws):
    """Home refills its tables whenever it shows again: the highlighted row must not jump to the top."""
    async def run():
        app = build_app(ws, clock=Clock())
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await pilot.press("down", "enter")  # cy-di: which session?
            await pilot.pause()
            await pilot.press("escape")
            await pilot.pause()
            return app.screen.query_one("#pairs").cursor_row, screen_text(app)

    row, text = asyncio.run(run())
    assert row == 1
    assert "▶" in next(line for line in text.splitlines() if "Cy Lam & Di Oko" in line)


# ---------------------------------------------------------------- home after the user check (issue 12)


def test_the_runs_table_narrows_again_when_a_long_row_has_gone(ws):
    open_run(ws)
    with RunEngine.create(ws, "pair-review", pairs=["ana-ben", "cy-di"], clock=Clock()) as engine:
        workshop = engine.record.id

    def gap(text: str) -> int:  # from "For" to "Session" in the runs table's head
        head = next(line for line in text.splitlines() if " For " in line and "Session" in line)
        return head.index("Session") - head.index("For")

    async def run():
        app = build_app(ws, clock=Clock())
        async with app.run_test(size=(120, 30)) as pilot:
            await pilot.pause()
            wide = screen_text(app)
            with RunEngine.open(ws, workshop) as engine:
                engine.finish()
            await pilot.press("r")
            await pilot.pause()
            return wide, screen_text(app)

    from facilitator.presentation import subject

    wide, narrow = asyncio.run(run())
    both = subject(ws.program(), ws.load_run(workshop))  # the runs are named by their people
    one = subject(ws.program(), next(r for r in ws.records()[0] if not r.is_finished and r.id != workshop))
    assert both in wide and both not in narrow
    assert gap(wide) >= len(both) + 1
    assert gap(narrow) <= len(one) + 3, "the For column fits what is left in it"


def test_the_focused_library_row_keeps_its_mark_in_view_at_80x24(ws):
    async def run() -> list[str]:
        app = build_app(ws, clock=Clock())
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("tab", "down", "down")
            await pilot.pause()
            texts = []
            for keys in (("end",), ("right", "right", "right", "right"), ("ctrl+end",), ("home", "pageup")):
                await pilot.press(*keys)
                await pilot.pause()
                texts.append(screen_text(app))
            return texts

    for text in asyncio.run(run()):
        assert text.count("▶") == 1
