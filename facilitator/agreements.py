"""The living agreement of a pair: version 1 from the expectations session, the next
versions from later sessions, each with a change log (what changed, why, when).

A term is what its question asked for: text, a list (`Items`) or a table (`Table`, rows
under the question's columns), kept in that shape so paper and screen can draw it as
one. Files of format 1 held every term as flattened text ("a / b; c / d"); they are read
back into their shape from the question that asks for the term (`upgrade`).
"""


import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Annotated, Any, Union

import msgspec
from msgspec import Meta, field

from facilitator import model
from facilitator.model import Strict

from facilitator.errors import InvalidFile, UserError
from facilitator.tomlfile import display, dumps, read_toml, write_atomically
from facilitator.validation import Problems, convert
from facilitator.workspace_paths import private_folder

FORMAT = 2  # 1: every term flattened to text

# A cell in a column of ticks ("Core / must-have") counts as ticked when it holds one of these.
MARKS = frozenset({"x", "✓", "✔", "yes", "y", "*"})

# How format 1 flattened a table or a list (presentation.answer_text then).
_ROWS, _CELLS = "; ", " / "
_SLASH = re.compile(r"(?:(?<=\s)|^)/(?=\s|$)")


class Items(Strict, tag="list", tag_field="kind", kw_only=True):
    items: list[str] = field(default_factory=list)


class Table(Strict, tag="table", tag_field="kind", kw_only=True):
    columns: Annotated[list[str], Meta(min_length=1)]
    rows: list[list[str]] = field(default_factory=list)

    def marked_lists(self) -> list[tuple[str, list[str]]] | None:
        """A table whose later columns only tick the first ("Outcome | Must-have | Nice-to-have")
        read as one list per ticked column; None for any other table."""
        if len(self.columns) < 2 or not self.rows:
            return None
        ticks = [cell.strip().lower() for row in self.rows for cell in row[1:]]
        if any(t and t not in MARKS for t in ticks) or not any(ticks):
            return None
        lists = [(column, [row[0] for row in self.rows if row[i].strip()]) for i, column in
                 enumerate(self.columns[1:], 1)]
        unticked = [row[0] for row in self.rows if not any(c.strip() for c in row[1:])]
        return lists + ([("Not yet decided", unticked)] if unticked else [])


Term = Union[str, Items, Table]
_LISTS = (model.ListQuestion, model.MultiQuestion)  # the questions whose answer is a list


def is_blank(term: Term) -> bool:
    if isinstance(term, str):
        return not term.strip()
    return not (term.items if isinstance(term, Items) else term.rows)


def from_answer(question: model.Question, value: Any) -> Term:
    """An answer to a term's question, in the term's shape (text for anything but a list or table)."""
    if isinstance(question, model.TableQuestion) and isinstance(value, list):
        width = len(question.columns)
        rows = [[str(c) for c in row][:width] + [""] * (width - len(row)) for row in value if isinstance(row, list)]
        return Table(columns=list(question.columns), rows=rows)
    if isinstance(question, _LISTS) and isinstance(value, list):
        return Items(items=[str(v) for v in value])
    return value if isinstance(value, str) else _flat(value)


def merged_terms(terms: list[Term]) -> Term:
    """Several people's list or table for one term as one: every row or item once, in order."""
    first = terms[0]
    if isinstance(first, Table):
        rows = [row for t in terms if isinstance(t, Table) for row in t.rows]
        return Table(columns=first.columns, rows=[r for i, r in enumerate(rows) if r not in rows[:i]])
    if isinstance(first, Items):
        return Items(items=list(dict.fromkeys(i for t in terms if isinstance(t, Items) for i in t.items)))
    return first


