"""`facilitator scan`: filled paper worksheets back into their runs, from a scanner's PDF or phone photos."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from facilitator.cli import Command, open_workspace
from facilitator.errors import UserError

EXTRA = "scanning needs the `scan` extra: pip install 'facilitator[scan]' (or `make`, which installs it)"


def scan(args: argparse.Namespace) -> int:
    try:
        from facilitator.scanning import batch, into_run
    except ImportError:
        raise UserError(EXTRA) from None
    run, files = _run_and_files(args)
    ws = open_workspace(args)

    def relayout(workspace, session, role, paper):  # only a sheet printed elsewhere pays for WeasyPrint
        from facilitator.printing.scanmarks import relayout as again

        return again(workspace, session, role, paper)

    pages = batch.read_pages(ws, files, relayout, parallel=not args.serial)
    problems = [p.problem for p in pages if p.problem]
    if problems:
        raise UserError(*problems, f"nothing imported: {len(problems)} of {len(pages)} page(s) could not be read")
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
    verb = "would import" if args.dry_run else "imported"
    print(f"{len(pages)} page(s), {len(done)} sheet(s): {verb} {sum(len(d.plan.new) for d in done)} new answer(s)"
          + (f"; {uncertain} mark(s) to confirm (`facilitator run` → the run → scan review)" if uncertain else ""))
    return 0


def _summary(d, name: str) -> None:
    s = d.sheet
    read = [r for r in s.readings if r.status == "clear"]
    blank = [r for r in s.readings if r.status == "blank"]
    writes = [r for r in s.readings if r.status == "write"]
    print(f"{name} ({d.person}), {s.code.role}, run {s.run}, {', '.join(s.pages)}: {len(read)} read"
          f" ({len(d.plan.new)} new, {len(d.plan.same)} unchanged), {len(blank)} blank,"
          f" {len(writes)} write-in box(es) saved as images")
    for r in s.uncertain:
        print(f"  to confirm {r.code}: {r.seen}")
    if s.missing:
        print(f"  pages {', '.join(map(str, s.missing))} of this sheet were not in the scan: their questions stay"
              " unanswered")


def _run_and_files(args: argparse.Namespace) -> tuple[str | None, list[Path]]:
    """RUN is optional: a first argument that is no file is taken for it."""
    items = list(args.items)
    run = None
    if items and not Path(items[0]).exists() and not Path(items[0]).suffix:
        run = items.pop(0)
    if not items:
        raise UserError("give the scanned files: facilitator scan [RUN] FILE... (a PDF, JPEG or PNG each)")
    files = [Path(i) for i in items]
    for f in files:
        if not f.is_file():
            raise UserError(f"{f}: no such file")
    return run, files


def register(command: Command, common: argparse.ArgumentParser) -> None:
    sub = command("scan", "read filled paper worksheets (scanner PDF, phone JPEG/PNG) into their runs", scan)
    sub.add_argument("items", metavar="[RUN] FILE", nargs="+",
                     help="the run (optional: each sheet names its pair) and the scanned files")
    who = sub.add_mutually_exclusive_group()
    who.add_argument("--person", metavar="ID", help="whose answers, for blank (unnamed) sheets")
    who.add_argument("--role", metavar="ROLE", help="whose answers, for blank (unnamed) sheets")
    sub.add_argument("--late", action="store_true",
                     help="the reflection was already revealed: keep these answers, marked as entered after the reveal")
    sub.add_argument("--replace", action="store_true", help="replace answers the run already has")
    sub.add_argument("--dry-run", action="store_true", help="read and check everything, change nothing")
    sub.add_argument("--json", action="store_true", help="print the full reading as JSON")
    sub.add_argument("--serial", action="store_true", help=argparse.SUPPRESS)
