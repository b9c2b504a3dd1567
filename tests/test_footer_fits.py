"""At 80 columns the footer keeps its last keys ("? Help", "^q Quit") on screen, in English
and in German, on the home and the run screen; on a wide terminal the palette key shows too."""

from __future__ import annotations

import asyncio
import re

import pytest

from facilitator import i18n
from facilitator.tui.app import build_app
from tests.conftest import Clock
from tests.test_app_german import screen_text


def footer_line(app) -> str:
    return screen_text(app).rstrip().splitlines()[-1]


@pytest.mark.parametrize("language, help_key, quit_key", [("en", "? Help", "^q Quit"), ("de", "? Hilfe", "^q Ende")])
def test_the_last_keys_stay_on_an_80_column_footer(ws, cli, language, help_key, quit_key):
    assert cli("config", "--workspace", ws.root, "set", "language", language).code == 0
    lines = {}

    async def run() -> None:
        app = build_app(ws, clock=Clock())
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            lines["home"] = footer_line(app)
        app = build_app(ws, session="midpoint", pair="ana-ben", clock=Clock())
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("n")
            await pilot.pause()
            lines["run"] = footer_line(app)
            await pilot.press("ctrl+p")  # the palette key is off the footer, not off the keyboard
            await pilot.pause()
            lines["palette"] = type(app.screen).__name__
        app = build_app(ws, session="midpoint", pair="ana-ben", clock=Clock())
        async with app.run_test(size=(160, 40)) as pilot:
            await pilot.pause()
            lines["wide"] = footer_line(app)

    try:
        asyncio.run(run())
    finally:
        i18n.set_default("en")
    for screen in ("home", "run"):
        assert help_key in lines[screen] and lines[screen].rstrip().endswith(quit_key), lines[screen]
    assert lines["palette"] == "CommandPalette"
    assert "^p" in lines["wide"] and help_key in lines["wide"]


@pytest.mark.parametrize("language, help_key, quit_key", [("en", "? Help", "^q Quit"), ("de", "? Hilfe", "^q Ende")])
def test_a_round_with_its_own_keys_still_shows_help_and_quit_at_80_columns(ws, cli, language, help_key, quit_key):
    """The commitments round adds "s Next speaker" and "c Commitment": the keys reached least give way."""
    assert cli("config", "--workspace", ws.root, "set", "language", language).code == 0
    seen = {}

    async def run() -> None:
        app = build_app(ws, session="cohort-meeting", cohort="spring", clock=Clock())
        async with app.run_test(size=(80, 24)) as pilot:
            for _ in range(5):  # to the round that takes each mentor's commitment
                await pilot.press("n")
                await pilot.pause()
                if type(app.screen).__name__ != "RunScreen":
                    await pilot.press("y")
                    await pilot.pause()
            await pilot.press("s")
            await pilot.pause()
            seen["round"] = footer_line(app)
            seen["step"] = screen_text(app)
            await pilot.press("question_mark")
            await pilot.pause()
            seen["help"] = screen_text(app)

    try:
        asyncio.run(run())
    finally:
        i18n.set_default("en")
    line = seen["round"]
    assert line.startswith("s ") and re.search(r"c (Commitment|Vorhaben)", line), line  # the round's own keys
    assert help_key in line and line.rstrip().endswith(quit_key), line
    assert "add a minute" in seen["help"] or "Minute" in seen["help"]  # what gave way is in the help
