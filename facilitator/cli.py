"""The command line: the scriptable twin of the app.

Commands import what they need when they run, so `facilitator sessions` never pays for
WeasyPrint or Textual. Bad input exits 2 with one line per problem; anything else
exits 1 with one line (the traceback only with --debug).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from facilitator import __version__
from facilitator.errors import UserError

EXIT_OK, EXIT_FAILURE, EXIT_BAD_INPUT = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, not a usage dump
        self.exit(EXIT_BAD_INPUT, f"{self.prog}: {message} (see `{self.prog} --help`)\n")


def _global_options(parser: argparse.ArgumentParser, suppress: bool) -> None:
    default = argparse.SUPPRESS if suppress else None
    parser.add_argument(
        "--workspace",
        metavar="DIR",
        default=default,
        help="workspace folder (default: $FACILITATOR_HOME, else your user data folder)",
    )
    parser.add_argument(
        "--debug", action="store_true", default=argparse.SUPPRESS if suppress else False, help="show tracebacks"
    )


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="facilitator",
        description="Run scripted mentoring sessions, keep what people said, print the paper.",
        epilog="Run `facilitator COMMAND --help` for the options of a command.",
    )
    parser.add_argument("--version", action="version", version=f"facilitator {__version__}")
    _global_options(parser, suppress=False)
    parser.add_argument("--demo", action="store_true",
                        help="open the app on the demo program (created on first use) instead of your workspace")
    parser.add_argument("--high-contrast", action="store_true", help="start the app in the high-contrast theme")
    common = _Parser(add_help=False)
    _global_options(common, suppress=True)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    def command(name: str, help: str, run: Callable[[argparse.Namespace], int]) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help, description=help[0].upper() + help[1:] + ".", parents=[common])
        sub.set_defaults(handler=run)
        return sub

    sub = command("run", "open the app on a new run of a session", _run)
    sub.add_argument("session", metavar="SESSION", help="session id (see `facilitator sessions`)")
    who = sub.add_mutually_exclusive_group()
    who.add_argument("--pair", metavar="ID")
    who.add_argument("--cohort", metavar="ID")

    sub = command("sessions", "list the session library: id, kind, minutes, title, source", _sessions)
    sub.add_argument("--kind", help="only sessions of this kind")

    sub = command("validate", "check session definition files; exit 0 if valid, else 2 with one line per problem",
                  _validate)
    sub.add_argument("paths", nargs="+", metavar="PATH", help="session TOML files, e.g. sessions/*.toml")
    sub.add_argument("--quiet", "-q", action="store_true", help="print problems only")

    sub = command("new", "write a starter session definition that validates", _new)
    sub.add_argument("kind", metavar="KIND", help="expectations, midpoint, roleplay, cohort, closing or custom")
    sub.add_argument("id", metavar="ID", help="the new session's id, e.g. team-midpoint")
    sub.add_argument("-o", "--output", metavar="FILE", help="where to write (default: WORKSPACE/sessions/ID.toml)")
    sub.add_argument("--force", action="store_true", help="overwrite an existing file")

    from facilitator import cli_patterns, cli_records

    cli_records.register(command, common)
    cli_patterns.register(command, common)
    from facilitator import cli_print

    cli_print.register(command, common)

    sub = command("schema", "print the JSON Schema of the session format (for TOML editors)", _schema)
    sub.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")
    return parser


def _bare_parser() -> argparse.ArgumentParser:
    """Only the global options: `facilitator` alone opens the app without building every command."""
    parser = _Parser(prog="facilitator", add_help=False)
    _global_options(parser, suppress=False)
    parser.add_argument("--demo", action="store_true")
    parser.add_argument("--high-contrast", action="store_true")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    bare, rest = _bare_parser().parse_known_args(argv)
    args = bare if not rest else build_parser().parse_args(argv)
    handler = getattr(args, "handler", None) or _open_app
    try:
        if getattr(args, "demo", False):
            _use_demo(args)
        return handler(args)
    except UserError as exc:
        from facilitator.errors import InvalidFile

        for line in exc.lines:
            print(line if isinstance(exc, InvalidFile) else f"facilitator: {line}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("facilitator: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # the last line of defence: no traceback unless asked
        if args.debug:
            raise
        print(f"facilitator: unexpected error: {type(exc).__name__}: {exc} (run with --debug for details)",
              file=sys.stderr)
        return EXIT_FAILURE


# ---------------------------------------------------------------- commands


def _workspace(args: argparse.Namespace) -> Path:
    from facilitator.workspace_paths import workspace_root

    return workspace_root(getattr(args, "workspace", None))


def _library(args: argparse.Namespace):
    from facilitator.workspace import Workspace

    return Workspace(_workspace(args)).library


def _open_app(args: argparse.Namespace, **opening) -> int:
    """Open the app; without a terminal (a pipe, a script) list the library instead."""
    from facilitator.workspace import Workspace

    workspace = Workspace.open(getattr(args, "workspace", None))
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        if opening:
            raise UserError("the app needs a terminal; without one use `facilitator start` and `import`")
        print("(no terminal: listing the session library; run `facilitator` in a terminal to open the app)",
              file=sys.stderr)
        return _sessions(args)
    from facilitator.tui.app import build_app

    build_app(workspace, high_contrast=getattr(args, "high_contrast", False), **opening).run()
    return EXIT_OK


def _use_demo(args: argparse.Namespace) -> None:
    """--demo: every command works on the demo program, made on first use."""
    from facilitator.demo import create_demo, demo_root

    root = Path(args.workspace) if getattr(args, "workspace", None) else demo_root()
    if not (root / "program.toml").exists():
        print(f"creating the demo program in {root}...", file=sys.stderr)
    create_demo(root)
    args.workspace = str(root)


def _run(args: argparse.Namespace) -> int:
    if not args.pair and not args.cohort:
        raise UserError("say who the run is for: --pair ID or --cohort ID")
    return _open_app(args, session=args.session, pair=args.pair, cohort=args.cohort)


def _sessions(args: argparse.Namespace) -> int:
    from facilitator.presentation import session_sort_key

    library = _library(args)
    kind = getattr(args, "kind", None)
    if kind:
        from facilitator.model import KINDS

        if kind not in KINDS:
            from facilitator.validation import did_you_mean

            raise UserError(f"unknown kind `{kind}`{did_you_mean(kind, KINDS)}; kinds: {', '.join(KINDS)}")
    entries = sorted(library.entries.values(), key=lambda e: session_sort_key(e.session))
    rows = [(e.session.id, e.session.kind, f"{e.session.minutes}'", e.session.title, e.source)
            for e in entries if not kind or e.session.kind == kind]
    header = ("ID", "KIND", "MIN", "TITLE", "SOURCE")
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(5)]
    for row in [header, *rows]:
        print("  ".join(cell.ljust(w) if i != 2 else cell.rjust(w) for i, (cell, w) in enumerate(zip(row, widths)))
              .rstrip())
    for checked in library.broken:
        print(f"facilitator: skipped {checked.path}: {len(checked.errors)} problem(s);"
              f" run `facilitator validate {checked.path}`", file=sys.stderr)
    return EXIT_OK



def _validate(args: argparse.Namespace) -> int:
    from facilitator.definitions import check_file

    failed = 0
    for path in map(Path, args.paths):
        checked = check_file(path)
        for line in checked.warnings:
            print(line, file=sys.stderr)
        if checked.session is None:
            failed += 1
            for line in checked.errors:
                print(line, file=sys.stderr)
        elif not args.quiet:
            s = checked.session
            print(f"{checked.path}: ok ({s.kind}, {len(s.steps)} steps, {s.minutes} minutes)")
    return EXIT_BAD_INPUT if failed else EXIT_OK


def _new(args: argparse.Namespace) -> int:
    from facilitator.definitions import check_document
    from facilitator.model import KINDS
    from facilitator.starter import starter
    from facilitator.tomlfile import dumps, write_atomically
    from facilitator.validation import did_you_mean

    if args.kind not in KINDS:
        raise UserError(f"unknown kind `{args.kind}`{did_you_mean(args.kind, KINDS)}; kinds: {', '.join(KINDS)}")
    import re

    if not re.fullmatch(r"[a-z][a-z0-9_-]*", args.id):
        raise UserError(f"id `{args.id}`: use lower-case letters, digits, - and _, starting with a letter")
    out = Path(args.output) if args.output else _workspace(args) / "sessions" / f"{args.id}.toml"
    if out.exists() and not args.force:
        raise UserError(f"{out}: already exists; use --force to overwrite it")
    doc = starter(args.kind, args.id)
    checked = check_document(doc, str(out))
    assert checked.session is not None, checked.errors
    header = (f"# {doc['title']}: a starter {args.kind} session. Edit it, then check it with\n"
              f"#   facilitator validate {out}\n# The format: docs/session-format.md\n\n")
    try:
        write_atomically(out, header + dumps(doc))
    except OSError as exc:
        raise UserError(f"{out}: cannot write ({exc.strerror or exc})") from None
    print(f"wrote {out}")
    return EXIT_OK


def _schema(args: argparse.Namespace) -> int:
    from facilitator.schema import schema_text

    text = schema_text()
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
        print(f"wrote {args.output}")
    else:
        sys.stdout.write(text)
    return EXIT_OK
