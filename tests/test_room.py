"""The room view: the engine's room-safe picture, followed live from the record file.

The facilitator's app and the room view run side by side over one workspace, in one event
loop, as they would in two terminals: what the facilitator does appears in the room; what
only the facilitator may see never does.
"""

from __future__ import annotations

import asyncio
import os

import pytest
from textual.widgets import Digits

from facilitator.engine import RunEngine
from facilitator.room import Follower, project, reflow, timer_state
from facilitator.tui.app import build_app
from facilitator.tui.modals import Choose
from facilitator.tui.room import big_digits, build_room, clock_scale
from tests.conftest import Clock
from tests.test_app import fill_sheet, screen_text

MENTOR = {"P-W1": "MENTORTOKEN weekly calls", "P-R1": "5", "P-F1": "PRIVATETOKEN tired of this"}
MENTEE = {"P-W1": "MENTEETOKEN agenda is his", "P-R1": "1", "P-N1": "2", "P-F1": "PRIVATETOKEN new mentor please"}
SECRETS = ("NOTETOKEN", "Only for the facilitator", "PRIVATETOKEN")


async def until(pilot, seen, timeout: float = 3.0) -> bool:
    """Wait (the room polls the record file) until `seen()` holds."""
    for _ in range(int(timeout / 0.05)):
        if seen():
            return True
        await pilot.pause(0.05)
    return seen()


def test_the_room_follows_the_app_and_shows_nothing_it_may_not(ws):
    async def run() -> None:
        clock = Clock()
        app = build_app(ws, session="pair-review", pair="ana-ben", clock=clock)
        room = build_room(ws, clock=clock, poll_seconds=0.02)  # no run named: it follows the app's
        async with app.run_test(size=(120, 40)) as a, room.run_test(size=(120, 40)) as r:
            assert await until(r, lambda: "Welcome" in screen_text(room))
            await a.press("w")
            await a.pause()
            for field in app.screen.query("Input"):
                field.value = "NOTETOKEN the mentee looks tired"
            await a.press("enter")
            # the room view attached: the facilitator's screen opens its notes by itself
            assert await until(a, lambda: "NOTETOKEN" in screen_text(app), timeout=5)

            await a.press("n")  # a step change
            assert await until(r, lambda: "Reflect" in screen_text(room) and "writing" in screen_text(room))
            await fill_sheet(a, 0, MENTOR)
            await fill_sheet(a, 1, MENTEE)
            assert await until(r, lambda: screen_text(room).count("✓ done") == 2)
            before_reveal = screen_text(room)
            assert "MENTORTOKEN" not in before_reveal and "MENTEETOKEN" not in before_reveal

            await a.press("n")  # the reveal
            await a.app.workers.wait_for_complete()
            await a.pause()
            assert await until(r, lambda: "MENTORTOKEN" in screen_text(room))
            shown = screen_text(room)
            assert "MENTEETOKEN" in shown and "gap 4" in shown
            finding = app.screen.panel.findings[0]
            assert finding.pattern.name not in shown, "a proposed pattern is not the room's until confirmed"

            await a.press("c")  # confirmed
            assert await until(r, lambda: finding.pattern.name in screen_text(room))
            for secret in SECRETS:
                assert secret not in screen_text(room)
                assert secret not in repr(room.view), "the picture itself never holds it"

    asyncio.run(run())


def test_the_picture_holds_nothing_before_its_reveal(ws):
    engine = RunEngine.create(ws, "pair-review", pair="ana-ben", clock=Clock())
    with engine:
        engine.add_note("NOTETOKEN")
        engine.jump("reflect")
        engine.answer_many("ana-ruiz", {"P-W1": "MENTORTOKEN", "P-R1": 5, "P-F1": "PRIVATETOKEN"}, "app")
        engine.answer("ben-ode", "P-W1", "MENTEETOKEN")
        at_reflection = project(engine)
        assert [(p.role, p.done) for p in at_reflection.progress] == [("Mentor", True), ("Mentee", False)]
        assert at_reflection.reveal is None
        engine.jump("reveal")
        still_sealed = project(engine)  # the mentee is still writing: the reveal waits for them
        engine.reveal(close_missing=True)
        at_reveal = project(engine)
    assert "MENTORTOKEN" not in repr(still_sealed) and not still_sealed.reveal.rows
    text = repr(at_reflection)
    assert "MENTORTOKEN" not in text and "MENTEETOKEN" not in text and "NOTETOKEN" not in text
    assert "MENTORTOKEN" in repr(at_reveal) and "PRIVATETOKEN" not in repr(at_reveal)
    assert [row.code for row in at_reveal.reveal.rows] == ["P-W1", "P-R1", "P-N1"]
    assert at_reveal.patterns == ()  # none confirmed


