"""Turn a parsed TOML document into a typed model, reporting every problem it can find.

msgspec checks types and keys but stops at the first error, so the document is checked
piece by piece (the session head, each role, each step, each question) to report many
problems at once, then as a whole. Messages are rewritten for people: 1-based positions
(`steps[3].questions[1].scale`, counted as you read the file), plain type names, and a
did-you-mean for misspelt keys and values.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import Any

import msgspec
from msgspec import inspect as mi

from facilitator.i18n import N_, gettext

_AT = re.compile(r"^(?P<msg>.*) - at `\$(?P<path>[^`]*)`$")
_SEGMENT = re.compile(r"\.([A-Za-z_][A-Za-z0-9_-]*)|\[(\d+)\]")

_TYPE_WORDS = {  # said in the language where a message uses one
    "int": N_("an integer"),
    "str": N_("a string"),
    "bool": N_("true or false"),
    "float": N_("a number"),
    "array": N_("an array"),
    "object": N_("a table"),
    "null": N_("nothing"),
    "int | float": N_("a number"),  # minutes: whole or in halves
}


def _type_word(name: str) -> str:
    return gettext(_TYPE_WORDS[name]) if name in _TYPE_WORDS else name


@dataclass
class Problems:
    """Collects problems (errors) and warnings, each as one finished line."""

    where: str
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def error(self, location: str, message: str) -> None:
        self.errors.append(f"{self.where}: {location}: {message}" if location else f"{self.where}: {message}")

    def warn(self, location: str, message: str) -> None:
        warning = gettext("warning")
        self.warnings.append(
            f"{self.where}: {warning}: {location}: {message}" if location else f"{self.where}: {warning}: {message}"
        )


def did_you_mean(word: str, choices: list[str] | tuple[str, ...]) -> str:
    close = difflib.get_close_matches(str(word), list(choices), n=1, cutoff=0.6)
    if not close:
        return ""
    from facilitator.i18n import gettext

    return " " + gettext("(did you mean `%(id)s`?)") % {"id": close[0]}


def join_path(prefix: str, segments: list[str | int]) -> str:
    out = prefix
    for seg in segments:
        out += f"[{seg + 1}]" if isinstance(seg, int) else (f".{seg}" if out else seg)
    return out


def convert(data: Any, typ: Any, problems: Problems, prefix: str) -> Any:
    """msgspec.convert with a friendly error line; returns None when it failed."""
    try:
        return msgspec.convert(data, typ)
    except msgspec.ValidationError as exc:
        location, message = explain(str(exc), typ, data)
        problems.error(join_path(prefix, location) if prefix or location else "", message)
        return None


def explain(raw: str, typ: Any, data: Any) -> tuple[list[str | int], str]:
    """Split a msgspec error into a path and a sentence for a person."""
    match = _AT.match(raw)
    msg, path = (match["msg"], match["path"]) if match else (raw, "")
    segments: list[str | int] = [m[1] if m[1] else int(m[2]) for m in _SEGMENT.finditer(path)]
    here = _resolve(typ, segments, data)

    if m := re.match(r"Object contains unknown field `(.+)`", msg):
        key = m[1]
        known = [f.name for f in here.fields] if isinstance(here, mi.StructType) else []
        return segments + [key], gettext("unknown key `%(key)s`%(hint)s") % {"key": key, "hint": did_you_mean(key, known)}
    if m := re.match(r"Object missing required field `(.+)`", msg):
        return segments + [m[1]], gettext("missing (required)")
    if m := re.match(r"Invalid (?:enum )?value (.+)", msg):
        value = m[1].strip("'")
        allowed = _allowed_values(typ, segments, data)
        said = {"value": value, "hint": did_you_mean(value, allowed) if allowed else "",
                "choices": "; " + gettext("expected one of: %(allowed)s") % {"allowed": ", ".join(allowed)}
                if allowed else ""}
        return segments, (gettext("unknown type `%(value)s`%(hint)s%(choices)s") if segments and segments[-1] == "type"
                          else gettext("unknown value `%(value)s`%(hint)s%(choices)s")) % said
    if m := re.match(r"Expected `(\w+(?: \| \w+)*)`(.*), got `(\w+)`", msg):
        want, extra, got = m.groups()
        return segments, gettext("expected %(want)s%(extra)s, got %(got)s") % {
            "want": _type_word(want), "extra": extra, "got": _type_word(got)}
    if msg in ("Expected `str` of length >= 1", "Expected `str` matching regex '\\\\S'"):
        return segments, gettext("blank: write the text (spaces alone say nothing)")
    if m := re.match(r"Expected `(\w+)` (.+)", msg):
        want, constraint = m.groups()
        constraint = re.sub(r"matching regex '(.+)'", r"matching \1", constraint)
        return segments, gettext("expected %(want)s %(constraint)s") % {"want": _type_word(want),
                                                                        "constraint": constraint}
    return segments, msg[0].lower() + msg[1:]


def _unwrap(t: Any) -> Any:
    while isinstance(t, mi.Metadata):
        t = t.type
    return t


def _pick(t: Any, data: Any) -> Any:
    """Choose the member of a union that `data` is meant to be."""
    t = _unwrap(t)
    if not isinstance(t, mi.UnionType):
        return t
    members = [_unwrap(m) for m in t.types if not isinstance(_unwrap(m), mi.NoneType)]
    structs = [m for m in members if isinstance(m, mi.StructType)]
    if structs and structs[0].tag_field and isinstance(data, dict):
        tag = data.get(structs[0].tag_field)
        for s in structs:
            if s.tag == tag:
                return s
        return t
    return members[0] if len(members) == 1 else t


def _resolve(typ: Any, segments: list[str | int], data: Any) -> Any:
    t = _pick(mi.type_info(typ), data)
    for seg in segments:
        if isinstance(seg, int) and isinstance(t, (mi.ListType, mi.VarTupleType)):
            data = data[seg] if isinstance(data, list) and seg < len(data) else None
            t = _pick(t.item_type, data)
        elif isinstance(seg, str) and isinstance(t, mi.StructType):
            f = next((f for f in t.fields if f.name == seg), None)
            if f is None:
                return None
            data = data.get(seg) if isinstance(data, dict) else None
            t = _pick(f.type, data)
        else:
            return t
    return t


def _allowed_values(typ: Any, segments: list[str | int], data: Any) -> list[str]:
    if segments and segments[-1] == "type":
        union = _resolve_union(typ, segments[:-1], data)
        if union is not None:
            return [str(s.tag) for s in union]
    t = _resolve(typ, segments, data)
    if isinstance(t, mi.LiteralType):
        return [str(v) for v in t.values]
    if isinstance(t, mi.ListType) and isinstance(_unwrap(t.item_type), mi.LiteralType):
        return [str(v) for v in _unwrap(t.item_type).values]
    return []


def _resolve_union(typ: Any, segments: list[str | int], data: Any) -> list[Any] | None:
    """The struct members of the tagged union at `segments`, if that is one."""
    parent = _resolve(typ, segments[:-1], data) if segments else None
    if segments and isinstance(segments[-1], int) and isinstance(parent, mi.ListType):
        item = _unwrap(parent.item_type)
    elif not segments:
        item = _unwrap(mi.type_info(typ))
    else:
        return None
    if isinstance(item, mi.UnionType):
        return [_unwrap(m) for m in item.types if isinstance(_unwrap(m), mi.StructType)]
    return None


def check_presence(session: Any, problems: Problems) -> None:
    """Guests are a pair run's; `present` names roles of the session, and nobody is asked a question in a step they are not in the room for."""
    role_ids = [r.id for r in session.roles]
    for i, role in enumerate(session.roles):
        if role.guest and session.audience != "pair":
            problems.error(f"roles[{i + 1}].guest", f"a guest takes part in one pair's run; this session's audience"
                                                    f" is `{session.audience}`")
    for i, step in enumerate(session.steps):
        for k, rid in enumerate(step.present):
            if rid not in role_ids:
                problems.error(f"steps[{i + 1}].present[{k + 1}]", f"unknown role `{rid}`{did_you_mean(rid, role_ids)};"
                                                                   f" declared roles: {', '.join(role_ids)}")
        if not step.present:
            continue
        for j, q in enumerate(getattr(step, "questions", [])):
            away = [r for r in session.answering_roles(step, q) if r in role_ids and r not in step.present]
            if away:
                name = next(r.name for r in session.roles if r.id == away[0])
                problems.error(f"steps[{i + 1}].questions[{j + 1}]",
                               f"asks the {name.lower()} (`{away[0]}`), who is not in `present` for this step:"
                               f" add `{away[0]}` to `present`, or ask someone who is there")
