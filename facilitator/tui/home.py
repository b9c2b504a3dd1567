"""Home: the program, the session library, and the runs left unfinished."""

from __future__ import annotations

import os

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.coordinate import Coordinate
from textual.screen import Screen
from textual.widgets import DataTable, Static

from facilitator import presentation
from facilitator.i18n import N_, gettext, ngettext, pgettext
from facilitator.presentation import KIND_ORDER, pair_names, session_sort_key, subject
from facilitator.tui.keys import KeysFooter, translate
from facilitator.workspace import Workspace

NEXT_SESSION = {None: "expectations", "expectations": "midpoint", "midpoint": "closing", "closing": None}


CURSOR = "▶"


class HomeTable(DataTable):
    """A home table: enter acts on its row (starts or resumes), as the help says.

    The row under the cursor is marked with ▶ in the focused table, not by colour alone
    (a projector or a colour-blind eye may not tell the highlight from a zebra stripe)."""

    BINDINGS = [Binding("enter", "select_cursor", N_("Open"), show=False,
                        tooltip=N_("pairs: start the pair's next session · sessions: start it · runs: resume it"))]
    help_heading = N_("In a table")

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        translate(self)
        self.help_heading = gettext(self.help_heading)
    marked: object = None  # the row key that shows the mark

    def mark_cursor(self, focused: bool | None = None) -> None:
        want = self.key_under_cursor() if (self.has_focus if focused is None else focused) else None
        for key in {self.marked, want} - {None}:
            if key in self.rows:
                self.update_cell(key, "cursor", CURSOR if key == want else " ")
        self.marked = want

    def key_under_cursor(self):
        if not 0 <= self.cursor_row < self.row_count:
            return None
        return self.coordinate_to_cell_key(Coordinate(self.cursor_row, 0)).row_key

    def on_data_table_row_highlighted(self) -> None:
        self.mark_cursor()

    # the wheel scrolls the view, not the cursor: the cursor follows, so the ▶ row stays on screen
    def on_mouse_scroll_down(self) -> None:
        self.call_after_refresh(self._cursor_into_view)

    def on_mouse_scroll_up(self) -> None:
        self.call_after_refresh(self._cursor_into_view)

    def _cursor_into_view(self) -> None:
        top = round(self.scroll_y)
        shown = self.scrollable_content_region.height - (self.header_height if self.show_header else 0)
        if self.row_count and shown > 0 and not top <= self.cursor_row < top + shown:
            self.move_cursor(row=min(max(self.cursor_row, top), top + shown - 1), scroll=False)

    def on_focus(self) -> None:
        self.mark_cursor(True)

    def on_blur(self) -> None:
        self.mark_cursor(False)


