"""The answer sheet's fields: one widget per kind of answer, each checked by values.py as it is typed.

Choices, yes/no and ratings are pick lists (a digit picks by number, space picks the
highlighted point, backspace or 0 clears); multiple choices a list of ticks; counts a number
field that refuses a keystroke that would make it wrong; tables a grid of cells; text and
lists a line. A field never judges a value itself: it asks `values.check_value`, the same
check the engine makes on save. A pick list nobody picked in saves nothing: passing over it
with enter is no answer, least of all its first point.

Enter moves to the next field at once. Keys that arrive in the same burst (a paste, a
fast typist, `tmux send-keys`) were already queued for the field that had focus; each
field passes such keys on to the field that has focus now, so none lands a field behind.
"""

from __future__ import annotations

from typing import Any

from rich.segment import Segment
from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Input, RadioButton, RadioSet, SelectionList, Static
from textual.widgets.option_list import OptionDoesNotExist

from facilitator import model
from facilitator.i18n import gettext
from facilitator.values import BadValue, as_typed, check_value, from_typed, number_rule


class Checked:
    """An answer to one question with the line under it that says why a value was not taken."""

    question: model.Question | None = None
    problem: Static | None = None  # the line under the field that says why a key was refused

    def answer(self) -> Any:  # pragma: no cover - every field says
        raise NotImplementedError

    def say(self, text: str) -> None:
        if self.problem is not None:
            self.problem.update(text)
            self.problem.display = bool(text)

    def refuse(self, candidate: Any) -> bool:
        """True (and the reason shown) when `candidate` is no answer to this field's question."""
        try:
            check_value(self.question, candidate)
        except BadValue as exc:
            self.say(gettext("Not taken: %(why)s") % {"why": exc})
            return True
        self.say("")
        return False

    def recheck(self) -> None:
        """After a change, a refusal still shown is cleared once the value is good (or says the new why)."""
        if self.problem is not None and self.problem.display and self.question is not None:
            self.refuse(self.answer())


class Field(Checked):
    """What every focusable sheet field adds: keys that stay in order in a burst."""

    async def _on_key(self, event: events.Key) -> None:
        widget: Widget = self  # type: ignore[assignment]
        focused = widget.screen.focused
        if focused is not None and focused is not widget:
            # typed after enter moved on, before this field read it: it belongs to the field with focus
            event.stop()
            event.prevent_default()
            focused._forward_event(events.Key(event.key, event.character))
            return
        if event.key in ("enter", "tab", "shift+tab"):
            event.stop()
            event.prevent_default()
            if event.key == "enter":
                mover = getattr(widget.screen, "move_on", None)
                if mover is not None:
                    mover(widget)
            elif event.key == "tab":
                widget.screen.focus_next()
            else:
                widget.screen.focus_previous()
            return
        if self.own_key(event):
            event.stop()
            event.prevent_default()
            return
        own = widget._bindings.key_to_bindings.get(event.key)
        if own:
            # the field's own keys (backspace, arrows) act now, in turn with the keys typed around
            # them, not when the key has bubbled up to the app after the rest of the burst
            event.stop()
            event.prevent_default()
            await widget.run_action(own[0].action)

    def own_key(self, event: events.Key) -> bool:
        """A key this kind of field reads itself (a digit in a pick list); True when taken."""
        return False


class LineField(Field, Input):
    """A line of text; lists separated by ;, table rows by ; and cells by |."""

    def __init__(self, question: model.Question | None, value: str = "", **options) -> None:
        Input.__init__(self, value=value, **options)
        self.question = question

    def answer(self) -> Any:
        return from_typed(self.question, self.value) if self.question else self.value

    def on_input_changed(self, event: Input.Changed) -> None:
        self.recheck()


class CountField(LineField):
    """A whole number: a key that would make it something else, or out of range, is refused."""

    def replace(self, text: str, start: int, end: int) -> None:
        value = self.value
        start, end = sorted((max(0, start), min(len(value), end)))
        candidate = f"{value[:start]}{text}{value[end:]}"
        if not self.refuse(from_typed(self.question, candidate)):
            super().replace(text, start, end)

    def restricted(self) -> None:
        pass  # refuse() has said why


class CheckedLine(LineField):
    """A date or a number: checked at every keystroke, and what is wrong said under it while typed.

    Unlike a count it lets a key through that makes the value wrong for now: "2026-1" is on its
    way to a date, "-" to a number below zero; the line under the field says what is still needed."""

    def on_input_changed(self, event: Input.Changed) -> None:
        event.prevent_default()  # LineField's recheck would word it as a refusal: it is only not done yet
        try:
            check_value(self.question, self.answer())
        except BadValue as exc:
            self.say(gettext("Not valid yet: %(why)s") % {"why": exc})
        else:
            self.say("")


class Point(RadioButton):
    """A radio button whose mark is there only when picked: not told by colour alone."""

    @property
    def BUTTON_INNER(self) -> str:  # noqa: N802 - ToggleButton reads it by this name
        return "●" if self.value else " "


