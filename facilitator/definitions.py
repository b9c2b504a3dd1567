"""Load and check session definitions: one TOML file -> one immutable Session."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import msgspec

from facilitator import model
from facilitator.errors import InvalidFile
from facilitator.i18n import N_, gettext
from facilitator.model import Question, Role, Scenario, Session, Step
from facilitator.tomlfile import display, read_toml_again
from facilitator.validation import Problems, check_placeholders, check_presence, convert, did_you_mean

_PIECES = {"roles", "steps", "scenario"}


@dataclass
class Checked:
    """The outcome of checking one file: a session, or the reasons there is none."""

    path: Path
    session: Session | None
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def check_file(path: Path) -> Checked:
    try:
        doc = read_toml_again(path)
    except InvalidFile as exc:
        return Checked(path, None, exc.lines)
    return check_document(doc, display(path), path)


def check_document(doc: dict[str, Any], where: str, path: Path | None = None) -> Checked:
    problems = Problems(where)
    _check_pieces(doc, problems)
    session = None
    if not problems.errors:
        session = convert(doc, Session, problems, "")
    if session is not None:
        _check_references(session, problems)
        _check_contradictions(session, problems)
        _check_quotes(session, problems)
        if not problems.errors:
            _check_minutes(session, problems)
            _warn_unseatable(session, problems)
    return Checked(path or Path(where), None if problems.errors else session, problems.errors, problems.warnings)


def _check_pieces(doc: dict[str, Any], problems: Problems) -> None:
    """Check each part on its own so that one mistake does not hide the next."""
    head = {k: v for k, v in doc.items() if k not in _PIECES}
    head_fields = [f.name for f in _fields(Session) if f.name not in _PIECES]
    meant: set[str] = set()  # keys a misspelling probably meant: not reported missing as well
    for key in head:
        if key not in head_fields:
            hint = did_you_mean(key, head_fields + sorted(_PIECES))
            meant.add(hint.partition("`")[2].partition("`")[0])
            problems.error(key, gettext("unknown key `%(key)s`%(hint)s") % {"key": key, "hint": hint})
    for name in head_fields:
        if name in head:
            convert(head[name], _field_type(Session, name), problems, name)
        elif _required(Session, name) and name not in meant:
            problems.error(name, gettext("missing (required)"))
    for name in ("roles", "steps"):
        if name not in doc:
            problems.error(name, gettext("missing (required)"))
    if isinstance(doc.get("scenario"), dict):
        convert(doc["scenario"], Scenario, problems, "scenario")
    for i, role in _items(doc, "roles"):
        convert(role, Role, problems, f"roles[{i + 1}]")
    for i, step in _items(doc, "steps"):
        where = f"steps[{i + 1}]"
        if not isinstance(step, dict):
            continue
        bare = {k: v for k, v in step.items() if k != "questions"}
        if "questions" in step and step.get("type") in ("reflection",):
            bare["questions"] = []
        convert(_without_question_minimum(bare), Step, problems, where)
        questions = step.get("questions")
        if isinstance(questions, list):
            for j, question in enumerate(questions):
                convert(question, Question, problems, f"{where}.questions[{j + 1}]")


def _without_question_minimum(step: dict[str, Any]) -> dict[str, Any]:
    # Reflection steps need at least one question; the questions are checked apart,
    # so stand in a placeholder to keep that rule from firing twice.
    if step.get("type") == "reflection" and step.get("questions") == []:
        step = dict(step, questions=[{"type": "yesno", "code": "X", "text": "x"}])
    return step


def _items(doc: dict[str, Any], key: str) -> list[tuple[int, Any]]:
    value = doc.get(key)
    return list(enumerate(value)) if isinstance(value, list) else []


@cache
def _fields(struct: type) -> tuple[Any, ...]:
    # msgspec evaluates the class's annotations on every call: once per process is enough
    return msgspec.structs.fields(struct)


def _field_type(struct: type, name: str) -> Any:
    return next(f for f in _fields(struct) if f.name == name).type


def _required(struct: type, name: str) -> bool:
    return next(f for f in _fields(struct) if f.name == name).required


def _check_references(session: Session, problems: Problems) -> None:
    role_ids = [r.id for r in session.roles]
    step_ids = [s.id for s in session.steps]
    _duplicates([(f"roles[{i + 1}].id", r) for i, r in enumerate(role_ids)], N_("role id"), problems)
    _duplicates([(f"steps[{i + 1}].id", s) for i, s in enumerate(step_ids)], N_("step id"), problems)
    codes = [
        (f"steps[{i + 1}].questions[{j + 1}].code", q.code)
        for i, step in enumerate(session.steps)
        for j, q in enumerate(getattr(step, "questions", []))
    ]
    _duplicates(codes, N_("question code"), problems)
    _check_was(session, problems)

    def check_roles(ids: list[str], location: str) -> None:
        for k, rid in enumerate(ids):
            if rid not in role_ids:
                problems.error(
                    f"{location}[{k + 1}]",
                    gettext("unknown role `%(rid)s`%(hint)s; declared roles: %(role_ids)s")
                            % {"rid": rid, "hint": did_you_mean(rid, role_ids), "role_ids": ', '.join(role_ids)},
                )

    check_presence(session, problems)
    seen_reflections: list[str] = []
    for i, step in enumerate(session.steps):
        where = f"steps[{i + 1}]"
        check_roles(list(getattr(step, "roles", [])), f"{where}.roles")
        for j, q in enumerate(getattr(step, "questions", [])):
            qwhere = f"{where}.questions[{j + 1}]"
            check_roles(list(q.roles), f"{qwhere}.roles")
            _check_question(q, qwhere, problems)
            if q.commitment and isinstance(step, model.ReflectionStep):
                problems.error(f"{qwhere}.commitment", gettext("a commitment is read out to the cohort and "
                                                               "carried to the next meeting, but answers "
                                                               "in a reflection step stay sealed until its "
                                                               "reveal: ask for the commitment in a later "
                                                               "step"))
            step_roles = getattr(step, "roles", [])
            outside = [r for r in q.roles if step_roles and r not in step_roles]
            if outside:
                problems.error(f"{qwhere}.roles", gettext("role `%(outside)s` does not take part in this "
                                                          "step") % {"outside": outside[0]})
        if isinstance(step, model.RevealStep):
            for k, ref in enumerate(step.reveals):
                loc = f"{where}.reveals[{k + 1}]"
                if ref in seen_reflections:
                    continue
                if ref not in step_ids:
                    problems.error(loc, gettext("unknown step `%(ref)s`%(hint)s")
                            % {"ref": ref, "hint": did_you_mean(ref, step_ids)})
                else:
                    problems.error(loc, gettext("step `%(ref)s` must be a reflection step that comes "
                                                "before this reveal") % {"ref": ref})
        if isinstance(step, model.ReflectionStep):
            seen_reflections.append(step.id)
        if isinstance(step, model.ContinuationStep):
            _check_continuation(step, where, problems)
        if isinstance(step, model.TriosStep) and session.kind != "roleplay":
            problems.error(f"{where}.type", gettext("a `trios` step forms role-play groups: it belongs in "
                                                    "a roleplay session"))

    if session.kind == "roleplay":
        if session.scenario is None:
            problems.error("scenario", gettext("missing: a roleplay session needs [scenario] with the "
                                               "situation everyone sees"))
        if not any(isinstance(s, model.RoleplayStep) for s in session.steps):
            problems.error("steps", gettext("a roleplay session needs at least one step of type `roleplay`"))


def _check_quotes(session: Session, problems: Problems) -> None:
    """Every `{placeholder}` a person would read names a role here or a term some session sets."""
    roles = [r.id for r in session.roles]
    terms = {q.term for _, q in session.questions() if q.term} | _library_terms()
    for i, step in enumerate(session.steps):
        where = f"steps[{i + 1}]"
        texts = [(f"{where}.say", step.say)]
        texts += [(f"{where}.prompts[{k + 1}]", p) for k, p in enumerate(getattr(step, "prompts", []))]
        texts += [(f"{where}.phases[{k + 1}].say", p.say) for k, p in enumerate(step.phases)]
        texts += [(f"{where}.parts[{k + 1}].say", p.say) for k, p in enumerate(getattr(step, "parts", []))]
        for j, q in enumerate(getattr(step, "questions", [])):
            texts += [(f"{where}.questions[{j + 1}].text", q.text), (f"{where}.questions[{j + 1}].help", q.help)]
        for location, text in texts:
            check_placeholders(problems, location, text, roles, terms)


@cache
def _library_terms() -> frozenset[str]:
    """The terms the bundled sessions set: a midpoint may quote what the expectations session agreed.
    (Read once per process: `validate` checks a dozen files against the same bundled ones.)"""
    import re

    from facilitator.resources import bundled

    found: set[str] = set()
    for path in bundled("sessions").glob("*.toml"):
        try:
            found.update(re.findall(r'^\s*term\s*=\s*"([a-z][a-z0-9_-]*)"', path.read_text("utf-8"), re.MULTILINE))
        except OSError:
            continue
    return frozenset(found)


def _check_continuation(step: model.ContinuationStep, where: str, problems: Problems) -> None:
    """A continuation is a choice made alone: it needs a choice to seal, and flags only its options."""
    options = [o for q in step.questions if isinstance(q, model.ChoiceQuestion) for o in q.options]
    if not options:
        problems.error(f"{where}.questions", gettext("a continuation step asks each party to choose how to "
                                                     "go on: it needs a question of type `choice`"))
    for k, flagged in enumerate(step.flag):
        if options and flagged not in options:
            problems.error(f"{where}.flag[{k + 1}]", gettext("`%(flagged)s` is not an option of this "
                                                             "step's choice%(hint)s")
                    % {"flagged": flagged, "hint": did_you_mean(flagged, options)})
    for j, q in enumerate(step.questions):
        if q.commitment:
            problems.error(f"{where}.questions[{j + 1}].commitment",
                           gettext("a commitment is read out to the cohort, but a continuation stays "
                                   "sealed until everyone has chosen: ask for the commitment in a later "
                                   "step"))


def _check_question(q: Question, where: str, problems: Problems) -> None:
    if q.private and (q.term or q.commitment):
        copied = "an agreement term (`term`)" if q.term else "a cohort commitment (`commitment`)"
        problems.error(f"{where}.private", gettext("a private answer never leaves the facilitator's copy, "
                                                   "but this one would be copied into %(copied)s, which is "
                                                   "shared: drop one of the two") % {"copied": copied})
    if isinstance(q, model.RatingQuestion):
        scale = q.scale
        if scale.min >= scale.max:
            problems.error(f"{where}.scale", gettext("min (%(min)s) must be below max (%(max)s)")
                    % {"min": scale.min, "max": scale.max})
        elif scale.labels and len(scale.labels) != scale.max - scale.min + 1:
            problems.error(
                f"{where}.scale.labels",
                gettext("expected %(max)s labels (one per point from %(min)s to %(max2)s), got %(count)s")
                        % {"max": scale.max - scale.min + 1, "min": scale.min, "max2": scale.max, "count": len(scale.labels)},
            )
    if isinstance(q, (model.ChoiceQuestion, model.MultiQuestion)):
        _duplicates([(f"{where}.options[{k + 1}]", o) for k, o in enumerate(q.options)], N_("option"), problems)
    if isinstance(q, model.TableQuestion):
        _duplicates([(f"{where}.columns[{k + 1}]", c) for k, c in enumerate(q.columns)], N_("column"), problems)


def _check_was(session: Session, problems: Problems) -> None:
    """An old code (`was`) is read as its question's code now: it must not be a code in use, and
    two questions may share one only when they are asked of different roles (a question split by role)."""
    current = {q.code for _, q in session.questions()}
    claimed: dict[str, list[tuple[str, set[str]]]] = {}
    for i, step in enumerate(session.steps):
        for j, q in enumerate(getattr(step, "questions", [])):
            for k, old in enumerate(q.was):
                where = f"steps[{i + 1}].questions[{j + 1}].was[{k + 1}]"
                roles = set(session.answering_roles(step, q))
                if old in current:
                    problems.error(where, gettext("`%(old)s` is a question's code in this session; an old "
                                                  "code must be one no question has now, or old answers "
                                                  "would be read twice") % {"old": old})
                elif any(roles & theirs for _, theirs in claimed.get(old, [])):
                    first = claimed[old][0][0]
                    problems.error(where, gettext("`%(old)s` is already an old code of %(first)s for the "
                                                  "same role") % {"old": old, "first": first})
                claimed.setdefault(old, []).append((q.code, roles))


def _duplicates(located: list[tuple[str, str]], what: str, problems: Problems) -> None:
    """Report each repeat where it occurs, naming where the value was first used."""
    first: dict[str, str] = {}
    for location, value in located:
        if value in first:
            problems.error(location, gettext("duplicate %(what)s `%(value)s` (already used at %(first)s)")
                    % {"what": gettext(what), "value": value, "first": first[value]})
        else:
            first[value] = location


def _check_minutes(session: Session, problems: Problems) -> None:
    total = sum(s.minutes for s in session.steps)
    if not _same(total, session.minutes):
        problems.warn("minutes", gettext("the steps add up to %(n)s minutes but the session says %(n2)s")
                % {"n": _n(total), "n2": _n(session.minutes)})
    for i, step in enumerate(session.steps):
        if step.phases:
            phased = sum(p.minutes for p in step.phases)
            if not _same(phased, step.minutes) and phased < step.minutes:
                problems.warn(f"steps[{i + 1}].phases",
                              gettext("the phases add up to %(n)s minutes but the step says %(n2)s")
                                      % {"n": _n(phased), "n2": _n(step.minutes)})


# ---------------------------------------------------------------- contradictions (validate's own block)

def _n(minutes: float) -> str:
    return f"{minutes:g}"


def _same(a: float, b: float) -> bool:
    return abs(a - b) < 1e-6  # minutes may be fractional (1.5): sums are compared, not floats


def _check_contradictions(session: Session, problems: Problems) -> None:
    """What each piece allows on its own but the session cannot do as a whole."""
    for i, step in enumerate(session.steps):
        where = f"steps[{i + 1}]"
        _duplicates([(f"{where}.show[{k + 1}]", s) for k, s in enumerate(step.show)], N_("`show` entry"), problems)
        for k, shown in enumerate(step.show):
            fits = _SHOWN_FOR.get(shown)
            if fits and session.audience not in fits[0]:
                problems.error(f"{where}.show[{k + 1}]", gettext("`%(shown)s` %(fits)s, but this is a "
                                                                 "%(audience)s session (audience = "
                                                                 "\"%(audience)s\")")
                        % {"shown": shown, "fits": fits[1], "audience": session.audience})
        if isinstance(step, model.RevealStep):
            _duplicates([(f"{where}.reveals[{k + 1}]", r) for k, r in enumerate(step.reveals)], N_("reveal"), problems)
        if isinstance(step, model.ContinuationStep):
            _duplicates([(f"{where}.flag[{k + 1}]", f) for k, f in enumerate(step.flag)], N_("flag"), problems)
        if isinstance(step, model.RoleplayStep) and session.kind != "roleplay":
            problems.error(f"{where}.type", gettext("a `roleplay` step is a round the trios play: it "
                                                    "belongs in a roleplay session"))
        for j, q in enumerate(getattr(step, "questions", [])):
            sealed = isinstance(step, (model.ReflectionStep, model.ContinuationStep))  # refused above already
            if q.commitment and session.audience != "cohort" and not sealed:
                problems.error(f"{where}.questions[{j + 1}].commitment",
                               gettext("commitments are carried from one cohort meeting to the next, but "
                                       "this is a %(audience)s session: drop `commitment` or make it a "
                                       "cohort session") % {"audience": session.audience})
        _check_step_minutes(step, where, problems)
    _check_rounds(session, problems)
    written: dict[str, str] = {}
    for i, step in enumerate(session.steps):
        for j, q in enumerate(getattr(step, "questions", [])):
            if q.term and q.term in written:
                problems.error(f"steps[{i + 1}].questions[{j + 1}].term",
                               gettext("term `%(term)s` is already written by %(written)s: one question "
                                       "writes each agreement term, and a second would overwrite the "
                                       "first's answers") % {"term": q.term, "written": written[q.term]})
            elif q.term:
                written[q.term] = f"steps[{i + 1}].questions[{j + 1}] ({q.code})"


# What a `show` block needs to have anything to show (the engine carries commitments only
# into cohort meetings, and keeps agreements per pair).
_SHOWN_FOR = {
    "commitments": (("cohort",), "shows last meeting's commitments, which only a cohort meeting carries"),
    "agreement": (("pair",), "shows the pair's agreement, which only a pair session has"),
    "agreement_history": (("pair",), "shows the pair's agreement, which only a pair session has"),
}


def _check_step_minutes(step: Step, where: str, problems: Problems) -> None:
    if step.phases:
        phased = sum(p.minutes for p in step.phases)
        if phased > step.minutes and not _same(phased, step.minutes):
            problems.error(f"{where}.phases", gettext("the phases take %(n)s minutes, more than the step's "
                                                      "%(n2)s") % {"n": _n(phased), "n2": _n(step.minutes)})
    if isinstance(step, model.RoundRobinStep):
        if step.parts:
            parted = sum(p.minutes for p in step.parts)
            if parted > step.minutes and not _same(parted, step.minutes):
                problems.error(f"{where}.parts", gettext("the parts take %(n)s minutes, more than the "
                                                         "step's %(n2)s")
                        % {"n": _n(parted), "n2": _n(step.minutes)})
        elif step.speaker_minutes > step.minutes:
            problems.error(f"{where}.speaker_minutes", gettext("one turn takes %(n)s minutes, more than "
                                                               "the whole step's %(n2)s")
                    % {"n": _n(step.speaker_minutes), "n2": _n(step.minutes)})


def _check_rounds(session: Session, problems: Problems) -> None:
    """Role-play rounds are numbered in the order they are played, from 1, none skipped:
    who plays what follows from the number. Out of order is said first (the gap it leaves is
    the same mistake)."""
    played = [(f"steps[{i + 1}].round", s.round) for i, s in enumerate(session.steps)
              if isinstance(s, model.RoleplayStep)]
    last, in_order = 0, True
    for where, number in played:
        if number < last:
            in_order = False
            problems.error(where, gettext("round %(number)s comes after round %(last)s: number the rounds "
                                          "in the order they are played") % {"number": number, "last": last})
        last = max(last, number)
    last = 0
    for where, number in played if in_order else []:
        if number > last + 1:
            said = {"number": number, "last": last, "next": last + 1}
            problems.error(where, gettext("round %(number)s is the first, but there is no round %(next)s: number"
                                          " the rounds 1, 2, 3 as they are played") % said if last == 0 else
                           gettext("round %(number)s follows round %(last)s, but there is no round %(next)s:"
                                   " number the rounds 1, 2, 3 as they are played") % said)
            break
        last = number


def _warn_unseatable(session: Session, problems: Problems) -> None:
    """Say now what `facilitator start` would refuse: a role that answers but that no run seats."""
    if session.kind == "roleplay":
        return  # the trios take the role-play roles in the room
    seated = _SEATED[session.audience]
    for k, role in enumerate(session.roles):
        if role.answers and role.id not in seated and not getattr(role, "guest", False):
            problems.warn(f"roles[{k + 1}]", gettext("`facilitator start` will refuse this session: it "
                                                     "needs the role `%(role)s`, which a %(audience)s run "
                                                     "does not seat (it seats %(seated)s); %(_SEAT_HINT)s")
                    % {"role": role.id, "audience": session.audience, "seated": ' and '.join(seated), "_SEAT_HINT": _SEAT_HINT})


# Who `facilitator start` seats (engine.RunEngine.create): a pair's (or a workshop's pairs')
# mentor and mentee; a cohort meeting's mentors.
_SEAT_HINT = ("make it a guest (`guest = true`), named when the run starts, or set `answers = false`"
              if "guest" in Role.__struct_fields__ else "set `answers = false` on a role nobody seats")
_SEATED = {"pair": ("mentor", "mentee"), "workshop": ("mentor", "mentee"), "cohort": ("mentor",)}


def to_document(session: Session) -> dict[str, Any]:
    """The session as plain TOML-ready data (defaults left out)."""
    return msgspec.to_builtins(session)
