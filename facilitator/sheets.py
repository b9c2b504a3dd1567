"""Answer sheets: the paper worksheet's questions as TOML, keyed by the printed code.

`write_sheet` makes a blank one for a role; `read_sheet` + `plan_import` check a filled
one against a run and say exactly what importing it would change, before anything is.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import tomli_w

from facilitator import model
from facilitator.engine import RunEngine
from facilitator.errors import InvalidFile, UserError
from facilitator.tomlfile import display, read_toml
from facilitator.values import BadValue, blank, describe


def sheet_text(session: model.Session, role_id: str) -> str:
    role = _role(session, role_id)
    questions = session.questions_for(role.id)
    if not questions:
        raise UserError(f"session `{session.id}` asks the {role.name.lower()} no questions")
    lines = [
        f"# {session.title} — {role.name.lower()} sheet. Leave out what was not answered.",
        "# Fill in the values after `=`; text in quotes. Then: facilitator import RUN --role"
        f" {role.id} THIS-FILE",
        f'session = "{session.id}"',
        f'role = "{role.id}"',
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

    ids = [r.id for r in session.roles]
    raise UserError(f"session `{session.id}` has no role `{role_id}`{did_you_mean(role_id, ids)};"
                    f" roles: {', '.join(ids)}")


def read_sheet(path: Path, session: model.Session) -> tuple[dict[str, Any], dict[str, Any]]:
    """(metadata, answers) from a filled answer sheet: TOML, or a filled fillable PDF."""
    from facilitator.pdfforms import answers_from_pdf, is_pdf

    if is_pdf(path):
        return {}, answers_from_pdf(path, session)
    doc = read_toml(path)
    answers = doc.get("answers")
    if not isinstance(answers, dict):
        raise InvalidFile(f"{display(path)}: no [answers] table; start from `facilitator answers SESSION --role ROLE`")
    return {k: v for k, v in doc.items() if k != "answers"}, answers


@dataclass
class ImportPlan:
    new: dict[str, Any] = field(default_factory=dict)
    same: list[str] = field(default_factory=list)
    replaced: dict[str, tuple[Any, Any]] = field(default_factory=dict)

    @property
    def changes(self) -> dict[str, Any]:
        return {**self.new, **{c: after for c, (_, after) in self.replaced.items()}}


def plan_import(engine: RunEngine, person: str, path: Path, meta: dict[str, Any], answers: dict[str, Any]) -> ImportPlan:
    """Check every answer; raise InvalidFile listing every bad code, else say what would change."""
    where = display(path)
    problems: list[str] = []
    session_id = meta.get("session")
    if session_id is not None and session_id != engine.session.id:
        problems.append(f"{where}: this is a sheet for session `{session_id}`, but run {engine.record.id}"
                        f" is `{engine.session.id}`")
    role = engine.participant(person).role
    if isinstance(meta.get("role"), str) and meta["role"] != role and engine.session.kind != "roleplay":
        problems.append(f"{where}: this is a {meta['role']} sheet, but {person} is the {role} in this run")
    plan = ImportPlan()
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
