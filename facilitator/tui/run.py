"""The run screen: built for a projector. The room reads the middle; the facilitator the edges.

The screen keeps what every step has: the clock, the agenda, the notes, the title line and
moving between steps. The middle is the step type's panel (facilitator/tui/steps/), which
owns that step's drawing and keys: moving to another step hands the stage to its panel.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from rich.markup import escape
from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Digits, Static

from facilitator import guests, model, presentation
from facilitator.engine import FACILITATOR, RunEngine
from facilitator.errors import UserError
from facilitator.i18n import N_, gettext, ngettext
from facilitator.room import reflow
from facilitator.tui import keys, views
from facilitator.tui.attendance import Attendance
from facilitator.tui.modals import AnswerSheet, Choose, Confirm, Help, Prompt
from facilitator.tui.steps import StepPanel, panel_class_for, panel_classes


class Printed(Message):
    """A print job finished in its worker: where the file went, or why it failed."""

    def __init__(self, text: str, ok: bool) -> None:
        super().__init__()
        self.text = text
        self.ok = ok


class RunScreen(Screen):
    # `tooltip` is the key's one description: the help screen, the palette and the README
    # check read it (facilitator/tui/keys.py); `description` is the footer's short word.
    BINDINGS = [
        # F works on every step; the footer offers it first on the last one (check_action), where it is the next move
        Binding("F", "finish_at_end", N_("Finish"), tooltip=N_("finish the run")),
        Binding("space", "toggle_timer", N_("Timer"), tooltip=N_("start or pause the clock")),
        Binding("plus,equals_sign", "extend(1)", N_("+1'"), key_display="+", tooltip=N_("add a minute to this step")),
        Binding("minus", "extend(-1)", N_("-1'"), key_display="-", show=False, tooltip=N_("take a minute away")),
        Binding("0", "reset_timer", N_("Reset"), show=False, tooltip=N_("reset the clock for this step")),
        Binding("n", "next", N_("Next"), tooltip=N_("next step")),
        Binding("b", "back", N_("Back"), tooltip=N_("back one step")),
        Binding("g", "goto", N_("Go to"), show=False, tooltip=N_("go to a step")),
        Binding("e", "enter_answers", N_("Answers"), tooltip=N_("enter answers for one person (behind the curtain)")),
        Binding("f", "toggle_notes", N_("Notes"), tooltip=N_("show or hide your facilitator notes")),
        Binding("w", "write_note", N_("Note"), show=False, tooltip=N_("write a facilitator note (only in your copy)")),
        Binding("m", "attendance", N_("Attendance"), show=False, tooltip=N_("mark attendance (cohort)")),
        Binding("p", "print", N_("Print"), tooltip=N_("print: worksheets, guide, role cards, summary, agreement, report")),
        Binding("i", "scan_review", N_("Scans"), show=False,
                tooltip=N_("review scanned paper sheets: confirm uncertain marks, see the write-in boxes")),
        Binding("F", "finish", N_("Finish"), show=False, tooltip=N_("finish the run")),
        Binding("h", "home", N_("Home"), show=False, tooltip=N_("back to home")),
        Binding("question_mark", "help", N_("Help"), key_display="?", tooltip=N_("every key that works here")),
        Binding("pagedown,ctrl+down", "scroll_stage(1)", N_("Scroll"), show=False, tooltip=N_("scroll the step's text down")),
        Binding("pageup,ctrl+up", "scroll_stage(-1)", show=False, tooltip=N_("scroll the step's text up")),
    ]
    help_heading = N_("The run")
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-normal"), (150, "-wide")]  # app.tcss lays each out

    def __init__(self, engine: RunEngine) -> None:
        super().__init__()
        keys.translate(self)
        self.help_heading = gettext(self.help_heading)
        self.engine = engine
        # one panel per step type the session uses, made once: a step change shows one and
        # hides another, which is far quicker than mounting a new widget each time
        self.panels = {cls: cls(engine) for cls in dict.fromkeys(map(panel_class_for, engine.session.steps))}
        for panel in self.panels.values():
            panel.display = False
        self.panel: StepPanel = self.panels[panel_class_for(engine.step)]
        self.panel.show_step(engine.step_index)

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
                yield self.panel  # the others mount just after the first paint (_mount_other_panels)
            with VerticalScroll(id="notes-panel"):
                yield Static(id="notes")
        yield keys.KeysFooter()

    def on_resize(self) -> None:
        self.refresh_all()
        self.call_after_refresh(self.refresh_all)  # once the breakpoint's layout (narrow, wide) has widths

    def on_mount(self) -> None:
        self.query_one("#notes-panel").display = False
        self.query_one("#agenda").border_title = gettext("Agenda")
        self.query_one("#notes-panel").border_title = gettext("Facilitator only")
        self.panel.focus()
        self.refresh_all()
        self.set_interval(1.0, self.refresh_clock)
        from facilitator.tui.presenter import BigClock, Presenter  # presenter mode, while a room view is attached

        presenter = Presenter(self.engine)
        self.mount(presenter, after="#title-line")
        self.query_one("#clock-box").mount(BigClock(self.engine, presenter), before="#clock")
        if os.environ.get("FACILITATOR_EXIT_AFTER_PAINT"):  # `make bench` times `facilitator run` to this paint
            self.call_after_refresh(self.app.exit)
        self.call_after_refresh(self._mount_other_panels)

    def _mount_other_panels(self) -> None:
        """The other step types' panels, hidden, ready for a quick step change; after the first
        paint, so the run screen shows as soon as the step on stage is drawn."""
        waiting = [panel for panel in self.panels.values() if panel.parent is None]
        stage = self.query_one("#stage")
        if waiting and stage.is_attached:  # not when the app is already closing
            stage.mount(*waiting)

    # ---------------------------------------------------------------- drawing

    def refresh_all(self) -> None:
        engine = self.engine
        if self.panel.index != engine.step_index:
            self._show_step()  # which draws it
        else:
            self.panel.redraw()
        agenda = self.query_one("#agenda", Static)
        agenda.update(views.agenda(engine, (agenda.size.width or 30) - 4))
        step = engine.step
        label = views.step_label(model.step_type(step))
        presence = guests.presence_line(engine.session, engine.step_index)  # who is in the room, if the session says
        self.query_one("#step-title", Static).update(f"[b]{escape(step.title)}[/b]\n[dim]{label} · {presentation.minutes_text(step.minutes)}[/dim]"
                                                     + (f"\n{escape(presence)}" if presence else ""))
        self._refresh_notes()
        self.refresh_clock()
        at_end = self.check_action("finish_at_end", ())
        if at_end != getattr(self, "_at_end", None):  # the footer offers F on the last step; redrawn only then
            self._at_end = at_end
            self.refresh_bindings()

    def _show_step(self) -> None:
        """Another step: its type's panel takes the middle (and the keys)."""
        panel = self.panels[panel_class_for(self.engine.step)]
        if panel.parent is None:  # a step change before the first paint was done
            self.query_one("#stage").mount(panel)
        if panel is not self.panel:
            self.panel.display = False
            self.panel = panel
        panel.show_step(self.engine.step_index)
        panel.focus()

    def refresh_clock(self) -> None:
        # the title line counts time used, so it moves with the clock
        self.query_one("#title-line", Static).update(views.title_line(self.engine, self.size.width))
        clock = self.query_one("#clock", Digits)
        clock.update(views.clock(self.engine.remaining()))
        state = views.timer_state(self.engine)
        for name in ("normal", "warning", "alert", "overrun"):
            clock.set_class(state == name, f"-{name}")
        note = gettext("running") if self.engine.running() else gettext("paused · space to start")
        if state == "overrun":
            note = gettext("over time") + (" · " + gettext("running") if self.engine.running() else "")
        self.query_one("#clock-note", Static).update(self.panel.clock_note() or note)

    def _refresh_notes(self) -> None:
        panel = self.query_one("#notes-panel")
        if not panel.display:
            return
        step = self.engine.step
        # notes are text someone typed: shown as written, never read as markup
        lines = ["[b]" + gettext("Facilitator notes") + "[/b]",
                 escape(reflow(step.notes)) or "[dim]" + gettext("No notes for this step.") + "[/dim]"]
        mine = [n for n in self.engine.notes(FACILITATOR) if n.step == step.id]
        if mine:
            lines.append("\n[b]" + gettext("Your notes") + "[/b]")
            lines += [f"• {escape(n.text)}" for n in mine]
        self.query_one("#notes", Static).update("\n".join(lines))

    # ---------------------------------------------------------------- guarded changes

    def change(self, change, *args) -> bool:
        """Run an engine change; a refusal is a notification, never a crash."""
        try:
            change(*args)
        except UserError as exc:
            self.notify(str(exc), severity="error", timeout=6)
            return False
        self.refresh_all()
        return True

    def on_key(self, event: events.Key) -> None:
        """A key of another step's panel, pressed here: say where it works instead of doing nothing."""
        if event.key in self.active_bindings:
            return
        here = model.step_type(self.engine.step)
        elsewhere = [(step_type, binding) for step_type, panel in panel_classes().items() if step_type != here
                     for binding in keys.declared(panel) if binding.key == event.key]
        if elsewhere:
            where = " ".join(gettext("At %(a_kind)s step: %(what)s.") % {"a_kind": views.a_step(t), "what": gettext(b.tooltip)}
                             for t, b in elsewhere)
            key = self.app.get_key_display(elsewhere[0][1])
            self.notify(gettext("%(key)s does nothing on %(a_kind)s step. %(where)s")
                        % {"key": key, "a_kind": views.a_step(here), "where": where}, timeout=6)
            event.stop()

    def action_scroll_stage(self, direction: int) -> None:
        self.panel.scroll_relative(y=direction * max(self.panel.size.height - 2, 1), animate=False)

    # ---------------------------------------------------------------- clock and steps

    def action_toggle_timer(self) -> None:
        self.change(self.engine.toggle_timer)

    def action_extend(self, minutes: int) -> None:
        self.change(self.engine.extend_timer, minutes)

    def action_reset_timer(self) -> None:
        self.change(self.engine.reset_timer)

    def action_next(self) -> None:
        if self.engine.step_index == len(self.engine.session.steps) - 1:
            self.notify(gettext("This is the last step. Press F to finish the run."))
            return
        self.move(self.engine.step_index + 1)

    def action_back(self) -> None:
        self.move(max(self.engine.step_index - 1, 0))

    def action_goto(self) -> None:
        choices = [(s.id, f"{i + 1}. {s.title}") for i, s in enumerate(self.engine.session.steps)]

        def chosen(step_id: str | None) -> None:
            if step_id:
                self.move(step_id)

        self.app.push_screen(Choose(gettext("Go to step"), choices), chosen)

    def move(self, target: int | str) -> None:
        """Go to a step. Onto a reveal while someone is still writing, ask once, naming them:
        reveal without them (closing their reflection), or keep it hidden."""
        try:
            here = self.engine.index_of(target) == self.engine.step_index
        except UserError as exc:
            self.notify(str(exc), severity="error", timeout=6)
            return
        waiting = [] if here else self.engine.waiting_for(target)
        self.unless_someone_writes(waiting, lambda close: self.change(
            lambda: self.engine.jump(target, close_missing=close)))

    def unless_someone_writes(self, waiting: list[str], reveal: Callable[[bool], object]) -> None:
        """`reveal(False)` when nobody is `waiting`; else ask whether to close it for them:
        `reveal(True)` on y, `reveal(False)` on n (their reflection stays hidden)."""
        if not waiting:
            reveal(False)
            return
        question = ngettext("%(names)s has not finished. Reveal without them?",
                            "%(names)s have not finished. Reveal without them?", len(waiting))
        self.app.push_screen(Confirm(question % {"names": views.named(self.engine, waiting)},
                                     yes=gettext("reveal now, closing their reflection"),
                                     no=gettext("not yet: it stays hidden")),
                             lambda yes: reveal(bool(yes)))

    # ---------------------------------------------------------------- answers

    def action_enter_answers(self) -> None:
        step = self.engine.step
        if not getattr(step, "questions", None):
            self.notify(gettext("This step has no questions to answer."))
            return
        sealed = self.engine.sealing(step.id)
        if sealed is None:
            self.choose_sheet()
            return
        said = {"step": step.title, "time": sealed.at[11:16]}

        def late(yes: bool | None) -> None:
            if yes:
                self.choose_sheet(late=True)
            else:
                self.notify((gettext("Nothing changed: “%(step)s” was revealed at %(time)s.") if sealed.at
                             else gettext("Nothing changed: “%(step)s” was revealed.")) % said)

        question = gettext("“%(step)s” was revealed at %(time)s; its answers are sealed. Enter a late answer? It will"
                           " be marked “entered after the reveal”.") if sealed.at else \
            gettext("“%(step)s” was revealed; its answers are sealed. Enter a late answer? It will be marked"
                    " “entered after the reveal”.")
        self.app.push_screen(Confirm(question % said, yes=gettext("enter a late answer"),
                                     no=gettext("leave the answers as they are")), late)

    def choose_sheet(self, late: bool = False) -> None:
        names = self.engine.workspace.program()
        asked = self.engine.asked(self.engine.step.id)  # a role-play asks whoever plays the role this round
        here = self.engine.present()  # a mentor marked absent (m) has no answers to enter today
        role = self.engine.played_role if self.engine.record.trios else (lambda person: None)
        choices = [(p.person, f"{names.name_of(p.person)} ({self.engine.session.role(role(p.person) or p.role).name})"
                              + ("  ✓ " + gettext("done") if self.engine.done(p.person) else ""))
                   for p in self.engine.record.participants if p.person in here and (p.person in asked or not asked)]

        def chosen(person: str | None) -> None:
            if person:
                self.app.push_screen(AnswerSheet(self.engine, person, late=late), lambda saved: self.refresh_all())

        self.app.push_screen(Choose(gettext("Whose answers? Only that person's answers will be on screen."), choices), chosen)

    # ---------------------------------------------------------------- notes

    def action_toggle_notes(self) -> None:
        panel = self.query_one("#notes-panel")
        panel.display = not panel.display
        self._refresh_notes()

    def action_write_note(self) -> None:
        def written(values: list[str] | None) -> None:
            if values and values[0].strip():
                self.change(self.engine.add_note, values[0])

        self.app.push_screen(Prompt(gettext("Facilitator note (only in your copy)"), [(gettext("Note"), "")]), written)

    # ---------------------------------------------------------------- cohort

    def action_attendance(self) -> None:
        # any step: a cohort meeting takes attendance at its welcome, before the round
        names = self.engine.workspace.program()
        people = [(p.person, names.name_of(p.person)) for p in self.engine.record.participants]

        def saved(present: list[str] | None) -> None:
            if present is not None:
                self.change(self.engine.set_attendance, present)

        self.app.push_screen(Attendance(people, self.engine.record.attendance), saved)

    # ---------------------------------------------------------------- finish, home, help

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "finish_at_end":
            return self.engine.step_index == len(self.engine.session.steps) - 1 and not self.engine.record.is_finished
        if action == "attendance":  # a pair's session has no register to take
            return self.engine.session.kind == "cohort"
        return True

    def action_finish_at_end(self) -> None:
        self.action_finish()

    def action_finish(self) -> None:
        def confirmed(answer: str | None) -> None:
            if answer == "yes":
                if self.change(self.engine.finish):
                    version = self.engine.record.agreement_version
                    self.notify(gettext("Run finished.") + (" " + gettext("Agreement version %(n)s saved.") % {"n": version} if version else ""))

        from facilitator.tui.steps.continuation import finish_warning

        unseen = finish_warning(self.engine)  # a rematch asked for must not end unread
        if unseen:
            self.app.push_screen(Confirm(escape(unseen) + "\n\n" + gettext("Finish this run anyway? It can still be read and printed."),
                                         yes=gettext("finish the run"), no=gettext("not yet")),
                                 lambda yes: confirmed("yes" if yes else None))
            return
        self.app.push_screen(Choose(gettext("Finish this run? It can still be read and printed."),
                                    [("yes", gettext("Yes, finish")), ("no", gettext("Not yet"))]), confirmed)

    def action_home(self) -> None:
        self.app.action_home()

    def action_scan_review(self) -> None:
        from facilitator.tui.scan_review import ScanReview

        self.app.push_screen(ScanReview(self.engine), lambda _: self.refresh_all())

    def action_help(self) -> None:
        self.app.push_screen(Help(keys.help_sections(self)))

    # ---------------------------------------------------------------- printing

    def action_print(self) -> None:
        from facilitator.printing.catalogue import run_menu

        self.app.push_screen(Choose(gettext("Print"), run_menu(self.engine)), self._print_chosen)

    def _print_chosen(self, what: str | None) -> None:
        if what:
            self.notify(gettext("Printing %(what)s… (you can keep working)") % {"what": what.replace('-', ' ')}, timeout=4)
            self.print_in_background(what)

    @work(thread=True, exclusive=False)
    def print_in_background(self, what: str) -> None:
        from facilitator.printing.catalogue import print_for_run

        try:
            path = print_for_run(self.engine, what)
        except UserError as exc:
            self.post_message(Printed(gettext("Not printed: %(why)s") % {"why": exc}, ok=False))
        except Exception as exc:  # a printing failure must not take the session down
            self.post_message(Printed(gettext("Printing failed: %(why)s") % {"why": f"{type(exc).__name__}: {exc}"}, ok=False))
        else:
            self.post_message(Printed(gettext("Printed: %(path)s") % {"path": path}, ok=True))

    def on_printed(self, message: Printed) -> None:
        self.notify(message.text, severity="information" if message.ok else "error", timeout=10)
