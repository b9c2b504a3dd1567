"""Home: the program, the session library, and the runs left unfinished."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from facilitator.presentation import KIND_ORDER, session_sort_key
from facilitator.workspace import Workspace

NEXT_SESSION = {None: "expectations", "expectations": "midpoint", "midpoint": "closing", "closing": None}


class HomeTable(DataTable):
    """A home table: enter acts on its row (starts or resumes), as the help says."""

    BINDINGS = [Binding("enter", "select_cursor", "Open", show=False,
                        tooltip="pairs: start the pair's next session · sessions: start it · runs: resume it")]
    help_heading = "In a table"


class HomeScreen(Screen):
    BINDINGS = [
        Binding("k", "filter_kind", "Filter kind", tooltip="filter the session library by kind"),
        Binding("r", "refresh_tables", "Refresh", show=False, tooltip="read the workspace again"),
        Binding("tab", "app.focus_next", show=False, tooltip="move to the next table"),
        Binding("shift+tab", "app.focus_previous", show=False, tooltip="move to the previous table"),
        Binding("question_mark", "help", "Help", key_display="?", tooltip="every key that works here"),
    ]
    help_heading = "Home"

    def __init__(self, workspace: Workspace) -> None:
        super().__init__()
        self.workspace = workspace
        self.kind: str | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="home-title")
        with Vertical(id="home-body"):
            yield Static("[b]Pairs[/b]  [dim]enter: start the next session[/dim]", classes="table-title")
            yield HomeTable(id="pairs", cursor_type="row", zebra_stripes=True)
            yield Static(id="sessions-title", classes="table-title")
            yield HomeTable(id="sessions", cursor_type="row", zebra_stripes=True)
            yield Static("[b]Unfinished runs[/b]  [dim]enter: resume where it stopped[/dim]", classes="table-title")
            yield HomeTable(id="runs", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#pairs", DataTable).add_columns("Pair", "Mentor & mentee", "Cohort", "Last", "Next")
        self.query_one("#sessions", DataTable).add_columns("Title", "Kind", "Min", "Id", "Source")
        self.query_one("#runs", DataTable).add_columns("For", "Session", "Step", "Run")
        self.query_one("#pairs", DataTable).focus()  # the tables fill on_screen_resume, which follows

    def on_screen_resume(self) -> None:
        self.action_refresh_tables()

    def action_refresh_tables(self) -> None:
        ws = self.workspace
        program = ws.program()
        records, broken = ws.records()
        self.query_one("#home-title", Static).update(
            f" [b]facilitator[/b] · {program.name} · {len(program.pairs)} pairs · {len(program.cohorts)} cohorts")
        pairs = self.query_one("#pairs", DataTable)
        pairs.clear()
        for pair in program.pairs:
            done = [r for r in records if r.pair == pair.id and r.is_finished]
            last = done[-1].kind if done else None
            nxt = NEXT_SESSION.get(last) or "—"
            pairs.add_row(pair.id, f"{program.name_of(pair.mentor)} & {program.name_of(pair.mentee)}",
                          pair.cohort or "", last or "—", nxt, key=pair.id)
        if not program.pairs:
            pairs.add_row("—", "No pairs yet: facilitator pair add ID --mentor NAME --mentee NAME", "", "", "")
        sessions = self.query_one("#sessions", DataTable)
        sessions.clear()
        entries = sorted(ws.library.entries.values(), key=lambda e: session_sort_key(e.session))
        for e in entries:
            if self.kind is None or e.session.kind == self.kind:
                s = e.session
                sessions.add_row(s.title, s.kind, f"{s.minutes}'", s.id, e.source, key=s.id)
        self.query_one("#sessions-title", Static).update(
            f"[b]Session library[/b]  [dim]{'all kinds' if self.kind is None else self.kind} · k: filter by kind"
            " · enter: start[/dim]")
        runs = self.query_one("#runs", DataTable)
        runs.clear()
        for r in reversed(records):
            if not r.is_finished:
                runs.add_row(r.subject, r.session_title, f"{r.step + 1}", r.id, key=r.id)
        for b in broken:
            self.notify(f"Cannot read {b.path.name} (left untouched): {b.reason}", severity="warning", timeout=8)

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
        choices = [(s.id, f"{s.title} ({s.minutes}')" + ("  ← next" if s.kind == suggested else ""))
                   for s in sessions]
        self.app.push_screen(Choose(f"Start which session for {pair_id}?", choices),
                             lambda session: session and self.app.start_run(session, pair=pair_id))

    def _start_session(self, session_id: str) -> None:
        from facilitator.tui.modals import Choose

        ws = self.workspace
        session = ws.library.get(session_id)
        program = ws.program()
        choices: list[tuple[str, str]] = []
        if session.audience == "cohort":
            choices = [(f"cohort:{c.id}", f"Cohort: {c.name}") for c in program.cohorts]
        else:
            choices = [(f"pair:{p.id}", f"{p.id}: {program.name_of(p.mentor)} & {program.name_of(p.mentee)}")
                       for p in program.pairs]
            choices += [(f"workshop:{c.id}", f"Workshop: every pair of {c.name}") for c in program.cohorts]
        if not choices:
            self.notify("Add a pair first: facilitator pair add ID --mentor NAME --mentee NAME", severity="warning")
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

        self.app.push_screen(Choose(f"Run {session.title} for…", choices), chosen)
