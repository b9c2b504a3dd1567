"""A guest in a pair run: a sponsor named at the start answers their own sheet, sealed like the
mentee's, and joins the room only for the steps the session says (tests/data/guests)."""

from __future__ import annotations

import asyncio
import csv
import io
import json
import shutil
from pathlib import Path

import pytest

from facilitator.engine import FACILITATOR, ROOM, PersonViewer, PrivacyError, RunEngine
from facilitator.records import load_record
from facilitator.room import project
from facilitator.tui.app import build_app
from facilitator.tui.modals import Prompt
from facilitator.tui.run import RunScreen
from facilitator.workspace import Workspace
from tests.conftest import DATA, Clock
from tests.test_app import fill_sheet, screen_text

SESSION = DATA / "guests" / "stretch-checkin.toml"
SECRET = "He is not ready for the board"


@pytest.fixture
def gws(ws):
    shutil.copy(SESSION, ws.root / "sessions")
    return Workspace(ws.root)


def started(cli, *flags: str) -> str:
    result = cli("start", "stretch-checkin", "--pair", "ana-ben", *flags)
    assert result.code == 0, result.err
    return result.out.strip()


def sponsor_sheet(cli, tmp_path: Path, run: str, answers: dict) -> Path:
    path = tmp_path / "sponsor.toml"
    assert cli("answers", "--run", run, "--role", "sponsor", "-o", path).code == 0
    lines = path.read_text(encoding="utf-8").splitlines()
    for code, value in answers.items():
        at = next(i for i, line in enumerate(lines) if line.startswith(f"{code} = "))
        lines[at] = f"{code} = {json.dumps(value)}"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


# ---------------------------------------------------------------- starting


def test_a_guest_named_at_the_start_is_kept_in_the_record(gws, cli):
    run = started(cli, "--guest", "sponsor=Dana  Ruiz")
    record = load_record(gws.record_file(run))
    assert record.guests == {"sponsor": "Dana Ruiz"}
    assert [(p.person, p.role) for p in record.participants] == [
        ("ana-ruiz", "mentor"), ("ben-ode", "mentee"), ("dana-ruiz", "sponsor")]
    assert gws.program().name_of("dana-ruiz") == "Dana Ruiz"


@pytest.mark.parametrize("flags, says", [
    ((), 'asks the sponsor questions: name the guest with --guest sponsor="NAME"'),
    (("--guest", "sponsr=Dana"), "has no role `sponsr` (did you mean `sponsor`?)"),
    (("--guest", "mentee=Dana"), "the mentee is not a guest in session `stretch-checkin`"),
    (("--guest", "sponsor="), "say the role and the guest's name"),
    (("--guest", "sponsor=Ben Ode"), "Ben Ode is already in pair ana-ben"),
])
def test_a_guest_not_named_or_misnamed_is_one_line_and_nothing_is_created(gws, cli, flags, says):
    before = (gws.root / "program.toml").read_text(encoding="utf-8")
    result = cli("start", "stretch-checkin", "--pair", "ana-ben", *flags)
    assert result.code == 2 and len(result.err_lines) == 1 and says in result.err, result.err
    assert not gws.records_dir.exists() or not list(gws.records_dir.glob("*.toml"))
    assert (gws.root / "program.toml").read_text(encoding="utf-8") == before


def test_a_guest_takes_part_in_one_pairs_run_only(gws, cli):
    result = cli("start", "stretch-checkin", "--pair", "ana-ben", "--pair", "cy-di", "--guest", "sponsor=Dana")
    assert result.code == 2 and "one pair's run" in result.err


def test_an_old_record_without_guests_loads_and_a_damaged_one_is_named(gws, cli):
    run = started(cli, "--guest", "sponsor=Dana Ruiz")
    path = gws.record_file(run)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('sponsor = "Dana Ruiz"', 'sponsor = ""'), encoding="utf-8")
    result = cli("resume", run, "--print")
    assert result.code == 2 and "guests" in result.err
    path.write_text(text.replace('sponsor = "Dana Ruiz"', 'manager = "Dana Ruiz"'), encoding="utf-8")
    assert "no participant of the run is the manager" in cli("resume", run, "--print").err
    assert cli("resume", started(cli, "--new", "--guest", "sponsor=Dana Ruiz"), "--print").code == 0
    assert cli("start", "pair-review", "--pair", "ana-ben").code == 0  # no guests at all: as before


