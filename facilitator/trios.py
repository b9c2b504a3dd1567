"""Role-play groups: who is in which trio, and who plays which role in each round.

A group's seat order decides everything: in round 1 the first seat asks, the second is the
counterpart and the rest observe; each round everyone moves one role on (the asker
observes, the counterpart asks, the observer plays the counterpart), so in three rounds
each member of a trio plays each role once.

People are dealt into trios; one or two left over join the first groups as a second
observer (a foursome, or two), so nobody is left without a role. Three rounds have three
turns to ask and three to answer: in a foursome the first three seats rotate (each plays
every role once) and the fourth observes every round, the fairest the rounds allow (one
person misses asking, nobody else misses a role). With as many rounds as seats, every seat
rotates. Fewer than three people make one group (a pair plays without an observer).
`missed` says who does not get a role, so no screen or sheet claims what did not happen.
"""


import random
from collections.abc import Sequence

from facilitator import model
from facilitator.i18n import _  # said on the screen and the trio sheet, in their language


def deal(people: Sequence[str], seed: int) -> list[list[str]]:
    """`people` shuffled with `seed` into groups of three, the one or two left over as extra observers."""
    order = list(dict.fromkeys(people))  # a person in two pairs plays once
    random.Random(seed).shuffle(order)
    return grouped(order)


def grouped(order: Sequence[str]) -> list[list[str]]:
    """People in the given order as trios (a person chosen for a seat keeps it)."""
    count = max(len(order) // 3, 1) if order else 0
    groups = [list(order[3 * i:3 * i + 3]) for i in range(count)]
    for i, person in enumerate(order[3 * count:]):
        groups[i % count].append(person)
    return groups


def playing_roles(session: model.Session) -> tuple[list[str], str]:
    """(the roles one person plays each round, in seat order; the role everyone else plays).

    The watching role is the one with a checklist (else the last role): a second observer
    takes it too."""
    ids = [r.id for r in session.roles]
    watching = next((r.id for r in session.roles if r.checklist), ids[-1])
    return [r for r in ids if r != watching], watching


def role_in_round(session: model.Session, group: Sequence[str], person: str, round_no: int) -> str | None:
    """The role `person` plays in round `round_no` (1 on); None when they are not in the group."""
    if person not in group:
        return None
    playing, watching = playing_roles(session)
    seat, turning = list(group).index(person), rotating(session, group)
    if seat >= turning:
        return watching
    place = (seat - (round_no - 1)) % turning
    return playing[place] if place < len(playing) else watching


def rotating(session: model.Session, group: Sequence[str]) -> int:
    """How many of the group's first seats take turns: one per role, or one per round when
    there are more rounds (the seats after them observe every round)."""
    return min(len(group), max(len(session.roles), len(rounds(session))))


def missed(session: model.Session, group: Sequence[str]) -> dict[str, list[str]]:
    """{person: the roles they never play in the session's rounds}, only for those who miss one."""
    numbers = rounds(session) or [1]
    out = {}
    for person in group:
        played = {role_in_round(session, group, person, n) for n in numbers}
        gaps = [r.id for r in session.roles if r.id not in played]
        if gaps:
            out[person] = gaps
    return out


def missed_words(session: model.Session, group: Sequence[str], name_of, *, played: bool = True) -> list[str]:
    """What to tell a trio about the roles someone does not get, one line each ([] when
    everyone plays every role). `played`: said after the last round, else before round 1."""
    playing = playing_roles(session)[0]
    lines = []
    for person, gaps in missed(session, group).items():
        name = name_of(person)
        only_watch = set(gaps) == set(playing)
        if playing and playing[0] in gaps:
            how = (_("%(name)s observed every round and has not asked yet") if only_watch and played
                   else _("%(name)s observes every round and does not ask") if only_watch
                   else _("%(name)s has not asked yet") if played else _("%(name)s does not ask in these rounds"))
            lines.append(_("%(how)s: give them the first turn next time, or one more round if there is time.")
                         % {"how": how % {"name": name}})
        else:
            roles = _(" or ").join(session.role(r).name for r in gaps)
            lines.append((_("%(name)s has not played %(roles)s yet.") if played
                          else _("%(name)s does not play %(roles)s in these rounds.")) % {"name": name, "roles": roles})
    return lines


def cast(session: model.Session, group: Sequence[str], round_no: int) -> dict[str, list[str]]:
    """Who plays each role in the round: {role id: [people]}, in the session's role order."""
    found: dict[str, list[str]] = {r.id: [] for r in session.roles}
    for person in group:
        role = role_in_round(session, group, person, round_no)
        if role is not None:
            found[role].append(person)
    return found


def rounds(session: model.Session) -> list[int]:
    """The session's role-play rounds, in order."""
    return sorted({s.round for s in session.steps if isinstance(s, model.RoleplayStep)})


def round_of(session: model.Session, index: int) -> int:
    """The round a step plays in: its own, else the last one before it (its feedback, the debrief),
    else the first (setting up)."""
    before = [s.round for s in session.steps[:index + 1] if isinstance(s, model.RoleplayStep)]
    return before[-1] if before else (rounds(session) or [1])[0]


def moves(session: model.Session) -> list[tuple[str, str]]:
    """(from role, to role) as people move on between two rounds, in a trio."""
    playing, watching = playing_roles(session)
    order = [*playing, watching]
    return [(order[(i + 1) % len(order)], role) for i, role in enumerate(order)]