def test_an_unrevealed_reflection_stays_out_of_the_picture(ws):
    """A run opened at its reveal step whose reflection was never revealed shows nothing of it."""
    from facilitator.records import save_record

    with RunEngine.create(ws, "pair-review", pair="ana-ben", clock=Clock()) as engine:
        engine.jump("reflect")
        engine.answer("ana-ruiz", "P-W1", "MENTORTOKEN")
        engine.record.step = 2  # the reveal step, reached without revealing (an old or hand-edited record)
        save_record(ws.record_file(engine.record.id), engine.record)
        view = project(engine)
    assert view.step_type == "reveal" and "MENTORTOKEN" not in repr(view)


def test_a_script_reads_as_prose():
    source = "Every good programme does this. It\nis not a test, and nothing is\nwrong.\n\nYour sheets ask:\n- one;\n- two\n  and a half.\n"
    assert reflow(source) == ("Every good programme does this. It is not a test, and nothing is wrong.\n\n"
                              "Your sheets ask:\n- one;\n- two and a half.")


def test_the_clock_changes_colour_at_20_and_5_percent():
    assert [timer_state(left, 600) for left in (200, 120, 30, -1)] == ["normal", "warning", "alert", "overrun"]


def test_the_clock_grows_with_the_window():
    assert clock_scale(80, 24) == 0  # Textual's Digits, three rows
    scale = clock_scale(160, 48)
    assert scale >= 2 and len(big_digits("12:34", scale).splitlines()) > 3 * 2


def test_the_room_follows_the_run_open_in_an_app_else_the_newest_unfinished(ws):
    older = RunEngine.create(ws, "pair-review", pair="ana-ben", clock=Clock())
    older.close()
    newer = RunEngine.create(ws, "pair-review", pair="cy-di", clock=Clock())
    newer.close()
    os.utime(ws.record_file(older.record.id), (1, 1))
    follower = Follower(ws)
    follower.poll()
    assert follower.view.run == newer.record.id
    with RunEngine.open(ws, older.record.id):  # opened in an app: its lock is held
        follower = Follower(ws)
        follower.poll()
        assert follower.view.run == older.record.id
    with RunEngine.open(ws, newer.record.id) as engine:
        engine.finish()
    follower = Follower(ws)
    follower.poll()
    assert follower.view.run == older.record.id


def test_a_run_finished_in_the_app_stays_on_the_room_view_to_say_thank_you(ws):
    RunEngine.create(ws, "pair-review", pair="cy-di", clock=Clock()).close()  # another run, unfinished
    with RunEngine.create(ws, "pair-review", pair="ana-ben", clock=Clock()) as engine:
        follower = Follower(ws)
        follower.poll()
        assert follower.view.run == engine.record.id
        engine.finish()
        follower = Follower(ws)
        follower.poll()
        assert follower.view.run == engine.record.id and follower.view.finished


def test_the_room_waits_for_a_run(ws):
    async def run() -> str:
        room = build_room(ws, clock=Clock())
        async with room.run_test(size=(80, 24)) as r:
            await r.pause()
            return screen_text(room)

    assert "waiting for a run" in asyncio.run(run())


def test_a_round_shows_its_speakers_in_order(ws):
    with RunEngine.create(ws, "cohort-test", cohort="spring", clock=Clock()) as engine:
        step = next(i for i, s in enumerate(engine.session.steps) if s.__class__.__name__ == "RoundRobinStep")
        engine.jump(step)
        view = project(engine)
    assert view.round.speakers == ("Ana Ruiz", "Cy Lam") and view.round.current == 0


