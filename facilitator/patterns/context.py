"""What the rules look at: one run's answers and the program around it.

An `Analysis` holds what several runs share (program, records, agreements, session
indexes), loaded once and only when a rule needs it. A `RunView` is one run's answers as
the facilitator sees them, less every answer to a question marked `private`: patterns are
shown at the reveal, so they never cite a private answer.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from facilitator import model
from facilitator.agreements import Agreement, Version, load_agreement
from facilitator.errors import InvalidFile, UserError
from facilitator.program import Pair, Program
from facilitator.patterns.text import role_word
from facilitator.presentation import kind_rank
from facilitator.records import Entry, Record
from facilitator.workspace import Broken, Workspace

NUMERIC_TYPES = frozenset({"rating", "count", "number", "percent", "decimal"})  # answer types that are numbers

if TYPE_CHECKING:
    from facilitator.patterns.library import PatternLibrary


@dataclass(frozen=True, slots=True)
class Asked:
    """A question that is not private, with the step it is in and the roles that answer it."""

    question: model.Question
    step: str
    roles: tuple[str, ...]
    code: str
    measure: str
    numeric: bool  # a rating, a count or another number
    rating: bool


class SessionIndex:
    """A session's non-private questions by code and by measure, built once per session."""

    def __init__(self, session: model.Session):
        self.session = session
        self.by_code: dict[str, Asked] = {}
        self.by_measure: dict[str, list[Asked]] = {}
        self.step_number = {step.id: i for i, step in enumerate(session.steps)}
        self.memo: dict[object, object] = {}  # per-session results a rule may keep
        for step, q in session.questions():
            if q.private:
                continue
            asked = Asked(q, step.id, tuple(session.answering_roles(step, q)), q.code, q.measure or "",
                          type(q).__struct_config__.tag in NUMERIC_TYPES, isinstance(q, model.RatingQuestion))
            self.by_code[q.code] = asked
            if q.measure:
                self.by_measure.setdefault(q.measure, []).append(asked)


def known_measures(workspace: Workspace) -> dict[str, set[str]] | None:
    """Every measure the session library uses, with the options of its choice questions; None
    (nothing to check against) while a session file is broken: which measures it uses is unknown."""
    if workspace.library.refused:
        return None
    known: dict[str, set[str]] = {}
    for entry in workspace.library.entries.values():
        for _, q in entry.session.questions():
            if q.measure:
                known.setdefault(q.measure, set()).update(getattr(q, "options", ()))
    return known


