"""What every rule kind is made of: its table in patterns.toml, and its entry in the registry."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any, Literal

import msgspec
from msgspec import Meta

from facilitator.model import Id, Kind as SessionKind, Measure, Strict

LEVELS = ("pair", "cohort", "program")
PAIR, PAIR_OR_COHORT = ("pair",), ("pair", "cohort")

Match = Literal["all", "any"]
Points = Annotated[float, Meta(ge=0, le=10)]
Amount = Annotated[float, Meta(ge=0, le=100000)]  # a rating's points, a count or a number (hours, %)
Share = Annotated[float, Meta(gt=0, le=1)]

# the {placeholders} every kind that cites answers offers to the evidence template
COMMON = frozenset({"label", "measure", "code", "question", "values", "who"})


class RuleTable(Strict, tag_field="kind", kw_only=True):
    """The base of a rule kind's table: its `kind = "..."` is the struct's tag.

    `not_at` names session kinds where the rule is not checked: a closing is meant to end
    the relationship, so "it has run its course" says nothing there."""

    not_at: list[SessionKind] = msgspec.field(default_factory=list)


class AnswersRule(RuleTable, kw_only=True):
    """A rule about the answers to some measures, from some roles."""

    measures: Annotated[list[Measure], Meta(min_length=1)]
    roles: list[Id] = msgspec.field(default_factory=list)  # empty: everyone who answers


@dataclass(frozen=True)
class RuleKind:
    """One rule kind, all in one place: the registry (facilitator.patterns.kinds) lists these."""

    table: type[RuleTable]  # what a `rule` table of this kind may say; its tag is the kind's name
    levels: tuple[str, ...]  # the pattern levels where the kind makes sense
    evaluate: Callable[[Any, Any], Any]  # (rule, RunView) -> Outcome
    # the {names} an evidence template may use: a set, or made from the rule (a gap offers its roles)
    placeholders: frozenset[str] | Callable[[Any], frozenset[str]] = COMMON
    measures: tuple[str, ...] = ()  # the fields naming measures (a list or one), checked against the sessions
    check: Callable[[Any], list[tuple[str, str]]] = lambda rule: []  # (field, problem) the table's types cannot say
    advise: Callable[[Any], list[tuple[str, str]]] = lambda rule: []  # (field, warning): allowed, but likely misfires
    gate: bool = False  # a condition, not a finding: inside `all` its placeholders add to the others'

    @property
    def name(self) -> str:
        return self.table.__struct_config__.tag