MENTORS = (("eve-fay", "Eve Ko", "Fay Li"), ("gil-hal", "Gil Ma", "Hal No"))  # after Ana and Cy: four mentors


def add_mentors() -> None:
    """Eve and Gil join the spring cohort (the workspace's own CLI, in this process)."""
    from facilitator.cli import main

    for pair, mentor, mentee in MENTORS:
        assert main(["pair", "add", pair, "--mentor", mentor, "--mentee", mentee, "--cohort", "spring"]) == 0


def digits(room) -> str:
    """What the room's big clock reads (at 80x24, Textual's Digits)."""
    return room.query_one("#room-digits", Digits).value


def test_the_speaker_and_their_clock_follow_the_app_keys_live_and_stop_on_pause(ws):
    """App and room side by side over a cohort meeting: Cy and Gil marked absent with m, the round
    moved on with s, paused with space; the room, at 80x24, shows who speaks and their clock."""
    add_mentors()

    async def run() -> None:
        clock = Clock()
        app = build_app(ws, session="cohort-meeting", cohort="spring", clock=clock)
        room = build_room(ws, clock=clock, poll_seconds=0.02)
        async with app.run_test(size=(120, 40)) as a, room.run_test(size=(80, 24)) as r:
            await a.pause()
            await a.press("m")
            await a.pause()
            await a.press("down", "space", "down", "down", "space", "enter")  # Cy and Gil: absent
            await a.pause()
            assert app.engine.present() == ["ana-ruiz", "eve-ko"]
            await a.press("n")  # the check-in round
            assert await until(r, lambda: "speaker 1 of 2" in screen_text(room))
            shown = screen_text(room)
            assert "▶ Ana Ruiz" in shown and digits(room) == "03:00" and "turn · paused" in shown, \
                "the speaker's clock waits for space"
            assert "Ana Ruiz … writing" in shown and "Eve Ko … writing" in shown
            assert "Cy Lam …" not in shown and "Gil Ma …" not in shown, "nobody absent is writing"
            assert "Not here today: Cy Lam, Gil Ma" in shown

            await a.press("e")  # answers are entered for those here only
            await a.pause()
            assert isinstance(app.screen, Choose)
            assert [key for key, _ in app.screen.choices] == ["ana-ruiz", "eve-ko"]
            await a.press("escape")
            await a.pause()

            await a.press("space")
            assert await until(r, lambda: "turn · running" in screen_text(room))
            clock.now += 40  # nothing is saved meanwhile: the room ticks the speaker's clock itself
            assert await until(r, lambda: digits(room) == "02:20")
            assert "round: 29:20 left" in screen_text(room)

            await a.press("s")  # Eve has the floor, with a full turn
            assert await until(r, lambda: "speaker 2 of 2" in screen_text(room))
            assert "▶ Eve Ko" in screen_text(room) and digits(room) == "03:00"
            clock.now += 30
            assert await until(r, lambda: digits(room) == "02:30")

            await a.press("space")  # paused in the app: the room's speaker clock stands still
            assert await until(r, lambda: "turn · paused" in screen_text(room))
            clock.now += 60
            room.draw_clock()  # the room's next tick
            assert digits(room) == "02:30" and "round: 28:50 left" in screen_text(room)

            await a.press("space", "s", "s")  # in a burst: on, Eve done, and once more past the end
            assert await until(r, lambda: "Everyone has spoken" in screen_text(room))
            assert digits(room) == "28:50", "the round over, the big clock is the step's again"
            assert app.engine.floor().over

    asyncio.run(run())


