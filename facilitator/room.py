"""The room's picture of a run: what a projector may show, and nothing else.

`project(engine)` asks the engine's gate (`entries`/`answers_of` for the shared viewer,
`done`, `is_revealed`, the timer's methods) and copies the answers into a small frozen
value. The room view draws only that value, so a widget cannot show a note, a private
answer, an unconfirmed pattern or a reflection before its reveal: it was never given one.

`Follower` finds the run to show and notices when its record changes on disk, so the room
view and the facilitator's app can each restart without the other noticing.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

import msgspec
from pathlib import Path

from facilitator import guests, i18n, model, presentation, trios
from facilitator.decision import Decision, decision
from facilitator.engine import SHARED, PrivacyError, RunEngine
from facilitator.errors import UserError
from facilitator.records import Lock, load_record
from facilitator.workspace import Workspace

WARNING_AT, ALERT_AT = 0.20, 0.05  # of the step's time left: the clock changes colour
RECHOOSE_SECONDS = 2.0


# ---------------------------------------------------------------- the projection


class Clock(msgspec.Struct, frozen=True):
    """The step's timer as measured at `measured_at`; the room ticks it on from there."""

    allowed: float
    elapsed: float
    running: bool
    measured_at: float

    def remaining(self, now: float) -> float:
        """Seconds left; negative once the step overruns."""
        return self.allowed - self.elapsed - (now - self.measured_at if self.running else 0.0)

    def state(self, now: float) -> str:
        return timer_state(self.remaining(now), self.allowed)


def timer_state(left: float, allowed: float) -> str:
    """normal, warning (20% left), alert (5% left) or overrun: the colour the clock shows."""
    if left < 0:
        return "overrun"
    if allowed and left <= ALERT_AT * allowed:
        return "alert"
    if allowed and left <= WARNING_AT * allowed:
        return "warning"
    return "normal"


class Progress(msgspec.Struct, frozen=True):
    """Whether one person has finished the step's questions: never what they wrote."""

    name: str
    role: str
    done: bool


class RevealRow(msgspec.Struct, frozen=True):
    code: str
    text: str
    cells: tuple[str, ...]  # one per column of `Reveal.people`; "" where the question was not theirs
    gap: int | None
    in_full: bool  # free text: drawn as each person's words below the short items


class Reveal(msgspec.Struct, frozen=True):
    people: tuple[str, ...]
    rows: tuple[RevealRow, ...]


class Roleplay(msgspec.Struct, frozen=True):
    round: int
    swap: bool
    situation_title: str
    situation: str
    checklists: tuple[tuple[str, tuple[str, ...]], ...]  # (role name, items): what an observer watches for
    rounds: int = 1
    forming: bool = False  # the trios are being formed: this is who starts where
    roles: tuple[str, ...] = ()  # role names, in the session's order
    cast: tuple[tuple[str, ...], ...] = ()  # per trio, who plays each of `roles` this round (names)
    moves: tuple[tuple[str, str], ...] = ()  # (from role, to role) as everyone moves on, by name


class Round(msgspec.Struct, frozen=True):
    """A round: who speaks (or which part of a consult runs), in order, and whose turn it is.

    The turn's clock runs with the step's, so the turn ends when the step's clock reads `ends_at`."""

    speaker_minutes: int
    speakers: tuple[str, ...]  # the names of those here, or the parts' titles
    current: int | None = None  # None once everyone has had their turn
    clock: Clock | None = None  # the current turn's own
    ends_at: float = 0.0  # seconds left on the step's clock when the current turn's time is up
    minutes: tuple[float, ...] = ()  # each turn's length
    parts: bool = False  # a round of timed parts (a Troika), not of speakers
    say: str = ""  # what the current part asks of the room
    absent: tuple[str, ...] = ()


