"""Editing a list or table term as what it is: one field per cell, rows added and removed by key.

What cannot be a cell is refused as it is typed (a field holds at most `CELL_MAX`
characters; a column of ticks takes only a tick), so what is saved is what is seen.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from facilitator.agreements import Items, Table
from facilitator.i18n import N_, gettext
from facilitator.tui.keys import translate

CELL_MAX = 200  # a cell is a phrase; a longer text belongs in a text term
ROWS_MAX = 30  # as many as a printed table question may ask for
# what a column of ticks accepts, letter by letter: x, a tick mark, or yes as it is typed
TICK = r"(?i)(x|✓|✔|\*|y|ye|yes)?"

Edited = tuple[Table | Items, str]


class TermEditor(ModalScreen[Edited | None]):
    """A table (or a list, as a table of one column); returns the term and why it changed, or None."""

    DEFAULT_CSS = """
    TermEditor .term-head { height: auto; }
    TermEditor .term-head Static { width: 1fr; text-style: bold; padding: 0 1; }
    TermEditor .term-row { height: 1; margin-bottom: 1; }
    TermEditor .term-cell { width: 1fr; margin-right: 1; background: $boost; }
    TermEditor .term-cell:focus { background: $accent 30%; }
    TermEditor .term-head .tick, TermEditor .term-cell.tick { width: 14; }
    TermEditor .term-no, TermEditor .term-head .term-no { width: 4; padding: 0; }
    TermEditor #term-rows { height: auto; max-height: 45vh; }
    TermEditor #term-problem { color: $error; height: auto; }
    TermEditor #term-why { margin-bottom: 1; }
    """

    BINDINGS = [
        Binding("escape", "dismiss(None)", N_("Cancel")),
        Binding("ctrl+s", "save", N_("Save"), priority=True),
        Binding("enter", "next_cell", N_("Next cell"), show=False, priority=True),
        Binding("ctrl+n", "add_row", N_("Add row"), priority=True),
        Binding("ctrl+r", "remove_row", N_("Remove row"), priority=True),
        Binding("down", "move(1)", N_("Row below"), show=False, priority=True),
        Binding("up", "move(-1)", N_("Row above"), show=False, priority=True),
    ]

    def __init__(self, title: str, term: Table | Items, help: str = "") -> None:
        super().__init__()
        translate(self)
        self.heading = title
        self.help = help
        self.as_list = isinstance(term, Items)
        table = Table(columns=[gettext("Item")], rows=[[i] for i in term.items]) if isinstance(term, Items) else term
        self.columns = table.columns
        self.rows = [list(r) for r in table.rows] or [[""] * len(self.columns)]
        # a table read as lists of ticks keeps its tick columns to ticks
        self.ticks = set(range(1, len(self.columns))) if table.marked_lists() is not None else set()
        self.made = 0  # ids stay unique as rows come and go

    # ---------------------------------------------------------------- drawing

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="term-dialog"):
            yield Label(self.heading, classes="dialog-title", markup=False)
            if self.help:
                yield Static(self.help, classes="hint", markup=False)
            with Horizontal(classes="term-head"):
                yield Static("", classes="term-no")
                for i, column in enumerate(self.columns):
                    yield Static(column, classes="tick" if i in self.ticks else "", markup=False)
            with VerticalScroll(id="term-rows"):
                for row in self.rows:
                    yield self._row(row)
            yield Static("", id="term-problem")
            yield Label(gettext("Why it changed (optional)"))
            yield Input(id="term-why", max_length=CELL_MAX * 2, compact=True, classes="term-cell")
            yield Static(gettext("enter next · ↑↓ row · ^n add row · ^r remove row · ^s save · escape cancel"),
                         classes="hint")

    def _row(self, cells: list[str]) -> Horizontal:
        self.made += 1
        # select_on_focus off: moving into a cell must not make the next key wipe what it holds
        inputs = [Input(value=cell, max_length=CELL_MAX, restrict=TICK if i in self.ticks else None,
                        select_on_focus=False, compact=True, placeholder=gettext("x or blank") if i in self.ticks else "",
                        classes="term-cell tick" if i in self.ticks else "term-cell")
                  for i, cell in enumerate(cells)]
        return Horizontal(Static("", classes="term-no"), *inputs, classes="term-row", id=f"row-{self.made}")

    def on_mount(self) -> None:
        # a table wants the width: wider and taller than the app's other dialogs (the app's
        # stylesheet outranks this one's defaults, so these are set on the widget)
        dialog = self.query_one("#term-dialog").styles
        dialog.width, dialog.max_width, dialog.max_height = "96%", 160, "100%"
        dialog.padding = (0, 1)
        self._number()
        self.query(".term-cell").first().focus()

    def _number(self) -> None:
        for n, row in enumerate(self.query(".term-row"), 1):
            row.query_one(".term-no", Static).update(f"{n}.")

    # ---------------------------------------------------------------- where the cursor is

    def _grid(self) -> list[list[Input]]:
        return [list(row.query(".term-cell").results(Input)) for row in self.query(".term-row")]

    def _position(self) -> tuple[int, int] | None:
        for r, row in enumerate(self._grid()):
            if self.focused in row:
                return r, row.index(self.focused)  # type: ignore[arg-type]
        return None

    def _refuse(self, why: str) -> None:
        self.query_one("#term-problem", Static).update(why)
        self.app.bell()

    def on_input_changed(self, event: Input.Changed) -> None:
        self.query_one("#term-problem", Static).update("")

    def action_next_cell(self) -> None:
        # a binding, not Input.Submitted: the message would arrive after keys typed in a burst
        # behind the enter, and they would land in this cell
        cells = [cell for row in self._grid() for cell in row] + [self.query_one("#term-why", Input)]
        if self.focused not in cells:
            return
        index = cells.index(self.focused)  # type: ignore[arg-type]
        if index + 1 < len(cells):
            self.set_focus(cells[index + 1])
        else:
            self.action_save()

    # ---------------------------------------------------------------- actions

    def action_move(self, by: int) -> None:
        where = self._position()
        grid = self._grid()
        if where is None or not 0 <= where[0] + by < len(grid):
            return
        self.set_focus(grid[where[0] + by][where[1]])

    async def action_add_row(self) -> None:
        grid = self._grid()
        if len(grid) >= ROWS_MAX:
            self._refuse(gettext("A term holds at most %(n)s rows.") % {"n": ROWS_MAX})
            return
        where = self._position()
        after = self.query(".term-row")[where[0]] if where else None
        row = self._row([""] * len(self.columns))
        await self.query_one("#term-rows").mount(row, after=after)
        self._number()
        self.set_focus(row.query(".term-cell").first())
        row.scroll_visible()

    async def action_remove_row(self) -> None:
        where = self._position()
        if where is None:
            self._refuse(gettext("Move to a row first: ctrl+r removes the row the cursor is in."))
            return
        rows = self.query(".term-row")
        if len(rows) == 1:  # keep one row to type in; emptied, it saves as no rows
            for cell in self._grid()[0]:
                cell.value = ""
            return
        await rows[where[0]].remove()
        self._number()
        grid = self._grid()
        self.set_focus(grid[min(where[0], len(grid) - 1)][where[1]])

    def action_save(self) -> None:
        rows = [[cell.value.strip() for cell in row] for row in self._grid()]
        rows = [row for row in rows if any(row)]
        why = self.query_one("#term-why", Input).value.strip()
        if self.as_list:
            self.dismiss((Items(items=[row[0] for row in rows]), why))
        else:
            self.dismiss((Table(columns=list(self.columns), rows=rows), why))
