"""The agreement: the terms this session agrees (changed ones stand out) and its actions.

A list or table term is edited as one (`TermEditor`: a field per cell); a text term in a prompt.
"""

from __future__ import annotations

from typing import Any

from rich.console import Group
from rich.text import Text
from textual.binding import Binding

from facilitator.i18n import N_, gettext
from facilitator import model, presentation
from facilitator.agreements import Items, Table, Term, shaped
from facilitator.tui.modals import Choose, Prompt
from facilitator.tui.steps.base import StepPanel, term_block
from facilitator.tui.term_editor import Edited, TermEditor
from facilitator.viewers import ROOM


class Panel(StepPanel):
    BINDINGS = [
        Binding("t", "term", N_("Term"), show=False, tooltip=N_("write or change an agreement term")),
        Binding("a", "add_action", N_("Add"), show=False, tooltip=N_("add an action: what, who, by when")),
    ]

    draws_itself = frozenset({"agreement"})  # the agreement as it stands, with this session's changes marked

    def term_names(self) -> list[str]:
        """The agreement terms this session may write: its questions' and the agreement's."""
        agreed = self.engine.current_agreement()
        return sorted({q.term for _, q in self.engine.session.questions() if q.term}
                      | set(agreed.terms if agreed else {}))

    def after_script(self) -> list[Any]:
        engine = self.engine
        if not self.term_names():  # a workshop's trios write answers, not the pair's agreement
            return [written_answers(engine, self.step)]
        terms = engine.run_terms()
        current = engine.current_agreement()
        parts: list[Any] = [Text(gettext("Terms agreed in this session"), style="bold underline")]
        if not terms:
            parts.append(Text(gettext("None yet: press t to write a term."), style="dim"))
        for term, value in terms.items():
            before = current.terms.get(term) if current else None
            changed = before is not None and before != value
            parts.append(term_block(presentation.term_label(term), value, "bold yellow" if changed else ""))
        actions = Text()
        if self.step.actions:
            actions.append("\n" + gettext("Actions") + "\n", style="bold underline")
            if not engine.record.actions:
                actions.append(gettext("None yet: press a to add one (what, who, by when).") + "\n", style="dim")
            for i, a in enumerate(engine.record.actions, 1):
                due = ", " + gettext("by %(date)s") % {"date": a.due} if a.due else ""
                actions.append(f"{i}. {a.what} — {a.who or '?'}{due} [{gettext(a.status)}]\n")
        return [Group(*parts, actions)]

    def action_add_action(self) -> None:
        if not self.step.actions:
            self.notify(gettext("This agreement step takes no actions."))
            return

        def added(values: list[str] | None) -> None:
            if values:
                self.change(self.engine.add_action, *values)

        self.app.push_screen(Prompt(gettext("New action"), [(gettext("What"), ""), (gettext("Who"), ""), (gettext("By when"), "")]), added)

    def action_term(self) -> None:
        engine = self.engine
        agreed = engine.current_agreement()
        terms = self.term_names()
        if not terms:
            self.notify(gettext("This session writes no agreement terms: press e to write each trio's terms.")
                        if engine.record.trios else
                        gettext("This session writes no agreement terms: press e to write the answers."))
            return
        questions = engine.term_questions()

        def chosen(term: str | None) -> None:
            if not term:
                return
            question = questions.get(term)
            current: Term = engine.run_terms().get(term) or (agreed.terms.get(term, "") if agreed else "")
            title = gettext("Term: %(term)s") % {"term": presentation.term_label(term)}
            shape = _blank(question)
            if shape is not None:
                value = shaped(question, current) if current else shape

                def edited(result: Edited | None) -> None:
                    if result is not None:
                        self.change(engine.set_term, term, *result)

                self.app.push_screen(TermEditor(title, value, question.help if question else ""), edited)
                return

            def written(values: list[str] | None) -> None:
                if values is not None:
                    self.change(engine.set_term, term, values[0], values[1])

            text = current if isinstance(current, str) else presentation.term_text(current)
            self.app.push_screen(Prompt(title, [(gettext("Agreed wording"), text), (gettext("Why it changed (optional)"), "")]),
                                 written)

        self.app.push_screen(Choose(gettext("Which term?"), [(t, presentation.term_label(t)) for t in terms]), chosen)


def written_answers(engine, step: model.Step) -> Group:
    """What each trio (or, without trios, each person) has written at this step, as soon as saved."""
    names = engine.workspace.program()
    questions = [q for q in getattr(step, "questions", []) if not q.private]
    groups = ([(gettext("Trio %(n)s") % {"n": n}, t.people) for n, t in enumerate(engine.record.trios, 1)]
              if engine.record.trios
              else [("", engine.asked(step.id))])
    parts: list[Any] = [Text(gettext("What each trio wrote") if engine.record.trios else gettext("What was written"),
                             style="bold underline")]
    for heading, people in groups:
        said = {e.code: (p, e.value) for p in people for e in engine.answers_of(p, ROOM, steps=[step.id])}
        if heading:
            parts.append(Text(heading, style="bold"))
        if not said:
            parts.append(Text(gettext("Nothing written yet: press e and choose who writes."), style="dim"))
        for q in questions:
            if q.code not in said:
                continue
            person, value = said[q.code]
            label = f"{q.text} ({names.name_of(person)})"
            if isinstance(q, model.TableQuestion) and isinstance(value, list):
                parts.append(term_block(label, Table(columns=list(q.columns), rows=[list(r) for r in value])))
            else:
                parts.append(term_block(label, presentation.answer_text(value)))
    return Group(*parts)


def _blank(question: model.Question | None) -> Table | Items | None:
    """An empty term of the question's shape, when it is a table or a list."""
    if isinstance(question, model.TableQuestion):
        return Table(columns=list(question.columns))
    if isinstance(question, model.ListQuestion):
        return Items()
    return None
