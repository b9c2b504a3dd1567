"""Dates, decimal numbers, percentages and fractional minutes, as a user meets them:
the answer sheet by keys, `answers` and `import`, paper read back, the clock."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pdfplumber
import pytest

from facilitator import model, presentation, values
from facilitator.engine import RunEngine
from facilitator.records import load_record
from facilitator.tui.app import build_app
from facilitator.tui.modals import AnswerSheet
from facilitator.tui.run import RunScreen
from tests.conftest import Clock
from tests.test_app import screen_text
from tests.test_printing import fill

TYPES = """
id = "types-test"
title = "Stretch check"
kind = "midpoint"
purpose = "Where the stretch assignment stands."
minutes = 16.5

[[roles]]
id = "mentor"
name = "Mentor"

[[roles]]
id = "mentee"
name = "Mentee"

[[steps]]
id = "welcome"
type = "talk"
title = "Welcome"
minutes = 1.5
say = "Welcome, {mentee} and {mentor}."

[[steps]]
id = "plan"
type = "reflection"
title = "Plan"
minutes = 10

[[steps.questions]]
code = "T-D1"
type = "date"
text = "When will the first milestone be done?"
roles = ["mentee"]

[[steps.questions]]
code = "T-H1"
type = "number"
text = "Hours a week the stretch work takes"
unit = "hours"
decimals = 1
min = 0
max = 60
measure = "stretch_hours"
roles = ["mentee"]

[[steps.questions]]
code = "T-P1"
type = "number"
text = "How much of the assignment is done?"
unit = "%"
min = 0
max = 100

[[steps]]
id = "show"
type = "reveal"
title = "Side by side"
minutes = 2
reveals = ["plan"]

[[steps]]
id = "turns"
type = "round_robin"
title = "One thing each"
minutes = 3
speaker_minutes = 1.5
"""


@pytest.fixture
def tws(ws):
    (ws.root / "sessions" / "types-test.toml").write_text(TYPES, encoding="utf-8")
    return ws


@pytest.fixture
def run_id(tws, cli) -> str:
    result = cli("start", "types-test", "--pair", "ana-ben")
    assert result.code == 0, result.err
    return result.out.strip()


def sheet(cli, tmp_path: Path, run_id: str, **answers: str) -> Path:
    """Ben's sheet from `facilitator answers`, with the lines given replaced as a person would write them."""
    path = tmp_path / "ben.toml"
    assert cli("answers", "--run", run_id, "--role", "mentee", "-o", path).code == 0
    lines = path.read_text(encoding="utf-8").splitlines()
    for code, written in answers.items():
        code = code.replace("_", "-")
        i = next(i for i, line in enumerate(lines) if line.startswith(f"{code} = "))
        lines[i] = f"{code} = {written}"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def entries(tws, run_id: str) -> dict[str, object]:
    record = load_record(tws.record_file(run_id))
    return {e.code: e.value for e in record.entries}


def revealed(tws, run_id: str) -> None:
    """On to the side-by-side and reveal it, the mentor's sheet still blank."""
    with RunEngine.open(tws, run_id) as engine:
        engine.jump("show", close_missing=True)
        engine.reveal(close_missing=True)


def pdf_text(path: Path) -> str:
    with pdfplumber.open(path) as pdf:
        return " ".join(" ".join((page.extract_text() or "").split()) for page in pdf.pages)


# ---------------------------------------------------------------- the values themselves


def test_a_date_is_kept_as_iso_text_and_a_wrong_one_says_what_is_expected():
    q = model.DateQuestion(code="D", text="When?")
    assert values.check_value(q, "2026-12-01") == "2026-12-01"
    import datetime

    assert values.check_value(q, datetime.date(2026, 12, 1)) == "2026-12-01"  # a TOML date, unquoted
    assert values.check_value(q, "") is None
    with pytest.raises(values.BadValue, match=r"not a date as YYYY-MM-DD, e.g. 2026-12-01"):
        values.check_value(q, "1/12/2026")
    with pytest.raises(values.BadValue, match="not a day in the calendar"):
        values.check_value(q, "2026-02-30")
    assert presentation.answer_text("2026-12-01", q) == "1 December 2026"


