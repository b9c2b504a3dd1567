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
from textual.screen import Screen

from facilitator.i18n import N_, gettext

# the app and the room view toggle the same theme with the same key
CONTRAST_KEY = Binding("ctrl+t", "toggle_contrast", N_("Contrast"), show=False,
                       tooltip=N_("high-contrast theme on or off, for a projector in a bright room"))

NOT_IN_PALETTE = {"command_palette", "quit"}  # Textual's own palette lists quitting already


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

    return pgettext("key", "Start"), pgettext("key", "Home"), pgettext("column", "Next")


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
