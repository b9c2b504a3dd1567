"""Readable text for `facilitator patterns`: one line per finding, then the questions to ask.

Its fixed words are in the language in force (the `language` setting); the findings' own
texts come worded already (facilitator.patterns.library)."""

from __future__ import annotations

from typing import Any

from facilitator.i18n import N_, _, format_number
from facilitator.patterns.findings import CONFIRMED, DISMISSED, NO_DATA, Finding
from facilitator.patterns.library import PatternLibrary
from facilitator.patterns.text import percent
from facilitator.records import Record

MARKS = {"proposed": "◆", CONFIRMED: "✔", DISMISSED: "✕"}
STATUS = {CONFIRMED: N_("confirmed"), DISMISSED: N_("dismissed")}
SOURCES = {"bundled": N_("bundled"), "workspace": N_("workspace")}
LEVELS = {"pair": N_("pair"), "cohort": N_("cohort"), "program": N_("program")}


def run_text(record: Record, findings: list[Finding], subject: str = "") -> str:
    lines = [_("%(session)s · %(subject)s · run %(run)s") % {"session": record.session_title,
                                                          "subject": subject or record.subject, "run": record.id}]
    found = [f for f in findings if f.status != NO_DATA]
    lacking = [f for f in findings if f.status == NO_DATA]
    if not found:
        lines.append(_("No patterns found in the answers so far.") if not lacking else
                     _("No patterns found in the answers so far (some cannot be checked yet, see below)."))
    for f in found:
        state = "" if f.status == "proposed" else f" [{_(STATUS.get(f.status, f.status))}]"
        lines.append(f"{MARKS.get(f.status, '◆')} {f.pattern.name}{state} — {f.summary}")
        if f.status != DISMISSED:
            lines += [ask(q) for q in f.pattern.questions]
    if lacking:
        lines.append(_("Not enough answers to check yet:"))
        lines += [f"  · {f.pattern.name}: {f.lacking or f.summary}" for f in lacking]
    if record.patterns.added:
        lines.append(_("Added by the facilitator:"))
        lines += [f"  · {text}" for text in record.patterns.added]
    return "\n".join(lines) + "\n"


def ask(question: str) -> str:
    return "  " + _("Ask: %(question)s") % {"question": question}


def catalogue_text(library: PatternLibrary) -> str:
    rows = [(p.id, _(LEVELS[p.level]) if p.level in LEVELS else p.level, p.name, _(SOURCES[s]) if (s := library.sources.get(p.id, "")) in SOURCES else s)
            for p in library.patterns]
    header = (_("ID"), _("LEVEL"), _("NAME"), _("SOURCE"))
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(4)]
    return "".join("  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip() + "\n" for row in [header, *rows])


def program_text(figures: dict[str, Any]) -> str:
    lines = [f"{figures['program']}" + (" · " + _("cohort %(id)s") % {"id": figures["cohort"]}
                                        if figures["cohort"] else "")]
    for group in [*figures["cohorts"], figures["total"]]:
        lines.append("")
        meetings = group["completeness"]["meetings"]
        lines.append(f"{group['name']}: " + _("%(num)s pair(s)") % {"num": group["pairs"]}
                     + (", " + _("%(num)s cohort meeting(s)") % {"num": meetings} if meetings else ""))
        common = [row for row in group["patterns"].values() if row["pairs"]]
        for row in sorted(common, key=lambda r: -r["pairs"]):
            lines.append(f"  {row['name']}: " + _("%(num)s pair(s)") % {"num": row["pairs"]}
                         + f" ({percent(row['share'])})"
                         + (", " + _("%(num)s confirmed") % {"num": row["confirmed"]} if row["confirmed"] else ""))
        for row in group["cohort_patterns"].values():
            if row["meetings"]:
                lines.append(f"  {row['name']}: " + _("%(num)s meeting(s)") % {"num": row["meetings"]})
        means = [f"{o['label']} {format_number(o['mean'], places=1)}" for o in group["outcomes"].values()
                 if o["mean"] is not None]
        if means:
            lines.append("  " + _("Outcomes (1-5): %(means)s") % {"means": ", ".join(means)})
        e = group["endings"]
        lines.append("  " + _("Endings: %(completed)s completed, %(early)s early, %(ongoing)s ongoing") % e)
        recurring = [t["theme"] for t in group["themes"] if t["recurring"]]
        if recurring:
            lines.append("  " + _("Recurring themes: %(themes)s") % {"themes": ", ".join(recurring)})
        missing = group["completeness"]["pairs_without_midpoint"]
        if missing:
            lines.append("  " + _("Without a midpoint review yet: %(num)s pair(s)") % {"num": len(missing)})
    for f in figures["findings"]:
        lines += ["", f"◆ {f['name']} — {f['summary']}", *[ask(q) for q in f["questions"]]]
    return "\n".join(lines) + "\n"
