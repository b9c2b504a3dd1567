"""A reflection: each person writes alone; the room sees only who is done, never what."""

from __future__ import annotations

from typing import Any

from rich.text import Text

from facilitator.tui.steps.base import StepPanel


class Panel(StepPanel):
    def before_script(self) -> list[Any]:
        return [reflection_status(self)]  # who is done shows first: the room waits for it


def reflection_status(panel: StepPanel) -> Text:
    engine = panel.engine
    names = engine.workspace.program()
    text = Text()
    for p in engine.record.participants:
        done = engine.done(p.person, panel.step.id)
        text.append(f"{names.name_of(p.person)} ({p.role}): ", style="bold")
        text.append("✓ done" if done else "… writing", style="green" if done else "yellow")
        text.append("    ")
    return text
