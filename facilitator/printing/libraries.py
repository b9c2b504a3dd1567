"""Start the printer faster: answer WeasyPrint's system-library lookups from one read of
the linker cache.

On import, WeasyPrint tries each of Pango, HarfBuzz, fontconfig ... under several names;
every name that misses makes ctypes run `ldconfig -p` again (about 20 ms each, some
twenty times). The linker cache is read once here instead, only while WeasyPrint loads.
"""

from __future__ import annotations

import ctypes.util
import re
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from types import ModuleType


def _linker_cache() -> list[str] | None:
    try:
        out = subprocess.run(["/sbin/ldconfig", "-p"], capture_output=True, text=True, timeout=10,
                             env={"LC_ALL": "C", "LANG": "C"}).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    names = re.findall(r"^\s+(lib\S+)\s+\(([^)]*)\)", out, flags=re.M)
    import platform

    wanted = {"x86_64": "x86-64", "aarch64": "AArch64"}.get(platform.machine())
    return [name for name, flags in names if wanted is None or wanted in flags] or None


@contextmanager
def quick_library_lookup() -> Iterator[None]:
    original = ctypes.util.find_library
    known = _linker_cache()
    if known is None:  # no linker cache to read: leave ctypes as it is
        yield
        return

    def find_library(name: str) -> str | None:
        prefix = f"lib{name}."
        return next((soname for soname in known if soname.startswith(prefix)), None)

    ctypes.util.find_library = find_library
    try:
        yield
    finally:
        ctypes.util.find_library = original


def defer_font_tools() -> None:
    """Keep WeasyPrint from importing fontTools' subsetter and variable-font instancer until one
    is used: a fifth of its start-up, and with libharfbuzz-subset0 and static fonts (the
    bundled Carlito) neither ever is. Each stands in as a module that imports the real one
    the first time it is used; `from X import Y` on it works as on the real one."""
    import importlib
    import sys

    def real(name: str) -> ModuleType:
        if isinstance(sys.modules.get(name), _StandIn):
            del sys.modules[name]
        return importlib.import_module(name)

    if "fontTools.subset" not in sys.modules:
        subset = _StandIn("fontTools.subset")
        subset.__getattr__ = lambda attr: getattr(real("fontTools.subset"), attr)  # type: ignore[method-assign]
        sys.modules["fontTools.subset"] = subset
    if "fontTools.varLib.instancer" not in sys.modules:
        instancer = _StandIn("fontTools.varLib.instancer")
        # WeasyPrint takes this one name at import; it is looked up in the real module when called
        instancer.instantiateVariableFont = lambda *args, **kwargs: real(  # type: ignore[attr-defined]
            "fontTools.varLib.instancer").instantiateVariableFont(*args, **kwargs)
        instancer.__getattr__ = lambda attr: getattr(real("fontTools.varLib.instancer"), attr)  # type: ignore
        sys.modules["fontTools.varLib.instancer"] = instancer


class _StandIn(ModuleType):
    """A module that is not loaded yet (see defer_font_tools)."""
