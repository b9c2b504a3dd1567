"""Generated sessions and runs for the leak-hunting tests, and the model of what must stay hidden.

A case is a session definition (as TOML data) and a script of moves a facilitator might make:
answers, notes, next/back/jump, finish. Playing it through the real engine leaves a record
and a `Played` log; `hidden(played, revealed)` is the one oracle of what no shared output
may show, so the sealing rule can be tightened in one place.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from hypothesis import strategies as st

from facilitator import model
from facilitator.engine import RunEngine, Sealed
from facilitator.errors import UserError

CASES: Counter[str] = Counter()  # examples tried per test, printed in the terminal summary

PEOPLE = (("ana-ben", "Ana Ruiz", "Ben Ode"), ("cy-di", "Cy Lam", "Di Oko"))
COHORT = "spring"
MARKER = re.compile(r"Zk\d{5}q")  # every generated secret looks like this; nothing else does

_TEXT_MEASURES = [None, "working", "not_working"]
_RATING_MEASURES = [None, "cadence_fit", "communication", "fit"]


# ---------------------------------------------------------------- session definitions


@st.composite
def _question(draw, code: str, roles: list[str], *, in_agreement: bool, cohort: bool) -> dict[str, Any]:
    kind = draw(st.sampled_from(["text", "text", "rating", "rating", "choice", "multi", "yesno", "list", "table",
                                 "count"]))
    q: dict[str, Any] = {"code": code, "type": kind, "text": f"Question {code}"}
    if kind == "text":
        measure = draw(st.sampled_from(_TEXT_MEASURES))
    elif kind == "rating":
        measure = draw(st.sampled_from(_RATING_MEASURES))
    else:
        measure = None
    if measure:
        q["measure"] = measure
    if kind in ("choice", "multi"):
        q["options"] = ["steady", "shaky", "stuck"]
    if kind == "table":
        q["columns"] = ["What", "By when"]
    if kind == "count":
        q["max"] = 20
    if len(roles) > 1 and draw(st.booleans()):
        q["roles"] = [draw(st.sampled_from(roles))]
    private = draw(st.booleans())
    if private:
        q["private"] = True
    elif not cohort and kind in ("text", "table", "list") and draw(st.booleans()):
        q["term"] = f"term_{code.lower().replace('-', '_')}"  # never private and term: validation refuses it
    if cohort and in_agreement and kind == "text" and not private and draw(st.booleans()):
        q["commitment"] = True
    return q


@st.composite
def sessions(draw, *, cohort: bool) -> dict[str, Any]:
    """A session definition the loader accepts: talk, reflection, reveal, discussion, agreement steps."""
    roles = ["mentor"] if cohort else ["mentor", "mentee"]
    kinds = draw(st.lists(st.sampled_from(["reflection", "reveal", "talk", "reflection", "reveal", "discussion",
                                           "agreement"] + ["round_robin"] * cohort), min_size=2, max_size=6))
    if "reflection" not in kinds:  # every case has something to keep sealed
        kinds.insert(draw(st.integers(0, len(kinds))), "reflection")
    steps: list[dict[str, Any]] = []
    reflections: list[str] = []
    for n, kind in enumerate(kinds, 1):
        step: dict[str, Any] = {"id": f"s{n}", "type": kind, "title": f"Step {n}", "minutes": 5,
                                "say": f"Say for step {n}."}
        if draw(st.booleans()):
            step["notes"] = "NOTE"  # the runner gives it its marker
        if kind == "reveal":
            if not reflections:
                step["type"] = "talk"
            else:
                step["reveals"] = draw(st.lists(st.sampled_from(reflections), min_size=1, unique=True))
        if kind == "round_robin":
            step["speaker_minutes"] = 2
        if kind in ("reflection", "discussion", "agreement", "round_robin"):
            count = draw(st.integers(1 if kind == "reflection" else 0, 3))
            step["questions"] = [draw(_question(f"G-{n}{chr(65 + j)}", roles, in_agreement=kind == "agreement",
                                                cohort=cohort)) for j in range(count)]
        if kind == "reflection":
            reflections.append(step["id"])
        steps.append(step)
    return {
        "id": "gen-cohort" if cohort else "gen-pair", "title": "Generated", "kind": "cohort" if cohort else "midpoint",
        "audience": "cohort" if cohort else "pair", "purpose": "Hunt leaks.", "minutes": 5 * len(steps),
        "roles": [{"id": r, "name": r.capitalize()} for r in roles], "steps": steps,
    }


# ---------------------------------------------------------------- moves


moves = st.lists(
    st.one_of(  # answers come twice: they are what there is to leak
        st.tuples(st.just("answer"), st.integers(0, 99), st.integers(0, 99), st.integers(0, 99)),
        st.tuples(st.just("answer"), st.integers(0, 99), st.integers(0, 99), st.integers(0, 99)),
        st.tuples(st.just("fill"), st.integers(0, 99)),
        st.tuples(st.just("fill"), st.integers(0, 99)),
        st.tuples(st.just("note")),
        st.tuples(st.just("next")),
        st.tuples(st.just("back")),
        st.tuples(st.just("jump"), st.integers(0, 99)),
        st.tuples(st.just("finish")),
    ),
    min_size=3,
    max_size=20,
)


@st.composite
def cases(draw, *, cohort: bool | None = None, finish: bool = False) -> tuple[dict[str, Any], list[tuple]]:
    """A session and a script; `finish` ends every script with every question answered and the
    run finished, so that the run writes an agreement when its session has terms."""
    if cohort is None:
        cohort = draw(st.booleans())
    ending = [("fill-all", draw(st.integers(0, 99))), ("finish",)] if finish else []
    return draw(sessions(cohort=cohort)), draw(moves) + ending


# ---------------------------------------------------------------- playing a case


# what a marked value is: a private answer, a facilitator's note, an answer sealed until its
# reveal (a reflection's), or an answer shared as soon as it is given
PRIVATE, NOTE, UNREVEALED, SHARED = "private", "note", "unrevealed", "shared"


@dataclass
class Secret:
    marker: str
    why: str  # said when it leaks: "private G-2A of ben-ode", "note on s3"
    kind: str = NOTE
    code: str = ""
    person: str = ""
    reflection: str = ""  # the reflection step it was written in, if any
    turn: int = 0  # which answer of the run it came from: a later answer replaces it


@dataclass
class Played:
    run_id: str
    session: model.Session
    revealed: set[str] = field(default_factory=set)  # reflections revealed (everyone asked had finished)
    answered: set[tuple[str, str]] = field(default_factory=set)  # (person, code) the engine kept
    answers: list[Secret] = field(default_factory=list)  # every answer given (markers only for text-like ones)
    notes: list[Secret] = field(default_factory=list)
    finished: bool = False
    log: list[str] = field(default_factory=list)


def _rich(cohort: bool) -> tuple[dict[str, Any], list[tuple]]:
    """A hand-made case every hunt tries first, in the shape of tests/data/pair-review.toml and
    cohort-test.toml: every kind of secret, a reflection revealed and one never revealed, the agreement."""
    roles = ["mentor"] if cohort else ["mentor", "mentee"]
    first = {"id": "check-in", "type": "round_robin", "title": "Check-in", "minutes": 5, "speaker_minutes": 2,
             "questions": [{"code": "K-S1", "type": "choice", "text": "Status", "options": ["green", "red"],
                            "measure": "relationship_status"}]} if cohort else {
        "id": "welcome", "type": "talk", "title": "Welcome", "minutes": 5, "say": "Welcome.", "notes": "NOTE"}
    steps = [
        first,
        {"id": "reflect", "type": "reflection", "title": "Reflect", "minutes": 5, "notes": "NOTE", "questions": [
            {"code": "P-W1", "type": "text", "text": "What is working?", "measure": "working"},
            {"code": "P-R1", "type": "rating", "text": "Our rhythm works.", "measure": "cadence_fit"},
            {"code": "P-L1", "type": "list", "text": "Three wins"},
            {"code": "P-F1", "type": "text", "text": "For the facilitator only", "private": True}]},
        {"id": "later", "type": "reflection", "title": "Never revealed", "minutes": 5, "questions": [
            {"code": "P-X1", "type": "text", "text": "What worries you?", "measure": "not_working"}]},
        {"id": "reveal", "type": "reveal", "title": "Reveal", "minutes": 5, "reveals": ["reflect"]},
        {"id": "talk", "type": "discussion", "title": "Discuss", "minutes": 5, "prompts": ["What now?"],
         "show": ["commitments"] if cohort else [], "questions": [
            {"code": "P-D1", "type": "text", "text": "Aside", "private": True}]},
        {"id": "agree", "type": "agreement", "title": "Agree", "minutes": 5, "notes": "NOTE", "questions": [
            {"code": "P-A1", "type": "text", "text": "My commitment", "commitment": True} if cohort else
            {"code": "P-A1", "type": "text", "text": "How often we meet", "term": "cadence"},
            {"code": "P-A2", "type": "table", "text": "Objectives", "columns": ["Objective", "By when"],
             **({} if cohort else {"term": "objectives"})},
            {"code": "P-A3", "type": "text", "text": "Private worry", "private": True}]},
    ]
    doc = {"id": "rich-cohort" if cohort else "rich-pair", "title": "Rich", "kind": "cohort" if cohort else "midpoint",
           "audience": "cohort" if cohort else "pair", "purpose": "Every kind of secret.", "minutes": 5 * len(steps),
           "roles": [{"id": r, "name": r.capitalize()} for r in roles], "steps": steps}
    script = [("next",), ("fill", 1), ("note",), ("next",), ("fill", 4), ("next",), ("note",), ("next",),
              ("fill", 2), ("next",), ("fill", 3), ("note",)]
    return doc, script


def rich(*, cohort: bool | None = False, finish: bool = False) -> tuple[dict[str, Any], list[tuple]]:
    """The hand-made case in the shape `cases(...)` makes."""
    doc, script = _rich(bool(cohort))
    return doc, script + [("finish",)] * finish


def mark_definition(doc: dict[str, Any], counter: itertools.count) -> list[Secret]:
    """Give every step note its own marker: the facilitator's notes are secrets too."""
    secrets = []
    for step in doc["steps"]:
        if "notes" in step:
            step["notes"] = f"{_marker(counter)} a note for the facilitator"
            secrets.append(Secret(MARKER.search(step["notes"])[0], f"definition note of {step['id']}", NOTE))
    return secrets


