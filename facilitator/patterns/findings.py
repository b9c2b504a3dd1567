"""Findings: a pattern that holds for a run, with the exact answers behind it.

A pattern whose rule needs answers a party has not given yet is reported with status
"no data" and the measures and roles missing, never guessed. A finding's status comes
from the run record: "confirmed" or "dismissed" by the facilitator, else "proposed".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

import msgspec

from facilitator.i18n import _, current
from facilitator.patterns.context import Analysis
from facilitator.patterns.evaluation import Evidence, Hit, Missing
from facilitator.patterns.kinds import evaluate, measures_of, walk
from facilitator.patterns.kinds.gap import Gap
from facilitator.patterns.library import Pattern
from facilitator.patterns.text import role_word
from facilitator.records import Record
from facilitator.workspace import Workspace

if TYPE_CHECKING:
    from facilitator.engine import RunEngine, Viewer

PROPOSED, CONFIRMED, DISMISSED, NO_DATA = "proposed", "confirmed", "dismissed", "no data"
FALLBACK = "{label} ({code}: {values})"


@dataclass
class Finding:
    pattern: Pattern
    run: str
    status: str
    hits: list[Hit] = field(default_factory=list, repr=False)
    missing: list[Missing] = field(default_factory=list)
    note: str = ""  # the summary of a "no data" entry
    lacking: str = ""  # ... and what it lacks, on its own

    @cached_property
    def summary(self) -> str:
        return summarise(self.pattern.evidence, self.hits) if self.hits else self.note

    @cached_property
    def evidence(self) -> list[Evidence]:
        return _unique(self.hits)

    @property
    def id(self) -> str:
        return self.pattern.id

    @property
    def found(self) -> bool:
        return self.status != NO_DATA

    def to_json(self) -> dict[str, Any]:
        p = self.pattern
        out: dict[str, Any] = {
            "id": p.id, "name": p.name, "level": p.level, "status": self.status, "run": self.run,
            "summary": self.summary, "description": p.description.strip(),
            "evidence": [e.to_json() for e in self.evidence], "questions": list(p.questions),
        }
        if self.missing:
            out["missing"] = [m.to_json() for m in self.missing]
        return out


def levels_of(record: Record) -> tuple[str, ...]:
    """Which pattern levels apply to a run: pair patterns to a pair's run, cohort ones to a meeting."""
    return ("pair",) * bool(record.pair) + ("cohort",) * bool(record.cohort)


def run_findings(analysis: Analysis, record: Record) -> list[Finding]:
    """Every pattern that holds for the run, and every one that lacks the answers to tell."""
    view = analysis.view(record)
    if view is None:
        return []
    levels = levels_of(record)
    findings = []
    for pattern in analysis.patterns.patterns:
        if pattern.level not in levels or not _asks_about(view, pattern):
            continue
        outcome = evaluate(pattern.rule, view)
        if not outcome.applicable:
            continue
        pattern = _worded(analysis, view, pattern)
        if outcome.hits:
            findings.append(Finding(pattern, record.id, _status(record, pattern.id), outcome.hits))
        elif outcome.missing:
            missing = list(dict.fromkeys(outcome.missing))
            lacking = describe_missing(missing, analysis, view.role_names)
            findings.append(Finding(pattern, record.id, NO_DATA, [], missing,
                                    _("not enough answers: %(what)s") % {"what": lacking}, lacking))
    return findings


def _worded(analysis: Analysis, view, pattern: Pattern) -> Pattern:
    """The pattern's texts with the session's role names, in the current language (kept per session)."""
    key = ("worded", pattern.id, id(pattern), current())
    if key not in view.index.memo:
        view.index.memo[key] = analysis.patterns.worded(pattern, view.role_names)
    return view.index.memo[key]


def _asks_about(view, pattern: Pattern) -> bool:
    """Does the run's session ask about any measure the pattern's rule needs? (kept per session)"""
    key = ("asks", pattern.id, id(pattern))
    if key not in view.index.memo:
        wanted = {m for _, m in measures_of(pattern.rule)}
        every_rating = any(isinstance(r, Gap) and not r.measures for r in walk(pattern.rule))
        # a rule naming no measure (attendance) is about every run at its level
        view.index.memo[key] = every_rating or not wanted or bool(wanted & view.index.by_measure.keys())
    return view.index.memo[key]


def as_seen_by(engine: RunEngine, viewer: Viewer) -> Record:
    """The run with only the answers `viewer` may see (the engine's gate): an answer still
    sealed names no pattern on a screen that viewer reads."""
    return msgspec.structs.replace(engine.record, entries=engine.entries(viewer))


def findings_seen_by(engine: RunEngine, viewer: Viewer) -> list[Finding]:
    return run_findings(Analysis(engine.workspace), as_seen_by(engine, viewer))


def findings_for_run(workspace: Workspace, run_id: str, analysis: Analysis | None = None) -> list[Finding]:
    analysis = analysis or Analysis(workspace)
    return run_findings(analysis, workspace.load_run(run_id))


def summarise(template: str, hits: list[Hit]) -> str:
    return "; ".join(fill(template, h.values) for h in hits)


def fill(template: str, values: dict[str, Any]) -> str:
    """str.format_map over plain values; a template that does not fit falls back to the plain form."""
    for text in (template, FALLBACK):
        try:
            return text.format_map(values)
        except (KeyError, ValueError, TypeError, IndexError, AttributeError):
            continue
    return template


def describe_missing(missing: list[Missing], analysis: Analysis, names: dict[str, str] | None = None) -> str:
    """ "meeting rhythm, fit of styles from the mentee (M-R1, M-R7); the agreement's `cadence` term" """
    by_role: dict[str, tuple[dict[str, None], dict[str, None]]] = {}
    other: list[str] = []
    for m in missing:
        if m.what:
            other.append(m.what)
            continue
        labels, codes = by_role.setdefault(m.role, ({}, {}))
        labels.update(dict.fromkeys(analysis.patterns.label(x, names) for x in m.measure.split(", ") if x))
        codes.update(dict.fromkeys(m.codes))
    parts = [_("%(what)s from the %(role)s") % {"what": ", ".join(labels), "role": role_word((names or {}).get(r, r))}
             + (f" ({', '.join(codes)})" if codes else "") for r, (labels, codes) in by_role.items()]
    return "; ".join(dict.fromkeys(parts + other))


def _status(record: Record, pattern_id: str) -> str:
    if pattern_id in record.patterns.confirmed:
        return CONFIRMED
    if pattern_id in record.patterns.dismissed:
        return DISMISSED
    return PROPOSED


def _unique(hits: list[Hit]) -> list[Evidence]:
    seen: dict[tuple, Evidence] = {}
    for h in hits:
        for e in h.evidence:
            seen.setdefault((e.run, e.code, e.person, e.source, e.note, str(e.value)), e)
    return list(seen.values())
