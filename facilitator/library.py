"""The session library: bundled definitions plus the facilitator's own (same id wins)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import msgspec

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


def load_library(workspace_sessions: Path | None = None, cache: Path | None = None) -> Library:
    """Bundled sessions, then the workspace's. Files that validated before and have not
    changed since come from `cache` (parsing and checking every file costs more than
    everything else a command does at start-up)."""
    entries: dict[str, Entry] = {}
    broken: list[Checked] = []
    sources = [(bundled("sessions"), "bundled")]
    if workspace_sessions is not None and workspace_sessions.is_dir():
        sources.append((workspace_sessions, "workspace"))
    known = _read_cache(cache)
    fresh: dict[str, _Cached] = {}
    for folder, source in sources:
        for path in sorted(folder.glob("*.toml")):
            key = str(path.resolve())
            try:
                stat = path.stat()
            except OSError:
                stat = None
            hit = known.get(key)
            if stat and hit and (hit.mtime_ns, hit.size) == (stat.st_mtime_ns, stat.st_size):
                session = hit.session
            else:
                checked = check_file(path)
                if checked.session is None:
                    broken.append(checked)
                    continue
                session = checked.session
            if stat:
                fresh[key] = _Cached(mtime_ns=stat.st_mtime_ns, size=stat.st_size, session=session)
            entries[session.id] = Entry(session, path, source)
    if cache is not None and fresh != known:
        _write_cache(cache, fresh)
    return Library(entries, broken)


class _Cached(msgspec.Struct):
    mtime_ns: int
    size: int
    session: Session


def _read_cache(cache: Path | None) -> dict[str, _Cached]:
    if cache is None:
        return {}
    try:
        return msgspec.msgpack.decode(cache.read_bytes(), type=dict[str, _Cached])
    except (OSError, msgspec.DecodeError, msgspec.ValidationError):  # missing, old or damaged: start again
        return {}


def _write_cache(cache: Path, entries: dict[str, _Cached]) -> None:
    from facilitator.tomlfile import write_bytes_atomically

    try:
        write_bytes_atomically(cache, msgspec.msgpack.encode(entries))
    except OSError:  # a read-only workspace still works, only more slowly
        pass
