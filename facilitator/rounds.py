"""A round: the room takes turns (each mentor here, or each timed part of a consult).

A turn's clock is the step's clock counted from the moment the turn began. So it starts
when the step's clock starts (space), stands still while that is paused, and a run
reopened tomorrow finds it where it was: the record keeps only who has the floor and the
step clock's reading when they took it (`records.Floor`).
"""

from __future__ import annotations

from dataclasses import dataclass

from facilitator import model
from facilitator.records import Floor as Kept


@dataclass(frozen=True)
class Turn:
    key: str  # a person's id, or a part's number ("1"...)
    seconds: float
    part: model.RoundPart | None = None


@dataclass(frozen=True)
class Floor:
    """The round as it stands: the turns in order, whose turn it is, and that turn's clock."""

    turns: tuple[Turn, ...]
    current: int | None  # None once everyone has had their turn
    elapsed: float  # of the current turn
    running: bool
    ends_at: float  # what the step's clock shows (seconds left) when the current turn's time is up

    @property
    def turn(self) -> Turn | None:
        return None if self.current is None else self.turns[self.current]

    @property
    def remaining(self) -> float:
        """Seconds left in the current turn; negative once it runs over."""
        turn = self.turn
        return (turn.seconds - self.elapsed) if turn else 0.0

    @property
    def by_parts(self) -> bool:
        return any(t.part for t in self.turns)

    @property
    def over(self) -> bool:
        return self.current is None

    def spoken(self, index: int) -> bool:
        return self.current is None or index < self.current


def turns(step: model.RoundRobinStep, present: list[str]) -> tuple[Turn, ...]:
    """A round of parts goes through its parts; else each person here speaks, in seating order."""
    if step.parts:
        return tuple(Turn(str(i), part.minutes * 60, part) for i, part in enumerate(step.parts, 1))
    return tuple(Turn(person, step.speaker_minutes * 60.0) for person in present)


def floor(step: model.RoundRobinStep, kept: Kept | None, present: list[str], step_elapsed: float,
          step_allowed: float, running: bool) -> Floor:
    order = turns(step, present)
    keys = [t.key for t in order]
    if (kept is not None and kept.over) or not order:
        return Floor(order, None, 0.0, running, step_allowed - step_elapsed)
    # nobody moved the floor yet: the first turn, from the step's start; a speaker since
    # marked absent hands it to the first one here
    current = keys.index(kept.speaker) if kept is not None and kept.speaker in keys else 0
    since = kept.since if kept is not None else 0.0
    if since > step_elapsed:  # the step's clock was reset: the turn starts again with it
        since = 0.0
    return Floor(order, current, step_elapsed - since, running, step_allowed - since - order[current].seconds)


def minutes_label(minutes: float) -> str:
    """3', 1½': a turn's length as the agenda writes minutes."""
    from facilitator.presentation import minutes_short

    return minutes_short(minutes)
