"""A reflection: each person writes alone; the room sees only who is done, never what."""

from __future__ import annotations

from typing import Any

from rich.text import Text

from facilitator.i18n import gettext
from facilitator.tui.steps.base import StepPanel


class Panel(StepPanel):
    def before_script(self) -> list[Any]:
        return [reflection_status(self)]  # who is done shows first: the room waits for it


def reflection_status(panel: StepPanel) -> Text:
    engine = panel.engine
    names = engine.workspace.program()
    sealing = engine.sealing(panel.step.id)
    text = Text()
    asked = set(engine.asked(panel.step.id))  # a guest not in the room, or a role not asked here, writes nothing
    for p in engine.record.participants:
        if asked and p.person not in asked:
            continue
        done = engine.done(p.person, panel.step.id)
        text.append(f"{names.name_of(p.person)} ({engine.session.role(p.role).name}): ", style="bold")
        if done:
            text.append("✓ " + gettext("done"), style="green")
        elif sealing:
            text.append(gettext("closed at the reveal"), style="dim")
        else:
            text.append("… " + gettext("writing"), style="yellow")
        text.append("    ")
    if sealing:
        text.append("\n" + (gettext("Revealed at %(time)s") % {"time": sealing.at[11:16]} if sealing.at else gettext("Revealed"))
                    + ": " + gettext("answers entered now are marked “entered after the reveal”."), style="dim")
    return text