class Analysis:
    """Shared, lazily loaded state for finding patterns in one or many runs."""

    def __init__(self, workspace: Workspace, *, records: list[Record] | None = None,
                 program: Program | None = None, patterns: PatternLibrary | None = None,
                 agreements: dict[str, Agreement] | None = None):
        """Anything given here (already loaded) is used instead of reading the workspace."""
        self.workspace = workspace
        self._records = records
        self._program = program
        self._patterns = patterns
        self.broken: list[Broken] = []
        self._indexes: dict[str, SessionIndex | None] = {}
        self._agreements: dict[str, Agreement] = dict(agreements or {})
        self._all_agreements_read = agreements is not None
        self._views: dict[tuple[str, int], RunView | None] = {}
        self._meetings: dict[str, list[Record]] = {}

    # ---- what is loaded on demand
    @cached_property
    def patterns(self) -> PatternLibrary:
        if self._patterns is None:
            from facilitator.patterns.library import load_patterns

            self._patterns = load_patterns(self.workspace.root, known_measures(self.workspace))
        return self._patterns

    @cached_property
    def program(self) -> Program:
        return self._program if self._program is not None else self.workspace.program()

    @cached_property
    def records(self) -> list[Record]:
        if self._records is None:
            self._records, self.broken = self.workspace.records()
        return self._records

    @cached_property
    def _pairs(self) -> dict[str, Pair]:
        return {p.id: p for p in self.program.pairs}

    @cached_property
    def names(self) -> dict[str, str]:
        return {p.id: p.name for p in self.program.people}

    @cached_property
    def _cohort_runs(self) -> dict[str, list[Record]]:
        runs: dict[str, list[Record]] = {}
        for r in sorted(self.records, key=lambda r: (r.created, r.id)):
            if r.cohort:
                runs.setdefault(r.cohort, []).append(r)
        return runs

    @cached_property
    def _pair_runs(self) -> dict[str, list[Record]]:
        """Each pair's runs (its own and the workshops it was in), oldest first: one pass over the
        records, not one a question (a program of 1,000 pairs asks some 10,000 times)."""
        runs: dict[str, list[Record]] = {}
        for r in self.records:
            for pair in dict.fromkeys([*([r.pair] if r.pair else []), *r.pairs]):
                runs.setdefault(pair, []).append(r)
        return {pair: _oldest_first(found) for pair, found in runs.items()}

    def _loaded(self) -> bool:
        return self._records is not None or "records" in self.__dict__

    def _first_run(self, pair: str) -> str:
        """One run's patterns need a pair's first run, not every record: ask the workspace for the pair's."""
        runs = self._pair_runs.get(pair, []) if self._loaded() else self.workspace.records(pair=pair)[0]
        return min((r.created for r in runs), default="")

    # ---- lookups
    def index(self, session_id: str) -> SessionIndex | None:
        if session_id not in self._indexes:
            try:
                self._indexes[session_id] = SessionIndex(self.workspace.library.get(session_id))
            except InvalidFile:
                raise  # the session's file is broken or doubled: say so rather than count its runs as none
            except UserError:
                self._indexes[session_id] = None
        return self._indexes[session_id]

    def view(self, record: Record) -> RunView | None:
        """The run's view, built once (a record changed since must be given as a new object)."""
        key = (record.id, id(record))
        if key not in self._views:
            index = self.index(record.session)
            self._views[key] = RunView(self, record, index) if index else None
        return self._views[key]

    def pair(self, pair_id: str) -> Pair | None:
        return self._pairs.get(pair_id)

    def name(self, person: str) -> str:
        return self.names.get(person, person)

    def cohort_meetings(self, cohort: str) -> list[Record]:
        """The cohort's meetings, oldest first."""
        if self._loaded():
            return self._cohort_runs.get(cohort, [])
        if cohort not in self._meetings:
            self._meetings[cohort] = self.workspace.records(cohort=cohort)[0]
        return self._meetings[cohort]

    def pair_runs(self, pair: str) -> list[Record]:
        """The pair's runs, oldest first."""
        if self._loaded():
            return list(self._pair_runs.get(pair, []))
        return _oldest_first(self.workspace.records(pair=pair)[0])

    def previous_answer(self, record: Record, measure: str, person: str) -> tuple[float, str] | None:
        """The person's number for `measure` at the pair's latest earlier run that has one, and its date."""
        if not record.pair:
            return None
        runs = self.pair_runs(record.pair)
        ids = [r.id for r in runs]
        earlier = runs[:ids.index(record.id)] if record.id in ids else [r for r in runs if r.created <= record.created]
        for r in reversed(earlier):
            view = self.view(r)
            for x in view.asked(measure) if view else ():
                e = view.answer(x.code, person)
                if e is not None and isinstance(e.value, (int, float)) and not isinstance(e.value, bool):
                    return float(e.value), r.created[:10]
        return None

    def kickoff(self, pair_id: str) -> str:
        """The date the pair started: as recorded in the program, else the date of its first run."""
        pair = self.pair(pair_id)
        if pair and pair.started:
            return pair.started
        return self._first_run(pair_id)

    def agreement_for(self, record: Record) -> Version | None:
        """The pair's agreement as it stood when this run began (not the version it produced)."""
        if not record.pair:
            return None
        if record.pair not in self._agreements and not self._all_agreements_read:
            self._all_agreements_read = True  # every pair's at once, from the cache where unchanged
            self._agreements.update({k: v for k, v in self.workspace.agreements().items()
                                     if k not in self._agreements})
        if record.pair not in self._agreements:
            try:
                self._agreements[record.pair] = load_agreement(self.workspace.agreements_dir, record.pair)
            except UserError:
                self._agreements[record.pair] = Agreement(pair=record.pair)
        current = None
        for version in self._agreements[record.pair].versions:
            if version.run == record.id or version.date > record.created[:10]:
                break
            current = version
        return current