def test_the_room_never_shows_a_choice_before_the_continuation_reveals_itself(ws):
    """Who has chosen, never what; once both have, the split and the rematch request, as the
    facilitator's panel words them (both from facilitator.decision)."""
    from facilitator.tui.steps.continuation import banner_lines

    async def run() -> tuple[str, str, str, list[str], list[str]]:
        clock = Clock()
        app = build_app(ws, session="midpoint", pair="ana-ben", clock=clock)
        room = build_room(ws, clock=clock, poll_seconds=0.02)
        async with app.run_test(size=(120, 40)) as a, room.run_test(size=(160, 48)) as r:  # wide: one line each
            await a.press("n", "n", "n", "n", "n")  # the third n: keep the (unwritten) reflection hidden
            await a.pause()
            assert app.engine.step.id == "continue"
            assert await until(r, lambda: "… choosing" in screen_text(room))
            unchosen = screen_text(room)
            app.engine.answer_many("ana-ruiz", {"M-K1": "Continue with changes", "M-K2": "REASONTOKEN agenda"},
                                   "sheet")
            assert await until(r, lambda: "Ana Ruiz (Mentor) ✓ has chosen" in screen_text(room))
            one_chose = screen_text(room)
            picture = repr(room.view)
            app.engine.answer_many("ben-ode", {"M-K1": "Ask for a rematch"}, "sheet")
            assert await until(r, lambda: "Split decision" in screen_text(room))
            both = screen_text(room)
            banner = [line.plain for line in banner_lines(app.engine, app.engine.step)]
            assert list(room.view.decision.banner) == banner, "the facilitator's panel and the room: one source"
            return unchosen, one_chose, picture, both, banner

    unchosen, one_chose, picture, both, banner = asyncio.run(run())
    assert "Nobody sees a choice until everyone has chosen" in unchosen
    assert "Ben Ode (Mentee) … choosing" in one_chose
    for leak in ("Continue with changes", "REASONTOKEN", "chose “", "split decision", "Split decision"):
        assert leak not in unchosen and leak not in one_chose, leak
        assert leak not in picture, f"{leak}: the picture itself never holds it"
    assert banner == ["Split decision: Ana Ruiz chose “Continue with changes”; Ben Ode chose “Ask for a rematch”.",
                      "⚑ Ben Ode chose “Ask for a rematch”."]
    for line in banner:
        assert line in both, line
    assert "split decision" in both and "REASONTOKEN agenda" in both
    assert both.index("Split decision") < both.index("One more question"), "the decision above the script"


def test_a_roleplay_swap_shows_its_banner(ws):
    with RunEngine.create(ws, "roleplay-test", pairs=["ana-ben", "cy-di"], clock=Clock()) as engine:
        engine.jump("round-2")
        view = project(engine)
    assert view.roleplay.swap and view.roleplay.round == 2 and "more scope" in view.roleplay.situation
    assert "budget freeze" not in repr(view), "a role's private brief is not the room's"


def test_present_needs_a_terminal(cli):
    result = cli("present")
    assert result.code == 2 and "needs a terminal" in result.err


# ---------------------------------------------------------------- snapshots

SIZES = [(80, 24), (160, 48)]


def _reflection(ws) -> str:
    # left open, as the facilitator's app holds it: a closed run's clock stops
    engine = RunEngine.create(ws, "pair-review", pair="ana-ben", clock=Clock())
    engine.jump("reflect")
    engine.answer("ana-ruiz", "P-W1", "We meet every week.")
    engine.answer("ana-ruiz", "P-R1", 5)
    engine.start_timer()
    return engine.record.id


def _reveal(ws) -> str:
    # left open, as the facilitator's app holds it: a closed run's clock stops
    engine = RunEngine.create(ws, "pair-review", pair="ana-ben", clock=Clock())
    engine.jump("reflect")
    engine.answer("ana-ruiz", "P-W1", "We meet every week, and I bring the agenda.")
    engine.answer("ana-ruiz", "P-R1", 5)
    engine.answer("ben-ode", "P-W1", "Ana listens well.")
    engine.answer("ben-ode", "P-R1", 1)
    engine.answer("ben-ode", "P-F1", "PRIVATETOKEN")
    engine.jump("reveal", close_missing=True)
    from facilitator.patterns import findings_for_run

    engine.confirm_pattern(next(f for f in findings_for_run(ws, engine.record.id) if f.found).id)
    engine.start_timer()
    engine.extend_timer(-4)  # one minute left of five, and the room's clock is 90 s on: over time
    return engine.record.id


