"""What evaluating a rule gives, and the helpers every rule kind shares.

Every rule gives an Outcome: not applicable (the session does not ask what the rule
needs), hits (each with plain values for the evidence template and the exact answers
behind it), or what is missing (a party has not answered a measure the rule needs), so
a pattern is reported as lacking data rather than guessed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from facilitator import model
from facilitator.i18n import _
from facilitator.patterns.context import NUMERIC_TYPES, Asked, RunView
from facilitator.patterns.text import quote
from facilitator.records import Entry


@dataclass
class Evidence:
    run: str
    code: str
    measure: str
    person: str
    role: str
    value: Any
    source: str = "answer"  # answer | agreement | commitment
    note: str = ""

    def to_json(self) -> dict[str, Any]:
        out = {"run": self.run, "code": self.code, "measure": self.measure, "person": self.person,
               "role": self.role, "value": self.value}
        if self.source != "answer":
            out["source"] = self.source
        if self.note:
            out["note"] = self.note
        return out


@dataclass
class Hit:
    values: dict[str, Any]
    evidence: list[Evidence]
    gate: bool = False  # a condition (an agreement term) that, inside `all`, adds to the other hits' values


@dataclass(frozen=True)
class Missing:
    measure: str = ""
    role: str = ""
    codes: tuple[str, ...] = ()
    what: str = ""  # something other than an answer, e.g. the agreement's cadence term

    def to_json(self) -> dict[str, Any]:
        if self.what:
            return {"what": self.what}
        return {"measure": self.measure, "role": self.role, "codes": list(self.codes)}


@dataclass
class Outcome:
    applicable: bool = True
    hits: list[Hit] = field(default_factory=list)
    missing: list[Missing] = field(default_factory=list)


NOT_APPLICABLE = Outcome(applicable=False)

# ---------------------------------------------------------------- helpers


def points(q: model.Question, value: Any) -> float | None:
    """A rating on the 1-5 scale the rules speak (other scales are rescaled); any other
    number (a count, hours, a percentage) as it is."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    if isinstance(q, model.RatingQuestion):
        lo, hi = q.scale.min, q.scale.max
        return float(value) if (lo, hi) == (1, 5) else 1 + (value - lo) * 4 / (hi - lo)
    return float(value) if is_numeric(q) else None


def is_numeric(q: model.Question) -> bool:
    """Is the answer a number: a rating, a count, or any numeric type a session may add?"""
    return type(q).__struct_config__.tag in NUMERIC_TYPES



def cite(view: RunView, asked: Asked, person: str, role: str, entry: Entry | None) -> Evidence:
    """The evidence that cites one answer (an empty one when the box was left blank)."""
    return Evidence(view.record.id, asked.code, asked.measure, person, role, entry.value if entry else "")


class _Lazy(dict):
    """Template values made on first use: a program analysis only needs a summary now and then."""

    def __init__(self, make: Callable[[], dict[str, Any]], extra: dict[str, Any]):
        super().__init__(extra)
        self._make: Callable[[], dict[str, Any]] | None = make

    def __missing__(self, key: str) -> Any:
        if self._make is not None:
            make, self._make = self._make, None
            for k, v in make().items():
                self.setdefault(k, v)
            if key in self:
                return dict.__getitem__(self, key)
        raise KeyError(key)


def template_values(view: RunView, said: list[tuple[Asked, str, str, Any]], joiner: str = "and", **extra: Any
            ) -> dict[str, Any]:
    """The placeholders every kind offers, from (question, person, role, value) in order; the
    labels of several measures are joined with "and", or set against each other ("vs")."""
    return _Lazy(lambda: _common(view, said, joiner), extra)


def _common(view: RunView, said: list[tuple[Asked, str, str, Any]], joiner: str) -> dict[str, Any]:
    labels = view.labels
    measures = list(dict.fromkeys(a.measure for a, *_ in said))
    by_who: dict[str, list[str]] = {}
    for _q, p, r, v in said:
        by_who.setdefault(view.who(p, r), []).append(quote(v))
    return {
        "label": (each_and if joiner == "and" else versus)([labels.label(m, view.role_names) for m in measures]),
        "measure": ", ".join(measures),
        "code": "/".join(dict.fromkeys(a.code for a, *_ in said)),
        "question": said[0][0].question.text if said else "",
        "values": ", ".join(f"{who} {' / '.join(values)}" for who, values in by_who.items()),
        "who": join_words(list(by_who)),
    }


def join_words(words: list[str]) -> str:
    """"a", "a and b", "a, b and c" (in the current language)."""
    if len(words) < 2:
        return "".join(words)
    return _("%(list)s and %(last)s") % {"list": ", ".join(words[:-1]), "last": words[-1]}


def each_and(words: list[str]) -> str:
    """"a and b and c": measures named side by side."""
    out = "".join(words[:1])
    for w in words[1:]:
        out = _("%(list)s and %(last)s") % {"list": out, "last": w}
    return out


def versus(words: list[str]) -> str:
    """"a vs b": one role's answer set against another's."""
    return "".join(words[:1]) + "".join(_(" vs %(other)s") % {"other": w} for w in words[1:])


def asked_and_who(view: RunView, measures: list[str], roles: list[str]) -> tuple[list[Asked], list[tuple[str, str]]]:
    """The questions asked about these measures, and who (of `roles`) is asked any of them: (person, role)."""
    asked = [x for m in measures for x in view.asked(m)]
    return asked, list(dict.fromkeys(pr for x in asked for pr in view.people_for(x, roles)))


def unanswered(view: RunView, measure: str, asked: list[Asked], roles: list[str] | tuple[str, ...]) -> list[Missing]:
    people = {r for x in asked for _, r in view.people_for(x, roles)}
    return [Missing(measure, r, tuple(x.code for x in asked if r in x.roles)) for r in sorted(people)]
