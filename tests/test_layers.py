"""The core never pays for the app or the printer."""

from __future__ import annotations

import json
import subprocess
import sys

CORE = ["facilitator.cli", "facilitator.model", "facilitator.definitions", "facilitator.library",
        "facilitator.validation", "facilitator.tomlfile", "facilitator.schema", "facilitator.starter"]


def test_core_imports_neither_textual_nor_weasyprint():
    code = (
        "import importlib, json, sys\n"
        f"for name in {CORE!r}: importlib.import_module(name)\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('textual', 'weasyprint', 'jinja2'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert json.loads(out) == []


def test_listing_sessions_loads_neither(tmp_path):
    code = (
        "import sys, json\n"
        "from facilitator.cli import main\n"
        f"main(['--workspace', {str(tmp_path)!r}, 'sessions'])\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'weasyprint'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert json.loads(out.splitlines()[-1]) == []