def _round(ws) -> str:
    # the monthly meeting's check-in, Cy and Gil away: Eve has 01:05 left when the room looks
    add_mentors()
    clock = Clock()
    clock.now -= 100
    engine = RunEngine.create(ws, "cohort-meeting", cohort="spring", clock=clock)  # left open: its clock runs
    engine.set_attendance(["ana-ruiz", "eve-ko"])
    engine.jump("check-in")
    engine.answer_many("ana-ruiz", {"K-S1": "green", "K-S2": "Two calls", "K-S3": "Her plan", "K-S4": "Patience",
                                    "K-S5": 2}, "app")  # Ana's check-in sheet: done; Eve's still to write
    engine.start_timer()
    clock.now += 75
    engine.next_speaker()
    return engine.record.id


def _continuation(ws) -> str:
    # the midpoint's "how do you want to go on?": the mentor goes on with changes, the mentee asks for a rematch
    engine = RunEngine.create(ws, "midpoint", pair="ana-ben", clock=Clock())  # left open: its clock runs
    engine.jump("continue")
    engine.answer_many("ana-ruiz", {"M-K1": "Continue with changes", "M-K2": "A shorter agenda"}, "sheet")
    engine.answer_many("ben-ode", {"M-K1": "Ask for a rematch"}, "sheet")
    engine.start_timer()
    return engine.record.id


def _swap(ws) -> str:
    with RunEngine.create(ws, "roleplay-test", pairs=["ana-ben", "cy-di"], clock=Clock()) as engine:
        engine.jump("round-2")
        return engine.record.id


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("make", [_reflection, _reveal, _round, _swap, _continuation],
                         ids=lambda f: f.__name__.strip("_"))
def test_room_snapshot(snap_compare, ws, make, size):
    run_id = make(ws)
    clock = Clock()
    clock.now += 90  # the reflection's clock has run a minute and a half

    async def settled(pilot) -> None:
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    assert snap_compare(build_room(ws, run_id=run_id, clock=clock), terminal_size=size, run_before=settled)


# ---------------------------------------------------------------- presenter mode


def test_with_a_room_view_attached_the_app_becomes_the_presenters(ws):
    async def run() -> None:
        app = build_app(ws, session="pair-review", pair="ana-ben", clock=Clock())
        async with app.run_test(size=(120, 40)) as a:
            await a.pause()
            alone = screen_text(app)
            assert "room view: attached" not in alone and "Facilitator only" not in alone, "one screen: notes hidden"
            room = build_room(ws, poll_seconds=0.02)
            async with room.run_test(size=(120, 40)) as r:
                assert await until(a, lambda: "room view: attached" in screen_text(app), timeout=5)
                shown = screen_text(app)
                assert "Facilitator only" in shown and "next: Reflect (10')" in shown
                await a.press("n")
                assert await until(a, lambda: "next: Reveal (5')" in screen_text(app))
                assert await until(r, lambda: "Reflect" in screen_text(room))
                assert "Facilitator only" not in screen_text(room) and "attached" not in screen_text(room)
                await a.press("f")  # hidden by hand: it stays hidden while the room view stays
                await a.pause(1.5)
                assert "Facilitator only" not in screen_text(app) and "room view: attached" in screen_text(app)
                await a.press("f")
                await a.pause()
            # the room view closed: this screen may be the room's again, so the notes close
            assert await until(a, lambda: "room view: attached" not in screen_text(app), timeout=5)
            assert "Facilitator only" not in screen_text(app)

    asyncio.run(run())


def test_a_room_view_that_died_is_not_attached(ws):
    import time

    from facilitator.attach import STALE_SECONDS, Heartbeat, attached, beat_file

    ws.records_dir.mkdir(parents=True, exist_ok=True)  # as when a run has been saved
    record = ws.record_file("some-run")
    beat = Heartbeat()
    beat.show(record)
    assert attached(record) and beat_file(record).exists()
    later = time.time() + STALE_SECONDS + 1
    assert not attached(record, now=later), "a beat missed three times: that room view is gone"
    beat.show(ws.record_file("another-run"))  # it moved to another run: the first is no longer shown
    assert not attached(record) and attached(ws.record_file("another-run"))
    beat.stop()
    assert not attached(ws.record_file("another-run")) and not list(ws.records_dir.glob("*.room-*"))


