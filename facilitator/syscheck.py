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
    missing = _not_found(REQUIRED)
    if missing:
        _advise(f"missing system package(s) {' '.join(missing)} that printing (WeasyPrint) needs", missing)
        return 1
    slow = _not_found(RECOMMENDED)
    if slow:
        _advise(f"note: {' '.join(slow)} is not installed, so printing PDFs is slower", slow)
    return 0


def _not_found(libraries: dict[str, str]) -> list[str]:
    """The system packages of those libraries the dynamic loader cannot find."""
    return [package for library, package in libraries.items() if not ctypes.util.find_library(library)]


def _advise(problem: str, packages: list[str]) -> None:
    print(f"facilitator: {problem}; install with: sudo apt-get install {' '.join(packages)}", file=sys.stderr)


if __name__ == "__main__":
    raise SystemExit(main())
