"""A role-play workshop of seven people, run by keys: trios dealt and shown, one person marked
away, three rounds in which everyone in a trio plays every role once, a ticked checklist
stored per trio per round, the observer question asked of that round's observers only,
and the trio sheet and summary read back from the PDFs."""

from __future__ import annotations

import asyncio
import html
import io
import re

import pdfplumber
import pytest

from facilitator import trios
from facilitator.engine import RunEngine
from facilitator.records import load_record
from facilitator.tui.app import build_app
from facilitator.tui.modals import AnswerSheet, Choose
from facilitator.values import BadValue
from facilitator.workspace import Workspace
from tests.conftest import Clock

SESSION = "roleplay-broader-scope"
PAIRS = (("p1", "Helen Park", "Tomas Silva"), ("p2", "Rajesh Rao", "Lena Berg"),
         ("p3", "Grace Kim", "Wei Chen"), ("p4", "David Osei", "Amina Diallo"))
ROLES = {"asker", "counterpart", "observer"}


@pytest.fixture
def room(workspace, cli) -> Workspace:
    for pair, mentor, mentee in PAIRS:
        assert cli("pair", "add", pair, "--mentor", mentor, "--mentee", mentee, "--cohort", "spring").code == 0
    return Workspace(workspace)


def screen_text(app) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", app.export_screenshot())).replace("\xa0", " ")


def record_of(ws: Workspace, app):
    return load_record(ws.record_file(app.screen.engine.record.id))


# ---------------------------------------------------------------- the seating, on its own


def test_seven_people_make_a_trio_and_a_foursome_and_everyone_in_a_trio_plays_every_role():
    people = [f"p{i}" for i in range(7)]
    groups = trios.deal(people, seed=42)
    assert sorted(map(len, groups)) == [3, 4] and sorted(p for g in groups for p in g) == people
    assert trios.deal(people, seed=42) == groups and trios.deal(people, seed=43) != groups  # the seed decides


def test_rotation_gives_each_trio_member_each_role_once(room):
    session = room.library.get(SESSION)
    assert trios.rounds(session) == [1, 2, 3]
    trio = ["a", "b", "c"]
    for person in trio:
        assert {trios.role_in_round(session, trio, person, n) for n in (1, 2, 3)} == ROLES
    foursome = ["a", "b", "c", "d"]
    for n in (1, 2, 3):
        cast = trios.cast(session, foursome, n)
        assert (len(cast["asker"]), len(cast["counterpart"]), len(cast["observer"])) == (1, 1, 2)


def test_the_observer_question_goes_to_that_rounds_observers_only(room):
    with RunEngine.create(room, SESSION, pairs=[p for p, _, _ in PAIRS], clock=Clock()) as engine:
        engine.set_present("amina-diallo", False)
        engine.jump("round-2")
        observers = {p for t in range(1, len(engine.record.trios) + 1) for p in engine.cast(t)["observer"]}
        assert set(engine.asked("round-2")) == observers and len(observers) == 3
        asker = engine.cast(1)["asker"][0]
        with pytest.raises(BadValue, match="asked of the Observer in round 2"):
            engine.answer(asker, "RS-O2", "I saw it all")
        with pytest.raises(BadValue, match="is in no trio"):
            engine.answer("amina-diallo", "RS-O2", "I was not there")
        assert engine.asked("debrief") and "amina-diallo" not in engine.asked("debrief")


def test_a_workshop_is_named_by_its_people_in_the_title_line_and_the_room(room):
    from facilitator.room import project
    from facilitator.tui.views import title_line

    with RunEngine.create(room, SESSION, pairs=[p for p, _, _ in PAIRS], clock=Clock()) as engine:
        engine.set_present("amina-diallo", False)
        app_title, room_subject = title_line(engine, 80).plain, project(engine).subject
    named = ("7 people in 2 trios: Helen Park, Tomas Silva, Rajesh Rao, Lena Berg, Grace Kim, Wei Chen,"
             " David Osei")
    assert room_subject == named and "Amina" not in room_subject  # away is away
    shown = app_title.split(" · ", 1)[1].split("   step")[0]
    assert shown.endswith("…") and named.startswith(shown[:-1]) and shown.startswith("7 people")
    assert len(app_title) <= 80 and "step 1 of" in app_title, "in 80 columns the names give way to the step"


@pytest.mark.parametrize("session_id", ["roleplay-broader-scope", "roleplay-decision-rights",
                                        "roleplay-process-improvement", "roleplay-stretch-pitch"])
