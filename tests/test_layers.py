"""The layers hold: import-linter checks the contracts in pyproject.toml; these tests run it, make
sure every module is placed in a layer, and prove at run time what a static graph cannot see."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "facilitator"
HEAVY = ("textual", "weasyprint", "jinja2")
THIS_TREE = {**os.environ, "PYTHONPATH": str(ROOT)}  # the code of this checkout, whatever is installed


def _layers() -> list[set[str]]:
    """The layers contract, top first, each layer as the set of facilitator.X names it places."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]
    [contract] = [c for c in config["contracts"] if c["type"] == "layers"]
    return [{f"facilitator.{name.strip().strip('()')}" for name in re.split(r"[:|]", layer)}
            for layer in contract["layers"]]


def _modules() -> list[str]:
    """Every module and package of facilitator, found by its files so that none is left out."""
    names = []
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        names.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return names


def _placed_by(module: str, layers: list[set[str]]) -> int | None:
    """The index of the layer placing `module`, directly or through its package."""
    for index, layer in enumerate(layers):
        if any(module == name or module.startswith(name + ".") for name in layer):
            return index
    return None


def test_import_contracts_are_kept():
    lint_imports = Path(sys.executable).parent / "lint-imports"
    assert lint_imports.exists(), f"{lint_imports} is missing: pip install -e '.[test]' installs import-linter"
    # run from the root, where it reads the contracts in pyproject.toml and analyses this tree
    result = subprocess.run([str(lint_imports), "--no-cache"], cwd=ROOT, env=THIS_TREE, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_module_is_in_a_layer():
    layers = _layers()
    unplaced = [module for module in _modules() if module != "facilitator" and _placed_by(module, layers) is None]
    assert not unplaced, (
        f"not in any layer: {', '.join(unplaced)}. Add each to `layers` under [tool.importlinter] in "
        "pyproject.toml: in the highest layer it imports from, or a new layer between the layers it "
        "uses and the layers that use it."
    )


def _heavy_modules_loaded(code: str) -> list[str]:
    code += f"\nimport json, sys\nprint(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in {HEAVY!r})))"
    result = subprocess.run([sys.executable, "-c", code], env=THIS_TREE, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.splitlines()[-1])


def test_the_core_and_the_cli_load_no_heavy_library():
    """Every module below printing, and the CLI's entry, at run time (what an installed dependency
    might import behind our back is invisible to import-linter)."""
    layers = _layers()
    below_printing = range(_placed_by("facilitator.printing", layers) + 1, len(layers))
    core = [module for module in _modules() if _placed_by(module, layers) in below_printing]
    assert "facilitator.engine" in core and "facilitator.model" in core
    code = f"import importlib\nfor name in {core + ['facilitator.cli']!r}: importlib.import_module(name)"
    assert _heavy_modules_loaded(code) == []


def test_listing_sessions_loads_neither(tmp_path):
    code = f"from facilitator.cli import main\nassert main(['--workspace', {str(tmp_path)!r}, 'sessions']) == 0"
    assert _heavy_modules_loaded(code) == []


def test_validating_loads_neither():
    session = str(ROOT / "sessions" / "midpoint.toml")
    code = f"from facilitator.cli import main\nassert main(['validate', '--quiet', {session!r}]) == 0"
    assert _heavy_modules_loaded(code) == []
