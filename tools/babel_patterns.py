"""A Babel extractor for the pattern library (facilitator/data/patterns.toml): each pattern's
name and description, which shared summaries and the report print, go into the catalogue
(babel.cfg names it; `make messages` runs it). The questions a pattern suggests are shown on
screen only, and stay English for now."""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from typing import Any, BinaryIO

FIELDS = ("name", "description")


def extract(fileobj: BinaryIO, keywords: Any, comment_tags: Any, options: Any) -> Iterator[tuple]:
    data = fileobj.read()
    library = tomllib.loads(data.decode("utf-8"))
    lines = data.decode("utf-8").splitlines()
    for pattern in library.get("patterns", []):
        at = next((n for n, line in enumerate(lines, 1) if line.strip() == f'id = "{pattern.get("id")}"'), 0)
        for field in FIELDS:
            if isinstance(pattern.get(field), str) and pattern[field].strip():
                yield at, "gettext", pattern[field], [f"pattern {pattern.get('id')}: {field}"]