def test_every_bundled_roleplay_forms_trios_and_plays_three_rounds_asking_the_observer(room, session_id):
    from facilitator import model

    session = room.library.get(session_id)
    assert any(isinstance(s, model.TriosStep) for s in session.steps)
    rounds = [s for s in session.steps if isinstance(s, model.RoleplayStep)]
    assert [r.round for r in rounds] == [1, 2, 3] and [r.swap for r in rounds] == [False, True, True]
    for r in rounds:
        assert [session.answering_roles(r, q) for q in r.questions] == [["observer"]]
    assert "just listen" not in str([s.say for s in session.steps] + [p.say for s in session.steps for p in s.phases])


# ---------------------------------------------------------------- the workshop, by keys


def test_a_workshop_of_seven_run_by_keys(room):
    async def run():
        app = build_app(room, clock=Clock())
        screens = {}
        notices: list[str] = []
        notify = app.notify
        app.notify = lambda message, **kw: (notices.append(message), notify(message, **kw))[1]
        async with app.run_test(size=(160, 60)) as pilot:
            app.start_run(SESSION, pairs=[p for p, _, _ in PAIRS])
            await pilot.pause()
            await pilot.press("n")  # onto forming the trios
            await pilot.pause()
            screens["dealt"] = screen_text(app)
            await pilot.press("a")  # the first person is away today: dealt again for seven
            await pilot.pause()
            screens["seven"] = screen_text(app)
            record = record_of(room, app)
            screens["away"] = [p for p in dict.fromkeys(x.person for x in record.participants)
                               if p not in record.attendance]
            await pilot.press("n")  # round 1
            await pilot.pause()
            await pilot.press("right", "down", "x")  # in a burst: trio 2, the second item, ticked
            await pilot.pause()
            screens["round-1"] = screen_text(app)
            seated = record_of(room, app).trios
            await pilot.press("s")  # a key of another step: said so, nothing reshuffled
            await pilot.pause()
            screens["wrong key"] = " ".join(notices)
            assert record_of(room, app).trios == seated
            await pilot.press("e")
            await pilot.pause()
            assert isinstance(app.screen, Choose)
            screens["whose"] = [key for key, _ in app.screen.choices]  # what the list offers
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, AnswerSheet)
            screens["sheet person"] = app.screen.person
            await pilot.press(*"Opened with the outcome")
            await pilot.press("ctrl+s")
            await pilot.pause()
            for name in ("round-2", "round-3"):
                await pilot.press("n")
                await pilot.pause()
                screens[name] = screen_text(app)
            return screens, record_of(room, app)

    screens, record = asyncio.run(run())
    everyone = [name for _, mentor, mentee in PAIRS for name in (mentor, mentee)]
    assert "8 people in 2 trios" in screens["dealt"] and all(n in screens["dealt"] for n in everyone)
    assert "7 people in 2 trios" in screens["seven"] and len(screens["away"]) == 1
    assert sorted(len(t.people) for t in record.trios) == [3, 4]  # a foursome with two observers
    assert screens["away"][0] not in {p for t in record.trios for p in t.people}

    session = room.library.get(SESSION)
    item = session.role("observer").checklist[1]
    assert [(t.trio, t.round, t.ticked) for t in record.ticks] == [(2, 1, [item])]
    assert "1/7" in screens["round-1"] and "☑ 2." in screens["round-1"]
    assert "s does nothing on a roleplay step" in screens["wrong key"]

    program = room.program()
    observers = [p for t in record.trios for p in trios.cast(session, t.people, 1)["observer"]]
    players = [p for t in record.trios for p in t.people if p not in observers]
    assert sorted(screens["whose"]) == sorted(observers) and not set(players) & set(screens["whose"])
    assert screens["sheet person"] in observers
    note = next(e for e in record.entries if e.code == "RS-O1")
    assert (note.person, note.role, note.value) == (screens["sheet person"], "observer", "Opened with the outcome")

    # every round on screen: the swap, and who plays what; each trio member has each role once
    for n, name in ((2, "round-2"), (3, "round-3")):
        assert "SWAP ROLES NOW" in screens[name] and f"Round {n} of 3" in screens[name]
        for t in record.trios:
            asker = trios.cast(session, t.people, n)["asker"][0]
            assert program.name_of(asker) in screens[name]
    trio = next(t for t in record.trios if len(t.people) == 3)
    for person in trio.people:
        assert {trios.role_in_round(session, trio.people, person, n) for n in (1, 2, 3)} == ROLES


# ---------------------------------------------------------------- paper