def _flat(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return _ROWS.join(_CELLS.join(map(str, v)) if isinstance(v, list) else str(v) for v in value)
    return str(value)


def from_text(question: model.Question | None, text: str) -> Term:
    """A term written as flattened text (format 1, or typed as text), in its question's shape."""
    if isinstance(question, model.TableQuestion):
        rows = [_cells(row, len(question.columns)) for row in text.split(_ROWS.strip()) if row.strip()]
        return Table(columns=list(question.columns), rows=rows)
    if isinstance(question, _LISTS):
        return Items(items=[item.strip() for item in text.split(_ROWS.strip()) if item.strip()])
    return text


def _cells(row: str, width: int) -> list[str]:
    # a slash with space (or the row's end) on both sides: a blank last cell was trimmed to " /"
    cells = [c.strip() for c in _SLASH.split(row.strip())]
    if len(cells) > width:  # a " / " typed inside the last cell
        cells = cells[:width - 1] + [_CELLS.join(cells[width - 1:])]
    return cells + [""] * (width - len(cells))


def shaped(question: model.Question | None, term: Term) -> Term:
    """`term` in its question's shape: flattened text read back; a term already shaped unchanged."""
    if isinstance(term, str) and term.strip() and isinstance(question, _LISTS + (model.TableQuestion,)):
        return from_text(question, term)
    return term


class Change(Strict, kw_only=True):
    term: str
    before: Term = ""
    after: Term = ""
    why: str = ""


class Version(Strict, kw_only=True):
    version: Annotated[int, Meta(ge=1)]
    run: str
    session: str
    date: str
    terms: dict[str, Term] = field(default_factory=dict)
    changes: list[Change] = field(default_factory=list)


class Agreement(Strict, kw_only=True):
    format: Annotated[int, Meta(ge=1, le=FORMAT)] = FORMAT
    pair: str
    versions: list[Version] = field(default_factory=list)

    @property
    def current(self) -> Version | None:
        return self.versions[-1] if self.versions else None


Questions = Mapping[str, model.Question]  # the question that asks for each term, by term id


def term_questions(sessions: Iterable[model.Session]) -> dict[str, model.Question]:
    """The question that asks for each term, which gives the term its shape: the first
    session's that asks for it (a later session may carry a term it does not ask)."""
    found: dict[str, model.Question] = {}
    for session in sessions:
        for _, q in session.questions():
            if q.term:
                found.setdefault(q.term, q)
    return found


def upgrade(agreement: Agreement, questions: Questions) -> Agreement:
    """The agreement with every flattened term read back into its question's shape."""
    def fix(term: str, value: Term) -> Term:
        return shaped(questions.get(term), value)

    for v in agreement.versions:
        v.terms = {t: fix(t, value) for t, value in v.terms.items()}
        for c in v.changes:
            c.before, c.after = fix(c.term, c.before), fix(c.term, c.after)
    return agreement


def agreement_file(folder: Path, pair: str) -> Path:
    return folder / f"{pair}.toml"


def load_agreement(folder: Path, pair: str, questions: Questions | None = None) -> Agreement:
    """The pair's agreement; with `questions`, flattened terms of old files come back shaped."""
    path = agreement_file(folder, pair)
    if not path.exists():
        return Agreement(pair=pair)
    problems = Problems(display(path))
    agreement = convert(read_toml(path), Agreement, problems, "")
    if agreement is None:
        raise InvalidFile(*problems.errors)
    if agreement.pair != pair:  # an agreement is its file: another pair's must not count for this one
        raise InvalidFile(f"{display(path)}: pair: the agreement says it is pair `{agreement.pair}`'s,"
                          f" but its file is {path.name}")
    return upgrade(agreement, questions) if questions else agreement


def next_version(
    folder: Path, pair: str, run: str, session: str, date: str, terms: Mapping[str, Term], reasons: dict[str, str],
    questions: Questions | None = None,
) -> Version | None:
    """Save the next version if `terms` change anything; None when nothing changed.

    A run that saves again replaces the version it saved before, so finishing twice or
    editing after a save never stacks versions.
    """
    agreement = load_agreement(folder, pair, questions)
    replaced = bool(agreement.current and agreement.current.run == run)
    if replaced:
        agreement.versions.pop()
    before = agreement.current.terms if agreement.current else {}
    merged = {**before, **{k: v for k, v in terms.items() if not is_blank(v)}}
    changes = [
        Change(term=t, before=before.get(t, ""), after=merged[t], why=reasons.get(t, ""))
        for t in merged
        if merged[t] != before.get(t)
    ]
    version = None
    if changes or not agreement.current:
        version = Version(version=len(agreement.versions) + 1, run=run, session=session, date=date, terms=merged,
                          changes=changes)
        agreement.versions.append(version)
    if version or replaced:
        _save(folder, agreement)
    return version


def _save(folder: Path, agreement: Agreement) -> None:
    path = agreement_file(folder, agreement.pair)
    text = f"# The living agreement of pair {agreement.pair}: every version, newest last.\n"
    try:
        private_folder(folder)
        write_atomically(path, text + dumps({**msgspec.to_builtins(agreement), "format": FORMAT}), mode=0o600)
    except OSError as exc:
        raise UserError(f"{display(path)}: could not save ({exc.strerror or exc})") from None
