"""Pictures in the terminal (a scanned write-in box beside its field), when textual-image is
installed (the `scan` extra).

textual-image asks the terminal what it can draw (Sixel, Kitty's graphics protocol, else
half-cell blocks) when it is first imported, by writing a query and reading the answer from
the terminal: that must happen before the app takes the terminal over, so `prepare()` is
called before the app runs, never from inside a screen.
"""

from __future__ import annotations

from typing import Any

_IMAGE: Any = None
_TRIED = False


def prepare() -> None:
    global _IMAGE, _TRIED
    if _TRIED:
        return
    _TRIED = True
    try:
        from textual_image.widget import Image
    except Exception:  # not installed, or a terminal that answers nonsense: the viewer key still works
        return
    _IMAGE = Image


def picture(path: str, width: int, most_rows: int) -> Any:
    """A widget showing the image at `path` `width` cells wide, or None where pictures cannot be shown."""
    prepare()
    if _IMAGE is None:
        return None
    try:
        from PIL import Image as Pil

        with Pil.open(path) as opened:
            w, h = opened.size
        shown = _IMAGE(path)
    except Exception:  # an unreadable file: said by the detail text, which names it
        return None
    shown.styles.width = width
    # as tall as the box's shape asks at that width: a cell is about twice as tall as it is wide
    shown.styles.height = max(2, min(most_rows, round(width * h / max(1, w) / 2)))
    return shown
