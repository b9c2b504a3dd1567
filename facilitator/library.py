"""The session library: bundled definitions plus the facilitator's own (same id wins)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from facilitator.errors import InvalidFile, UserError
from facilitator.model import Session
from facilitator.resources import bundled
from facilitator.stampcache import load_all
from facilitator.validation import did_you_mean


@dataclass
class Entry:
    session: Session
    path: Path
    source: str  # "bundled" or "workspace"


@dataclass
class Library:
    entries: dict[str, Entry]
    broken: list[BrokenSession]  # files that did not validate, reported but not fatal

    def get(self, session_id: str, *, needed_by: Path | None = None) -> Session:
        return self.entry(session_id, needed_by=needed_by).session

    def entry(self, session_id: str, *, needed_by: Path | None = None) -> Entry:
        """The session with this id; refused in one line that names the file at fault: the
        session's own file when it did not validate, or `needed_by` (a record) that asks for it."""
        if session_id in self.entries:
            return self.entries[session_id]
        from facilitator.tomlfile import display

        damaged = next((b for b in self.broken if b.path.stem == session_id), None)
        if damaged is not None:
            where = display(damaged.path)
            raise InvalidFile(f"{where}: session `{session_id}` cannot be used: the file has {len(damaged.errors)}"
                              f" problem(s); `facilitator validate {where}` lists them")
        hint = did_you_mean(session_id, sorted(self.entries))
        if needed_by is not None:
            raise InvalidFile(f"{display(needed_by)}: session: the run is of session `{session_id}`, which is not in"
                              f" the library{hint}; `facilitator sessions` lists them")
        raise UserError(f"no session `{session_id}`{hint}; `facilitator sessions` lists them")


def load_library(workspace_sessions: Path | None = None, cache: Path | None = None) -> Library:
    """Bundled sessions, then the workspace's (same id wins). Files that validated before and
    have not changed since come from `cache` (see facilitator.stampcache)."""
    sources = [(bundled("sessions"), "bundled")]
    if workspace_sessions is not None and workspace_sessions.is_dir():
        sources.append((workspace_sessions, "workspace"))
    paths = [(path, source) for folder, source in sources for path in sorted(folder.glob("*.toml"))]
    source_of = {path: source for path, source in paths}
    good, bad = load_all([p for p, _ in paths], cache, Session, _checked_session, key=lambda p: str(p.resolve()))
    entries = {session.id: Entry(session, path, source_of[path]) for path, session in good}
    return Library(entries, [BrokenSession(path, exc.lines) for path, exc in bad])


@dataclass
class BrokenSession:
    """A session file that did not validate: reported by `sessions`, never fatal."""

    path: Path
    errors: list[str]


def _checked_session(path: Path) -> Session:
    from facilitator.definitions import check_file  # only for a file that is new or changed

    checked = check_file(path)
    if checked.session is None:
        raise InvalidFile(*checked.errors)
    return checked.session