def test_a_number_keeps_to_its_range_and_its_decimal_places():
    hours = model.NumberQuestion(code="H", text="Hours", unit="hours", decimals=1, min=0, max=60)
    percent = model.NumberQuestion(code="P", text="Share", unit="%", min=0, max=100)
    assert values.check_value(hours, values.from_typed(hours, "7,5")) == 7.5
    assert values.check_value(percent, values.from_typed(percent, "40 %")) == 40
    with pytest.raises(values.BadValue, match="7.25 has 2 decimal places; this question takes at most 1"):
        values.check_value(hours, 7.25)
    with pytest.raises(values.BadValue, match="101% is out of range: a whole number 0-100%"):
        values.check_value(percent, 101)
    with pytest.raises(values.BadValue, match="got true/false"):
        values.check_value(percent, True)
    assert presentation.answer_text(7.5, hours) == "7.5 hours"
    assert presentation.answer_text(40, percent) == "40%"
    counts = model.CountQuestion(code="N", text="Meetings")
    assert values.describe(counts) == "a whole number 0-999"  # the count type is as it was


def test_minutes_are_written_one_way_in_halves():
    assert [presentation.minutes_text(m) for m in (0.5, 1.5, 3, 10.0)] == ["½ min", "1½ min", "3 min", "10 min"]
    assert presentation.minutes_short(2.5) == "2½'"


# ---------------------------------------------------------------- the session file


@pytest.mark.parametrize("change, problem", [
    ('minutes = 1.5\nsay', "steps[1].minutes: expected a number that's a multiple of 0.5"),
    ("speaker_minutes = 1.5", "steps[4].speaker_minutes: expected an integer >= 1"),
    ('decimals = 1', "decimals: expected an integer <= 3"),
    ("minutes = 10\n", "steps[2].minutes: expected an integer <= 600"),
])
def test_validate_refuses_odd_minutes_and_decimal_places(cli, tmp_path, change, problem):
    replacement = {"minutes = 1.5\nsay": "minutes = 1.25\nsay", "speaker_minutes = 1.5": "speaker_minutes = 0",
                   "decimals = 1": "decimals = 4", "minutes = 10\n": "minutes = 1000\n"}[change]
    path = tmp_path / "s.toml"
    path.write_text(TYPES.replace(change, replacement, 1), encoding="utf-8")
    result = cli("validate", path)
    assert result.code == 2 and "Traceback" not in result.err
    assert any(problem in line for line in result.err_lines), result.err


def test_the_file_as_written_validates_with_its_half_minutes(cli, tmp_path):
    path = tmp_path / "s.toml"
    path.write_text(TYPES, encoding="utf-8")
    result = cli("validate", path)
    assert result.code == 0, result.err
    assert "16½ minutes" in result.out


# ---------------------------------------------------------------- answers and import


def test_the_answer_sheet_says_what_each_new_type_takes(cli, run_id, tmp_path):
    text = sheet(cli, tmp_path, run_id).read_text(encoding="utf-8")
    assert "(a date as YYYY-MM-DD, e.g. 2026-12-01)" in text
    assert "(a number 0-60 hours, up to 1 decimal place)" in text
    assert "(a whole number 0-100%)" in text


@pytest.mark.parametrize("line, problem", [
    ({"T_D1": '"1/12/2026"'}, "T-D1: `1/12/2026` is not a date as YYYY-MM-DD, e.g. 2026-12-01"),
    ({"T_D1": '"2026-02-30"'}, "T-D1: `2026-02-30` is not a day in the calendar"),
    ({"T_P1": "101"}, "T-P1: 101% is out of range: a whole number 0-100%"),
    ({"T_H1": "7.125"}, "T-H1: 7.125 has 3 decimal places; this question takes at most 1 decimal place"),
])
def test_import_refuses_a_bad_date_or_number_in_one_line_and_keeps_nothing(cli, tws, run_id, tmp_path, line,
                                                                             problem):
    path = sheet(cli, tmp_path, run_id, **{"T_H1": "7.5", **line})
    result = cli("import", run_id, path)
    assert result.code == 2
    assert len(result.err_lines) == 1 and problem in result.err_lines[0], result.err
    assert entries(tws, run_id) == {}  # the good line beside it is not kept either


