"""What an id may look like, and the id to offer when one is refused.

Two kinds of id, two rules:

- Definition ids (sessions, steps, roles, agreement terms, patterns) are written by hand in
  TOML and begin with a letter, so they read as names and start a question-code prefix.
- Program ids (people, pairs, cohorts) may begin with a digit: cohorts and pairs are often
  named by year or number ("2025-spring", "07-ana-ben"), and program.toml files already
  hold such ids, so refusing them would break a facilitator's files.

Run ids are made, never typed: the date, the session id and the pair or cohort id, which
keeps them inside the program rule.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from facilitator.i18n import N_, gettext

DEFINITION_ID = r"^[a-z][a-z0-9_-]*$"
PROGRAM_ID = r"^[a-z0-9][a-z0-9_-]*$"
DESCRIPTION = "lower-case id: letters, digits, - and _"
KIND_IDS = {"pair": N_("pair id"), "cohort": N_("cohort id"), "session": N_("session id"), "person": N_("person id")}


def is_valid(value: str, pattern: str = PROGRAM_ID) -> bool:
    return re.fullmatch(pattern, value) is not None


def id_from(text: str, pattern: str = PROGRAM_ID) -> str:
    """The id `text` would be under `pattern`: "Ana Ruiz" -> "ana-ruiz"; "" when nothing is left."""
    made = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    while made and not is_valid(made, pattern):  # "2025-midpoint" as a session id: "midpoint"
        made = made[1:]
    return made


def checked(value: str, what: str, pattern: str = PROGRAM_ID) -> str:
    """`value` if it is a valid id, else a refusal that offers the id it would be."""
    if is_valid(value, pattern):
        return value
    from facilitator.errors import UserError

    rule = gettext("use lower-case letters, digits, - and _, starting with a letter") if pattern == DEFINITION_ID \
        else gettext("use lower-case letters, digits, - and _")
    raise UserError(gettext("%(what)s `%(value)s`: %(rule)s%(hint)s")
            % {"what": gettext(KIND_IDS[what]) if what in KIND_IDS else f"{what} id", "value": value, "rule": rule, "hint": did_you_mean(value, [id_from(value, pattern)], pattern)})


def did_you_mean(word: str, known: Sequence[str], pattern: str = PROGRAM_ID) -> str:
    """' (did you mean `x`?)': the known id that `word` is once made an id (`Ana-Ben`, `ANA BEN`
    for `ana-ben`, however short), else the closest known one by spelling."""
    made = id_from(word, pattern)
    if made and made != word and made in known:
        return " " + gettext("(did you mean `%(id)s`?)") % {"id": made}
    from facilitator.validation import did_you_mean as closest

    return closest(word, known)
