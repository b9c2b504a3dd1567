"""`facilitator scan`: filled paper worksheets back into their runs, from a scanner's PDF or phone photos."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from facilitator.cli import Command, open_workspace
from facilitator.errors import UserError
from facilitator.i18n import N_, _

EXTRA = N_("scanning needs the `scan` extra: pip install 'facilitator[scan]' (or `make`, which installs it)")


def scan(args: argparse.Namespace) -> int:
    try:
        from facilitator.scanning import batch, into_run
    except ImportError:
        raise UserError(_(EXTRA)) from None
    run, files = _run_and_files(args)
    ws = open_workspace(args)

    def relayout(workspace, session, role, paper):  # only a sheet printed elsewhere pays for WeasyPrint
        from facilitator.printing.scanmarks import relayout as again

        return again(workspace, session, role, paper)

    pages = batch.read_pages(ws, files, relayout, parallel=not args.serial)
    problems = [p.problem for p in pages if p.problem]
    if problems:
        raise UserError(*problems, _("nothing imported: %(bad)s of %(pages)s page(s) could not be read")
                        % {"bad": len(problems), "pages": len(pages)})
    sheets = batch.sheets_of(ws, pages)
    done = into_run.import_sheets(ws, sheets, pages, run=run, person=args.person, role=args.role, late=args.late,
                                  replace=args.replace, dry_run=args.dry_run)
    if args.json:
        print(json.dumps({"pages": len(pages), "dry_run": args.dry_run,
                          "sheets": [dict(d.sheet.to_json(), person=d.person, new=sorted(d.plan.new),
                                          unchanged=sorted(d.plan.same), replaced=sorted(d.plan.replaced))
                                     for d in done]}, indent=1, default=str))
        return 0
    program = ws.program()
    for d in done:
        _summary(d, program.name_of(d.person))
    uncertain = sum(len(d.sheet.uncertain) for d in done)
    said = {"pages": len(pages), "sheets": len(done), "new": sum(len(d.plan.new) for d in done)}
    line = _("%(pages)s page(s), %(sheets)s sheet(s): would import %(new)s new answer(s)") % said if args.dry_run \
        else _("%(pages)s page(s), %(sheets)s sheet(s): imported %(new)s new answer(s)") % said
    print(line + ("; " + _("%(count)s mark(s) to confirm (`facilitator run` → the run → scan review)")
                  % {"count": uncertain} if uncertain else ""))
    return 0


def _summary(d, name: str) -> None:
    s = d.sheet
    read = [r for r in s.readings if r.status == "clear"]
    blank = [r for r in s.readings if r.status == "blank"]
    writes = [r for r in s.readings if r.status == "write"]
    print(_("%(name)s (%(person)s), %(role)s, run %(run)s, %(pages)s: %(read)s read (%(new)s new, %(same)s unchanged),"
            " %(blank)s blank, %(writes)s write-in box(es) saved as images")
          % {"name": name, "person": d.person, "role": s.code.role, "run": s.run, "pages": ", ".join(s.pages),
             "read": len(read), "new": len(d.plan.new), "same": len(d.plan.same), "blank": len(blank),
             "writes": len(writes)})
    for r in s.uncertain:
        print("  " + _("to confirm %(code)s: %(seen)s") % {"code": r.code, "seen": r.seen})
    if s.missing:
        print("  " + _("pages %(pages)s of this sheet were not in the scan: their questions stay unanswered")
              % {"pages": ", ".join(map(str, s.missing))})


def _run_and_files(args: argparse.Namespace) -> tuple[str | None, list[Path]]:
    """RUN is optional: a first argument that is no file is taken for it."""
    items = list(args.items)
    run = None
    if items and not Path(items[0]).exists() and not Path(items[0]).suffix:
        run = items.pop(0)
    if not items:
        raise UserError(_("give the scanned files: facilitator scan [RUN] FILE... (a PDF, JPEG or PNG each)"))
    files = [Path(i) for i in items]
    for f in files:
        if not f.is_file():
            raise UserError(_("%(file)s: no such file") % {"file": f})
    return run, files


def register(command: Command, common: argparse.ArgumentParser) -> None:
    sub = command("scan", _("read filled paper worksheets (scanner PDF, phone JPEG/PNG) into their runs"), scan)
    sub.add_argument("items", metavar="[RUN] FILE", nargs="+",
                     help=_("the run (optional: each sheet names its pair) and the scanned files"))
    who = sub.add_mutually_exclusive_group()
    who.add_argument("--person", metavar="ID", help=_("whose answers, for blank (unnamed) sheets"))
    who.add_argument("--role", metavar="ROLE", help=_("whose answers, for blank (unnamed) sheets"))
    sub.add_argument("--late", action="store_true",
                     help=_("the reflection was already revealed: keep these answers, marked as entered after the reveal"))
    sub.add_argument("--replace", action="store_true", help=_("replace answers the run already has"))
    sub.add_argument("--dry-run", action="store_true", help=_("read and check everything, change nothing"))
    sub.add_argument("--json", action="store_true", help=_("print the full reading as JSON"))
    sub.add_argument("--serial", action="store_true", help=argparse.SUPPRESS)
