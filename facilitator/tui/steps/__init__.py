"""The step panels: one per step type, found by name.

`steps/<type>.py` (the type's tag in facilitator/model.py) defines `Panel`, a `StepPanel`
that owns the step's drawing, actions and keys. A type without a module of its own is
drawn by the plain `StepPanel`. Adding a step type's screen is adding its module.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache

from facilitator import model
from facilitator.tui.steps.base import StepPanel


@cache
def panel_class(step_type: str) -> type[StepPanel]:
    if step_type not in _modules():
        return StepPanel
    return importlib.import_module(f"{__name__}.{step_type}").Panel


@cache
def _modules() -> frozenset[str]:
    return frozenset(m.name for m in pkgutil.iter_modules(__path__) if m.name != "base")


def panel_class_for(step: model.Step) -> type[StepPanel]:
    return panel_class(model.step_type(step))


def panel_classes() -> dict[str, type[StepPanel]]:
    """Every step type's panel (help for keys of other steps, and the README check)."""
    return {t: panel_class(t) for t in model.STEP_TYPES}


def unknown_modules() -> set[str]:
    """Panel modules named after no step type: a typo would otherwise be silently unused."""
    return set(_modules()) - set(model.STEP_TYPES)
