"""program.toml: the program, its cohorts, people and pairs.

The file is the facilitator's: they may edit it by hand, so it is validated with the
same error quality as session files, and written back with tomli-w atomically.
"""


from typing import Annotated, TypeVar

from msgspec import Meta, field

from facilitator import ids
from facilitator.errors import InvalidFile, UserError
from facilitator.i18n import N_, gettext
from facilitator.ids import did_you_mean
from facilitator.model import Strict
from facilitator.validation import Problems, convert

Id = Annotated[str, Meta(pattern=ids.PROGRAM_ID, description=ids.DESCRIPTION)]
Name = Annotated[str, Meta(min_length=1, max_length=120)]


class _Named(Strict, kw_only=True):
    """Something the facilitator names: an id for files and commands, a name for people to read."""

    id: Id
    name: Name


class Cohort(_Named, kw_only=True):
    pass


class Person(_Named, kw_only=True):
    email: str = ""


class Pair(Strict, kw_only=True):
    id: Id
    mentor: Id
    mentee: Id
    cohort: Id | None = None
    started: str = ""  # ISO date of the kickoff
    ended: str = ""  # ISO date, when the relationship ended
    ending: str = ""  # "completed" or "early"


class Program(Strict, kw_only=True):
    name: str = "Mentoring program"
    cohorts: list[Cohort] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    pairs: list[Pair] = field(default_factory=list)
    # the workspace's settings (paper, theme, program_name, logo, language): facilitator/settings.py checks them
    settings: dict[str, str] = field(default_factory=dict)

    def person(self, person_id: str) -> Person:
        return _find(self.people, person_id, N_("no person `%(wanted)s`%(hint)s"))

    def pair(self, pair_id: str) -> Pair:
        return _find(self.pairs, pair_id, N_("no pair `%(wanted)s`%(hint)s; `facilitator pairs` lists them"))

    def cohort(self, cohort_id: str) -> Cohort:
        return _find(self.cohorts, cohort_id, N_("no cohort `%(wanted)s`%(hint)s"))

    def cohort_mentors(self, cohort_id: str) -> list[str]:
        return [p.mentor for p in self.pairs if p.cohort == cohort_id]

    def name_of(self, person_id: str) -> str:
        return next((p.name for p in self.people if p.id == person_id), person_id)


Found = TypeVar("Found", Cohort, Person, Pair)


def _find(items: list[Found], wanted: str, refusal: str) -> Found:
    """The item of id `wanted`, else the refusal (a msgid) said in the language."""
    for item in items:
        if item.id == wanted:
            return item
    raise UserError(gettext(refusal) % {"wanted": wanted, "hint": did_you_mean(wanted, [i.id for i in items])})


def check_program(doc: dict, where: str) -> Program:
    problems = Problems(where)
    program = convert(doc, Program, problems, "")
    if program is not None:
        _check_references(program, problems)
    if problems.errors:
        raise InvalidFile(*problems.errors)
    assert program is not None
    return program


def _check_references(program: Program, problems: Problems) -> None:
    people = [p.id for p in program.people]
    cohorts = [c.id for c in program.cohorts]
    for what, ids in (("person", people), ("cohort", cohorts), ("pair", [p.id for p in program.pairs])):
        seen: set[str] = set()
        for i, value in enumerate(ids):
            if value in seen:
                key = {"person": "people", "cohort": "cohorts", "pair": "pairs"}[what]
                problems.error(f"{key}[{i + 1}].id", f"duplicate {what} id `{value}`")
            seen.add(value)
    for i, pair in enumerate(program.pairs):
        for key in ("mentor", "mentee"):
            pid = getattr(pair, key)
            if pid not in people:
                problems.error(f"pairs[{i + 1}].{key}", f"unknown person `{pid}`{did_you_mean(pid, people)}")
        if pair.cohort and pair.cohort not in cohorts:
            problems.error(f"pairs[{i + 1}].cohort",
                           f"unknown cohort `{pair.cohort}`{did_you_mean(pair.cohort, cohorts)}")
        if pair.mentor == pair.mentee:
            problems.error(f"pairs[{i + 1}]", "mentor and mentee are the same person")