class RunView:
    """One run's non-private answers, by question code (built once per run and kept)."""

    def __init__(self, analysis: Analysis, record: Record, index: SessionIndex):
        # The analysis keeps its views; a weak link back avoids a reference cycle, so a big
        # analysis is freed as soon as it is dropped. What a finding's summary needs later
        # (labels, names) is held strongly.
        self.analysis: Analysis = weakref.proxy(analysis)
        self.labels = analysis.patterns
        self._names = analysis.names
        self.record = record
        self.index = index
        self.by_code: dict[str, list[Entry]] = {}
        self._answers: dict[tuple[str, str], Entry] = {}
        self._steps_of: dict[str, set[str]] = {}  # person -> steps they answered in
        for e in record.entries:
            asked = index.by_code.get(e.code)
            if asked is None:
                continue
            self.by_code.setdefault(e.code, []).append(e)
            self._answers.setdefault((e.code, e.person), e)
            self._steps_of.setdefault(e.person, set()).add(asked.step)
        self.people = [(p.person, p.role) for p in record.participants]
        self.role_names = {r.id: r.name for r in index.session.roles}
        # Steps the run has reached, or where someone answered (a paper sheet may come first):
        # questions further on are not asked yet, so nobody lacks an answer to them.
        reached = {step for step, n in index.step_number.items() if record.finished or n <= record.step}
        self.reached = reached.union(*self._steps_of.values())
        self._asked: dict[str, list[Asked]] = {}
        self._people: dict[tuple[str, tuple[str, ...]], list[tuple[str, str]]] = {}
        self.memo: dict[object, object] = {}  # per-run results a rule may keep (e.g. normalised text)

    @property
    def is_pair(self) -> bool:
        return bool(self.record.pair)

    def asked(self, measure: str) -> list[Asked]:
        found = self._asked.get(measure)
        if found is None:
            found = self._asked[measure] = [x for x in self.index.by_measure.get(measure, ())
                                            if x.step in self.reached]
        return found

    def answer(self, code: str, person: str) -> Entry | None:
        return self._answers.get((code, person))

    def people_for(self, asked: Asked, roles: list[str] | tuple[str, ...] = ()) -> list[tuple[str, str]]:
        """Who is asked this question (of `roles`, when given): (person, role)."""
        key = (asked.code, tuple(roles))
        found = self._people.get(key)
        if found is None:
            found = self._people[key] = [(p, r) for p, r in self.people
                                         if r in asked.roles and (not roles or r in roles)]
        return found

    def role_of(self, person: str) -> str:
        return next((r for p, r in self.people if p == person), "")

    def answered_in(self, person: str, steps: set[str]) -> bool:
        """Did the person answer anything in these steps (so an empty box is an answer)?"""
        return not steps.isdisjoint(self._steps_of.get(person, ()))

    def who(self, person: str, role: str) -> str:
        """How the summary names someone: their role (as the session names it) in a pair, their name in a cohort."""
        return self.role(role) if self.is_pair else self._names.get(person, person)

    def role(self, role: str) -> str:
        """A role as the session names it, inside a sentence: "mentee", "reverse mentor"."""
        return role_word(self.role_names.get(role, role))


def _oldest_first(runs: list[Record]) -> list[Record]:
    # runs started in the same second (a day typed in from paper) go in the program's order of kinds
    return sorted(runs, key=lambda r: (r.created, kind_rank(r.kind), r.id))
