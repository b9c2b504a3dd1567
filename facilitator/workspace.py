"""The facilitator's workspace: program.toml, their own sessions, records, agreements, out/."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import msgspec

from facilitator.agreements import Agreement, load_agreement
from facilitator.errors import InvalidFile, UserError
from facilitator.library import Library, load_library
from facilitator.program import Program, check_program
from facilitator.records import Record, load_record, record_path
from facilitator.stampcache import read_cache, stamp, write_cache
from facilitator.tomlfile import display, dumps, read_toml, write_atomically
from facilitator.validation import did_you_mean
from facilitator.workspace_paths import workspace_root


class _CachedAgreement(msgspec.Struct):
    mtime_ns: int
    size: int
    agreement: Agreement


class _CachedRecord(msgspec.Struct):
    mtime_ns: int
    size: int
    record: Record


@dataclass
class Broken:
    path: Path
    reason: str


class Workspace:
    def __init__(self, root: Path):
        self.root = root

    @classmethod
    def open(cls, option: str | None = None) -> "Workspace":
        root = workspace_root(option)
        if root.exists() and not root.is_dir():
            raise UserError(f"{root}: the workspace must be a folder")
        return cls(root)

    # ---- places
    @property
    def program_file(self) -> Path:
        return self.root / "program.toml"

    @property
    def sessions_dir(self) -> Path:
        return self.root / "sessions"

    @property
    def records_dir(self) -> Path:
        return self.root / "records"

    @property
    def agreements_dir(self) -> Path:
        return self.root / "agreements"

    @property
    def out_dir(self) -> Path:
        return self.root / "out"

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
            raise UserError(f"{display(self.program_file)}: could not save ({exc.strerror or exc})") from None

    # ---- sessions
    @cached_property
    def library(self) -> Library:
        cache = self.root / ".cache" / "sessions.msgpack" if self.root.is_dir() else None
        return load_library(self.sessions_dir, cache)

    # ---- records
    def record_file(self, run_id: str) -> Path:
        return record_path(self.records_dir, run_id)

    def records(self) -> tuple[list[Record], list[Broken]]:
        """Every record that loads, oldest first, and the ones that do not (left untouched).

        Unchanged files come from WORKSPACE/.cache (facilitator.stampcache): a program of a
        thousand pairs has thousands of records, and parsing them all is most of the wait.
        """
        good: list[Record] = []
        broken: list[Broken] = []
        if not self.records_dir.is_dir():
            return good, broken
        cache = self.root / ".cache" / "records.msgpack"
        known = read_cache(cache, dict[str, _CachedRecord])
        fresh: dict[str, _CachedRecord] = {}
        changed = False
        for path in sorted(self.records_dir.glob("*.toml")):
            now = stamp(path)
            hit = known.get(path.name)
            if now and hit and (hit.mtime_ns, hit.size) == now:
                record = hit.record
            else:
                changed = True
                try:
                    record = load_record(path)
                except InvalidFile as exc:
                    broken.append(Broken(path, exc.lines[0]))
                    continue
            if now:
                fresh[path.name] = _CachedRecord(mtime_ns=now[0], size=now[1], record=record)
            good.append(record)
        if changed or fresh.keys() != known.keys():
            write_cache(cache, fresh)
        good.sort(key=lambda r: (r.created, r.id))
        return good, broken

    def agreements(self) -> dict[str, Agreement]:
        """Every pair's living agreement that reads, by pair id (unchanged files from the cache)."""
        out: dict[str, Agreement] = {}
        if not self.agreements_dir.is_dir():
            return out
        cache = self.root / ".cache" / "agreements.msgpack"
        known = read_cache(cache, dict[str, _CachedAgreement])
        fresh: dict[str, _CachedAgreement] = {}
        changed = False
        for path in sorted(self.agreements_dir.glob("*.toml")):
            now = stamp(path)
            hit = known.get(path.name)
            if now and hit and (hit.mtime_ns, hit.size) == now:
                agreement = hit.agreement
            else:
                changed = True
                try:
                    agreement = load_agreement(self.agreements_dir, path.stem)
                except InvalidFile:
                    continue  # reported where the pair's agreement is printed or shown
            if now:
                fresh[path.name] = _CachedAgreement(mtime_ns=now[0], size=now[1], agreement=agreement)
            out[agreement.pair] = agreement
        if changed or fresh.keys() != known.keys():
            write_cache(cache, fresh)
        return out

    def load_run(self, run_id: str) -> Record:
        path = self.record_file(run_id)
        if not path.exists():
            known = [p.stem for p in self.records_dir.glob("*.toml")] if self.records_dir.is_dir() else []
            raise UserError(f"no run `{run_id}`{did_you_mean(run_id, known)}; `facilitator pairs` lists runs")
        return load_record(path)
