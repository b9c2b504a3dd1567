"""The bundled library as a facilitator meets it after an upgrade: questions that now take a date
or a number keep the answers older runs hold; a reveal reads its items as the sheets did, names
and agreement terms quoted; a broken pattern file is said where patterns would have been named."""

from __future__ import annotations

import asyncio

import msgspec
import pytest

from facilitator.engine import RunEngine
from facilitator.records import Entry, load_record, save_record
from facilitator.room import project
from facilitator.tui.app import build_app
from facilitator.values import BadValue
from facilitator.workspace import Workspace
from tests.conftest import Clock
from tests.test_app import screen_text


def _old_answer(ws: Workspace, run: str, person: str, role: str, code: str, value) -> None:
    """An answer as a run written before the upgrade holds it."""
    path = ws.record_file(run)
    record = load_record(path)
    record.entries.append(Entry(person=person, role=role, code=code, value=value, at="2026-03-01T10:00:00+00:00",
                                source="app"))
    save_record(path, record)


@pytest.fixture
def run(ws, cli) -> str:
    started = cli("start", "expectations", "--pair", "ana-ben")
    assert started.code == 0, started.err
    return started.out.strip()


@pytest.mark.parametrize("code", ["E-L11", "E-A15"])  # today's code, and the code it had before (`was`)
def test_a_review_date_written_as_text_before_it_took_a_date_still_loads(ws, cli, run, code, tmp_path):
    _old_answer(ws, run, "ben-ode", "mentee", code, "At our midpoint review, the week of 3 March")
    exported = cli("export")
    assert exported.code == 0, exported.err
    assert "E-L11" in exported.out and "At our midpoint review, the week of 3 March" in exported.out
    summary = tmp_path / "summary.pdf"
    assert cli("print", "summary", run, "-o", summary).code == 0
    with RunEngine.open(Workspace(ws.root), run, clock=Clock()) as engine:
        assert engine.own_answer("ben-ode", "E-L11") == "At our midpoint review, the week of 3 March"
        # the sheet saved again as it is keeps the answer; a new one must be a date
        engine.answer_many("ben-ode", {"E-L11": "At our midpoint review, the week of 3 March"}, source="app")
        with pytest.raises(BadValue, match="not a date as YYYY-MM-DD"):
            engine.answer_many("ben-ode", {"E-L11": "next March"}, source="app")
        engine.answer_many("ben-ode", {"E-L11": "2027-03-15"}, source="app")
        assert engine.own_answer("ben-ode", "E-L11") == "2027-03-15"


def test_a_sheet_refuses_a_review_date_that_is_not_a_date(ws, cli, run, tmp_path):
    sheet = tmp_path / "ben.toml"
    assert cli("answers", "--run", run, "--role", "mentee", "-o", sheet).code == 0
    text = sheet.read_text(encoding="utf-8")
    assert "(a date as YYYY-MM-DD" in text.split("E-L11 =")[0].splitlines()[-1]
    sheet.write_text(text.replace('E-L11 = ""', 'E-L11 = "next March"'), encoding="utf-8")
    refused = cli("import", run, sheet)
    assert refused.code == 2 and "E-L11: `next March` is not a date as YYYY-MM-DD" in refused.err
    sheet.write_text(text.replace('E-L11 = ""', "E-L11 = 2027-03-15"), encoding="utf-8")
    assert cli("import", run, sheet).code == 0


def test_the_hours_a_stretch_may_take_are_a_number_and_old_whole_hours_still_load(ws, cli):
    started = cli("start", "stretch-planning", "--pair", "ana-ben")
    assert started.code == 0, started.err
    run = started.out.strip()
    _old_answer(ws, run, "ben-ode", "mentee", "SA-S3", 4)  # asked as a count before
    with RunEngine.open(Workspace(ws.root), run, clock=Clock()) as engine:
        assert engine.own_answer("ben-ode", "SA-S3") == 4
        engine.answer("ben-ode", "SA-S3", 4.5)
        assert engine.own_answer("ben-ode", "SA-S3") == 4.5
        with pytest.raises(BadValue, match="at most 1 decimal place"):
            engine.answer("ben-ode", "SA-S3", 4.25)
        with pytest.raises(BadValue, match="out of range"):
            engine.answer("ben-ode", "SA-S3", 41)


