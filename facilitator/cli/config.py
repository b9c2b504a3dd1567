"""`facilitator config`: the effective settings and where each comes from; `config set` changes one."""

from __future__ import annotations

import argparse

from facilitator.cli import Command, open_workspace
from facilitator.i18n import _


def show(args: argparse.Namespace) -> int:
    from facilitator.settings import KEYS, Settings
    from facilitator.tomlfile import display

    if getattr(args, "in_workspace", None):
        args.workspace = args.in_workspace
    ws = open_workspace(args)
    settings = Settings(ws.root)
    width = max(len(k) for k in KEYS)
    for key in KEYS.values():
        found = settings.values[key.name]
        shown = found.value or _("(none)")
        source = _("default") if found.source == "default" else found.source
        print(f"{key.name:<{width}}  {shown:<24}  {source}")
    print("\n" + _("your settings: %(user)s   this workspace's: %(workspace)s [settings]")
          % {"user": display(settings.user_file), "workspace": display(ws.program_file)})
    return 0


def set_value(args: argparse.Namespace) -> int:
    from facilitator.settings import KEYS, user_file, write
    from facilitator.tomlfile import display

    in_workspace = getattr(args, "in_workspace", None)
    if in_workspace is not None and getattr(args, "user", False):
        from facilitator.errors import UserError

        raise UserError(_("say one place: --workspace or --user"))
    if in_workspace is not None:
        if args.key in KEYS and KEYS[args.key].user_only:
            from facilitator.errors import UserError

            raise UserError(_("`%(key)s` is a setting of your own, not of a workspace: use --user") % {"key": args.key})
        if in_workspace:  # `--workspace DIR` after `set`: that workspace
            args.workspace = in_workspace
        ws = open_workspace(args)
        write(args.key, args.value, ws.program_file, table="settings")
        ws.program()  # the program still reads: a setting it refuses is caught here, as `pairs` would
        target = ws.program_file
    else:
        target = user_file()
        write(args.key, args.value, target)
    said = {"key": args.key, "value": repr(args.value), "file": display(target)}
    print(_("%(key)s = %(value)s in %(file)s") % said if args.value else
          _("%(key)s back to its default in %(file)s") % said)
    return 0


def register(command: Command, common: argparse.ArgumentParser) -> None:
    from facilitator.settings import KEYS

    sub = command("config", _("show the settings in effect and where each comes from; `config set KEY VALUE`"
                    " changes one"), show)
    _workspace_says_where(sub)
    subs = sub.add_subparsers(dest="config_command", metavar="set", parser_class=type(sub))
    setter = subs.add_parser("set", help=_("set KEY to VALUE (an empty VALUE goes back to the default)"),
                             description=_("Set KEY to VALUE in your config file (--user, the default), or with"
                                           " --workspace in the workspace's program.toml. An empty VALUE goes back"
                                           " to the default."))
    setter.add_argument("key", metavar="KEY", help=_("one of %(keys)s") % {"keys": ", ".join(KEYS)})
    setter.add_argument("value", metavar="VALUE")
    where = setter.add_mutually_exclusive_group()
    where.add_argument("--workspace", dest="in_workspace", metavar="DIR", nargs="?", const="",
                       default=argparse.SUPPRESS,
                       help=_("in the workspace's program.toml [settings] (this workspace, or DIR), for everyone"
                              " using it"))
    where.add_argument("--user", action="store_true", default=argparse.SUPPRESS,
                       help=_("in your own config file (the default)"))
    setter.set_defaults(handler=set_value)


def _workspace_says_where(parser: argparse.ArgumentParser) -> None:
    """Here --workspace [DIR] also says where `set` writes: the workspace (this one, or DIR).

    The option is every command's (shared with the others through argparse's parents), so
    this parser gets a copy of its own, taking its folder optionally."""
    import copy

    shared = parser._option_string_actions["--workspace"]
    own = copy.copy(shared)
    own.nargs, own.const, own.dest, own.default = "?", "", "in_workspace", argparse.SUPPRESS
    own.metavar = "DIR"
    own.help = _("the workspace to show (default: $FACILITATOR_HOME, else the workspace setting); with `set`:"
                 " write in its program.toml [settings], for everyone using it")
    parser._option_string_actions["--workspace"] = own
    for holder in (parser._actions, *[group._group_actions for group in parser._action_groups]):
        if shared in holder:
            holder[holder.index(shared)] = own
