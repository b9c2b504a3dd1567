"""Agreement terms with structure: tables and lists kept as rows and items, edited as a
table in the app, printed as a table people sign, and old flattened files read back."""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path

import pdfplumber
from textual.widgets import Input

from facilitator.agreements import Items, Table, load_agreement, next_version
from facilitator.engine import RunEngine
from facilitator.records import load_record
from facilitator.tomlfile import read_toml
from facilitator.tui.app import build_app
from facilitator.tui.run import RunScreen
from facilitator.tui.term_editor import CELL_MAX, TermEditor
from tests.conftest import Clock
from tests.test_app import screen_text

DATA = Path(__file__).parent / "data"
MENTOR = "ana-ruiz"


def at_the_agreement_step(ws) -> str:
    with RunEngine.create(ws, "pair-review", pair="ana-ben") as engine:
        engine.jump("agree", close_missing=True)
        return engine.record.id


async def open_term(pilot, term_label: str) -> TermEditor:
    await pilot.press("t")
    await pilot.pause()
    options = pilot.app.screen.query_one("#choices")
    labels = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
    for _ in range(labels.index(term_label)):
        await pilot.press("down")
    await pilot.press("enter")
    await pilot.pause()
    editor = pilot.app.screen
    assert isinstance(editor, TermEditor)
    return editor


def cells(editor: TermEditor) -> list[list[str]]:
    return [[cell.value for cell in row] for row in editor._grid()]


def test_a_table_term_is_edited_as_a_table_and_kept_as_rows(ws):
    run_id = at_the_agreement_step(ws)

    async def run() -> tuple[str, str]:
        app = build_app(ws, run_id=run_id, clock=Clock())
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, RunScreen) and app.engine.step.id == "agree"
            editor = await open_term(pilot, "objectives")
            seen = screen_text(app)
            assert "Objective" in seen and "By when" in seen  # the columns head the grid
            await pilot.press(*"Lead a design review", "enter", *"March")
            await pilot.press("ctrl+n")  # a second row, below the cursor
            await pilot.pause()
            await pilot.press(*"Run a retro", "enter", *"April")
            await pilot.press("ctrl+n")
            await pilot.pause()
            await pilot.press(*"A row to drop")
            assert cells(editor) == [["Lead a design review", "March"], ["Run a retro", "April"],
                                     ["A row to drop", ""]]
            await pilot.press("ctrl+r")  # the row the cursor is in goes
            await pilot.pause()
            await pilot.press(*" together")  # the cursor is in the row above it, where it was
            await pilot.press("up", "!")  # up: the same column, a row above; what it holds is kept
            assert cells(editor) == [["Lead a design review!", "March"], ["Run a retro together", "April"]]
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert isinstance(app.screen, RunScreen), "the editor saved and closed"
            return screen_text(app), run_id

    room, _ = asyncio.run(run())
    assert "Run a retro together" in room and "Objective" in room and " / " not in room
    record = load_record(ws.record_file(run_id))
    assert record.terms["objectives"] == Table(columns=["Objective", "By when"],
                                               rows=[["Lead a design review!", "March"],
                                                     ["Run a retro together", "April"]])
    raw = read_toml(ws.record_file(run_id))
    assert raw["terms"]["objectives"]["rows"][1] == ["Run a retro together", "April"], "rows on disk, not text"


MUST = ["Outcome or duty", "Core / must-have", "Aspirational / nice-to-have"]


def test_the_table_editor_refuses_what_a_cell_cannot_hold(ws):
    next_version(ws.agreements_dir, "ana-ben", "kickoff", "pair-review", "2026-11-01",
                 {"must_haves": Table(columns=MUST, rows=[["Design review led", "x", ""]])}, {})
    run_id = at_the_agreement_step(ws)

    async def run() -> None:
        app = build_app(ws, run_id=run_id, clock=Clock())
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            editor = await open_term(pilot, "must haves")
            await pilot.press("ctrl+n", *"Mentor a newcomer", "enter")
            await pilot.press(*"qz", "enter", *"yes")  # a column of ticks takes a tick, nothing else
            assert cells(editor) == [["Design review led", "x", ""], ["Mentor a newcomer", "", "yes"]]
            await pilot.press("up", "ctrl+r", "ctrl+r")  # both rows gone: one empty row stays to type in
            await pilot.pause()
            assert cells(editor) == [["", "", ""]]
            await pilot.press("shift+tab", "shift+tab")  # back to the first column
            editor.focused.value = "y" * (CELL_MAX - 1)
            await pilot.press("y", "z")  # a cell holds CELL_MAX characters: the last key is refused
            assert cells(editor)[0][0] == "y" * CELL_MAX
            await pilot.press("escape")  # nothing saved
            await pilot.pause()
            assert isinstance(app.screen, RunScreen)

    asyncio.run(run())
    assert "must_haves" not in load_record(ws.record_file(run_id)).terms


def x0_of(pdf_path: Path, word: str) -> float:
    with pdfplumber.open(pdf_path) as pdf:
        return next(w["x0"] for page in pdf.pages for w in page.extract_words() if w["text"] == word)


def old_agreement(ws) -> Path:
    ws.agreements_dir.mkdir(parents=True, exist_ok=True)
    return Path(shutil.copy(DATA / "agreements" / "format-1.toml", ws.agreements_dir / "ana-ben.toml"))


OBJECTIVES = ["Objective", "By when"]


