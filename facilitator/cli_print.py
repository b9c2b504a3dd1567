"""`facilitator print ...`: worksheets, guides, role cards, summaries, agreements, reports."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from facilitator.errors import UserError


def _workspace(args: argparse.Namespace):
    from facilitator.workspace import Workspace

    return Workspace.open(getattr(args, "workspace", None))


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _documents():
    """Import the printer (WeasyPrint takes about a second), quietly."""
    import logging

    from facilitator.printing import documents

    logging.getLogger("weasyprint").setLevel(logging.ERROR)  # refused fetches are by design, not news
    return documents


def _target(ws, args: argparse.Namespace, default_name: str) -> Path:
    return Path(args.output) if args.output else ws.out_dir / default_name


def _done(printed, what: str) -> int:
    extra = f" ({printed.documents} sheets)" if printed.documents > 1 else ""
    print(f"printed {what}: {printed.path} ({printed.pages} page{'s' if printed.pages != 1 else ''}{extra})")
    return 0


def _html_target(args: argparse.Namespace) -> Path | None:
    return Path(args.html) if getattr(args, "html", None) else None


def worksheet(args: argparse.Namespace) -> int:
    ws = _workspace(args)
    session = ws.library.get(args.session)  # fail fast, before the printer loads
    roles = [r.id for r in session.roles]
    if args.role and args.role not in roles:
        from facilitator.validation import did_you_mean

        raise UserError(f"session `{session.id}` has no role `{args.role}`{did_you_mean(args.role, roles)};"
                        f" roles: {', '.join(roles)}")
    if args.pair:
        ws.program().pair(args.pair)
    if args.cohort:
        ws.program().cohort(args.cohort)
    who = args.pair or args.cohort or args.role or "blank"
    name = f"{session.id}-worksheet-{who}{'-fillable' if args.fillable else ''}.pdf"
    _say(f"printing {session.title} worksheets...")
    printed = _documents().print_worksheet(
        ws, session.id, _target(ws, args, name), role=args.role, pair=args.pair, cohort=args.cohort,
        paper=args.paper, fillable=args.fillable, html_out=_html_target(args),
        progress=_say if (args.pair or args.cohort) else (lambda _: None))
    return _done(printed, "worksheets")


def guide(args: argparse.Namespace) -> int:
    ws = _workspace(args)
    session = ws.library.get(args.session)
    _say(f"printing the guide for {session.title}...")
    printed = _documents().print_guide(ws, session.id, _target(ws, args, f"{session.id}-guide.pdf"),
                                       start=args.start, paper=args.paper, html_out=_html_target(args))
    return _done(printed, "the facilitator guide")


def rolecards(args: argparse.Namespace) -> int:
    ws = _workspace(args)
    session = ws.library.get(args.session)
    _say(f"printing role cards for {session.title}...")
    printed = _documents().print_rolecards(ws, session.id, _target(ws, args, f"{session.id}-rolecards.pdf"),
                                           paper=args.paper, html_out=_html_target(args))
    return _done(printed, "role cards")


def summary(args: argparse.Namespace) -> int:
    ws = _workspace(args)
    ws.load_run(args.run)  # a clear error for an unknown or unreadable run, before the printer loads
    _say("printing the summary...")
    printed = _documents().print_summary(ws, args.run, _target(ws, args, f"{args.run}-{args.audience}.pdf"),
                                         audience=args.audience, paper=args.paper, html_out=_html_target(args))
    return _done(printed, f"the {args.audience} summary")


def agreement(args: argparse.Namespace) -> int:
    ws = _workspace(args)
    ws.program().pair(args.pair)
    _say("printing the agreement...")
    printed = _documents().print_agreement(ws, args.pair, _target(ws, args, f"{args.pair}-agreement.pdf"),
                                           paper=args.paper, html_out=_html_target(args))
    return _done(printed, "the agreement")


def report(args: argparse.Namespace) -> int:
    ws = _workspace(args)
    try:
        from facilitator.printing.report import print_report
    except ImportError:
        raise UserError("the program report is not available in this version yet") from None
    if args.cohort:
        ws.program().cohort(args.cohort)
    _say("analysing the program and printing the report...")
    _documents()
    printed = print_report(ws, _target(ws, args, f"report-{args.cohort or 'program'}.pdf"), cohort=args.cohort,
                           paper=args.paper, html_out=_html_target(args))
    return _done(printed, "the program report")


def register(command, common: argparse.ArgumentParser) -> None:
    printer = command("print", "print to PDF: worksheet, guide, rolecards, summary, agreement, report", None)
    docs = printer.add_subparsers(dest="document", metavar="DOCUMENT", required=True, parser_class=type(printer))
    options = argparse.ArgumentParser(add_help=False)
    options.add_argument("--paper", choices=("a4", "letter"), default="a4", help="paper size (default a4)")
    options.add_argument("-o", "--output", metavar="FILE", help="the PDF to write (default: WORKSPACE/out/...)")
    options.add_argument("--html", metavar="FILE", help="also write the HTML, to adapt the templates")

    def doc(name: str, help: str, handler) -> argparse.ArgumentParser:
        sub = docs.add_parser(name, help=help, description=help[0].upper() + help[1:] + ".",
                              parents=[common, options])
        sub.set_defaults(handler=handler)
        return sub

    sub = doc("worksheet", "worksheets: blank per role, or one named set per person with --pair/--cohort", worksheet)
    sub.add_argument("session", metavar="SESSION")
    sub.add_argument("--role", metavar="R", help="only this role's sheet")
    who = sub.add_mutually_exclusive_group()
    who.add_argument("--pair", metavar="ID", help="a named sheet for each person of the pair")
    who.add_argument("--cohort", metavar="ID",
                     help="a named sheet for each person of every pair in the cohort (each mentor, for a cohort meeting)")
    sub.add_argument("--fillable", action="store_true",
                     help="a PDF form named by question codes, to fill on screen; `facilitator import` reads it")

    sub = doc("guide", "the facilitator guide: agenda, timings, what to say, notes, materials", guide)
    sub.add_argument("session", metavar="SESSION")
    sub.add_argument("--start", metavar="HH:MM", help="clock time the session starts, for the agenda")

    sub = doc("rolecards", "role cards with each role's private brief, and the observer checklist", rolecards)
    sub.add_argument("session", metavar="SESSION")

    sub = doc("summary", "a run's summary (a cohort run: its minutes)", summary)
    sub.add_argument("run", metavar="RUN")
    sub.add_argument("--audience", choices=("shared", "facilitator"), default="shared",
                     help="shared (default): no private answers or notes; facilitator: everything")

    sub = doc("agreement", "a pair's living agreement with its revision history", agreement)
    sub.add_argument("pair", metavar="PAIR")

    sub = doc("report", "the program report: patterns, outcomes, endings, completeness", report)
    sub.add_argument("--cohort", metavar="ID", help="one cohort only")
