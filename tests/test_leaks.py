"""Leak hunting: generated sessions, played through the engine, then every shared output searched.

Each generated case is a session definition (private questions, agreement terms, cohort
commitments, reflections with and without a reveal, facilitator notes) and a script of
answers, notes and step moves. Every private answer, every note and every answer to a
reflection the run has not revealed carries a unique marker (see tests/leakhunt.py); a
shared output that holds one has leaked it. `leakhunt.hidden` is the oracle.

Run `pytest -q tests/test_leaks.py`: the terminal summary says how many cases each tried.
The examples are few and fixed (derandomized) so `make test` stays quick and repeatable; set
LEAKHUNT_SCALE=20 for a deeper hunt.
"""

from __future__ import annotations

import asyncio
import copy
import csv
import functools
import html
import io
import itertools
import json
import os
import re
from pathlib import Path

import pytest
import tomli_w
from hypothesis import HealthCheck, example, given, settings

from facilitator.engine import RunEngine
from facilitator.workspace import Workspace
from tests import leakhunt
from tests.conftest import Clock
from tests.leakhunt import (CASES, COHORT, PEOPLE, UNREVEALED, Played, Secret, cases, hidden, hidden_rows, leaks,
                            shareable)


def _settings(examples: int):
    examples *= int(os.environ.get("LEAKHUNT_SCALE", "1"))  # a deeper hunt now and then: LEAKHUNT_SCALE=20
    return settings(max_examples=examples, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


class Leaked(AssertionError):
    """A shared output showed a secret (and not a case that failed to set up)."""


class Case:
    """One generated case in a workspace of its own."""

    _n = itertools.count()

    def __init__(self, tmp_path: Path, cli, doc: dict, script: list[tuple], people=PEOPLE):
        self.root = tmp_path / f"case{next(self._n)}"
        self.cli = cli
        counter = itertools.count()
        doc = copy.deepcopy(doc)  # hypothesis may hand the same one again
        self.definition_notes = leakhunt.mark_definition(doc, counter)
        (self.root / "sessions").mkdir(parents=True)
        path = self.root / "sessions" / f"{doc['id']}.toml"
        path.write_text(tomli_w.dumps(doc), encoding="utf-8")
        checked = self.run("validate", path)
        assert checked.code == 0, checked.err  # the generator writes only what the real loader accepts
        for pair, mentor, mentee in people:
            assert self.run("pair", "add", pair, "--mentor", mentor, "--mentee", mentee, "--cohort", COHORT).code == 0
        self.workspace = Workspace(self.root)
        self.cohort = doc["audience"] == "cohort"
        who = {"cohort": COHORT} if self.cohort else {"pair": people[0][0]}
        with RunEngine.create(self.workspace, doc["id"], clock=Clock(), **who) as engine:
            self.played: Played = leakhunt.play(engine, script, counter)

    def run(self, *args):
        return self.cli("--workspace", self.root, *args)

    def secrets(self, channel: str | None = None, revealed: set[str] | None = None):
        """What `channel` must not show: every secret but the leaks already known there."""
        known = KNOWN_LEAKS.get(channel, [])
        return [s for s in hidden(self.played, revealed) + self.definition_notes
                if not any(leak(s, self.played.session) for leak in known)]

    def no_leak(self, found: list[str]) -> None:
        if found:
            raise Leaked("leaked " + "; ".join(found) + "\nmoves: " + " | ".join(self.played.log))

    def printed(self, *args) -> str:
        """The text of a printed shared PDF, and of its HTML (where a PDF might split a marker)."""
        out, page = self.root / "out.pdf", self.root / "out.html"
        result = self.run("print", *args, "-o", out, "--html", page)
        assert result.code == 0, result.err
        return pdf_text(out) + "\n" + html_text(page.read_text(encoding="utf-8"))


def pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)


