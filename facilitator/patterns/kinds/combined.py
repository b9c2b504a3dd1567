"""`any` and `all`: rules made of other rules."""

from __future__ import annotations

from typing import Annotated

from msgspec import Meta

from facilitator.patterns import kinds
from facilitator.patterns.context import RunView
from facilitator.patterns.evaluation import NOT_APPLICABLE, Outcome
from facilitator.patterns.kinds.base import LEVELS, RuleKind, RuleTable


class AnyOf(RuleTable, tag="any", kw_only=True):
    """At least `min` of the rules hold."""

    rules: Annotated[list[kinds.Rule], Meta(min_length=1)]
    min: Annotated[int, Meta(ge=1)] = 1


class AllOf(RuleTable, tag="all", kw_only=True):
    """Every rule holds."""

    rules: Annotated[list[kinds.Rule], Meta(min_length=1)]


def _any(rule: AnyOf, view: RunView) -> Outcome:
    outcomes = [o for o in (kinds.evaluate(r, view) for r in rule.rules) if o.applicable]
    if len(outcomes) < rule.min:
        return NOT_APPLICABLE
    fired = [o for o in outcomes if o.hits]
    undecided = [o for o in outcomes if not o.hits and o.missing]
    if len(fired) >= rule.min:
        return Outcome(hits=[h for o in fired for h in o.hits])
    if len(fired) + len(undecided) >= rule.min:
        return Outcome(missing=[m for o in undecided for m in o.missing])
    return Outcome()


def _all(rule: AllOf, view: RunView) -> Outcome:
    outcomes = [kinds.evaluate(r, view) for r in rule.rules]
    if not all(o.applicable for o in outcomes):
        return NOT_APPLICABLE
    if any(not o.hits and not o.missing for o in outcomes):
        return Outcome()
    if all(o.hits for o in outcomes):
        hits = [h for o in outcomes for h in o.hits]
        gates, found = [h for h in hits if h.gate], [h for h in hits if not h.gate]
        for h in found:  # a condition (the agreed term) is cited beside the answers it qualifies
            for g in gates:
                for k, v in g.values.items():
                    h.values.setdefault(k, v)
                h.evidence = [*h.evidence, *g.evidence]
        return Outcome(hits=found or gates)
    return Outcome(missing=[m for o in outcomes if not o.hits for m in o.missing])


def _offers(rule: AnyOf | AllOf) -> frozenset[str]:
    """What every part offers: any part may be the one whose values fill the template; inside
    `all`, a condition's (a gate's) placeholders add to what the other parts offer."""
    gates = [r for r in rule.rules if isinstance(rule, AllOf) and kinds.kind_of(r).gate]
    parts = [r for r in rule.rules if r not in gates] or gates
    offered = frozenset.intersection(*(kinds.placeholders(r) for r in parts))
    return offered.union(*(kinds.placeholders(r) for r in gates))


def _check_any(rule: AnyOf) -> list[tuple[str, str]]:
    if rule.min > len(rule.rules):
        return [("min", f"min is {rule.min} but there are only {len(rule.rules)} rules")]
    return []


ANY = RuleKind(AnyOf, LEVELS, _any, _offers, check=_check_any)
ALL = RuleKind(AllOf, LEVELS, _all, _offers)
