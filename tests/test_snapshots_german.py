"""The home and run screens with the program's language set to German (`config set language
de`): keys, headings, table heads and the clock's notes in German; the session's own words
(titles, scripts) as written. Fixed clock, settled as tests/test_snapshots.py settles them."""

from __future__ import annotations

import pytest

from facilitator import i18n
from facilitator.tui.app import build_app
from tests.conftest import Clock
from tests.test_snapshots import SIZES, settled


@pytest.fixture
def german(ws, cli):
    assert cli("config", "--workspace", ws.root, "set", "language", "de").code == 0
    yield ws
    i18n.set_default("en")  # the app set its language for the process: the next test starts in English


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_home_in_german(snap_compare, german, size):
    assert snap_compare(build_app(german, clock=Clock()), terminal_size=size, run_before=settled())


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_run_screen_in_german(snap_compare, german, size):
    app = build_app(german, session="pair-review", pair="ana-ben", clock=Clock())
    assert snap_compare(app, terminal_size=size, run_before=settled("n"))


def test_the_help_screen_lists_the_keys_in_german(german):
    import asyncio

    from facilitator.tui.keys import help_sections

    async def run() -> list:
        app = build_app(german, clock=Clock())
        async with app.run_test(size=(100, 40)) as pilot:
            await pilot.pause()
            return help_sections(app.screen)

    sections = asyncio.run(run())
    lines = {text for _, keys in sections for _, text in keys}
    assert "eine Sitzung für ein Tandem, eine Gruppe oder einen Workshop starten" in lines
    assert "beenden (alles ist bereits gespeichert)" in lines
    assert not any(text.startswith(("start a session", "quit (")) for text in lines)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_reveal_panel_in_german(snap_compare, german, size):
    """The side by side with a gap and the patterns: heads, marks, legend and pattern words in German."""
    from tests.test_snapshots import answer_both

    app = build_app(german, session="pair-review", pair="ana-ben", clock=Clock())
    assert snap_compare(app, terminal_size=size, run_before=settled("n", before=answer_both))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_round_robin_panel_in_german(snap_compare, german, size):
    """A cohort's round: who speaks now, the order, the turn's clock note, in German."""
    app = build_app(german, session="cohort-test", cohort="spring", clock=Clock())
    assert snap_compare(app, terminal_size=size, run_before=settled("s"))


@pytest.mark.parametrize("size", [(80, 24), (160, 48)], ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("which", ["reveal", "round"])
def test_room_view_in_german(snap_compare, german, which, size):
    """The room view in the program's language: its agenda, headings, table and clock words."""
    from facilitator.tui.room import build_room
    from tests import test_room

    run_id = {"reveal": test_room._reveal, "round": test_room._round}[which](german)
    clock = Clock()
    clock.now += 90  # as tests/test_room.py's snapshots: the room's clock a minute and a half on

    async def settle(pilot) -> None:
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    assert snap_compare(build_room(german, run_id=run_id, clock=clock), terminal_size=size, run_before=settle)