def test_import_keeps_a_date_as_iso_text_and_numbers_as_numbers(cli, tws, run_id, tmp_path):
    path = sheet(cli, tmp_path, run_id, T_D1="2026-12-01", T_H1="7.5", T_P1="40")  # an unquoted TOML date
    assert cli("import", run_id, path).code == 0
    assert entries(tws, run_id) == {"T-D1": "2026-12-01", "T-H1": 7.5, "T-P1": 40}
    record_text = tws.record_file(run_id).read_text(encoding="utf-8")
    assert 'value = "2026-12-01"' in record_text
    revealed(tws, run_id)  # an export holds what the room may see: nothing sealed
    exported = json.loads(cli("export", "--format", "json").out)["answers"]
    assert {r["code"]: r["value"] for r in exported} == {"T-D1": "2026-12-01", "T-H1": 7.5, "T-P1": 40}


# ---------------------------------------------------------------- paper


def test_the_worksheet_prints_a_date_line_and_the_unit_and_the_summary_words_them(cli, tws, run_id, tmp_path):
    out = tmp_path / "sheets.pdf"
    assert cli("print", "worksheet", "types-test", "--pair", "ana-ben", "-o", out).code == 0
    printed = pdf_text(out)
    assert "date as year-month-day, e.g. 2026-12-01" in printed
    assert "hours a number 0-60 hours, up to 1 decimal place" in printed
    assert "a whole number 0-100%" in printed

    path = sheet(cli, tmp_path, run_id, T_D1='"2026-12-01"', T_H1="7.5", T_P1="40")
    assert cli("import", run_id, path).code == 0
    revealed(tws, run_id)
    summary = tmp_path / "summary.pdf"
    assert cli("print", "summary", run_id, "-o", summary).code == 0
    said = pdf_text(summary)
    assert "Mentee (Ben Ode) 1 December 2026" in said
    assert "Mentee (Ben Ode) 7.5 hours" in said and "Mentee (Ben Ode) 40%" in said


def test_a_filled_pdf_form_gives_a_date_and_a_decimal_back(cli, tws, run_id, tmp_path):
    blank, filled = tmp_path / "form.pdf", tmp_path / "filled.pdf"
    assert cli("print", "worksheet", "types-test", "--person", "ben-ode", "--pair", "ana-ben", "--fillable",
               "-o", blank).code == 0
    fill(blank, filled, {"T-D1": "2026-12-01", "T-H1": "7,5", "T-P1": "101"})
    result = cli("import", run_id, filled)
    assert result.code == 2 and "T-P1: 101% is out of range" in result.err_lines[0]
    fill(blank, filled, {"T-D1": "2026-12-01", "T-H1": "7,5", "T-P1": "40 %"})
    result = cli("import", run_id, filled)
    assert result.code == 0, result.err
    assert entries(tws, run_id) == {"T-D1": "2026-12-01", "T-H1": 7.5, "T-P1": 40}


def test_the_guide_writes_half_minutes_as_halves(cli, tws, tmp_path):
    out = tmp_path / "guide.pdf"
    assert cli("print", "guide", "types-test", "-o", out).code == 0
    printed = pdf_text(out)
    assert "+0' 1½' Welcome" in printed and "+1½' 10' Plan" in printed
    assert "Per speaker: 1½ min" in printed
    assert "1.5" not in printed


# ---------------------------------------------------------------- the clock


