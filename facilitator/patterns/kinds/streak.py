"""`streak`: the same person answers with one of `values` in consecutive cohort meetings."""

from __future__ import annotations

from typing import Annotated

from msgspec import Meta

from facilitator.i18n import _
from facilitator.model import Measure, Text
from facilitator.patterns.context import RunView
from facilitator.patterns.evaluation import NOT_APPLICABLE, Evidence, Hit, Missing, Outcome, cite, unanswered
from facilitator.patterns.kinds.base import COMMON, RuleKind, RuleTable
from facilitator.patterns.text import as_text, quote


class Streak(RuleTable, tag="streak", kw_only=True):
    """The same person answers with one of `values` in consecutive cohort meetings."""

    measure: Measure
    values: Annotated[list[Text], Meta(min_length=1)]
    meetings: Annotated[int, Meta(ge=2, le=24)] = 2
    carried: bool = False  # also count the status of carried commitments


def _streak(rule: Streak, view: RunView) -> Outcome:
    record, analysis = view.record, view.analysis
    asked = view.asked(rule.measure)
    if not record.cohort or not (asked or rule.carried):
        return NOT_APPLICABLE
    now = {p: _status(rule, view, p) for p, _ in view.people}
    if not any(now.values()) and not any(view.answer(x.code, p) for x in asked for p, _ in view.people) \
            and not any(c.status != "open" for c in record.carried):
        return Outcome(missing=unanswered(view, rule.measure, asked, ()) or
                       [Missing(what=_("the status of last meeting's commitments"))])
    meetings = analysis.cohort_meetings(record.cohort)
    ids = [r.id for r in meetings]
    earlier = meetings[:ids.index(record.id)] if record.id in ids else [r for r in meetings
                                                                        if r.created <= record.created]
    views: list[RunView | None] = []  # built only as far back as some streak reaches
    out = Outcome()
    for person, role in view.people:
        runs = [now[person]] if now[person] else []
        while runs and len(runs) <= len(earlier):
            k = len(runs)
            if len(views) < k:
                views.append(analysis.view(earlier[-k]))
            found = _status(rule, views[k - 1], person) if views[k - 1] else []
            if not found:
                break
            runs.append(found)
        if len(runs) < rule.meetings:
            continue
        runs.reverse()  # oldest first
        evidence = [e for found in runs for e in found]
        values = {
            "label": analysis.patterns.label(rule.measure), "measure": rule.measure,
            "code": "/".join(dict.fromkeys(e.code for e in evidence if e.code)),
            "question": asked[0].question.text if asked else "",
            "values": ", ".join(quote(found[0].value) for found in runs),
            "who": view.who(person, role), "answer": " / ".join(dict.fromkeys(as_text(e.value) for e in evidence)),
            "meetings": str(len(runs)),
        }
        out.hits.append(Hit(values, evidence))
    return out


def _status(rule: Streak, view: RunView, person: str) -> list[Evidence]:
    """The person's answers (and carried commitment statuses) in one run that match the rule."""
    role = view.role_of(person)
    found = [cite(view, x, person, role, e) for x in view.asked(rule.measure)
             if (e := view.answer(x.code, person)) is not None and as_text(e.value) in rule.values]
    if rule.carried:
        code = next((x.code for x in view.index.by_code.values() if x.question.commitment), "")
        found += [Evidence(view.record.id, code, rule.measure, person, role, c.status, source="commitment",
                           note=c.text) for c in view.record.carried if c.person == person and c.status in rule.values]
    return found


STREAK = RuleKind(Streak, ("cohort",), _streak, COMMON | {"answer", "meetings"}, measures=("measure",))
