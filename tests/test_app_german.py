"""The app's step panels, dialogs and the room view in German (`config set language de`),
driven by keys through every step type: a midpoint (reflection, reveal, discussion,
continuation, agreement), a cohort meeting (attendance, a round of speakers, a round of
timed parts, commitments), a role-play workshop (forming trios, a round, a swap) and the
room view beside them. No English word of the screens' catalogue is left on any screen or
notice, beyond the session's own words.

Which English strings are looked for: the msgids the screens say (extracted from
facilitator/tui and the core modules whose words they show), cut at placeholders and markup
as tests/test_paper_german.py cuts them; a piece of five letters or more that German says
differently is looked for, and excused only where the session's own words hold it (the
session files, the names of the program, the pattern library's labels, evidence and
questions, which are not translated yet).
"""

from __future__ import annotations

import asyncio
import re
import tomllib
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_file

from facilitator import i18n
from facilitator.engine import RunEngine
from facilitator.tui.app import build_app
from facilitator.tui.room import build_room
from tests.conftest import DATA, ROOT, SESSIONS, Clock
from tests.test_paper_german import _catalogue, _flat
from tests.test_paper_german import english_pieces as paper_pieces
from tests.test_room import _continuation, _reflection, _reveal, _round, _swap, add_mentors, until

SCREENS = [*sorted((ROOT / "facilitator" / "tui").rglob("*.py")),
           *(ROOT / "facilitator" / name for name in ("room.py", "decision.py", "trios.py", "presentation.py",
                                                        "guests.py"))]
KEYWORDS = {"_": None, "gettext": None, "N_": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2)}


def screen_msgids() -> set[str]:
    """Every English string the screens' code marks for the catalogue."""
    found = set()
    for path in SCREENS:
        for _, message, _, _ in extract_from_file("python", str(path), keywords=KEYWORDS):
            found.update(m for m in (message if isinstance(message, tuple) else (message,)) if m)
    return found


def english_pieces() -> set[str]:
    return paper_pieces(only=screen_msgids())


def own_words(workspace: Path) -> str:
    """What a session, the program and the untranslated pattern texts bring: never looked for."""
    texts = [p.read_text(encoding="utf-8") for p in (*SESSIONS.glob("*.toml"), *DATA.rglob("*.toml"),
                                                     *workspace.rglob("*.toml"))]
    library = tomllib.loads((ROOT / "facilitator" / "data" / "patterns.toml").read_text(encoding="utf-8"))
    texts += list(library["labels"].values())
    texts += [t for p in library["patterns"] for t in (p.get("evidence", ""), *p.get("questions", []))]
    return _flat("\n".join(texts))


def screen_text(app) -> str:
    """What the terminal shows, as plain text (the screenshot's stylesheet left out)."""
    import html

    svg = re.sub(r"(?s)<style.*?</style>", "", app.export_screenshot())
    return html.unescape(re.sub(r"<[^>]+>", "", svg)).replace("\xa0", " ")


def english_left(screens: dict[str, str], own: str) -> dict[str, list[str]]:
    pieces = english_pieces()
    left: dict[str, list[str]] = {}
    for name, text in screens.items():
        text = _flat(text)
        for piece in pieces:
            if re.search(r"(?<!\w)" + re.escape(piece) + r"(?!\w)", text) and piece not in own:
                left.setdefault(name, []).append(piece)
    return left


@pytest.fixture
def german(ws, cli):
    assert cli("config", "--workspace", ws.root, "set", "language", "de").code == 0
    yield ws
    i18n.set_default("en")  # the app set its language for the process: the next test starts in English


def noticing(app) -> list[str]:
    """The app's notices as they are raised (a toast may be gone before the screen is read)."""
    said: list[str] = []
    notify = app.notify
    app.notify = lambda message, **kw: (said.append(str(message)), notify(message, **kw))[1]
    return said


async def look(pilot, screens: dict[str, str], name: str, *keys: str) -> str:
    await pilot.press(*keys)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    screens[name] = screen_text(pilot.app)
    return screens[name]


def typed(text: str) -> list[str]:
    """The keys that type `text`."""
    from textual.keys import _character_to_key

    return [_character_to_key(c) for c in text]


async def sheet(pilot, person: int, keys: list[str]) -> None:
    """One person's sheet, by keys: e, the person, their answers (a word typed, "enter" pressed), ctrl+s."""
    await pilot.press("e", *["down"] * person, "enter")
    await pilot.pause()
    for key in keys:
        await pilot.press(*([key] if key in ("enter", "tab") else typed(key)))
    await pilot.press("ctrl+s")
    await pilot.pause()


