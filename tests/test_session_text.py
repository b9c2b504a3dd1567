"""Text a participant or facilitator reads in the bundled library names no source article."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

SESSIONS = sorted((Path(__file__).resolve().parent.parent / "sessions").glob("*.toml"))
SOURCE_NAME = re.compile(r"\bseeds?\b|\bseed ?\d{3}\b", re.IGNORECASE)


def _strings(value, where=""):
    if isinstance(value, str):
        yield where, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, f"{where}.{key}" if where else key)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _strings(item, f"{where}[{i + 1}]")


@pytest.mark.parametrize("path", SESSIONS, ids=lambda p: p.stem)
def test_no_source_names_in_what_people_read(path):
    found = [f"{where}: {text[:60]!r}" for where, text in _strings(tomllib.loads(path.read_text("utf-8")))
             if SOURCE_NAME.search(text)]
    assert not found, found


# Lines a review found clumsy or off-putting in the room; each has been rewritten.
REWRITTEN = (
    "It is not a test",
    "nothing is wrong because we are here",
    "would not say out loud to each other",
    "just listen, and say thank you",
    "The mentee makes their own decisions; the mentor does not",
    "What does the mentee need now to keep growing on their own?",
)


@pytest.mark.parametrize("path", SESSIONS, ids=lambda p: p.stem)
def test_the_rewritten_lines_stay_rewritten(path):
    text = " ".join(" ".join(t.split()) for _, t in _strings(tomllib.loads(path.read_text("utf-8"))))
    assert not [line for line in REWRITTEN if line in text]


def test_reverse_mentoring_never_casts_the_mentor_as_the_senior():
    doc = tomllib.loads((SESSIONS[0].parent / "reverse-kickoff.toml").read_text("utf-8"))
    words = re.compile(r"\b(senior|junior|younger|older|experienced)\b", re.IGNORECASE)
    assert not [(where, t[:50]) for where, t in _strings(doc) if words.search(t)]
    assert {r["id"]: r["name"] for r in doc["roles"]}["mentor"] == "Reverse mentor"


def _minutes(doc, step_id):
    return next(s["minutes"] for s in doc["steps"] if s["id"] == step_id)


def test_agendas_leave_time_for_what_they_ask():
    load = {p.stem: tomllib.loads(p.read_text("utf-8")) for p in SESSIONS}
    expectations, midpoint, closing = load["expectations"], load["midpoint"], load["closing"]
    assert _minutes(expectations, "objectives") >= 20  # three S.M.A.R.T. objectives and their milestones
    assert _minutes(midpoint, "continue") >= 10  # write, reveal, and handle a split
    asked = [q for s in closing["steps"] if s["id"] == "reflect" for q in s["questions"]
             if "mentor" not in q.get("roles", ["mentee"])]
    # what a careful writer needs: two and a half minutes for a written answer, twenty seconds a tick
    needed = sum(2.5 if q["type"] in ("text", "list", "table") else 1 / 3 for q in asked)
    assert _minutes(closing, "reflect") >= needed, f"{len(asked)} items for the mentee need {needed:.0f} minutes"


def test_the_kickoff_writes_nothing_twice():
    """A term is written once, by one question per role; no agreement step asks again what a
    reflection answer already says."""
    from facilitator.library import load_library

    session = load_library().entry("expectations").session
    seen: dict[tuple[str, str], str] = {}
    for step, q in session.questions():
        for role in session.answering_roles(step, q) if q.term else ():
            assert (role, q.term) not in seen, (q.code, seen.get((role, q.term)))
            seen[(role, q.term)] = q.code
    measures = {q.measure for _, q in session.questions()}
    assert {"kickoff_goal", "kickoff_goal_guess", "contact_between_expected", "contact_between_offered"} <= measures
