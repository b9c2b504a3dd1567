"""A demo workspace a new user can explore: two cohorts, seven pairs, runs in every state.

`create_demo(root)` builds it once (when `root/program.toml` does not exist yet) by
driving the run engine exactly as the app does, so every record, agreement version and
carried commitment is the real thing:

- "Northside Mentoring 2026" with two cohorts;
- `spring` (kicked off 27 weeks ago; midpoint at week 13, closing at week 26), four pairs:
  - every pair: a finished expectations setting (agreement version 1);
  - three pairs: a finished midpoint review (agreement version 2), each showing another
    situation: a perception gap about the meeting rhythm with meetings held well below it
    (helen-tomas, pattern `perception_gap` confirmed), performed agreement (rajesh-lena),
    a healthy pair (grace-wei);
  - grace-wei finished with a closing reflection (ended, completed); rajesh-lena ended
    early at week 21 with a closing reflection: goal met, Lena moves into research;
  - the fourth pair (david-amina): a midpoint left open at the reflection step with only
    the mentor's answers, to resume;
  - two finished cohort meetings; the second reviews the first one's commitments, and
    one mentor reports red at both;
- `autumn` (a twelve-week format kicked off 12 weeks ago; midpoint at week 6, closing at
  week 11), three pairs, each with a finished expectations setting and midpoint; two of
  them finished with a closing reflection (ended, completed), the third closes after the
  mentee's interview, in a few weeks.

So the program report has outcome ratings for both cohorts and pairs that ended early,
completed or are ongoing. Every run is dated when it took place: each gets a clock that
starts at its (local) date and time, relative to today, and moves on a few seconds at
every reading, so agreement versions carry the dates of the runs that made them and the
meeting counts read right against the agreed rhythm. Built the same way on any given day.
The workspace is built in a hidden folder beside `root` and moved into place with
program.toml last, so an interrupted build never looks like a finished demo.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from facilitator.demo.autumn import _hiroshi_fatima, _siobhan_ana, _sofia_kwame
from facilitator.demo.meetings import _Meeting, _meetings
from facilitator.demo.spring import _david_amina, _grace_wei, _helen_tomas, _rajesh_lena
from facilitator.demo.story import _autumn, _PairStory, _Run, _spring
from facilitator.engine import RunEngine
from facilitator.program import Cohort, Pair, Person, Program
from facilitator.workspace import Workspace

PROGRAM_NAME = "Northside Mentoring 2026"
COHORT_ID = "spring"
COHORT_NAME = "Spring cohort"
AUTUMN_ID = "autumn"
AUTUMN_NAME = "Autumn cohort"

def demo_root() -> Path:
    """Where the app keeps its demo workspace: a `demo` folder in the user data folder."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("facilitator", appauthor=False)) / "demo"


def create_demo(root: Path) -> Workspace:
    """The demo workspace at `root`, built first if `root/program.toml` does not exist yet."""
    root = Path(root)
    if (root / "program.toml").exists():
        return Workspace(root)
    root.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{root.name}.building-", dir=root.parent))
    try:
        _build(Workspace(staging), date.today())
        if not (root / "program.toml").exists():  # nobody else finished one meanwhile
            _move_into(staging, root)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return Workspace(root)


def reset_demo(root: Path) -> Workspace:
    """The demo at `root` built afresh: every run, note and printout made in it is gone.

    Only a demo is ever reset: a folder whose program is not the demo's is refused, so a
    mistyped --workspace cannot wipe someone's real program. The new demo is built beside
    the old one first; the old is removed only once the new one is complete."""
    from facilitator.errors import UserError

    import tomllib

    root = Path(root)
    if root.exists() and any(root.iterdir()):
        try:
            name = tomllib.loads((root / "program.toml").read_text(encoding="utf-8")).get("name")
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
            name = None
        if name != PROGRAM_NAME:
            raise UserError(f"{root} does not hold the demo program ({PROGRAM_NAME}); --reset only rebuilds the"
                            " demo, nothing there was changed")
    fresh = root.parent / f".{root.name}.fresh"
    shutil.rmtree(fresh, ignore_errors=True)
    create_demo(fresh)
    old = root.parent / f".{root.name}.old"
    shutil.rmtree(old, ignore_errors=True)
    if root.exists():
        os.replace(root, old)
    os.replace(fresh, root)
    shutil.rmtree(old, ignore_errors=True)
    return Workspace(root)


def _move_into(staging: Path, root: Path) -> None:
    root.mkdir(parents=True, exist_ok=True)
    for folder in ("agreements", "records"):
        source = staging / folder
        if not source.is_dir():
            continue
        (root / folder).mkdir(exist_ok=True)
        for path in sorted(source.iterdir()):
            os.replace(path, root / folder / path.name)
    os.replace(staging / "program.toml", root / "program.toml")  # last: the demo now exists


# ---------------------------------------------------------------- dates




