"""The run engine: a plain state machine over one delivered session.

It moves through steps, keeps timer state, records entries per person per question, and
decides what each viewer may see. Every change is saved at once (atomically), so the
app, the command line and a crash all see the same record.

A reflection's answers are hidden until its reveal, and the reveal seals it: it happens
only once everyone asked has finished, or when the facilitator closes it for whoever has
not. From then on its answers change only as late ones, marked as such. A continuation step
is sealed the same way and reveals itself, on its own step, once everyone asked has chosen.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from typing import Any

from facilitator import commitments, model, presentation, trios
from facilitator import guests as guest_rules
from facilitator.agreements import (Term, Version, from_answer, is_blank, load_agreement, merged_terms, next_version,
                                   shaped, term_questions)
from facilitator.casting import Casting
from facilitator.errors import UserError
from facilitator.i18n import gettext
from facilitator.model import Session
from facilitator.presentation import answer_text, session_sort_key
from facilitator.records import (
    Action,
    Commitment,
    Entry,
    HandIn,
    Lock,
    Participant,
    Record,
    SaveFailed,
    Sealing,
    Timer,
    Trio,
    epoch_of,
    now_iso,
    save_record,
)
from facilitator.validation import did_you_mean
from facilitator.values import BadValue, check_value
from facilitator.viewers import (  # noqa: F401  (the names callers import from the engine)
    FACILITATOR,
    ROOM,
    SHARED,
    FacilitatorViewer,
    PersonViewer,
    RoomViewer,
    Viewer,
)
from facilitator.viewers import checked as _viewer
from facilitator.workspace import Workspace

ACTION_STATUSES = ("open", "done", "dropped")


class PrivacyError(UserError):
    """A participant view asked for what it may not see yet."""


class RunFinished(UserError):
    pass


class Sealed(UserError):
    """An answer for a step already revealed, not marked late."""


class RunEngine(Casting):
    def __init__(self, workspace: Workspace, session: Session, record: Record, lock: Lock | None,
                 clock: Callable[[], float] = time.time):
        self.workspace = workspace
        self.session = session
        self.record = record
        self.lock = lock
        self.path = workspace.record_file(record.id)  # the file opened (and locked): every save goes here
        self.clock = clock
        self._step_of = {q.code: s for s, q in session.questions()}
        self._question_of = {q.code: q for _, q in session.questions()}  # may_see runs per entry per draw
        self._named_by_reveals = {ref for s in session.steps if isinstance(s, model.RevealStep) for ref in s.reveals}
        self._reveal_chosen_before_sealing()

    # ------------------------------------------------------------ opening

    @classmethod
    def create(cls, workspace: Workspace, session_id: str, *, pair: str | None = None, cohort: str | None = None,
               pairs: list[str] | None = None, clock: Callable[[], float] = time.time,
               guests: dict[str, str] | None = None) -> "RunEngine":
        session = workspace.library.get(session_id)
        program = workspace.program()
        participants: list[Participant] = []
        subject = ""
        seated: list[Participant] = []
        guest_rules.check(session, guests or {}, one_pair=bool(pair))
        if pair:
            p = program.pair(pair)
            _check_roles_fit(session, [Participant(person=p.mentor, role="mentor"),
                                       Participant(person=p.mentee, role="mentee")])  # before a guest is added
            seated = guest_rules.seat(workspace, session, p, guests or {})
            participants = [Participant(person=p.mentor, role="mentor"), Participant(person=p.mentee, role="mentee"),
                            *seated]
            subject = pair
        elif cohort:
            program.cohort(cohort)
            participants = [Participant(person=m, role="mentor") for m in program.cohort_mentors(cohort)]
            if not participants:
                raise UserError(gettext("cohort `%(cohort)s` has no pairs yet; add one with `facilitator "
                                        "pair add`") % {"cohort": cohort})
            subject = cohort
        elif pairs:
            for pid in pairs:
                p = program.pair(pid)
                participants += [Participant(person=p.mentor, role="mentor"),
                                 Participant(person=p.mentee, role="mentee")]
            subject = "workshop"
        else:
            raise UserError(gettext("say who the run is for: --pair ID or --cohort ID"))
        _check_roles_fit(session, participants)
        stamp = now_iso(clock())
        run_id = _new_run_id(workspace, f"{stamp[:10]}-{session.id}-{subject}")
        record = Record(
            id=run_id, session=session.id, session_title=session.title, kind=session.kind,
            pair=pair or "", cohort=cohort or "", pairs=list(pairs or []),
            created=stamp, updated=stamp, participants=participants,
            guests=guest_rules.names(workspace, seated),
        )
        if cohort:
            record.carried = commitments.carried_into(workspace, cohort)
        if session.kind == "roleplay":  # dealt at once, so every round knows its cast; shuffled again at will
            record.trio_seed = int(clock() * 1000) % 1_000_000
            record.trios = [Trio(people=g) for g in trios.deal([p.person for p in participants], record.trio_seed)]
        path = workspace.record_file(run_id)
        lock = Lock(path)
        lock.acquire()
        engine = cls(workspace, session, record, lock, clock)
        try:
            engine._save()
        except BaseException:
            lock.release()
            raise
        return engine

    @classmethod
    def open(cls, workspace: Workspace, run_id: str, *, clock: Callable[[], float] = time.time,
             lock: bool = True) -> "RunEngine":
        """Open a run; `lock=False` reads it without taking its lock (and never writes it)."""
        record = workspace.load_run(run_id)  # a damaged record, or one not its file's, stops here
        session = workspace.library.get(record.session, needed_by=workspace.record_file(run_id))
        held = None
        if lock:
            held = Lock(workspace.record_file(run_id))
            held.acquire()
            try:
                record = workspace.load_run(run_id)  # the newest, now that we hold it
            except BaseException:
                held.release()
                raise
        engine = cls(workspace, session, record, held, clock)
        if held or not Lock(engine.path).is_live():
            engine._stop_clock_left_running()
        return engine

    def close(self) -> None:
        """Let go of the run; its clock stops with it (it counts only while a run is open)."""
        if self.lock and self.lock.held and not self.record.is_finished and self._pause_running():
            try:
                self._save()
            except UserError:
                pass  # the clock stays running on disk; the next open stops it at the last save
        if self.lock:
            self.lock.release()

    def __enter__(self) -> "RunEngine":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _save(self) -> None:
        path = self.path
        try:
            save_record(path, self.record, self.now())
        except SaveFailed:
            if path.exists():  # what is on screen must match what is on disk: undo the unsaved change
                self.record = self.workspace.checked_record(path)
            raise

    def now(self) -> str:
        """Timestamps come from the engine's clock, so a test (or a snapshot) can fix time."""
        return now_iso(self.clock())

    def _change(self) -> None:
        if self.record.is_finished:
            raise RunFinished(f"run {self.record.id} is finished; it can be read and printed, not changed")

    # ------------------------------------------------------------ steps

    @property
    def step(self) -> model.Step:
        return self.session.steps[self.record.step]

    @property
    def step_index(self) -> int:
        return self.record.step

    def next(self) -> model.Step:
        return self.jump(min(self.record.step + 1, len(self.session.steps) - 1))

    def back(self) -> model.Step:
        return self.jump(max(self.record.step - 1, 0))

    def jump(self, target: int | str, *, close_missing: bool = False) -> model.Step:
        """Move to a step. Onto a reveal step, it reveals what everyone has finished; with
        `close_missing`, the rest too, closed for whoever had not (see `reveal`)."""
        self._change()
        target = self.index_of(target)
        if target != self.record.step:
            self._pause_running()
            self.record.step = target
            self._reveal(self.step, close_missing)
            self._mark_seen()
            self._save()
        return self.step

    def index_of(self, target: int | str) -> int:
        """A step's index, from its index or its id; a step that does not exist is refused."""
        if isinstance(target, str):
            ids = [s.id for s in self.session.steps]
            if target not in ids:
                raise UserError(gettext("no step `%(target)s`%(hint)s")
                        % {"target": target, "hint": did_you_mean(target, ids)})
            target = ids.index(target)
        if not 0 <= target < len(self.session.steps):
            raise UserError(gettext("step %(target)s does not exist; this session has %(count)s")
                    % {"target": target + 1, "count": len(self.session.steps)})
        return target

    def _step(self, step: int | str | None) -> model.Step:
        """A step by index or id; None: the current one."""
        return self.step if step is None else self.session.steps[self.index_of(step)]

    # ------------------------------------------------------------ timer

    def _timer(self, step_id: str | None = None, create: bool = False) -> Timer | None:
        step_id = step_id or self.step.id
        for t in self.record.timers:
            if t.step == step_id:
                return t
        if create:
            t = Timer(step=step_id)
            self.record.timers.append(t)
            return t
        return None

    def elapsed(self, step_id: str | None = None) -> float:
        t = self._timer(step_id)
        if t is None:
            return 0.0
        return t.elapsed + (self.clock() - t.running_since if t.running_since else 0.0)

    def allowed(self, step_id: str | None = None) -> float:
        step = self._step(step_id)
        t = self._timer(step.id)
        return 60.0 * (step.minutes + (t.extra_minutes if t else 0))

    def remaining(self, step_id: str | None = None) -> float:
        """Seconds left in the step; negative once it overruns."""
        return self.allowed(step_id) - self.elapsed(step_id)

    def running(self) -> bool:
        t = self._timer()
        return bool(t and t.running_since)

    def start_timer(self) -> None:
        self._change()
        t = self._timer(create=True)
        if not t.running_since:
            t.running_since = self.clock()
            self._save()

    def pause_timer(self) -> None:
        self._change()
        if self._pause_running():
            self._save()

    def toggle_timer(self) -> None:
        self.pause_timer() if self.running() else self.start_timer()

    def _pause_running(self) -> bool:
        t = self._timer()
        if t and t.running_since:
            t.elapsed += max(0.0, self.clock() - t.running_since)  # a clock set back counts nothing
            t.running_since = 0.0
            return True
        return False

    def _stop_clock_left_running(self) -> None:
        """A clock found running with nobody holding the run was left by an app that was
        killed (closing stops it): it stops at the record's last save, the last moment the
        run is known to have been open. Nothing is written: the next change saves it, and
        until then every open works it out the same way from the same file."""
        last = epoch_of(self.record.updated)
        for t in self.record.timers:
            if t.running_since:
                t.elapsed += max(0.0, (last or t.running_since) - t.running_since)
                t.running_since = 0.0

    def extend_timer(self, minutes: int = 1) -> None:
        self._change()
        t = self._timer(create=True)
        t.extra_minutes = max(t.extra_minutes + minutes, -self.step.minutes)
        self._save()

    def reset_timer(self) -> None:
        self._change()
        t = self._timer(create=True)
        t.elapsed, t.running_since, t.extra_minutes = 0.0, 0.0, 0
        self._save()

    # ------------------------------------------------------------ answers

    def participant(self, person: str) -> Participant:
        for p in self.record.participants:
            if p.person == person:
                return p
        known = [p.person for p in self.record.participants]
        raise UserError(gettext("`%(person)s` does not take part in run %(id)s%(hint)s; people: %(known)s")
                % {"person": person, "id": self.record.id, "hint": did_you_mean(person, known), "known": ', '.join(known)})

    def people_with_role(self, role: str) -> list[str]:
        return [p.person for p in self.record.participants if p.role == role]

    def question(self, code: str) -> tuple[model.Step, model.Question]:
        q = self.session.question(code)
        if q is None:
            codes = [q.code for _, q in self.session.questions()]
            raise BadValue(f"unknown code `{code}`{did_you_mean(code, codes)} (not in session {self.session.id})")
        return self._step_of[code], q

    def validate_answer(self, person: str, code: str, value: Any) -> Any:
        """The normalised value (None = not answered) or BadValue naming the code."""
        step, q = self.question(code)
        try:
            self.answer_role(person, code)
        except BadValue:
            if self._cast_by_trios() and check_value(q, value) is None:
                return None  # a blank on a sheet for a role they do not play this round: nothing to store
            raise
        try:
            return check_value(q, value)
        except BadValue as exc:
            raise BadValue(f"{code}: {exc}") from None

    def answer_role(self, person: str, code: str) -> str:
        """The role `person` answers `code` in; in a role-play, whoever plays the role asked."""
        role = self.participant(person).role
        step, q = self.question(code)
        roles = self.session.answering_roles(step, q)
        if self._cast_by_trios():
            return self._played_for(person, step, code, roles)
        if role in roles:
            return role
        if self.session.kind == "roleplay":
            return roles[0]
        name = self.session.role_word(role)
        if not self.session.is_present(step, role):
            raise BadValue(f"{code}: asked in “{step.title}”, where the {name} is not in the room")
        raise BadValue(f"{code}: not on the {name}'s sheet")

    def answer(self, person: str, code: str, value: Any, source: str = "app", *, late: bool = False) -> Any:
        self._change()
        code = self.current_code(person, code)
        value = self.validate_answer(person, code, value)
        self._store(person, {code: value}, source, late)
        return value

    def current_code(self, person: str, code: str) -> str:
        """`code` as the session numbers it now: an old printed sheet's code is its question's new one."""
        role = None if self.session.kind == "roleplay" else self.participant(person).role
        return self.session.current_code(code, role)

    def answer_many(self, person: str, values: dict[str, Any], source: str, late: bool = False) -> None:
        """Set several answers in one save (an imported sheet); validated first, all or nothing.

        For a step already revealed, a new or changed answer is refused unless `late`; then it
        is stored marked late. An answer it already holds is left as it was. A saved sheet is
        handed in (`handed_in`): each step it holds answers for is finished, blanks and all.
        """
        self._change()
        renamed = {self.current_code(person, code): v for code, v in values.items() if code not in self._step_of}
        values = renamed | {code: v for code, v in values.items() if code in self._step_of}  # the new code wins
        # an answer it holds comes back as it is, though written before its question changed type
        checked = {code: v if v is not None and v == self.own_answer(person, code) else self.validate_answer(person, code, v)
                   for code, v in values.items()}
        self._store(person, checked, source, late, hand_in=True)

    def _store(self, person: str, checked: dict[str, Any], source: str, late: bool, hand_in: bool = False) -> None:
        after_reveal = {code: value for code, value in checked.items() if self.sealing(self._asked_in(code))}
        changed = [code for code, value in after_reveal.items() if value != self.own_answer(person, code)]
        if changed and not late:
            raise Sealed(self._sealed_message(changed))
        for code, value in checked.items():
            if code not in after_reveal or code in changed:
                self._put(person, code, value, source, late=code in changed)
        if hand_in:  # before a continuation looks at who is done
            self._hand_in(person, checked)
        self._reveal_chosen({self._asked_in(code) for code in checked})
        self._save()

    def _sealed_message(self, codes: list[str]) -> str:
        step = self._step_of[codes[0]]
        at = self.sealing(step.id).at
        when = f" on {at[:10]} at {at[11:16]}" if at else ""
        return (f"{', '.join(codes)}: “{step.title}” was revealed{when} and takes no new or changed answers;"
                f" use --late to enter them as late (marked “entered after the reveal”)")

    def _put(self, person: str, code: str, value: Any, source: str, late: bool = False) -> None:
        role = self.answer_role(person, code) if value is not None else ""  # a blank needs no role to be cleared
        self.record.entries = [e for e in self.record.entries if not (e.person == person and e.code == code)]
        if value is not None:
            self.record.entries.append(Entry(person=person, role=role, code=code, value=value, at=self.now(),
                                             source=source, late=late))

    def _hand_in(self, person: str, codes: Iterable[str]) -> None:
        """The steps a saved sheet held codes of are handed in, once one of their boxes is answered:
        a box left blank on purpose ("leave blank if...") no longer keeps its writer "still writing".
        A whole-session paper sheet's section left wholly blank is a step not reached, not handed in."""
        answered = {e.code for e in self.own_answers(person)}
        for step_id in dict.fromkeys(self._asked_in(code) for code in codes):
            if step_id is None or self.handed_in(person, step_id):
                continue
            if any(code in answered for code in self._codes_for(person, self._step(step_id))):
                self.record.handed_in.append(HandIn(step=step_id, person=person, at=self.now()))

    def handed_in(self, person: str, step_id: str) -> bool:
        """Has `person` saved their sheet for the step (app or import)?"""
        return any(h.step == step_id and h.person == person for h in self.record.handed_in)

    def own_answer(self, person: str, code: str) -> Any:
        """What `person` answered to `code`, as they themselves see it (the sheet behind the curtain)."""
        return next((e.value for e in self.own_answers(person) if e.code == code), None)

    def own_answers(self, person: str) -> list[Entry]:
        return self.answers_of(person, PersonViewer(person))

    def codes_for(self, person: str, step: int | str | model.Step | None = None) -> list[str]:
        """The codes `person` is asked at a step (default: this one): what their own sheet shows.
        In a role-play not yet cast into trios anyone may write any part; once cast, only the part played."""
        step = step if isinstance(step, model.Step) else self._step(step)
        if self.session.kind == "roleplay" and not self._cast_by_trios():
            return [q.code for q in getattr(step, "questions", [])]
        return self._codes_for(person, step)

    # ------------------------------------------------------------ sealing

    def hidden_until_reveal(self, step: model.Step) -> bool:
        """Are the step's answers kept from others until a reveal step reveals it?"""
        return isinstance(step, (model.ReflectionStep, model.ContinuationStep)) or step.id in self._named_by_reveals

    def asked(self, step_id: str) -> list[str]:
        """The people the step asks something of, in the run's order."""
        step = self._step(step_id)
        return [p.person for p in self.record.participants if self._codes_for(p.person, step)]

    def still_writing(self, step_id: str) -> list[str]:
        """Who the step asks and has not finished; nobody once it is revealed."""
        if self.is_revealed(step_id):
            return []
        return [person for person in self.asked(step_id) if not self.done(person, step_id)]

    def waiting_for(self, reveal_step: int | str | None = None) -> list[str]:
        """Who has not finished a step the reveal step (default: this one) would reveal."""
        step = self._step(reveal_step)
        if not isinstance(step, model.RevealStep):
            return []
        return list(dict.fromkeys(person for ref in step.reveals for person in self.still_writing(ref)))

    def sealing(self, step_id: str | None) -> Sealing | None:
        """When the step was revealed (and for whom closed); None while it is open."""
        if step_id is None or not self.is_revealed(step_id):
            return None
        # a record from before sealings were kept was revealed, at a time nobody wrote down
        return next((s for s in self.record.sealed if s.step == step_id), Sealing(step=step_id, at=""))

    def reveal(self, *, close_missing: bool = False) -> list[str]:
        """Reveal what this reveal step names and everyone has finished; with `close_missing`,
        the rest too, closed for whoever had not (named and timed in the record).
        Returns who is still writing in what stays hidden."""
        self._change()
        if self._reveal(self.step, close_missing):
            self._save()
        return self.waiting_for()

    def _reveal(self, step: model.Step, close_missing: bool) -> bool:
        revealed = False
        refs = step.reveals if isinstance(step, model.RevealStep) else \
            [step.id] if isinstance(step, model.ContinuationStep) else []  # a continuation reveals itself
        for ref in refs:
            missing = self.still_writing(ref)
            if self.is_revealed(ref) or (missing and not close_missing):
                continue
            self.record.revealed.append(ref)
            self.record.sealed.append(Sealing(step=ref, at=self.now(), closed_for=missing,
                                              seen=self.now() if ref == self.step.id else ""))
            revealed = True
        return revealed

    # ------------------------------------------------------------ continuation
    #
    # Each party chooses how to go on alone, and nobody sees a choice before both have
    # made one, so neither anchors the other. The choices then show on the step itself;
    # a choice that came in while the run was elsewhere is "unseen" until the run's
    # screen is back on that step, and finishing asks about it first.

    def _reveal_chosen(self, step_ids: set[str | None]) -> None:
        """A continuation the run has reached reveals itself the moment the last party has chosen."""
        for step_id in step_ids:
            if step_id is not None and self.index_of(step_id) <= self.record.step:
                step = self._step(step_id)
                if isinstance(step, model.ContinuationStep):
                    self._reveal(step, close_missing=False)

    def _reveal_chosen_before_sealing(self) -> None:
        """A record from before continuations were sealed holds choices made and shown in the
        room: reached and made by everyone, they count as revealed (when, nobody wrote down)."""
        for i, step in enumerate(self.session.steps):
            if isinstance(step, model.ContinuationStep) and (i <= self.record.step or self.record.is_finished) \
                    and not self.is_revealed(step.id) and self.asked(step.id) and not self.still_writing(step.id):
                self.record.revealed.append(step.id)
                self.record.sealed.append(Sealing(step=step.id, at="", seen=self.record.updated))

    def _mark_seen(self) -> None:
        sealing = self.sealing(self.step.id) if isinstance(self.step, model.ContinuationStep) else None
        if sealing is not None and not sealing.seen and sealing in self.record.sealed:
            sealing.seen = self.now()

    def unseen_choices(self) -> list[tuple[model.ContinuationStep, list[str]]]:
        """Continuation steps whose choices have not been on the run's screen yet, each with
        who has not chosen (nobody, when the choices came in while the run was elsewhere)."""
        unseen = []
        for step in self.session.steps:
            if isinstance(step, model.ContinuationStep) and self.asked(step.id):
                sealing = self.sealing(step.id)
                if sealing is None or not sealing.seen:
                    unseen.append((step, self.still_writing(step.id)))
        return unseen

    # ------------------------------------------------------------ visibility
    #
    # Every read of answers goes through `entries(viewer)`, and every read of one person's
    # answers through `answers_of`: the app, printing and the tests ask the same gate.

    def is_revealed(self, step_id: str) -> bool:
        return step_id in self.record.revealed

    def may_see(self, viewer: Viewer, entry: Entry) -> bool:
        """The privacy rule, in one place: who may see which entry, when."""
        if _viewer(viewer).sees_all_of(entry.person):
            return True
        step, q = self._step_of.get(entry.code), self._question_of.get(entry.code)
        if q is None or q.private:
            return False
        if self.hidden_until_reveal(step):
            return self.is_revealed(step.id)
        return True

    def entries(self, viewer: Viewer) -> list[Entry]:
        """Every entry `viewer` may see: FACILITATOR, ROOM, or PersonViewer(person)."""
        return [e for e in self.record.entries if self.may_see(viewer, e)]

    def answers_of(self, person: str, viewer: Viewer, steps: Iterable[str] | None = None) -> list[Entry]:
        """One person's answers as `viewer` sees them; with `steps`, only those asked in these steps.

        Refused while a reflection of theirs (among `steps`) is hidden from the viewer: a
        screen that asks too early fails loudly instead of showing a partial picture.
        """
        scope = None if steps is None else set(steps)
        hidden = None if _viewer(viewer).sees_all_of(person) else self._hidden_step_for(person, scope)
        if hidden is not None:
            after = "once everyone asked has chosen" if isinstance(hidden, model.ContinuationStep) \
                else "at its reveal"
            raise PrivacyError(f"{self.workspace.program().name_of(person)}'s answers to “{hidden.title}” are not"
                               f" revealed yet; they show {after}")
        return [e for e in self.entries(viewer)
                if e.person == person and (scope is None or self._asked_in(e.code) in scope)]

    def _asked_in(self, code: str) -> str | None:
        step = self._step_of.get(code)
        return step.id if step else None

    def _hidden_step_for(self, person: str, scope: set[str] | None = None) -> model.Step | None:
        """The first step (among `scope`) still hiding what `person` was asked in it."""
        return next((s for s in self.session.steps if self.hidden_until_reveal(s) and (scope is None or s.id in scope)
                     and not self.is_revealed(s.id) and self._codes_for(person, s)), None)

    def _codes_for(self, person: str, step: model.Step) -> list[str]:
        role = self.played_role(person, step) if self._cast_by_trios() else self.participant(person).role
        return [q.code for q in getattr(step, "questions", []) if role in self.session.answering_roles(step, q)]

    def done(self, person: str, step_id: str | None = None) -> bool:
        """Has `person` answered everything asked of them in the step, or handed in its sheet?
        Safe to show anyone. In a continuation, having chosen is done (a reason beside the choice
        may stay blank), and only that: a sheet handed in without a choice decides nothing."""
        step = self._step(step_id)
        codes = self._codes_for(person, step)
        if isinstance(step, model.ContinuationStep):
            codes = [c for c in codes if isinstance(self._question_of[c], model.ChoiceQuestion)] or codes
        elif codes and self.handed_in(person, step.id):
            return True
        answered = {e.code for e in self.own_answers(person)}
        return bool(codes) and all(c in answered for c in codes)

    # ------------------------------------------------------------ agreement

    def set_term(self, term: str, value: Term, why: str = "") -> None:
        """The facilitator's wording of a term: text, or a list or table in its question's shape."""
        self._change()
        value = shaped(self.term_questions().get(term), value.strip() if isinstance(value, str) else value)
        if is_blank(value):
            self.record.terms.pop(term, None)
        else:
            self.record.terms[term] = value
        if why.strip():
            self.record.term_reasons[term] = why.strip()
        self._save()

    def term_questions(self) -> dict[str, model.Question]:
        """The question that gives each term its shape: this session's, else the library's."""
        library = sorted((e.session for e in self.workspace.library.entries.values()), key=session_sort_key)
        return term_questions([self.session, *library])

    def run_terms(self) -> dict[str, Term]:
        """The terms this run agreed: typed by the facilitator, else what the parties wrote."""
        terms: dict[str, Term] = {}
        for step, q in self.session.questions():
            if not q.term or q.private:  # a definition checked before private terms were refused
                continue
            # a term is shared paper: only what the room may see (a sealed reflection stays out)
            said = [(e.role, from_answer(q, e.value) if isinstance(e.value, list) else answer_text(e.value))
                    for e in self.entries(ROOM) if e.code == q.code]
            said = [(role, value) for role, value in said if not is_blank(value)]
            if not said:
                continue
            if all(value == said[0][1] for _, value in said) or not isinstance(said[0][1], str):
                terms[q.term] = merged_terms([value for _, value in said])  # rows or items of every pen, once
            else:
                terms[q.term] = "\n".join(f"{self.session.role(r).name}: {t}" for r, t in said)
        questions = self.term_questions()
        terms.update({t: shaped(questions.get(t), v) for t, v in self.record.terms.items()})
        return terms

    def quoter(self) -> "Quoter":
        """What this run's texts quote: each role's person by name, the pair's terms as agreed so
        far (this run's own newer wording first). Names and terms are shared paper, so one quoter
        serves every viewer."""
        from facilitator.quoting import Quoter

        program = self.workspace.program()
        names = {p.role: program.name_of(p.person) for p in self.record.participants}
        names.update(getattr(self.record, "guests", None) or {})
        agreed = self.current_agreement()
        terms = {**(agreed.terms if agreed else {}), **self.run_terms()} if self.record.pair else {}
        if self.session.audience != "pair":
            names = {}  # a room of many mentors: `{mentor}` is everyone, so the role's name reads best
        return Quoter({r.id: r.name for r in self.session.roles}, names, terms)

    def quoted_session(self) -> Session:
        """The session as its readers see it, every `{placeholder}` quoted (quoting.quoted_session).

        Kept while what it quotes from stays the same (the answers, the terms typed, who takes
        part, the pair's agreement file), so a screen that draws many times a second does not
        read the agreement each time."""
        import msgspec

        from facilitator.agreements import agreement_file
        from facilitator.quoting import quoted_session

        r = self.record
        key = (_stamp(agreement_file(self.workspace.agreements_dir, r.pair or "-")),
               msgspec.json.encode((r.terms, r.entries, r.revealed, r.participants, getattr(r, "guests", None))))
        cached = getattr(self, "_quoted", None)
        if cached is None or cached[0] != key:
            cached = self._quoted = (key, quoted_session(self.session, self.quoter()))
        return cached[1]

    def current_agreement(self) -> Version | None:
        if not self.record.pair:
            return None
        return load_agreement(self.workspace.agreements_dir, self.record.pair, self.term_questions()).current

    def agreement_history(self) -> list[Version]:
        if not self.record.pair:
            return []
        return load_agreement(self.workspace.agreements_dir, self.record.pair, self.term_questions()).versions

    def save_agreement(self) -> Version | None:
        """Write the pair's next agreement version from this run's terms (if any changed)."""
        terms = self.run_terms()
        if not self.record.pair or not terms:
            return None
        version = next_version(self.workspace.agreements_dir, self.record.pair, self.record.id, self.session.id,
                               self.now()[:10], terms, self.record.term_reasons, self.term_questions())
        if version is not None:
            self.record.agreement_version = version.version
            self._save()
        return version

    # ------------------------------------------------------------ actions, notes, patterns

    def add_action(self, what: str, who: str, due: str = "") -> Action:
        self._change()
        if not what.strip():
            raise UserError(gettext("an action needs a description: what will be done"))
        action = Action(what=what.strip(), who=who.strip(), due=due.strip(), step=self.step.id)
        self.record.actions.append(action)
        self._save()
        return action

    def set_action_status(self, index: int, status: str) -> None:
        self._change()
        if status not in ACTION_STATUSES:
            raise UserError(gettext("unknown status `%(status)s`%(hint)s")
                    % {"status": status, "hint": did_you_mean(status, ACTION_STATUSES)})
        self.record.actions[index].status = status
        self._save()

    def add_note(self, text: str) -> None:
        self._change()
        from facilitator.records import Note

        if text.strip():
            self.record.notes.append(Note(step=self.step.id, text=text.strip(), at=self.now()))
            self._save()

    def notes(self, viewer: Viewer) -> list:
        return list(self.record.notes) if isinstance(_viewer(viewer), FacilitatorViewer) else []

    def confirm_pattern(self, pattern_id: str) -> None:
        self._set_pattern(pattern_id, confirmed=True)

    def dismiss_pattern(self, pattern_id: str) -> None:
        self._set_pattern(pattern_id, confirmed=False)

    def _set_pattern(self, pattern_id: str, confirmed: bool) -> None:
        self._change()
        p = self.record.patterns
        p.confirmed = [x for x in p.confirmed if x != pattern_id]
        p.dismissed = [x for x in p.dismissed if x != pattern_id]
        (p.confirmed if confirmed else p.dismissed).append(pattern_id)
        self._save()

    def add_pattern(self, text: str) -> None:
        self._change()
        if text.strip():
            self.record.patterns.added.append(text.strip())
            self._save()

    # ------------------------------------------------------------ cohort

    def set_attendance(self, present: list[str]) -> None:
        self._change()
        for person in present:
            self.participant(person)
        self.record.attendance = list(dict.fromkeys(present))
        self._save()

    def set_commitment_status(self, index: int, status: str) -> None:
        self._change()
        self.record.carried[index].status = commitments.checked_status(status)
        self._save()

    def new_commitments(self) -> list[Commitment]:
        return commitments.made_in(self.session, self.record)

    def write_commitment(self, person: str, text: str) -> None:
        """`person`'s commitment, as the step asks it; an empty text takes it back."""
        question = commitments.asked_in(self.step)
        if question is None:
            raise UserError(gettext("“%(title)s” asks for no commitment") % {"title": self.step.title})
        if person not in self.present():
            raise UserError(gettext("%(name)s is marked absent; mark them here first to write their "
                                    "commitment") % {"name": self.workspace.program().name_of(person)})
        self.answer(person, question.code, text)

    # ------------------------------------------------------------ finish

    def finish(self) -> Version | None:
        self._change()
        self._pause_running()
        version = self.save_agreement() if any(q.term for _, q in self.session.questions()) else None
        self.record.finished = self.now()
        self._save()
        return version


def _check_roles_fit(session: Session, participants: list[Participant]) -> None:
    roles = {p.role for p in participants}
    needed = {r.id for r in session.roles if r.answers and not r.guest}  # guests: facilitator.guests
    if session.kind == "roleplay":
        return  # trios take the role-play roles in the room; entries carry the pair roles
    missing = needed - roles
    if missing:
        raise UserError(gettext("session `%(session)s` needs the role(s) %(missing)s, which this run does "
                                "not have (it has %(roles)s)")
                % {"session": session.id, "missing": ', '.join(sorted(missing)), "roles": ', '.join(sorted(roles))})


def _new_run_id(workspace: Workspace, base: str) -> str:
    run_id, n = base, 1
    while workspace.record_file(run_id).exists():
        n += 1
        run_id = f"{base}-{n}"
    return run_id


def _stamp(path: "Path") -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_mtime_ns, st.st_size
