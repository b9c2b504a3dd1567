"""`text`: text answers that say nothing (blank, generic, very short), optionally while ratings are high."""

from __future__ import annotations

import math
from typing import Annotated

import msgspec
from msgspec import Meta

from facilitator.model import Measure, Text
from facilitator.patterns.context import Asked, RunView
from facilitator.patterns.evaluation import NOT_APPLICABLE, Hit, Missing, Outcome
from facilitator.patterns.evaluation import asked_and_who, cite, each_and, points, template_values
from facilitator.patterns.kinds.base import COMMON, PAIR_OR_COHORT, AnswersRule, Match, Points, RuleKind
from facilitator.patterns.text import as_text, normalise, quote, says_nothing
from facilitator.records import Entry


class TextRule(AnswersRule, tag="text", kw_only=True):
    """Text answers that say nothing (blank, generic, very short), optionally while ratings are high."""

    match: Match = "all"
    blank: bool = True  # an empty box counts as saying nothing
    generic: bool = True  # "nothing", "n/a", "all good", "-", ... count as saying nothing
    phrases: list[Text] = msgspec.field(default_factory=list)  # more answers that say nothing
    max_words: Annotated[int, Meta(ge=0, le=50)] = 0  # answers this short count too (0: off)
    ratings_at_least: Points | None = None  # ... while every rating of the same person is this high
    ratings: list[Measure] = msgspec.field(default_factory=list)  # which ratings (empty: all they gave)
    # ratings needed: this many, or all of them when the session asks fewer (never under 2:
    # a session asking one rating or none says too little, and the rule does not apply)
    min_ratings: Annotated[int, Meta(ge=1, le=50)] = 3
    # with match = "any": how many people must say nothing, as a number and a share of those answering
    min_people: Annotated[int, Meta(ge=1, le=1000)] = 1
    min_share: Annotated[float, Meta(ge=0, le=1)] = 0


def _text(rule: TextRule, view: RunView) -> Outcome:
    asked, people = asked_and_who(view, rule.measures, rule.roles)
    if not people:
        return NOT_APPLICABLE
    phrases = frozenset(normalise(p) for p in rule.phrases)
    out = Outcome()
    qualifying: list[tuple[str, str, list, list]] = []
    refused = False
    answering = 0
    listed_of: dict[str, list[Asked]] = {}
    if rule.ratings_at_least is not None:
        for _, role in people:
            listed_of[role] = [x for x in view.index.by_code.values() if x.rating and role in x.roles
                               and x.step in view.reached and (not rule.ratings or x.measure in rule.ratings)]
        if all(len(listed) < 2 for listed in listed_of.values()):
            return NOT_APPLICABLE
    for person, role in people:
        mine = [x for x in asked if role in x.roles]
        if not view.answered_in(person, {x.step for x in mine}):
            out.missing += [Missing(x.measure, role, (x.code,)) for x in mine]
            continue
        answering += 1
        texts = [(x, view.answer(x.code, person)) for x in mine]
        if not all(says_nothing(as_text(e.value), phrases, rule.generic, rule.max_words) if e else rule.blank
                   for _, e in texts):
            refused = True
            continue
        ratings: list[tuple[Asked, Entry]] = []
        if rule.ratings_at_least is not None:
            listed = listed_of[role]
            ratings = [(x, e) for x in listed if (e := view.answer(x.code, person)) is not None]
            if len(listed) < 2:
                refused = True
                continue
            if len(ratings) < min(rule.min_ratings, len(listed)):
                out.missing.append(Missing(", ".join(rule.ratings) or "ratings", role))
                continue
            if min(points(x.question, e.value) for x, e in ratings) < rule.ratings_at_least:
                refused = True
                continue
        qualifying.append((person, role, texts, ratings))
    if rule.match == "all" and (refused or out.missing):
        return Outcome(missing=[] if refused else out.missing)
    if not qualifying:
        return Outcome(missing=out.missing)
    if len(qualifying) < max(rule.min_people, math.ceil(rule.min_share * answering - 1e-9)):
        return Outcome()
    said = [(x, p, r, e.value if e else "") for p, r, texts, _ in qualifying for x, e in texts]
    rated = [points(x.question, e.value) for *_, ratings in qualifying for x, e in ratings]
    counts = sorted({len(ratings) for *_, ratings in qualifying})
    values = template_values(view, said, text=", ".join(quote(v) for *_, v in said),
                             lowest=f"{min(rated):g}" if rated else "",
                             ratings=each_and([str(n) for n in counts]),
                             asked=str(max((len(v) for v in listed_of.values()), default=0)),
                             count=str(len(qualifying)), total=str(answering))
    evidence = [cite(view, x, p, r, e) for p, r, texts, ratings in qualifying for x, e in [*texts, *ratings]]
    return Outcome(hits=[Hit(values, evidence)])


TEXT = RuleKind(TextRule, PAIR_OR_COHORT, _text, COMMON | {"text", "lowest", "ratings", "asked", "count", "total"},
                measures=("measures", "ratings"))
