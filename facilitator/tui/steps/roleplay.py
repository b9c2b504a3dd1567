"""A role-play round: who plays what in each trio, the observer checklist to tick, the situation.

Each round everyone moves on one role (facilitator/trios.py); the panel says who is the
asker, counterpart and observer of every trio, and keeps the ticks of one trio at a time:
left/right choose the trio, up/down the item, x ticks it. Answers (`e`) are the observers'.
"""

from __future__ import annotations

from typing import Any, ClassVar

from rich.table import Table
from rich.text import Text
from textual.binding import Binding, BindingType

from facilitator.i18n import N_, gettext
from facilitator import trios
from facilitator.tui.steps.base import StepPanel
from facilitator.tui.views import prose


def cast_table(engine, round_no: int, selected: int | None = None, ticks: bool = False) -> Table:
    """One row per trio: who plays each role in `round_no` (the selected trio marked)."""
    session = engine.session
    names = engine.workspace.program()
    table = Table(box=None, pad_edge=False, header_style="bold underline", expand=True)
    table.add_column("", no_wrap=True, width=1)
    table.add_column(gettext("Trio"), no_wrap=True)
    for role in session.roles:
        table.add_column(Text(role.name), ratio=2)
    if ticks:
        table.add_column(gettext("Ticked"), no_wrap=True)
    items = len(engine.checklist())
    for number, trio in enumerate(engine.record.trios, 1):
        cast = trios.cast(session, trio.people, round_no)
        # names as typed, never read as markup
        cells = [Text(", ".join(names.name_of(p) for p in cast[r.id]) or "—") for r in session.roles]
        here = number == selected
        row = ["▶" if here else "", str(number), *cells]
        if ticks:
            row.append(f"{len(engine.ticked(number, round_no))}/{items}")
        table.add_row(*row, style="bold reverse" if here else "")
    return table


def gaps_text(engine, played: bool) -> Text | None:
    """Per trio, who does not get a role in these rounds (from the actual cast); after the last
    round (`played`) a trio with none is told everyone has played every part."""
    names = engine.workspace.program()
    text = Text()
    for number, trio in enumerate(engine.record.trios, 1):
        lines = trios.missed_words(engine.session, trio.people, names.name_of, played=played)
        for line in lines:
            text.append(gettext("Trio %(n)s") % {"n": number} + ": ", style="bold")
            text.append(line + "\n", style="bold yellow")
        if played and not lines and len(trio.people) >= len(engine.session.roles):
            text.append(gettext("Trio %(n)s") % {"n": number} + ": ", style="bold")
            text.append(gettext("each of you has played all %(n)s parts.") % {"n": len(engine.session.roles)} + "\n")
    text.rstrip()
    return text if text.plain else None


def swap_banner(engine) -> Text:
    moves = " · ".join(f"{engine.session.role(a).name} → {engine.session.role(b).name}"
                       for a, b in trios.moves(engine.session))
    if any(len(t.people) > trios.rotating(engine.session, t.people) for t in engine.record.trios):
        moves += " · " + gettext("a fourth in a group stays %(role)s") % {
            "role": engine.session.role(trios.playing_roles(engine.session)[1]).name}
    return Text("  ⇄  " + gettext("SWAP ROLES NOW") + f"  ·  {moves}  ", style="bold reverse")


