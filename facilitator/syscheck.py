"""Check the system libraries WeasyPrint needs, in one clear line each (used by `make`)."""

from __future__ import annotations

import ctypes.util
import sys

REQUIRED = {
    "pango-1.0": "libpango-1.0-0",
    "pangoft2-1.0": "libpangoft2-1.0-0",
}
RECOMMENDED = {"harfbuzz-subset": "libharfbuzz-subset0"}
# Names and answers in any script print when a system font has them (found through fontconfig):
# one sample character per script, and the Debian package whose fonts cover it.
SCRIPTS = {
    "Arabic": (0x0628, "fonts-noto-core"),
    "Hebrew": (0x05D0, "fonts-noto-core"),
    "Devanagari": (0x0915, "fonts-noto-core"),
    "Chinese, Japanese and Korean": (0x76EE, "fonts-noto-cjk"),
    "emoji": (0x1F389, "fonts-noto-color-emoji"),
}


def main() -> int:
    missing = _not_found(REQUIRED)
    if missing:
        _advise(f"missing system package(s) {' '.join(missing)} that printing (WeasyPrint) needs", missing)
        return 1
    slow = _not_found(RECOMMENDED)
    if slow:
        _advise(f"note: {' '.join(slow)} is not installed, so printing PDFs is slower", slow)
    scripts = _scripts_without_fonts()
    if scripts:
        packages = list(dict.fromkeys(package for _, package in scripts))
        names = ", ".join(name for name, _ in scripts)
        _advise(f"note: no font for {names}: names and answers in them print as empty boxes", packages)
    return 0


def _scripts_without_fonts() -> list[tuple[str, str]]:
    """(script, package) for each script no installed font covers; none when fontconfig cannot say."""
    import shutil
    import subprocess

    if not shutil.which("fc-list"):
        return []
    missing = []
    for name, (code, package) in SCRIPTS.items():
        try:
            found = subprocess.run(["fc-list", f":charset={code:x}", "family"], capture_output=True, text=True,
                                   timeout=10).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            return []
        if not found:
            missing.append((name, package))
    return missing


def _not_found(libraries: dict[str, str]) -> list[str]:
    """The system packages of those libraries the dynamic loader cannot find."""
    return [package for library, package in libraries.items() if not ctypes.util.find_library(library)]


def _advise(problem: str, packages: list[str]) -> None:
    print(f"facilitator: {problem}; install with: sudo apt-get install {' '.join(packages)}", file=sys.stderr)


if __name__ == "__main__":
    raise SystemExit(main())
