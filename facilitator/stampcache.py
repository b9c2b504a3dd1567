"""A cache of parsed files, keyed by each file's name, modification time and size.

Parsing TOML is the slowest part of reading a workspace (thousands of records, a dozen
session files); a file whose stamp has not changed is taken from the cache instead. The
cache lives in WORKSPACE/.cache, may be deleted at any time, and is written readable by
its owner only (it holds what the records hold). A file that changed is parsed, and so
checked, again: a good parse cached before can never hide a damaged file.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, Generic, Protocol, TypeVar

import msgspec

from facilitator.errors import InvalidFile
from facilitator.model import Strict
from facilitator.tomlfile import write_bytes_atomically
from facilitator.workspace_paths import private_folder


T = TypeVar("T")


class Stamped(Strict, Generic[T]):
    mtime_ns: int
    size: int
    value: T


class Query(Protocol):
    """Which values a caller wants, answered cheaply before a value is parsed or decoded."""

    def may_match(self, path: Path) -> bool:
        """From a file the cache does not hold (e.g. its text): could it be wanted?"""

    def holds(self, encoded: bytes) -> bool:
        """From a cached value, still encoded: is it wanted?"""


def load_all(paths: Iterable[Path], cache: Path | None, typ: Any, parse: Callable[[Path], T],
             key: Callable[[Path], str] = lambda p: p.name, query: Query | None = None,
             ) -> tuple[list[tuple[Path, T]], list[tuple[Path, InvalidFile]]]:
    """Parse every file with `parse`, or take it from the cache when its stamp is unchanged.

    Returns (path, value) for each file that parsed, and (path, error) for each whose
    `parse` raised InvalidFile; those are not cached, so they are read again next time.
    With a `query`, only what it may want is parsed or decoded (a caller still filters
    what comes back): asking for one cohort's meetings costs a glance at each file.
    """
    known: dict[str, Stamped] = read_cache(cache, dict[str, Stamped[msgspec.Raw if query else typ]])
    fresh: dict[str, Stamped] = {}
    good: list[tuple[Path, T]] = []
    bad: list[tuple[Path, InvalidFile]] = []
    changed = False
    for path in paths:
        name, now = key(path), stamp(path)
        hit = known.get(name)
        if now and hit and (hit.mtime_ns, hit.size) == now:
            value = hit.value
            if query is not None:
                if not query.holds(value):
                    fresh[name] = hit  # not wanted now, still cached
                    continue
                value = msgspec.msgpack.decode(value, type=typ)
        elif query is not None and not query.may_match(path):
            continue
        else:
            changed = True
            try:
                value = parse(path)
            except InvalidFile as exc:
                bad.append((path, exc))
                continue
        if now:
            fresh[name] = Stamped(mtime_ns=now[0], size=now[1], value=value)
        good.append((path, value))
    if cache is not None and (changed or fresh.keys() != known.keys()):
        write_cache(cache, fresh)
    return good, bad


def stamp(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_mtime_ns, st.st_size


def read_cache(path: Path | None, typ: Any) -> dict:
    if path is None:
        return {}
    try:
        return msgspec.msgpack.decode(path.read_bytes(), type=typ)
    except (OSError, msgspec.DecodeError, msgspec.ValidationError):  # missing, old or damaged: start again
        return {}


def write_cache(path: Path | None, entries: dict) -> None:
    if path is None:
        return
    try:
        private_folder(path.parent)
        write_bytes_atomically(path, msgspec.msgpack.encode(entries), mode=0o600)
    except OSError:  # a read-only workspace still works, only more slowly
        pass
