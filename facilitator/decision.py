"""How a continuation came out, as the room may see it: the choices side by side, a split, a flag.

The facilitator's continuation panel and the room view draw this one picture, so the two
screens never disagree on whether the pair split or who asked for a rematch. It is read
through the engine's gate for the room, so before the step's reveal there is no picture at
all, and a private question never enters it.
"""

from __future__ import annotations

import msgspec

from facilitator.i18n import _  # the banner is said in the language of the screen or paper it is on
from facilitator import model, presentation
from facilitator.engine import ROOM, PrivacyError, RunEngine


class Row(msgspec.Struct, frozen=True):
    """One question of the step, one cell per person of `Decision.people`."""

    code: str
    text: str
    cells: tuple[str, ...]  # "" where the question was not on that person's sheet
    split: bool  # a choice on which they differ
    flagged: tuple[bool, ...]  # a choice the session asks nobody to miss (a rematch, an early end)
    late: tuple[bool, ...]  # entered after the choices were shown


class Decision(msgspec.Struct, frozen=True):
    people: tuple[str, ...]  # names, in the run's order
    rows: tuple[Row, ...]
    banner: tuple[str, ...]  # the split and every flagged choice, in words for the room

    @property
    def any_late(self) -> bool:
        return any(any(row.late) for row in self.rows)


def decision(engine: RunEngine, step: model.ContinuationStep) -> Decision | None:
    """The step's choices once revealed; None while they are sealed."""
    if not engine.is_revealed(step.id):
        return None
    session, program = engine.session, engine.workspace.program()
    asked = set(engine.asked(step.id))
    people = [p for p in engine.record.participants if p.person in asked]
    visible = []
    for p in people:
        try:
            visible += engine.answers_of(p.person, ROOM, steps=[step.id])
        except PrivacyError:  # revealed, so not expected: then nothing of theirs is in the picture
            pass
    late = {(e.person, e.code) for e in visible if e.late}
    rows, split_lines, flag_lines = [], [], []
    for q in step.questions:
        if q.private:
            continue
        answers = presentation.answers_by_person(session, step, q, people, visible, program)
        split = presentation.split_choice(q, [a.value for a in answers if a.asked])
        flagged = tuple(isinstance(q, model.ChoiceQuestion) and a.value in step.flag for a in answers)
        rows.append(Row(q.code, q.text, tuple(presentation.shown(a.value, q) if a.asked else "" for a in answers),
                        split, flagged, tuple((a.person, q.code) in late for a in answers)))
        chose = [(a.name, a.value) for a in answers if a.asked and a.value is not None]
        if split:
            split_lines.append(_("Split decision: %(choices)s.") % {"choices": "; ".join(
                _("%(name)s chose “%(choice)s”") % {"name": name, "choice": value} for name, value in chose)})
        flag_lines += ["⚑ " + _("%(name)s chose “%(choice)s”.") % {"name": name, "choice": value}
                       for name, value in chose if value in step.flag and isinstance(q, model.ChoiceQuestion)]
    return Decision(tuple(program.name_of(p.person) for p in people), tuple(rows), tuple(split_lines + flag_lines))
