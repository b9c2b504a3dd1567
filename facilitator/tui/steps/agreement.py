"""The agreement: the terms this session agrees (changed ones stand out) and its actions."""

from __future__ import annotations

from typing import Any

from rich.console import Group
from rich.text import Text
from textual.binding import Binding

from facilitator import presentation
from facilitator.tui.modals import Choose, Prompt
from facilitator.tui.steps.base import StepPanel


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
        text = Text()
        text.append("Terms agreed in this session\n", style="bold underline")
        if not terms:
            text.append("None yet: press t to write a term.\n", style="dim")
        for term, value in terms.items():
            before = current.terms.get(term) if current else None
            changed = before is not None and before != value
            text.append(f"{presentation.term_label(term)}: ", style="bold")
            text.append(f"{value}\n", style="bold yellow" if changed else "")
        actions = Text()
        if self.step.actions:
            actions.append("Actions\n", style="bold underline")
            if not engine.record.actions:
                actions.append("None yet: press a to add one (what, who, by when).\n", style="dim")
            for i, a in enumerate(engine.record.actions, 1):
                actions.append(f"{i}. {a.what} — {a.who or '?'}{', by ' + a.due if a.due else ''} [{a.status}]\n")
        return [Group(text, actions)]

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

        def chosen(term: str | None) -> None:
            if not term:
                return
            current = engine.run_terms().get(term) or (agreed.terms.get(term, "") if agreed else "")

            def written(values: list[str] | None) -> None:
                if values is not None:
                    self.change(engine.set_term, term, values[0], values[1])

            self.app.push_screen(Prompt(f"Term: {presentation.term_label(term)}",
                                        [("Agreed wording", current), ("Why it changed (optional)", "")]), written)

        self.app.push_screen(Choose("Which term?", [(t, presentation.term_label(t)) for t in terms]), chosen)
