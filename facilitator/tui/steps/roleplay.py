"""A role-play round: the situation and each role's checklist, and the swap when it comes."""

from __future__ import annotations

from typing import Any

from rich.text import Text

from facilitator.tui.steps.base import StepPanel
from facilitator.tui.views import prose


class Panel(StepPanel):
    def before_script(self) -> list[Any]:
        step, session = self.step, self.engine.session
        out: list[Any] = []
        round_line = Text(f"Round {step.round}", style="bold")
        if step.swap:
            round_line.append("   ⇄ SWAP ROLES NOW: asker and counterpart change seats", style="bold reverse")
        out.append(round_line)
        if session.scenario:
            out.append(Text(session.scenario.title or "The situation", style="bold underline"))
            out.append(prose(session.scenario.situation))
        for role in session.roles:
            if role.checklist:
                out.append(Text(f"{role.name} checklist", style="bold underline"))
                out.append(Text("\n".join(f"☐ {item}" for item in role.checklist)))
        return out
