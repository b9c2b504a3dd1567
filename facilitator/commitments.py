"""Cohort commitments: what a meeting commits to, and what the next meeting carries.

A mentor's answer to a question marked `commitment` is a commitment. The next cohort
meeting carries the last meeting's new commitments and those it carried that are not yet
settled, each with the run it was first made in, so a promise can be followed month to month.
"""

from __future__ import annotations

from facilitator.errors import UserError
from facilitator.model import Question, Session, Step
from facilitator.presentation import answer_text
from facilitator.records import Commitment, Record
from facilitator.validation import did_you_mean
from facilitator.workspace import Workspace

COMMITMENT_STATUSES = ("open", "done", "not yet", "dropped")
SETTLED = ("done", "dropped")  # not carried again


def checked_status(status: str) -> str:
    if status not in COMMITMENT_STATUSES:
        raise UserError(f"unknown status `{status}`{did_you_mean(status, COMMITMENT_STATUSES)}")
    return status


def asked_in(step: Step) -> Question | None:
    """The question through which a step takes each person's commitment, if it asks for one."""
    return next((q for q in getattr(step, "questions", ()) if q.commitment), None)


def made_in(session: Session, record: Record) -> list[Commitment]:
    """The commitments people made in this run."""
    codes = {q.code for _, q in session.questions() if q.commitment}
    return [Commitment(person=e.person, text=answer_text(e.value), since=record.id)
            for e in record.entries if e.code in codes]


def carried_into(workspace: Workspace, cohort: str) -> list[Commitment]:
    """What a new meeting of the cohort carries: the last meeting's unsettled carried
    commitments and its new ones. The last finished meeting, else the last one left open."""
    meetings, _ = workspace.records(cohort=cohort, kind="cohort")
    previous = [r for r in meetings if r.is_finished] or meetings
    if not previous:
        return []
    last = previous[-1]
    carried = [Commitment(person=c.person, text=c.text, since=c.since)
               for c in last.carried if c.status not in SETTLED]
    try:
        last_session = workspace.library.get(last.session)
    except UserError:
        return carried
    return carried + made_in(last_session, last)
