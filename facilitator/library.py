"""The session library: bundled definitions plus the facilitator's own (same id wins)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import msgspec

from facilitator.errors import UserError
from facilitator.model import Session
from facilitator.resources import bundled
from facilitator.stampcache import read_cache, stamp, write_cache
from facilitator.validation import did_you_mean


@dataclass
class Entry:
    session: Session
    path: Path
    source: str  # "bundled" or "workspace"


@dataclass
class Library:
    entries: dict[str, Entry]
    broken: list  # Checked: files that did not validate, reported but not fatal

    def get(self, session_id: str) -> Session:
        return self.entry(session_id).session

    def entry(self, session_id: str) -> Entry:
        if session_id in self.entries:
            return self.entries[session_id]
        hint = did_you_mean(session_id, sorted(self.entries))
        raise UserError(f"no session `{session_id}`{hint}; `facilitator sessions` lists them")


def load_library(workspace_sessions: Path | None = None, cache: Path | None = None) -> Library:
    """Bundled sessions, then the workspace's. Files that validated before and have not
    changed since come from `cache` (see facilitator.stampcache)."""
    entries: dict[str, Entry] = {}
    broken: list = []
    sources = [(bundled("sessions"), "bundled")]
    if workspace_sessions is not None and workspace_sessions.is_dir():
        sources.append((workspace_sessions, "workspace"))
    known = read_cache(cache, dict[str, _Cached])
    fresh: dict[str, _Cached] = {}
    changed = False
    for folder, source in sources:
        for path in sorted(folder.glob("*.toml")):
            key, now = str(path.resolve()), stamp(path)
            hit = known.get(key)
            if now and hit and (hit.mtime_ns, hit.size) == now:
                session = hit.session
            else:
                from facilitator.definitions import check_file  # only when a file is new or changed

                changed = True
                checked = check_file(path)
                if checked.session is None:
                    broken.append(checked)
                    continue
                session = checked.session
            if now:
                fresh[key] = _Cached(mtime_ns=now[0], size=now[1], session=session)
            entries[session.id] = Entry(session, path, source)
    if cache is not None and (changed or fresh.keys() != known.keys()):
        write_cache(cache, fresh)
    return Library(entries, broken)


class _Cached(msgspec.Struct):
    mtime_ns: int
    size: int
    session: Session
