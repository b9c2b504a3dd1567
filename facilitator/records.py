"""Run records: one TOML file per delivered session, the only copy of what people said.

Written atomically after every change (temp file, fsync, rename), mode 0600, with a
format version. A record is its file: one whose `id` is not its file name is refused.
A lock file keeps a second writer off a run; a lock left by a process that no longer
exists is taken over, and anything else in a lock file is reported, never taken over.
"""


import math
import os
import re
import socket
import tempfile
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Annotated, Any

import msgspec
from msgspec import Meta, field

from facilitator.i18n import gettext
from facilitator.model import Strict
from facilitator.agreements import Term  # a term typed by the facilitator has the agreement's shape

from facilitator.errors import InvalidFile, UserError
from facilitator.tomlfile import display, dumps, read_toml, write_atomically
from facilitator.validation import Problems, convert
from facilitator.workspace_paths import private_folder

FORMAT = 1

Value = Any  # str | int | bool | list[str] | list[list[str]]: checked against the question by values.py


def now_iso(epoch: float | None = None) -> str:
    moment = datetime.now(timezone.utc) if epoch is None else datetime.fromtimestamp(epoch, timezone.utc)
    return moment.astimezone().isoformat(timespec="seconds")


def epoch_of(stamp: str) -> float | None:
    """The moment `now_iso` wrote, in epoch seconds; None for a stamp that is not one."""
    try:
        return datetime.fromisoformat(stamp).timestamp()
    except (ValueError, OverflowError, OSError):
        return None


class Participant(Strict, kw_only=True):
    person: str
    role: str


class Entry(Strict, kw_only=True):
    person: str
    role: str
    code: str
    value: Value
    at: str
    source: str = "app"  # app | sheet | pdf
    late: bool = False  # entered after its step's reveal, so nobody read it beside the others'


class Sealing(Strict, kw_only=True):
    """A hidden step's reveal: from `at` on its answers change only as late ones."""

    step: str
    at: str
    closed_for: list[str] = field(default_factory=list)  # who had not finished: the facilitator closed it for them
    seen: str = ""  # a continuation's choices: when they were first on the run's screen


class HandIn(Strict, kw_only=True):
    """A person saved their sheet for a step: finished with it, even with a box left blank on purpose."""

    step: str
    person: str
    at: str


class Timer(Strict, kw_only=True):
    step: str
    elapsed: float = 0.0  # seconds counted while running, before `running_since`
    running_since: float = 0.0  # epoch seconds; 0 when paused
    extra_minutes: int | float = 0  # a step of 1.5 minutes may be shortened by all of it


class Note(Strict, kw_only=True):
    step: str
    text: str
    at: str


class Action(Strict, kw_only=True):
    what: str
    who: str
    due: str = ""
    status: str = "open"  # open | done | dropped
    step: str = ""


class Commitment(Strict, kw_only=True):
    person: str
    text: str
    since: str  # the run it was made in
    status: str = "open"  # open | done | not yet | dropped


class Floor(Strict, kw_only=True):
    """Who has the floor in a round step: their turn's clock is the step's clock since `since`."""

    step: str
    speaker: str = ""  # a person here, or a part's number ("1", "2"...) in a round of parts
    since: float = 0.0  # the step clock's elapsed seconds when they took the floor
    over: bool = False  # everyone has had their turn


class Patterns(Strict, kw_only=True):
    confirmed: list[str] = field(default_factory=list)
    dismissed: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)  # the facilitator's own, in their words


class Trio(Strict, kw_only=True):
    """A role-play group, in seat order: who asks in round 1, then the counterpart, then the observers."""

    people: list[str]


class Ticks(Strict, kw_only=True):
    """What one trio's observer ticked in one round, by the checklist item's words."""

    trio: Annotated[int, Meta(ge=1)]
    round: Annotated[int, Meta(ge=1)]
    ticked: list[str] = field(default_factory=list)


