"""Text a participant or facilitator reads in the bundled library names no source article."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

SESSIONS = sorted((Path(__file__).resolve().parent.parent / "sessions").glob("*.toml"))
SOURCE_NAME = re.compile(r"\bseeds?\b|\bseed ?\d{3}\b", re.IGNORECASE)


def _strings(value, where=""):
    if isinstance(value, str):
        yield where, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, f"{where}.{key}" if where else key)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _strings(item, f"{where}[{i + 1}]")


@pytest.mark.parametrize("path", SESSIONS, ids=lambda p: p.stem)
def test_no_source_names_in_what_people_read(path):
    found = [f"{where}: {text[:60]!r}" for where, text in _strings(tomllib.loads(path.read_text("utf-8")))
             if SOURCE_NAME.search(text)]
    assert not found, found
