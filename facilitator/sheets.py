"""Answer sheets: the paper worksheet's questions as TOML (or a filled fillable PDF), keyed by code.

A sheet made for a person says whose it is (`Identity`): TOML sheets in their `session`,
`role`, `person` and `run` keys, fillable PDFs in their keywords. `identify` is the one
rule import follows for both: a sheet that names a person is imported for that person
only, in a run they take part in, and a contradiction is refused in one line naming both
sides before anything changes. `plan_import` then says exactly what importing would change.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import tomli_w

from facilitator import ids, model, quoting
from facilitator.engine import RunEngine
from facilitator.errors import InvalidFile, UserError
from facilitator.i18n import N_, gettext
from facilitator.presentation import subject
from facilitator.tomlfile import display, read_toml
from facilitator.values import BadValue, blank, describe

if TYPE_CHECKING:
    from facilitator.program import Program
    from facilitator.records import Record
    from facilitator.workspace import Workspace

MARK = "facilitator-sheet"  # the keyword that makes a PDF's keywords a sheet's identity


@dataclass(frozen=True)
class Identity:
    """Whose sheet this is, as far as it says; "" where it does not."""

    session: str = ""
    role: str = ""
    person: str = ""
    pair: str = ""
    cohort: str = ""
    run: str = ""

    def fields(self) -> dict[str, str]:
        return {key: value for key, value in asdict(self).items() if value}

    def keywords(self) -> str:
        """As a PDF's keywords: `facilitator-sheet session=midpoint role=mentee person=tomas-rivera pair=...`."""
        return " ".join([MARK, *(f"{key}={value}" for key, value in self.fields().items())])

    @classmethod
    def from_keywords(cls, text: str, where: str) -> Identity:
        words = text.replace(",", " ").replace(";", " ").split()
        if MARK not in words:
            return cls()
        found = {}
        for word in words:
            key, is_pair, value = word.partition("=")
            if is_pair and key in cls.__dataclass_fields__:
                if not ids.is_valid(value):
                    raise InvalidFile(gettext("%(where)s: the form's identity is damaged (`%(word)s`)")
                            % {"where": where, "word": word[:60]})
                found[key] = value
        return cls(**found)

    @classmethod
    def from_toml(cls, doc: dict[str, Any], where: str) -> Identity:
        found = {}
        for key in cls.__dataclass_fields__:
            value = doc.get(key)
            if value is None:
                continue
            if not isinstance(value, str) or not ids.is_valid(value):
                raise InvalidFile(gettext("%(where)s: `%(key)s` must be an id such as \"ana-ruiz\"; got "
                                          "%(value)s")
                        % {"where": where, "key": key, "value": repr(str(value)[:40])})
            found[key] = value
        return cls(**found)


NOUNS = (N_("worksheet"), N_("answer sheet"))


@dataclass
class Sheet:
    path: Path
    identity: Identity
    answers: dict[str, Any]
    codes: set[str]  # every code the sheet has a place for, answered or not
    noun: str  # "answer sheet" or "worksheet", as the user knows it (NOUNS: translated where said)


# ---------------------------------------------------------------- writing a sheet


def sheet_identity(workspace: Workspace, *, session_id: str | None = None, role: str | None = None,
                   person: str | None = None, run: str | None = None) -> tuple[model.Session, Identity]:
    """What `facilitator answers` names: a blank sheet for a role, or one person's (in a run)."""
    if run:
        with RunEngine.open(workspace, run, lock=False) as engine:
            record, session = engine.record, engine.quoted_session()  # `{mentee}` by name on a person's sheet
            if session_id and session_id != session.id:
                raise UserError(gettext("run %(run)s is session `%(session)s`, not `%(session_id)s`")
                        % {"run": run, "session": session.id, "session_id": session_id})
            if person is None:
                if role is None:
                    raise UserError(gettext("whose sheet for run %(run)s? Give --person ID or --role ROLE")
                            % {"run": run})
                person = only_person_with_role(record, role)
            taking_part = engine.participant(person).role
        if role and role != taking_part and session.kind != "roleplay":
            raise UserError(gettext("%(person)s is the %(role)s in run %(run)s, not the %(role2)s")
                    % {"person": person, "role": session.role_word(taking_part), "run": run, "role2": session.role_word(role)})
        role = role or taking_part
        _role(session, role)
        return session, Identity(session.id, role, person, run=run)
    if not session_id:
        raise UserError(gettext("give SESSION for a blank sheet, or --run RUN for a person's sheet in a run"))
    session = workspace.library.get(session_id)
    session = quoting.quoted_session(session, quoting.blank(session))  # a blank sheet names each role
    if not role:
        raise UserError(gettext("whose sheet? Give --role ROLE (roles: %(items)s)")
                % {"items": ', '.join(r.id for r in session.roles)})
    _role(session, role)
    if person:
        workspace.program().person(person)
    return session, Identity(session.id, role, person)


