"""Small dialogs: entering answers behind the curtain, prompts, menus and help."""

from __future__ import annotations

from rich.markup import escape
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from facilitator.i18n import N_, gettext
from facilitator import model
from facilitator.engine import PersonViewer, RunEngine
from facilitator.errors import UserError
from facilitator.tui.keys import translate as _translate  # a dialog's keys in the app's language
from facilitator.values import BadValue


class Choose(ModalScreen[str | None]):
    """Pick one item from a list; returns its key, or None on escape."""

    BINDINGS = [Binding("escape", "dismiss(None)", N_("Cancel"))]

    def __init__(self, title: str, choices: list[tuple[str, str]]) -> None:
        super().__init__()
        _translate(self)
        self.heading = title
        self.choices = choices

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.heading, classes="dialog-title")
            yield OptionList(*[Option(label, id=key) for key, label in self.choices], id="choices")
            yield Static(gettext("enter choose · escape cancel"), classes="hint")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)


class Confirm(ModalScreen[bool]):
    """A yes-or-no question answered with one key: y, or n (escape is n too)."""

    BINDINGS = [Binding("y", "dismiss(True)", N_("Yes")), Binding("n,escape", "dismiss(False)", N_("No"))]

    def __init__(self, question: str, yes: str, no: str) -> None:
        super().__init__()
        _translate(self)
        self.question = question
        self.choices = f"y: {yes} · n: {no}"

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.question, classes="dialog-title")  # a Static wraps a long question
            yield Static(self.choices, id="confirm-choices")


class ConfirmOrCancel(Confirm, inherit_bindings=False):
    """A Confirm where escape is neither: y, n, or escape for None (nothing done)."""

    BINDINGS = [Binding("y", "dismiss(True)", N_("Yes")), Binding("n", "dismiss(False)", N_("No")),
                Binding("escape", "dismiss(None)", N_("Cancel"))]

    def __init__(self, question: str, yes: str, no: str, cancel: str) -> None:
        super().__init__(question, yes, no)
        self.choices += f" · escape: {cancel}"


class EnterMovesOn:
    """Enter in a field moves to the next one; in the last, the dialog is done.

    The field itself calls `move_on` as it reads the enter (facilitator/tui/fields.py), so
    focus has moved before it reads the next key, and passes on keys of the same burst."""

    def move_on(self, field) -> None:
        fields = list(self.query(".field"))
        index = fields.index(field)
        if index + 1 < len(fields):
            self.set_focus(fields[index + 1])
        else:
            self.fields_done()


class Prompt(EnterMovesOn, ModalScreen[list[str] | None]):
    """A few labelled text fields; returns their values, or None on escape."""

    BINDINGS = [Binding("escape", "dismiss(None)", N_("Cancel"))]

    def __init__(self, title: str, fields: list[tuple[str, str]], note: str = "") -> None:
        super().__init__()
        _translate(self)
        self.heading = title
        self.fields = fields
        self.note = note

    def compose(self) -> ComposeResult:
        from facilitator.tui.fields import LineField

        with Vertical(classes="dialog"):
            yield Static(self.heading, classes="dialog-title")  # wraps: "Who joins ... for <a long title>?" at 80 columns
            if self.note:
                yield Static(self.note, classes="hint")
            for i, (label, value) in enumerate(self.fields):
                yield Label(label)
                yield LineField(None, value=value, id=f"field-{i}", classes="field")
            yield Static(gettext("enter save · escape cancel"), classes="hint")

    def on_mount(self) -> None:
        self.query(Input).first().focus()

    def fields_done(self) -> None:
        self.dismiss([i.value for i in self.query(".field").results(Input)])


