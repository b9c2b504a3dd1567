"""Forming the role-play trios: who is in which trio and plays what in round 1.

The run dealt them when it started; here, before round 1, the facilitator shuffles again
(s), swaps two people (x: trio and seat change hands) or marks someone away (a), which
deals the trios again for whoever is here.
"""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType

from facilitator.i18n import N_, gettext, ngettext
from facilitator import trios
from facilitator.tui.steps.base import StepPanel
from facilitator.tui.steps.roleplay import cast_table, gaps_text


class Panel(StepPanel):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "person(-1)", show=False, tooltip=N_("trios: the person above")),
        Binding("down", "person(1)", show=False, tooltip=N_("trios: the person below")),
        Binding("s", "shuffle", N_("Shuffle"), tooltip=N_("trios: shuffle everyone present into new trios")),
        Binding("x,enter", "swap", N_("Swap"), key_display="x",
                tooltip=N_("trios: swap the chosen person with someone else (trio and role)")),
        Binding("a", "away", N_("Away"), tooltip=N_("trios: mark the chosen person away or back (trios dealt again)")),
    ]

    def reset(self) -> None:
        self.cursor = 0

    def people(self) -> list[str]:
        """Everyone in the run, the trios' seats first, then whoever is away."""
        seated = [p for t in self.engine.record.trios for p in t.people]
        everyone = list(dict.fromkeys(p.person for p in self.engine.record.participants))
        return seated + [p for p in everyone if p not in seated]

    def chosen(self) -> str:
        people = self.people()
        return people[min(self.cursor, len(people) - 1)]

    def before_script(self) -> list[Any]:
        engine = self.engine
        first = trios.rounds(engine.session)[:1] or [1]
        out: list[Any] = []
        count = len(engine.record.trios)
        bigger = [i for i, t in enumerate(engine.record.trios, 1) if len(t.people) > 3]
        line = ngettext("%(people)d people in %(num)d trio", "%(people)d people in %(num)d trios", count) % {
            "people": len(engine.present()), "num": count}
        if bigger:
            line += " · " + gettext("trio %(n)s: two observers each round") % {"n": ", ".join(map(str, bigger))}
        out.append(Text(line, style="bold"))
        out.append(cast_table(engine, first[0]))
        gaps = gaps_text(engine, played=False)
        if gaps is not None:
            out.append(gaps)
        chosen = Text(gettext("Chosen:") + " ", style="bold")
        chosen.append(f" ▶ {self.where(self.chosen())} ", style="bold reverse")
        chosen.append("  " + gettext("↑/↓ choose · s shuffle · x swap with… · a away/back"), style="dim")
        out.append(chosen)
        return out

    def where(self, person: str) -> str:
        engine = self.engine
        number = engine.trio_of(person)
        name = engine.workspace.program().name_of(person)
        if number is None:
            return f"{name} · " + gettext("away")
        return f"{name} · " + gettext("trio %(n)s") % {"n": number} + f", {engine.session.role(engine.played_role(person)).name}"

    def after_script(self) -> list[Any]:
        engine = self.engine
        chosen = self.chosen()
        text = Text()
        text.append(gettext("Who is where (round 1)") + "\n", style="bold underline")
        for person in self.people():
            here = person == chosen
            text.append(f"{'▶' if here else ' '} {self.where(person)}\n",
                        style="bold reverse" if here else ("dim" if engine.trio_of(person) is None else ""))
        text.append(gettext("p prints the trio sheet for every table"), style="dim")
        return [text]

    # ---------------------------------------------------------------- actions

    def action_person(self, step: int) -> None:
        self.cursor = (self.cursor + step) % len(self.people())
        self.redraw()

    def action_shuffle(self) -> None:
        if self.change(self.engine.deal_trios):
            self.notify(ngettext("Shuffled: %(num)d trio, new seats for everyone.", "Shuffled: %(num)d trios, new seats for everyone.",
                                 len(self.engine.record.trios)) % {"num": len(self.engine.record.trios)})

    def action_away(self) -> None:
        person = self.chosen()
        away = self.engine.trio_of(person) is None
        if self.change(self.engine.set_present, person, away):
            self.cursor = self.people().index(person)
            self.redraw()

    def action_swap(self) -> None:
        from facilitator.tui.modals import Choose

        engine = self.engine
        person = self.chosen()
        if engine.trio_of(person) is None:
            self.notify(gettext("Mark them back first (a): someone away has no seat to swap."))
            return
        names = engine.workspace.program()
        others = [(p, f"{names.name_of(p)} (" + gettext("trio %(n)s") % {"n": engine.trio_of(p)}
                      + f", {engine.session.role(engine.played_role(p)).name})")
                  for p in self.people() if p != person and engine.trio_of(p) is not None]

        def picked(other: str | None) -> None:
            if other and self.change(engine.swap_seats, person, other):
                self.cursor = self.people().index(person)
                self.redraw()

        self.app.push_screen(Choose(gettext("Swap %(name)s with…") % {"name": names.name_of(person)}, others), picked)