def test_a_midpoint_by_keys_reads_german_on_every_panel_and_dialog(german):
    screens: dict[str, str] = {}

    async def run() -> list[str]:
        app = build_app(german, session="midpoint", pair="ana-ben", clock=Clock())
        said = noticing(app)
        async with app.run_test(size=(120, 40)) as pilot:
            await look(pilot, screens, "welcome")
            await look(pilot, screens, "reflection", "n")
            await look(pilot, screens, "whose sheet", "e")
            await look(pilot, screens, "sheet", "enter")
            await look(pilot, screens, "sheet refused", "tab", "tab", "x")  # no rating: said why, in German
            await pilot.press("escape")
            await sheet(pilot, 0, ["Wir treffen uns", "enter", "Zu selten", "enter", "2", "4", "4"])
            await look(pilot, screens, "reveal asks", "n")  # the mentee still writes: asked first
            await look(pilot, screens, "reveal", "y")
            await look(pilot, screens, "patterns", "down")  # the first arrow brings the patterns into view
            await look(pilot, screens, "pattern confirmed", "c")
            await look(pilot, screens, "pattern added", "a")
            await pilot.press(*typed("Vertrauen"), "enter")
            await look(pilot, screens, "already revealed", "r")
            await look(pilot, screens, "discussion", "n")
            await look(pilot, screens, "continuation", "n")
            await look(pilot, screens, "show choices asks", "r")
            await pilot.press("n")
            await sheet(pilot, 0, ["2"])
            await sheet(pilot, 1, ["4"])
            await look(pilot, screens, "choices shown")
            await look(pilot, screens, "agreement", "n")
            await look(pilot, screens, "which term", "t")
            await look(pilot, screens, "term", "enter")
            await pilot.press("escape")
            await look(pilot, screens, "new action", "a")
            await pilot.press(*typed("Termine"), "enter", *typed("Ana"), "enter", *typed("2026-12-15"), "enter")
            await look(pilot, screens, "action added")
            await look(pilot, screens, "closing", "n")
            await look(pilot, screens, "finish", "F")
        return said

    said = asyncio.run(run())
    assert "Welche Sitzung" not in screens["welcome"] and "Schritt 1 von 7" in screens["welcome"]
    assert "Ana Ruiz (Mentor): ✓ fertig" in screens["reveal asks"]
    assert "Ben Ode ist noch nicht fertig. Ohne diese Person aufdecken?" in screens["reveal asks"]
    assert "Nicht übernommen" in screens["sheet refused"]
    assert "Abstand" in screens["reveal"] and "ohne Ben Ode aufgedeckt; noch nicht fertig" in screens["reveal"]
    assert any(s.startswith("Kein Muster zum Bestätigen") for s in said)  # none named from one sheet
    assert "vorgeschlagen, nicht bestätigt" in screens["choices shown"]
    assert "Benennen Sie ein Muster in eigenen Worten" in screens["pattern added"]
    assert "uneins" in screens["choices shown"].lower()
    assert "Vereinbarte Schritte" in screens["action added"] and "bis 2026-12-15 [offen]" in screens["action added"]
    assert "Bereits aufgedeckt." in said
    left = english_left({**screens, "notices": "\n".join(said)}, own_words(german.root))
    assert not left, left


def test_a_cohort_meeting_by_keys_reads_german(german):
    screens: dict[str, str] = {}
    add_mentors()

    async def run() -> list[str]:
        app = build_app(german, session="cohort-meeting", cohort="spring", clock=Clock())
        said = noticing(app)
        async with app.run_test(size=(120, 40)) as pilot:
            await look(pilot, screens, "attendance", "m")
            await look(pilot, screens, "one away", "down", "space")
            await pilot.press("enter")
            await look(pilot, screens, "round", "n")
            await look(pilot, screens, "next speaker", "s")
            await look(pilot, screens, "give the floor", "S")
            await pilot.press("escape")
            await look(pilot, screens, "wrong key", "t")  # an agreement's key: where it works, said
            await look(pilot, screens, "commitments", "n")
            await look(pilot, screens, "commitment status", "k")
            await look(pilot, screens, "status menu", "enter")
            await pilot.press("enter")
            await look(pilot, screens, "consult", "n")
            await look(pilot, screens, "next part", "s")
            await look(pilot, screens, "share", "n")
            await look(pilot, screens, "new commitments", "n")
            await look(pilot, screens, "write commitment", "c")
            await pilot.press(*typed("Zwei Termine"), "enter")
            await look(pilot, screens, "written")
        return said

    said = asyncio.run(run())
    assert "Wer ist da?" in screens["attendance"] and "✗ abwesend" in screens["one away"]
    assert "spricht gerade" in screens["round"] and "Heute nicht dabei" in screens["round"]
    assert "Teil für Teil" in screens["consult"]
    assert "Vorhaben" in screens["written"] and "„Zwei Termine“" in screens["written"]
    left = english_left({**screens, "notices": "\n".join(said)}, own_words(german.root))
    assert not left, left


