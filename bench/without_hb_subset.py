"""Run `facilitator ARGS...` as on a machine without libharfbuzz-subset0 (for `make bench`).

WeasyPrint opens the library through cffi when it is imported; refusing that one name
makes it fall back to fontTools, exactly as where the package is not installed.
"""

from __future__ import annotations

import runpy
import sys

import cffi


def _hide() -> None:
    original = cffi.FFI.dlopen

    def dlopen(self, name, *args, **kwargs):
        if name and "harfbuzz-subset" in str(name):
            raise OSError(f"{name}: hidden for the benchmark")
        return original(self, name, *args, **kwargs)

    cffi.FFI.dlopen = dlopen


if __name__ == "__main__":
    _hide()
    sys.argv = ["facilitator", *sys.argv[1:]]
    runpy.run_module("facilitator", run_name="__main__")
