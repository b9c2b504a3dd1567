"""When an objective is due to start: read from the dates in the pair's agreement.

An objective planned for the second half (its first milestone's checkpoint date still
ahead, or a start date ahead in the objectives table) is not expected to show progress
yet, so low progress on it is not a stall. Dates are read as people write them in a
table cell: "2026-09-01", "1 September 2026", "Sep 1, 2026", "September 2026", "2026-09".
A cell that cannot be read gives no date, and the objective counts as due.
"""

from __future__ import annotations

import re
from datetime import date

from facilitator.agreements import Table, Version

_MONTHS = {m: i for i, m in enumerate(["january", "february", "march", "april", "may", "june", "july", "august",
                                        "september", "october", "november", "december"], 1)}
_MON = r"([a-z]{3,9})\.?"
_FORMS = [
    (re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b"), ("y", "m", "d")),
    (re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)? {_MON},? (\d{{4}})\b"), ("d", "mon", "y")),
    (re.compile(rf"\b{_MON} (\d{{1,2}})(?:st|nd|rd|th)?,? (\d{{4}})\b"), ("mon", "d", "y")),
    (re.compile(rf"\b{_MON},? (\d{{4}})\b"), ("mon", "y")),
    (re.compile(r"\b(\d{4})-(\d{1,2})\b"), ("y", "m")),
]
_START = re.compile(r"^(start|starts|starting|begin|begins|from|start date)\b", re.I)
_DATE_COLUMN = re.compile(r"date|checkpoint|when|due", re.I)


def read_date(text: str) -> date | None:
    plain = " ".join(text.lower().split())
    for pattern, parts in _FORMS:
        m = pattern.search(plain)
        if not m:
            continue
        got = dict(zip(parts, m.groups()))
        month = int(got["m"]) if "m" in got else _month(got["mon"])
        try:
            return date(int(got["y"]), month or 0, int(got.get("d", 1)))
        except ValueError:
            continue
    return None


def _month(word: str) -> int | None:
    return next((n for name, n in _MONTHS.items() if name.startswith(word) and len(word) >= 3), None)


def objective_number(cell: str) -> int | None:
    m = re.search(r"\d+", cell)
    return int(m[0]) if m else None


def starts_on(version: Version | None, n: int, milestones: str = "milestones", objectives: str = "objectives"
              ) -> date | None:
    """The first date objective `n` (1-based) is planned to show anything, when the agreement says."""
    if version is None:
        return None
    found: list[date] = []
    table = version.terms.get(milestones)
    if isinstance(table, Table) and len(table.columns) >= 2:
        cols = [i for i, c in enumerate(table.columns) if _DATE_COLUMN.search(c)] or [len(table.columns) - 1]
        for row in table.rows:
            if row and objective_number(row[0]) == n:
                found += [d for i in cols if i < len(row) and (d := read_date(row[i]))]
        if any(row and objective_number(row[0]) == n for row in table.rows) and not found:
            return None  # milestones without readable dates: nothing to go by
    table = version.terms.get(objectives)
    if isinstance(table, Table) and 0 < n <= len(table.rows):
        row = table.rows[n - 1]
        found += [d for i, c in enumerate(table.columns) if _START.search(c.strip()) and i < len(row)
                  and (d := read_date(row[i]))]
    return min(found) if found else None
