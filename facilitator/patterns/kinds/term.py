"""`term`: whether the pair's agreement (as it stood when the run began) has a term written."""

from __future__ import annotations

from facilitator.i18n import _
from facilitator.model import Id
from facilitator.patterns.context import RunView
from facilitator.patterns.evaluation import NOT_APPLICABLE, Evidence, Hit, Outcome
from facilitator.patterns.kinds.base import PAIR, RuleKind, RuleTable
from facilitator.patterns.text import quote
from facilitator.presentation import answer_text


class TermRule(RuleTable, tag="term", kw_only=True):
    """The agreement's `term` is written (`written = true`), or is empty or missing (`written = false`)."""

    term: Id
    written: bool = True


def _term(rule: TermRule, view: RunView) -> Outcome:
    if not view.is_pair:
        return NOT_APPLICABLE
    agreement = view.analysis.agreement_for(view.record)
    value = agreement.terms.get(rule.term, "") if agreement else ""
    text = " ".join(answer_text(value).split()) if value else ""
    if bool(text) != rule.written:
        return Outcome()
    values = {"term": rule.term, "agreed": quote(text) if text else _("nothing agreed")}
    if not text:
        return Outcome(hits=[Hit(values, [], gate=True)])
    note = f"agreement version {agreement.version}, term `{rule.term}`" if agreement else ""
    return Outcome(hits=[Hit(values, [Evidence(view.record.id, "", "", "", "", text, source="agreement", note=note)],
                             gate=True)])


TERM = RuleKind(TermRule, PAIR, _term, frozenset({"term", "agreed"}), gate=True)
