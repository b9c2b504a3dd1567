"""Named patterns: a TOML rule library evaluated over runs, with the evidence behind each finding.

    library.py   the pattern file model, loading and validation
    kinds/       the rule kinds, one registry: each kind's table, levels, placeholders, evaluator
    context.py   what rules look at: a run's non-private answers, the program around it
    evaluation.py  what a rule gives (hits, evidence, what is missing) and the helpers kinds share
    cadence.py   reading the agreed meeting rhythm
    schedule.py  reading when an objective is due (the agreed milestones)
    text.py      reading free text: answers that say nothing, negation-aware keywords, role names
    findings.py  findings for one run
    program.py   program-level figures (for the report and export)
    render.py    the readable text output
"""

from facilitator.patterns.context import Analysis
from facilitator.patterns.findings import Finding, findings_for_run, run_findings
from facilitator.patterns.library import PatternLibrary, load_patterns
from facilitator.patterns.program import program_figures

__all__ = ["Analysis", "Finding", "PatternLibrary", "findings_for_run", "load_patterns", "program_figures",
           "run_findings"]
