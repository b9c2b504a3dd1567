"""Names and agreement terms quoted in question text and scripts, on every surface, and
never read as a template: what the participants wrote prints as they wrote it."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pdfplumber
import pytest

from facilitator import quoting
from facilitator.agreements import Items, Table
from facilitator.engine import RunEngine
from facilitator.room import project
from facilitator.tui.app import build_app
from facilitator.tui.modals import AnswerSheet
from tests.conftest import Clock
from tests.test_app import screen_text

QUOTES = """
id = "quote-test"
title = "Progress check"
kind = "midpoint"
purpose = "Where the objectives stand."
minutes = 20

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
minutes = 5
say = "Welcome, {mentee} and {mentor}. First up: {term.objectives.1}."

[[steps]]
id = "progress"
type = "discussion"
title = "Progress"
minutes = 15
prompts = ["{mentor}, what did you see of {term.objectives.2}?"]

[[steps.questions]]
code = "Q-P1"
type = "rating"
text = "Progress on {term.objectives.1}"
help = "{mentee}: 1 is none yet, 5 is done."

[[steps.questions]]
code = "Q-A1"
type = "text"
text = "What we agreed: {term.objectives}. What changed?"
"""

PAYLOADS = ["Lead the {mentor} review", "{{7*7}} and {% raw %}", "<script>alert(1)</script>",
            "http://x.example/?q={mentee}&a=1"]


def agreement(ws, rows: list[list[str]]) -> None:
    from facilitator.tomlfile import dumps

    folder = ws.root / "agreements"
    folder.mkdir(exist_ok=True)
    doc = {"format": 2, "pair": "ana-ben", "versions": [{
        "version": 1, "run": "2026-05-26-expectations-ana-ben", "session": "expectations", "date": "2026-05-26",
        "terms": {"objectives": {"kind": "table", "columns": ["Objective", "By when"], "rows": rows}}}]}
    (folder / "ana-ben.toml").write_text(dumps(doc), encoding="utf-8")


@pytest.fixture
def qws(ws):
    (ws.root / "sessions" / "quote-test.toml").write_text(QUOTES, encoding="utf-8")
    return ws


def pdf_text(path: Path) -> str:
    with pdfplumber.open(path) as pdf:
        return " ".join(" ".join((page.extract_text() or "").split()) for page in pdf.pages)


# ---------------------------------------------------------------- the substitution


def test_names_entries_and_whole_terms_and_their_stand_ins():
    quoter = quoting.Quoter({"mentor": "Mentor", "mentee": "Mentee", "sponsor": "Sponsor"},
                            {"mentor": "Ana Ruiz", "mentee": "Ben Ode"},
                            {"objectives": Table(columns=["Objective", "By when"],
                                                 rows=[["Lead a review", "March"], ["Run a retro", ""]]),
                             "channels": Items(items=["Chat", "Video"])})
    assert quoter.quote("{mentee} asks {mentor}") == "Ben Ode asks Ana Ruiz"
    assert quoter.quote("{sponsor} joins") == "Sponsor joins"  # no name given: the role's name
    assert quoter.quote("{term.objectives.2}") == "Run a retro"  # a table: its first column
    assert quoter.quote("{term.objectives.3}") == "objective 3 (from your agreement)"
    assert quoter.quote("{term.objectives}") == "Lead a review (March); Run a retro"
    assert quoter.quote("{term.channels.1}, {term.channels}") == "Chat, Chat; Video"
    assert quoter.quote("{term.milestones}") == "your milestones (from your agreement)"
    assert quoter.quote("a { brace } and {unknown}") == "a { brace } and {unknown}"  # validate refuses {unknown}


@pytest.mark.parametrize("payload", PAYLOADS)
def test_what_a_term_says_is_put_in_once_and_never_read_again(payload):
    quoter = quoting.Quoter({"mentor": "Mentor", "mentee": "Mentee"}, {"mentor": "Ana", "mentee": "Ben"},
                            {"goals": Items(items=[payload])})
    assert quoter.quote("Goal: {term.goals.1}!") == f"Goal: {payload}!"
    assert quoter.quote("{term.goals}") == payload


def test_a_name_that_looks_like_a_placeholder_stays_a_name():
    quoter = quoting.Quoter({"mentor": "Mentor", "mentee": "Mentee"}, {"mentor": "{mentee}", "mentee": "Ben"})
    assert quoter.quote("{mentor} and {mentee}") == "{mentee} and Ben"


# ---------------------------------------------------------------- validate


@pytest.mark.parametrize("text, problem", [
    ("Hello {mentess}", "steps[1].say: unknown placeholder `{mentess}` (did you mean `mentee`?)"),
    ("Hello {sponsor}", "steps[1].say: unknown placeholder `{sponsor}`"),
    ("On {term.objectivs.1}", "steps[1].say: `{term.objectivs.1}` quotes the term `objectivs`, which no session"
                              " sets (did you mean `objectives`?)"),
    ("On {term.objectives.0}", "steps[1].say: `{term.objectives.0}` is no term quote"),
])
def test_validate_refuses_an_unknown_placeholder_where_it_is(cli, tmp_path, text, problem):
    path = tmp_path / "s.toml"
    path.write_text(QUOTES.replace("Welcome, {mentee} and {mentor}. First up: {term.objectives.1}.", text),
                    encoding="utf-8")
    result = cli("validate", path)
    assert result.code == 2
    assert len(result.err_lines) == 1 and problem in result.err_lines[0], result.err


def test_validate_names_the_question_field_that_quotes_wrongly(cli, tmp_path):
    path = tmp_path / "s.toml"
    path.write_text(QUOTES.replace('help = "{mentee}:', 'help = "{mentor_}:'), encoding="utf-8")
    result = cli("validate", path)
    assert result.code == 2 and "steps[2].questions[1].help: unknown placeholder `{mentor_}`" in result.err


def test_every_bundled_session_still_validates(cli):
    from tests.conftest import SESSIONS

    result = cli("validate", *sorted(SESSIONS.glob("*.toml")))
    assert result.code == 0, result.err


# ---------------------------------------------------------------- paper


def test_a_named_sheet_quotes_the_pair_and_a_blank_one_stands_in(cli, qws, tmp_path):
    agreement(qws, [[PAYLOADS[0], "March"], [PAYLOADS[2], ""]])
    named, blank, guide = tmp_path / "named.pdf", tmp_path / "blank.pdf", tmp_path / "guide.pdf"
    html = tmp_path / "named.html"
    assert cli("print", "worksheet", "quote-test", "--pair", "ana-ben", "-o", named, "--html", html).code == 0
    assert cli("print", "worksheet", "quote-test", "--role", "mentee", "-o", blank).code == 0
    assert cli("print", "guide", "quote-test", "-o", guide).code == 0
    text = pdf_text(named)
    assert "Q-P1 Progress on Lead the {mentor} review" in text
    assert "Ben Ode: 1 is none yet, 5 is done." in text
    assert "What we agreed: Lead the {mentor} review (March); <script>alert(1)</script>. What changed?" in text
    written = html.read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in written and "<script>" not in written
    blank_text = pdf_text(blank)
    assert "Progress on objective 1 (from your agreement)" in blank_text
    assert "Mentee: 1 is none yet" in blank_text and "your objectives (from your agreement)" in blank_text
    guide_text = pdf_text(guide)
    assert "Welcome, Mentee and Mentor. First up: objective 1 (from your agreement)." in guide_text
    assert "Mentor, what did you see of objective 2 (from your agreement)?" in guide_text
    assert "{" not in blank_text + guide_text


def test_the_summary_quotes_the_question_as_it_was_asked(cli, qws, tmp_path):
    agreement(qws, [["{{7*7}} first", "March"]])
    run_id = cli("start", "quote-test", "--pair", "ana-ben").out.strip()
    with RunEngine.open(qws, run_id) as engine:
        engine.jump("progress")
        engine.answer("ben-ode", "Q-P1", 4)
    out = tmp_path / "summary.pdf"
    assert cli("print", "summary", run_id, "-o", out).code == 0
    text = pdf_text(out)
    assert "Progress on {{7*7}} first" in text and "49" not in text


def test_a_term_agreed_in_this_run_is_quoted_over_the_older_one(qws, clock):
    agreement(qws, [["Old objective", ""]])
    engine = RunEngine.create(qws, "quote-test", pair="ana-ben", clock=clock)
    try:
        assert "First up: Old objective." in project(engine).script
        engine.set_term("objectives", Table(columns=["Objective", "By when"], rows=[["New objective", "May"]]))
        assert "First up: New objective." in project(engine).script
    finally:
        engine.close()


# ---------------------------------------------------------------- the app and the room, by keys


def test_the_run_screen_the_sheet_and_the_room_show_names_and_terms(qws):
    agreement(qws, [["Lead a review", "March"], ["Run a retro", ""]])

    async def run() -> None:
        app = build_app(qws, session="quote-test", pair="ana-ben", clock=Clock())
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            text = screen_text(app)
            assert "Welcome, Ben Ode and Ana Ruiz. First up: Lead a review." in text
            room = project(app.engine)
            assert room.script.startswith("Welcome, Ben Ode and Ana Ruiz.")
            await pilot.press("n")
            await pilot.pause()
            assert "Ana Ruiz, what did you see of Run a retro?" in screen_text(app)
            assert project(app.engine).prompts == ("Ana Ruiz, what did you see of Run a retro?",)
            await pilot.press("e")
            await pilot.pause()
            await pilot.press("down", "enter")
            await pilot.pause()
            assert isinstance(app.screen, AnswerSheet)
            text = screen_text(app)
            assert "Progress on Lead a review" in text and "Ben Ode: 1 is none yet" in text
            assert "What we agreed: Lead a review (March); Run a retro." in text
            await pilot.press("4", "escape")

    asyncio.run(run())


def test_markup_in_a_term_is_shown_as_typed_on_the_screen(qws):
    agreement(qws, [["[bold red]loud[/] {mentee}", ""]])

    async def run() -> None:
        app = build_app(qws, session="quote-test", pair="ana-ben", clock=Clock())
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            assert "First up: [bold red]loud[/] {mentee}." in screen_text(app)

    asyncio.run(run())
