"""`absence`: the same person marked absent at consecutive cohort meetings (where attendance was taken)."""

from __future__ import annotations

from typing import Annotated

from msgspec import Meta

from facilitator.i18n import _
from facilitator.patterns.context import RunView
from facilitator.patterns.evaluation import NOT_APPLICABLE, Evidence, Hit, Outcome
from facilitator.patterns.kinds.base import RuleKind, RuleTable
from facilitator.records import Record


class Absence(RuleTable, tag="absence", kw_only=True):
    """The same person marked absent at `meetings` consecutive cohort meetings."""

    meetings: Annotated[int, Meta(ge=2, le=24)] = 2


def _absent(record: Record, person: str) -> bool | None:
    """Absent (True), present (False), or unknown (None: no register taken, or not in that meeting)."""
    if not record.attendance or person not in {p.person for p in record.participants}:
        return None
    return person not in record.attendance


def _absence(rule: Absence, view: RunView) -> Outcome:
    record, analysis = view.record, view.analysis
    if not record.cohort or not record.attendance:
        return NOT_APPLICABLE  # no register taken today: nobody is known to be absent
    meetings = analysis.cohort_meetings(record.cohort)
    ids = [r.id for r in meetings]
    earlier = meetings[:ids.index(record.id)] if record.id in ids else [r for r in meetings
                                                                        if r.created <= record.created]
    out = Outcome()
    for person, role in view.people:
        if not _absent(record, person):
            continue
        runs = [record]
        for r in reversed(earlier):
            if not _absent(r, person):
                break
            runs.append(r)
        if len(runs) < rule.meetings:
            continue
        runs.reverse()
        dates = ", ".join(r.created[:10] for r in runs)
        values = {"who": view.who(person, role), "meetings": str(len(runs)), "dates": dates,
                  "label": _("attendance"), "measure": "", "code": "", "question": "", "values": dates}
        evidence = [Evidence(r.id, "", "", person, role, "absent", source="attendance") for r in runs]
        out.hits.append(Hit(values, evidence))
    return out


ABSENCE = RuleKind(Absence, ("cohort",), _absence,
                   frozenset({"who", "meetings", "dates", "label", "measure", "code", "question", "values"}))
