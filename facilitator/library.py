"""The session library: bundled definitions plus the facilitator's own (same id wins).

A workspace file that is broken, or two that define one id, is never passed over for the
bundled session: every command that would use that id stops with one line naming the files.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from facilitator.errors import InvalidFile, UserError
from facilitator.i18n import gettext
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
    broken: list[BrokenSession]  # files that did not validate: `sessions` lists them
    # ids no command may use, each with the one line that says why: a broken file claims the id
    # (the bundled session of that id is not used in its place), or two files define it
    refused: dict[str, str] = field(default_factory=dict)

    def get(self, session_id: str, *, needed_by: Path | None = None) -> Session:
        return self.entry(session_id, needed_by=needed_by).session

    def entry(self, session_id: str, *, needed_by: Path | None = None) -> Entry:
        """The session with this id; refused in one line that names the file at fault: the
        session's own file when it did not validate, or `needed_by` (a record) that asks for it."""
        if session_id in self.refused:
            raise InvalidFile(self.refused[session_id])
        if session_id in self.entries:
            return self.entries[session_id]
        from facilitator.tomlfile import display

        hint = did_you_mean(session_id, sorted(self.entries))
        if needed_by is not None:
            raise InvalidFile(gettext("%(file)s: session: the run is of session `%(session_id)s`, which is "
                                      "not in the library%(hint)s; `facilitator sessions` lists them")
                    % {"file": display(needed_by), "session_id": session_id, "hint": hint})
        raise UserError(gettext("no session `%(session_id)s`%(hint)s; `facilitator sessions` lists them")
                % {"session_id": session_id, "hint": hint})


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
    broken = [BrokenSession(path, exc.lines, _claimed_ids(path)) for path, exc in bad]
    return Library(entries, broken, _refusals(good, source_of, broken, entries))


def _refusals(good: list[tuple[Path, Session]], source_of: dict[Path, str], broken: list[BrokenSession],
              entries: dict[str, Entry]) -> dict[str, str]:
    """The ids no command may use (taken out of `entries`), never "the last file wins" in silence."""
    from facilitator.tomlfile import display

    refused: dict[str, str] = {}
    files: dict[tuple[str, str], list[Path]] = {}
    for path, session in good:  # the workspace's file replaces the bundled one: two of one source clash
        files.setdefault((session.id, source_of[path]), []).append(path)
    for (session_id, _), paths in files.items():
        if len(paths) > 1:
            refused[session_id] = (f"{', '.join(display(p) for p in paths)}: {len(paths)} files define session"
                                   f" `{session_id}`: keep one, or give the others ids of their own")
    for b in broken:
        where = display(b.path)
        first = _problem(b.errors[0], where) if b.errors else "it does not read"
        listed = "it" if len(b.errors) < 2 else f"all {len(b.errors)} problems"
        for session_id in b.claims:
            refused.setdefault(session_id, f"{where}: session `{session_id}` cannot be used while this file is broken"
                                           f" ({first}); `facilitator validate {where}` lists {listed}")
    for session_id in refused:
        entries.pop(session_id, None)
    return refused


@dataclass
class BrokenSession:
    """A session file that did not validate: listed by `sessions`; the ids it claims are refused."""

    path: Path
    errors: list[str]
    claims: tuple[str, ...] = ()  # its file name's and, when that much reads, the id it declares


def _problem(line: str, where: str) -> str:
    """One of the file's own problem lines, without its file name (the refusal names it once)."""
    rest = line[len(where):] if line.startswith(where) else line
    return rest[2:] if rest.startswith(": ") else f"at line {rest[1:]}" if rest.startswith(":") else rest


def _claimed_ids(path: Path) -> tuple[str, ...]:
    from facilitator.tomlfile import read_toml

    try:
        declared = read_toml(path).get("id")
    except InvalidFile:
        declared = None
    return tuple(dict.fromkeys([path.stem, *([declared] if isinstance(declared, str) and declared else [])]))


def _checked_session(path: Path) -> Session:
    from facilitator.definitions import check_file  # only for a file that is new or changed

    checked = check_file(path)
    if checked.session is None:
        raise InvalidFile(*checked.errors)
    return checked.session