def _finished_workshop(room) -> tuple[str, RunEngine]:
    engine = RunEngine.create(room, SESSION, pairs=[p for p, _, _ in PAIRS], clock=Clock())
    engine.set_present("amina-diallo", False)
    item = engine.checklist()[0]
    for n in (1, 2, 3):
        engine.jump(f"round-{n}")
        engine.toggle_tick(1, item)
        for observer in engine.cast(1)["observer"]:
            engine.answer(observer, f"RS-O{n}", f"Round {n} note from the observer")
    engine.jump("agreed-terms")
    asker = engine.cast(1)["asker"][0]
    engine.answer(asker, "RS-T1", [["Hand over the churn report", "Sam", "15 July"]])
    engine.finish()
    engine.close()
    return engine.record.id, engine


def _pdf_text(path) -> list[str]:
    with pdfplumber.open(path) as pdf:
        return [page.extract_text() or "" for page in pdf.pages]


def test_the_trio_sheet_and_the_summary_read_by_role_played(room, cli, tmp_path):
    run_id, engine = _finished_workshop(room)
    program, session = room.program(), engine.session
    record = load_record(room.record_file(run_id))

    sheet = tmp_path / "trios.pdf"
    assert cli("print", "trios", run_id, "-o", sheet).code == 0
    text = "\n".join(_pdf_text(sheet))
    assert "Trio 1" in text and "Trio 2" in text and "Round 3" in text and "Away today: Amina Diallo" in text
    for t in record.trios:
        for person in t.people:
            roles = " ".join(session.role(trios.role_in_round(session, t.people, person, n)).name for n in (1, 2, 3))
            assert f"{program.name_of(person)} {roles}" in text  # one row per person: their role each round

    summary = tmp_path / "summary.pdf"
    assert cli("print", "summary", run_id, "-o", summary).code == 0
    pages = _pdf_text(summary)
    text = "\n".join(pages)
    assert "not answered" not in text
    assert "p1, p2" not in text and "7 people in 2 trios: Helen Park" in pages[0]  # names, not pair ids
    first = record.trios[0].people
    for n in (1, 2, 3):
        observer = trios.cast(session, first, n)["observer"][0]
        assert f"Observer: {program.name_of(observer)}\nRound {n} note from the observer" in text
    asker = program.name_of(trios.cast(session, first, 3)["asker"][0])
    assert f"Asker (Dana): {asker}" in text and "Hand over the churn report Sam 15 July" in text
    assert text.count("seen") >= 3  # the ticked item, in each round's column


def test_the_observer_checklist_has_a_box_per_round(room, cli, tmp_path):
    out = tmp_path / "cards.pdf"
    assert cli("print", "rolecards", SESSION, "-o", out).code == 0
    with pdfplumber.open(out) as pdf:
        page = next(p for p in pdf.pages if "Observer checklist" in (p.extract_text() or ""))
        text = page.extract_text()
        boxes = [r for r in page.rects if 10 < r["width"] < 13 and 10 < r["height"] < 13]
        lines = page.extract_text_lines()
    items = len(room.library.get(SESSION).role("observer").checklist)
    assert "Round 1 Round 2 Round 3" in text and "on the left" not in text
    assert len(boxes) == 3 * items  # one box per item per round
    headings = [ln["top"] for ln in lines if re.match(r"Round \d: the exact words", ln["text"])]
    assert len(headings) == 3
    assert min(b - a for a, b in zip(headings, headings[1:])) > 70  # three writing lines of room each (25 pt)


# ---------------------------------------------------------------- what the screen and the sheet claim


def stage_text(app, width: int = 120) -> str:
    """The step panel's words as laid out on screen (the SVG export loses the column gaps)."""
    from rich.console import Console

    panel = next(p for p in app.screen.query(".step-panel") if p.display)
    console = Console(width=width, record=True, file=io.StringIO())
    console.print(panel.body())
    return console.export_text()


def _cast_rows(screen: str, roles: list[str]) -> dict[int, dict[str, list[str]]]:
    """The cast table as read off the screen: {trio: {role name: [names]}}."""
    rows = {}
    for line in screen.splitlines():
        cells = re.split(r"\s{2,}", line.replace("▶", " ").strip())
        if cells and cells[0].isdigit() and len(cells) >= 1 + len(roles):
            rows[int(cells[0])] = {role: cells[1 + i].split(", ") for i, role in enumerate(roles)}
    return rows


