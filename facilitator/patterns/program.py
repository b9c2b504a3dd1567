"""Program-level figures for the program report and `export --format json`.

`program_figures(workspace, cohort=None)` returns plain data (dicts, lists, numbers,
strings): per cohort and for the whole program, how often each pattern occurs, outcome
ratings, pairs ended early or completed, recurring challenge themes of the cohort
meetings, how complete the data is, and the program-level findings.
"""

from __future__ import annotations

import gc
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from facilitator.patterns.context import Analysis
from facilitator.patterns.evaluation import points
from facilitator.patterns.findings import CONFIRMED, DISMISSED, Finding, fill, run_findings
from facilitator.patterns.kinds import walk
from facilitator.patterns.kinds.keywords import Keywords, compiled_keywords
from facilitator.patterns.kinds.prevalence import Prevalence
from facilitator.patterns.library import Pattern
from facilitator.i18n import N_, _
from facilitator.patterns.text import as_text, normalise, percent
from facilitator.presentation import OUTCOME_MEASURES as OUTCOMES
from facilitator.program import Pair
from facilitator.records import Record
from facilitator.workspace import Workspace

EARLY_CHOICES = {"Ask for a rematch": "rematch", "Conclude early: goal met": "goal met"}
NO_COHORT = ""
NO_COHORT_NAME = N_("Pairs without a cohort")


@dataclass
class _PairFacts:
    pair: Pair
    runs: list[Record]
    patterns: dict[str, Finding] = field(default_factory=dict)  # latest finding per pattern, dismissed left out
    ending: str = "ongoing"
    ending_reason: str = ""


def program_figures(workspace: Workspace, cohort: str | None = None, analysis: Analysis | None = None) -> dict:
    """The program's figures, for one cohort or all of them (see docs/patterns.md)."""
    with _no_gc_pauses():
        return _program_figures(workspace, cohort, analysis or Analysis(workspace))


@contextmanager
def _no_gc_pauses():
    """The analysis makes many short-lived, acyclic objects while thousands of records are alive:
    the cycle collector would walk all of them again and again (about 40% of the time)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _program_figures(workspace: Workspace, cohort: str | None, analysis: Analysis) -> dict:
    program = analysis.program
    if cohort is not None:
        program.cohort(cohort)  # an unknown cohort is a UserError with a did-you-mean
    records = sorted(analysis.records, key=lambda r: (r.created, r.id))
    by_pair: dict[str, list[Record]] = {}
    meetings: dict[str, list[Record]] = {}
    for r in records:
        if r.pair:
            by_pair.setdefault(r.pair, []).append(r)
        if r.cohort:
            meetings.setdefault(r.cohort, []).append(r)
    pairs = [p for p in program.pairs if cohort is None or p.cohort == cohort]
    found = _Found(analysis)
    facts = [_facts(analysis, found, p, by_pair.get(p.id, [])) for p in pairs]
    unanalysed = sorted({r.id for f in facts for r in f.runs if analysis.index(r.session) is None})

    groups = [(c.id, c.name) for c in program.cohorts if cohort is None or c.id == cohort]
    if cohort is None and any(not p.cohort for p in pairs):
        groups.append((NO_COHORT, _(NO_COHORT_NAME)))
    by_cohort: dict[str, list[_PairFacts]] = {}
    for f in facts:
        by_cohort.setdefault(f.pair.cohort or NO_COHORT, []).append(f)
    per_group = []
    for gid, name in groups:
        members = by_cohort.get(gid, [])
        per_group.append({"id": gid or None, "name": name,
                          **_figures(analysis, found, members, meetings.get(gid, []) if gid else [])})
    all_meetings = [r for gid, _ in groups if gid for r in meetings.get(gid, [])]
    return {
        "program": program.name,
        "cohort": cohort,
        "cohorts": per_group,
        "total": {"id": None, "name": program.name, **_figures(analysis, found, facts, all_meetings)},
        "findings": [f for p in analysis.patterns.at("program") for f in _program_findings(analysis, p, per_group, facts)],
        "unanalysed_runs": unanalysed,
        "unreadable_records": [str(b.path) for b in analysis.broken],
    }


# ---------------------------------------------------------------- per pair


class _Found(dict):
    """Each run's findings, computed once."""

    def __init__(self, analysis: Analysis):
        super().__init__()
        self.analysis = analysis

    def of(self, record: Record) -> list[Finding]:
        if record.id not in self:
            self[record.id] = run_findings(self.analysis, record)
        return self[record.id]


def _facts(analysis: Analysis, found: _Found, pair: Pair, runs: list[Record]) -> _PairFacts:
    facts = _PairFacts(pair, runs)
    for r in runs:
        for f in found.of(r):
            if f.found and f.status != DISMISSED:
                facts.patterns[f.id] = f
            elif f.status == DISMISSED:
                facts.patterns.pop(f.id, None)
    facts.ending, facts.ending_reason = _ending(analysis, pair, runs)
    return facts


def _ending(analysis: Analysis, pair: Pair, runs: list[Record]) -> tuple[str, str]:
    """Recorded in the program, else the latest continuation answer, else a finished closing run."""
    if pair.ending in ("early", "completed"):
        return pair.ending, "recorded"
    for r in reversed(runs):
        view = analysis.view(r)
        said = [as_text(e.value) for x in (view.asked("continuation") if view else []) for e in view.by_code.get(x.code, [])]
        if said:
            early = [EARLY_CHOICES[s] for s in said if s in EARLY_CHOICES]
            if early:
                return "early", "rematch" if "rematch" in early else early[0]
            break  # the latest answer was to go on
    if any(r.kind == "closing" and r.is_finished for r in runs):
        return "completed", "closing run"
    return "ongoing", ""