class Record(Strict, kw_only=True):
    format: int = FORMAT
    id: str
    session: str
    session_title: str
    kind: str
    pair: str = ""
    cohort: str = ""
    pairs: list[str] = field(default_factory=list)  # a workshop of several pairs
    created: str
    updated: str
    finished: str = ""
    step: Annotated[int, Meta(ge=0)] = 0  # its upper bound is the session's: checked where they meet
    participants: list[Participant] = field(default_factory=list)
    guests: dict[Annotated[str, Meta(min_length=1)], Annotated[str, Meta(min_length=1, max_length=120)]] = \
        field(default_factory=dict)  # a pair run's guest roles, by role id: the name given when it started
    timers: list[Timer] = field(default_factory=list)
    entries: list[Entry] = field(default_factory=list)
    revealed: list[str] = field(default_factory=list)
    sealed: list[Sealing] = field(default_factory=list)  # when each revealed step was revealed, and for whom closed
    handed_in: list[HandIn] = field(default_factory=list)  # sheets saved: their blanks are meant, not unfinished
    terms: dict[str, Term] = field(default_factory=dict)  # typed by the facilitator, in the term's shape
    term_reasons: dict[str, str] = field(default_factory=dict)
    agreement_version: int = 0  # the agreement version this run produced, if any
    actions: list[Action] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    patterns: Patterns = field(default_factory=Patterns)
    attendance: list[str] = field(default_factory=list)
    carried: list[Commitment] = field(default_factory=list)
    floors: list[Floor] = field(default_factory=list)  # round steps: who has the floor (facilitator.rounds)
    trios: list[Trio] = field(default_factory=list)  # a role-play's groups (facilitator/trios.py)
    trio_seed: int = 0  # what the trios were shuffled with
    ticks: list[Ticks] = field(default_factory=list)  # the observer checklist, per trio per round

    @property
    def is_finished(self) -> bool:
        return bool(self.finished)

    @property
    def subject(self) -> str:
        return self.pair or self.cohort or ",".join(self.pairs)


# ---------------------------------------------------------------- asking for some records


@dataclass(frozen=True)
class RecordQuery:
    """Which records a caller wants: a pair's (its own runs and the workshops it was in), a
    cohort's, a session kind's; every one given must hold. Nothing given: every record."""

    pair: str | None = None
    cohort: str | None = None
    kind: str | None = None

    def __bool__(self) -> bool:
        return any(v is not None for v in (self.pair, self.cohort, self.kind))

    def matches(self, record: "Record | _Subject") -> bool:
        return ((self.pair is None or self.pair == record.pair or self.pair in record.pairs)
                and (self.cohort is None or self.cohort == record.cohort)
                and (self.kind is None or self.kind == record.kind))

    def may_match(self, path: Path) -> bool:
        """Could the file hold a match? Its text is searched, so a record is parsed only when it might."""
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return True  # let the parser say what is wrong
        wanted = [("cohort", self.cohort), ("kind", self.kind), ("pairs?", self.pair)]
        return all(_says(text, key, value) for key, value in wanted if value is not None)

    def holds(self, encoded: bytes) -> bool:
        """Does a cached record match? Only the fields asked about are decoded."""
        return self.matches(msgspec.msgpack.decode(encoded, type=_Subject))


class _Subject(msgspec.Struct):
    """Who and what a record is about, read from a cached record without decoding the rest.
    Not Strict: it is a view of a Record, which has many more fields."""

    pair: str = ""
    cohort: str = ""
    pairs: list[str] = field(default_factory=list)
    kind: str = ""


def _says(text: str, key: str, value: str) -> bool:
    """Does the TOML text set `key = "value"` (or list the value in `key = [...]`)?"""
    if f'"{value}"' not in text and f"'{value}'" not in text:
        return False  # most files, found at the speed of a substring search
    return re.search(rf"""^\s*{key}\s*=\s*(?:\[[^\]]*)?["']{re.escape(value)}["']""", text, re.MULTILINE) is not None


# ---------------------------------------------------------------- files


def record_path(records: Path, run_id: str) -> Path:
    return records / f"{run_id}.toml"


_CENTURY = 100 * 365 * 86400.0  # no step has run longer; no clock was started after 2070