def _marker(counter: itertools.count) -> str:
    return f"Zk{next(counter):05d}q"


def _value(q: model.Question, n: int, counter: itertools.count) -> Any:
    match q:
        case model.TextQuestion():
            return f"{_marker(counter)} in my words"
        case model.ListQuestion():
            return [_marker(counter), f"{_marker(counter)} too"]
        case model.TableQuestion():
            return [[_marker(counter), f"{_marker(counter)} soon"]]
        case model.RatingQuestion(scale=s):
            return s.min + n % (s.max - s.min + 1)
        case model.CountQuestion():
            return n % 21
        case model.ChoiceQuestion(options=o):
            return o[n % len(o)]
        case model.MultiQuestion(options=o):
            return o[: 1 + n % len(o)]
        case model.YesNoQuestion():
            return bool(n % 2)
    raise AssertionError(q)


def _answer(engine: RunEngine, played: Played, person: str, q: model.Question, n: int,
            counter: itertools.count) -> None:
    value = _value(q, n, counter)
    try:
        engine.answer(person, q.code, value)
    except Sealed:  # its reflection was revealed: it takes no new answer, and nothing was kept
        played.log.append(f"answer {person} {q.code} refused: sealed")
        return
    played.answered.add((person, q.code))
    step = next(s for s, question in engine.session.questions() if question is q)
    reflection = step.id if isinstance(step, model.ReflectionStep) else ""
    why = f"private {q.code} of {person}" if q.private else f"{q.code} of {person} (a {model.step_type(step)} answer)"
    kind = PRIVATE if q.private else UNREVEALED if reflection else SHARED
    turn = len(played.log)
    played.answers += [Secret(m, why, kind, q.code, person, reflection, turn)
                       for m in MARKER.findall(str(value)) or [""]]
    played.log.append(f"answer {person} {q.code} {value!r}")


