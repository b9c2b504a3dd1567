"""The demo's building blocks: a cohort's calendar, a run's answers, a pair's story."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")


@dataclass(frozen=True)
class _Dates:
    """A cohort's calendar: its kickoff some weeks before today, and its midpoint and closing weeks."""

    today: date
    weeks_ago: int  # the kickoff
    midpoint: int  # week of the midpoint reviews, counted from the kickoff
    closing: int  # week of the closing sessions

    @property
    def kickoff(self) -> date:
        return self.today - timedelta(weeks=self.weeks_ago)

    def on(self, weeks_after_kickoff: float) -> date:
        return self.kickoff + timedelta(days=round(weeks_after_kickoff * 7))

    def day(self, weeks_after_kickoff: float) -> str:
        d = self.on(weeks_after_kickoff)
        return f"{d.day} {_MONTHS[d.month - 1]} {d.year}"

    def month(self, weeks_after_kickoff: float) -> str:
        d = self.on(weeks_after_kickoff)
        return f"{_MONTHS[d.month - 1]} {d.year}"

    def moment(self, weeks_after_kickoff: float, at: str) -> datetime:
        """Local date and time, `at` weeks after the kickoff (a naive datetime is local time)."""
        return datetime.combine(self.on(weeks_after_kickoff), time.fromisoformat(at))


def _spring(today: date) -> _Dates:
    return _Dates(today, weeks_ago=27, midpoint=13, closing=26)


def _autumn(today: date) -> _Dates:
    return _Dates(today, weeks_ago=12, midpoint=6, closing=11)


# ---------------------------------------------------------------- the story, as data


@dataclass
class _Run:
    mentor: dict[str, Any] = field(default_factory=dict)
    mentee: dict[str, Any] = field(default_factory=dict)
    note: str = ""
    actions: list[tuple[str, str, int, str]] = field(default_factory=list)  # what, who, due (days after run), status
    revised: dict[str, str] = field(default_factory=dict)  # term the mentee rewrote: why it changed
    confirmed: list[str] = field(default_factory=list)
    week: float = 0  # when it took place: weeks after the cohort's kickoff
    at: str = "10:00"  # and the local time it began


@dataclass
class _PairStory:
    id: str
    mentor: tuple[str, str]  # id, name
    mentee: tuple[str, str]
    expectations: _Run
    midpoint: _Run | None  # finished
    open_midpoint: _Run | None = None  # left at the reflection step
    closing: _Run | None = None  # finished
    ending: str = ""  # "completed" or "early", recorded in program.toml with the closing's date


CHECK_IN = [
    "Is our meeting structure working for you?",
    "Is there something you need that we are not getting to?",
    "Is there something I could do differently?",
]