def load_record(path: Path) -> Record:
    """The record in `path`, checked as far as it can be without its session; else InvalidFile."""
    doc = read_toml(path)
    problems = Problems(display(path))
    version = doc.get("format")
    if isinstance(version, int) and version > FORMAT:
        raise InvalidFile(gettext("%(file)s: written by a newer facilitator (format %(version)s); please "
                                  "upgrade") % {"file": display(path), "version": version})
    record = convert(doc, Record, problems, "")
    if record is None:
        raise InvalidFile(*problems.errors)
    if record.id != path.stem:  # a copied file must never write into the run it was copied from
        problems.error("id", f"the record says it is run `{record.id}`, but its file is {path.name};"
                             f" a record is its file: move the copy out of {path.parent.name}/"
                             f" (or name it {record.id}.toml)")
    elif not record.participants:
        problems.error("participants", "a run has at least one participant; this list is empty")
    for role in record.guests:  # a guest is seated as a participant in that role
        if role not in {p.role for p in record.participants}:
            problems.error(f"guests.{role}", f"names a {role}, but no participant of the run is the {role}")
    for i, timer in enumerate(record.timers):
        for name in ("elapsed", "running_since"):
            seconds = getattr(timer, name)
            if not (math.isfinite(seconds) and 0 <= seconds <= _CENTURY):
                problems.error(f"timers[{i + 1}].{name}", f"{seconds} is not a time: expected seconds, 0 or more")
    if problems.errors:
        raise InvalidFile(problems.errors[0])
    return record


def save_record(path: Path, record: Record, updated: str | None = None) -> None:
    """Write the record atomically; on failure the previous file is untouched."""
    record.updated = updated or now_iso()
    text = f"# facilitator run record: {record.session_title}. Written by facilitator; edit with care.\n"
    text += dumps(_plain(record))
    try:
        private_folder(path.parent)
        write_atomically(path, text, mode=0o600)
    except OSError as exc:
        raise SaveFailed(f"{display(path)}: could not save ({exc.strerror or exc}); the last saved copy is intact")


def _plain(record: Record) -> dict[str, Any]:
    return {"format": FORMAT, **msgspec.to_builtins(record)}  # the version is written even though it is the default


class SaveFailed(UserError):
    pass


# ---------------------------------------------------------------- lock


class RunLocked(UserError):
    pass


Pid = Annotated[int, Meta(ge=1, le=2**31 - 1)]  # a process id the system can have: never 0, -1 or 20 digits


class Holder(Strict, kw_only=True, omit_defaults=False):
    """What a lock file says, exactly as `Lock.acquire` writes it."""

    pid: Pid
    host: Annotated[str, Meta(min_length=1)]
    since: str


@dataclass(frozen=True)
class Foreign:
    """A lock file that is not one facilitator wrote (or cannot be read): reported, never taken over."""

    why: str


