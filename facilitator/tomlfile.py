"""Reading TOML files a person wrote, and writing TOML files atomically.

Every failure becomes one line a facilitator can act on: which file, where, what.
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
import time
import tomllib
from pathlib import Path
from typing import Any

import tomli_w

from facilitator.errors import InvalidFile
from facilitator.i18n import gettext

_POSITION = re.compile(r"^(?P<msg>.*?)\s*\(at (?:line (?P<line>\d+), column (?P<col>\d+)|end of document)\)$")


def display(path: Path) -> str:
    """The path as the user would recognise it: relative to the current folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return str(path)


def read_file(path: Path, where: str, kind: str, max_bytes: int | None = None) -> bytes:
    """A file's bytes, or InvalidFile with one line: missing, a folder (not `kind`), too large,
    unreadable. Every file the tool reads comes in this way."""
    try:
        if max_bytes is not None and (size := path.stat().st_size) > max_bytes:
            raise InvalidFile(gettext("%(where)s: refused: %(size)s MB is far larger than %(kind)s (at "
                                      "most %(max_bytes)s MB)")
                    % {"where": where, "size": f"{size / 1024 / 1024:.1f}", "kind": kind, "max_bytes": max_bytes // 1024 // 1024})
        return path.read_bytes()
    except FileNotFoundError:
        raise InvalidFile(gettext("%(where)s: no such file") % {"where": where}) from None
    except IsADirectoryError:
        raise InvalidFile(gettext("%(where)s: is a folder, not %(kind)s") % {"where": where, "kind": kind}) from None
    except PermissionError:
        raise InvalidFile(gettext("%(where)s: permission denied") % {"where": where}) from None
    except OSError as exc:
        raise InvalidFile(gettext("%(where)s: cannot be read (%(reason)s)")
                % {"where": where, "reason": exc.strerror or exc}) from None


def read_toml(path: Path) -> dict[str, Any]:
    """Parse a TOML file or raise InvalidFile with one precise line."""
    name = display(path)
    raw = read_file(path, name, f"a TOML file (to check the files in it: {name}/*.toml)")
    if b"\x00" in raw:
        raise InvalidFile(gettext("%(name)s: not a text file (it contains binary data)") % {"name": name})
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InvalidFile(gettext("%(name)s: not a UTF-8 text file (bad byte at offset %(start)s)")
                % {"name": name, "start": exc.start}) from None
    if not text.strip():
        raise InvalidFile(gettext("%(name)s: the file is empty") % {"name": name})
    try:
        return _remember(path, raw, tomllib.loads(text))
    except tomllib.TOMLDecodeError as exc:
        raise InvalidFile(_syntax_line(name, str(exc), text)) from None
    except RecursionError:
        raise InvalidFile(gettext("%(name)s: TOML syntax error: nested too deeply") % {"name": name}) from None
    except ValueError as exc:  # tomllib lets int()'s digit limit through (the CVE-2020-10735 guard)
        raise InvalidFile(_number_too_long(name, text, exc)) from None


_last: list[Any] = [None, b"", None]  # the last file parsed: (path, its bytes, what they parsed to)


def _remember(path: Path, raw: bytes, doc: dict[str, Any]) -> dict[str, Any]:
    _last[:] = [path, raw, doc]
    return doc


def read_toml_again(path: Path) -> dict[str, Any]:
    """read_toml for a file that may have been read just before, unchanged and unaltered since
    (`validate` looks into each file to tell a pattern library from a session, then checks it):
    the same bytes are parsed once. The parse is handed on once, then forgotten."""
    held, raw, doc = _last
    if held == path and doc is not None:
        _last[:] = [None, b"", None]
        try:
            if path.read_bytes() == raw:
                return doc
        except OSError:
            pass
    return read_toml(path)


_DIGIT_RUN = re.compile(r"[0-9][0-9_]*")


def _number_too_long(name: str, text: str, exc: ValueError) -> str:
    limit = sys.get_int_max_str_digits()
    for match in _DIGIT_RUN.finditer(text):
        digits = len(match[0].replace("_", ""))
        if digits > limit:
            start = match.start()
            line = text.count("\n", 0, start) + 1
            col = start - (text.rfind("\n", 0, start) + 1) + 1
            return f"{name}:{line}:{col}: TOML syntax error: a number with {digits} digits (at most {limit})"
    return f"{name}: TOML syntax error: {exc}"


def _syntax_line(name: str, message: str, text: str) -> str:
    match = _POSITION.match(message)
    if not match:
        return f"{name}: TOML syntax error: {message}"
    msg = match["msg"].rstrip(".")
    msg = msg[0].lower() + msg[1:]
    if match["line"]:
        return f"{name}:{match['line']}:{match['col']}: TOML syntax error: {msg}"
    lines = text.split("\n")
    line, col = len(lines), len(lines[-1]) + 1
    return f"{name}:{line}:{col}: TOML syntax error at the end of the file (is it cut short?): {msg}"


def write_atomically(path: Path, text: str, mode: int = 0o644) -> None:
    """Write `text` so that a crash leaves either the old file or the new one, never half.

    Temp file in the same folder, flush, fsync, rename, then fsync the folder.
    """
    write_bytes_atomically(path, text.encode("utf-8"), mode)


def write_bytes_atomically(path: Path, data: bytes, mode: int = 0o644) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    sweep_temp_files(path.parent)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    try:
        dir_fd = os.open(path.parent, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)


# exactly what mkstemp(prefix=".NAME.", suffix=".tmp") makes: a dot, the name, 8 random characters
_OUR_TEMP = re.compile(r"^\..+\.[a-z0-9_]{8}\.tmp$")
# a live writer holds its temp file for milliseconds; one this old was left by a crash
TEMP_FILE_MAX_AGE = 60.0


def sweep_temp_files(folder: Path, now: float | None = None) -> list[Path]:
    """Remove the temp files a crash left in `folder`; return what was removed.

    Only files named the way this module (and the run lock) names its temp files, and only
    ones untouched for a minute, so another writer's temp file in progress is never taken.
    """
    now = time.time() if now is None else now
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        if not _OUR_TEMP.match(entry.name):
            continue
        try:
            if not entry.is_file(follow_symlinks=False):
                continue
            if now - entry.stat(follow_symlinks=False).st_mtime < TEMP_FILE_MAX_AGE:
                continue
            os.unlink(entry.path)
        except OSError:
            continue  # gone already, or not ours to remove: the write goes on
        removed.append(Path(entry.path))
    return removed


def dumps(data: dict[str, Any]) -> str:
    return tomli_w.dumps(data, multiline_strings=True)
