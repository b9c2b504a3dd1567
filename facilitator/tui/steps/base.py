"""The plain step panel: the step's script, prompts and phases, and the blocks a step shows.

A step type with nothing of its own on screen (talk, discussion, closing) is drawn by this
panel; a type that has more subclasses it in `steps/<type>.py`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from rich import box
from rich.console import Group
from rich.table import Table as RichTable
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Static

from facilitator.i18n import N_, gettext
from facilitator import model, presentation
from facilitator.agreements import Table, Term
from facilitator.commitments import COMMITMENT_STATUSES
from facilitator.tui.attendance import register
from facilitator.tui.modals import Choose
from facilitator.tui.views import prose, step_label

if TYPE_CHECKING:
    from facilitator.engine import RunEngine
    from facilitator.tui.run import RunScreen

# the menu offers the outcomes first: "open" is where a commitment starts
STATUS_MENU = sorted(COMMITMENT_STATUSES, key=lambda status: status == "open")


class StepPanel(VerticalScroll):
    """What the room reads for one step; it owns the step's keys and redraws from the engine."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("k", "commitment", N_("Commitment"), show=False,
                tooltip=N_("set a carried commitment's status")),
    ]

    draws_itself: ClassVar[frozenset[str]] = frozenset()  # `show` blocks this panel draws its own way

    def __init__(self, engine: RunEngine) -> None:
        super().__init__(classes="step-panel")
        from facilitator.tui.keys import translate

        translate(self)
        self.engine = engine
        self.index: int | None = None  # the step shown; None while another type's panel has the stage
        self.reset()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "commitment":  # only a cohort meeting carries commitments from month to month
            return self.engine.session.kind == "cohort"
        return True

    def show_step(self, index: int) -> None:
        """Take the stage for the step at `index`: its own state starts afresh, at the top."""
        self.index = index
        self.reset()
        self.display = True
        if self.is_mounted:
            self.scroll_home(animate=False)
        self.redraw()

    def reset(self) -> None:
        """Per-step state (a cursor, a speaker) back to its start: a panel serves every step of its type."""

    @property
    def step(self) -> model.Step:
        """The step as the room reads it: names and terms quoted where its text says `{mentee}`."""
        return self.engine.quoted_session().steps[self.index]

    @property
    def help_heading(self) -> str:
        return gettext("This step: %(kind)s") % {"kind": step_label(model.step_type(self.step))}

    @property
    def run_screen(self) -> RunScreen:
        return self.screen  # type: ignore[return-value]

    def change(self, change, *args) -> bool:
        """An engine change through the run screen: a refusal is a notice, and the screen redraws."""
        return self.run_screen.change(change, *args)

    def compose(self) -> ComposeResult:
        yield Static(id="step-body")

    def on_mount(self) -> None:
        if self.index is not None:
            self.draw()

    def redraw(self) -> None:
        """Draw again after a change; a panel still mounting draws itself when it is ready."""
        if self.is_mounted and self.index is not None:
            self.draw()

    def draw(self) -> None:
        self.query_one("#step-body", Static).update(self.body())

    def clock_note(self) -> str | None:
        """A line under the clock in place of the step timer's own, if the step has one."""
        return None

    # ---------------------------------------------------------------- drawing

    def before_script(self) -> list[Any]:
        """What the room needs before the script (who is done, the situation)."""
        return []

    def after_script(self) -> list[Any]:
        """The step's own block below the script."""
        return []

    def body(self) -> Group:
        step = self.step
        parts: list[Any] = self.before_script()
        if self.engine.session.kind == "cohort" and self.engine.record.attendance \
                and not isinstance(step, model.RoundRobinStep):  # a round lists who is here its own way
            names = self.engine.workspace.program()
            people = [(p.person, names.name_of(p.person)) for p in self.engine.record.participants]
            parts.append(Text(gettext("Register: %(register)s") % {"register": register(people, set(self.engine.present()))},
                              style="bold"))
        if step.say:
            parts.append(prose(step.say))
        prompts = getattr(step, "prompts", [])
        if prompts:
            parts.append(Text("\n".join(f"• {p}" for p in prompts), style="bold"))
        if step.phases:
            parts.append(Text("\n".join(f"{presentation.minutes_short(p.minutes):>3}  {p.title}" for p in step.phases), style="italic"))
        parts += self.after_script()
        parts += self.shown_blocks()
        spaced: list[Any] = []
        for part in parts:
            spaced += [part, Text("")]
        return Group(*spaced)

    def shown_blocks(self) -> list[Any]:
        """The blocks the definition's `show = [...]` asks for, in a fixed order."""
        return [draw(self.engine) for name, draw in SHOW_BLOCKS.items()
                if name in self.step.show and name not in self.draws_itself]

    # ---------------------------------------------------------------- carried commitments

    def action_commitment(self) -> None:
        carried = self.engine.record.carried
        if "commitments" not in self.step.show:
            self.notify(gettext("Commitments are reviewed on the step that shows last meeting's commitments."))
            return
        if not carried:
            self.notify(gettext("No commitments were carried from the last meeting."))
            return
        names = self.engine.workspace.program()
        choices = [(str(i), f"{names.name_of(c.person)}: {c.text} [{gettext(c.status)}]") for i, c in enumerate(carried)]

        def chosen(index: str | None) -> None:
            if index is None:
                return
            self.app.push_screen(Choose(gettext("Status"), [(s, gettext(s)) for s in STATUS_MENU]),
                                 lambda status: status and self.change(self.engine.set_commitment_status,
                                                                       int(index), status))

        self.app.push_screen(Choose(gettext("Which commitment?"), choices), chosen)