def sheet_text(session: model.Session, identity: Identity, name: str = "") -> str:
    role = _role(session, identity.role)
    questions = session.questions_for(role.id)
    if not questions:
        raise UserError(gettext("session `%(session)s` asks the %(role)s no questions")
                % {"session": session.id, "role": role.name.lower()})
    whose = f"{name}'s sheet ({role.name.lower()})" if identity.person else f"{role.name.lower()} sheet"
    then = (f"facilitator import {identity.run or 'RUN'} THIS-FILE" if identity.person
            else f"facilitator import RUN --role {role.id} THIS-FILE")
    lines = [
        f"# {session.title} — {whose}. Leave out what was not answered.",
        f"# Fill in the values after `=`; text in quotes. Then: {then}",
        tomli_w.dumps(identity.fields()).rstrip("\n"),
        "",
        "[answers]",
    ]
    current = None
    for step, q in questions:
        if step.id != current:
            lines.append(f"\n# --- {step.title}")
            current = step.id
        private = " PRIVATE: for the facilitator only." if q.private else ""
        lines.append(f"# {' '.join(q.text.split())} ({describe(q)}){private}")
        lines.append(tomli_w.dumps({q.code: blank(q)}).rstrip("\n"))
    return "\n".join(lines) + "\n"


def _role(session: model.Session, role_id: str) -> model.Role:
    for r in session.roles:
        if r.id == role_id:
            return r
    from facilitator.validation import did_you_mean

    known = [r.id for r in session.roles]
    raise UserError(gettext("session `%(session)s` has no role `%(role_id)s`%(hint)s; roles: %(known)s")
            % {"session": session.id, "role_id": role_id, "hint": did_you_mean(role_id, known), "known": ', '.join(known)})


def only_person_with_role(record: Record, role: str) -> str:
    people = [p.person for p in record.participants if p.role == role]
    if not people:
        roles = sorted({p.role for p in record.participants})
        raise UserError(gettext("nobody is the %(role)s in run %(record)s; roles: %(roles)s")
                % {"role": role, "record": record.id, "roles": ', '.join(roles)})
    if len(people) > 1:
        raise UserError(gettext("%(count)s people are %(role)ss in run %(record)s: use --person "
                                "(%(people)s)")
                % {"count": len(people), "role": role, "record": record.id, "people": ', '.join(people)})
    return people[0]


# ---------------------------------------------------------------- reading one back


def read_sheet(path: Path, session: model.Session) -> Sheet:
    """A filled answer sheet, TOML or a fillable PDF, with whatever it says about whose it is."""
    from facilitator.pdfforms import answers_from_form, field_codes, looks_like_pdf, read_form

    where = display(path)
    if looks_like_pdf(path):
        form = read_form(path)
        if not form.fields:
            raise InvalidFile(gettext("%(where)s: not a facilitator form: it has no form fields (print a "
                                      "worksheet with `--fillable` to fill it on screen)") % {"where": where})
        return Sheet(path, Identity.from_keywords(form.keywords, where), answers_from_form(form, session),
                     field_codes(form), "worksheet")
    doc = read_toml(path)
    answers = doc.get("answers")
    if not isinstance(answers, dict):
        raise InvalidFile(gettext("%(where)s: no [answers] table; start from `facilitator answers SESSION "
                                  "--role ROLE`") % {"where": where})
    return Sheet(path, Identity.from_toml(doc, where), answers, set(answers), "answer sheet")


def identify(workspace: Workspace, engine: RunEngine, sheet: Sheet, *, person: str | None = None,
             role: str | None = None) -> str:
    """The person whose answers `sheet` holds in this run; refuses a sheet that is someone else's."""
    where, named, record = display(sheet.path), sheet.identity, engine.record
    program = workspace.program()
    _same_session(workspace, engine, sheet)
    if named.run and named.run != record.id:
        raise UserError(gettext("%(whose)s for run %(named)s, but this is run %(record)s")
                % {"whose": _whose(program, sheet), "named": named.run, "record": record.id})
    if named.person:
        resolved = _named_person(program, record, sheet, person, role)
    elif person or role:
        resolved = person or only_person_with_role(record, role)
    else:
        raise UserError(gettext("%(where)s does not say whose it is: give --role ROLE or --person ID")
                % {"where": where})
    taking_part = engine.participant(resolved).role
    if named.role and named.role != taking_part and engine.session.kind != "roleplay":
        raise UserError(gettext("%(where)s: this is a %(role)s sheet, but %(who)s is the %(role2)s in run "
                                "%(record)s")
                % {"where": where, "role": engine.session.role_word(named.role), "who": _who(program, resolved), "role2": engine.session.role_word(taking_part), "record": record.id})
    return resolved