class RoomView(msgspec.Struct, frozen=True):
    run: str
    session_title: str
    subject: str
    agenda: tuple[tuple[str, int], ...]  # (title, minutes) of every step
    step_index: int
    step_title: str
    step_type: str
    script: str  # the step's `say`, reflowed as prose
    prompts: tuple[str, ...]
    clock: Clock
    progress: tuple[Progress, ...] = ()
    reveal: Reveal | None = None
    patterns: tuple[str, ...] = ()  # names of the confirmed patterns
    roleplay: Roleplay | None = None
    round: Round | None = None
    finished: bool = False
    decision: Decision | None = None  # a continuation's choices, once revealed (facilitator.decision)
    presence: str = ""  # who is in the room for the step, when the session says (facilitator.guests)
    language: str = "en"  # the room's words: the session's language, else the setting (as its paper)

    @property
    def step_count(self) -> int:
        return len(self.agenda)

    @property
    def next_title(self) -> str:
        return self.agenda[self.step_index + 1][0] if self.step_index + 1 < len(self.agenda) else ""


def project(engine: RunEngine, pattern_names: Callable[[str], str] = str) -> RoomView:
    """The room-safe picture of the run as it stands; `pattern_names` names a pattern by its id.
    Its words (a banner, a default title) are in the room's language, as its paper's are."""
    language = i18n.choose(engine.session.language, engine.workspace.root)
    with i18n.using(language):
        return _project(engine, pattern_names, language)


def _project(engine: RunEngine, pattern_names: Callable[[str], str], language: str) -> RoomView:
    session, record = engine.session, engine.record
    step = engine.quoted_session().steps[engine.step_index]  # names and terms quoted where the text says so
    program = engine.workspace.program()
    reveal = _reveal(engine, step, program) if isinstance(step, model.RevealStep) else None
    return RoomView(
        run=record.id,
        session_title=session.title,
        subject=presentation.subject(program, record),
        agenda=tuple((s.title, s.minutes) for s in session.steps),
        step_index=engine.step_index,
        step_title=step.title,
        step_type=model.step_type(step),
        script=reflow(step.say),
        prompts=tuple(getattr(step, "prompts", ())),
        clock=Clock(engine.allowed(), engine.elapsed(), engine.running(), engine.clock()),
        progress=_progress(engine, step, program),
        reveal=reveal,
        patterns=tuple(pattern_names(p) for p in record.patterns.confirmed) if reveal and reveal.rows else (),
        roleplay=_roleplay(engine, step, program) if isinstance(step, (model.RoleplayStep, model.TriosStep))
        else None,
        round=_round(engine, step, program) if isinstance(step, model.RoundRobinStep) else None,
        finished=record.is_finished,
        decision=decision(engine, step) if isinstance(step, model.ContinuationStep) else None,
        presence=guests.presence_line(session, engine.step_index),
        language=language,
    )


def _progress(engine: RunEngine, step: model.Step, program) -> tuple[Progress, ...]:
    if not getattr(step, "questions", None):
        return ()
    if engine.session.kind == "roleplay" and engine.record.trios:  # the role played this round, by who plays it
        return tuple(Progress(program.name_of(p), _role_name(engine.session, engine.played_role(p)), engine.done(p))
                     for p in engine.asked(step.id))
    asked = {role for q in step.questions for role in engine.session.answering_roles(step, q)}
    here = set(engine.present())  # someone marked absent is writing nothing today
    return tuple(Progress(program.name_of(p.person), _role_name(engine.session, p.role), engine.done(p.person))
                 for p in engine.record.participants
                 if p.person in here and (p.role in asked or engine.session.kind == "roleplay"))


def _role_name(session: model.Session, role: str) -> str:
    try:
        return session.role(role).name
    except StopIteration:
        return role


