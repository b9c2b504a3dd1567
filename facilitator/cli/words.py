"""The command line's language: read from the `language` setting before any parser is built,
and argparse's own words ("usage:", "options", its errors) said in it too.

argparse takes its words from Python's gettext domain `argparse`, which ships no German;
its module-level `_` is pointed at our catalogue instead, where ARGPARSE marks the ones a
facilitator meets. A msgid our catalogue lacks reads as argparse wrote it, so English is
unchanged.
"""

from __future__ import annotations

import argparse
import os

from facilitator import i18n
from facilitator.i18n import N_

ARGPARSE = (
    N_("usage: "), N_("positional arguments"), N_("options"), N_("show this help message and exit"),
    N_("show program's version number and exit"), N_("argument %(argument_name)s: %(message)s"),
    N_("unrecognized arguments: %s"), N_("the following arguments are required: %s"),
    N_("one of the arguments %s is required"), N_("not allowed with argument %s"),
    N_("expected one argument"), N_("expected at most one argument"), N_("expected at least one argument"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"), N_("invalid %(type)s value: %(value)r"),
    N_("ambiguous option: %(option)s could match %(matches)s"), N_("ignored explicit argument %r"),
)


def _argparse_gettext(message):
    return i18n.gettext(message) if message else message


def _argparse_ngettext(singular, plural, n):
    return i18n.ngettext(singular, plural, n)


def speak_argparse() -> None:
    argparse._ = _argparse_gettext
    argparse.ngettext = _argparse_ngettext


def language_of(argv: list[str]) -> str:
    """The `language` setting of the workspace the command will open (its --workspace, else
    FACILITATOR_HOME, else the workspace setting, else the user's data folder).

    Read before argparse runs, so the workspace is picked from argv by hand. Cheap: two small
    TOML files, nothing heavy imported. Anything wrong (a bad value, an unreadable file) is
    English here; the command itself, or `facilitator config`, says what is wrong."""
    option = None
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--workspace" and i + 1 < len(argv) and not argv[i + 1].startswith("-"):
            option = argv[i + 1]
        elif arg.startswith("--workspace="):
            option = arg.split("=", 1)[1]
    try:
        from facilitator.settings import Settings, default_workspace
        from facilitator.workspace_paths import workspace_root

        if not option and not os.environ.get("FACILITATOR_HOME"):
            option = default_workspace()
        return Settings(workspace_root(option))["language"] or "en"
    except Exception:  # noqa: BLE001 — never a reason for the command not to run
        return "en"