@pytest.mark.parametrize("size", [(80, 24), (160, 48)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_notes_never_squeeze_the_stage(ws, size):
    """With the notes open the stage keeps room for its text: below the stage on a narrow terminal."""

    async def run() -> tuple[int, int, str]:
        app = build_app(ws, session="pair-review", pair="ana-ben", clock=Clock())
        async with app.run_test(size=size) as a:
            await a.press("n", "f")
            await a.pause()
            screen = app.screen
            return screen.query_one("#stage").outer_size.width, screen.query_one("#notes-panel").outer_size.width, \
                screen_text(app)

    stage, notes, shown = asyncio.run(run())
    assert "Facilitator only" in shown and "Reflect" in shown
    assert stage >= 40, f"the stage is {stage} columns of {size[0]}"
    if size[0] < 110:
        assert notes == size[0], "below the stage, the whole width"


def test_present_web_listens_on_this_computer_only_unless_asked(cli):
    result = cli("present", "--web", "--host", "0.0.0.0")
    assert result.code == 2 and "--allow-remote" in result.err and len(result.err_lines) == 1
    result = cli("present", "--web", "--port", "70000")
    assert result.code == 2 and "1 to 65535" in result.err
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        result = cli("present", "--web", "--port", str(taken.getsockname()[1]))
    assert result.code == 2 and "choose another with --port" in result.err and len(result.err_lines) == 1


def test_the_high_contrast_theme_reaches_the_room_view(ws):
    async def run() -> list[str]:
        room = build_room(ws, clock=Clock(), high_contrast=True)
        async with room.run_test(size=(80, 24)) as r:
            themes = [room.theme]
            await r.press("ctrl+t")
            themes.append(room.theme)
            await r.press("ctrl+t")
            return themes + [room.theme]

    assert asyncio.run(run()) == ["facilitator-contrast", "textual-dark", "facilitator-contrast"]


@pytest.mark.parametrize("size, big", [((160, 48), True), ((120, 40), False)], ids=["160x48", "120x40"])
def test_without_a_room_view_a_big_window_shows_the_rooms_big_clock(ws, size, big):
    async def run() -> tuple[bool, bool, str]:
        app = build_app(ws, session="pair-review", pair="ana-ben", clock=Clock())
        async with app.run_test(size=size) as a:
            await a.pause(0.3)
            screen = app.screen
            return (screen.query_one("#big-clock").display, screen.query_one("#clock").display,
                    screen_text(app))

    shown_big, shown_digits, text = asyncio.run(run())
    assert (shown_big, shown_digits) == (big, not big)
    if big:
        assert "█████" in text and "paused" in text


# ---------------------------------------------------------------- a user's check of the room view


def test_present_follows_the_demo_with_demo_after_the_command_too(cli, tmp_path):
    for args in (("present", "--demo"), ("--demo", "present")):
        root = tmp_path / "-".join(args).strip("-")
        result = cli(*args, "--workspace", root) if args[0] == "present" else cli("--workspace", root, *args)
        # the demo is made there and the room view is asked for: only the missing terminal stops it
        assert result.code == 2 and "needs a terminal" in result.err and "unrecognized" not in result.err
        assert (root / "program.toml").exists()


def test_the_waiting_room_names_its_workspace_and_the_demo_command(ws):
    follower = Follower(ws)
    follower.poll()
    assert follower.view is None
    assert str(ws.root) in follower.problem and "facilitator present --demo" in follower.problem


def test_after_a_resize_the_room_lays_itself_out_for_the_new_size(ws):
    run_id = _reflection(ws)

    async def run() -> None:
        room = build_room(ws, run_id=run_id, clock=Clock())
        async with room.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            agenda = room.query_one("#room-agenda")
            assert not agenda.display
            await pilot.resize_terminal(160, 48)
            await pilot.pause()
            await pilot.pause()
            assert agenda.display and "✓ Welcome" in screen_text(room)
            assert room.query_one("#room-banner").display  # the step title large, on its own row
            await pilot.resize_terminal(80, 24)
            await pilot.pause()
            await pilot.pause()
            assert not agenda.display and not room.query_one("#room-banner").display
            assert "Reflect" in screen_text(room)

    asyncio.run(run())


def test_the_step_title_is_large_on_a_big_window_and_a_banner_when_it_does_not_fit():
    from facilitator.tui.room import big_title

    letters = big_title("Reflect", 100)
    assert letters and len(letters.splitlines()) == 4 and max(map(len, letters.splitlines())) <= 100
    assert big_title("Reflect on the weeks since we last met, each of you alone", 60) is None  # three lines
    assert big_title("Café", 100) is None  # no such letter in the font: said in words


def test_after_finish_every_step_of_the_rooms_agenda_is_done(ws):
    from facilitator.tui.room import agenda

    with RunEngine.create(ws, "pair-review", pair="ana-ben", clock=Clock()) as engine:
        engine.jump("close")
        assert "▶" in agenda(project(engine)).plain
        engine.finish()
        listing = agenda(project(engine)).plain
    assert "▶" not in listing and all(line.startswith("✓") for line in listing.splitlines())


def test_at_the_reveal_the_script_is_above_the_answers(ws):
    from rich.console import Console

    from facilitator.tui.room import stage

    from msgspec.structs import replace

    _reveal(ws)
    follower = Follower(ws)
    follower.poll()
    view = replace(follower.view, script="Read them slowly, SCRIPTTOKEN.")  # this test reveal says nothing
    console = Console(width=120, record=True)
    console.print(stage(view))
    shown = console.export_text()
    assert shown.index("SCRIPTTOKEN") < shown.index("Code")


def test_the_clocks_three_warnings_are_three_different_colours(ws):
    run_id = _reflection(ws)

    async def run() -> set:
        room = build_room(ws, run_id=run_id, clock=Clock())
        async with room.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            digits = room.query_one("#room-digits")
            seen = set()
            for state in ("warning", "alert", "overrun"):
                for name in ("warning", "alert", "overrun"):
                    digits.set_class(name == state, f"-{name}")
                await pilot.pause()
                seen.add((digits.styles.color.hex, digits.styles.background.hex))
            return seen

    seen = asyncio.run(run())
    assert len(seen) == 3 and {"#FFD700", "#FF8C00"}.isdisjoint(c for c, _ in seen)  # not gold, not orange


def test_present_web_serves_a_larger_text_and_a_chosen_one(ws):
    import subprocess
    import sys
    import urllib.request

    from tests.conftest import ROOT
    from tests.test_room_web import free_port, wait_for_port

    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "facilitator", "--workspace", str(ws.root), "present", "--web",
                               "--port", str(port), "--font-size", "30"], cwd=ROOT, start_new_session=True,
                              text=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        wait_for_port(port, server)
        page = urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10).read().decode()
        assert 'data-font-size="30"' in page
        page = urllib.request.urlopen(f"http://127.0.0.1:{port}/?fontsize=18", timeout=10).read().decode()
        assert 'data-font-size="18"' in page  # one browser's own choice in its address still wins
    finally:
        import signal

        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=10)


def test_present_web_refuses_a_text_size_it_cannot_show(cli):
    result = cli("present", "--web", "--font-size", "2")
    assert result.code == 2 and "--font-size 2" in result.err and len(result.err_lines) == 1


def test_the_readme_names_every_key_of_the_room_view():
    from facilitator.tui.keys import declared
    from facilitator.tui.room import RoomApp
    from tests.test_app import README

    text = README.read_text(encoding="utf-8")
    said = text[text.index("Keys in the room view:"):].split("\n\n", 1)[0]
    keys = {key for b in declared(RoomApp) for key in b.key.split(",")}
    assert {"pagedown", "space", "pageup", "ctrl+t", "q"} <= keys
    assert [key for key in keys if key not in said] == []
