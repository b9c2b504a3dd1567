"""`overlap`: two roles' text answers share few of their words (a guess against the answer it guesses)."""

from __future__ import annotations

from typing import Annotated

from msgspec import Meta

from facilitator.model import Id, Measure
from facilitator.patterns.context import RunView
from facilitator.patterns.evaluation import NOT_APPLICABLE, Hit, Missing, Outcome, cite, template_values
from facilitator.patterns.kinds.base import COMMON, PAIR, RuleKind, RuleTable, Share
from facilitator.patterns.text import as_text, content_words, overlap, percent, quote


class Overlap(RuleTable, tag="overlap", kw_only=True):
    """`role`'s answer to `measure` and `other_role`'s answer to `other` share at most `at_most` of their words."""

    measure: Measure
    role: Id
    other: Measure
    other_role: Id
    at_most: Share = 0.34  # of the shorter answer's meaningful words, found in the other
    min_words: Annotated[int, Meta(ge=1, le=50)] = 2  # each answer needs this many meaningful words to compare


def _overlap(rule: Overlap, view: RunView) -> Outcome:
    people = dict((r, p) for p, r in reversed(view.people))
    left = [x for x in view.asked(rule.measure) if rule.role in x.roles]
    right = [x for x in view.asked(rule.other) if rule.other_role in x.roles]
    if not left or not right or rule.role not in people or rule.other_role not in people:
        return NOT_APPLICABLE
    found = []
    for side, role in ((left, rule.role), (right, rule.other_role)):
        answered = [(x, e) for x in side if (e := view.answer(x.code, people[role])) is not None
                    and as_text(e.value).strip()]
        found.append(answered[0] if answered else None)
    if None in found:
        return Outcome(missing=[Missing(m, r, tuple(x.code for x in side)) for (side, m, r), f in
                                zip(((left, rule.measure, rule.role), (right, rule.other, rule.other_role)), found)
                                if f is None])
    (xl, el), (xr, er) = found
    a, b = content_words(as_text(el.value)), content_words(as_text(er.value))
    if min(len(a), len(b)) < rule.min_words:
        return Outcome()  # too short to compare: a pattern would be a guess
    share = overlap(a, b)
    if share > rule.at_most:
        return Outcome()
    pl, pr = people[rule.role], people[rule.other_role]
    said = [(xl, pl, rule.role, el.value), (xr, pr, rule.other_role, er.value)]
    values = template_values(view, said, "vs", share=percent(share),
                             **{rule.role: quote(el.value), rule.other_role: quote(er.value)})
    return Outcome(hits=[Hit(values, [cite(view, xl, pl, rule.role, el), cite(view, xr, pr, rule.other_role, er)])])


OVERLAP = RuleKind(Overlap, PAIR, _overlap, lambda rule: COMMON | {"share", rule.role, rule.other_role},
                   measures=("measure", "other"))
