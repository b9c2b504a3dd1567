"""A round-robin: one speaker at a time, each with their own small clock."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.binding import Binding

from facilitator.tui.steps.base import StepPanel
from facilitator.tui.views import clock


class Panel(StepPanel):
    BINDINGS = [Binding("s", "next_speaker", "Speaker", show=False, tooltip="next speaker")]

    def reset(self) -> None:
        self.speaker = 0
        self.speaker_since = self.engine.clock()

    def action_next_speaker(self) -> None:
        self.speaker += 1
        self.speaker_since = self.engine.clock()
        self.run_screen.refresh_all()

    def clock_note(self) -> str:
        left = self.step.speaker_minutes * 60 - (self.engine.clock() - self.speaker_since)
        return f"speaker {clock(left)}{' over' if left < 0 else ' left'} · s next speaker"

    def after_script(self) -> list[Any]:
        engine = self.engine
        names = engine.workspace.program()
        present = engine.record.attendance or [p.person for p in engine.record.participants]
        text = Text()
        text.append(f"Each speaker: {self.step.speaker_minutes} minutes\n", style="bold")
        for i, person in enumerate(present):
            if i == self.speaker % max(len(present), 1):
                text.append(f"▶ {names.name_of(person)}  ← speaking now\n", style="bold reverse")
            else:
                text.append(f"  {names.name_of(person)}{'  ✓' if i < self.speaker else ''}\n")
        return [text]