def reached(played: Played, step: model.Step, participants: list[tuple[str, str]]) -> None:
    """The model of revealing: a reveal step reveals a reflection it names once everyone asked in
    that reflection has answered every question put to them there; until then it stays sealed."""
    if not isinstance(step, model.RevealStep):
        return
    session = played.session
    for ref in step.reveals:
        source = next(s for s in session.steps if s.id == ref)
        asked = [(person, q.code) for person, role in participants for q in getattr(source, "questions", [])
                 if role in session.answering_roles(source, q)]
        if asked and all(pair in played.answered for pair in asked):
            played.revealed.add(ref)


def play(engine: RunEngine, script: list[tuple], counter: itertools.count) -> Played:
    session = engine.session
    played = Played(engine.record.id, session)
    steps = session.steps
    people = [(p.person, p.role) for p in engine.record.participants]
    for move in script:
        if played.finished:
            break
        kind = move[0]
        before = engine.step_index
        if kind == "answer":
            _, who, which, n = move
            person, role = people[who % len(people)]
            mine = [q for s, q in session.questions() if role in session.answering_roles(s, q)]
            if mine:
                _answer(engine, played, person, mine[which % len(mine)], n, counter)
        elif kind in ("fill", "fill-all"):  # everyone answers the step they are on, or every step
            for step in steps if kind == "fill-all" else [engine.step]:
                for i, (person, role) in enumerate(people):
                    for q in getattr(step, "questions", []):
                        if role in session.answering_roles(step, q):
                            _answer(engine, played, person, q, move[1] + i, counter)
        elif kind == "note":
            text = f"{_marker(counter)} only for me"
            engine.add_note(text)
            played.notes.append(Secret(text.split()[0], f"note on {engine.step.id}", NOTE))
            played.log.append(f"note on {engine.step.id}")
        elif kind in ("next", "back"):
            getattr(engine, kind)()
            played.log.append(kind)
        elif kind == "jump":
            engine.jump(move[1] % len(steps))
            played.log.append(f"jump {move[1] % len(steps)}")
        elif kind == "finish":
            try:
                engine.finish()
            except UserError as exc:  # e.g. an agreement the pair already has: nothing to do here
                played.log.append(f"finish refused: {exc}")
                continue
            played.finished = True
            played.log.append("finish")
        if engine.step_index != before:
            reached(played, engine.step, people)
    return played


