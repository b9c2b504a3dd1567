"""The agreement: the terms this session agrees (changed ones stand out) and its actions.

A list or table term is edited as one (`TermEditor`: a field per cell); a text term in a prompt.
"""

from __future__ import annotations

from typing import Any

from rich.console import Group
from rich.text import Text
from textual.binding import Binding

from facilitator import model, presentation
from facilitator.agreements import Items, Table, Term, shaped
from facilitator.tui.modals import Choose, Prompt
from facilitator.tui.steps.base import StepPanel, term_block
from facilitator.tui.term_editor import Edited, TermEditor


class Panel(StepPanel):
    BINDINGS = [
        Binding("t", "term", "Term", show=False, tooltip="write or change an agreement term"),
        Binding("a", "add_action", "Add", show=False, tooltip="add an action: what, who, by when"),
    ]

    draws_itself = frozenset({"agreement"})  # the agreement as it stands, with this session's changes marked

    def after_script(self) -> list[Any]:
        engine = self.engine
        terms = engine.run_terms()
        current = engine.current_agreement()
        parts: list[Any] = [Text("Terms agreed in this session", style="bold underline")]
        if not terms:
            parts.append(Text("None yet: press t to write a term.", style="dim"))
        for term, value in terms.items():
            before = current.terms.get(term) if current else None
            changed = before is not None and before != value
            parts.append(term_block(presentation.term_label(term), value, "bold yellow" if changed else ""))
        actions = Text()
        if self.step.actions:
            actions.append("\nActions\n", style="bold underline")
            if not engine.record.actions:
                actions.append("None yet: press a to add one (what, who, by when).\n", style="dim")
            for i, a in enumerate(engine.record.actions, 1):
                actions.append(f"{i}. {a.what} — {a.who or '?'}{', by ' + a.due if a.due else ''} [{a.status}]\n")
        return [Group(*parts, actions)]

    def action_add_action(self) -> None:
        if not self.step.actions:
            self.notify("This agreement step takes no actions.")
            return

        def added(values: list[str] | None) -> None:
            if values:
                self.change(self.engine.add_action, *values)

        self.app.push_screen(Prompt("New action", [("What", ""), ("Who", ""), ("By when", "")]), added)

    def action_term(self) -> None:
        engine = self.engine
        agreed = engine.current_agreement()
        terms = sorted({q.term for _, q in engine.session.questions() if q.term} | set(agreed.terms if agreed else {}))
        if not terms:
            self.notify("This session writes no agreement terms.")
            return
        questions = engine.term_questions()

        def chosen(term: str | None) -> None:
            if not term:
                return
            question = questions.get(term)
            current: Term = engine.run_terms().get(term) or (agreed.terms.get(term, "") if agreed else "")
            title = f"Term: {presentation.term_label(term)}"
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
            self.app.push_screen(Prompt(title, [("Agreed wording", text), ("Why it changed (optional)", "")]),
                                 written)

        self.app.push_screen(Choose("Which term?", [(t, presentation.term_label(t)) for t in terms]), chosen)


def _blank(question: model.Question | None) -> Table | Items | None:
    """An empty term of the question's shape, when it is a table or a list."""
    if isinstance(question, model.TableQuestion):
        return Table(columns=list(question.columns))
    if isinstance(question, model.ListQuestion):
        return Items()
    return None
