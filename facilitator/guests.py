"""Guests in a pair run, and who is in the room at each step.

A guest role (`guest = true`: a sponsor, a stakeholder, a manager) answers its own
questions in one pair's run. The guest is named when the run starts (`--guest
sponsor="Dana Ruiz"`, or the app's start dialog); the name becomes a person of the
program, like the pair's own, so every screen, sheet and summary names them the same
way, and the record keeps it in `guests`. A step's `present` says who is in the room.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from facilitator.i18n import _, gettext
from facilitator import ids, model
from facilitator.errors import UserError
from facilitator.ids import did_you_mean
from facilitator.records import Participant

if TYPE_CHECKING:
    from facilitator.program import Pair, Program
    from facilitator.workspace import Workspace


def guest_roles(session: model.Session) -> list[model.Role]:
    return [r for r in session.roles if r.guest]


def asked_guests(session: model.Session) -> list[model.Role]:
    """The guest roles the session asks questions: a run cannot start without their names."""
    return [r for r in guest_roles(session) if session.questions_for(r.id)]


def parse(flags: list[str] | None) -> dict[str, str]:
    """`--guest sponsor="Dana Ruiz"`, given once per guest, as {role id: name}."""
    given: dict[str, str] = {}
    for flag in flags or []:
        role, has_name, name = flag.partition("=")
        role, name = role.strip(), " ".join(name.split())
        if not has_name or not role or not name:
            raise UserError(gettext("--guest %(flag)s: say the role and the guest's name, e.g. --guest "
                                    "sponsor=\"Dana Ruiz\"") % {"flag": flag})
        if role in given:
            raise UserError(gettext("--guest %(role)s is given twice (%(given)s and %(name)s): one person "
                                    "per guest role")
                    % {"role": role, "given": repr(given[role]), "name": repr(name)})
        given[role] = name
    return given


def check(session: model.Session, given: dict[str, str], *, one_pair: bool) -> None:
    """Refuse, in one line and before anything is written, guests the run cannot seat."""
    role_ids = [r.id for r in session.roles]
    guests = [r.id for r in guest_roles(session)]
    for role in given:
        if role not in role_ids:
            raise UserError(gettext("--guest %(role)s: session `%(session)s` has no role "
                                    "`%(role)s`%(hint)s; %(guest_roles_said)s")
                    % {"role": role, "session": session.id, "hint": did_you_mean(role, guests or role_ids), "guest_roles_said": _guest_roles_said(session)})
        if role not in guests:
            raise UserError(gettext("--guest %(role)s: the %(name)s is not a guest in session "
                                    "`%(session)s`; %(guest_roles_said)s")
                    % {"role": role, "name": session.role(role).name.lower(), "session": session.id, "guest_roles_said": _guest_roles_said(session)})
    asked = asked_guests(session)
    if given and not one_pair:
        raise UserError(gettext("--guest: a guest takes part in one pair's run; give a single --pair"))
    if asked and not one_pair:
        raise UserError(gettext("session `%(session)s` asks the %(name)s questions, and a guest takes part "
                                "in one pair's run: start it for a single pair")
                % {"session": session.id, "name": asked[0].name.lower()})
    missing = [r for r in asked if r.id not in given]
    if missing:
        r = missing[0]
        raise UserError(gettext("session `%(session)s` asks the %(name)s questions: name the guest with "
                                "--guest %(id)s=\"NAME\"")
                % {"session": session.id, "name": r.name.lower(), "id": r.id})


def _guest_roles_said(session: model.Session) -> str:
    guests = guest_roles(session)
    if not guests:
        return "it has no guest roles"
    return "its guest roles: " + ", ".join(f"{r.id} ({r.name})" for r in guests)


def seat(workspace: Workspace, session: model.Session, pair: Pair, given: dict[str, str]) -> list[Participant]:
    """The guests as participants of the pair's run; a name the program does not know yet is added to it."""
    check(session, given, one_pair=True)
    program = workspace.program()
    seated, added = [], False
    for role, name in given.items():
        person, new = _person(program, name)
        if person in (pair.mentor, pair.mentee):
            raise UserError(gettext("--guest %(role)s: %(name)s is already in pair %(pair)s; a guest is a "
                                    "third person")
                    % {"role": role, "name": program.name_of(person), "pair": pair.id})
        if person in [p.person for p in seated]:
            raise UserError(gettext("--guest %(role)s: %(name)s is named for two guest roles; one role each")
                    % {"role": role, "name": name})
        seated.append(Participant(person=person, role=role))
        added = added or new
    if added:
        workspace.save_program(program)
    return seated