def _reveal(engine: RunEngine, step: model.RevealStep, program) -> Reveal:
    session, people = engine.quoted_session(), engine.record.participants  # items as the sheets read them
    visible = []
    revealed = [ref for ref in step.reveals if engine.is_revealed(ref)]
    for p in people:
        try:
            visible += engine.answers_of(p.person, SHARED, steps=revealed)
        except PrivacyError:  # not revealed yet: nothing of theirs is in the picture
            pass
    rows = []
    for ref in revealed:
        source = next((s for s in session.steps if s.id == ref), None)
        if source is None or not engine.is_revealed(ref):
            continue
        for q in getattr(source, "questions", ()):
            if q.private:
                continue
            answers = presentation.answers_by_person(session, source, q, people, visible, program)
            rows.append(RevealRow(q.code, q.text, tuple(presentation.side_by_side(q, a) for a in answers),
                                  presentation.rating_gap(q, [a.value for a in answers]),
                                  isinstance(q, (model.TextQuestion, model.ListQuestion, model.TableQuestion))))
    return Reveal(tuple(program.name_of(p.person) for p in people), tuple(rows))


def _roleplay(engine: RunEngine, step: model.RoleplayStep | model.TriosStep, program) -> Roleplay:
    """The situation, the round, and who plays what in every trio: what each trio looks up to find its seat."""
    session, scenario = engine.session, engine.session.scenario
    forming = isinstance(step, model.TriosStep)
    round_no = engine.step_round(step.id)
    cast = tuple(tuple(", ".join(program.name_of(p) for p in engine.cast(i, step.id)[r.id]) for r in session.roles)
                 for i in range(1, len(engine.record.trios) + 1))
    name = {r.id: r.name for r in session.roles}
    return Roleplay(round_no, bool(getattr(step, "swap", False)),
                    (scenario.title or i18n.gettext("The situation")) if scenario else "",
                    reflow(scenario.situation) if scenario else "",
                    tuple((r.name, tuple(r.checklist)) for r in session.roles if r.checklist),
                    rounds=len(trios.rounds(session)), forming=forming, roles=tuple(r.name for r in session.roles),
                    cast=cast, moves=tuple((name[a], name[b]) for a, b in trios.moves(session)))


def _quoted(engine: RunEngine, text: str) -> str:
    return engine.quoter().quote(text) if "{" in text else text  # drawn every second: the agreement read only if asked


def _round(engine: RunEngine, step: model.RoundRobinStep, program) -> Round:
    floor = engine.floor(step.id)
    turn = floor.turn
    here = engine.present()
    return Round(step.speaker_minutes,
                 tuple(t.part.title if t.part else program.name_of(t.key) for t in floor.turns),
                 current=floor.current,
                 clock=Clock(turn.seconds, floor.elapsed, floor.running, engine.clock()) if turn else None,
                 ends_at=floor.ends_at, minutes=tuple(t.seconds / 60 for t in floor.turns), parts=floor.by_parts,
                 say=_quoted(engine, turn.part.say) if turn and turn.part else "",
                 absent=tuple(program.name_of(p.person) for p in engine.record.participants if p.person not in here))


def reflow(text: str) -> str:
    """A script as prose: a paragraph's hard line breaks joined; blank lines and "- " bullets kept."""
    paragraphs = []
    for block in text.strip().split("\n\n"):
        lines: list[str] = []
        for raw in block.splitlines():
            line = raw.strip()
            if not line:
                continue
            if line.startswith(("- ", "* ")) or not lines:
                lines.append(line)
            else:
                lines[-1] += " " + line
        if lines:
            paragraphs.append("\n".join(lines))
    return "\n\n".join(paragraphs)


# ---------------------------------------------------------------- following a run on disk


