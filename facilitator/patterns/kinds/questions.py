"""`level` and `choice`: each asked question on its own, a value at or past a threshold or one of some options."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

import msgspec
from msgspec import Meta

from facilitator.model import Text
from facilitator.patterns.context import Asked, RunView
from facilitator.patterns.evaluation import Hit, Missing, Outcome, cite, points, template_values, unanswered
from facilitator.patterns.kinds.base import COMMON, PAIR_OR_COHORT, AnswersRule, Match, Points, RuleKind
from facilitator.patterns.text import as_text
from facilitator.records import Entry


class LevelRule(AnswersRule, tag="level", kw_only=True):
    """Answers at or below / at or above a value: from every role (`all`) or from one (`any`)."""

    at_most: Points | None = None
    at_least: Points | None = None
    match: Match = "all"


class Choice(AnswersRule, tag="choice", kw_only=True):
    """A choice answered with one of `values`."""

    values: Annotated[list[Text], Meta(min_length=1)]
    match: Match = "any"


def per_question(view: RunView, measures: list[str], roles: list[str], numeric: bool, match: str,
                 holds: Callable[[Asked, Entry], bool]) -> Outcome:
    """Each asked question, who answered, who did not: a hit when the answers that hold are
    from one person (`any`) or from everyone asked (`all`); missing when a silent one could tip it."""
    out = Outcome(applicable=False)
    for measure in measures:
        asked = [x for x in view.asked(measure) if (not numeric or x.numeric) and view.people_for(x, roles)]
        if not asked:
            continue
        out.applicable = True
        any_answer = False
        for x in asked:
            people = view.people_for(x, roles)
            answered = [(p, r, e) for p, r in people if (e := view.answer(x.code, p)) is not None]
            if not answered:
                continue
            any_answer = True
            silent = [(p, r) for p, r in people if view.answer(x.code, p) is None]
            chosen = [a for a in answered if holds(x, a[2])]
            if match == "any":
                undecided = bool(silent)
            else:
                undecided = len(chosen) == len(answered)
                chosen = chosen if undecided and not silent else []
            if chosen:
                said = [(x, p, r, e.value) for p, r, e in chosen]
                out.hits.append(Hit(template_values(view, said), [cite(view, x, p, r, e) for p, r, e in chosen]))
            elif undecided:
                out.missing += [Missing(measure, r, (x.code,)) for _, r in silent]
        if not any_answer:
            out.missing += unanswered(view, measure, asked, roles)
    return out


def _level(rule: LevelRule, view: RunView) -> Outcome:
    def holds(x: Asked, e: Entry) -> bool:
        v = points(x.question, e.value)
        if v is None:
            return False
        return v <= rule.at_most if rule.at_most is not None else v >= rule.at_least

    out = per_question(view, rule.measures, rule.roles, True, rule.match, holds)
    threshold = rule.at_most if rule.at_most is not None else rule.at_least
    for hit in out.hits:
        hit.values["threshold"] = f"{threshold:g}"
    return out


def _choice(rule: Choice, view: RunView) -> Outcome:
    wanted = set(rule.values)

    def picked(value: Any) -> list[str]:
        return [v for v in (value if isinstance(value, list) else [value]) if as_text(v) in wanted]

    out = per_question(view, rule.measures, rule.roles, False, rule.match, lambda x, e: bool(picked(e.value)))
    for hit in out.hits:
        hit.values["answer"] = " / ".join(dict.fromkeys(as_text(v) for e in hit.evidence for v in picked(e.value)))
    return out


def _check_level(rule: LevelRule) -> list[tuple[str, str]]:
    if (rule.at_most is None) == (rule.at_least is None):
        return [("", "say `at_most` or `at_least` (exactly one of them)")]
    return []


LEVEL = RuleKind(LevelRule, PAIR_OR_COHORT, _level, COMMON | {"threshold"}, measures=("measures",), check=_check_level)
CHOICE = RuleKind(Choice, PAIR_OR_COHORT, _choice, COMMON | {"answer"}, measures=("measures",))
