"""Where the facilitator's workspace lives: --workspace, FACILITATOR_HOME, or the user data dir."""

from __future__ import annotations

import os
from pathlib import Path


def workspace_root(option: str | None = None) -> Path:
    if option:
        return Path(option).expanduser()
    env = os.environ.get("FACILITATOR_HOME")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("facilitator", appauthor=False))