class PointPick(Field, RadioSet):
    """One of a few points: the options of a choice, yes or no, a rating's scale.

    `points` are (value, label); a digit picks the point of that number (a rating's own
    value, an option's place), space the highlighted one; backspace, delete or 0 clears it.
    Enter only moves on: the highlight is where the cursor rests, not an answer."""

    def __init__(self, question: model.Question, points: list[tuple[Any, str]], picked: Any, **options) -> None:
        self.points = points
        self.picked: int | None = next((i for i, (v, _) in enumerate(points) if v == picked), None)
        buttons = [Point(label, value=i == self.picked) for i, (_, label) in enumerate(points)]
        RadioSet.__init__(self, *buttons, **options)
        self.question = question
        self.typed = ""  # digits typed so far, so 1 then 0 picks 10 on a 0-10 scale

    def answer(self) -> Any:
        if self.picked is None:
            return from_typed(self.question, "")
        return self.points[self.picked][0]

    def on_mount(self) -> None:
        if self.picked is not None:  # after RadioSet's own mount, which highlights the first point
            self.call_later(setattr, self, "_selected", self.picked)

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        self.picked = event.index  # a click
        self.say("")

    def pick(self, index: int | None) -> None:
        # set here and now, not through RadioSet's messages: a save typed in the same burst reads it
        self.picked = index
        buttons = list(self.query(RadioButton))
        with self.prevent(RadioButton.Changed):
            for i, button in enumerate(buttons):
                button.value = i == index
        self._pressed_button = buttons[index] if index is not None else None
        if index is not None:
            self._selected = index
        self.say("")

    def own_key(self, event: events.Key) -> bool:
        if event.key == "space":
            if self._selected is not None:
                self.pick(self._selected)
            return True
        if event.key in ("backspace", "delete") or (event.character == "0" and not self.typed
                                                     and 0 not in [v for v, _ in self.points]):
            self.pick(None)
            self.typed = ""
            return True
        if event.character and event.character.isdigit():
            return self._digit(event.character)
        if event.character and event.character.isalpha() and event.character.isprintable():
            return self._letter(event.character.lower())
        return False

    def _digit(self, digit: str) -> bool:
        typed = self.typed + digit
        number = int(typed)
        if isinstance(self.question, model.RatingQuestion):
            candidate, where = number, [v for v, _ in self.points]
        else:
            where = list(range(1, len(self.points) + 1))
            candidate = self.points[number - 1][0] if 0 < number <= len(self.points) else None
        if number in where:
            self.pick(where.index(number))
            # keep the digit only while a longer number could still follow (1 → 10)
            self.typed = typed if any(str(w).startswith(typed) and w != number for w in where) else ""
            return True
        self.typed = ""
        if typed != digit:
            return self._digit(digit)
        if candidate is None:
            self.say(gettext("Not taken: there is no option %(n)s; pick 1-%(last)s") % {"n": number, "last": len(self.points)})
        else:
            self.refuse(candidate)
        return True

    def _letter(self, letter: str) -> bool:
        if isinstance(self.question, model.YesNoQuestion) and letter in "yn":
            self.pick(0 if letter == "y" else 1)
            return True
        self.say(gettext("Not taken: pick with the arrows and space, or type the number of a point"))
        return True


class ManyPick(Field, SelectionList):
    """Any of the options of a multiple choice: space ticks, a digit ticks that option, backspace unticks all."""

    def __init__(self, question: model.MultiQuestion, picked: list[str] | None, **options) -> None:
        chosen = set(picked or ())
        SelectionList.__init__(self, *[(f"{i + 1}  {o}", o, o in chosen) for i, o in enumerate(question.options)],
                               **options)
        self.question = question

    def render_line(self, y: int) -> Strip:
        # the tick is drawn only where ticked, so it does not rest on colour alone
        strip = super().render_line(y)
        try:
            ticked = self.get_option_at_index(self.scroll_offset.y + y).value in self.selected
        except OptionDoesNotExist:
            return strip
        segments = list(strip)
        if len(segments) > 3:
            segments[1] = Segment("✓" if ticked else " ", segments[1].style)
        return Strip(segments)

    def answer(self) -> Any:
        picked = set(self.selected)
        return [o for o in self.question.options if o in picked]  # in the session's order

    def on_selection_list_selected_changed(self, event: SelectionList.SelectedChanged) -> None:
        self.say("")

    def own_key(self, event: events.Key) -> bool:
        if event.key in ("backspace", "delete") or event.character == "0":
            self.deselect_all()
            self.say("")
            return True
        if event.character and event.character.isdigit():
            number = int(event.character)
            if 0 < number <= len(self.question.options):
                self.toggle(self.question.options[number - 1])
                self.highlighted = number - 1
                self.say("")
            else:
                self.say(gettext("Not taken: there is no option %(n)s; tick 1-%(last)s")
                         % {"n": number, "last": len(self.question.options)})
            return True
        return False


CELL_MAX = 200  # as in an agreement's table term (term_editor.py): a cell is a phrase


