"""Where the bundled sessions/ and worksheets/ live, from a checkout or an installed wheel."""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@cache
def bundled(name: str) -> Path:
    """The bundled folder `name` ("sessions" or "worksheets").

    An installed wheel carries it inside the package (force-include); an editable
    install or a checkout finds it beside the package.
    """
    inside = _PACKAGE / "_bundled" / name
    if inside.is_dir():
        return inside
    return _PACKAGE.parent / name
