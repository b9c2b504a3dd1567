"""The session library: `sessions`, `validate`, `new`, `schema`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from facilitator.cli import Command, EXIT_BAD_INPUT, EXIT_OK, open_workspace, write_file
from facilitator.errors import UserError
from facilitator.i18n import N_, _

SOURCES = (N_("bundled"), N_("workspace"))  # a library entry's source, said in the language


def _known_kind(kind: str) -> str:
    from facilitator.model import KINDS

    if kind not in KINDS:
        from facilitator.validation import did_you_mean

        raise UserError(_("unknown kind `%(kind)s`%(hint)s; kinds: %(kinds)s")
                        % {"kind": kind, "hint": did_you_mean(kind, KINDS), "kinds": ", ".join(KINDS)})
    return kind


def sessions(args: argparse.Namespace) -> int:
    from facilitator.presentation import minutes_short, session_sort_key

    library = open_workspace(args).library
    kind = getattr(args, "kind", None)
    if kind:
        _known_kind(kind)
    entries = sorted(library.entries.values(), key=lambda e: session_sort_key(e.session))
    rows = [(e.session.id, e.session.kind, minutes_short(e.session.minutes), e.session.title, _(e.source))
            for e in entries if not kind or e.session.kind == kind]
    header = (_("ID"), _("KIND"), _("MIN"), _("TITLE"), _("SOURCE"))
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(5)]
    for row in [header, *rows]:
        print("  ".join(cell.ljust(w) if i != 2 else cell.rjust(w) for i, (cell, w) in enumerate(zip(row, widths)))
              .rstrip())
    for checked in library.broken:
        print("facilitator: " + _("skipped %(file)s: %(count)s problem(s); run `facilitator validate %(file)s`")
              % {"file": checked.path, "count": len(checked.errors)}, file=sys.stderr)
    claimed = {session_id for b in library.broken for session_id in b.claims}
    for session_id, line in library.refused.items():
        if session_id not in claimed:  # two files of one id: neither is listed
            print("facilitator: " + _("skipped %(what)s") % {"what": line}, file=sys.stderr)
    return EXIT_OK


def validate(args: argparse.Namespace) -> int:
    """Check session and pattern files; with no paths, the workspace's own (sessions/*.toml, patterns.toml)."""
    from facilitator.definitions import check_file
    from facilitator.presentation import minutes_number
    from facilitator.tomlfile import display

    ws = open_workspace(args)
    paths = [Path(p) for p in args.paths] or _workspace_files(ws)
    if not paths:
        print(_("nothing to check: %(folder)s has no sessions/*.toml and no patterns.toml") % {"folder": display(ws.root)})
        return EXIT_OK
    failed = 0
    said: set[str] = set()  # one line names both files of a doubled id: printed once, not once per file
    for path in paths:
        if _is_patterns_file(path):
            failed += _validate_patterns(ws, path, args.quiet)
            continue
        checked = check_file(path)
        problems, warnings = list(checked.errors), list(checked.warnings)
        s = checked.session
        if s is not None:
            doubled = ws.library.refused.get(s.id)
            if doubled and _is_workspace_file(ws, path) and not any(s.id in b.claims for b in ws.library.broken):
                problems.append(doubled)  # valid alone, but no command can use it beside its twin
            warnings += ws.dropped_codes(s, where=display(path))
        for line in [x for x in warnings + problems if x not in said]:
            print(line, file=sys.stderr)
        said.update(warnings + problems)
        if problems:
            failed += 1
        elif not args.quiet and s is not None:
            print(_("%(file)s: ok (%(kind)s, %(steps)s steps, %(minutes)s minutes)")
                  % {"file": checked.path, "kind": s.kind, "steps": len(s.steps), "minutes": minutes_number(s.minutes)})
    return EXIT_BAD_INPUT if failed else EXIT_OK