# Quoting in question text and scripts (facilitator/quoting.py substitutes): `{mentee}`, any
# role id, `{term.<term id>}` and `{term.<term id>.<n>}`. Braces around anything without a space
# are read as a placeholder, so a misspelt one is refused here rather than printed raw.
PLACEHOLDER = re.compile(r"\{([^{}\s]+)\}")
TERM_QUOTE = re.compile(r"^term\.([a-z][a-z0-9_-]*)(?:\.([1-9][0-9]?))?$")


def check_placeholders(problems: Problems, location: str, text: str, roles: list[str], terms: set[str]) -> None:
    """Each placeholder in `text` names a role of the session or a term some session sets."""
    for match in PLACEHOLDER.finditer(text):
        inside = match[1]
        term = TERM_QUOTE.match(inside)
        if inside in roles:
            continue
        if term:
            if term[1] not in terms:
                problems.error(location, f"`{{{inside}}}` quotes the term `{term[1]}`, which no session sets"
                                         f"{did_you_mean(term[1], sorted(terms))}")
            continue
        if inside.startswith("term."):
            problems.error(location, f"`{{{inside}}}` is no term quote: write {{term.<term id>}} or"
                                     f" {{term.<term id>.<n>}} (n from 1)")
            continue
        known = ", ".join(f"{{{r}}}" for r in roles)
        problems.error(location, f"unknown placeholder `{{{inside}}}`{did_you_mean(inside, roles)};"
                                 f" a text may quote {known}, {{term.<term id>}} or {{term.<term id>.<n>}}")
