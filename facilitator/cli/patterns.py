"""`facilitator patterns`: named patterns with the evidence behind them."""

from __future__ import annotations

import argparse
import json
import sys

from facilitator.cli import Command, open_workspace
from facilitator.errors import UserError
from facilitator.i18n import _


def patterns(args: argparse.Namespace) -> int:
    from facilitator.patterns import Analysis, program_figures, run_findings
    from facilitator.patterns import render

    ws = open_workspace(args)
    analysis = Analysis(ws)
    library = analysis.patterns  # a broken pattern file stops here: one line per problem, exit 2
    for line in library.warnings:
        print(line, file=sys.stderr)
    if args.list:
        if args.json:
            _print_json([{"id": p.id, "name": p.name, "level": p.level, "source": library.sources.get(p.id, ""),
                          "description": p.description.strip(), "questions": list(p.questions)}
                         for p in library.patterns])
        else:
            sys.stdout.write(render.catalogue_text(library))
        return 0
    if args.program:
        if args.run:
            raise UserError(_("give a run or --program, not both"))
        figures = program_figures(ws, args.cohort, analysis)
        for path in figures["unreadable_records"]:
            print("facilitator: " + _("skipped %(file)s (cannot be read; left untouched)") % {"file": path},
                  file=sys.stderr)
        _print_json(figures) if args.json else sys.stdout.write(render.program_text(figures))
        return 0
    if args.cohort:
        raise UserError(_("--cohort goes with --program"))
    if not args.run:
        raise UserError(_("say which run: `facilitator patterns RUN` (`facilitator pairs` lists runs),"
                          " or use --program or --list"))
    record = ws.load_run(args.run)
    ws.library.get(record.session, needed_by=ws.record_file(args.run))  # a run whose session is gone: say so
    findings = run_findings(analysis, record)
    if args.json:
        _print_json([f.to_json() for f in findings])
    else:
        from facilitator.presentation import subject

        sys.stdout.write(render.run_text(record, findings, subject(analysis.program, record)))
    return 0


def _print_json(data) -> None:
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def register(command: Command, common: argparse.ArgumentParser) -> None:
    """Add `patterns` to the main parser; `command(name, help, run)` makes a subparser."""
    sub = command("patterns", _("named patterns in a run, with the answers behind each"), patterns)
    sub.add_argument("run", metavar="RUN", nargs="?", help=_("run id (see `facilitator pairs`)"))
    sub.add_argument("--json", action="store_true", help=_("print a JSON array of findings"))
    sub.add_argument("--list", action="store_true", help=_("list the pattern library (bundled and your own)"))
    sub.add_argument("--program", action="store_true",
                     help=_("program-level figures: patterns per cohort, outcomes, endings, themes, completeness"))
    sub.add_argument("--cohort", metavar="ID", help=_("with --program: only this cohort"))