# ---------------------------------------------------------------- answering, sealing, paper


def test_the_sponsor_answers_on_their_own_sheet_sealed_until_the_reveal(gws, cli, tmp_path, clock):
    run = started(cli, "--guest", "sponsor=Dana Ruiz")
    sheet = sponsor_sheet(cli, tmp_path, run, {"X-S1": 2, "X-S2": 4, "X-S3": SECRET})
    text = sheet.read_text(encoding="utf-8")
    assert text.startswith("# Stretch check-in — Dana Ruiz's sheet (sponsor).")
    assert "X-H1" not in text and "X-M1" not in text  # the mentee's questions stay on the mentee's sheet
    imported = cli("import", run, sheet)
    assert imported.code == 0 and "imported 3 new answer(s) for dana-ruiz" in imported.out
    with RunEngine.open(gws, run, clock=clock) as engine:
        assert engine.own_answer("dana-ruiz", "X-S1") == 2
        assert not [e for e in engine.entries(ROOM) if e.person == "dana-ruiz"]  # sealed
        with pytest.raises(PrivacyError, match="Dana Ruiz's answers"):
            engine.answers_of("dana-ruiz", PersonViewer("ben-ode"))
        assert engine.still_writing("three-views") == ["ben-ode"]
        engine.answer("ben-ode", "X-M1", "The onboarding draft")
        engine.jump("compare")
        assert engine.is_revealed("three-views")
        seen = {e.code: e.value for e in engine.answers_of("dana-ruiz", PersonViewer("ben-ode"))}
        assert seen == {"X-S1": 2, "X-S2": 4}  # the private one never
        assert engine.own_answer("dana-ruiz", "X-S3") == SECRET and \
            SECRET in [e.value for e in engine.entries(FACILITATOR)]
    shared = io.StringIO(cli("export").out)
    rows = [r for r in csv.DictReader(shared) if r["person"] == "dana-ruiz"]
    assert {(r["name"], r["role"], r["code"]) for r in rows} == {("Dana Ruiz", "sponsor", "X-S1"),
                                                                 ("Dana Ruiz", "sponsor", "X-S2")}
    assert SECRET not in cli("export").out and SECRET in cli("export", "--include-private").out


def test_a_guest_question_at_a_step_the_guest_is_not_in_the_room_for_is_refused(gws, cli, tmp_path):
    run = started(cli, "--guest", "sponsor=Dana Ruiz")
    sheet = tmp_path / "wrong.toml"
    sheet.write_text(f'run = "{run}"\nperson = "dana-ruiz"\nrole = "sponsor"\n[answers]\nX-H1 = 12\n',
                     encoding="utf-8")
    result = cli("import", run, sheet)
    assert result.code == 2 and "X-H1: asked in “Before the sponsor joins”, where the sponsor is not in the room" \
        in result.err
    assert not load_record(gws.record_file(run)).entries


def test_the_summary_and_the_pairs_worksheets_name_the_sponsor(gws, cli, tmp_path, clock):
    from facilitator.printing.documents import summary_context

    run = started(cli, "--guest", "sponsor=Dana Ruiz")
    assert cli("import", run, sponsor_sheet(cli, tmp_path, run, {"X-S1": 2, "X-S2": 4})).code == 0
    with RunEngine.open(gws, run, clock=clock) as engine:
        engine.answer("ben-ode", "X-M1", "The onboarding draft")
        engine.jump("compare")
        context = summary_context(gws, engine, ROOM)
    by_code = {i["q"].code: i["answers"] for i in context["ratings"] + context["others"]}
    assert [(a["name"], a["role"], a["value"]) for a in by_code["X-S2"] if a["value"] is not None] == \
        [("Dana Ruiz", "Sponsor", 4)]
    out = tmp_path / "sheets.pdf"
    printed = cli("print", "worksheet", "stretch-checkin", "--pair", "ana-ben", "--role", "sponsor", "-o", out)
    assert printed.code == 0, printed.err
    import pypdfium2

    page = pypdfium2.PdfDocument(out)[0].get_textpage().get_text_range()
    assert "Sponsor worksheet" in page and "Dana Ruiz" in page and "Ana Ruiz & Ben Ode" in page