class TableCell(LineField):
    """One cell of a table answer: enter or tab to the next cell, up and down to the row above or below."""

    def __init__(self, grid: TableField, value: str, **options) -> None:
        super().__init__(None, value=value, max_length=CELL_MAX, select_on_focus=False, compact=True, **options)
        self.grid = grid

    def own_key(self, event: events.Key) -> bool:
        if event.key in ("up", "down"):
            self.grid.move(self, -1 if event.key == "up" else 1)
            return True
        return False

    def on_input_changed(self, event: Input.Changed) -> None:
        self.grid.recheck()


class TableField(Checked, Vertical):
    """A table question as rows × columns, one cell each, like a table term of an agreement.

    The question's `rows` are there to fill (more when a stored answer has more); blank rows
    are no rows. Stored as values.py keeps tables: a list of rows, each a list of cells."""

    def __init__(self, question: model.TableQuestion, stored: list[list[str]] | None, **options) -> None:
        Vertical.__init__(self, **options)
        self.question = question
        width = len(question.columns)
        rows = [list(r) + [""] * (width - len(r)) for r in (stored or [])]
        self.rows = rows + [[""] * width for _ in range(question.rows - len(rows))]

    def compose(self) -> ComposeResult:
        with Horizontal(classes="table-head"):
            for column in self.question.columns:
                yield Static(column, markup=False)
        for row in self.rows:
            with Horizontal(classes="table-row"):
                for cell in row:
                    yield TableCell(self, cell, classes="field cell")

    def grid(self) -> list[list[TableCell]]:
        return [list(row.query(TableCell)) for row in self.query(".table-row")]

    def answer(self) -> Any:
        return [[cell.value.strip() for cell in row] for row in self.grid()]

    def focus(self, scroll_visible: bool = True) -> TableField:
        self.grid()[0][0].focus(scroll_visible)  # a refused table puts the cursor in its first cell
        return self

    def move(self, cell: TableCell, by: int) -> None:
        grid = self.grid()
        r = next(i for i, row in enumerate(grid) if cell in row)
        if 0 <= r + by < len(grid):
            self.screen.set_focus(grid[r + by][grid[r].index(cell)])


def field_for(question: model.Question, stored: Any, **options) -> Widget:
    """The field that fits `question`, holding the `stored` answer."""
    match question:
        case model.RatingQuestion(scale=s):
            labels = s.labels or [_scale_end(s.low) if v == s.min else _scale_end(s.high) if v == s.max else ""
                                  for v in range(s.min, s.max + 1)]
            points = [(v, f"{v} {label}".strip()) for v, label in zip(range(s.min, s.max + 1), labels)]
            wide = sum(len(label) + 6 for _, label in points) > 72
            return PointPick(question, points, stored, classes="field rating" + ("" if wide else " across"),
                             **options)
        case model.ChoiceQuestion(options=choices):
            return PointPick(question, [(o, f"{i + 1}  {o}") for i, o in enumerate(choices)], stored,
                             classes="field choice", **options)
        case model.YesNoQuestion():
            return PointPick(question, [(True, gettext("yes")), (False, gettext("no"))], stored, classes="field choice across",
                             **options)
        case model.MultiQuestion():
            return ManyPick(question, stored, classes="field multi", **options)
        case model.TableQuestion():
            return TableField(question, stored, classes="table-answer", **options)
        case model.CountQuestion():
            return CountField(question, as_typed(question, stored), classes="field count", compact=True, **options)
        case model.NumberQuestion() | model.DateQuestion():
            return CheckedLine(question, as_typed(question, stored), classes="field line short", compact=True,
                               **options)
        case _:
            return LineField(question, as_typed(question, stored), classes="field line", compact=True, **options)


def _scale_end(label: str) -> str:
    """The built-in ends of a rating scale in the app's language; a session's own as written."""
    return gettext(label) if label in (model.AGREE_LOW, model.AGREE_HIGH) else label


def hint(question: model.Question) -> str:
    """How to answer with the keyboard, under the question."""
    match question:
        case model.RatingQuestion(scale=s):
            return gettext("%(min)s-%(max)s: type the number or pick with ←/→ and space · backspace or 0: not answered") \
                % {"min": s.min, "max": s.max}
        case model.YesNoQuestion():
            return gettext("one: type y or n, or pick with ↑/↓ and space · backspace or 0: not answered")
        case model.ChoiceQuestion():
            return gettext("one: type the number, or pick with ↑/↓ and space · backspace or 0: not answered")
        case model.MultiQuestion():
            return gettext("any: space or the number ticks and unticks · backspace or 0: none")
        case model.CountQuestion(max=m):
            return gettext("a whole number 0-%(max)s") % {"max": m}
        case model.NumberQuestion():
            return number_rule(question)
        case model.DateQuestion():
            return gettext("a date as year-month-day, e.g. 2026-12-01 · blank: not answered")
        case model.ListQuestion(items=n):
            return gettext("up to %(n)s, separated with ;") % {"n": n}
        case model.TableQuestion(columns=c):
            return gettext("a row per line: enter or tab to the next cell · ↑/↓ the row above or below")
        case _:
            return ""