def _person(program: Program, name: str) -> tuple[str, bool]:
    """The program's person by name or id, else a new one with an id made from the name."""
    from facilitator.program import Person

    for p in program.people:
        if p.name.lower() == name.lower() or p.id == name:
            return p.id, False
    if len(name) > 120:
        raise UserError(gettext("--guest: a name is at most 120 characters; this one has %(count)s")
                % {"count": len(name)})
    base = ids.id_from(name) or "guest"
    pid, n = base, 1
    while any(p.id == pid for p in program.people):
        n += 1
        pid = f"{base}-{n}"
    program.people.append(Person(id=pid, name=name))
    return pid, True


def names(workspace: Workspace, participants: list[Participant]) -> dict[str, str]:
    """What the record keeps in `guests`: each guest role and the name given."""
    program = workspace.program()
    return {p.role: program.name_of(p.person) for p in participants}


# ---------------------------------------------------------------- presence


def in_room(session: model.Session, index: int) -> list[model.Role]:
    step = session.steps[index]
    return [r for r in session.roles if session.is_present(step, r.id)]


def changes(session: model.Session, index: int) -> tuple[list[model.Role], list[model.Role]]:
    """Who joins and who leaves at this step, against the step before (on the first step a guest
    in the room "joins": the pair is there from the start)."""
    here = in_room(session, index)
    if index == 0:
        return [r for r in here if r.guest], []
    before = in_room(session, index - 1)
    return [r for r in here if r not in before], [r for r in before if r not in here]


def presence_line(session: model.Session, index: int) -> str:
    """One line for the run screen and the room: who is here, and who joins or leaves now;
    "" for a session where everyone is there throughout."""
    if not any(s.present for s in session.steps):
        return ""
    joins, leaves = changes(session, index)
    said = [_("%(name)s joins") % {"name": r.name} for r in joins] + [_("%(name)s leaves") % {"name": r.name} for r in leaves]
    here = ", ".join(r.name for r in in_room(session, index))
    return _("In the room: %(names)s") % {"names": here} + (f" ({'; '.join(said)})" if said else "")


def guide_changes(session: model.Session) -> list[tuple[int, str]]:
    """For the facilitator's guide: at which step (index) who joins and who leaves."""
    if not any(s.present for s in session.steps):
        return []
    lines = []
    for i in range(len(session.steps)):
        joins, leaves = changes(session, i)
        said = [_("%(name)s joins") % {"name": r.name} for r in joins] + [_("%(name)s leaves") % {"name": r.name} for r in leaves]
        if said:
            lines.append((i, "; ".join(said)))
    return lines


def of_pair(workspace: Workspace, session: model.Session, pair: str) -> list[Participant]:
    """The guests of the pair's newest run of the session (an open one first): whose named
    sheets a pair's worksheets add."""
    records, _ = workspace.records(pair=pair)
    runs = [r for r in records if r.session == session.id and r.pair == pair and r.guests]
    runs.sort(key=lambda r: (not r.is_finished, r.created))
    if not runs:
        return []
    return [p for p in runs[-1].participants if p.role in runs[-1].guests]


def seats_of(workspace: Workspace, session: model.Session, person: str) -> list[tuple[str, str]]:
    """(pair, guest role) for each pair whose runs of the session seat `person` as a guest."""
    records, _ = workspace.records()
    return list(dict.fromkeys((r.pair, p.role) for r in records if r.session == session.id and r.guests
                              for p in r.participants if p.person == person and p.role in r.guests))
