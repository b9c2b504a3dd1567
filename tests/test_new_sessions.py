"""Every bundled session as a new user meets it: it starts, its worksheets and guide print,
and the app runs it by keys from the first step to the finish. The sessions added for
stretch assignments, reverse mentoring, clarity checks and the cohort's closing also print
a summary that holds what was written."""

from __future__ import annotations

import asyncio

import pytest

from facilitator.library import load_library
from facilitator.records import load_record
from facilitator.tui.app import build_app
from facilitator.tui.run import RunScreen
from tests.conftest import Clock
from tests.test_app import fill_sheet, screen_text

BUNDLED = sorted((e.session for e in load_library().entries.values() if e.source == "bundled"),
                 key=lambda s: s.id)


def pdf_text(path) -> str:
    """A PDF's words in order, one space between (lines and pages run on)."""
    from pypdf import PdfReader

    return " ".join(" ".join(page.extract_text() or "" for page in PdfReader(path).pages).split())


NEW = ("stretch-planning", "reverse-kickoff", "clarity-check", "cohort-closing")


def _subject(session) -> tuple[str, ...]:
    group = ("--cohort", "spring") if session.audience == "cohort" else ("--pair", "ana-ben")
    # a session with a guest (the sponsor) starts only once the guest is named
    return group + tuple(a for r in session.roles if r.guest for a in ("--guest", f"{r.id}=Dana Ruiz"))


def test_the_new_sessions_are_in_the_library():
    assert set(NEW) <= {s.id for s in BUNDLED}


@pytest.mark.parametrize("session", BUNDLED, ids=lambda s: s.id)
def test_it_starts_and_prints_its_worksheets_and_guide(session, ws, cli, tmp_path):
    if session.audience != "workshop":
        started = cli("start", session.id, *_subject(session))
        assert started.code == 0, started.err
    for document in ("worksheet", "guide"):
        out = tmp_path / f"{document}.pdf"
        result = cli("print", document, session.id, "-o", out)
        assert result.code == 0, result.err
        text = pdf_text(out)
        assert session.title in text
    guide = pdf_text(tmp_path / "guide.pdf")
    assert all(" ".join(step.title.split(":")[0].split()) in guide for step in session.steps)
    sheets = pdf_text(tmp_path / "worksheet.pdf")
    assert all(q.code in sheets for _, q in session.questions()), "every question on a sheet"


async def _to_the_end(app, pilot, steps: int) -> None:
    await pilot.pause()
    from facilitator.tui.modals import Prompt

    if isinstance(app.screen, Prompt):  # a session with a sponsor asks the guest's name first
        await pilot.press(*"Dana Ruiz", "enter")
        await pilot.pause()
    assert isinstance(app.screen, RunScreen)
    for _ in range(steps - 1):
        await pilot.press("n")
        await pilot.pause()
        if not isinstance(app.screen, RunScreen):  # leaving what nobody finished: close it
            assert "y: reveal now" in screen_text(app)
            await pilot.press("y")
            await pilot.pause()
    assert app.engine.record.step == steps - 1, "every n moved one step on"
    await pilot.press("F")
    await pilot.pause()
    # a sealed choice nobody made asks first (y); else the plain confirmation (enter)
    await pilot.press("y" if "y: finish the run" in screen_text(app) else "enter")
    await pilot.pause()


@pytest.mark.parametrize("session", [s for s in BUNDLED if s.audience != "workshop"], ids=lambda s: s.id)
def test_the_app_runs_it_by_keys_to_the_end(session, ws):
    async def run() -> str:
        kwargs = {"cohort": "spring"} if session.audience == "cohort" else {"pair": "ana-ben"}
        app = build_app(ws, session=session.id, clock=Clock(), **kwargs)
        async with app.run_test(size=(100, 30)) as pilot:
            await _to_the_end(app, pilot, len(session.steps))
            return app.engine.record.id

    assert load_record(ws.record_file(asyncio.run(run()))).is_finished


@pytest.mark.parametrize("session", [s for s in BUNDLED if s.audience == "workshop"], ids=lambda s: s.id)
def test_the_app_runs_a_roleplay_by_keys_to_the_end(session, ws):
    async def run() -> str:
        app = build_app(ws, clock=Clock())
        async with app.run_test(size=(100, 30)) as pilot:
            app.start_run(session.id, pairs=["ana-ben", "cy-di"])
            await _to_the_end(app, pilot, len(session.steps))
            return app.engine.record.id

    assert load_record(ws.record_file(asyncio.run(run()))).is_finished


def test_a_stretch_plan_written_in_the_app_reaches_the_agreement_and_the_summary(ws, cli, tmp_path):
    async def run() -> str:
        app = build_app(ws, session="stretch-planning", pair="ana-ben", clock=Clock())
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            await pilot.press("n")  # what success would look like
            await fill_sheet(pilot, 1, {"SA-S1": "STRETCHGOAL the intake backlog halved", "SA-S3": "4"})
            await fill_sheet(pilot, 0, {"SA-D1": "MENTORVIEW leading without authority"})
            await pilot.press("n")  # side by side
            await pilot.pause()
            room = screen_text(app)
            assert "STRETCHGOAL" in room and "MENTORVIEW" in room
            await pilot.press("n")  # the pipeline
            await fill_sheet(pilot, 0, {"SA-O2": "CHOICE the intake redesign; reserve: the survey"})
            for _ in range(5):
                await pilot.press("n")
            await pilot.press("F")
            await pilot.pause()
            await pilot.press("enter")
            await pilot.pause()
            return app.engine.record.id

    run_id = asyncio.run(run())
    assert load_record(ws.record_file(run_id)).is_finished
    agreement = tmp_path / "agreement.pdf"
    assert cli("print", "agreement", "ana-ben", "-o", agreement).code == 0
    assert "CHOICE the intake redesign" in pdf_text(agreement)
    summary = tmp_path / "summary.pdf"
    assert cli("print", "summary", run_id, "-o", summary).code == 0
    text = pdf_text(summary)
    assert "STRETCHGOAL" in text and "MENTORVIEW" in text