class HomeScreen(Screen):
    BINDINGS = [
        Binding("s", "start", N_("Start"), tooltip=N_("start a session for a pair, a cohort or a workshop")),
        Binding("o", "resume", N_("Resume"), tooltip=N_("resume an unfinished run where it stopped")),
        Binding("p", "print", N_("Print"), tooltip=N_("print a run's worksheets, guide, summary, agreement or report")),
        Binding("v", "present", N_("Present"), show=False,
                tooltip=N_("present the room view on a projector: how to open it beside the app")),
        Binding("k", "filter_kind", N_("Filter kind"), tooltip=N_("filter the session library by kind")),
        Binding("r", "refresh_tables", N_("Refresh"), show=False, tooltip=N_("read the workspace again")),
        Binding("tab", "app.focus_next", show=False, tooltip=N_("move to the next table")),
        Binding("shift+tab", "app.focus_previous", show=False, tooltip=N_("move to the previous table")),
        Binding("question_mark", "help", N_("Help"), key_display="?", tooltip=N_("every key that works here")),
    ]
    help_heading = N_("Home")

    def __init__(self, workspace: Workspace) -> None:
        super().__init__()
        translate(self)
        self.help_heading = gettext(self.help_heading)
        self.workspace = workspace
        self.kind: str | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="home-title")
        with Vertical(id="home-body"):
            yield Static(gettext("[b]Pairs[/b]  [dim]enter: start the next session · s: start any[/dim]"),
                         classes="table-title")
            yield HomeTable(id="pairs", cursor_type="row", zebra_stripes=True)
            yield Static(id="sessions-title", classes="table-title")
            yield HomeTable(id="sessions", cursor_type="row", zebra_stripes=True)
            yield Static(gettext("[b]Unfinished runs[/b]  [dim]enter or o: resume where it stopped[/dim]"),
                         classes="table-title")
            yield HomeTable(id="runs", cursor_type="row", zebra_stripes=True)
        yield KeysFooter()

    # the columns that tell rows apart come first: at 80 columns the last ones are cut
    COLUMNS = {"pairs": (N_("Pair"), N_("Mentor & mentee"), N_("Cohort"), N_("Last"), N_("Next")),
               "sessions": (N_("Title"), N_("Kind"), N_("Min"), N_("Id"), N_("Source")),
               "runs": (N_("For"), N_("Session"), N_("Started"), N_("At step"), N_("Run"))}

    def on_mount(self) -> None:
        for table in self.query(HomeTable):
            table.fixed_columns = 1  # scrolled sideways (→, end), the ▶ column stays in view
        self.query_one("#pairs", DataTable).focus()  # the tables fill on_screen_resume, which follows

    def _emptied(self, table_id: str) -> DataTable:
        """The table without rows, its columns made anew: a column only grows, so a long row gone would
        leave it as wide as that row until a restart."""
        table = self.query_one(f"#{table_id}", DataTable)
        table.clear(columns=True)
        table.add_column(" ", key="cursor", width=1)
        for name in self.COLUMNS[table_id]:
            table.add_column(pgettext("column", name) if name == "Next" else gettext(name), key=name)
        return table

    def on_screen_resume(self) -> None:
        self.action_refresh_tables()

    def action_refresh_tables(self) -> None:
        ws = self.workspace
        program = ws.program()
        records, broken = ws.records()
        # the tables refill on every return here (a dialog closing too): each cursor stays on its row
        kept = {t.id: t.key_under_cursor() for t in self.query(HomeTable)}
        self.query_one("#home-title", Static).update(
            f" [b]facilitator[/b] · {program.name} · "
            + ngettext("%(num)d pair", "%(num)d pairs", len(program.pairs)) % {"num": len(program.pairs)} + " · "
            + ngettext("%(num)d cohort", "%(num)d cohorts", len(program.cohorts)) % {"num": len(program.cohorts)})
        pairs = self._emptied("pairs")
        for pair in program.pairs:
            done = [r for r in records if r.pair == pair.id and r.is_finished]
            last = done[-1].kind if done else None
            nxt = NEXT_SESSION.get(last) or "—"
            pairs.add_row(" ", pair.id, pair_names(program, pair.id),
                          pair.cohort or "", last or "—", nxt, key=pair.id)
        if not program.pairs:
            pairs.add_row(" ", "—", gettext("No pairs yet: facilitator pair add ID --mentor NAME --mentee NAME"), "", "", "")
        sessions = self._emptied("sessions")
        entries = sorted(ws.library.entries.values(), key=lambda e: session_sort_key(e.session))
        for e in entries:
            if self.kind is None or e.session.kind == self.kind:
                s = e.session
                sessions.add_row(" ", s.title, s.kind, presentation.minutes_short(s.minutes), s.id, e.source, key=s.id)
        self.query_one("#sessions-title", Static).update(
            gettext("[b]Session library[/b]  [dim]%(kinds)s · k: filter by kind · enter: start[/dim]")
            % {"kinds": gettext("all kinds") if self.kind is None else self.kind})
        runs = self._emptied("runs")
        steps = {e.session.id: e.session.steps for e in ws.library.entries.values()}
        unfinished = [r for r in reversed(records) if not r.is_finished]
        minutes = [r.created[:16] for r in unfinished]
        for r in unfinished:
            at = steps.get(r.session)
            where = f"{r.step + 1}/{len(at)} {at[r.step].title}" if at and r.step < len(at) else f"{r.step + 1}"
            where = where if len(where) <= 18 else where[:17] + "…"
            # two runs started in the same minute are told apart by the second
            started = r.created[:19 if minutes.count(r.created[:16]) > 1 else 16].replace("T", " ")
            runs.add_row(" ", subject(program, r), r.session_title, started, where, r.id, key=r.id)
        for table in (pairs, sessions, runs):
            if kept.get(table.id) in table.rows:
                table.move_cursor(row=table.get_row_index(kept[table.id]), animate=False)
            table.marked = None
            table.mark_cursor()
        for b in broken:
            self.notify(gettext("Cannot read %(file)s (left untouched): %(reason)s") % {"file": b.path.name, "reason": b.reason},
                        severity="warning", timeout=8)

    # ---------------------------------------------------------------- the palette's start, resume, print, present

    def _highlighted(self, table_id: str) -> str | None:
        """The row key under the cursor of that table, if it has focus."""
        table = self.query_one(f"#{table_id}", HomeTable)
        key = table.key_under_cursor() if table.has_focus else None
        return key.value if key is not None else None

    def action_start(self) -> None:
        from facilitator.tui.modals import Choose

        pair = self._highlighted("pairs")
        session = self._highlighted("sessions")
        if pair:
            self._start_for_pair(pair)
        elif session:
            self._start_session(session)
        else:
            entries = sorted(self.workspace.library.entries.values(), key=lambda e: session_sort_key(e.session))
            self.app.push_screen(Choose(gettext("Start which session?"), [(e.session.id, f"{e.session.title} ({e.session.kind},"
                                                                 f" {presentation.minutes_short(e.session.minutes)})") for e in entries]),
                                 lambda chosen: chosen and self._start_session(chosen))

    def _unfinished(self) -> list[tuple[str, str]]:
        records, _ = self.workspace.records()
        program = self.workspace.program()
        return [(r.id, f"{subject(program, r)} · {r.session_title} · "
                       + gettext("started %(started)s") % {"started": r.created[:16].replace("T", " ")}
                       + " · " + gettext("step %(n)s") % {"n": r.step + 1}) for r in reversed(records) if not r.is_finished]

    def action_resume(self) -> None:
        from facilitator.tui.modals import Choose

        run = self._highlighted("runs")
        if run:
            self.app.open_run(run)
            return
        runs = self._unfinished()
        if not runs:
            self.notify(gettext("No run is left unfinished: start one with s."))
            return
        self.app.push_screen(Choose(gettext("Resume which run?"), runs), lambda chosen: chosen and self.app.open_run(chosen))

    def action_print(self) -> None:
        from facilitator.tui.modals import Choose

        records, _ = self.workspace.records()
        program = self.workspace.program()
        runs = [(r.id, f"{subject(program, r)} · {r.session_title} · {r.created[:10]}"
                       + ("" if r.is_finished else " · " + gettext("unfinished"))) for r in reversed(records)]
        if not runs:
            self.notify(gettext("Nothing to print yet: a run's papers are printed from its run."))
            return
        run = self._highlighted("runs")
        if run:
            self._print_menu(run)
        else:
            self.app.push_screen(Choose(gettext("Print for which run?"), runs),
                                 lambda chosen: chosen and self._print_menu(chosen))

    def _print_menu(self, run_id: str) -> None:
        from facilitator.engine import RunEngine
        from facilitator.errors import UserError
        from facilitator.printing.catalogue import run_menu
        from facilitator.tui.modals import Choose

        try:
            # only read, without the lock: the run may be open in the app elsewhere
            with RunEngine.open(self.workspace, run_id, lock=False) as engine:
                menu = run_menu(engine)
        except UserError as exc:
            self.notify(str(exc), severity="error", timeout=8)
            return

        def chosen(what: str | None) -> None:
            if what:
                self.notify(gettext("Printing %(what)s… (you can keep working)") % {"what": what.replace('-', ' ')}, timeout=4)
                self._print(run_id, what)

        self.app.push_screen(Choose(gettext("Print"), menu), chosen)

    @work(thread=True, exclusive=False)
    def _print(self, run_id: str, what: str) -> None:
        from facilitator.engine import RunEngine
        from facilitator.errors import UserError
        from facilitator.printing.catalogue import print_for_run

        try:
            with RunEngine.open(self.workspace, run_id, lock=False) as engine:
                path = print_for_run(engine, what)
        except UserError as exc:
            self.app.call_from_thread(self.notify, gettext("Not printed: %(why)s") % {"why": exc}, severity="error", timeout=10)
        except Exception as exc:  # a printing failure must not take the app down
            self.app.call_from_thread(self.notify, gettext("Printing failed: %(why)s") % {"why": f"{type(exc).__name__}: {exc}"},
                                      severity="error",
                                      timeout=10)
        else:
            self.app.call_from_thread(self.notify, gettext("Printed: %(path)s") % {"path": path}, timeout=10)

    def action_present(self) -> None:
        where = "" if os.environ.get("FACILITATOR_HOME") == str(self.workspace.root) else \
            f" --workspace {self.workspace.root}"
        self.notify(gettext("The room view opens in a terminal of its own: on the projector's window run"
                            " `%(command)s`. It follows the run you open here.") % {"command": f"facilitator present{where}"},
                    timeout=15)

    def action_filter_kind(self) -> None:
        order = [None, *KIND_ORDER]
        self.kind = order[(order.index(self.kind) + 1) % len(order)]
        self.action_refresh_tables()

    def action_help(self) -> None:
        from facilitator.tui.keys import help_sections
        from facilitator.tui.modals import Help

        self.app.push_screen(Help(help_sections(self)))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        key = event.row_key.value
        if key is None:
            return
        table = event.data_table.id
        if table == "runs":
            self.app.open_run(key)
        elif table == "pairs":
            self._start_for_pair(key)
        elif table == "sessions":
            self._start_session(key)

    def _start_for_pair(self, pair_id: str) -> None:
        from facilitator.tui.modals import Choose

        ws = self.workspace
        records, _ = ws.records()
        done = [r for r in records if r.pair == pair_id and r.is_finished]
        suggested = NEXT_SESSION.get(done[-1].kind if done else None)
        sessions = [e.session for e in ws.library.entries.values() if e.session.audience == "pair"]
        sessions.sort(key=lambda s: (s.kind != suggested, *session_sort_key(s)))
        choices = [(s.id, f"{s.title} ({presentation.minutes_short(s.minutes)})" + ("  ← " + gettext("next") if s.kind == suggested else ""))
                   for s in sessions]
        self.app.push_screen(Choose(gettext("Start which session for %(pair)s?") % {"pair": pair_names(ws.program(), pair_id)}, choices),
                             lambda session: session and self.app.start_run(session, pair=pair_id))

    def _start_session(self, session_id: str) -> None:
        from facilitator.tui.modals import Choose

        ws = self.workspace
        session = ws.library.get(session_id)
        program = ws.program()
        choices: list[tuple[str, str]] = []
        if session.audience == "cohort":
            choices = [(f"cohort:{c.id}", gettext("Cohort: %(name)s") % {"name": c.name}) for c in program.cohorts]
        else:
            choices = [(f"pair:{p.id}", f"{p.id}: {pair_names(program, p.id)}")
                       for p in program.pairs]
            choices += [(f"workshop:{c.id}", gettext("Workshop: every pair of %(name)s") % {"name": c.name})
                        for c in program.cohorts]
        if not choices:
            self.notify(gettext("Add a pair first: facilitator pair add ID --mentor NAME --mentee NAME"), severity="warning")
            return

        def chosen(who: str | None) -> None:
            if not who:
                return
            kind, _, ident = who.partition(":")
            if kind == "pair":
                self.app.start_run(session_id, pair=ident)
            elif kind == "cohort":
                self.app.start_run(session_id, cohort=ident)
            else:
                pairs = [p.id for p in program.pairs if p.cohort == ident]
                self.app.start_run(session_id, pairs=pairs)

        self.app.push_screen(Choose(gettext("Run %(session)s for…") % {"session": session.title}, choices), chosen)