# ---------------------------------------------------------------- the oracle


def hidden(played: Played, revealed: set[str] | None = None) -> list[Secret]:
    """Every secret of the run no shared output may show, given the reflections revealed so far.

    Private answers and notes always; an answer in a reflection step until a reveal step has
    revealed it, which waits for everyone asked there to finish (see `reached`).
    """
    revealed = played.revealed if revealed is None else revealed
    return played.notes + [a for a in played.answers
                            if a.kind == PRIVATE or (a.kind == UNREVEALED and a.reflection not in revealed)]


def shareable(played: Played, revealed: set[str] | None = None) -> list[Secret]:
    """The marked answers the record holds now that no secret rule hides: what a shared output may show."""
    last = {(a.person, a.code): a.turn for a in played.answers}
    secret = hidden(played, revealed)
    return [a for a in played.answers if a.marker and a.turn == last[(a.person, a.code)] and a not in secret]


def leaks(text: str, secrets: list[Secret]) -> list[str]:
    """Each secret whose marker appears in `text`, said as what it is."""
    squeezed = re.sub(r"\s+", "", text)  # a PDF may break a line inside a marker
    return sorted({f"{s.why}: {s.marker}" for s in secrets if s.marker and (s.marker in text or s.marker in squeezed)})


def hidden_rows(rows: list[dict[str, Any]], played: Played, secrets: list[Secret]) -> list[str]:
    """Rows (export, pattern evidence) that carry a hidden answer of this run, markable or not."""
    keys = {(s.person, s.code): s for s in secrets if s.code}
    return sorted({f"{keys[(r.get('person'), r.get('code'))].why} in a row"
                   for r in rows if r.get("run") == played.run_id and (r.get("person"), r.get("code")) in keys})
