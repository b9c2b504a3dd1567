"""A cache of parsed files, keyed by each file's name, modification time and size.

Parsing TOML is the slowest part of reading a workspace (thousands of records, a dozen
session files); a file whose stamp has not changed is taken from the cache instead. The
cache lives in WORKSPACE/.cache, may be deleted at any time, and is written readable by
its owner only (it holds what the records hold).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import msgspec

from facilitator.tomlfile import write_bytes_atomically


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
        write_bytes_atomically(path, msgspec.msgpack.encode(entries), mode=0o600)
    except OSError:  # a read-only workspace still works, only more slowly
        pass
