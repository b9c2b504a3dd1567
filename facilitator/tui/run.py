"""The run screen: built for a projector. The room reads the middle; the facilitator the edges."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Digits, Footer, Static

from facilitator import model
from facilitator.engine import FACILITATOR, RunEngine
from facilitator.errors import UserError
from facilitator.tui import views
from facilitator.tui.modals import Attendance, AnswerSheet, Choose, Help, Prompt

KEYS = [
    ("space", "start or pause the clock"),
    ("+ / -", "add or take away a minute"),
    ("0", "reset the clock for this step"),
    ("n / b", "next step / back"),
    ("page down / up", "scroll the step's text"),
    ("g", "go to a step"),
    ("e", "enter answers for one person (behind the curtain)"),
    ("f", "show or hide your facilitator notes"),
    ("w", "write a facilitator note"),
    ("c / x", "confirm / dismiss the selected pattern (reveal)"),
    ("up / down", "select a pattern (reveal)"),
    ("a", "add: your own pattern (reveal), an action (agreement)"),
    ("t", "write or change an agreement term (agreement)"),
    ("s", "next speaker (round-robin)"),
    ("m", "mark attendance (cohort)"),
    ("k", "set a carried commitment's status (cohort)"),
    ("p", "print: worksheets, guide, role cards, summary, agreement, report"),
    ("F", "finish the run"),
    ("h", "back to home"),
    ("ctrl+p", "command palette"),
    ("?", "this help"),
    ("ctrl+q", "quit (everything is already saved)"),
]


class Printed(Message):
    """A print job finished in its worker: where the file went, or why it failed."""

    def __init__(self, text: str, ok: bool) -> None:
        super().__init__()
        self.text = text
        self.ok = ok


class PatternsFound(Message):
    def __init__(self, findings: list[Any]) -> None:
        super().__init__()
        self.findings = findings


class RunScreen(Screen):
    BINDINGS = [
        Binding("space", "toggle_timer", "Timer"),
        Binding("plus,equals_sign", "extend(1)", "+1'", key_display="+"),
        Binding("minus", "extend(-1)", "-1'", show=False),
        Binding("0", "reset_timer", "Reset", show=False),
        Binding("n", "next", "Next"),
        Binding("b", "back", "Back"),
        Binding("g", "goto", "Go to", show=False),
        Binding("e", "enter_answers", "Answers"),
        Binding("f", "toggle_notes", "Notes"),
        Binding("w", "write_note", "Note", show=False),
        Binding("c", "confirm", "Confirm", show=False),
        Binding("x", "dismiss_pattern", "Dismiss", show=False),
        Binding("up", "cursor(-1)", show=False),
        Binding("down", "cursor(1)", show=False),
        Binding("a", "add", "Add", show=False),
        Binding("t", "term", "Term", show=False),
        Binding("s", "next_speaker", "Speaker", show=False),
        Binding("m", "attendance", "Attendance", show=False),
        Binding("k", "commitment", "Commitment", show=False),
        Binding("p", "print", "Print"),
        Binding("F", "finish", "Finish", show=False),
        Binding("h", "home", "Home", show=False),
        Binding("question_mark", "help", "Help"),
        Binding("pagedown,ctrl+down", "scroll_stage(1)", "Scroll", show=False),
        Binding("pageup,ctrl+up", "scroll_stage(-1)", show=False),
    ]

    def __init__(self, engine: RunEngine) -> None:
        super().__init__()
        self.engine = engine
        self.speaker = 0
        self.speaker_since = engine.clock()
        self.cursor = 0
        self.findings: list[Any] = []

    # ---------------------------------------------------------------- layout

    def compose(self) -> ComposeResult:
        yield Static(id="title-line")
        with Horizontal(id="run-body"):
            yield Static(id="agenda")
            with Vertical(id="stage"):
                with Horizontal(id="stage-head"):
                    yield Static(id="step-title")
                    with Vertical(id="clock-box"):
                        yield Digits("00:00", id="clock")
                        yield Static(id="clock-note")
                with VerticalScroll(id="step-scroll"):
                    yield Static(id="reveal")  # at a reveal the two reflections come first
                    yield Static(id="patterns")
                    yield Static(id="step-body")
            with VerticalScroll(id="notes-panel"):
                yield Static(id="notes")
        yield Footer()

    def on_resize(self) -> None:
        self.refresh_all()

    def on_mount(self) -> None:
        self.query_one("#notes-panel").display = False
        self.query_one("#agenda").border_title = "Agenda"
        self.query_one("#notes-panel").border_title = "Facilitator only"
        self.refresh_all()
        self.set_interval(1.0, self.refresh_clock)

    # ---------------------------------------------------------------- drawing

    def refresh_all(self) -> None:
        engine = self.engine
        self.query_one("#title-line", Static).update(views.title_line(engine))
        agenda = self.query_one("#agenda", Static)
        agenda.update(views.agenda(engine, (agenda.size.width or 30) - 4))
        step = engine.step
        label = model.step_type(step).replace("_", " ")
        self.query_one("#step-title", Static).update(f"[b]{step.title}[/b]\n[dim]{label} · {step.minutes} min[/dim]")
        self.query_one("#step-body", Static).update(views.step_body(engine, self.speaker))
        self._refresh_patterns()
        self._refresh_notes()
        self.refresh_clock()

    def refresh_clock(self) -> None:
        clock = self.query_one("#clock", Digits)
        clock.update(views.clock(self.engine.remaining()))
        state = views.timer_state(self.engine)
        for name in ("normal", "warning", "alert", "overrun"):
            clock.set_class(state == name, f"-{name}")
        note = "running" if self.engine.running() else "paused · space to start"
        if state == "overrun":
            note = "over time" + (" · running" if self.engine.running() else "")
        step = self.engine.step
        if isinstance(step, model.RoundRobinStep):
            left = step.speaker_minutes * 60 - (self.engine.clock() - self.speaker_since)
            note = f"speaker {views.clock(left)}{' over' if left < 0 else ' left'} · s next speaker"
        self.query_one("#clock-note", Static).update(note)

    def _refresh_patterns(self) -> None:
        panel = self.query_one("#patterns", Static)
        reveal = self.query_one("#reveal", Static)
        if not isinstance(self.engine.step, model.RevealStep):
            panel.display = reveal.display = False
            self.findings = []
            return
        panel.display = reveal.display = True
        reveal.update(views.reveal_table(self.engine, (self.query_one("#step-scroll").size.width or 80) - 2))
        self._draw_patterns()
        self.find_patterns(self.engine.record.updated)

    def _draw_patterns(self) -> None:
        self.cursor = min(self.cursor, max(len(self.findings) - 1, 0))
        text = views.patterns_panel(self.findings, self.cursor)
        added = self.engine.record.patterns.added
        if added:
            text.append("".join(f"✚ {a}\n" for a in added))
        self.query_one("#patterns", Static).update(text)

    @work(thread=True, exclusive=True, group="patterns")
    def find_patterns(self, version: str) -> None:
        """Naming patterns reads the whole program: done off the UI thread, drawn when ready."""
        try:
            from facilitator.patterns import findings_for_run

            found = [f for f in findings_for_run(self.engine.workspace, self.engine.record.id) if f.found]
        except (ImportError, UserError):
            found = []
        self.post_message(PatternsFound(found))

    def on_patterns_found(self, message: "PatternsFound") -> None:
        if isinstance(self.engine.step, model.RevealStep):
            self.findings = message.findings
            self._draw_patterns()

    def _refresh_notes(self) -> None:
        panel = self.query_one("#notes-panel")
        if not panel.display:
            return
        step = self.engine.step
        lines = ["[b]Facilitator notes[/b]", step.notes.strip() or "[dim]No notes for this step.[/dim]"]
        mine = [n for n in self.engine.notes(FACILITATOR) if n.step == step.id]
        if mine:
            lines.append("\n[b]Your notes[/b]")
            lines += [f"• {n.text}" for n in mine]
        self.query_one("#notes", Static).update("\n".join(lines))

    # ---------------------------------------------------------------- guarded changes

    def _do(self, change, *args) -> bool:
        """Run an engine change; a refusal is a notification, never a crash."""
        try:
            change(*args)
        except UserError as exc:
            self.notify(str(exc), severity="error", timeout=6)
            return False
        self.refresh_all()
        return True

    def action_scroll_stage(self, direction: int) -> None:
        stage = self.query_one("#step-scroll", VerticalScroll)
        stage.scroll_relative(y=direction * max(stage.size.height - 2, 1), animate=False)

    # ---------------------------------------------------------------- clock and steps

    def action_toggle_timer(self) -> None:
        self._do(self.engine.toggle_timer)

    def action_extend(self, minutes: int) -> None:
        self._do(self.engine.extend_timer, minutes)

    def action_reset_timer(self) -> None:
        self._do(self.engine.reset_timer)

    def action_next(self) -> None:
        self.speaker = 0
        if self.engine.step_index == len(self.engine.session.steps) - 1:
            self.notify("This is the last step. Press F to finish the run.")
            return
        self._do(self.engine.next)

    def action_back(self) -> None:
        self.speaker = 0
        self._do(self.engine.back)

    def action_goto(self) -> None:
        choices = [(s.id, f"{i + 1}. {s.title}") for i, s in enumerate(self.engine.session.steps)]

        def chosen(step_id: str | None) -> None:
            if step_id:
                self.speaker = 0
                self._do(self.engine.jump, step_id)

        self.app.push_screen(Choose("Go to step", choices), chosen)

    # ---------------------------------------------------------------- answers

    def action_enter_answers(self) -> None:
        step = self.engine.step
        if not getattr(step, "questions", None):
            self.notify("This step has no questions to answer.")
            return
        names = self.engine.workspace.program()
        choices = [(p.person, f"{names.name_of(p.person)} ({p.role})" + ("  ✓ done" if self.engine.done(p.person)
                                                                         else ""))
                   for p in self.engine.record.participants]

        def chosen(person: str | None) -> None:
            if person:
                self.app.push_screen(AnswerSheet(self.engine, person), lambda saved: self.refresh_all())

        self.app.push_screen(Choose("Whose answers? Only that person's answers will be on screen.", choices), chosen)

    # ---------------------------------------------------------------- notes

    def action_toggle_notes(self) -> None:
        panel = self.query_one("#notes-panel")
        panel.display = not panel.display
        self._refresh_notes()

    def action_write_note(self) -> None:
        def written(values: list[str] | None) -> None:
            if values and values[0].strip():
                self._do(self.engine.add_note, values[0])

        self.app.push_screen(Prompt("Facilitator note (only in your copy)", [("Note", "")]), written)

    # ---------------------------------------------------------------- reveal

    def action_cursor(self, delta: int) -> None:
        if self.findings:
            self.cursor = (self.cursor + delta) % len(self.findings)
            self._draw_patterns()

    def action_confirm(self) -> None:
        if self.findings:
            self._do(self.engine.confirm_pattern, self.findings[self.cursor].id)

    def action_dismiss_pattern(self) -> None:
        if self.findings:
            self._do(self.engine.dismiss_pattern, self.findings[self.cursor].id)

    def action_add(self) -> None:
        step = self.engine.step
        if isinstance(step, model.RevealStep):
            def added(values: list[str] | None) -> None:
                if values and values[0].strip():
                    self._do(self.engine.add_pattern, values[0])

            self.app.push_screen(Prompt("Name a pattern in your own words", [("Pattern", "")]), added)
        elif isinstance(step, model.AgreementStep) and step.actions:
            def action(values: list[str] | None) -> None:
                if values:
                    self._do(self.engine.add_action, *values)

            self.app.push_screen(Prompt("New action", [("What", ""), ("Who", ""), ("By when", "")]), action)
        else:
            self.notify("Nothing to add on this step.")

    # ---------------------------------------------------------------- agreement

    def action_term(self) -> None:
        terms = sorted({q.term for _, q in self.engine.session.questions() if q.term}
                       | set((self.engine.current_agreement().terms if self.engine.current_agreement() else {})))
        if not terms:
            self.notify("This session writes no agreement terms.")
            return

        def chosen(term: str | None) -> None:
            if not term:
                return
            agreed = self.engine.current_agreement()
            current = self.engine.run_terms().get(term) or (agreed.terms.get(term, "") if agreed else "")

            def written(values: list[str] | None) -> None:
                if values is not None:
                    self._do(self.engine.set_term, term, values[0], values[1])

            self.app.push_screen(Prompt(f"Term: {term.replace('_', ' ')}", [("Agreed wording", current),
                                                                              ("Why it changed (optional)", "")]),
                                 written)

        self.app.push_screen(Choose("Which term?", [(t, t.replace("_", " ")) for t in terms]), chosen)

    # ---------------------------------------------------------------- cohort

    def action_next_speaker(self) -> None:
        if isinstance(self.engine.step, model.RoundRobinStep):
            self.speaker += 1
            self.speaker_since = self.engine.clock()
            self.refresh_all()

    def action_attendance(self) -> None:
        names = self.engine.workspace.program()
        people = [(p.person, names.name_of(p.person)) for p in self.engine.record.participants]

        def saved(present: list[str] | None) -> None:
            if present is not None:
                self._do(self.engine.set_attendance, present)

        self.app.push_screen(Attendance(people, self.engine.record.attendance), saved)

    def action_commitment(self) -> None:
        carried = self.engine.record.carried
        if not carried:
            self.notify("No commitments were carried from the last meeting.")
            return
        names = self.engine.workspace.program()
        choices = [(str(i), f"{names.name_of(c.person)}: {c.text} [{c.status}]") for i, c in enumerate(carried)]

        def chosen(index: str | None) -> None:
            if index is None:
                return
            statuses = [(s, s) for s in ("done", "not yet", "dropped", "open")]
            self.app.push_screen(Choose("Status", statuses),
                                 lambda status: status and self._do(self.engine.set_commitment_status, int(index),
                                                                    status))

        self.app.push_screen(Choose("Which commitment?", choices), chosen)

    # ---------------------------------------------------------------- finish, home, help

    def action_finish(self) -> None:
        def confirmed(answer: str | None) -> None:
            if answer == "yes":
                if self._do(self.engine.finish):
                    version = self.engine.record.agreement_version
                    self.notify("Run finished." + (f" Agreement version {version} saved." if version else ""))

        self.app.push_screen(Choose("Finish this run? It can still be read and printed.",
                                    [("yes", "Yes, finish"), ("no", "Not yet")]), confirmed)

    def action_home(self) -> None:
        self.app.action_home()

    def action_help(self) -> None:
        self.app.push_screen(Help(KEYS))

    # ---------------------------------------------------------------- printing

    def action_print(self) -> None:
        from facilitator.printing.catalogue import run_menu

        self.app.push_screen(Choose("Print", run_menu(self.engine)), self._print_chosen)

    def _print_chosen(self, what: str | None) -> None:
        if what:
            self.notify(f"Printing {what.replace('-', ' ')}… (you can keep working)", timeout=4)
            self.print_in_background(what)

    @work(thread=True, exclusive=False)
    def print_in_background(self, what: str) -> None:
        from facilitator.printing.catalogue import print_for_run

        try:
            path = print_for_run(self.engine, what)
        except UserError as exc:
            self.post_message(Printed(f"Not printed: {exc}", ok=False))
        except Exception as exc:  # a printing failure must not take the session down
            self.post_message(Printed(f"Printing failed: {type(exc).__name__}: {exc}", ok=False))
        else:
            self.post_message(Printed(f"Printed: {path}", ok=True))

    def on_printed(self, message: Printed) -> None:
        self.notify(message.text, severity="information" if message.ok else "error", timeout=10)