class Panel(StepPanel):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left", "trio(-1)", N_("Trio"), show=False, tooltip=N_("role-play: the trio before")),
        Binding("right", "trio(1)", N_("Trio"), show=False, tooltip=N_("role-play: the next trio")),
        Binding("up", "item(-1)", show=False, tooltip=N_("role-play: the checklist item above")),
        Binding("down", "item(1)", show=False, tooltip=N_("role-play: the checklist item below")),
        Binding("x,enter", "tick", N_("Tick"), key_display="x",
                tooltip=N_("role-play: tick or untick the item for the chosen trio's observer, this round")),
        Binding("e", "observer_answers", N_("Answers"), tooltip=N_("role-play: enter an observer's notes for this round")),
    ]

    def reset(self) -> None:
        self.trio = 1
        self.item = 0

    @property
    def round(self) -> int:
        return self.step.round

    def clock_note(self) -> str | None:
        total = len(trios.rounds(self.engine.session))
        return gettext("round %(n)s of %(total)s") % {"n": self.round, "total": total} \
            + " · " + (gettext("running") if self.engine.running() else gettext("space to start"))

    def before_script(self) -> list[Any]:
        engine, step = self.engine, self.step
        out: list[Any] = [Text(gettext("Round %(n)s of %(total)s") % {"n": step.round, "total": len(trios.rounds(engine.session))},
                               style="bold")]
        if step.swap:
            out.append(swap_banner(engine))
        if not engine.record.trios:
            out.append(Text(gettext("Nobody is in a trio: mark who is here at the step that forms the trios."),
                            style="bold yellow"))
            return out
        out.append(cast_table(engine, step.round, self.trio, ticks=True))
        if step.round == trios.rounds(engine.session)[-1]:
            gaps = gaps_text(engine, played=True)
            if gaps is not None:
                out.append(gaps)
        return out

    def after_script(self) -> list[Any]:
        engine, session = self.engine, self.engine.session
        out: list[Any] = []
        items = engine.checklist()
        if engine.record.trios and items:
            cast = engine.cast(self.trio)
            _, watching = trios.playing_roles(session)
            names = engine.workspace.program()
            observers = ", ".join(names.name_of(p) for p in cast[watching]) or gettext("nobody")
            ticked = set(engine.ticked(self.trio, self.round))
            text = Text()
            text.append(gettext("Trio %(n)s · %(role)s: %(observers)s · round %(round)s") % {
                "n": self.trio, "role": session.role(watching).name, "observers": observers, "round": self.round} + "\n",
                        style="bold underline")
            for i, item in enumerate(items):
                here = i == self.item
                text.append(f"{'▶' if here else ' '} {'☑' if item in ticked else '☐'} {i + 1}. {item}\n",
                            style="bold reverse" if here else ("bold" if item in ticked else ""))
            text.append(gettext("←/→ trio · ↑/↓ item · x tick · e observer's notes"), style="dim")
            out.append(text)
        if session.scenario:
            out.append(Text(session.scenario.title or gettext("The situation"), style="bold underline"))
            out.append(prose(session.scenario.situation))
        return out

    # ---------------------------------------------------------------- actions

    def action_trio(self, step: int) -> None:
        count = len(self.engine.record.trios)
        if count:
            self.trio = (self.trio - 1 + step) % count + 1
            self.item = 0
            self.redraw()

    def action_item(self, step: int) -> None:
        count = len(self.engine.checklist())
        if count:
            self.item = (self.item + step) % count
            self.redraw()

    def action_tick(self) -> None:
        items = self.engine.checklist()
        if not items or not self.engine.record.trios:
            self.notify(gettext("There is nothing to tick: no trios or no observer checklist in this session."))
            return
        self.change(self.engine.toggle_tick, self.trio, items[self.item], self.round)

    def action_observer_answers(self) -> None:
        from facilitator.tui.modals import AnswerSheet, Choose

        engine = self.engine
        if not getattr(self.step, "questions", None):
            self.notify(gettext("This round asks nothing: the observers give their feedback out loud."))
            return
        asked = engine.asked(self.step.id)
        if not asked:
            self.notify(gettext("Nobody is asked anything this round."))
            return
        names = engine.workspace.program()
        choices = [(p, f"{names.name_of(p)} ({engine.session.role(engine.played_role(p)).name}, "
                       + gettext("trio %(n)s") % {"n": engine.trio_of(p)} + ")" + ("  ✓ " + gettext("done") if engine.done(p) else ""))
                   for p in asked]

        def chosen(person: str | None) -> None:
            if person:
                self.app.push_screen(AnswerSheet(engine, person, late=engine.sealing(self.step.id) is not None),
                                     lambda saved: self.run_screen.refresh_all())

        self.app.push_screen(Choose(gettext("Whose notes? Only that person's answers will be on screen."), choices), chosen)