@dataclass
class Follower:
    """Which run the room shows, and its picture, read again only when its file changes.

    Given a run, that run. Without one, the run open in an app (its lock held by a live
    process; the newest if several; finished too, so the room says thank you), else the newest
    unfinished run. Read-only: it never takes the lock, so the facilitator's app opens and
    closes the run as it likes.
    """

    workspace: Workspace
    run_id: str | None = None
    clock: Callable[[], float] = time.time
    view: RoomView | None = None
    problem: str = ""  # why there is no picture (no run yet, an unreadable record)
    _seen: tuple = ()
    _names: dict[str, str] | None = None
    _choice: tuple[tuple, str | None] = ((), None)

    def poll(self) -> bool:
        """Look at the disk; True when the picture (or the problem) changed."""
        run_id = self.run_id or self._following()
        if run_id is None:
            return self._set(None, self._waiting(), ("none",))
        path = self.workspace.record_file(run_id)
        try:
            stat = path.stat()
        except OSError:
            return self._set(None, i18n.gettext("waiting for run %(run)s") % {"run": run_id}, ("missing", run_id))
        seen = (run_id, stat.st_ino, stat.st_mtime_ns, stat.st_size)
        if seen == self._seen:
            return False
        try:
            engine = RunEngine.open(self.workspace, run_id, clock=self.clock, lock=False)
            view = project(engine, self._pattern_name)
        except (UserError, OSError):  # the last picture stays up; the next change is read again
            # never the error's own words: a damaged record's message may quote an answer
            return self._set(self.view, i18n.gettext("run %(run)s cannot be read just now; the facilitator's screen"
                                                     " says why") % {"run": run_id}, seen)
        return self._set(view, "", seen)

    def _waiting(self) -> str:
        """Which workspace the room watches, and how to watch the demo's if that is the one meant."""
        from facilitator.demo import demo_root

        root = self.workspace.root
        if root.resolve() == demo_root().resolve():
            return i18n.gettext("waiting for a run of the demo program (%(folder)s): open one in the app"
                                " (`facilitator --demo`)") % {"folder": root}
        return i18n.gettext("waiting for a run in %(folder)s: open one in the app (`facilitator`); to follow the demo"
                            " opened with `facilitator --demo`, run `facilitator present --demo`") % {"folder": root}

    def _set(self, view: RoomView | None, problem: str, seen: tuple) -> bool:
        changed = (view, problem) != (self.view, self.problem)
        self.view, self.problem, self._seen = view, problem, seen
        return changed

    def _following(self) -> str | None:
        """The run to follow, chosen again when the records folder changes (a run saved, opened or
        closed) and every few seconds (an app that died leaves its lock behind, unchanged)."""
        try:
            key: tuple = (self.workspace.records_dir.stat().st_mtime_ns, int(time.monotonic() / RECHOOSE_SECONDS))
        except OSError:
            return None
        if key != self._choice[0]:
            self._choice = (key, self._chosen())
        return self._choice[1]

    def _chosen(self) -> str | None:
        records = self.workspace.records_dir
        held = ((_held_since(lock), lock.stem) for lock in records.glob("*.lock"))
        # a lock left by an app that died has no holder: never compared with a live one's time
        # finished or not: a run the app has open is the one on the facilitator's screen (its thank-you too)
        for _, run_id in sorted(((since, run_id) for since, run_id in held if since is not None), reverse=True):
            if self.workspace.record_file(run_id).exists():
                return run_id
        newest = sorted(records.glob("*.toml"), key=_mtime, reverse=True)
        return next((path.stem for path in newest if _unfinished(path)), None)

    def _pattern_name(self, pattern_id: str) -> str:
        if self._names is None:
            try:
                from facilitator.patterns import load_patterns

                self._names = {p.id: p.name for p in load_patterns(self.workspace.root).values()}
            except UserError:
                self._names = {}
        return self._names.get(pattern_id, pattern_id)


def _held_since(lock_file: Path) -> str | None:
    """When an app opened the run, if a live process holds its lock; None otherwise."""
    from facilitator.records import Holder

    holder = Lock(lock_file.with_suffix(".toml")).holder()
    return holder.since if isinstance(holder, Holder) else None


def _unfinished(path: Path) -> bool:
    try:
        return not load_record(path).is_finished
    except (OSError, UserError):
        return False


def _mtime(path: Path) -> int:
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return 0
