"""The session library: bundled definitions plus the facilitator's own (same id wins)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from facilitator.definitions import Checked, check_file
from facilitator.errors import UserError
from facilitator.model import Session
from facilitator.resources import bundled
from facilitator.validation import did_you_mean


@dataclass
class Entry:
    session: Session
    path: Path
    source: str  # "bundled" or "workspace"


@dataclass
class Library:
    entries: dict[str, Entry]
    broken: list[Checked]  # files that did not validate, reported but not fatal

    def get(self, session_id: str) -> Session:
        return self.entry(session_id).session

    def entry(self, session_id: str) -> Entry:
        if session_id in self.entries:
            return self.entries[session_id]
        hint = did_you_mean(session_id, sorted(self.entries))
        raise UserError(f"no session `{session_id}`{hint}; `facilitator sessions` lists them")


def load_library(workspace_sessions: Path | None = None) -> Library:
    entries: dict[str, Entry] = {}
    broken: list[Checked] = []
    sources = [(bundled("sessions"), "bundled")]
    if workspace_sessions is not None and workspace_sessions.is_dir():
        sources.append((workspace_sessions, "workspace"))
    for folder, source in sources:
        for path in sorted(folder.glob("*.toml")):
            checked = check_file(path)
            if checked.session is None:
                broken.append(checked)
            else:
                entries[checked.session.id] = Entry(checked.session, path, source)
    return Library(entries, broken)
