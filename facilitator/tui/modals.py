"""Small dialogs: entering answers behind the curtain, prompts, menus and help."""

from __future__ import annotations

from rich.markup import escape
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList, SelectionList, Static
from textual.widgets.option_list import Option

from facilitator import model
from facilitator.engine import PersonViewer, RunEngine
from facilitator.errors import UserError
from facilitator.values import BadValue, as_typed, describe, from_typed


class Choose(ModalScreen[str | None]):
    """Pick one item from a list; returns its key, or None on escape."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel")]

    def __init__(self, title: str, choices: list[tuple[str, str]]) -> None:
        super().__init__()
        self.heading = title
        self.choices = choices

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.heading, classes="dialog-title")
            yield OptionList(*[Option(label, id=key) for key, label in self.choices], id="choices")
            yield Static("enter choose · escape cancel", classes="hint")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)


class Confirm(ModalScreen[bool]):
    """A yes-or-no question answered with one key: y, or n (escape is n too)."""

    BINDINGS = [Binding("y", "dismiss(True)", "Yes"), Binding("n,escape", "dismiss(False)", "No")]

    def __init__(self, question: str, yes: str, no: str) -> None:
        super().__init__()
        self.question = question
        self.choices = f"y: {yes} · n: {no}"

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.question, classes="dialog-title")  # a Static wraps a long question
            yield Static(self.choices, id="confirm-choices")


class EnterMovesOn:
    """Enter in a field moves to the next one; in the last, the dialog is done."""

    def on_input_submitted(self, event: Input.Submitted) -> None:
        # set_focus at once: focus() would wait a turn, and keys typed quickly after enter
        # would still land in this field
        inputs = list(self.query(Input))
        index = inputs.index(event.input)
        if index + 1 < len(inputs):
            self.set_focus(inputs[index + 1])
        else:
            self.fields_done()


class Prompt(EnterMovesOn, ModalScreen[list[str] | None]):
    """A few labelled text fields; returns their values, or None on escape."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel")]

    def __init__(self, title: str, fields: list[tuple[str, str]], note: str = "") -> None:
        super().__init__()
        self.heading = title
        self.fields = fields
        self.note = note

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.heading, classes="dialog-title")
            if self.note:
                yield Static(self.note, classes="hint")
            for i, (label, value) in enumerate(self.fields):
                yield Label(label)
                yield Input(value=value, id=f"field-{i}")
            yield Static("enter save · escape cancel", classes="hint")

    def on_mount(self) -> None:
        self.query(Input).first().focus()

    def fields_done(self) -> None:
        self.dismiss([i.value for i in self.query(Input)])


class AnswerSheet(EnterMovesOn, ModalScreen[bool]):
    """One person's answers for the current step, behind a curtain.

    Only this person's own answers are ever put on this screen; the engine refuses the rest.
    The same sheet serves typing in paper answers by code. A `late` sheet is for a step
    already revealed: what it changes is stored as entered after the reveal.
    """

    BINDINGS = [
        Binding("escape", "dismiss(False)", "Cancel"),
        Binding("ctrl+s", "save", "Save", priority=True),
    ]

    def __init__(self, engine: RunEngine, person: str, late: bool = False) -> None:
        super().__init__()
        self.engine = engine
        self.person = person
        self.late = late
        role = engine.participant(person).role
        step = engine.step
        self.questions = [q for q in getattr(step, "questions", [])
                          if role in engine.session.answering_roles(step, q) or engine.session.kind == "roleplay"]

    def compose(self) -> ComposeResult:
        name = self.engine.workspace.program().name_of(self.person)
        own = {e.code: e.value for e in self.engine.answers_of(self.person, PersonViewer(self.person))}
        with Vertical(classes="dialog sheet"):
            yield Label(f"🔒 {name} — answers on this screen are {name}'s only", classes="dialog-title curtain")
            if self.late:
                yield Static("Late: this step was revealed; what you change here is marked"
                             " “entered after the reveal”.", classes="hint")
            with VerticalScroll():
                for q in self.questions:
                    private = "  (for the facilitator only)" if q.private else ""
                    yield Static(f"[b]{q.code}[/b]  {q.text}{private}", classes="q-label")
                    yield Static(describe(q) + _typing_hint(q), classes="hint")
                    yield Input(value=as_typed(q, own.get(q.code)), id=f"q-{q.code}",
                                compact=True)
            yield Static("", id="problems", classes="problems")
            with Horizontal(classes="buttons"):
                yield Button("Save  (ctrl+s)", id="save", variant="primary")
                yield Button("Cancel  (escape)", id="cancel")

    def on_mount(self) -> None:
        fields = self.query(Input)
        if fields:
            fields.first().focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.action_save()
        else:
            self.dismiss(False)

    def fields_done(self) -> None:
        self.action_save()

    def action_save(self) -> None:
        values = {}
        for q in self.questions:
            values[q.code] = from_typed(q, self.query_one(f"#q-{q.code}", Input).value)
        try:
            self.engine.answer_many(self.person, values, source="app", late=self.late)
        except (BadValue, UserError) as exc:
            self.query_one("#problems", Static).update(f"Not saved: {escape(str(exc))}")
            return
        self.dismiss(True)


def _typing_hint(q: model.Question) -> str:
    if isinstance(q, (model.MultiQuestion, model.ListQuestion)):
        return " · separate with ;"
    if isinstance(q, model.TableQuestion):
        return " · cells with |, rows with ;"
    if isinstance(q, model.ChoiceQuestion):
        return " · or its number"
    if isinstance(q, model.YesNoQuestion):
        return " · y or n"
    return ""


# attendance has a module of its own (tui/attendance.py); the run screen still imports it from here
from facilitator.tui.attendance import Attendance  # noqa: E402,F401


class Help(ModalScreen[None]):
    """Every key that works here, section by section (see facilitator/tui/keys.py)."""

    BINDINGS = [Binding("escape,question_mark,q", "dismiss(None)", "Close")]

    def __init__(self, sections: list[tuple[str, list[tuple[str, str]]]]) -> None:
        super().__init__()
        self.sections = sections

    def compose(self) -> ComposeResult:
        width = max((len(k) for _, lines in self.sections for k, _ in lines), default=1)
        text = "\n\n".join(f"[b u]{title}[/b u]\n" + "\n".join(f"[b]{escape(key):<{width}}[/b]  {escape(what)}"
                                                             for key, what in lines)
                           for title, lines in self.sections)
        with Vertical(classes="dialog help"):
            yield Label("Keys", classes="dialog-title")
            with VerticalScroll():
                yield Static(text)
            yield Static("escape close", classes="hint")