def html_text(page: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


# ---------------------------------------------------------------- hunting


# Leaks the hunts found and that are fixed, each kept as a case of its own below
# (test_found_leak_*), so it stays fixed. A new leak: write its smallest case there.
KNOWN_LEAKS: dict[str, list] = {}


def _hunt(cli, tmp_path: Path, channel: str, check, *, examples: int, **shape) -> None:
    @_settings(examples)
    @given(case=cases(**shape))
    @example(case=leakhunt.rich(**shape))
    @example(case=leakhunt.rich(**{**shape, "finish": True}))
    def hunt(case):
        CASES[channel] += 1
        played = Case(tmp_path, cli, *case)
        found = check(played, functools.partial(played.secrets, channel))
        played.no_leak(found)

    hunt()


def _all_there(text: str, expected) -> None:
    """The hunt reads what it thinks it reads: what may be shown is there to be found."""
    missing = [a.marker for a in expected if a.marker not in text]
    assert not missing, f"the channel lost shared answers {missing}: the hunt would find nothing either"


# ---------------------------------------------------------------- the data channels


def _export_csv(case: Case, secrets) -> list[str]:
    out = case.run("export")
    assert out.code == 0, out.err
    _all_there(out.out, shareable(case.played))
    secrets = secrets()
    return leaks(out.out, secrets) + hidden_rows(list(csv.DictReader(io.StringIO(out.out))), case.played, secrets)


def _export_json(case: Case, secrets) -> list[str]:
    out = case.run("export", "--format", "json")
    assert out.code == 0, out.err
    _all_there(out.out, shareable(case.played))
    secrets = secrets()
    return leaks(out.out, secrets) + hidden_rows(json.loads(out.out)["answers"], case.played, secrets)


def _patterns_json(case: Case, secrets) -> list[str]:
    out = case.run("patterns", case.played.run_id, "--json")
    assert out.code == 0, out.err
    secrets = secrets()
    evidence = [e for finding in json.loads(out.out) for e in finding.get("evidence", [])]
    return leaks(out.out, secrets) + hidden_rows(evidence, case.played, secrets)


DATA_CHANNELS = {
    "export-csv": _export_csv,
    "export-json": _export_json,
    "patterns-json": _patterns_json,
}


@pytest.mark.parametrize("channel", list(DATA_CHANNELS))
def test_no_hidden_answer_or_note_in_export_or_patterns(cli, tmp_path, channel):
    _hunt(cli, tmp_path, channel, DATA_CHANNELS[channel], examples=25)


# ---------------------------------------------------------------- printed documents


def _summary(case: Case, secrets) -> list[str]:
    return leaks(case.printed("summary", case.played.run_id), secrets())


def _agreement(case: Case, secrets) -> list[str]:
    if not (case.root / "agreements").is_dir() or not any((case.root / "agreements").iterdir()):
        return []  # no version yet: nothing printed to leak into
    return leaks(case.printed("agreement", PEOPLE[0][0]), secrets())


def _report(case: Case, secrets) -> list[str]:
    return leaks(case.printed("report"), secrets())


PRINTED = {  # the check, and the shape of the cases it needs
    "summary": (_summary, {"cohort": False}),  # a pair run's shared summary
    "minutes": (_summary, {"cohort": True}),  # a cohort run's minutes
    "agreement": (_agreement, {"cohort": False, "finish": True}),  # finishing writes the version
    "report": (_report, {}),
}


@pytest.mark.parametrize("document", list(PRINTED))
def test_no_hidden_answer_or_note_in_a_printed_document(cli, tmp_path, document):
    check, shape = PRINTED[document]
    _hunt(cli, tmp_path, document, check, examples=10, **shape)


# ---------------------------------------------------------------- the app's run screen


def screen_text(app) -> str:
    """All the run screen shows: the terminal as drawn, and each shown text widget in full
    (a long step scrolls: what is below the fold is on screen a page-down later)."""
    from rich.console import Console
    from rich.errors import MarkupError
    from rich.text import Text
    from textual.content import Content
    from textual.widgets import Static

    svg = app.export_screenshot()
    parts = [html.unescape(re.sub(r"<[^>]+>", "", svg)).replace("\xa0", " ")]
    for widget in app.screen.query(Static):
        if not all(getattr(node, "display", True) for node in widget.ancestors_with_self):
            continue  # a hidden panel (the facilitator's notes) is not on screen
        content = widget.content
        if isinstance(content, str):
            try:
                parts.append(Text.from_markup(content).plain)
            except MarkupError:
                parts.append(content)
        elif isinstance(content, Content):
            parts.append(content.plain)
        else:
            console = Console(width=300, record=True, file=io.StringIO())
            console.print(content)
            parts.append(console.export_text())
    return "\n".join(parts)


async def _walk(case: Case, secrets) -> list[str]:
    """Open the run in the app and step through it by keys, reading the whole screen each time."""
    from facilitator.tui.app import build_app

    played = case.played
    found: list[str] = []
    app = build_app(case.workspace, run_id=played.run_id, clock=Clock())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        steps = len(played.session.steps)
        for key in [None, *["n"] * steps, *["b"] * steps]:  # every step forward, then every step back
            if key:
                await pilot.press(key)
                await pilot.pause()
            step = app.engine.step
            leakhunt.reached(played, step, [(p.person, p.role) for p in app.engine.record.participants])
            seen = screen_text(app)
            _all_there(seen, [a for a in shareable(played) if a.reflection in getattr(step, "reveals", [])])
            found += [f"{f} (on step {step.id})" for f in leaks(seen, secrets())]
    return sorted(set(found))


def _run_screen(case: Case, secrets) -> list[str]:
    return asyncio.run(_walk(case, secrets))


def test_no_hidden_answer_or_note_on_the_run_screen(cli, tmp_path):
    _hunt(cli, tmp_path, "run-screen", _run_screen, examples=5)


# ---------------------------------------------------------------- leaks today's code has


def _pair_session(question: dict) -> dict:
    """The smallest pair session with one reflection question, never revealed."""
    return {"id": "gen-pair", "title": "Generated", "kind": "midpoint", "audience": "pair", "purpose": "Hunt leaks.",
            "minutes": 10, "roles": [{"id": "mentor", "name": "Mentor"}, {"id": "mentee", "name": "Mentee"}],
            "steps": [{"id": "s1", "type": "reflection", "title": "Step 1", "minutes": 5, "questions": [question]},
                      {"id": "s2", "type": "talk", "title": "Step 2", "minutes": 5}]}


# the smallest case of it (the hunt met it in the hand-made case: P-X1, a reflection never revealed)
UNREVEALED_ANSWER = (_pair_session({"code": "G-1A", "type": "text", "text": "Question G-1A"}), [("answer", 0, 0, 0)])


@pytest.mark.parametrize("channel", ["export-csv", "export-json"])
def test_found_leak_export_carried_unrevealed_reflections(cli, tmp_path, channel):
    case = Case(tmp_path, cli, *UNREVEALED_ANSWER)
    found = DATA_CHANNELS[channel](case, case.secrets)
    case.no_leak(found)


def _term_case(finish: bool) -> tuple[dict, list[tuple]]:
    """What the agreement hunt shrank to (a term on a reflection question, answered, finished),
    with an agreement step for the app to show the terms on."""
    doc = _pair_session({"code": "G-1A", "type": "text", "text": "Question G-1A", "term": "term_g_1a"})
    doc["steps"].append({"id": "s3", "type": "agreement", "title": "Step 3", "minutes": 5})
    doc["minutes"] = 15
    return doc, [("answer", 0, 0, 0)] + [("finish",)] * finish


@pytest.mark.parametrize("channel", ["agreement", "summary", "run-screen"])
def test_found_leak_a_reflection_term_was_copied_into_the_agreement(cli, tmp_path, channel):
    check = _run_screen if channel == "run-screen" else PRINTED[channel][0]
    case = Case(tmp_path, cli, *_term_case(finish=channel != "run-screen"))
    found = check(case, case.secrets)
    case.no_leak(found)


def test_found_leak_a_person_named_shared_was_the_shared_viewer(cli, tmp_path):
    doc = _pair_session({"code": "G-1A", "type": "text", "text": "Question G-1A"})
    doc["steps"][0]["questions"].append({"code": "G-1B", "type": "text", "text": "Only for you", "private": True})
    case = Case(tmp_path, cli, doc, [("fill", 0)], people=[("sh-ben", "Shared", "Ben Ode")])
    found = _summary(case, case.secrets)
    case.no_leak(found)
