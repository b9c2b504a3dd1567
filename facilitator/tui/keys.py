"""Keys are described once, in their Binding (`tooltip`): help, palette and notices read them.

The footer shows a binding's short `description`; the help screen and the command palette
list every active binding that has a tooltip, nearest first (the step panel, the screen,
the app), so a key added to a panel is in the help and the palette on that step only.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.dom import DOMNode
from textual.events import Resize
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from facilitator.i18n import N_, gettext

# the app and the room view toggle the same theme with the same key
CONTRAST_KEY = Binding("ctrl+t", "toggle_contrast", N_("Contrast"), show=False,
                       tooltip=N_("high-contrast theme on or off, for a projector in a bright room"))

NOT_IN_PALETTE = {"command_palette", "quit"}  # Textual's own palette lists quitting already


class KeysFooter(Footer):
    """The footer of every screen. On a narrow terminal its keys sit closer together, the
    palette key is left out (ctrl+p still opens it) and, where the keys still do not fit, so are
    those a facilitator reaches least (a minute more, a step back, print, notes: the help lists
    them), so that "? Help" and "^q Quit" stay on screen at 80 columns, in English and in longer
    languages, beside a step's own keys."""

    NARROW = 110  # columns below which the keys are packed
    GIVE_WAY = ("extend(1)", "back", "print", "toggle_notes")  # first to go, while the keys do not fit

    def on_mount(self) -> None:
        self._fit(self.app.size.width)

    def on_resize(self, event: Resize) -> None:
        self._fit(event.size.width)

    def _fit(self, width: int) -> None:
        narrow = width < self.NARROW
        if narrow != self.compact or narrow:  # a narrow footer chooses its keys anew at each width
            self.compact = narrow
            self.show_command_palette = not narrow
            self.call_after_refresh(self.recompose)

    def compose(self):  # type: ignore[override]
        shown = list(super().compose())
        if self.compact:
            def width(keys: list) -> int:
                return sum(len(k.key_display) + len(k.description) + 2 for k in keys if isinstance(k, FooterKey))

            for action in self.GIVE_WAY:
                if width(shown) <= self.app.size.width:
                    break
                shown = [w for w in shown if not (isinstance(w, FooterKey) and w.action == action)]
            self.styles.grid_size_columns = len(shown)  # one column a key (no palette key when narrow)
        yield from shown


@dataclass
class Key:
    node: DOMNode  # whose action the key runs
    binding: Binding
    display: str  # every key bound to it, as the footer writes them: "+ / =", "?"


def translate(node: DOMNode) -> None:
    """The node's keys described in the app's language: a Binding is made once, with the class,
    in English (N_), so each node swaps its own copies for translated ones (the class's stay)."""
    from dataclasses import replace

    from facilitator import i18n

    if i18n.current() == "en":
        return

    def word(text: str) -> str:  # a key's word in context first: a key's "Start" is a verb, a sheet's a noun
        keyed = i18n.pgettext("key", text)
        return keyed if keyed != text else i18n.gettext(text)

    node._bindings.key_to_bindings = {
        key: [replace(b, description=word(b.description) if b.description else b.description,
                      tooltip=word(b.tooltip) if b.tooltip else b.tooltip) for b in found]
        for key, found in node._bindings.key_to_bindings.items()}


def _key_words() -> tuple[str, ...]:
    """Key words the paper uses too, where German (say) needs another word: in the catalogue
    with the context "key" (never called; the extractor reads it)."""
    from facilitator.i18n import pgettext

    return (pgettext("key", "Start"), pgettext("key", "Home"), pgettext("column", "Next"),
            # Textual's own command palette key, added by the app in English
            pgettext("key", "palette"), pgettext("key", "Open the command palette"),
            # the run screen's ten keys must fit 80 columns: German takes its shorter key words
            pgettext("key", "Answers"), pgettext("key", "Quit"))


def described(screen: Screen) -> list[Key]:
    """The screen's live bindings that carry a description, nearest the focus first."""
    keys: dict[tuple[int, str], Key] = {}
    for active in screen.active_bindings.values():
        binding = active.binding
        if not binding.tooltip or binding.system or active.node.check_action(binding.action, ()) is False:
            continue  # a key this session has no use for is not offered
        display = screen.app.get_key_display(binding)
        found = keys.get((id(active.node), binding.action))
        if found is None:
            keys[(id(active.node), binding.action)] = Key(active.node, binding, display)
        elif display not in found.display.split(" / "):
            found.display += f" / {display}"
    return list(keys.values())


def help_sections(screen: Screen) -> list[tuple[str, list[tuple[str, str]]]]:
    """The help screen's text: one section per node (this step, the screen, the app)."""
    sections: dict[int, tuple[str, list[tuple[str, str]]]] = {}
    for key in described(screen):
        title, lines = sections.setdefault(id(key.node), (_heading(key.node), []))
        lines.append((key.display, key.binding.tooltip))
    return list(sections.values())


def _heading(node: DOMNode) -> str:
    heading = getattr(node, "help_heading", None)
    if heading:
        return heading
    if isinstance(node, App):
        return gettext("Anywhere")
    return gettext("On this screen")


def palette(screen: Screen) -> Iterator[SystemCommand]:
    """A palette command for every described key of the screen."""
    for key in described(screen):
        if key.binding.action in NOT_IN_PALETTE:
            continue
        text = key.binding.tooltip
        yield SystemCommand(text[:1].upper() + text[1:], f"{key.display} · {_heading(key.node).lower()}",
                            lambda k=key: k.node.run_action(k.binding.action))


def declared(cls: type[DOMNode]) -> list[Binding]:
    """The described bindings a class declares, its bases' included (before any instance exists)."""
    found: list[Binding] = []
    for base in reversed(cls.__mro__):
        found += [b for b in Binding.make_bindings(base.__dict__.get("BINDINGS", [])) if b.tooltip]
    return found
