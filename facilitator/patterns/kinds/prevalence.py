"""`prevalence`: a pair pattern found in at least `share` of a cohort's pairs (a program-level kind)."""

from __future__ import annotations

from typing import Annotated

import msgspec
from msgspec import Meta

from facilitator.model import Id
from facilitator.patterns.context import RunView
from facilitator.patterns.evaluation import NOT_APPLICABLE, Outcome
from facilitator.patterns.kinds.base import RuleKind, RuleTable, Share


class Prevalence(RuleTable, tag="prevalence", kw_only=True):
    """A pair pattern found in at least `share` of a cohort's pairs."""

    patterns: list[Id] = msgspec.field(default_factory=list)  # empty: every pair pattern
    share: Share = 0.34
    min_pairs: Annotated[int, Meta(ge=1, le=10000)] = 3


def _prevalence(rule: Prevalence, view: RunView) -> Outcome:
    return NOT_APPLICABLE  # a program view: see facilitator.patterns.program


PREVALENCE = RuleKind(Prevalence, ("program",), _prevalence,
                      frozenset({"pattern", "pattern_name", "cohort", "pairs", "total", "share"}))