class Lock:
    """`RUN.lock` beside the record: who holds the run.

    A lock is taken over only when it is ours and its process is gone: this host, and no
    such process any more. An empty lock is what a crash of an older facilitator left
    mid-write (this one links a finished file into place) and is taken over too. Any other
    content, or a lock from another host, is reported and left for the person to clear.
    """

    ATTEMPTS = 5  # a lock that vanishes between two looks is simply tried again

    def __init__(self, record: Path):
        self.path = record.with_suffix(".lock")
        self.held = False

    def acquire(self) -> None:
        mine = msgspec.json.encode(Holder(pid=os.getpid(), host=socket.gethostname(), since=now_iso())).decode()
        try:
            private_folder(self.path.parent)
        except OSError as exc:
            raise UserError(gettext("%(file)s: cannot create (%(reason)s)")
                    % {"file": display(self.path.parent), "reason": exc.strerror or exc}) from None
        for _ in range(self.ATTEMPTS):
            try:
                self._create(mine)
            except FileExistsError:
                raw, holder = self._look()
                if holder is None:
                    continue  # let go of between our two looks: try again
                if holder == "stale":
                    self._take_over(raw)
                    continue
                raise self._refusal(holder) from None
            except OSError as exc:
                raise UserError(gettext("%(file)s: cannot lock the run (%(reason)s)")
                        % {"file": display(self.path), "reason": exc.strerror or exc}) from None
            self.held = True
            return
        raise RunLocked(gettext("run %(run)s: could not take its lock (it kept changing); try again")
                % {"run": self.path.stem})

    def holder(self) -> "Holder | Foreign | str | None":
        """Who holds the run: a live Holder, a Foreign file, "stale" (free to take), or None (no lock)."""
        return self._look()[1]

    def _look(self) -> "tuple[bytes, Holder | Foreign | str | None]":
        """The lock file's bytes, read once, and what they mean (see `holder`)."""
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return b"", None
        except OSError as exc:
            return b"", Foreign(f"cannot be read: {exc.strerror or exc}")
        if not raw:
            return raw, "stale"
        try:
            holder = msgspec.json.decode(raw, type=Holder)
        except (msgspec.DecodeError, msgspec.ValidationError) as exc:
            message, _, key = str(exc).partition(" - at `$.")
            said = f"{key.rstrip('`')}: {message[:1].lower()}{message[1:]}" if key else message
            return raw, Foreign(f"not a lock facilitator writes ({said})")
        if holder.host != socket.gethostname() or holder.pid == os.getpid():
            return raw, holder  # another computer's process cannot be asked; our own is alive
        try:
            os.kill(holder.pid, 0)
        except ProcessLookupError:
            return raw, "stale"
        except PermissionError:  # another user's live process
            pass
        return raw, holder

    def _refusal(self, holder: "Holder | Foreign") -> RunLocked:
        clear = gettext("if facilitator is not running there, delete %(file)s and try again") % {"file": display(self.path)}
        if isinstance(holder, Foreign):
            return RunLocked(gettext("%(file)s: %(why)s; it is left alone: if the run is not open "
                                     "anywhere, delete the file and try again")
                    % {"file": display(self.path), "why": holder.why})
        if holder.host != socket.gethostname():
            return RunLocked(gettext("run %(run)s is open on host %(host)s (process %(pid)s since "
                                     "%(since)s); close it there, or %(clear)s")
                    % {"run": self.path.stem, "host": holder.host, "pid": holder.pid, "since": holder.since, "clear": clear})
        return RunLocked(gettext("run %(run)s is open elsewhere (process %(pid)s since %(since)s); close "
                                 "it there first")
                % {"run": self.path.stem, "pid": holder.pid, "since": holder.since})

    def _take_over(self, judged: bytes) -> None:
        """Remove the stale lock that was judged, and only it. It is moved aside first (one
        atomic step): a lock that another process, taking over at the same moment, has put
        in its place is then seen and put back rather than deleted."""
        aside = self.path.with_name(f".{self.path.name}.{os.getpid()}.stale")
        try:
            os.rename(self.path, aside)
        except FileNotFoundError:
            return  # someone else removed it first: try again
        except OSError as exc:  # e.g. a read-only folder: say so, in one line
            raise UserError(gettext("%(file)s: cannot take over the stale lock (%(reason)s)")
                    % {"file": display(self.path), "reason": exc.strerror or exc}) from None
        try:
            if aside.read_bytes() != judged:  # not the stale lock: a live one, just made
                os.link(aside, self.path)
        except OSError:
            pass  # yet another lock is in place by now: the next try sees it
        finally:
            aside.unlink(missing_ok=True)

    def _create(self, content: str) -> None:
        """Create the lock with its content in one step (write a temp file, then hard-link it
        into place), so no other process ever sees an empty lock from a live holder."""
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=f".{self.path.name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "w") as handle:
                handle.write(content)
            os.link(tmp, self.path)
        finally:
            try:
                os.unlink(tmp)
            except OSError:
                pass

    def release(self) -> None:
        if self.held:
            self.path.unlink(missing_ok=True)
            self.held = False

    def is_live(self) -> bool:
        """Is the run open in a process that may still be running (read-only callers ask)?"""
        return isinstance(self.holder(), (Holder, Foreign))
