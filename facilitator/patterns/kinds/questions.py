"""`level` and `choice`: each asked question on its own, a value at or past a threshold or one of some options."""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from typing import Annotated, Any

import msgspec
from msgspec import Meta

from facilitator.model import Id, Text
from facilitator.patterns.context import Asked, RunView
from facilitator.patterns.evaluation import Hit, Missing, Outcome, cite, points, template_values, unanswered
from facilitator.patterns.kinds.base import COMMON, PAIR_OR_COHORT, Amount, AnswersRule, Match, RuleKind
from facilitator.patterns.cadence import weeks_between
from facilitator.patterns.schedule import read_date, starts_on
from facilitator.patterns.text import as_text, quote
from facilitator.records import Entry


class LevelRule(AnswersRule, tag="level", kw_only=True):
    """Answers at or below / at or above a value: from every role (`all`) or from one (`any`)."""

    at_most: Amount | None = None
    at_least: Amount | None = None
    match: Match = "all"
    # at a cohort meeting: how many people must hold it, as a number and a share of those answering
    min_people: Annotated[int, Meta(ge=1, le=1000)] = 1
    min_share: Annotated[float, Meta(ge=0, le=1)] = 0
    # a count since the kickoff read as recent: the rise since the pair's previous run that asked
    # it, else the count scaled to this many weeks (0: the count as answered)
    recent_weeks: Annotated[float, Meta(ge=0, le=104)] = 0
    # a question about objective n holds only once objective n is due (its first checkpoint in
    # this agreement term, or a start date in the objectives table, is not still ahead)
    due_term: Id | None = None


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
    recent: dict[tuple[str, str], tuple[float, str]] = {}  # (code, person) -> the recent value, how it was read
    due = _not_yet_due(rule, view)

    def value(x: Asked, e: Entry) -> float | None:
        v = points(x.question, e.value)
        if v is None or not rule.recent_weeks or x.rating:
            return v
        if (x.code, e.person) not in recent:
            recent[x.code, e.person] = recent_count(view, x, e.person, v, rule.recent_weeks)
        return recent[x.code, e.person][0]

    def holds(x: Asked, e: Entry) -> bool:
        if x.code in due:
            return False
        v = value(x, e)
        if v is None:
            return False
        return v <= rule.at_most if rule.at_most is not None else v >= rule.at_least

    out = per_question(view, rule.measures, rule.roles, True, rule.match, holds)
    threshold = rule.at_most if rule.at_most is not None else rule.at_least
    for hit in out.hits:
        hit.values["threshold"] = f"{threshold:g}"
        read = [f"{view.who(e.person, e.role)} {quote(e.value)} {recent[e.code, e.person][1]}"
                for e in hit.evidence if (e.code, e.person) in recent and recent[e.code, e.person][1]]
        if read:
            hit.values["values"] = ", ".join(read)
    return _enough_people(rule, view, out)


def _enough_people(rule: LevelRule, view: RunView, out: Outcome) -> Outcome:
    """With `min_people`/`min_share`: the hits stand only when enough different people hold."""
    if rule.min_people <= 1 and not rule.min_share or not out.hits:
        return out
    holding = {e.person for h in out.hits for e in h.evidence}
    answering = {e.person for m in rule.measures for x in view.asked(m) for e in view.by_code.get(x.code, ())
                 if points(x.question, e.value) is not None}
    if len(holding) < max(rule.min_people, math.ceil(rule.min_share * len(answering) - 1e-9)):
        return Outcome(missing=out.missing)
    evidence = [e for h in out.hits for e in h.evidence]
    said = [(view.index.by_code[e.code], e.person, e.role, e.value) for e in evidence]
    values = template_values(view, said, threshold=out.hits[0].values["threshold"], count=str(len(holding)),
                             total=str(len(answering)))
    return Outcome(hits=[Hit(values, evidence)])


def recent_count(view: RunView, x: Asked, person: str, value: float, weeks: float) -> tuple[float, str]:
    """A count since the kickoff read as recent, and how it was read (for the evidence)."""
    before = view.analysis.previous_answer(view.record, x.measure, person)
    if before is not None:
        rise = max(value - before[0], 0.0)
        return rise, f"(since the kickoff; {rise:g} since {before[1]})"
    since = view.analysis.kickoff(view.record.pair) if view.record.pair else ""
    span = weeks_between(since, view.record.created) if since else None
    if not span or span <= weeks:
        return value, ""
    scaled = value * weeks / span
    return scaled, f"in {span:.0f} weeks (about {scaled:.1f} in {weeks:g})"


def _not_yet_due(rule: LevelRule, view: RunView) -> set[str]:
    """The codes of questions about objectives planned to start after this run."""
    if not rule.due_term or not view.record.pair:
        return set()
    agreement = view.analysis.agreement_for(view.record)
    today = read_date(view.record.created[:10])
    later = set()
    for measure in rule.measures:
        for i, x in enumerate(view.index.by_measure.get(measure, ())):
            found = re.search(r"objective\s*(\d+)|\{term\.objectives\.(\d+)\}", x.question.text, re.I)
            n = int(found[1] or found[2]) if found else i + 1
            start = starts_on(agreement, n, rule.due_term)
            if start and today and start > today:
                later.add(x.code)
    return later


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


# a cohort's count of people holding it: offered only where min_people/min_share is set
LEVEL = RuleKind(LevelRule, PAIR_OR_COHORT, _level,
                 lambda rule: COMMON | {"threshold"} | ({"count", "total"} if rule.min_people > 1 or rule.min_share
                                                        else frozenset()),
                 measures=("measures",), check=_check_level)
CHOICE = RuleKind(Choice, PAIR_OR_COHORT, _choice, COMMON | {"answer"}, measures=("measures",))