def test_the_sponsors_name_is_asked_in_full_on_a_small_terminal(ws):
    async def asked() -> str:
        app = build_app(ws, session="stretch-checkin", pair="ana-ben", clock=Clock())
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            return screen_text(app)

    screen = asyncio.run(asked())
    assert "Who joins Ana Ruiz & Ben Ode for" in screen and "sponsor check-in?" in screen  # wrapped, not cut
    assert "Sponsor's name" in screen


# ---------------------------------------------------------------- a reveal, quoted


def _check_in(ws, cli) -> str:
    """A stretch check-in at its reveal: the sponsor and the mentee have written."""
    started = cli("start", "stretch-checkin", "--pair", "ana-ben", "--guest", "sponsor=Dana Ruiz")
    assert started.code == 0, started.err
    run = started.out.strip()
    with RunEngine.open(Workspace(ws.root), run, clock=Clock()) as engine:
        engine.answer("ben-ode", "SC-E4", "The intake form is live")
        engine.answer("dana-ruiz", "SC-S2", 2)
        engine.jump("together", close_missing=True)  # the mentor wrote nothing: closed, as "y: reveal now" does
    return run


def test_the_reveal_reads_its_items_with_the_names_quoted(ws, cli):
    run = _check_in(ws, cli)
    with RunEngine.open(Workspace(ws.root), run, lock=False) as engine:
        room = msgspec.json.encode(project(engine)).decode()
    assert "I know what Ben Ode has delivered so far." in room and "{mentee}" not in room

    async def shown() -> str:
        app = build_app(Workspace(ws.root), run_id=run, clock=Clock())
        async with app.run_test(size=(160, 60)) as pilot:
            for _ in range(50):  # the patterns are listed off the UI thread; a resize may come meanwhile
                await pilot.pause()
                if "Looking for patterns" not in screen_text(app):
                    break
            await pilot.resize_terminal(120, 50)
            await pilot.pause()
            return screen_text(app)

    screen = asyncio.run(shown())
    assert "What have you seen Ben Ode deliver" in screen and "I know what Ben Ode" in screen
    assert "{mentee}" not in screen and "{term." not in screen


def test_a_broken_pattern_file_is_said_where_patterns_would_be_named(ws, cli, tmp_path):
    run = _check_in(ws, cli)
    (ws.root / "patterns.toml").write_text('[[patterns]]\nid = "x"\nname = \n', encoding="utf-8")

    async def shown() -> str:
        app = build_app(Workspace(ws.root), run_id=run, clock=Clock())
        async with app.run_test(size=(160, 60)) as pilot:
            for _ in range(50):  # the patterns are worked out off the UI thread
                await pilot.pause()
                if "Patterns cannot be named" in screen_text(app) or "No patterns named" in screen_text(app):
                    break
            return screen_text(app)

    screen = asyncio.run(shown())
    assert "Patterns cannot be named:" in screen and "patterns.toml:3:8: TOML syntax error" in screen
    assert "No patterns named from these answers" not in screen
    with RunEngine.open(Workspace(ws.root), run, clock=Clock()) as engine:
        engine.confirm_pattern("sponsor_invisible")
    printed = cli("print", "summary", run, "-o", tmp_path / "summary.pdf")
    assert printed.code == 0, printed.err
    assert any("patterns.toml:3" in line for line in printed.err_lines)
    assert any("names its patterns without the workspace's patterns.toml" in line for line in printed.err_lines)


def test_the_guide_names_the_steps_a_reveal_shows_by_their_titles(ws, cli, tmp_path):
    from tests.test_new_sessions import pdf_text

    out = tmp_path / "guide.pdf"
    assert cli("print", "guide", "stretch-checkin", "-o", out).code == 0
    text = pdf_text(out)
    assert "Reveals: “Thirty days, on your own”, “The sponsor joins”." in text
    assert "Reveals: pair-check" not in text