# ---------------------------------------------------------------- per group


def _figures(analysis: Analysis, found: _Found, facts: list[_PairFacts], meetings: list[Record]) -> dict[str, Any]:
    n = len(facts)
    patterns = {}
    for p in analysis.patterns.at("pair"):
        having = [f for f in facts if p.id in f.patterns]
        confirmed = sum(f.patterns[p.id].status == CONFIRMED for f in having)
        patterns[p.id] = {"name": p.name, "pairs": len(having), "confirmed": confirmed,
                          "share": round(len(having) / n, 3) if n else 0.0}
    cohort_patterns: Counter[str] = Counter()
    for r in meetings:
        cohort_patterns.update({f.id for f in found.of(r) if f.found and f.status != DISMISSED})
    endings = Counter(f.ending for f in facts)
    reasons = Counter(f.ending_reason for f in facts if f.ending == "early")
    return {
        "pairs": n,
        "patterns": patterns,
        "cohort_patterns": {p.id: {"name": p.name, "meetings": cohort_patterns[p.id]}
                            for p in analysis.patterns.at("cohort")},
        "outcomes": _outcomes(analysis, [r for f in facts for r in f.runs]),
        "endings": {"completed": endings["completed"], "early": endings["early"], "ongoing": endings["ongoing"],
                    "early_reasons": dict(sorted(reasons.items()))},
        "themes": _themes(analysis, meetings),
        "completeness": {
            "pairs_without_midpoint": [f.pair.id for f in facts if not any(r.kind == "midpoint" for r in f.runs)],
            "pairs_without_runs": [f.pair.id for f in facts if not f.runs],
            "unfinished_runs": sum(not r.is_finished for f in facts for r in f.runs),
            "meetings": len(meetings),
        },
    }


def _outcomes(analysis: Analysis, runs: list[Record]) -> dict[str, Any]:
    """Mean outcome ratings (on 1-5; other scales rescaled), overall and by role."""
    values: dict[str, list[tuple[str, float]]] = {m: [] for m in OUTCOMES}
    for r in runs:
        view = analysis.view(r)
        if view is None:
            continue
        for m in OUTCOMES:
            for x in view.asked(m):
                for e in view.by_code.get(x.code, ()):
                    v = points(x.question, e.value)
                    if v is not None:
                        values[m].append((e.role, v))
    out = {}
    for m, said in values.items():
        roles = sorted({role for role, _ in said})
        out[m] = {"label": analysis.patterns.label(m), "mean": _mean([v for _, v in said]), "answers": len(said),
                  "by_role": {role: _mean([v for r, v in said if r == role]) for role in roles}}
    return out


def _mean(values: list[float]) -> float | None:
    return round(sum(values) / len(values), 2) if values else None


def _themes(analysis: Analysis, meetings: list[Record]) -> list[dict[str, Any]]:
    """Challenge themes of the cohort meetings: in how many meetings, by how many mentors."""
    rules = [r for p in analysis.patterns.at("cohort") for r in walk(p.rule)
             if isinstance(r, Keywords) and r.themes]
    counts: dict[str, list[int]] = {}
    for r in meetings:
        view = analysis.view(r)
        if view is None:
            continue
        for rule in rules:
            texts = [(e.person, normalise(as_text(e.value))) for m in rule.measures for x in view.asked(m)
                     for e in view.by_code.get(x.code, ())]
            for theme, words in rule.themes.items():
                found = compiled_keywords(tuple(words)).search  # negation-aware
                people = {p for p, t in texts if found(t)}
                if people:
                    tally = counts.setdefault(theme, [0, 0])
                    tally[0] += 1
                    tally[1] += len(people)
    rows = [{"theme": analysis.patterns.theme(t), "meetings": m, "mentions": k, "recurring": m >= 2} for t, (m, k) in counts.items()]
    return sorted(rows, key=lambda row: (-row["meetings"], -row["mentions"], row["theme"]))


# ---------------------------------------------------------------- program patterns


def _program_findings(analysis: Analysis, pattern: Pattern, groups: list[dict], facts: list[_PairFacts]
                      ) -> list[dict[str, Any]]:
    rules = [r for r in walk(pattern.rule) if isinstance(r, Prevalence)]
    by_cohort: dict[str, list[_PairFacts]] = {}
    for f in facts:
        by_cohort.setdefault(f.pair.cohort or NO_COHORT, []).append(f)
    out = []
    for rule in rules:
        watched = rule.patterns or [p.id for p in analysis.patterns.at("pair")]
        for group in groups:
            if not group["id"] or group["pairs"] < rule.min_pairs:
                continue
            for pid in watched:
                row = group["patterns"].get(pid)
                if not row or not row["pairs"] or row["share"] < rule.share:
                    continue
                members = [f for f in by_cohort.get(group["id"], []) if pid in f.patterns]
                values = {"pattern": pid, "pattern_name": row["name"], "cohort": group["name"],
                          "pairs": str(row["pairs"]), "total": str(group["pairs"]), "share": percent(row["share"])}
                out.append({
                    "id": pattern.id, "name": pattern.name, "level": "program", "status": "proposed",
                    "summary": fill(pattern.evidence, values), "description": pattern.description.strip(),
                    "cohort": group["id"], "pattern": pid,
                    "evidence": [{"pair": f.pair.id, "run": f.patterns[pid].run, "pattern": pid,
                                  "summary": f.patterns[pid].summary} for f in members],
                    "questions": list(pattern.questions),
                })
    return out