def term_block(label: str, term: Term, style: str = "") -> Any:
    """One term as it reads: text after its label; a list as bullets; a table as a table
    (one of ticks, "must-have | nice-to-have", as a list per ticked column)."""
    if isinstance(term, str):
        line = Text()
        line.append(f"{label}: ", style="bold")
        line.append(term, style=style)
        return line
    lists = term.marked_lists() if isinstance(term, Table) else [("", term.items)]
    if lists is not None:
        text = Text()
        text.append(label, style="bold")
        for heading, items in lists:
            if heading:
                text.append(f"\n  {heading}", style="italic")
            for item in items:
                text.append(f"\n  • {item}", style=style)
            if not items:
                text.append("\n  (" + gettext("none") + ")", style="dim")
        return text
    # cells as Text: what was typed is shown as typed, never read as markup
    table = RichTable(title=Text(label, style="bold"), title_justify="left", box=box.SIMPLE_HEAD, show_edge=False,
                      pad_edge=False, expand=False)
    for column in term.columns:
        table.add_column(Text(column), overflow="fold", style=style)
    for row in term.rows:
        table.add_row(*(Text(cell) for cell in row))
    return table


def terms_block(heading: str, terms: dict[str, Term]) -> Group:
    parts: list[Any] = [Text(heading, style="bold underline")]
    parts += [term_block(presentation.term_label(term), value) for term, value in terms.items()]
    return Group(*parts)


def current_agreement(engine: RunEngine) -> Any:
    version = engine.current_agreement()
    if version is None:
        return Text(gettext("No agreement yet for this pair."), style="dim")
    return terms_block(gettext("Current agreement (version %(n)s, %(date)s)") % {"n": version.version, "date": version.date},
                       version.terms)


def agreement_history(engine: RunEngine) -> Any:
    versions = engine.agreement_history()
    if not versions:
        return Text(gettext("No agreement was recorded for this pair."), style="dim")
    first = versions[0]
    parts: list[Any] = [terms_block(gettext("The original agreement (version 1, %(date)s)") % {"date": first.date}, first.terms)]
    titles = {e.session.id: e.session.title for e in engine.workspace.library.entries.values()}
    for v in versions[1:]:
        parts.append(Text("\n" + gettext("Version %(n)s (%(date)s, %(session)s)") % {
            "n": v.version, "date": v.date, "session": titles.get(v.session, v.session)}, style="bold"))
        for c in v.changes:
            parts.append(term_block(f"  {presentation.term_label(c.term)}", c.after))
            if c.why:
                parts.append(Text("    " + gettext("why: %(why)s") % {"why": c.why}, style="italic"))
    return Group(*parts)


def commitments(engine: RunEngine) -> Text:
    text = Text()
    text.append(gettext("Last meeting's commitments") + "\n", style="bold underline")
    if not engine.record.carried:
        text.append(gettext("None carried from a previous meeting.") + "\n", style="dim")
    names = engine.workspace.program()
    for i, c in enumerate(engine.record.carried, 1):
        style = {"done": "green", "not yet": "yellow", "dropped": "dim"}.get(c.status, "")
        text.append(f"{i}. {names.name_of(c.person)}: {c.text} ", style="")
        text.append(f"[{gettext(c.status)}]\n", style=f"bold {style}")
    return text


# What a step's `show = [...]` may ask for (model.Show), in the order they are drawn.
SHOW_BLOCKS = {"commitments": commitments, "agreement": current_agreement, "agreement_history": agreement_history}
