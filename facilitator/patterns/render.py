"""Readable text for `facilitator patterns`: one line per finding, then the questions to ask."""

from __future__ import annotations

from typing import Any

from facilitator.patterns.findings import CONFIRMED, DISMISSED, NO_DATA, Finding
from facilitator.patterns.library import PatternLibrary
from facilitator.records import Record

MARKS = {"proposed": "◆", CONFIRMED: "✔", DISMISSED: "✕"}


def run_text(record: Record, findings: list[Finding], subject: str = "") -> str:
    lines = [f"{record.session_title} · {subject or record.subject} · run {record.id}"]
    found = [f for f in findings if f.status != NO_DATA]
    lacking = [f for f in findings if f.status == NO_DATA]
    if not found:
        lines.append("No patterns found in the answers so far." if not lacking else
                     "No patterns found in the answers so far (some cannot be checked yet, see below).")
    for f in found:
        state = "" if f.status == "proposed" else f" [{f.status}]"
        lines.append(f"{MARKS.get(f.status, '◆')} {f.pattern.name}{state} — {f.summary}")
        if f.status != DISMISSED:
            lines += [f"  Ask: {q}" for q in f.pattern.questions]
    if lacking:
        lines.append("Not enough answers to check yet:")
        lines += [f"  · {f.pattern.name}: {f.summary.removeprefix('not enough answers: ')}" for f in lacking]
    if record.patterns.added:
        lines.append("Added by the facilitator:")
        lines += [f"  · {text}" for text in record.patterns.added]
    return "\n".join(lines) + "\n"


def catalogue_text(library: PatternLibrary) -> str:
    rows = [(p.id, p.level, p.name, library.sources.get(p.id, "")) for p in library.patterns]
    header = ("ID", "LEVEL", "NAME", "SOURCE")
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(4)]
    return "".join("  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip() + "\n" for row in [header, *rows])


def program_text(figures: dict[str, Any]) -> str:
    lines = [f"{figures['program']}" + (f" · cohort {figures['cohort']}" if figures["cohort"] else "")]
    for group in [*figures["cohorts"], figures["total"]]:
        lines.append("")
        lines.append(f"{group['name']}: {group['pairs']} pair(s)"
                     + (f", {group['completeness']['meetings']} cohort meeting(s)" if group["completeness"]["meetings"]
                        else ""))
        common = [row for row in group["patterns"].values() if row["pairs"]]
        for row in sorted(common, key=lambda r: -r["pairs"]):
            lines.append(f"  {row['name']}: {row['pairs']} pair(s) ({row['share']:.0%})"
                         + (f", {row['confirmed']} confirmed" if row["confirmed"] else ""))
        for row in group["cohort_patterns"].values():
            if row["meetings"]:
                lines.append(f"  {row['name']}: {row['meetings']} meeting(s)")
        means = [f"{o['label']} {o['mean']:.1f}" for o in group["outcomes"].values() if o["mean"] is not None]
        if means:
            lines.append("  Outcomes (1-5): " + ", ".join(means))
        e = group["endings"]
        lines.append(f"  Endings: {e['completed']} completed, {e['early']} early, {e['ongoing']} ongoing")
        recurring = [t["theme"] for t in group["themes"] if t["recurring"]]
        if recurring:
            lines.append("  Recurring themes: " + ", ".join(recurring))
        missing = group["completeness"]["pairs_without_midpoint"]
        if missing:
            lines.append(f"  Without a midpoint review yet: {len(missing)} pair(s)")
    for f in figures["findings"]:
        lines += ["", f"◆ {f['name']} — {f['summary']}", *[f"  Ask: {q}" for q in f["questions"]]]
    return "\n".join(lines) + "\n"
