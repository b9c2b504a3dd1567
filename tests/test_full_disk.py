"""A full disk while printing or exporting: one line, exit 2, and no partial file left behind."""

from __future__ import annotations

import pytest

from tests.test_durability import _disk_full


@pytest.mark.parametrize("where", ["fsync", "write"])
@pytest.mark.parametrize("command", [
    ("print", "guide", "pair-review"),
    ("print", "worksheet", "pair-review", "--role", "mentee"),
    ("export",),
    ("export", "--format", "json"),
])
def test_a_full_disk_leaves_no_partial_file(cli, ws, tmp_path, monkeypatch, where, command):
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / ("result.pdf" if command[0] == "print" else "result.txt")
    _disk_full(monkeypatch, where)
    result = cli(*command, "-o", target)
    assert result.code == 2, result.err
    problems = [line for line in result.err_lines if line.startswith("facilitator:")]
    assert len(problems) == 1 and "result" in problems[0] and "Traceback" not in result.err, result.err
    assert list(folder.iterdir()) == []  # neither the file nor a temporary one


def test_the_workspace_out_folder_is_the_owners_only(cli, ws):
    out = ws.root / "out"
    out.mkdir(mode=0o755)
    out.chmod(0o755)  # made by an older version
    assert cli("print", "guide", "pair-review").code == 0
    assert out.stat().st_mode & 0o777 == 0o700
    assert all(p.stat().st_mode & 0o777 == 0o600 for p in out.iterdir())
