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
