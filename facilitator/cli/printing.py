"""`facilitator print DOCUMENT ...`: one subcommand per entry of the document catalogue."""

from __future__ import annotations

import argparse
import sys
from functools import partial
from pathlib import Path

from facilitator.cli import Command, open_workspace, say, sentence
from facilitator.i18n import _, ngettext, pgettext


def print_one(name: str, args: argparse.Namespace) -> int:
    from facilitator.printing.catalogue import document, print_document

    doc = document(name)
    ws = open_workspace(args)
    arguments = doc.arguments(vars(args))
    if arguments.get("run"):  # its session's file must read; answers under codes it no longer asks are left out
        record = ws.load_run(arguments["run"])
        for line in ws.dropped_codes(ws.library.get(record.session, needed_by=ws.record_file(record.id)), [record]):
            print(line, file=sys.stderr)
        if record.patterns.confirmed or record.patterns.dismissed:
            _say_broken_patterns(ws)
    elif name == "report":  # the program's figures leave those answers out too
        records = ws.records()[0]
        for entry in ws.library.entries.values():
            for line in ws.dropped_codes(entry.session, records):
                print(line, file=sys.stderr)
    say(doc.prepare(ws, arguments))  # fails fast, before the printer loads
    printed = print_document(ws, doc, arguments, out=Path(args.output) if args.output else None, paper=args.paper,
                             html_out=Path(args.html) if args.html else None, progress=say)
    pages = ngettext("%(count)s page", "%(count)s pages", printed.pages) % {"count": printed.pages}
    if printed.documents > 1:
        pages += " " + _("(%(count)s sheets)") % {"count": printed.documents}
    print(_("printed %(what)s: %(file)s (%(pages)s)") % {"what": _(doc.done).format_map(_worded(arguments)),
                                                           "file": printed.path, "pages": pages})
    if printed.missing:
        say(printed.missing)
    return 0


def _worded(arguments: dict) -> dict:
    """The arguments as the result line says them: a copy's audience in the language ("shared")."""
    audiences = {"shared": pgettext("audience", "shared"), "facilitator": pgettext("audience", "facilitator")}
    return {**arguments, "audience": audiences.get(arguments.get("audience"), arguments.get("audience"))}


def _say_broken_patterns(ws) -> None:
    """A summary names its confirmed patterns from the library; a broken WORKSPACE/patterns.toml is said, not hidden."""
    from facilitator.errors import InvalidFile
    from facilitator.patterns.library import load_patterns

    try:
        load_patterns(ws.root)
    except InvalidFile as exc:
        for line in exc.lines:
            print(line, file=sys.stderr)
        print("facilitator: " + _("warning: the summary names its patterns without the workspace's patterns.toml"
                                  " until it is fixed"), file=sys.stderr)


def register(command: Command, common: argparse.ArgumentParser) -> None:
    from facilitator.printing.catalogue import DOCUMENTS

    printer = command("print", _("print to PDF: %(documents)s") % {"documents": ", ".join(d.name for d in DOCUMENTS)},
                      None)
    docs = printer.add_subparsers(dest="document", metavar="DOCUMENT", required=True, parser_class=type(printer))
    options = argparse.ArgumentParser(add_help=False)
    options.add_argument("--paper", choices=("a4", "letter"), default=None,
                         help=_("paper size (default: the paper setting, see `facilitator config`; else a4)"))
    options.add_argument("-o", "--output", metavar="FILE", help=_("the PDF to write (default: WORKSPACE/out/...)"))
    options.add_argument("--html", metavar="FILE", help=_("also write the HTML, to adapt the templates"))
    for doc in DOCUMENTS:
        sub = docs.add_parser(doc.name, help=_(doc.help), description=sentence(_(doc.help)),
                              parents=[common, options])
        sub.set_defaults(handler=partial(print_one, doc.name))
        groups: dict[str, argparse._MutuallyExclusiveGroup] = {}
        for option in doc.options:
            if option.one_of and option.one_of not in groups:
                groups[option.one_of] = sub.add_mutually_exclusive_group()
            settings = dict(option.settings, help=_(option.settings["help"])) if "help" in option.settings \
                else option.settings
            (groups[option.one_of] if option.one_of else sub).add_argument(*option.flags, **settings)
