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


def private_folder(folder: Path) -> None:
    """Make sure `folder` exists for the tool's own files, open to its owner only (0700).

    Created so, and tightened when found open to others: records, agreements and the cache
    hold what people said (run ids alone name pairs and dates). Tightening is best effort:
    a folder someone else owns keeps its mode and the write goes on.
    """
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    mode = folder.stat().st_mode
    if mode & 0o077:
        try:
            folder.chmod(mode & 0o700)
        except OSError:
            pass
