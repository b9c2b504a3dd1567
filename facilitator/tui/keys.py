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

# the app and the room view toggle the same theme with the same key
CONTRAST_KEY = Binding("ctrl+t", "toggle_contrast", "Contrast", show=False,
                       tooltip="high-contrast theme on or off, for a projector in a bright room")

NOT_IN_PALETTE = {"command_palette", "quit"}  # Textual's own palette lists quitting already


@dataclass
class Key:
    node: DOMNode  # whose action the key runs
    binding: Binding
    display: str  # every key bound to it, as the footer writes them: "+ / =", "?"


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
        return "Anywhere"
    return "On this screen"


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