def _named_person(program: Program, record: Record, sheet: Sheet, person: str | None, role: str | None) -> str:
    """The person a sheet names, if --person, --role and the run agree; else one line naming both."""
    named, theirs = sheet.identity, _whose(program, sheet)
    if person and person != named.person:
        raise UserError(gettext("%(theirs)s, but --person is %(who)s")
                % {"theirs": theirs, "who": _who(program, person)})
    with_role = [p.person for p in record.participants if p.role == role]
    if role and named.person not in with_role:
        others = ", ".join(_who(program, p) for p in with_role) or gettext("nobody")
        raise UserError(gettext("%(theirs)s, but --role %(role)s in run %(record)s is %(others)s")
                % {"theirs": theirs, "role": role, "record": record.id, "others": others})
    if named.person not in [p.person for p in record.participants]:
        raise UserError(gettext("%(theirs)s, who takes no part in run %(record)s (%(subject)s)")
                % {"theirs": theirs, "record": record.id, "subject": subject(program, record)})
    if (named.pair and named.pair not in [record.pair, *record.pairs]) or \
            (named.cohort and named.cohort != record.cohort):
        asked = gettext("pair %(pair)s") % {"pair": named.pair} if named.pair else \
            gettext("cohort %(cohort)s") % {"cohort": named.cohort}
        raise UserError(gettext("%(theirs)s for %(asked)s, but run %(record)s is for %(subject)s")
                % {"theirs": theirs, "asked": asked, "record": record.id, "subject": subject(program, record)})
    return named.person


def _who(program: Program, person: str) -> str:
    return f"{program.name_of(person)} ({person})"


def _whose(program: Program, sheet: Sheet) -> str:
    """How a refusal starts: `ben.pdf is Ben Ode's worksheet (ben-ode)`."""
    where, person = display(sheet.path), sheet.identity.person
    if not person:
        return gettext("%(file)s is the %(sheet)s") % {"file": where, "sheet": gettext(sheet.noun)}
    return gettext("%(file)s is %(name)s's %(sheet)s (%(person)s)") % {
        "file": where, "name": program.name_of(person), "sheet": gettext(sheet.noun), "person": person}


def _same_session(workspace: Workspace, engine: RunEngine, sheet: Sheet) -> None:
    """A sheet of another session is named as such, not as a list of codes this one does not know."""
    where, session, entries = display(sheet.path), engine.session, workspace.library.entries
    theirs = [sheet.identity.session] if sheet.identity.session else _sessions_by_codes(workspace, session, sheet)
    if not theirs or session.id in theirs:
        return
    if len(theirs) > 1:  # codes shared by several sessions: say which it may be
        title = gettext("a %(sheet)s of another session (%(sessions)s)") % {
            "sheet": gettext(sheet.noun), "sessions": gettext(" or ").join(f"`{t}`" for t in theirs)}
    elif theirs[0] in entries:
        title = gettext("the %(title)s %(sheet)s (`%(session)s`)") % {
            "title": entries[theirs[0]].session.title, "sheet": gettext(sheet.noun), "session": theirs[0]}
    else:
        title = gettext("a %(sheet)s for session `%(session)s`") % {"sheet": gettext(sheet.noun), "session": theirs[0]}
    raise UserError(gettext("%(where)s is %(title)s, but run %(id)s is %(session)s (`%(session2)s`)")
            % {"where": where, "title": title, "id": engine.record.id, "session": session.title, "session2": session.id})


def _sessions_by_codes(workspace: Workspace, session: model.Session, sheet: Sheet) -> list[str]:
    """For a sheet that does not say its session: the sessions whose codes it holds, if not this one."""
    here = {c for _, q in session.questions() for c in (q.code, *q.was)}
    if not sheet.codes or sheet.codes & here:
        return []
    fits = [entry.session.id for entry in workspace.library.entries.values()
            if sheet.codes <= {c for _, q in entry.session.questions() for c in (q.code, *q.was)}]
    if not fits and sheet.noun == "worksheet":
        raise InvalidFile(gettext("%(file)s: not a facilitator form: none of its %(count)s fields is a "
                                  "question of %(session)s")
                % {"file": display(sheet.path), "count": len(sheet.codes), "session": session.title})
    return fits


@dataclass
class ImportPlan:
    new: dict[str, Any] = field(default_factory=dict)
    same: list[str] = field(default_factory=list)
    replaced: dict[str, tuple[Any, Any]] = field(default_factory=dict)

    @property
    def changes(self) -> dict[str, Any]:
        return {**self.new, **{c: after for c, (_, after) in self.replaced.items()}}


def plan_import(engine: RunEngine, person: str, sheet: Sheet) -> ImportPlan:
    """Check every answer; raise InvalidFile listing every bad code, else say what would change."""
    where = display(sheet.path)
    problems: list[str] = []
    plan = ImportPlan()
    answers = {engine.current_code(person, code): raw for code, raw in sheet.answers.items()}
    answers |= {code: raw for code, raw in sheet.answers.items() if engine.session.question(code)}  # new code wins
    for code, raw in answers.items():
        try:
            value = engine.validate_answer(person, code, raw)
        except BadValue as exc:
            problems.append(f"{where}: {exc}")
            continue
        if value is None:
            continue
        before = engine.own_answer(person, code)
        if before is None:
            plan.new[code] = value
        elif before == value:
            plan.same.append(code)
        else:
            plan.replaced[code] = (before, value)
    if problems:
        raise InvalidFile(*problems)
    return plan
