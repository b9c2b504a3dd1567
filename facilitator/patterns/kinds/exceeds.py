"""`exceeds`: one role's answer is above another's (ratings, counts, or the order of a choice's options)."""

from __future__ import annotations

from typing import Annotated, Any

from msgspec import Meta

from facilitator import model
from facilitator.model import Id, Measure
from facilitator.patterns.context import RunView
from facilitator.patterns.evaluation import NOT_APPLICABLE, Hit, Missing, Outcome, cite, points, template_values
from facilitator.patterns.kinds.base import COMMON, PAIR, RuleKind, RuleTable
from facilitator.patterns.text import quote


class Exceeds(RuleTable, tag="exceeds", kw_only=True):
    """One role's answer is above another's (ratings, counts, or the order of a choice's options)."""

    measure: Measure
    role: Id
    over: Measure
    over_role: Id
    by: Annotated[float, Meta(gt=0, le=100)] = 1


def _exceeds(rule: Exceeds, view: RunView) -> Outcome:
    people = dict((r, p) for p, r in reversed(view.people))
    left = [x for x in view.asked(rule.measure) if rule.role in x.roles]
    right = [x for x in view.asked(rule.over) if rule.over_role in x.roles]
    if not left or not right or rule.role not in people or rule.over_role not in people:
        return NOT_APPLICABLE
    pl, pr = people[rule.role], people[rule.over_role]
    found = []
    for side, person, role in ((left, pl, rule.role), (right, pr, rule.over_role)):
        answered = [(x, e) for x in side if (e := view.answer(x.code, person)) is not None]
        found.append(answered[0] if answered else None)
    if None in found:
        return Outcome(missing=[Missing(m, r, tuple(x.code for x in side)) for (side, m, r), f in
                                zip(((left, rule.measure, rule.role), (right, rule.over, rule.over_role)), found)
                                if f is None])
    (xl, el), (xr, er) = found
    vl, vr = _rank(xl.question, el.value), _rank(xr.question, er.value)
    if vl is None or vr is None or vl - vr < rule.by:
        return Outcome()
    said = [(xl, pl, rule.role, el.value), (xr, pr, rule.over_role, er.value)]
    values = template_values(view, said, "vs", by=f"{vl - vr:g}", **{rule.role: quote(el.value), rule.over_role: quote(er.value)})
    return Outcome(hits=[Hit(values, [cite(view, xl, pl, rule.role, el), cite(view, xr, pr, rule.over_role, er)])])


def _rank(q: model.Question, value: Any) -> float | None:
    """A comparable number: a choice's position among its options, else the answer's points."""
    if isinstance(q, model.ChoiceQuestion):
        return float(q.options.index(value)) if value in q.options else None
    return points(q, value)


EXCEEDS = RuleKind(Exceeds, PAIR, _exceeds, lambda rule: COMMON | {"by", rule.role, rule.over_role},
                   measures=("measure", "over"))
