"""The facilitator's workspace: program.toml, their own sessions, records, agreements, out/."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import msgspec

from facilitator.agreements import Agreement, load_agreement
from facilitator.errors import InvalidFile, UserError
from facilitator.i18n import gettext
from facilitator.library import Library, load_library
from facilitator.model import Question, Session
from facilitator.program import Program, check_program
from facilitator.records import Record, RecordQuery, load_record, record_path
from facilitator.stampcache import load_all
from facilitator.tomlfile import display, dumps, read_toml, write_atomically
from facilitator.validation import did_you_mean
from facilitator.values import BadValue, check_value
from facilitator.workspace_paths import Inside, workspace_root


@dataclass
class Broken:
    path: Path
    reason: str


class Workspace:
    def __init__(self, root: Path):
        self.root = root
        self._questions_of: dict[str, tuple[Session, dict[str, Question]]] = {}

    @classmethod
    def open(cls, option: str | None = None) -> "Workspace":
        root = workspace_root(option)
        if root.exists() and not root.is_dir():
            raise UserError(gettext("%(root)s: the workspace must be a folder") % {"root": root})
        return cls(root)

    # ---- places
    program_file = Inside("program.toml")
    sessions_dir = Inside("sessions")
    records_dir = Inside("records")
    agreements_dir = Inside("agreements")
    out_dir = Inside("out")

    # ---- program
    def program(self) -> Program:
        """program.toml, read again only when the file changed (the app asks for it on every redraw)."""
        try:
            stat = self.program_file.stat()
        except FileNotFoundError:
            return Program()
        except OSError:
            stat = None
        key = (stat.st_mtime_ns, stat.st_size) if stat else None
        cached = getattr(self, "_program_cache", None)
        if key is not None and cached and cached[0] == key:
            return cached[1]
        program = check_program(read_toml(self.program_file), display(self.program_file))
        self._program_cache = (key, program)
        return program

    def save_program(self, program: Program) -> None:
        header = "# Your mentoring program: cohorts, people and pairs. Check edits with `facilitator pairs`.\n"
        try:
            write_atomically(self.program_file, header + dumps(msgspec.to_builtins(program)), mode=0o600)
        except OSError as exc:
            raise UserError(gettext("%(file)s: could not save (%(reason)s)")
                    % {"file": display(self.program_file), "reason": exc.strerror or exc}) from None

    # ---- sessions
    @cached_property
    def library(self) -> Library:
        cache = self._cache("sessions") if self.root.is_dir() else None
        return load_library(self.sessions_dir, cache)

    # ---- records
    def record_file(self, run_id: str) -> Path:
        return record_path(self.records_dir, run_id)

    def records(self, *, pair: str | None = None, cohort: str | None = None, kind: str | None = None
                ) -> tuple[list[Record], list[Broken]]:
        """The records that load, oldest first, and the ones that do not (left untouched).

        Unchanged files come from WORKSPACE/.cache (facilitator.stampcache): a program of a
        thousand pairs has thousands of records, and parsing them all is most of the wait.
        Given a pair (its own runs and the workshops it was in), a cohort or a session kind,
        only the records that match are returned; a file the cache does not hold is parsed
        only if its text names what is asked for, so one run's questions stay quick. Only a
        file that may match can then be reported broken.
        """
        if not self.records_dir.is_dir():
            return [], []
        query = RecordQuery(pair, cohort, kind)
        good, bad = load_all(sorted(self.records_dir.glob("*.toml")), self._cache("records"), Record,
                             self.checked_record, query=query or None)
        records = sorted((record for _, record in good if query.matches(record)), key=lambda r: (r.created, r.id))
        for record in records:  # a cached record may predate its session's renumbering
            if record.session in self.library.entries:
                record.entries = current_codes(self.library.entries[record.session].session, record.entries)
        return records, [Broken(path, exc.lines[0]) for path, exc in bad]

    def open_runs_of(self, session: str, *, pair: str | None = None, cohort: str | None = None,
                     pairs: list[str] | None = None) -> list[Record]:
        """The unfinished runs of `session` for exactly this pair, cohort or workshop, newest first:
        what starting it again would duplicate."""
        records, _ = self.records(pair=pair or None, cohort=cohort or None)
        return [r for r in reversed(records) if not r.is_finished and r.session == session
                and r.pair == (pair or "") and r.cohort == (cohort or "") and r.pairs == list(pairs or [])]

    def agreements(self) -> dict[str, Agreement]:
        """Every pair's living agreement that reads, by pair id (unchanged files from the cache).
        One that does not read (or names another pair than its file) is reported where that
        pair's agreement is printed or shown, and counts for nothing here."""
        if not self.agreements_dir.is_dir():
            return {}
        good, _ = load_all(sorted(self.agreements_dir.glob("*.toml")), self._cache("agreements"), Agreement,
                           lambda path: load_agreement(path.parent, path.stem))
        return {agreement.pair: agreement for _, agreement in good}

    def _cache(self, name: str) -> Path:
        return self.root / ".cache" / f"{name}.msgpack"

    def load_run(self, run_id: str) -> Record:
        path = self.record_file(run_id)
        if not path.exists():
            known = [p.stem for p in self.records_dir.glob("*.toml")] if self.records_dir.is_dir() else []
            raise UserError(gettext("no run `%(run_id)s`%(hint)s; `facilitator pairs` lists runs")
                    % {"run_id": run_id, "hint": did_you_mean(run_id, known)})
        return self.checked_record(path)

    # ---- where a record meets its session

    def checked_record(self, path: Path) -> Record:
        """The record in `path`, checked against its session too: the step it is at, and each
        answer's shape and range as its question expects. One line names the file and the place.

        Records come from the stamp cache only while their file is unchanged, so each file is
        checked when it is new or changed, not on every read. A record whose session is gone
        loads as it is: the commands that need the session say so.
        """
        record = load_record(path)
        entry = self.library.entries.get(record.session)
        if entry is None:
            return record
        session = entry.session
        where = display(path)
        if record.step >= len(session.steps):
            raise InvalidFile(gettext("%(where)s: step: the run is at step %(step)s, but session "
                                      "`%(session)s` has %(count)s steps")
                    % {"where": where, "step": record.step + 1, "session": session.id, "count": len(session.steps)})
        record.entries = current_codes(session, record.entries)
        questions = self._questions(session)
        for i, answer in enumerate(record.entries):
            question = questions.get(answer.code)
            if question is None:
                continue  # a question since removed from the session: kept, shown nowhere
            try:
                check_value(question, answer.value, stored=True)
            except BadValue as exc:
                raise InvalidFile(gettext("%(where)s: entries[%(i)s].value: %(code)s: %(exc)s")
                        % {"where": where, "i": i + 1, "code": answer.code, "exc": exc}) from None
        return record

    def _questions(self, session: Session) -> dict[str, Question]:
        """Its questions by code, made once per session (a workspace checks thousands of records)."""
        known = self._questions_of.get(session.id)
        if known is None or known[0] is not session:
            known = self._questions_of[session.id] = (session, {q.code: q for _, q in session.questions()})
        return known[1]

    # ---- answers a session no longer asks for (validate's block)

    def dropped_codes(self, session: Session, records: list[Record] | None = None, where: str = "") -> list[str]:
        """A warning line when stored records of `session` hold answers under codes it no longer
        asks (nor lists in a question's `was = [...]`): those answers are left out of export,
        summaries and paper. `records` default to every stored run of the session."""
        if records is None:
            records = self.records()[0]
        known = {q.code for _, q in session.questions()}
        known |= {old for _, q in session.questions() for old in getattr(q, "was", ())}
        held: dict[str, list[str]] = {}
        for record in records:
            if record.session != session.id:
                continue
            for code in dict.fromkeys(e.code for e in record.entries if e.code not in known):
                held.setdefault(code, []).append(record.id)
        if not held:
            return []
        runs = sorted({run for ids in held.values() for run in ids})
        shown = ", ".join(runs[:3]) + (f" and {len(runs) - 3} more" if len(runs) > 3 else "")
        if not where:
            entry = self.library.entries.get(session.id)
            where = display(entry.path) if entry else session.id
        return [f"{where}: warning: session `{session.id}` no longer asks {', '.join(sorted(held))}, which"
                f" {len(runs)} stored run(s) hold answers to ({shown}): those answers are left out; list an old"
                f" code in its question's `was = [...]` to keep them"]

def current_codes(session: Session, entries: list) -> list:
    """Answers held under a question's old code (`was`) read as its code now, so a record written
    before a renumbering keeps its answers. An answer under the new code wins; among old codes,
    the one `was` lists first. Old answers that lose are kept as they were (shown nowhere)."""
    renamed = {old for _, q in session.questions() for old in q.was}
    if not renamed or not any(e.code in renamed for e in entries):
        return entries
    ranks = {(q.code, old): k for _, q in session.questions() for k, old in enumerate(q.was)}
    best: dict[tuple[str, str], tuple[int, object]] = {}
    held = {(e.person, e.code) for e in entries}
    for e in entries:
        if e.code in renamed:
            new = session.current_code(e.code, e.role)
            rank = ranks.get((new, e.code), 0)
            if (e.person, new) not in held and rank < best.get((e.person, new), (len(ranks) + 1, None))[0]:
                best[(e.person, new)] = (rank, e)
    moved = {id(e): new for (_, new), (_, e) in best.items()}
    return [msgspec.structs.replace(e, code=moved[id(e)]) if id(e) in moved else e for e in entries]