@pytest.mark.parametrize("away", [False, True], ids=["eight", "seven"])
def test_who_plays_what_is_what_the_screen_and_the_trio_sheet_say(room, cli, tmp_path, away):
    session = room.library.get(SESSION)
    roles = [r.name for r in session.roles]

    async def run():
        app = build_app(room, clock=Clock())
        screens = {}
        async with app.run_test(size=(160, 60)) as pilot:
            app.start_run(SESSION, pairs=[p for p, _, _ in PAIRS])
            await pilot.pause()
            await pilot.press("n")  # forming the trios
            await pilot.pause()
            if away:
                await pilot.press("a")  # the first seat is away today: dealt again for seven
                await pilot.pause()
            screens["trios"] = stage_text(app)
            for n in (1, 2, 3):
                await pilot.press("n")
                await pilot.pause()
                screens[n] = stage_text(app)
            return screens, app.screen.engine.record.id

    screens, run_id = asyncio.run(run())
    said = {n: _cast_rows(screens[n], roles) for n in (1, 2, 3)}
    groups = sorted(len({p for r in said[1][t].values() for p in r}) for t in said[1])
    assert groups == ([3, 4] if away else [4, 4])
    played: dict[str, list[str]] = {}  # each person's role in rounds 1, 2, 3, as the screen says
    for n in (1, 2, 3):
        for t, cast in said[n].items():
            assert (len(cast[roles[0]]), len(cast[roles[1]])) == (1, 1)  # one asker, one counterpart
            for role, names in cast.items():
                for name in names:
                    played.setdefault(name, []).append(role)
    assert all(len(r) == 3 for r in played.values()) and len(played) == (7 if away else 8)
    # as fair as three rounds allow: in each foursome one person never asks, nobody else misses a role
    short = sorted(name for name, r in played.items() if set(r) != set(roles))
    assert len(short) == groups.count(4)
    assert all(played[name] == [roles[2]] * 3 for name in short)

    # every claim on screen is true of this cast
    last = screens[3]
    for name in short:
        assert f"{name} observed every round and has not asked yet: give them the first turn" in last
        assert f"{name} observes every round and does not ask" in screens["trios"]
    assert last.count("every round and has not asked yet") == len(short)
    assert last.count("each of you has played all 3 parts") == groups.count(3)

    sheet = tmp_path / "trios.pdf"
    assert cli("print", "trios", run_id, "-o", sheet).code == 0
    text = re.sub(r"\s+", " ", "\n".join(_pdf_text(sheet)))
    for name, r in played.items():
        assert f"{name} {' '.join(r)}" in text  # the sheet's row is the screen's three rounds
    for name in short:
        assert f"{name} observes every round and does not ask" in text
    assert text.count("does not ask") == len(short)


def test_the_trios_write_their_terms_by_keys_and_see_them_at_once(room):
    async def run():
        app = build_app(room, clock=Clock())
        notices: list[str] = []
        notify = app.notify
        app.notify = lambda message, **kw: (notices.append(message), notify(message, **kw))[1]
        out = {}
        async with app.run_test(size=(160, 60)) as pilot:
            app.start_run(SESSION, pairs=[p for p, _, _ in PAIRS])
            await pilot.pause()
            engine = app.screen.engine
            engine.jump("agreed-terms")
            app.screen.refresh_all()
            await pilot.pause()
            out["before"] = stage_text(app)
            await pilot.press("t")  # not this step's key: the notice names the one that is
            await pilot.pause()
            out["t"] = notices[-1]
            writer = engine.cast(2)["asker"][0]
            await pilot.press("e")
            await pilot.pause()
            assert isinstance(app.screen, Choose)
            keys = [key for key, _ in app.screen.choices]
            await pilot.press(*["down"] * keys.index(writer), "enter")
            await pilot.pause()
            assert isinstance(app.screen, AnswerSheet) and app.screen.person == writer
            await pilot.press(*"Lena owns the churn report from 1 July")
            await pilot.press("ctrl+s")
            await pilot.pause()
            out["after"] = stage_text(app)
            out["writer"] = room.program().name_of(writer)
        return out

    out = asyncio.run(run())
    assert "press t" not in out["before"] and "press e and choose who writes" in out["before"]
    assert out["before"].count("Nothing written yet") == 2  # one line per trio
    assert "press e" in out["t"]
    after = out["after"]
    assert f"What we agreed ({out['writer']}): Lena owns the churn report from 1 July" in after
    trio_1, trio_2 = after.index("Trio 1"), after.index("Trio 2")
    assert trio_1 < after.index("Nothing written yet") < trio_2 < after.index("Lena owns the churn")
