"""Presenter mode: with a room view attached, the facilitator's run screen is the presenter's.

Without one the run screen is the room's screen, so on a big window its clock is the room
view's large block clock (`BigClock`), readable from the back.

While a room view shows this run (facilitator.attach: its heartbeat beside the record), the
projector has its own screen, so this one may carry what the room must not read: the notes
open by themselves, and a line says so, with the time of day and what comes next. When the
room view goes (closed, or silent for a few seconds) the notes close again: this screen may
be the one on the projector once more, and single-screen behaviour (notes only when asked
for) is back.
"""

from __future__ import annotations

import time

from rich.text import Text
from textual.widgets import Static

from facilitator import presentation
from facilitator.i18n import gettext
from facilitator.attach import attached
from facilitator.engine import RunEngine
from facilitator.tui import views
from facilitator.tui.room import STATES, big_digits, clock_scale

LOOK_SECONDS = 1.0  # how often the heartbeat is looked for; the line itself follows every step change


class Presenter(Static):
    DEFAULT_CSS = """
    Presenter { height: 1; background: $success 25%; color: $text; text-style: bold; }
    """

    def __init__(self, engine: RunEngine) -> None:
        super().__init__(id="presenter")
        self.engine = engine
        self.attached = False
        self._looked = float("-inf")
        self._drawn: tuple = ()

    def on_mount(self) -> None:
        self.display = False
        self.tick()
        self.set_interval(0.2, self.tick)

    def tick(self) -> None:
        if time.monotonic() - self._looked >= LOOK_SECONDS:
            self._looked = time.monotonic()
            now = attached(self.engine.workspace.record_file(self.engine.record.id))
            if now != self.attached:
                self.attached = now
                self._switch(now)
        if self.attached:
            self.draw()

    def _switch(self, on: bool) -> None:
        self.display = on
        notes = self.screen.query_one("#notes-panel")
        if notes.display != on:
            self.screen.action_toggle_notes()
        if not on:
            self.notify(gettext("Room view closed: your notes are hidden, this screen may be the room's again."), timeout=6)

    def draw(self) -> None:
        engine = self.engine
        steps, index = engine.session.steps, engine.step_index
        following = steps[index + 1] if index + 1 < len(steps) else None
        clock = time.strftime("%H:%M", time.localtime(engine.clock()))
        state = (clock, index, engine.record.is_finished, self.size.width)
        if state == self._drawn:
            return
        self._drawn = state
        line = Text(no_wrap=True, overflow="ellipsis")
        line.append(" ▣ " + gettext("room view: attached"), style="bold")
        line.append(f" · {clock}")
        if engine.record.is_finished:
            line.append(" · " + gettext("finished"))
        elif following is not None:
            line.append(" · " + gettext("next:") + " ")
            line.append(following.title, style="bold")
            line.append(f" ({presentation.minutes_short(following.minutes)})")
        else:
            line.append(" · " + gettext("last step: F finishes the run"))
        hint = "   · " + gettext("your notes show here only (f hides them)")
        if line.cell_len + len(hint) <= self.size.width:
            line.append(hint, style="not bold")
        self.update(line)


class BigClock(Static):
    """The step clock in the room view's block font, on a window big enough, while no room view is attached."""

    DEFAULT_CSS = """
    BigClock { width: auto; }
    BigClock.-normal { color: $success; }
    BigClock.-warning { color: #ffd700; text-style: bold; }
    BigClock.-alert { color: #ff8c00; text-style: bold; }
    BigClock.-overrun { color: #ff4dff; background: #000000; text-style: bold; }
    """

    def __init__(self, engine: RunEngine, presenter: Presenter) -> None:
        super().__init__(id="big-clock")
        self.engine = engine
        self.presenter = presenter
        self._drawn: tuple = ()

    def on_mount(self) -> None:
        self.tick()
        self.set_interval(0.25, self.tick)  # the screen's own clock ticks each second; this follows it

    def tick(self) -> None:
        app = self.app
        scale = 0 if self.presenter.attached else clock_scale(app.size.width, app.size.height)
        text = views.clock(self.engine.remaining())
        state = views.timer_state(self.engine)
        if (text, state, scale) == self._drawn:
            return
        self._drawn = (text, state, scale)
        self.display = scale > 0
        self.screen.query_one("#clock").display = scale == 0
        if scale:
            self.update(big_digits(text, scale))
            for name in STATES:
                self.set_class(state == name, f"-{name}")
