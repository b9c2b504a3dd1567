"""Reading the meeting rhythm a pair agreed ("weekly for the first month, then monthly").

The agreement's cadence term is free text, so this reads the common ways people say it:
"weekly", "every two weeks", "fortnightly", "monthly", "twice a month", "3 times a
month", "every other week", "once a quarter", and phases joined by "then" with a length
("for the first month", "for 6 weeks"). Text it cannot read gives None: the caller says
so instead of guessing.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date

WEEKS = {"day": 1 / 7, "week": 1.0, "fortnight": 2.0, "month": 52 / 12, "quarter": 13.0, "year": 52.0}
NUMBERS = {
    "a": 1, "an": 1, "one": 1, "once": 1, "two": 2, "twice": 2, "three": 3, "thrice": 3, "four": 4,
    "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "other": 2,
}
_UNIT = r"(day|week|fortnight|month|quarter|year)s?"
_NUM = r"(\d+|" + "|".join(NUMBERS) + r")"
_ADVERBS = {  # "weekly" -> "every week"
    r"\b(?:bi-?weekly|fortnightly)\b": "every 2 weeks",
    r"\bsemi-?monthly\b": "2 times a month",
    r"\bdaily\b": "every day",
    r"\bweekly\b": "every week",
    r"\bmonthly\b": "every month",
    r"\bquarterly\b": "every quarter",
    r"\b(?:yearly|annually)\b": "every year",
}
_TIMES = re.compile(rf"\b{_NUM}(?: (?:times?|meetings?|sessions?|calls?))? (?:a|an|per|each|every) {_UNIT}\b")
_EVERY = re.compile(rf"\b(?:every|each) (?:{_NUM} )?{_UNIT}\b")
_SPAN = re.compile(rf"\b(?:for|in|during|over)(?: the)?(?: first| next)?(?: {_NUM})? {_UNIT}\b")
_SPLIT = re.compile(r"\bthen\b|\bafter that\b|\bafterwards\b|\bthereafter\b|;")


@dataclass(frozen=True)
class Phase:
    per_week: float
    weeks: float | None  # None: until the end


def _number(word: str | None) -> float:
    if not word:
        return 1.0
    return float(word) if word.isdigit() else float(NUMBERS[word])


def parse_cadence(text: str) -> list[Phase] | None:
    """The phases of a rhythm, or None when the text says no rhythm we can read."""
    text = text.lower().replace("’", "'")
    for pattern, plain in _ADVERBS.items():
        text = re.sub(pattern, plain, text)
    phases = []
    for segment in _SPLIT.split(text):
        span = _SPAN.search(segment)
        rest = segment[:span.start()] + segment[span.end():] if span else segment
        rate = None
        if m := _TIMES.search(rest):
            rate = _number(m[1]) / WEEKS[m[2]]
        elif m := _EVERY.search(rest):
            rate = 1 / (_number(m[1]) * WEEKS[m[2]])
        if rate is None:
            continue
        weeks = _number(span[1]) * WEEKS[span[2]] if span else None
        phases.append(Phase(rate, weeks))
    return phases or None


def expected_meetings(phases: list[Phase], weeks: float) -> int:
    """How many meetings the rhythm means over `weeks` since the kickoff (whole meetings)."""
    total, left = 0.0, weeks
    for phase in phases:
        span = left if phase.weeks is None else min(phase.weeks, left)
        total += span * phase.per_week
        left -= span
        if left <= 0:
            break
    return math.floor(total + 1e-9)


def expected_from_term(term: str, weeks: float) -> int | None:
    """Expected meetings for an agreement term; a term where the two parties wrote different
    rhythms ("Mentor: monthly" / "Mentee: weekly") counts the smaller expectation."""
    counts = []
    for line in [line for line in term.splitlines() if line.strip()] or [term]:
        phases = parse_cadence(line.split(":", 1)[1] if re.match(r"^\s*\w+:\s", line) else line)
        if phases:
            counts.append(expected_meetings(phases, weeks))
    return min(counts) if counts else None


def weeks_between(start: str, end: str) -> float | None:
    """Weeks from one ISO date (or timestamp) to another; None when either is unreadable."""
    try:
        return (date.fromisoformat(end[:10]) - date.fromisoformat(start[:10])).days / 7
    except ValueError:
        return None