def test_a_step_of_a_minute_and_a_half_and_a_90_second_turn_are_timed_so(tws):
    clock = Clock()
    engine = RunEngine.create(tws, "types-test", pair="ana-ben", clock=clock)
    try:
        assert engine.allowed() == 90.0
        engine.extend_timer(-5)  # shortened by more than it has: down to nothing, never below
        assert engine.allowed() == 0.0
        engine.extend_timer(1)
        assert engine.allowed() == 60.0
        engine.jump("turns")
        engine.start_timer()
        clock.now += 80
        floor = engine.floor()
        assert floor.turn.seconds == 90.0 and floor.remaining == pytest.approx(10.0)
        clock.now += 20
        assert engine.floor().remaining == pytest.approx(-10.0)  # the first speaker runs over, by 10 s
    finally:
        engine.close()
    reopened = RunEngine.open(tws, engine.record.id)
    reopened.close()  # the shortened timer (minus a minute and a half) reads back


# ---------------------------------------------------------------- the app, by keys


async def open_sheet(pilot, person_index: int) -> AnswerSheet:
    await pilot.press("e")
    await pilot.pause()
    await pilot.press(*["down"] * person_index, "enter")
    await pilot.pause()
    assert isinstance(pilot.app.screen, AnswerSheet)
    return pilot.app.screen


def test_the_sheet_checks_a_date_and_a_number_as_typed_and_saves_only_good_ones(tws):
    import asyncio

    async def run() -> None:
        app = build_app(tws, session="types-test", pair="ana-ben", clock=Clock())
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            text = screen_text(app)
            assert "talk · 1½ min" in text and "Welcome       1½'" in text
            await pilot.press("n")
            sheet = await open_sheet(pilot, 1)
            assert "a date as year-month-day, e.g. 2026-12-01" in screen_text(app)
            await pilot.press(*"2026-02-30")
            await pilot.pause()
            assert "Not valid yet: `2026-02-30` is not a day in the calendar" in screen_text(app)
            await pilot.press("enter", *"7.25", "enter", *"101")
            await pilot.pause()
            text = screen_text(app)
            assert "7.25 has 2 decimal places" in text and "101% is out of range" in text
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert app.screen is sheet and "Not saved: T-D1 needs another answer" in screen_text(app)
            assert app.engine.record.entries == []
            assert app.focused is sheet.query_one("#q-T-D1")  # the cursor is where the first wrong answer is
            # a field the cursor comes to has its text selected: what is typed replaces it
            await pilot.press(*"2026-02-15", "tab", *"7.2", "tab", "1")
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert isinstance(app.screen, RunScreen)
            assert {e.code: e.value for e in app.engine.record.entries} == {"T-D1": "2026-02-15", "T-H1": 7.2,
                                                                            "T-P1": 1}

    asyncio.run(run())


def test_a_refused_answer_says_why_in_the_language_in_force():
    """What the app's sheet and `import` say of a wrong answer follows the language; English stays as it was."""
    import msgspec

    from facilitator import i18n, model
    from facilitator.values import BadValue, check_value, from_typed

    percent = msgspec.convert({"code": "X-1", "text": "t", "type": "number", "min": 0, "max": 100, "unit": "%",
                               "decimals": 1}, model.NumberQuestion)
    said = {}
    for language in ("en", "de"):
        with i18n.using(language):
            for typed in ("150", "2.25", "abc"):
                with pytest.raises(BadValue) as refused:
                    check_value(percent, from_typed(percent, typed))
                said[language, typed] = str(refused.value)
    assert said["en", "150"] == "150% is out of range: a number 0-100%, up to 1 decimal place"
    assert said["en", "2.25"] == "2.25 has 2 decimal places; this question takes at most 1 decimal place"
    assert said["en", "abc"] == "expected a number 0-100%, up to 1 decimal place, got text"
    assert said["de", "150"] == "150% liegt außerhalb des Bereichs: eine Zahl 0-100%, bis zu 1 Nachkommastelle"
    assert said["de", "2.25"] == "2.25 hat 2 Nachkommastellen; zulässig: höchstens 1 Nachkommastelle"
    assert said["de", "abc"] == "erwartet: eine Zahl 0-100%, bis zu 1 Nachkommastelle; erhalten: Text"
