"""The command line: the scriptable twin of the app.

One module per family of commands (app, library, records, patterns, printing), each adding
its subparsers through `register(command, common)`. Commands import what they need when they
run, so `facilitator sessions` never pays for WeasyPrint or Textual, and bare `facilitator`
builds no subparser at all. Bad input exits 2 with one line per problem; anything else exits
1 with one line (the traceback only with --debug).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from facilitator import __version__, i18n
from facilitator.errors import UserError
from facilitator.i18n import _

EXIT_OK, EXIT_FAILURE, EXIT_BAD_INPUT = 0, 1, 2

Handler = Callable[[argparse.Namespace], int]
Command = Callable[[str, str, "Handler | None"], argparse.ArgumentParser]  # makes one subparser


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, not a usage dump
        self.exit(EXIT_BAD_INPUT, _("%(prog)s: %(message)s (see `%(prog)s --help`)") % {"prog": self.prog,
                                                                                        "message": message} + "\n")


def _global_options(parser: argparse.ArgumentParser, suppress: bool) -> None:
    default = argparse.SUPPRESS if suppress else None
    parser.add_argument(
        "--workspace",
        metavar="DIR",
        default=default,
        help=_("workspace folder (default: $FACILITATOR_HOME, else the workspace setting, else your user data folder)"),
    )
    parser.add_argument(
        "--debug", action="store_true", default=argparse.SUPPRESS if suppress else False, help=_("show tracebacks")
    )


def _app_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--demo", action="store_true",
                        help=_("open the app on the demo program (created on first use) instead of your workspace"))
    parser.add_argument("--reset", action="store_true",
                        help=_("with --demo: throw the demo's runs and changes away and build it afresh"))
    parser.add_argument("--high-contrast", action="store_true", help=_("start the app in the high-contrast theme"))


def build_parser() -> argparse.ArgumentParser:
    from facilitator.cli import app, config, library, patterns, printing, records, scanning

    parser = _Parser(
        prog="facilitator",
        description=_("Run scripted mentoring sessions, keep what people said, print the paper."),
        epilog=_("Run `facilitator COMMAND --help` for the options of a command."),
    )
    parser.add_argument("--version", action="version", version=f"facilitator {__version__}")
    _global_options(parser, suppress=False)
    _app_options(parser)
    common = _Parser(add_help=False)
    _global_options(common, suppress=True)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    def command(name: str, help: str, run: Handler | None) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help, description=sentence(help), parents=[common])
        sub.set_defaults(handler=run)
        return sub

    for family in (app, library, records, patterns, printing, config, scanning):
        family.register(command, common)
    return parser


def _bare_parser() -> argparse.ArgumentParser:
    """Only the global options: `facilitator` alone opens the app without building every command."""
    parser = _Parser(prog="facilitator", add_help=False)
    _global_options(parser, suppress=False)
    _app_options(parser)
    return parser


def sentence(help: str) -> str:
    """A command's one-line help as its description: capitalised, with a full stop."""
    return help[0].upper() + help[1:] + "."


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    from facilitator.cli.words import language_of, speak_argparse

    speak_argparse()
    before = i18n.current()
    i18n.set_default(language_of(argv))  # before any parser is built: its help speaks the language too
    try:
        return _main(argv)
    finally:
        i18n.set_default(before)  # in-process callers (tests) go on in the language they had


def _main(argv: list[str]) -> int:
    # a bare trailing --workspace is `config set`'s (write in this workspace), not the global option
    bare, rest = (None, argv) if argv[-1:] == ["--workspace"] else _bare_parser().parse_known_args(argv)
    args = bare if not rest else build_parser().parse_args(argv)
    try:
        if getattr(args, "reset", False) and not getattr(args, "demo", False):
            raise UserError(_("--reset rebuilds the demo: use it with --demo (`facilitator --demo --reset`)"))
        if getattr(args, "demo", False):
            _use_demo(args)
        handler = getattr(args, "handler", None)
        if handler is None:
            from facilitator.cli.app import open_app as handler
        return handler(args)
    except UserError as exc:
        from facilitator.errors import InvalidFile

        for line in exc.lines:
            print(line if isinstance(exc, InvalidFile) else f"facilitator: {line}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("facilitator: " + _("interrupted"), file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # the last line of defence: no traceback unless asked
        if args.debug:
            raise
        print("facilitator: " + _("unexpected error: %(error)s (run with --debug for details)")
              % {"error": f"{type(exc).__name__}: {exc}"}, file=sys.stderr)
        return EXIT_FAILURE


def _use_demo(args: argparse.Namespace) -> None:
    """--demo: every command works on the demo program, made on first use."""
    from facilitator.demo import create_demo, demo_root

    root = Path(args.workspace) if getattr(args, "workspace", None) else demo_root()
    if getattr(args, "reset", False):
        from facilitator.demo import reset_demo

        reset_demo(root)
        print(_("rebuilt the demo program in %(folder)s") % {"folder": root}, file=sys.stderr)
    elif not (root / "program.toml").exists():
        print(_("creating the demo program in %(folder)s...") % {"folder": root}, file=sys.stderr)
    create_demo(root)
    args.workspace = str(root)


# ---------------------------------------------------------------- shared by the command modules


def open_workspace(args: argparse.Namespace):
    from facilitator.workspace import Workspace

    option = getattr(args, "workspace", None)
    if not option and not os.environ.get("FACILITATOR_HOME"):
        from facilitator.settings import default_workspace

        option = default_workspace()  # the user's `workspace` setting
    return Workspace.open(option)


def say(message: str) -> None:
    """Progress for the person at the terminal: on stderr, so stdout stays the command's output."""
    print(message, file=sys.stderr, flush=True)


def is_terminal() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()


def write_output(text: str, output: str | None, what: str) -> None:
    """Write `text` to standard output, or to the file `output` (readable by its owner only)."""
    if not output or output == "-":
        sys.stdout.write(text)
        return
    path = Path(output)
    write_file(path, text, mode=0o600)
    say(_("wrote %(what)s to %(file)s") % {"what": what, "file": path})


def write_file(path: Path, text: str, **options) -> None:
    """Write atomically; a refusal (a folder, no permission) is the user's to fix, in one line."""
    from facilitator.tomlfile import write_atomically

    try:
        write_atomically(path, text, **options)
    except OSError as exc:
        raise UserError(_("%(file)s: cannot write (%(reason)s)") % {"file": path, "reason": exc.strerror or exc}) from None
