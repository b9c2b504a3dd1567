"""The program report: pattern prevalence, outcomes, endings, themes and completeness by cohort.

The figures come from facilitator.patterns.program_figures (the same ones `export --format
json` carries); this module only lays them out, with charts drawn as SVG in the template.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from facilitator.i18n import _  # the paper's fixed words
from facilitator.presentation import OUTCOME_MEASURES as OUTCOMES
from facilitator.printing.documents import Printed, print_page
from facilitator.workspace import Workspace

SHADES = ["#000000", "#6e6e6e", "#b4b4b4", "#d9d9d9"]  # tell cohorts apart in black and white
MAX_SERIES = 6


def _cohort_line(c: dict[str, Any]) -> dict[str, Any]:
    top = sorted((p for p in c["patterns"].values() if p["pairs"]), key=lambda p: -p["pairs"])[:3]
    means = [c["outcomes"][o]["mean"] for o in OUTCOMES]
    known = [m for m in means if m is not None]
    return {"name": c["name"], "pairs": c["pairs"],
            "top": ", ".join(f"{p['name']} {p['pairs']}" for p in top) or "none",
            "outcome": sum(known) / len(known) if known else None, **c["endings"]}


def report_context(workspace: Workspace, cohort: str | None = None) -> dict[str, Any]:
    from facilitator.patterns import program_figures

    from facilitator.presentation import pair_names

    figures = program_figures(workspace, cohort)
    program = workspace.program()
    cohorts = figures["cohorts"] or [figures["total"]]
    # a chart reads well with a handful of bars per row; past that, chart the whole program
    # and give each cohort a line of the table below it
    groups = cohorts if len(cohorts) <= MAX_SERIES else [figures["total"]]
    series = [{"name": g["name"], "shade": SHADES[i % len(SHADES)], "pairs": g["pairs"]} for i, g in enumerate(groups)]
    pattern_ids = list(groups[0]["patterns"]) if groups else []
    prevalence = [{"name": groups[0]["patterns"][p]["name"],
                   "values": [g["patterns"][p]["share"] for g in groups],
                   "counts": [g["patterns"][p]["pairs"] for g in groups]} for p in pattern_ids]
    seen = [row for row in prevalence if any(row["counts"])]
    outcomes = [{"name": groups[0]["outcomes"][o]["label"],
                 "values": [g["outcomes"][o]["mean"] for g in groups],
                 "answers": [g["outcomes"][o]["answers"] for g in groups]} for o in OUTCOMES]
    endings = [{"name": g["name"], **{k: g["endings"][k] for k in ("completed", "early", "ongoing")}}
               for g in groups]
    for g in (*cohorts, figures["total"]):  # by their people's names (the figures hold ids, for export)
        g["without_midpoint"] = [pair_names(program, p) for p in g["completeness"]["pairs_without_midpoint"]]
    by_cohort = [] if len(cohorts) <= MAX_SERIES else [_cohort_line(c) for c in cohorts]
    return {
        "figures": figures, "groups": groups, "cohorts": cohorts, "by_cohort": by_cohort, "series": series,
        "prevalence": seen,
        "unseen": [row["name"] for row in prevalence if not any(row["counts"])],
        "outcomes": outcomes, "has_outcomes": any(v is not None for o in outcomes for v in o["values"]),
        "endings": endings, "max_pairs": max([sum(e[k] for k in ("completed", "early", "ongoing")) for e in endings]
                                             or [1]) or 1,
        "today": f"{date.today():%Y-%m-%d}",
    }


def print_report(workspace: Workspace, out: Path, *, cohort: str | None = None, paper: str = "a4",
                 html_out: Path | None = None) -> Printed:
    context = report_context(workspace, cohort)
    title = _("Program report") if cohort is None else _("Cohort report: %(name)s") % {"name": context['groups'][0]['name']}
    return print_page(workspace, "report.html", title, f"report/{cohort or 'program'}", out, paper=paper,
                      html_out=html_out, kind=_("Shared copy"), **context)