def test_no_run_naming_a_sponsor_yet_says_how_to_name_one(gws, cli, tmp_path):
    result = cli("print", "worksheet", "stretch-checkin", "--pair", "cy-di", "--role", "sponsor",
                 "-o", tmp_path / "x.pdf")
    assert result.code == 2 and "names a sponsor yet" in result.err and '--guest sponsor="NAME"' in result.err


# ---------------------------------------------------------------- presence


def test_the_room_says_who_is_there_and_who_joins(gws, cli, clock):
    run = started(cli, "--guest", "sponsor=Dana Ruiz")
    with RunEngine.open(gws, run, clock=clock) as engine:
        assert project(engine).presence == "In the room: Mentor, Mentee"
        assert engine.asked("pair-first") == ["ben-ode"]
        engine.jump("three-views")
        assert project(engine).presence == "In the room: Mentor, Mentee, Sponsor (Sponsor joins)"
        engine.jump("after")
        assert project(engine).presence == "In the room: Mentor, Mentee (Sponsor leaves)"


def test_presence_is_checked_when_a_session_is_validated(tmp_path, cli):
    text = SESSION.read_text(encoding="utf-8")
    bad = tmp_path / "bad.toml"
    bad.write_text(text.replace('present = ["mentor", "mentee", "sponsor"]\n\n[[steps.questions]]\ncode = "X-S1"',
                                'present = ["mentor", "mentee", "sponser"]\n\n[[steps.questions]]\ncode = "X-S1"'),
                   encoding="utf-8")
    result = cli("validate", bad)
    assert result.code == 2 and "steps[2].present[3]: unknown role `sponser` (did you mean `sponsor`?)" in result.err
    assert "steps[2].questions[1]: asks the sponsor (`sponsor`), who is not in `present`" in result.err


# ---------------------------------------------------------------- the app


def test_the_app_asks_the_sponsors_name_and_the_sponsor_fills_their_sheet(gws):
    async def run() -> tuple[str, str, str, str]:
        app = build_app(gws, session="stretch-checkin", pair="ana-ben", clock=Clock())
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            asking = screen_text(app)
            assert isinstance(app.screen, Prompt)
            await pilot.press("enter")  # no name: nothing starts
            await pilot.pause()
            refused = " ".join(n.message for n in app._notifications)
            assert not isinstance(app.screen, Prompt) and app.engine is None
            app.action_home()
            app.start_run("stretch-checkin", pair="ana-ben")
            await pilot.pause()
            await pilot.press(*"Dana Ruiz", "enter")
            await pilot.pause()
            assert isinstance(app.screen, RunScreen)
            first = screen_text(app)
            await pilot.press("n")
            await pilot.pause()
            await fill_sheet(pilot, 1, {"X-S1": "2", "X-S2": "4", "X-S3": SECRET})
            return asking, refused, first, screen_text(app)

    asking, refused, first, joined = asyncio.run(run())
    assert "Who joins Ana Ruiz & Ben Ode for Stretch check-in?" in asking and "Sponsor's name" in asking
    assert "the sponsor's name is needed" in refused
    assert "In the room: Mentor, Mentee" in first and "Sponsor" not in first.split("In the room:")[1].splitlines()[0]
    assert "In the room: Mentor, Mentee, Sponsor (Sponsor joins)" in joined
    assert "Dana Ruiz (Sponsor): ✓" in joined and "Ben Ode (Mentee): … writing" in joined
    assert "Ana Ruiz (Mentor)" not in joined and SECRET not in joined  # the mentor is asked nothing here
    records = list(gws.records_dir.glob("*.toml"))
    assert len(records) == 1 and load_record(records[0]).guests == {"sponsor": "Dana Ruiz"}


