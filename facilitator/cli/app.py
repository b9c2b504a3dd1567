"""Opening the app: bare `facilitator`, `facilitator run SESSION --pair ID`, and the room view."""

from __future__ import annotations

import argparse
import os
import sys

from facilitator.cli import Command, EXIT_OK, is_terminal, open_workspace
from facilitator.errors import UserError
from facilitator.i18n import _


def open_app(args: argparse.Namespace, **opening) -> int:
    """Open the app; without a terminal (a pipe, a script) list the library instead."""
    workspace = open_workspace(args)
    if not is_terminal():
        if opening:
            raise UserError(_("the app needs a terminal; without one use `facilitator start` and `import`"))
        print(_("(no terminal: listing the session library; run `facilitator` in a terminal to open the app)"),
              file=sys.stderr)
        from facilitator.cli.library import sessions

        return sessions(args)
    from facilitator.tui.app import build_app

    build_app(workspace, high_contrast=_high_contrast(args, workspace), **opening).run()
    return EXIT_OK


def _high_contrast(args: argparse.Namespace, workspace) -> bool:
    """--high-contrast, else the theme setting (FACILITATOR_THEME, program.toml, your config)."""
    from facilitator.settings import Settings

    return getattr(args, "high_contrast", False) or Settings(workspace.root)["theme"] == "high-contrast"


def run(args: argparse.Namespace) -> int:
    if not args.pair and not args.cohort:
        raise UserError(_("say who the run is for: --pair ID or --cohort ID"))
    return open_app(args, session=args.session, pair=args.pair, cohort=args.cohort)


def present(args: argparse.Namespace) -> int:
    """The room view, for the projector: read-only, it follows the run open in the app (or RUN)."""
    web = getattr(args, "web", False)
    if web:
        _check_listening(args)
    workspace = open_workspace(args)
    if args.run:
        workspace.load_run(args.run)  # a wrong id is said now, in one line, not on the projector
    high_contrast = _high_contrast(args, workspace)
    if web:
        from facilitator.tui.web import serve

        serve(workspace.root, args.run, host=args.host, port=args.port, high_contrast=high_contrast,
              font_size=args.font_size)
        return EXIT_OK
    # a browser window's room view (textual-serve's driver) has no terminal, and needs none
    if not is_terminal() and "web_driver" not in os.environ.get("TEXTUAL_DRIVER", ""):
        raise UserError(_("the room view needs a terminal: run `facilitator present` in the window on the projector"
                          " (or `facilitator present --web` for a browser)"))
    from facilitator.tui.room import build_room

    build_room(workspace, run_id=args.run, high_contrast=high_contrast).run()
    return EXIT_OK


def _check_listening(args: argparse.Namespace) -> None:
    from facilitator.tui.web import is_loopback  # no textual here: it only reads an address

    if not 6 <= args.font_size <= 200:
        raise UserError(_("--font-size %(size)s: a text size is a number of pixels from 6 to 200")
                        % {"size": args.font_size})
    if not 0 < args.port < 65536:
        raise UserError(_("--port %(port)s: a port is a number from 1 to 65535") % {"port": args.port})
    if not is_loopback(args.host) and not args.allow_remote:
        raise UserError(_("--host %(host)s is reachable from other computers, and the room view has no password;"
                          " add --allow-remote if everyone on that network may see it") % {"host": args.host})


def register(command: Command, common: argparse.ArgumentParser) -> None:
    sub = command("run", _("open the app on a new run of a session"), run)
    sub.add_argument("session", metavar="SESSION", help=_("session id (see `facilitator sessions`)"))
    who = sub.add_mutually_exclusive_group()
    who.add_argument("--pair", metavar="ID")
    who.add_argument("--cohort", metavar="ID")

    sub = command("present", _("open the room view (for the projector): it follows the run open in the app"), present)
    sub.add_argument("run", metavar="RUN", nargs="?", help=_("show this run (default: the run open in the app)"))
    sub.add_argument("--high-contrast", action="store_true", default=argparse.SUPPRESS,
                     help=_("start in the high-contrast theme"))
    # as `facilitator --demo present`: the window beside `facilitator --demo` watches the demo's runs
    sub.add_argument("--demo", action="store_true", default=argparse.SUPPRESS,
                     help=_("follow the demo program's runs (the app opened with `facilitator --demo`)"))
    sub.add_argument("--web", action="store_true",
                     help=_("serve the room view to a browser instead (http://127.0.0.1:PORT/), for a projector"
                            " driven by a browser window"))
    sub.add_argument("--port", type=int, default=8000, help=_("with --web: the port to listen on (default 8000)"))
    sub.add_argument("--host", default="127.0.0.1",
                     help=_("with --web: the address to listen on (default 127.0.0.1, this computer only)"))
    sub.add_argument("--allow-remote", action="store_true",
                     help=_("with --web: allow a --host other computers can reach"))
    sub.add_argument("--font-size", type=int, default=24, metavar="N",
                     help=_("with --web: the browser's text size in pixels (default 24; larger for a big room)"))
