"""Names and agreement terms quoted in question text and scripts: `{mentee}`, `{term.objectives.1}`.

Plain substitution from a fixed vocabulary (the session's role ids, `term.<id>`, `term.<id>.<n>`),
never a template engine: what is put in is a participant's own text, which is data. One pass
of `re.sub` never reads its replacements again, so a term that says "{mentor}" or "{{7*7}}"
prints as written; each surface escapes the result as it escapes any answer.

Where there is nothing to quote yet (a blank sheet, a pair with no such term), a readable
stand-in takes its place: the role's name, "objective 1 (from your agreement)".
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import msgspec

from facilitator import model, presentation
from facilitator.agreements import Items, Table, Term, is_blank
from facilitator.i18n import _
from facilitator.validation import PLACEHOLDER, TERM_QUOTE


@dataclass(frozen=True)
class Quoter:
    """What a text may quote for one run: each role's person's name and the pair's terms."""

    role_names: Mapping[str, str]  # the session's name for each role: the stand-in on a blank sheet
    names: Mapping[str, str] = field(default_factory=dict)  # role id → the person's name, where known
    terms: Mapping[str, Term] = field(default_factory=dict)

    def quote(self, text: str) -> str:
        if "{" not in text:
            return text
        return PLACEHOLDER.sub(self._one, text)

    def _one(self, match: Any) -> str:
        inside = match[1]
        if inside in self.role_names:
            return self.names.get(inside) or self.role_names[inside]
        term = TERM_QUOTE.match(inside)
        if term is None:
            return match[0]  # validate refuses it; text from before that rule prints as written
        return self._term(term[1], int(term[2]) if term[2] else None)

    def _term(self, term_id: str, n: int | None) -> str:
        label = presentation.term_label(term_id)
        value = self.terms.get(term_id)
        if n is None:
            if value is None or is_blank(value):
                return _("your %(term)s (from your agreement)") % {"term": label}
            return _whole(value)
        entries = _entries(value) if value is not None else []
        if n <= len(entries) and entries[n - 1].strip():
            return entries[n - 1]
        return _("%(term)s %(n)s (from your agreement)") % {"term": _singular(label), "n": n}


def _whole(term: Term) -> str:
    """A term in one line: a table's rows as `first (the rest)`, blank cells left out."""
    if isinstance(term, Table):
        rows = []
        for row in term.rows:
            cells = [c.strip() for c in row if c.strip()]
            if cells:
                rows.append(cells[0] + (f" ({', '.join(cells[1:])})" if len(cells) > 1 else ""))
        return presentation.LIST_SEPARATOR.join(rows)
    return presentation.term_text(term)


def _entries(term: Term) -> list[str]:
    """A term's entries to count by: a list's items, a table's first column, a text's lines."""
    if isinstance(term, Items):
        return [i for i in term.items if i.strip()]
    if isinstance(term, Table):
        return [row[0] for row in term.rows if row and any(c.strip() for c in row)]
    return [line.strip() for line in str(term).splitlines() if line.strip()]


def _singular(label: str) -> str:
    return label[:-1] if label.endswith("s") and not label.endswith("ss") else label


def blank(session: model.Session) -> Quoter:
    """For an unnamed sheet: every role by its name, every term by its stand-in."""
    return Quoter({r.id: r.name for r in session.roles})


def quoted_session(session: model.Session, quoter: Quoter) -> model.Session:
    """The session with every text a person reads quoted: questions' text and help, scripts,
    prompts, phases and parts. Codes, ids and shapes stay as they are."""
    q = quoter.quote

    def question(x: model.Question) -> model.Question:
        return msgspec.structs.replace(x, text=q(x.text), help=q(x.help))

    def step(s: model.Step) -> model.Step:
        changes: dict[str, Any] = {"say": q(s.say)}
        if s.phases:
            changes["phases"] = [msgspec.structs.replace(p, say=q(p.say)) for p in s.phases]
        if getattr(s, "questions", None):
            changes["questions"] = [question(x) for x in s.questions]
        if getattr(s, "prompts", None):
            changes["prompts"] = [q(p) for p in s.prompts]
        if getattr(s, "parts", None):
            changes["parts"] = [msgspec.structs.replace(p, say=q(p.say)) for p in s.parts]
        return msgspec.structs.replace(s, **changes)

    return msgspec.structs.replace(session, steps=[step(s) for s in session.steps])


def quotes_anything(session: model.Session) -> bool:
    """Does any text of the session quote a name or a term?"""
    texts = [session.purpose] + [t for s in session.steps for t in (
        s.say, *getattr(s, "prompts", ()), *(p.say for p in s.phases), *(p.say for p in getattr(s, "parts", ())),
        *(x for q in getattr(s, "questions", ()) for x in (q.text, q.help)))]
    return any(PLACEHOLDER.search(t) for t in texts)