def test_a_roleplay_workshop_by_keys_reads_german(german):
    screens: dict[str, str] = {}

    async def run() -> list[str]:
        app = build_app(german, clock=Clock())
        said = noticing(app)
        async with app.run_test(size=(120, 40)) as pilot:
            app.start_run("roleplay-broader-scope", pairs=["ana-ben", "cy-di"])
            await pilot.pause()
            await look(pilot, screens, "trios", "n")
            await look(pilot, screens, "shuffled", "s")
            await look(pilot, screens, "swap with", "x")
            await pilot.press("escape")
            await look(pilot, screens, "away", "a")
            await look(pilot, screens, "swap refused", "x")
            await pilot.press("a")
            await look(pilot, screens, "round 1", "n")
            await look(pilot, screens, "ticked", "right", "down", "x")
            await look(pilot, screens, "observer notes", "e")
            await pilot.press("escape")
            await look(pilot, screens, "round 2", "n")
        return said

    said = asyncio.run(run())
    assert "Dreiergruppe" in screens["trios"] and "Wer ist wo (Runde 1)" in screens["trios"]
    assert "JETZT ROLLEN TAUSCHEN" in screens["round 2"]
    assert any(s.startswith("Neu gemischt") for s in said)
    left = english_left({**screens, "notices": "\n".join(said)}, own_words(german.root))
    assert not left, left


@pytest.mark.parametrize("make", [_reflection, _reveal, _round, _swap, _continuation],
                         ids=lambda f: f.__name__.strip("_"))
def test_the_room_view_reads_german(german, make):
    run_id = make(german)
    clock = Clock()
    clock.now += 90

    async def run() -> str:
        room = build_room(german, run_id=run_id, clock=clock)
        async with room.run_test(size=(160, 48)) as pilot:
            await pilot.pause()
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()
            return screen_text(room)

    text = asyncio.run(run())
    assert "Schritt" in text and "Ablauf" in text
    left = english_left({make.__name__: text}, own_words(german.root))
    assert not left, left


def test_the_room_view_takes_the_sessions_language_before_the_setting(ws, cli):
    """The program reads English; a session written in German shows its room in German, and
    with the program in German a session that says English keeps its room English."""
    text = (DATA / "pair-review.toml").read_text(encoding="utf-8")
    for sid, language in (("pair-review-de", "de"), ("pair-review-en", "en")):
        body = text.replace('id = "pair-review"', f'id = "{sid}"\nlanguage = "{language}"', 1)
        (ws.root / "sessions" / f"{sid}.toml").write_text(body, encoding="utf-8")

    def room_at_reflection(session: str) -> str:
        from facilitator.workspace import Workspace

        engine = RunEngine.create(Workspace(ws.root), session, pair="ana-ben", clock=Clock())
        engine.jump("reflect")
        run_id = engine.record.id

        async def run() -> str:
            room = build_room(ws, run_id=run_id, clock=Clock())
            async with room.run_test(size=(120, 40)) as pilot:
                await pilot.pause()
                return screen_text(room)

        try:
            return asyncio.run(run())
        finally:
            engine.close()
            i18n.set_default("en")

    german_session = room_at_reflection("pair-review-de")
    assert "schreibt noch" in german_session and "Schritt 2 von" in german_session
    assert cli("config", "--workspace", ws.root, "set", "language", "de").code == 0
    english_session = room_at_reflection("pair-review-en")
    assert "writing" in english_session and "step 2 of" in english_session
    assert "schreibt" not in english_session


def test_every_screen_string_is_in_the_catalogue():
    """A string marked in a screen's code but missing from de/facilitator.po would show in English."""
    known = {m for message in _catalogue() if message.id
             for m in (message.id if isinstance(message.id, tuple) else (message.id,))}
    missing = screen_msgids() - known
    assert not missing, missing
