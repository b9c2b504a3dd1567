"""Who is here: one line per person, marked in words (✓ here / ✗ absent), not by colour alone.

A projector washes colours out and the high-contrast theme replaces them, so the mark is
a word and a sign; colour only repeats it.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from facilitator.i18n import N_, gettext

HERE = N_("here")
ABSENT = N_("absent")


def mark(name: str, here: bool) -> Text:
    text = Text()
    # one width for both marks, so the names line up in either language
    words = gettext(HERE), gettext(ABSENT)
    width = max(map(len, words))
    text.append(f"✓ {words[0]:<{width}}" if here else f"✗ {words[1]:<{width}}",
                style="bold green" if here else "bold red")
    text.append("  ")
    text.append(name, style="bold" if here else "")
    return text


def register(people: list[tuple[str, str]], here: set[str]) -> str:
    """Who is here, counted, with the absent named: "2 here · 2 absent: Rajesh Iyer, David Novak"."""
    absent = [name for pid, name in people if pid not in here]
    return gettext("%(here)s here · %(absent)s absent") % {"here": len(people) - len(absent), "absent": len(absent)} \
        + (f": {', '.join(absent)}" if absent else "")


class People(OptionList):
    """Enter saves the dialog; a click on a name turns it between here and absent."""

    BINDINGS = [Binding("enter", "screen.save", N_("Save"), show=False)]


class Attendance(ModalScreen[list[str] | None]):
    """Everyone starts as marked (before attendance is taken: everyone here); space turns
    the selected person between here and absent; enter saves, in the run's order."""

    # no priority bindings: a key taken ahead of the list would overtake the arrow keys
    # typed before it in a burst (down, space must mark the second person, not the first)
    BINDINGS = [
        Binding("escape", "dismiss(None)", N_("Cancel")),
        Binding("space", "toggle", N_("Here/absent")),
    ]

    def __init__(self, people: list[tuple[str, str]], present: list[str]) -> None:
        super().__init__()
        from facilitator.tui.keys import translate

        translate(self)
        self.people = people
        self.here = {pid for pid, _ in people if not present or pid in present}

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(gettext("Who is here?"), classes="dialog-title")
            yield People(*[Option(mark(name, pid in self.here), id=pid) for pid, name in self.people],
                         id="attendance")
            yield Static(id="attendance-count")
            yield Static(gettext("space: here / absent · enter: save · escape: cancel"), classes="hint")

    def on_mount(self) -> None:
        self.query_one(OptionList).highlighted = 0
        self._count()

    def action_toggle(self) -> None:
        options = self.query_one(OptionList)
        index = options.highlighted
        if index is None:
            return
        pid, name = self.people[index]
        self.here ^= {pid}
        options.replace_option_prompt_at_index(index, mark(name, pid in self.here))
        self._count()

    def _count(self) -> None:
        self.query_one("#attendance-count", Static).update(Text(register(self.people, self.here)))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_toggle()  # a click (enter saves, bound on the list)

    def action_save(self) -> None:
        if not self.here:
            self.notify(gettext("Nobody is marked here: mark at least one person here, or press escape."), severity="error")
            return
        self.dismiss([pid for pid, _ in self.people if pid in self.here])
