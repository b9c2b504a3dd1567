"""Check the system libraries WeasyPrint needs, in one clear line each (used by `make`)."""

from __future__ import annotations

import ctypes.util
import sys

REQUIRED = {
    "pango-1.0": "libpango-1.0-0",
    "pangoft2-1.0": "libpangoft2-1.0-0",
}
RECOMMENDED = {"harfbuzz-subset": "libharfbuzz-subset0"}


def main() -> int:
    missing = [pkg for lib, pkg in REQUIRED.items() if not ctypes.util.find_library(lib)]
    if missing:
        print(
            f"facilitator: missing system package(s) {' '.join(missing)} that printing (WeasyPrint) needs;"
            f" install with: sudo apt-get install {' '.join(missing)}",
            file=sys.stderr,
        )
        return 1
    slow = [pkg for lib, pkg in RECOMMENDED.items() if not ctypes.util.find_library(lib)]
    if slow:
        print(
            f"facilitator: note: {' '.join(slow)} is not installed, so printing PDFs is slower;"
            f" install with: sudo apt-get install {' '.join(slow)}",
            file=sys.stderr,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
