"""Where the facilitator's workspace lives (--workspace, FACILITATOR_HOME, or the user data
dir), and the names of the places inside it."""

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


class Inside:
    """A place inside the workspace, named once: `records_dir = Inside("records")`."""

    def __init__(self, name: str):
        self.name = name

    def __get__(self, workspace, owner=None) -> Path:
        return self if workspace is None else workspace.root / self.name