def test_an_agreement_written_as_flattened_text_reads_back_as_tables(ws):
    path = old_agreement(ws)
    assert load_agreement(ws.agreements_dir, "ana-ben").current.terms["objectives"].startswith("Lead"), \
        "without the questions an old file still loads, as it was written"
    with RunEngine.create(ws, "pair-review", pair="ana-ben") as engine:
        first, second = engine.agreement_history()
        assert first.terms["objectives"] == Table(columns=OBJECTIVES,
                                                  rows=[["Lead a design review", "March"], ["Run a retro", ""]])
        assert second.changes[0].before == first.terms["objectives"]
        assert second.changes[0].after.rows[0] == ["Lead a design review", "April"]
        assert engine.current_agreement().terms["cadence"] == "Every two weeks, 45 minutes"  # text stays text
        engine.set_term("objectives", Table(columns=OBJECTIVES, rows=[["Lead a design review", "April"],
                                                                       ["Run a retro", "May"]]))
        third = engine.finish()
    assert third.version == 3 and [c.term for c in third.changes] == ["objectives"], \
        "an old table read back is not a change by itself"
    raw = read_toml(path)
    assert raw["format"] == 2
    assert [v["terms"]["objectives"]["rows"] for v in raw["versions"]] == [
        [["Lead a design review", "March"], ["Run a retro", ""]],
        [["Lead a design review", "April"], ["Run a retro", ""]],
        [["Lead a design review", "April"], ["Run a retro", "May"]]], "the whole file is rewritten in shape"


def test_a_list_term_is_kept_as_items_and_a_flattened_one_split(ws):
    from facilitator import model
    from facilitator.agreements import from_text, shaped

    question = model.ListQuestion(code="X-1", text="Check-in questions", term="check_in")
    assert from_text(question, "Is this working?; What is missing?") == Items(
        items=["Is this working?", "What is missing?"])
    assert shaped(question, Items(items=["a; b"])) == Items(items=["a; b"]), "a shaped term is never split again"
    table = model.TableQuestion(code="X-2", text="Must-haves", columns=MUST)
    assert from_text(table, "Board paper / x / ; Learn Python /  / x").marked_lists() == [
        ("Core / must-have", ["Board paper"]), ("Aspirational / nice-to-have", ["Learn Python"])]


def test_the_printed_agreement_has_real_tables_lists_and_signature_lines(cli, ws, tmp_path):
    old_agreement(ws)
    next_version(ws.agreements_dir, "ana-ben", "2026-09-01-expectations-ana-ben", "expectations", "2026-09-01",
                 {"must_haves": Table(columns=MUST, rows=[["Design review led", "x", ""],
                                                          ["Talk at a meetup", "", "x"]]),
                  "check_in_questions": Items(items=["Is our meeting structure working for you?"])}, {},
                 RunEngine.create(ws, "pair-review", pair="ana-ben").term_questions())
    for paper in ("a4", "letter"):
        out = tmp_path / f"agreement-{paper}.pdf"
        assert cli("print", "agreement", "ana-ben", "--paper", paper, "-o", out).code == 0
        with pdfplumber.open(out) as pdf:
            text = "\n".join(page.extract_text() or "" for page in pdf.pages)
            tables = [t for page in pdf.pages for t in page.extract_tables()]
        objectives = next(t for t in tables if t[0] == OBJECTIVES)
        assert objectives[1:] == [["Lead a design review", "April"], ["Run a retro", ""]]
        assert " / " not in text.replace("Core / must-have", "").replace("Aspirational / nice-to-have", ""), \
            "no run-on cells"
        core, nice, design, talk = (x0_of(out, w) for w in ("Core", "Aspirational", "Design", "Talk"))
        assert abs(design - core) < 30 and abs(talk - nice) < 30 and nice - core > 150, \
            "must-have and nice-to-have as two lists, each under its heading"
        assert "• Is our meeting structure working for you?" in text
        for line in ("Ana Ruiz, mentor", "Ben Ode, mentee"):
            assert line in text
        assert text.count("Signature") == 2 and text.count("Date") >= 2
        history = text[text.index("Revision history"):]
        assert "Pair review" in history and "pair-review" not in history, "session titles, not ids"
        assert "The review moved" in history and "::" not in text and ".:" not in text


def test_a_long_table_term_repeats_its_header_on_every_page(cli, ws, tmp_path):
    questions = RunEngine.create(ws, "pair-review", pair="ana-ben").term_questions()
    columns = list(questions["milestones"].columns)
    rows = [[str(i % 3 + 1), f"Milestone number {i} with enough words to wrap onto a second line of its cell",
             "practice", f"{i} June 2027"] for i in range(1, 31)]
    next_version(ws.agreements_dir, "ana-ben", "kickoff", "expectations", "2026-09-01",
                 {"milestones": Table(columns=columns, rows=rows)}, {}, questions)
    out = tmp_path / "agreement.pdf"
    assert cli("print", "agreement", "ana-ben", "-o", out).code == 0
    with pdfplumber.open(out) as pdf:
        pages = [[t for t in page.extract_tables() if any("Milestone number" in (c or "") for r in t for c in r)]
                 for page in pdf.pages]
    with_rows = [tables for tables in pages if tables]
    assert len(with_rows) >= 2, "the table runs over a page break"
    assert all([" ".join((c or "").split()) for c in tables[0][0]] == columns for tables in with_rows), \
        "its header row on every page it is on"
    assert all(row[2] == "practice" for tables in with_rows for row in tables[0][1:]), "no word split in a cell"
    assert sum(len(tables[0]) - 1 for tables in with_rows) == 30


def test_a_table_cell_is_shown_as_typed_not_read_as_markup(ws):
    run_id = at_the_agreement_step(ws)
    with RunEngine.open(ws, run_id) as engine:
        engine.set_term("objectives", Table(columns=OBJECTIVES, rows=[["[bold]Ship it[/bold]", "[red]May"]]))

    async def run() -> str:
        app = build_app(ws, run_id=run_id, clock=Clock())
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            return screen_text(app)

    assert "[bold]Ship it[/bold]" in asyncio.run(run())
