"""How runs and answers are presented, everywhere: the app, printing, pattern text, export.

One answer has one text. A run has one subject line. A rating gap is measured one way.
Surfaces choose their own styling (a Rich table, an HTML cell, a CSV cell), never their
own wording: change it here and every surface follows.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from facilitator import model

if TYPE_CHECKING:  # only for annotations: this module stays a leaf of the core
    from facilitator.program import Program
    from facilitator.records import Entry, Participant, Record

LIST_SEPARATOR = "; "  # between the items of a list, a multiple choice or the rows of a table
CELL_SEPARATOR = " / "  # between the cells of one table row
NOT_ANSWERED = "—"

# The order sessions are listed in, by kind: the order a program meets them.
KIND_ORDER = ("expectations", "midpoint", "closing", "cohort", "roleplay", "custom")

# What the program report and `export --format json` call the outcomes of mentoring.
OUTCOME_MEASURES = ("outcome_career", "outcome_skills", "outcome_satisfaction", "outcome_belonging")


def kind_rank(kind: str) -> int:
    return KIND_ORDER.index(kind) if kind in KIND_ORDER else len(KIND_ORDER)


def session_sort_key(session: model.Session) -> tuple[int, str]:
    """Sessions in the order a program meets them, then by id."""
    return kind_rank(session.kind), session.id


def answer_text(value: Any, question: model.Question | None = None) -> str:
    """An answer as plain text: "" when not answered; yes/no; lists and table rows joined;
    given its question, a date as people write it (1 December 2026) and a number with its unit."""
    if value is None:
        return ""
    if isinstance(question, model.DateQuestion) and isinstance(value, str):
        return date_text(value)
    if isinstance(question, model.NumberQuestion) and is_number(value):
        return number_text(question, value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return LIST_SEPARATOR.join(
            CELL_SEPARATOR.join(map(str, item)) if isinstance(item, list) else str(item) for item in value)
    return str(value)


def shown(value: Any, question: model.Question | None = None) -> str:
    """An answer where a blank must be seen as a blank (a table cell, a side-by-side)."""
    return NOT_ANSWERED if value is None or value == "" else answer_text(value, question)


def date_text(iso: str) -> str:
    """`2026-12-01` → `1 December 2026`: no reader has to guess which of 1/12 and 12/1 is meant."""
    import datetime

    try:
        day = datetime.date.fromisoformat(iso)
    except ValueError:
        return iso
    from facilitator import i18n

    if i18n.current() != "en":  # "1. Dezember 2026": as the language writes it, on screen and paper
        return i18n.format_date(day)
    return f"{day.day} {day:%B %Y}"


def number_text(question: model.NumberQuestion, value: float) -> str:
    """`7.5 hours`, `40%`: the number with the places the question allows, and its unit."""
    text = f"{value:.{question.decimals}f}" if question.decimals else f"{value:g}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    from facilitator.values import unit_suffix

    return text + unit_suffix(question.unit)


def minutes_number(minutes: float) -> str:
    """How every screen and paper writes a length of time: 5, 1½, ½ (steps of half a minute)."""
    whole, half = divmod(round(minutes * 2), 2)
    if not half:
        return str(whole)
    return f"{whole or ''}½"


def minutes_text(minutes: float) -> str:
    """`1½ min`: a step's or a turn's length in a heading."""
    return f"{minutes_number(minutes)} min"


def minutes_short(minutes: float) -> str:
    """`1½'`: a length in an agenda's column."""
    return f"{minutes_number(minutes)}'"


def is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def rating_gap(question: model.Question, values: list[Any]) -> int | None:
    """The spread between the highest and lowest rating given, when two or more people rated."""
    if not isinstance(question, model.RatingQuestion):
        return None
    numbers = [v for v in values if is_number(v)]
    return max(numbers) - min(numbers) if len(numbers) > 1 else None


def split_choice(question: model.Question, values: list[Any]) -> bool:
    """Two or more people picked different options of the same choice: a split decision."""
    return isinstance(question, model.ChoiceQuestion) and len({v for v in values if v is not None}) > 1


