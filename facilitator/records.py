"""Run records: one TOML file per delivered session, the only copy of what people said.

Written atomically after every change (temp file, fsync, rename), mode 0600, with a
format version. A lock file keeps a second writer off a run; a lock left by a process
that no longer exists is taken over.
"""


import json
import os
import re
import socket
import tempfile
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import msgspec
from msgspec import field

from facilitator.model import Strict

from facilitator.errors import InvalidFile, UserError
from facilitator.tomlfile import display, dumps, read_toml, write_atomically
from facilitator.validation import Problems, convert

FORMAT = 1

Value = Any  # str | int | bool | list[str] | list[list[str]]: checked against the question by values.py


def now_iso(epoch: float | None = None) -> str:
    moment = datetime.now(timezone.utc) if epoch is None else datetime.fromtimestamp(epoch, timezone.utc)
    return moment.astimezone().isoformat(timespec="seconds")


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


class Timer(Strict, kw_only=True):
    step: str
    elapsed: float = 0.0  # seconds counted while running, before `running_since`
    running_since: float = 0.0  # epoch seconds; 0 when paused
    extra_minutes: int = 0


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


class Patterns(Strict, kw_only=True):
    confirmed: list[str] = field(default_factory=list)
    dismissed: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)  # the facilitator's own, in their words


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
    step: int = 0
    participants: list[Participant] = field(default_factory=list)
    timers: list[Timer] = field(default_factory=list)
    entries: list[Entry] = field(default_factory=list)
    revealed: list[str] = field(default_factory=list)
    sealed: list[Sealing] = field(default_factory=list)  # when each revealed step was revealed, and for whom closed
    terms: dict[str, str] = field(default_factory=dict)
    term_reasons: dict[str, str] = field(default_factory=dict)
    agreement_version: int = 0  # the agreement version this run produced, if any
    actions: list[Action] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    patterns: Patterns = field(default_factory=Patterns)
    attendance: list[str] = field(default_factory=list)
    carried: list[Commitment] = field(default_factory=list)

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


def load_record(path: Path) -> Record:
    doc = read_toml(path)
    problems = Problems(display(path))
    version = doc.get("format")
    if isinstance(version, int) and version > FORMAT:
        raise InvalidFile(f"{display(path)}: written by a newer facilitator (format {version}); please upgrade")
    record = convert(doc, Record, problems, "")
    if record is None:
        raise InvalidFile(*problems.errors)
    return record


def save_record(path: Path, record: Record, updated: str | None = None) -> None:
    """Write the record atomically; on failure the previous file is untouched."""
    record.updated = updated or now_iso()
    text = f"# facilitator run record: {record.session_title}. Written by facilitator; edit with care.\n"
    text += dumps(_plain(record))
    try:
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


class Lock:
    """`RUN.lock` beside the record: who holds the run. Stale locks are recovered."""

    def __init__(self, record: Path):
        self.path = record.with_suffix(".lock")
        self.held = False

    def acquire(self) -> None:
        mine = json.dumps({"pid": os.getpid(), "host": socket.gethostname(), "since": now_iso()})
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise UserError(f"{display(self.path.parent)}: cannot create ({exc.strerror or exc})") from None
        for _ in range(2):
            try:
                self._create(mine)
            except FileExistsError:
                if self._stale():
                    try:
                        self.path.unlink(missing_ok=True)
                    except OSError as exc:  # e.g. a read-only folder: say so, in one line
                        raise UserError(f"{display(self.path)}: cannot take over the stale lock"
                                        f" ({exc.strerror or exc})") from None
                    continue
                holder = self._holder()
                raise RunLocked(
                    f"run {self.path.stem} is open elsewhere (process {holder.get('pid', '?')}"
                    f" since {holder.get('since', '?')}); close it there first"
                ) from None
            except OSError as exc:
                raise UserError(f"{display(self.path)}: cannot lock the run ({exc.strerror or exc})") from None
            self.held = True
            return
        raise RunLocked(f"run {self.path.stem}: could not take its lock")

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

    def _holder(self) -> dict[str, Any]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8") or "{}")
            return data if isinstance(data, dict) else {}
        except (OSError, ValueError):
            return {}

    def _stale(self) -> bool:
        holder = self._holder()
        pid = holder.get("pid")
        if not isinstance(pid, int) or holder.get("host") != socket.gethostname():
            return not isinstance(pid, int)  # unreadable lock: a crash mid-write
        if pid == os.getpid():
            return False
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        except PermissionError:
            return False
        return False
