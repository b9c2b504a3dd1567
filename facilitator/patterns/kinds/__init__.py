"""The rule kinds, registered once: each module holds a kind's table, its evaluator and its entry.

    gap.py         gap           two roles a few points apart
    questions.py   level, choice each asked question on its own
    text.py        text          answers that say nothing
    keywords.py    keywords      words or themes in text answers
    exceeds.py     exceeds       one role's answer above another's
    overlap.py     overlap       two roles' text answers share few words
    term.py        term          an agreement term written (or not): a condition inside `all`
    cadence.py     cadence       meetings held against the agreed rhythm
    streak.py      streak        the same answer in consecutive cohort meetings
    absence.py     absence       marked absent at consecutive cohort meetings
    prevalence.py  prevalence    a pair pattern across a cohort (program level)
    combined.py    any, all      rules made of rules

A new kind is a module with a `RuleTable` subclass (its tag is the `kind` name), an
evaluator `(rule, RunView) -> Outcome` and a `RuleKind` entry, added to REGISTRY below.
Loading and checking patterns.toml (facilitator.patterns.library) reads everything else
from the entry: the levels, the placeholders, the measure fields and any extra check.
"""

from __future__ import annotations

from typing import Any, Union

from facilitator.patterns.evaluation import NOT_APPLICABLE
from facilitator.patterns.kinds import (absence, cadence, combined, exceeds, gap, keywords, overlap, prevalence,
                                        questions, streak, term, text)
from facilitator.patterns.kinds.base import LEVELS, RuleKind

# In this order the kinds are listed in messages and docs.
REGISTRY: tuple[RuleKind, ...] = (
    gap.GAP, questions.LEVEL, questions.CHOICE, text.TEXT, keywords.KEYWORDS, exceeds.EXCEEDS, overlap.OVERLAP,
    term.TERM, cadence.CADENCE, streak.STREAK, absence.ABSENCE, prevalence.PREVALENCE, combined.ANY, combined.ALL,
)

BY_NAME: dict[str, RuleKind] = {k.name: k for k in REGISTRY}
_BY_TABLE: dict[type, RuleKind] = {k.table: k for k in REGISTRY}
RULE_KINDS = tuple(BY_NAME)

Rule = Union[tuple(k.table for k in REGISTRY)]  # type: ignore[valid-type]  # a tagged union on `kind`


def kind_of(rule: Any) -> RuleKind:
    return _BY_TABLE[type(rule)]


def evaluate(rule: Any, view: Any) -> Any:
    """The rule's Outcome on one run (a RunView); not applicable at the session kinds it skips."""
    if rule.not_at and view.index.session.kind in rule.not_at:
        return NOT_APPLICABLE
    return _BY_TABLE[type(rule)].evaluate(rule, view)


def placeholders(rule: Any) -> frozenset[str]:
    """What an evidence template may name for this rule."""
    offered = kind_of(rule).placeholders
    return offered(rule) if callable(offered) else offered


def walk(rule: Any):
    """The rule and every rule inside it."""
    yield rule
    for sub in getattr(rule, "rules", ()):
        yield from walk(sub)


def own_measures(rule: Any) -> list[tuple[str, str]]:
    """(field, measure) for every measure the rule itself names (not the rules inside it)."""
    out = []
    for name in kind_of(rule).measures:
        named = getattr(rule, name)
        out += [(name, m) for m in named] if isinstance(named, list) else [(name, named)]
    return out


def measures_of(rule: Any) -> list[tuple[str, str]]:
    """(field, measure) for every measure a rule names, the rules inside it too."""
    return [m for r in walk(rule) for m in own_measures(r)]


__all__ = ["BY_NAME", "LEVELS", "REGISTRY", "RULE_KINDS", "Rule", "RuleKind", "evaluate", "kind_of", "measures_of",
           "own_measures", "placeholders", "walk"]