def _workspace_files(ws) -> list[Path]:
    found = sorted(ws.sessions_dir.glob("*.toml")) if ws.sessions_dir.is_dir() else []
    patterns = ws.root / "patterns.toml"
    return found + ([patterns] if patterns.is_file() else [])


def _is_workspace_file(ws, path: Path) -> bool:
    try:
        return path.resolve().parent == ws.sessions_dir.resolve()
    except OSError:
        return False


def _is_patterns_file(path: Path) -> bool:
    """A pattern library rather than a session: by its name, else by what it holds."""
    if path.name == "patterns.toml":
        return True
    from facilitator.tomlfile import read_toml

    try:
        doc = read_toml(path)
    except UserError:
        return False  # the session check says what is wrong with it
    return "steps" not in doc and bool({"patterns", "labels", "disable"} & doc.keys())


def _validate_patterns(ws, path: Path, quiet: bool) -> int:
    """A pattern file, checked by the pattern loader against the measures the sessions use."""
    from facilitator.patterns.context import known_measures
    from facilitator.patterns.library import check_pattern_file

    checked = check_pattern_file(path, known_measures(ws))
    for line in checked.problems.warnings + checked.problems.errors:
        print(line, file=sys.stderr)
    if checked.problems.errors:
        return 1
    if not quiet:
        print(_("%(file)s: ok (%(count)s pattern(s))") % {"file": checked.problems.where, "count": len(checked.patterns)})
    return 0


def new(args: argparse.Namespace) -> int:
    from facilitator import ids
    from facilitator.definitions import check_document
    from facilitator.starter import starter
    from facilitator.tomlfile import dumps

    _known_kind(args.kind)
    ids.checked(args.id, "session", ids.DEFINITION_ID)
    out = Path(args.output) if args.output else open_workspace(args).sessions_dir / f"{args.id}.toml"
    if out.exists() and not args.force:
        raise UserError(_("%(file)s: already exists; use --force to overwrite it") % {"file": out})
    doc = starter(args.kind, args.id)
    checked = check_document(doc, str(out))
    assert checked.session is not None, checked.errors
    header = (f"# {doc['title']}: a starter {args.kind} session. Edit it, then check it with\n"
              f"#   facilitator validate {out}\n# The format: docs/session-format.md\n\n")
    write_file(out, header + dumps(doc))
    print(_("wrote %(file)s") % {"file": out})
    return EXIT_OK


def schema(args: argparse.Namespace) -> int:
    from facilitator.schema import schema_text

    text = schema_text()
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
        print(_("wrote %(file)s") % {"file": args.output})
    else:
        sys.stdout.write(text)
    return EXIT_OK


def register(command: Command, common: argparse.ArgumentParser) -> None:
    sub = command("sessions", _("list the session library: id, kind, minutes, title, source"), sessions)
    sub.add_argument("--kind", help=_("only sessions of this kind"))

    sub = command("validate", _("check session and pattern files (default: the workspace's own); exit 0 if valid,"
                                " else 2 with one line per problem"), validate)
    sub.add_argument("paths", nargs="*", metavar="PATH",
                     help=_("session or pattern TOML files, e.g. sessions/*.toml (default: WORKSPACE/sessions/*.toml"
                            " and WORKSPACE/patterns.toml)"))
    sub.add_argument("--quiet", "-q", action="store_true", help=_("print problems only"))

    sub = command("new", _("write a starter session definition that validates"), new)
    sub.add_argument("kind", metavar="KIND", help=_("expectations, midpoint, roleplay, cohort, closing or custom"))
    sub.add_argument("id", metavar="ID", help=_("the new session's id, e.g. team-midpoint"))
    sub.add_argument("-o", "--output", metavar="FILE", help=_("where to write (default: WORKSPACE/sessions/ID.toml)"))
    sub.add_argument("--force", action="store_true", help=_("overwrite an existing file"))

    sub = command("schema", _("print the JSON Schema of the session format (for TOML editors)"), schema)
    sub.add_argument("-o", "--output", metavar="FILE", help=_("write to FILE instead of standard output"))
