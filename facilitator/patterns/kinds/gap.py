"""`gap`: two roles answer the same question at least `min` points apart."""

from __future__ import annotations

from typing import Annotated

import msgspec
from msgspec import Meta

from facilitator.model import Id, Measure
from facilitator.patterns.context import Asked, RunView
from facilitator.patterns.evaluation import NOT_APPLICABLE, Hit, Missing, Outcome
from facilitator.patterns.evaluation import cite, points, template_values, unanswered
from facilitator.patterns.kinds.base import COMMON, PAIR, RuleKind, RuleTable
from facilitator.patterns.text import quote


class Gap(RuleTable, tag="gap", kw_only=True):
    """Two roles answer the same question at least `min` points apart."""

    measures: list[Measure] = msgspec.field(default_factory=list)  # empty: every rating both answer
    roles: Annotated[list[Id], Meta(min_length=2, max_length=2)] = msgspec.field(
        default_factory=lambda: ["mentor", "mentee"])
    min: Annotated[float, Meta(gt=0, le=10000)] = 2
    # counts: the difference must also be this share of the larger answer (6 and 4 are close, 3 and 1 are not)
    min_share: Annotated[float, Meta(ge=0, le=1)] = 0


def _gap(rule: Gap, view: RunView) -> Outcome:
    a, b = rule.roles
    wanted = set(rule.measures)
    people = dict((r, p) for p, r in reversed(view.people))
    if a not in people or b not in people:
        return NOT_APPLICABLE
    out = Outcome(applicable=False)
    key = ("gap", a, b, tuple(rule.measures))
    if key not in view.index.memo:
        grouped: dict[str, list[Asked]] = {}
        for x in view.index.by_code.values():
            if x.measure and (x.measure in wanted if wanted else x.rating) and x.numeric \
                    and a in x.roles and b in x.roles:
                grouped.setdefault(x.measure, []).append(x)
        view.index.memo[key] = grouped
    by_measure: dict[str, list[Asked]] = view.index.memo[key]  # type: ignore[assignment]
    for measure, every in by_measure.items():
        asked = [x for x in every if x.step in view.reached]
        if not asked:
            continue
        out.applicable = True
        any_answer = False
        for x in asked:
            ea, eb = view.answer(x.code, people[a]), view.answer(x.code, people[b])
            if ea is None and eb is None:
                continue
            any_answer = True
            if ea is None or eb is None:
                out.missing.append(Missing(measure, a if ea is None else b, (x.code,)))
                continue
            va, vb = points(x.question, ea.value), points(x.question, eb.value)
            if va is not None and vb is not None and abs(va - vb) >= rule.min \
                    and abs(va - vb) >= rule.min_share * max(abs(va), abs(vb)):
                said = [(x, people[a], a, ea.value), (x, people[b], b, eb.value)]
                values = template_values(view, said, gap=f"{abs(va - vb):g}", **{a: quote(ea.value), b: quote(eb.value)})
                out.hits.append(Hit(values, [cite(view, x, people[a], a, ea), cite(view, x, people[b], b, eb)]))
        if not any_answer:
            out.missing += unanswered(view, measure, asked, rule.roles)
    return out


def _check(rule: Gap) -> list[tuple[str, str]]:
    return [("roles", "a gap needs two different roles")] if rule.roles[0] == rule.roles[1] else []


GAP = RuleKind(Gap, PAIR, _gap, lambda rule: COMMON | {"gap", *rule.roles}, measures=("measures",), check=_check)
