"""A round: each mentor here in turn (or each timed part of a consult), each turn with its own clock.

Whose turn it is lives in the record (the engine's `floor`), so the room view shows the
same speaker, and a reopened run carries on where it stopped. The turn's clock is the
step's: space starts and pauses both (facilitator/rounds.py).
"""

from __future__ import annotations

from typing import Any

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual import events
from textual.binding import Binding

from facilitator.i18n import N_, gettext
from facilitator import commitments, presentation, rounds
from facilitator.tui.modals import Choose, Prompt
from facilitator.tui.steps.base import StepPanel
from facilitator.tui.views import clock


class Panel(StepPanel):
    BINDINGS = [
        Binding("s", "next_speaker", N_("Next speaker"),
                tooltip=N_("the next speaker takes the floor (their clock runs with the step's: space pauses)")),
        Binding("s", "next_part", N_("Next part"),
                tooltip=N_("on to the next part of the consult (its clock runs with the step's: space pauses)")),
        Binding("S", "give_floor", N_("Floor"), show=False,
                tooltip=N_("give the floor to someone (a late arrival, a turn again, a part again)")),
        Binding("c", "write_commitment", N_("Commitment"),
                tooltip=N_("write the speaker's commitment for next month")),
    ]

    def reset(self) -> None:
        if self.is_mounted:
            self.refresh_bindings()  # one panel serves every round: which of its keys apply changes with the step

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.index is None or action not in ("next_speaker", "next_part", "write_commitment"):
            return True
        if action == "write_commitment":
            return commitments.asked_in(self.step) is not None
        return (action == "next_part") == bool(self.step.parts)

    # ---------------------------------------------------------------- drawing

    def clock_note(self) -> str:
        floor = self.engine.floor(self.index)
        if floor.over:
            return (gettext("all parts done") if floor.by_parts else gettext("round done")) + "\n" + gettext("n: next step")
        left = floor.remaining
        # the part's title is on the stage; under the clock, it is too long to read at a glance
        who = gettext("part %(n)s of %(total)s") % {"n": floor.current + 1, "total": len(floor.turns)} if floor.by_parts \
            else self._person(floor.turn.key)
        time = clock(abs(left)) + (" " + gettext("over") if left < 0 else ("" if not floor.running else " " + gettext("left")))
        return f"{who}\n" + (time if floor.running else gettext("paused · %(time)s") % {"time": time})

    def before_script(self) -> list[Any]:
        # above the script: it is read once, while whose turn it is matters all through the round
        floor = self.engine.floor(self.index)
        return [self._parts(floor) if floor.by_parts else self._speakers(floor)]

    def _speakers(self, floor: rounds.Floor) -> Group:
        engine = self.engine
        asks = commitments.asked_in(self.step)
        written = {c.person: c.text for c in engine.new_commitments()} if asks else {}
        minutes = self.step.speaker_minutes
        head = Text(gettext("Each speaker: %(minutes)s, in seating order") % {"minutes": presentation.minutes_text(minutes)},
                    style="bold")
        absent = [p.person for p in engine.record.participants if p.person not in engine.present()]
        if absent:
            head.append("\n" + gettext("Not here today: %(names)s") % {"names": ", ".join(map(self._person, absent))},
                        style="italic")
        elif not engine.record.attendance:
            head.append("\n" + gettext("Attendance not taken: everyone is in the round (m marks who is here)"), style="italic")
        rows = _grid()
        for i, turn in enumerate(floor.turns):
            name = self._person(turn.key)
            if i == floor.current:
                rows.add_row("▶", Text(f"{name}  ← " + gettext("speaking now"), style="bold reverse"))
            else:
                rows.add_row("✓" if floor.spoken(i) else "", name)
            if asks:
                said = written.get(turn.key)
                rows.add_row("", Text(gettext("“%(commitment)s”") % {"commitment": said}, style="italic") if said else Text(gettext("no commitment yet"), style="dim"))
        parts: list[Any] = [head, rows]
        if floor.over:
            parts.append(Text(gettext("Everyone has spoken."), style="bold"))
        if asks:
            said = gettext("Press c to write %(name)s's commitment; it shows here at once.") \
                % {"name": self._person(floor.turn.key)} if floor.turn \
                else gettext("Press c to write a mentor's commitment; it shows here at once.")
            parts.append(Text(said, style="bold"))
        return Group(*parts)

    def _parts(self, floor: rounds.Floor) -> Group:
        rows = _grid(minutes=True)
        for i, turn in enumerate(floor.turns):
            minutes = rounds.minutes_label(turn.part.minutes)
            if i == floor.current:
                rows.add_row("▶", minutes, Text(f"{turn.part.title}  ← " + gettext("now"), style="bold reverse"))
                if turn.part.say:
                    rows.add_row("", "", Text(self.step.parts[i].say, style="bold"))  # quoted, as the step is
            else:
                style = "dim" if floor.spoken(i) else ""
                rows.add_row("✓" if floor.spoken(i) else "", Text(minutes, style=style), Text(turn.part.title, style=style))
        parts: list[Any] = [Text(gettext("Part by part, each with its own clock"), style="bold"), rows]
        if floor.over:
            parts.append(Text(gettext("Every part is done."), style="bold"))
        return Group(*parts)

    def _person(self, person: str) -> str:
        return self.engine.workspace.program().name_of(person)

    # ---------------------------------------------------------------- keys

    def action_next_speaker(self) -> None:
        self._move_on(gettext("Everyone has spoken. Press n for the next step."))

    def action_next_part(self) -> None:
        self._move_on(gettext("That was the last part. Press n for the next step."))

    def _move_on(self, after_the_last: str) -> None:
        if self.engine.floor().over:
            self.notify(after_the_last)
            return
        self.change(self.engine.next_speaker)

    def action_give_floor(self) -> None:
        floor = self.engine.floor()
        if not floor.turns:
            self.notify(gettext("Nobody is marked here: press m to mark who is here."))
            return
        choices = [(t.key, (t.part.title if t.part else self._person(t.key)) + ("  ← " + gettext("now") if i == floor.current else ""))
                   for i, t in enumerate(floor.turns)]
        self.app.push_screen(Choose(gettext("Give the floor to"), choices),
                             lambda key: key and self.change(self.engine.set_speaker, key))

    def action_write_commitment(self) -> None:
        engine = self.engine
        floor = engine.floor()
        if floor.turn is not None:
            self._write(floor.turn.key)
            return
        written = {c.person: c.text for c in engine.new_commitments()}
        choices = [(p, f"{self._person(p)}: " + (written[p] if p in written else gettext("no commitment yet")))
                   for p in engine.present()]
        self.app.push_screen(Choose(gettext("Whose commitment?"), choices), lambda p: p and self._write(p))

    def _write(self, person: str) -> None:
        engine = self.engine
        question = commitments.asked_in(self.step)
        current = next((c.text for c in engine.new_commitments() if c.person == person), "")

        def written(values: list[str] | None) -> None:
            if values is not None:
                self.change(engine.write_commitment, person, values[0])

        self.app.push_screen(Prompt(gettext("%(name)s's commitment for next month") % {"name": self._person(person)},
                                    [(question.text, current)], note=question.help), written)

    def on_key(self, event: events.Key) -> None:
        # the agreement's keys, pressed where commitments are written: point to the one that works
        if event.key in ("t", "a") and self.index is not None and commitments.asked_in(self.step):
            self.notify(gettext("Here each mentor makes one commitment: press c to write the speaker's."))
            event.stop()


def _grid(minutes: bool = False) -> Table:
    """A mark column (▶ now, ✓ done), the minutes if a part has its own, then the text, which wraps in its column."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(width=1)
    if minutes:
        grid.add_column(justify="right", min_width=4)
    grid.add_column(ratio=1)
    return grid
