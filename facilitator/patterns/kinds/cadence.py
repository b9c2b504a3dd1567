"""`cadence`: meetings held against the rhythm in the pair's agreement and the time since the kickoff."""

from __future__ import annotations

from typing import Annotated

from msgspec import Meta

from facilitator.i18n import _
from facilitator.model import Id, Measure
from facilitator.patterns.cadence import expected_from_term, weeks_between
from facilitator.patterns.context import RunView
from facilitator.patterns.evaluation import NOT_APPLICABLE, Evidence, Hit, Missing, Outcome
from facilitator.patterns.evaluation import cite, template_values, unanswered
from facilitator.patterns.kinds.base import COMMON, PAIR, RuleKind, RuleTable, Share


class Cadence(RuleTable, tag="cadence", kw_only=True):
    """Meetings held against the rhythm in the pair's agreement and the time since the kickoff."""

    held: Measure = "meetings_held"
    cancelled: Measure = "meetings_cancelled"
    term: Id = "cadence"
    share: Share = 0.6  # held at most this share of the expected meetings
    cancellations: Annotated[int, Meta(ge=1, le=100)] = 3  # or this many cancelled while below the rhythm
    min_expected: Annotated[int, Meta(ge=1, le=100)] = 2  # too early to judge below this


def _cadence(rule: Cadence, view: RunView) -> Outcome:
    held_qs = view.asked(rule.held)
    if not view.is_pair or not held_qs:
        return NOT_APPLICABLE
    record, analysis = view.record, view.analysis
    held = [(x, p, r, e) for x in held_qs for p, r in view.people_for(x)
            if (e := view.answer(x.code, p)) is not None]
    cancelled = [(x, p, r, e) for x in view.asked(rule.cancelled) for p, r in view.people_for(x)
                 if (e := view.answer(x.code, p)) is not None]
    missing = [] if held else unanswered(view, rule.held, held_qs, ())
    agreement = analysis.agreement_for(record)
    term = agreement.terms.get(rule.term, "") if agreement else ""
    since = analysis.kickoff(record.pair)
    weeks = weeks_between(since, record.created) if since else None
    expected = expected_from_term(term, max(weeks, 0.0)) if term and weeks is not None else None
    if not term:
        missing.append(Missing(what=_("the agreement's `%(term)s` term") % {"term": rule.term}))
    elif weeks is None:
        missing.append(Missing(what=_("the pair's kickoff date (or an earlier run)")))
    elif expected is None:
        missing.append(Missing(what=_("a rhythm that can be read in the agreement's `%(term)s` term: “%(text)s”")
                               % {"term": rule.term, "text": term}))
    if missing:
        return Outcome(missing=missing)
    assert agreement is not None and weeks is not None and expected is not None
    if expected < rule.min_expected:
        return Outcome()
    # Each person's report is judged whole (their own meetings with their own cancellations), and
    # the pattern holds only when every report shows the shortfall: when the two count very
    # differently, that disagreement is named, and is a pattern of its own.
    reports = {p: [r, e.value, None] for _, p, r, e in held}
    for _q, p, r, e in cancelled:
        reports.setdefault(p, [r, None, None])[2] = e.value
    judged = {p: v for p, v in reports.items() if v[1] is not None}

    def short(held_n: float, cancelled_n: float | None) -> bool:
        return held_n <= rule.share * expected or (
            cancelled_n is not None and cancelled_n >= rule.cancellations and held_n < expected)
    if not all(short(h, c) for _, h, c in judged.values()):
        return Outcome()
    generous = max(judged, key=lambda p: judged[p][1])
    _role, most, most_cancelled = judged[generous]
    said = [(x, p, r, e.value) for x, p, r, e in held]
    counts = {v[1] for v in judged.values()}
    counted = "" if len(counts) < 2 else "; " + _("counted differently: %(counts)s") % {"counts": ", ".join(
        (_("%(who)s %(held)s held, %(cancelled)s cancelled") if v[2] is not None else _("%(who)s %(held)s held"))
        % {"who": view.who(p, v[0]), "held": f"{v[1]:g}", "cancelled": f"{v[2]:g}" if v[2] is not None else ""}
        for p, v in judged.items())}
    values = template_values(view, said, held=f"{most:g}", expected=str(expected), agreed=" ".join(term.split()),
                             weeks=f"{weeks:.0f}", since=since[:10], counted=counted,
                             cancelled=f"{most_cancelled:g}" if most_cancelled is not None else _("not reported"))
    evidence = [cite(view, x, p, r, e) for x, p, r, e in [*held, *cancelled]]
    evidence.append(Evidence(record.id, "", "", "", "", term, source="agreement",
                             note=f"agreement version {agreement.version}, term `{rule.term}`"))
    return Outcome(hits=[Hit(values, evidence)])


CADENCE = RuleKind(Cadence, PAIR, _cadence,
                   COMMON | {"held", "expected", "agreed", "weeks", "cancelled", "since", "counted"},
                   measures=("held", "cancelled"))
