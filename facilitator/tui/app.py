"""The Textual app: draws engine state and sends it intents; the engine decides."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen
from textual.theme import Theme

from facilitator.i18n import N_
from facilitator import i18n, presentation
from facilitator.errors import UserError
from facilitator.tui.keys import CONTRAST_KEY
from facilitator.workspace import Workspace

# The home screen, the run screen, the engine and the dialogs load when first needed:
# whichever screen opens first should paint as soon as a bare Textual app would.

HIGH_CONTRAST = Theme(
    name="facilitator-contrast",
    primary="#ffff00",
    secondary="#00ffff",
    accent="#ffff00",
    foreground="#ffffff",
    background="#000000",
    surface="#000000",
    panel="#1a1a1a",
    warning="#ffaa00",
    error="#ff3333",
    success="#33ff33",
    dark=True,
)


class FacilitatorApp(App):
    CSS_PATH = "app.tcss"
    TITLE = "facilitator"
    BINDINGS = [
        Binding("ctrl+q", "quit", N_("Quit"), priority=True, tooltip=N_("quit (everything is already saved)")),
        CONTRAST_KEY,
    ]

    def __init__(self, workspace: Workspace, *, run_id: str | None = None, start: dict | None = None,
                 clock: Callable[[], float] = time.time, high_contrast: bool = False) -> None:
        super().__init__()
        from facilitator import i18n
        from facilitator.tui.keys import translate

        i18n.set_default(i18n.choose(None, workspace.root))  # the screens' language: the setting
        translate(self)
        self.workspace = workspace
        self.initial_run = run_id
        self.initial_start = start
        self.clock = clock
        self.engine = None  # the open run's RunEngine
        self.register_theme(HIGH_CONTRAST)
        if high_contrast:
            self.theme = HIGH_CONTRAST.name

    def notify(self, message: str, *, markup: bool = True, **options) -> None:
        # a notice often quotes what someone typed (an option, a code, a file name): it is
        # shown as written, never read as markup (none of ours uses any)
        super().notify(message, markup=False, **options)

    def on_mount(self) -> None:
        # opened on a run, the home screen is built only when it is first wanted: the run
        # screen paints sooner without three tables styled beneath it
        if not (self.initial_run or self.initial_start):
            self._ensure_home()
        if self.initial_run:
            self.open_run(self.initial_run)
        elif self.initial_start:
            self.start_run(**self.initial_start)
        # `make bench` times start-up to the first paint (of the run screen, when one opens: it exits then)
        if os.environ.get("FACILITATOR_EXIT_AFTER_PAINT") and not (self.initial_run or self.initial_start):
            self.call_after_refresh(self.exit)

    # ---------------------------------------------------------------- runs

    def _ensure_home(self) -> None:
        from facilitator.tui.home import HomeScreen

        if not any(isinstance(screen, HomeScreen) for screen in self.screen_stack):
            self.push_screen(HomeScreen(self.workspace))

    def _show(self, engine) -> None:
        from facilitator.tui.run import RunScreen

        self._close_engine()
        self.engine = engine
        self.push_screen(RunScreen(engine))

    def open_run(self, run_id: str) -> None:
        from facilitator.engine import RunEngine

        try:
            engine = RunEngine.open(self.workspace, run_id, clock=self.clock)
        except UserError as exc:
            self._ensure_home()
            self.notify(str(exc), severity="error", timeout=8)
            return
        self._show(engine)

    def start_run(self, session: str, pair: str | None = None, cohort: str | None = None,
                  pairs: list[str] | None = None, *, again: bool = False, guests: dict[str, str] | None = None) -> None:
        """A new run; when the same session is already open for them, ask first (y resumes it).
        A session a guest answers in asks the guest's name first."""
        from facilitator.engine import RunEngine

        try:
            already = [] if again else self.workspace.open_runs_of(self.workspace.library.get(session).id,
                                                                   pair=pair, cohort=cohort, pairs=pairs)
        except UserError as exc:
            self._ensure_home()
            self.notify(str(exc), severity="error", timeout=8)
            return
        if already:
            self._ensure_home()
            from facilitator.tui.modals import ConfirmOrCancel

            r = already[0]
            more = " " + i18n.gettext("(and %(n)s more)") % {"n": len(already) - 1} if len(already) > 1 else ""

            def answered(resume: bool | None) -> None:
                if resume:
                    self.open_run(r.id)
                elif resume is False:
                    self.start_run(session, pair, cohort, pairs, again=True, guests=guests)

            self.push_screen(ConfirmOrCancel(
                i18n.gettext("%(subject)s already has %(session)s open%(more)s: started %(started)s, stopped at step"
                             " %(step)s. Resume it?") % {
                    "subject": presentation.subject(self.workspace.program(), r), "session": r.session_title,
                    "more": more, "started": r.created[:16].replace("T", " "), "step": r.step + 1},
                yes=i18n.gettext("resume it where it stopped"), no=i18n.gettext("start a second run"),
                cancel=i18n.gettext("neither")), answered)
            return
        if guests is None and pair and self._ask_guests(session, pair, again):
            return
        try:
            engine = RunEngine.create(self.workspace, session, pair=pair, cohort=cohort, pairs=pairs, clock=self.clock,
                                      guests=guests)
        except UserError as exc:
            self._ensure_home()
            self.notify(str(exc), severity="error", timeout=8)
            return
        self._show(engine)

    def _ask_guests(self, session: str, pair: str, again: bool) -> bool:
        """Ask the names of the guests the session asks questions (a sponsor); True when asking."""
        from facilitator.guests import asked_guests
        from facilitator.tui.modals import Prompt

        try:
            definition, program = self.workspace.library.get(session), self.workspace.program()
            the_pair = program.pair(pair)
        except UserError:
            return False  # starting says what is wrong
        asked = asked_guests(definition)
        if not asked:
            return False
        self._ensure_home()

        def named(values: list[str] | None) -> None:
            if values is None:
                return
            given = {r.id: " ".join(v.split()) for r, v in zip(asked, values)}
            if not all(given.values()):
                blank = next(r for r in asked if not given[r.id])
                self.notify(i18n.gettext("Nothing started: the %(role)s's name is needed, since they answer"
                                         " questions of their own") % {"role": blank.name.lower()},
                            severity="warning", timeout=8)
                return
            self.start_run(session, pair, again=again, guests=given)

        self.push_screen(Prompt(i18n.gettext("Who joins %(mentor)s & %(mentee)s for %(session)s?") % {
                                    "mentor": program.name_of(the_pair.mentor), "mentee": program.name_of(the_pair.mentee),
                                    "session": definition.title},
                                [(i18n.gettext("%(role)s's name") % {"role": r.name}, "") for r in asked],
                                note=i18n.gettext("They answer their own questions; the name goes on their sheet.")), named)
        return True

    def _close_engine(self) -> None:
        if self.engine is not None:
            self.engine.close()
            self.engine = None

    def action_home(self) -> None:
        from facilitator.tui.home import HomeScreen

        while not isinstance(self.screen, HomeScreen) and len(self.screen_stack) > 1:
            self.pop_screen()
        self._close_engine()
        self._ensure_home()

    def on_unmount(self) -> None:
        self._close_engine()  # every change is already on disk; only the lock is let go

    # ---------------------------------------------------------------- theme and palette

    def action_toggle_contrast(self) -> None:
        self.theme = "textual-dark" if self.theme == HIGH_CONTRAST.name else HIGH_CONTRAST.name

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        from facilitator.tui import keys

        yield from super().get_system_commands(screen)
        yield from keys.palette(screen)  # every described key of the screen: its bindings are the one list


def build_app(workspace: Workspace, *, run_id: str | None = None, session: str | None = None,
              pair: str | None = None, cohort: str | None = None, clock: Callable[[], float] = time.time,
              high_contrast: bool = False) -> FacilitatorApp:
    """The one factory for the command line and the tests."""
    from facilitator.tui.images import prepare

    prepare()  # asks the terminal what pictures it can show, before the app takes it over
    start = {"session": session, "pair": pair, "cohort": cohort} if session else None
    return FacilitatorApp(workspace, run_id=run_id, start=start, clock=clock, high_contrast=high_contrast)
