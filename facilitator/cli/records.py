"""Command-line commands over the workspace: pairs, runs, answer sheets, export."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from facilitator.cli import Command, is_terminal, open_workspace, write_output
from facilitator.errors import UserError
from facilitator.i18n import _


def pair_add(args: argparse.Namespace) -> int:
    from facilitator import ids
    from facilitator.program import Cohort, Pair, Person

    ws = open_workspace(args)
    program = ws.program()
    if any(p.id == args.id for p in program.pairs):
        raise UserError(_("pair `%(pair)s` already exists") % {"pair": args.id})
    ids.checked(args.id, "pair")

    def person(name: str) -> str:
        name = " ".join(name.split())
        if not name:
            raise UserError(_("a name cannot be empty"))
        for p in program.people:
            if p.name.lower() == name.lower() or p.id == name:
                return p.id
        base = ids.id_from(name) or "person"
        pid, n = base, 1
        while any(p.id == pid for p in program.people):
            n += 1
            pid = f"{base}-{n}"
        program.people.append(Person(id=pid, name=name))
        return pid

    mentor, mentee = person(args.mentor), person(args.mentee)
    if mentor == mentee:
        raise UserError(_("mentor and mentee must be two different people"))
    if args.cohort and not any(c.id == args.cohort for c in program.cohorts):
        ids.checked(args.cohort, "cohort")
        program.cohorts.append(Cohort(id=args.cohort, name=args.cohort.replace("-", " ").capitalize()))
    from datetime import date

    program.pairs.append(Pair(id=args.id, mentor=mentor, mentee=mentee, cohort=args.cohort,
                              started=f"{date.today():%Y-%m-%d}"))
    ws.save_program(program)
    said = {"pair": args.id, "mentor": program.name_of(mentor), "mentee": program.name_of(mentee), "cohort": args.cohort}
    print(_("added pair %(pair)s: %(mentor)s (mentor) & %(mentee)s (mentee) in cohort %(cohort)s") % said
          if args.cohort else _("added pair %(pair)s: %(mentor)s (mentor) & %(mentee)s (mentee)") % said)
    return 0


def pairs(args: argparse.Namespace) -> int:
    ws = open_workspace(args)
    program = ws.program()
    records, broken = ws.records()
    if not program.pairs:
        print(_("No pairs yet. Add one: facilitator pair add ID --mentor NAME --mentee NAME [--cohort ID]"))
    for pair in program.pairs:
        cohort = f"  [{pair.cohort}]" if pair.cohort else ""
        print(_("%(pair)s: %(mentor)s (mentor) & %(mentee)s (mentee)") % {
            "pair": pair.id, "mentor": program.name_of(pair.mentor), "mentee": program.name_of(pair.mentee)} + cohort)
        for r in records:
            if r.pair == pair.id or pair.id in r.pairs:
                print(_run_line(r))
    cohort_runs = [r for r in records if r.cohort]
    if cohort_runs:
        print(_("Cohort meetings:"))
        for r in cohort_runs:
            print(_run_line(r))
    for b in broken:
        print("facilitator: " + _("cannot read %(reason)s (left untouched)") % {"reason": b.reason}, file=sys.stderr)  # the reason names the file
    return 0


def _run_line(r) -> str:
    state = _("finished") if r.is_finished else _("open at step %(step)s") % {"step": r.step + 1}
    return f"    {r.id}  {r.session_title} ({state})"


def start(args: argparse.Namespace) -> int:
    from facilitator.engine import RunEngine

    ws = open_workspace(args)
    pairs = args.pair or []
    who = dict(pair=pairs[0] if len(pairs) == 1 else None, cohort=args.cohort, pairs=pairs if len(pairs) > 1 else None)
    already = [] if args.new else ws.open_runs_of(ws.library.get(args.session).id, **who)
    if already:
        r = already[0]
        raise UserError(_("%(who)s already has %(session)s open (%(run)s, at step %(step)s): resume it with"
                          " `facilitator resume %(run)s`, or add --new to start a second one")
                        % {"who": r.subject, "session": r.session_title, "run": r.id, "step": r.step + 1})
    from facilitator.guests import parse

    with RunEngine.create(ws, args.session, guests=parse(args.guest), **who) as engine:
        print(engine.record.id)
    return 0


def resume(args: argparse.Namespace) -> int:
    """Reopen a run where it stopped: in the app on a terminal, else (or with --print) as text."""
    from facilitator.engine import RunEngine

    ws = open_workspace(args)
    # --print only reads: no lock, so it works beside the open app and on a read-only workspace;
    # otherwise taking the lock proves the run is not open elsewhere before the app opens it
    with RunEngine.open(ws, args.run, lock=not args.print) as engine:
        text = describe_run(engine)
    if args.print or not is_terminal():
        print(text)
        return 0
    from facilitator.tui.app import build_app

    build_app(ws, run_id=args.run).run()
    return 0


def describe_run(engine) -> str:
    r, s = engine.record, engine.session
    left = engine.remaining()
    clock = f"{'-' if left < 0 else ''}{int(abs(left)) // 60}:{int(abs(left)) % 60:02d}"
    state = _("running") if engine.running() else _("paused")
    lines = [
        _("%(run)s: %(session)s for %(who)s") % {"run": r.id, "session": s.title, "who": r.subject}
        + (" " + _("(finished)") if r.is_finished else ""),
        _("step %(step)s of %(steps)s: %(title)s  (%(clock)s left, timer %(state)s)")
        % {"step": r.step + 1, "steps": len(s.steps), "title": engine.step.title, "clock": clock, "state": state},
    ]
    for p in r.participants:
        count = sum(1 for e in r.entries if e.person == p.person)
        lines.append("  " + _("%(person)s (%(role)s): %(count)s answer(s)")
                     % {"person": p.person, "role": s.role_word(p.role), "count": count})
    if r.actions:
        lines.append("  " + _("%(count)s action(s)") % {"count": len(r.actions)})
    return "\n".join(lines)


def answers(args: argparse.Namespace) -> int:
    from facilitator.sheets import sheet_identity, sheet_text

    ws = open_workspace(args)
    session, identity = sheet_identity(ws, session_id=args.session, role=args.role, person=args.person, run=args.run)
    name = ws.program().name_of(identity.person) if identity.person else ""
    what = _("%(name)s's answer sheet") % {"name": name} if name else \
        _("the %(role)s answer sheet") % {"role": session.role_word(identity.role)}
    write_output(sheet_text(session, identity, name), args.output, what)
    return 0


def import_sheet(args: argparse.Namespace) -> int:
    from facilitator.engine import RunEngine
    from facilitator.sheets import identify, plan_import, read_sheet

    ws = open_workspace(args)
    with RunEngine.open(ws, args.run) as engine:
        for line in ws.dropped_codes(engine.session, [engine.record]):  # said before a sheet that holds one is refused
            print(line, file=sys.stderr)
        sheet = read_sheet(Path(args.file), engine.session)
        person = identify(ws, engine, sheet, person=args.person, role=args.role)
        plan = plan_import(engine, person, sheet)
        if plan.replaced and not args.replace:
            lines = [_("%(code)s: already has %(before)s, the sheet says %(after)s")
                     % {"code": c, "before": repr(before), "after": repr(after)}
                     for c, (before, after) in plan.replaced.items()]
            raise UserError(*lines, _("nothing imported: use --replace to replace these answers"))
        if not plan.changes:
            print(_("nothing changed: the run already has these %(count)s answer(s)") % {"count": len(plan.same)})
            return 0
        engine.answer_many(person, plan.changes, source="sheet", late=args.late)
    print(_("imported %(count)s new answer(s) for %(person)s") % {"count": len(plan.new), "person": person}
          + (", " + _("%(count)s unchanged") % {"count": len(plan.same)} if plan.same else "")
          + (", " + _("marked as entered after the reveal") if args.late else ""))
    for code, (before, after) in plan.replaced.items():
        print(_("replaced %(code)s: %(before)s -> %(after)s") % {"code": code, "before": repr(before),
                                                                 "after": repr(after)})
    return 0


def export(args: argparse.Namespace) -> int:
    from facilitator.exporting import answer_rows, render

    ws = open_workspace(args)
    rows, broken = answer_rows(ws, args.include_private)
    for b in broken:
        print("facilitator: " + _("skipped %(file)s (left untouched): %(reason)s") % {"file": b.path, "reason": b.reason},
              file=sys.stderr)
    records = ws.records()[0]
    for entry in ws.library.entries.values():  # answers under codes a session no longer asks are not exported
        for line in ws.dropped_codes(entry.session, records):
            print(line, file=sys.stderr)
    figures = None
    if args.format == "json":  # the program report's figures travel with the answers
        from facilitator.patterns import program_figures

        figures = program_figures(ws)
    write_output(render(rows, args.format, figures), args.output, _("%(count)s answer(s)") % {"count": len(rows)})
    return 0


def register(command: Command, common: argparse.ArgumentParser) -> None:
    """Add these commands to the main parser; `command(name, help, run)` makes a subparser."""
    pair = command("pair", _("manage pairs: `facilitator pair add ID --mentor NAME --mentee NAME`"), None)
    pair_commands = pair.add_subparsers(dest="pair_command", metavar="add", required=True,
                                        parser_class=type(pair))
    sub = pair_commands.add_parser("add", help=_("add a mentoring pair"), description=_("Add a mentoring pair."),
                                   parents=[common])
    sub.set_defaults(handler=pair_add)
    sub.add_argument("id", metavar="ID", help=_("the pair's id, e.g. ana-ben"))
    sub.add_argument("--mentor", metavar="NAME", required=True, help=_("the mentor's name"))
    sub.add_argument("--mentee", metavar="NAME", required=True, help=_("the mentee's name"))
    sub.add_argument("--cohort", metavar="ID", help=_("the mentor cohort the pair belongs to (created if new)"))

    command("pairs", _("list pairs and their runs"), pairs)

    sub = command("start", _("create a run without the app and print its id"), start)
    sub.add_argument("session", metavar="SESSION", help=_("session id (see `facilitator sessions`)"))
    who = sub.add_mutually_exclusive_group(required=True)
    who.add_argument("--pair", metavar="ID", action="append",
                     help=_("the pair; give it more than once for a workshop of several pairs"))
    who.add_argument("--cohort", metavar="ID")
    sub.add_argument("--new", action="store_true",
                     help=_("start another run even if this session is already open for them (else: exit 2)"))
    sub.add_argument("--guest", metavar="ROLE=NAME", action="append",
                     help=_('a guest role\'s person in a pair run, e.g. --guest sponsor="Dana Ruiz"; once per guest'))

    sub = command("resume", _("reopen an unfinished run where it stopped"), resume)
    sub.add_argument("run", metavar="RUN", help=_("run id (see `facilitator pairs`)"))
    sub.add_argument("--print", action="store_true", help=_("print where the run stopped instead of opening the app"))

    sub = command("answers", _("write an answer sheet (TOML): blank for a role, or named for a person"), answers)
    sub.add_argument("session", metavar="SESSION", nargs="?", help=_("session id (not needed with --run)"))
    sub.add_argument("--role", metavar="ROLE", help=_("e.g. mentor or mentee"))
    sub.add_argument("--person", metavar="ID", help=_("name the sheet: it can then be imported for this person only"))
    sub.add_argument("--run", metavar="RUN", help=_("the run the sheet is for (its session and the person's role)"))
    sub.add_argument("-o", "--output", metavar="FILE", help=_("write to FILE (default: standard output)"))

    sub = command("import", _("enter answers from a filled answer sheet"), import_sheet)
    sub.add_argument("run", metavar="RUN")
    who = sub.add_mutually_exclusive_group()
    who.add_argument("--role", metavar="ROLE", help=_("whose answers (not needed when the sheet is named)"))
    who.add_argument("--person", metavar="ID", help=_("whose answers (not needed when the sheet is named)"))
    sub.add_argument("file", metavar="FILE", help=_("the filled answer sheet (TOML), or a filled --fillable PDF"))
    sub.add_argument("--replace", action="store_true", help=_("replace answers the run already has"))
    sub.add_argument("--late", action="store_true",
                     help=_("the reflection was already revealed: keep these answers, marked as entered after the reveal"))

    sub = command("export", _("export every answer, one row each (csv or json)"), export)
    sub.add_argument("--format", choices=("csv", "json"), default="csv")
    sub.add_argument("-o", "--output", metavar="FILE", help=_("write to FILE (default: standard output)"))
    sub.add_argument("--include-private", action="store_true", help=_("include answers marked private"))
