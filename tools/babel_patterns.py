"""A Babel extractor for the pattern library (facilitator/data/patterns.toml): every text a
person reads goes into the catalogue (babel.cfg names it; `make messages` runs it): each
pattern's name, description, evidence template and suggested questions, the labels evidence
and the report give measures, and the names of challenge themes. Role placeholders
(`{Mentor}`) and evidence placeholders (`{code}`) stay in the translation: they are filled
after translating. A workspace's own patterns.toml is never extracted or translated."""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from typing import Any, BinaryIO

FIELDS = ("name", "description", "evidence")


def extract(fileobj: BinaryIO, keywords: Any, comment_tags: Any, options: Any) -> Iterator[tuple]:
    text = fileobj.read().decode("utf-8")
    library = tomllib.loads(text)
    lines = text.splitlines()

    def line_of(start: str, after: int = 0) -> int:
        return next((n for n, line in enumerate(lines, 1) if n > after and line.strip().startswith(start)), after)

    labels_at = line_of("[labels]")
    for measure, label in library.get("labels", {}).items():
        if isinstance(label, str) and label.strip():
            yield line_of(f"{measure} =", labels_at), "gettext", label, [f"pattern label: {measure}"]
    for pattern in library.get("patterns", []):
        pid = pattern.get("id")
        at = line_of(f'id = "{pid}"')
        for field in FIELDS:
            if isinstance(pattern.get(field), str) and pattern[field].strip():
                yield at, "gettext", pattern[field], [f"pattern {pid}: {field}"]
        for question in pattern.get("questions", []):
            if isinstance(question, str) and question.strip():
                yield at, "gettext", question, [f"pattern {pid}: question"]
        for theme in _themes(pattern.get("rule", {})):
            yield at, "gettext", theme, [f"pattern {pid}: a challenge theme"]


def _themes(rule: Any) -> Iterator[str]:
    if not isinstance(rule, dict):
        return
    yield from (t for t in rule.get("themes", {}) if t.strip())
    for sub in rule.get("rules", []):
        yield from _themes(sub)