def _build(ws: Workspace, today: date) -> None:
    spring, autumn = _spring(today), _autumn(today)
    cohorts = [
        (Cohort(id=COHORT_ID, name=COHORT_NAME), spring,
         [_helen_tomas(spring), _rajesh_lena(spring), _grace_wei(spring), _david_amina(spring)]),
        (Cohort(id=AUTUMN_ID, name=AUTUMN_NAME), autumn,
         [_sofia_kwame(autumn), _hiroshi_fatima(autumn), _siobhan_ana(autumn)]),
    ]
    program = Program(name=PROGRAM_NAME, cohorts=[c for c, _, _ in cohorts])
    runs: list[tuple[datetime, Callable[[_Clock], None]]] = []  # when, and how to run it
    for cohort, d, stories in cohorts:
        for s in stories:
            program.people += [Person(id=s.mentor[0], name=s.mentor[1]), Person(id=s.mentee[0], name=s.mentee[1])]
            ended = d.on(s.closing.week).isoformat() if s.ending and s.closing else ""
            program.pairs.append(Pair(id=s.id, mentor=s.mentor[0], mentee=s.mentee[0], cohort=cohort.id,
                                      started=d.kickoff.isoformat(), ended=ended, ending=s.ending if ended else ""))
            for session, run, steps in (("expectations", s.expectations, ("side-by-side", "sign")),
                                        ("midpoint", s.midpoint, ("reveal", "revise")),
                                        ("closing", s.closing, ("reveal", "transition"))):
                if run:
                    runs.append((d.moment(run.week, run.at),
                                 _bind(_pair_run, ws, s, session, run, reveal=steps[0], act=steps[1])))
            if s.open_midpoint:
                run = s.open_midpoint
                runs.append((d.moment(run.week, run.at), _bind(_open_run, ws, s, "midpoint", run, at="reflect")))
        if cohort.id == COHORT_ID:
            for meeting in _meetings():
                runs.append((d.moment(meeting.week, meeting.at), _bind(_cohort_run, ws, cohort.id, meeting)))
    ws.save_program(program)
    for when, run_it in sorted(runs, key=lambda r: r[0]):  # in the order they took place
        run_it(_Clock(when))


def _bind(fn: Callable[..., None], *args: Any, **kwargs: Any) -> Callable[[_Clock], None]:
    return lambda clock: fn(*args, clock=clock, **kwargs)


class _Clock:
    """A run's clock: starts when the run began and moves on a few seconds at every reading,
    so its record, entries, notes and agreement version are dated then, the same on every build."""

    STEP = 30.0  # seconds per reading

    def __init__(self, start: datetime):
        self.now = start.timestamp()  # a naive datetime is local time, as the engine writes it

    def __call__(self) -> float:
        self.now += self.STEP
        return self.now


class _Engine(RunEngine):
    """The run engine, writing its record once when the run is closed instead of after every change.

    The demo is built in a staging folder nobody else reads, so the engine's per-change atomic
    writes (two fsyncs each) buy nothing here, and they were most of the build time. The
    record's first save (in `create`) and the agreement versions are written as usual.
    """

    batched = False
    _unsaved = False

    def _save(self) -> None:
        if self.batched:
            self._unsaved = True
        else:
            super()._save()

    def close(self) -> None:
        try:
            if self._unsaved:
                self.batched = self._unsaved = False
                super()._save()
        finally:
            super().close()


def _open(ws: Workspace, session: str, clock: _Clock, **subject: str) -> _Engine:
    engine = _Engine.create(ws, session, clock=clock, **subject)
    engine.batched = True
    return engine


def _pair_run(ws: Workspace, story: _PairStory, session: str, run: _Run, *, reveal: str, act: str,
              clock: _Clock) -> None:
    with _open(ws, session, clock, pair=story.id) as engine:
        engine.answer_many(story.mentee[0], run.mentee, source="app")
        engine.answer_many(story.mentor[0], run.mentor, source="app")
        # shows the separate reflections side by side; whoever left a question blank (the
        # private one, often) has not finished, so the facilitator reveals without them
        engine.jump(reveal, close_missing=True)
        if run.note:
            engine.add_note(run.note)
        for pattern in run.confirmed:
            engine.confirm_pattern(pattern)
        engine.jump(act)
        terms = engine.run_terms()
        for term, why in run.revised.items():
            engine.set_term(term, terms[term], why)  # the mentee's revised text, with the reason beside it
        run_date = date.fromisoformat(engine.record.created[:10])
        for what, who, due, status in run.actions:
            action = engine.add_action(what, who, (run_date + timedelta(days=due)).isoformat())
            if status != action.status:
                engine.set_action_status(len(engine.record.actions) - 1, status)
        engine.jump(len(engine.session.steps) - 1)
        engine.finish()


def _open_run(ws: Workspace, story: _PairStory, session: str, run: _Run, *, at: str, clock: _Clock) -> None:
    with _open(ws, session, clock, pair=story.id) as engine:
        engine.jump(at)
        if run.mentor:
            engine.answer_many(story.mentor[0], run.mentor, source="app")
        if run.mentee:
            engine.answer_many(story.mentee[0], run.mentee, source="app")
        if run.note:
            engine.add_note(run.note)


def _cohort_run(ws: Workspace, cohort: str, meeting: _Meeting, *, clock: _Clock) -> None:
    with _open(ws, "cohort-meeting", clock, cohort=cohort) as engine:
        engine.set_attendance(meeting.present)
        for person, answers in meeting.answers.items():
            engine.answer_many(person, answers, source="app")
        engine.jump("last-commitments")
        for i, commitment in enumerate(engine.record.carried):
            if commitment.person in meeting.statuses:
                engine.set_commitment_status(i, meeting.statuses[commitment.person])
        engine.jump("close")
        if meeting.note:
            engine.add_note(meeting.note)
        engine.finish()