class AnswerSheet(EnterMovesOn, ModalScreen[bool]):
    """One person's answers for the current step, behind a curtain.

    Only this person's own answers are ever put on this screen; the engine refuses the rest.
    The same sheet serves typing in paper answers by code. A `late` sheet is for a step
    already revealed: what it changes is stored as entered after the reveal.
    """

    BINDINGS = [
        Binding("escape", "dismiss(False)", N_("Cancel")),
        # not a priority key: it waits behind the keys typed before it, so a burst saves all of them
        Binding("ctrl+s", "save", N_("Save")),
    ]

    def __init__(self, engine: RunEngine, person: str, late: bool = False) -> None:
        super().__init__()
        _translate(self)
        self.engine = engine
        self.person = person
        self.late = late
        asked = set(engine.codes_for(person))  # in a role-play, only the part they play this round
        step = engine.quoted_session().steps[engine.step_index]  # `{mentee}` as the person's name
        self.questions = [q for q in getattr(step, "questions", []) if q.code in asked]

    def compose(self) -> ComposeResult:
        from facilitator.tui.fields import field_for, hint  # the pick-list widgets load with the first sheet

        name = self.engine.workspace.program().name_of(self.person)
        own = {e.code: e.value for e in self.engine.answers_of(self.person, PersonViewer(self.person))}
        with Vertical(classes="dialog sheet"):
            yield Label(f"🔒 {name} — " + gettext("answers on this screen are %(name)s's only") % {"name": name},
                        classes="dialog-title curtain")
            if self.late:
                yield Static(gettext("Late: this step was revealed; what you change here is marked"
                                     " “entered after the reveal”."), classes="hint")
            with VerticalScroll():
                for q in self.questions:
                    private = "  (" + gettext("for the facilitator only") + ")" if q.private else ""
                    yield Static(f"[b]{q.code}[/b]  {escape(q.text)}{private}", classes="q-label")
                    if q.help:
                        yield Static(escape(q.help), classes="hint")
                    if hint(q):
                        yield Static(escape(hint(q)), classes="hint")
                    yield field_for(q, own.get(q.code), id=f"q-{q.code}")
                    yield Static("", id=f"problem-{q.code}", classes="problems field-problem")
            yield Static("", id="problems", classes="problems")
            with Horizontal(classes="buttons"):
                yield Button(gettext("Save  (ctrl+s)"), id="save", variant="primary")
                yield Button(gettext("Cancel  (escape)"), id="cancel")

    def on_mount(self) -> None:
        for q in self.questions:
            field = self.field(q)
            field.problem = self.query_one(f"#problem-{q.code}", Static)
            field.problem.display = False
        fields = self.query(".field")
        if fields:
            fields.first().focus()

    def field(self, question: model.Question):
        """The question's field (facilitator/tui/fields.py)."""
        return self.query_one(f"#q-{question.code}", Widget)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.action_save()
        else:
            self.dismiss(False)

    def fields_done(self) -> None:
        self.action_save()

    def action_save(self) -> None:
        values = {q.code: self.field(q).answer() for q in self.questions}
        for q in self.questions:  # the first wrong answer is where the cursor goes, with why beside it
            field = self.field(q)
            if field.refuse(values[q.code]):
                field.focus()  # a table puts the cursor in its first cell
                self.query_one("#problems", Static).update(gettext("Not saved: %(code)s needs another answer") % {"code": q.code})
                return
        try:
            self.engine.answer_many(self.person, values, source="app", late=self.late)
        except (BadValue, UserError) as exc:
            self.query_one("#problems", Static).update(gettext("Not saved: %(why)s") % {"why": escape(str(exc))})
            return
        self.dismiss(True)




class Help(ModalScreen[None]):
    """Every key that works here, section by section (see facilitator/tui/keys.py)."""

    BINDINGS = [Binding("escape,question_mark,q", "dismiss(None)", N_("Close"))]

    def __init__(self, sections: list[tuple[str, list[tuple[str, str]]]]) -> None:
        super().__init__()
        _translate(self)
        self.sections = sections

    def compose(self) -> ComposeResult:
        width = max((len(k) for _, lines in self.sections for k, _ in lines), default=1)
        text = "\n\n".join(f"[b u]{title}[/b u]\n" + "\n".join(f"[b]{escape(key):<{width}}[/b]  {escape(what)}"
                                                             for key, what in lines)
                           for title, lines in self.sections)
        with Vertical(classes="dialog help"):
            yield Label(gettext("Keys"), classes="dialog-title")
            with VerticalScroll():
                yield Static(text)
            yield Static(gettext("escape close"), classes="hint")