# ---------------------------------------------------------------- privacy


def _shared_outputs(cli, gws, run: str, tmp_path: Path, n: int) -> dict[str, str]:
    """Everything that leaves the facilitator's hands: the room view, the shared summary, the export."""
    import msgspec
    import pypdfium2

    with RunEngine.open(gws, run, lock=False) as engine:
        room = msgspec.json.encode(project(engine)).decode()
    out = tmp_path / f"summary-{n}.pdf"
    assert cli("print", "summary", run, "-o", out).code == 0
    pdf = pypdfium2.PdfDocument(out)
    summary = "".join(page.get_textpage().get_text_range() for page in pdf)
    return {"room": room, "summary": summary, "export": cli("export").out + cli("export", "--format", "json").out}


def test_the_sponsors_sealed_and_private_answers_never_reach_a_shared_output_early(gws, cli, tmp_path, clock):
    sealed, private, mentee = "Zk10001q seen twice", "Zk10002q not ready", "Zk10003q the onboarding draft"
    run = started(cli, "--guest", "sponsor=Dana Ruiz")
    sheet = sponsor_sheet(cli, tmp_path, run, {"X-S1": 2, "X-S2": 4, "X-S3": private})
    assert cli("import", run, sheet).code == 0
    with RunEngine.open(gws, run, clock=clock) as engine:
        engine.jump("three-views")
        engine.answer("ben-ode", "X-M1", mentee)
        engine.add_note(sealed)  # a facilitator's note stays in the facilitator's copy
    before = _shared_outputs(cli, gws, run, tmp_path, 1)
    for where, text in before.items():
        assert all(m not in text for m in (sealed, private, mentee)), where
    with RunEngine.open(gws, run, clock=clock) as engine:
        engine.jump("compare")
    after = _shared_outputs(cli, gws, run, tmp_path, 2)
    assert mentee in after["summary"].replace("\n", " ") or "Zk10003q" in after["summary"]
    assert "Dana Ruiz" in after["summary"]
    for where, text in after.items():
        assert private not in text and "Zk10002q" not in text and sealed not in text, where


# ---------------------------------------------------------------- role names


def test_a_reverse_mentoring_session_calls_the_roles_what_the_session_does(ws, cli, tmp_path, clock):
    text = (DATA / "pair-review.toml").read_text(encoding="utf-8")
    text = text.replace('id = "pair-review"', 'id = "reverse-review"').replace(
        'name = "Mentor"', 'name = "Reverse mentor"').replace('name = "Mentee"', 'name = "Senior colleague"')
    (ws.root / "sessions" / "reverse-review.toml").write_text(text, encoding="utf-8")
    run = cli("start", "reverse-review", "--pair", "ana-ben").out.strip()
    wrong = cli("answers", "--run", run, "--person", "ana-ruiz", "--role", "mentee")
    assert wrong.code == 2 and "is the reverse mentor in run" in wrong.err and "not the senior colleague" in wrong.err
    assert "ben-ode (senior colleague): 0 answer(s)" in cli("resume", run, "--print").out
    out = tmp_path / "sheets.pdf"
    assert cli("print", "worksheet", "reverse-review", "--pair", "ana-ben", "-o", out).code == 0
    import pypdfium2

    pages = [p.get_textpage().get_text_range() for p in pypdfium2.PdfDocument(out)]
    whole = "".join(pages)
    assert "Reverse mentor worksheet" in whole and "Senior colleague worksheet" in whole and "Mentee worksheet" not in whole

    async def screen() -> str:
        app = build_app(ws, run_id=run, clock=Clock())
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            await pilot.press("n")
            await pilot.pause()
            return screen_text(app)

    shown = asyncio.run(screen())
    assert "Ana Ruiz (Reverse mentor)" in shown and "Ben Ode (Senior colleague)" in shown
    assert "(Mentor)" not in shown and "(Mentee)" not in shown
