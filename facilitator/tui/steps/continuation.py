"""How the pair wants to go on: each chooses alone, then both choices show together.

The engine seals the step like a reflection: until everyone asked has chosen, the screen
says who has, never what. The moment the last choice is in, the step reveals itself here:
both choices side by side, a split decision marked, the patterns the choices suggest
(a rematch, an early end, a disagreement), and a banner no one can miss for a choice the
session flags. Everything shown comes through the gate as the room sees it.
"""

from __future__ import annotations

from typing import Any

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from facilitator.i18n import N_, gettext, ngettext
from facilitator import model
from facilitator.decision import decision
from facilitator.engine import RunEngine
from facilitator.tui.modals import Confirm
from facilitator.tui.steps import reveal
from facilitator.tui.views import named


class Panel(reveal.Panel):
    DEFAULT_CSS = """
    #choice-banner { background: $error; color: $text; text-style: bold; padding: 0 1; margin: 0 0 1 0; }
    """

    BINDINGS = [
        Binding("r", "reveal", N_("Show"), show=False,
                tooltip=N_("show the choices now, without whoever has not chosen (asks first)")),
    ]

    def compose(self) -> ComposeResult:
        # once chosen, the decision comes first and the script (said before choosing) after it
        yield Static(id="choice-banner")
        yield Static(id="choice-status")
        yield Static(id="reveal")
        yield from self.pattern_widgets()
        yield Static(id="step-body")
        yield Static(id="reveal-shown")

    patterns_heading = N_("What the choices suggest")

    def before_script(self) -> list[Any]:
        return []

    def side_by_side(self, width: int = 100) -> Group:
        """Each question with one column per person, wrapped rather than cut: a choice is
        read in full. A split is marked, and a flagged choice stands out."""
        shown = decision(self.engine, self.step)
        if shown is None:
            return Group()
        parts: list[Any] = []
        for row in shown.rows:
            heading = Text(f"{row.code}  {row.text}", style="bold")
            if row.split:
                heading.append("  " + gettext("split decision"), style="bold reverse")
            table = Table(box=None, pad_edge=False, expand=True, header_style="bold underline")
            columns = [i for i, cell in enumerate(row.cells) if cell]  # whoever the question was asked of
            for i in columns:
                table.add_column(shown.people[i], ratio=1, overflow="fold")
            table.add_row(*(Text(row.cells[i] + (f" {reveal.LATE}" if row.late[i] else ""),
                                 style="bold reverse" if row.flagged[i] else "bold yellow" if row.split else "")
                            for i in columns))
            parts += [heading, table, Text("")]
        if shown.any_late:
            parts.append(Text(f"{reveal.LATE} " + gettext("entered after the choices were shown"), style="italic"))
        return Group(*parts)

    def draw(self) -> None:
        super().draw()
        banner = self.query_one("#choice-banner", Static)
        lines = banner_lines(self.engine, self.step) if self.revealed() else []
        banner.display = bool(lines)
        banner.update(Text("\n").join(lines))
        self.query_one("#choice-status", Static).update(Text("\n").join(self.seal_status()))

    def revealed(self) -> bool:
        return self.engine.is_revealed(self.step.id)

    def sources(self) -> list[str]:
        return [self.step.id] if self.revealed() else []

    def relevant(self, findings: list[Any]) -> list[Any]:
        """The patterns the choices on this step take part in (a rematch, an early end, a split)."""
        codes = {q.code for q in self.step.questions}
        return [f for f in findings if any(e.code in codes for e in f.evidence)]

    def seal_status(self) -> list[Text]:
        engine, step = self.engine, self.step
        if self.revealed():
            sealing = engine.sealing(step.id)
            shown = gettext("Both choices shown together at %(time)s; a change now is marked “entered after the reveal”.") \
                % {"time": sealing.at[11:16]} if sealing and sealing.at \
                else gettext("Both choices shown together; a change now is marked “entered after the reveal”.")
            return [Text(shown, style="dim"), *self.closed_lines([step.id], chose=True)]
        names = engine.workspace.program()
        lines = []
        for person in engine.asked(step.id):
            chosen = engine.done(person, step.id)
            line = Text(f"{names.name_of(person)} ({engine.session.role(engine.participant(person).role).name}): ",
                        style="bold")
            line.append("✓ " + gettext("has chosen") if chosen else "… " + gettext("choosing"), style="green" if chosen else "yellow")
            lines.append(line)
        lines.append(Text(gettext("Nobody sees a choice until everyone has chosen; then both show here together."
                                  " Enter each sheet with e."), style="bold"))
        return lines

    def action_reveal(self) -> None:
        if self.revealed():
            self.notify(gettext("The choices are already shown."))
            return
        still = self.engine.still_writing(self.step.id)

        def answered(yes: bool | None) -> None:
            if yes:
                self.change(lambda: self.engine.reveal(close_missing=True))

        question = ngettext("%(names)s has not chosen. Show the choices made so far?",
                            "%(names)s have not chosen. Show the choices made so far?", len(still))
        self.app.push_screen(Confirm(question % {"names": named(self.engine, still)},
                                     yes=gettext("show them now; a choice made later is marked late"),
                                     no=gettext("not yet: they stay hidden")), answered)


def banner_lines(engine: RunEngine, step: model.ContinuationStep) -> list[Text]:
    """A split decision and every flagged choice (a rematch, an early end), in words for the room."""
    shown = decision(engine, step)
    return [Text(line) for line in shown.banner] if shown else []


def finish_warning(engine: RunEngine) -> str:
    """What finishing would leave unseen: a continuation still sealed, or choices that came in
    while the run was on another step (named, flagged ones first, for the facilitator to act on)."""
    lines = []
    for step, waiting in engine.unseen_choices():
        if waiting:
            lines.append(ngettext("“%(step)s” is still sealed: %(names)s has not chosen.",
                                  "“%(step)s” is still sealed: %(names)s have not chosen.", len(waiting))
                         % {"step": step.title, "names": named(engine, waiting)})
        else:
            said = "; ".join(line.plain for line in banner_lines(engine, step))
            late = gettext("The choices on “%(step)s” came in after you left that step and have not been on screen: "
                           "%(choices)s. Go back to it (g) before you finish.") if said else \
                gettext("The choices on “%(step)s” came in after you left that step and have not been on screen."
                        " Go back to it (g) before you finish.")
            lines.append(late % {"step": step.title, "choices": said})
    return "\n".join(lines)