def rating_dots(question: model.RatingQuestion, value: int) -> str:
    """A rating as marked circles: 4 on 1-5 is ●●●●○."""
    scale = question.scale
    return "●" * (value - scale.min + 1) + "○" * (scale.max - value)


def term_label(term: str) -> str:
    """An agreement term's id as a heading: `meeting_rhythm` → `meeting rhythm`."""
    return term.replace("_", " ")


def term_text(term: Any) -> str:
    """An agreement term as one line, for a surface that cannot draw its list or table."""
    for part in ("rows", "items"):  # agreements.Table, agreements.Items
        if isinstance(getattr(term, part, None), list):
            return answer_text(getattr(term, part))
    return answer_text(term)


def pair_names(program: "Program", pair_id: str) -> str:
    """`Ana Ruiz & Ben Ode`; the pair's id when program.toml no longer has it."""
    from facilitator.errors import UserError

    try:
        pair = program.pair(pair_id)
    except UserError:
        return pair_id
    return f"{program.name_of(pair.mentor)} & {program.name_of(pair.mentee)}"


def cohort_name(program: "Program", cohort_id: str) -> str:
    return next((c.name for c in program.cohorts if c.id == cohort_id), cohort_id)


def subject(program: "Program", record: "Record") -> str:
    """Who a run is for, as people read it: the pair's names, the cohort's name, the workshop's people."""
    if record.pair:
        return pair_names(program, record.pair)
    if record.cohort:
        return cohort_name(program, record.cohort)
    return workshop_people(program, record) if record.participants else "workshop"


def present(record: "Record") -> list[str]:
    """Who takes part today: the attendance if taken, else everyone in the run (each once)."""
    everyone = list(dict.fromkeys(p.person for p in record.participants))
    return [p for p in everyone if p in record.attendance] if record.attendance else everyone


def workshop_people(program: "Program", record: "Record") -> str:
    """A workshop by the people in it: `7 people in 3 trios: Helen Park, Tomás Ruiz, …`."""
    from facilitator.i18n import ngettext  # the words in the screen's or paper's language

    here = [program.name_of(p) for p in present(record)]
    trios = len(record.trios)
    people = ngettext("%(num)d person", "%(num)d people", len(here)) % {"num": len(here)}
    if trios:
        people = ngettext("%(people)s in %(num)d trio", "%(people)s in %(num)d trios", trios) % {
            "people": people, "num": trios}
    return f"{people}: {', '.join(here)}"


@dataclass(frozen=True)
class PersonAnswer:
    """One person's answer to one question, as a column of a side-by-side shows it."""

    person: str
    role: str
    name: str
    value: Any  # None: not answered (or not visible to this viewer)
    asked: bool  # False: the question is not on this person's sheet

    @property
    def text(self) -> str:
        return answer_text(self.value)  # a surface that knows the question words it with answer_text(value, q)


def answers_by_person(session: model.Session, step: model.Step, question: model.Question,
                      participants: list["Participant"], visible: list["Entry"],
                      program: "Program") -> list[PersonAnswer]:
    """Each participant's answer to `question`, from the entries a viewer may see.

    Built per person from one source, so a column always holds the person its header
    names; a role-play asks whoever plays the role, so everyone there is asked.
    """
    asked_roles = session.answering_roles(step, question)
    values = {e.person: e.value for e in visible if e.code == question.code}
    return [PersonAnswer(person=p.person, role=p.role, name=program.name_of(p.person),
                         value=values.get(p.person),
                         asked=p.role in asked_roles or session.kind == "roleplay")
            for p in participants]


def side_by_side(question: model.Question, answer: PersonAnswer) -> str:
    """One person's cell in a side-by-side: a rating with its dots, a blank as a blank, and
    nothing at all where the question is not on that person's sheet."""
    if not answer.asked:
        return ""
    if isinstance(question, model.RatingQuestion) and is_number(answer.value):
        return f"{answer.value} {rating_dots(question, answer.value)}"
    return shown(answer.value, question)
