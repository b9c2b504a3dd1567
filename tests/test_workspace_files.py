"""Workspace session and pattern files, as a user meets them: a broken or doubled session file
stops every command that would use its id (one line naming the file, exit 2, nothing
changed) and no other; a replacement that drops codes stored runs hold is named where those
answers would go missing."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from tests.conftest import SESSIONS, run_process

RUN = "midpoint-run"


def snapshot(root: Path) -> dict[str, str]:
    """Every file the user owns (the stamp cache is the tool's, and may be rewritten)."""
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file() and ".cache" not in p.parts}


@pytest.fixture
def home(cli, workspace, tmp_path):
    """A workspace with pair ab, a midpoint run holding Ben's answer to M-R1, and his sheet."""
    assert cli("pair", "add", "ab", "--mentor", "Ana Ruiz", "--mentee", "Ben Ode").code == 0
    started = cli("start", "midpoint", "--pair", "ab")
    assert started.code == 0, started.err
    run = started.out.strip()
    sheet = tmp_path / "ben.toml"
    assert cli("answers", "--run", run, "--role", "mentee", "-o", sheet).code == 0
    text = sheet.read_text(encoding="utf-8").replace('M-W1 = ""', 'M-W1 = "The calls"').replace("M-R1 = 0",
                                                                                                 "M-R1 = 4")
    sheet.write_text(text, encoding="utf-8")
    assert cli("import", run, sheet).code == 0
    (workspace / "sessions").mkdir()
    return workspace, run, sheet


def using_midpoint(run: str, sheet: Path, out: Path) -> list[list[str]]:
    return [
        ["start", "midpoint", "--pair", "ab", "--new"],
        ["resume", run, "--print"],
        ["answers", "midpoint", "--role", "mentee", "-o", str(out / "sheet.toml")],
        ["answers", "--run", run, "--role", "mentee", "-o", str(out / "sheet.toml")],
        ["import", run, str(sheet), "--replace"],
        ["export", "-o", str(out / "all.csv")],
        ["patterns", run],
        ["print", "guide", "midpoint", "-o", str(out / "guide.pdf")],
        ["print", "worksheet", "midpoint", "-o", str(out / "ws.pdf")],
        ["print", "summary", run, "-o", str(out / "summary.pdf")],
    ]


def refused(result, *names: str) -> str:
    assert result.code == 2, (result.code, result.out, result.err)
    assert "Traceback" not in result.err
    assert len(result.err_lines) == 1, result.err_lines
    line = result.err_lines[0]
    assert all(name in line for name in names), line
    return line


def test_a_broken_workspace_session_stops_every_command_that_would_use_it(cli, home, tmp_path):
    workspace, run, sheet = home
    broken = workspace / "sessions" / "midpoint.toml"
    broken.write_text((SESSIONS / "midpoint.toml").read_text(encoding="utf-8").replace(
        'title = "Facilitated midpoint review"', 'title = "  "', 1), encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    before = snapshot(workspace)
    for args in using_midpoint(run, sheet, out):
        line = refused(cli(*args), "sessions/midpoint.toml", "session `midpoint` cannot be used")
        assert "title: blank" in line and "facilitator validate" in line, (args, line)
    assert snapshot(workspace) == before
    assert list(out.iterdir()) == [], "nothing written in place of the refused session"


def test_other_sessions_keep_working_beside_a_broken_one(cli, home, tmp_path):
    workspace, _, _ = home
    (workspace / "sessions" / "midpoint.toml").write_text("id = ", encoding="utf-8")
    listed = cli("sessions")
    assert listed.code == 0
    assert "expectations" in listed.out and "\nmidpoint " not in listed.out
    assert "midpoint.toml" in listed.err
    assert cli("start", "expectations", "--pair", "ab").code == 0
    assert cli("answers", "closing", "--role", "mentor", "-o", tmp_path / "c.toml").code == 0


def test_a_broken_file_that_claims_the_id_under_another_name(cli, home):
    workspace, _, _ = home
    text = (SESSIONS / "midpoint.toml").read_text(encoding="utf-8").replace("purpose =", "purpse =", 1)
    (workspace / "sessions" / "my-review.toml").write_text(text, encoding="utf-8")
    before = snapshot(workspace)
    line = refused(cli("start", "midpoint", "--pair", "ab", "--new"), "sessions/my-review.toml", "`midpoint`")
    assert "did you mean `purpose`" in line
    assert snapshot(workspace) == before


def test_two_files_of_one_id_are_named_by_every_command_that_would_use_it(cli, home, tmp_path):
    workspace, run, sheet = home
    for name in ("midpoint.toml", "midpoint-copy.toml"):
        shutil.copy(SESSIONS / "midpoint.toml", workspace / "sessions" / name)
    out = tmp_path / "out"
    out.mkdir()
    before = snapshot(workspace)
    for args in using_midpoint(run, sheet, out):
        line = refused(cli(*args), "sessions/midpoint-copy.toml", "sessions/midpoint.toml")
        assert "2 files define session `midpoint`" in line, (args, line)
    checked = cli("validate")
    assert checked.code == 2
    # one line names both files: said once, not once for each of them
    assert len(checked.err_lines) == 1 and "2 files define session `midpoint`" in checked.err_lines[0]
    assert "2 files define session `midpoint`" in cli("sessions").err
    assert snapshot(workspace) == before


def test_a_replacement_that_drops_a_stored_code_is_named_where_answers_go_missing(cli, home, tmp_path):
    workspace, run, _ = home
    (workspace / "sessions" / "midpoint.toml").write_text(
        (SESSIONS / "midpoint.toml").read_text(encoding="utf-8").replace('code = "M-R1"\n', 'code = "M-R1B"\n'),
        encoding="utf-8")
    before = snapshot(workspace)
    expected = (f"warning: session `midpoint` no longer asks M-R1, which 1 stored run(s) hold answers to ({run}):"
                " those answers are left out")
    checked = cli("validate")
    assert checked.code == 0 and "midpoint.toml: ok" in checked.out
    assert len(checked.err_lines) == 1
    assert checked.err_lines[0].endswith(f"sessions/midpoint.toml: {expected}; list an old code in its question's"
                                         " `was = [...]` to keep them"), checked.err_lines
    exported = cli("export", "--include-private", "-o", tmp_path / "all.csv")
    assert exported.code == 0
    assert [line for line in exported.err_lines if "warning" in line] == \
        [line for line in exported.err_lines if expected in line] != []
    rows = (tmp_path / "all.csv").read_text(encoding="utf-8")
    assert "M-W1" in rows and "M-R1" not in rows  # the warning says what the file leaves out
    printed = cli("print", "summary", run, "-o", tmp_path / "summary.pdf")
    assert printed.code == 0, printed.err
    assert [line for line in printed.err_lines if expected in line]
    assert (tmp_path / "summary.pdf").read_bytes().startswith(b"%PDF")
    report = cli("print", "report", "-o", tmp_path / "report.pdf")  # the program's figures leave them out too
    assert report.code == 0 and [line for line in report.err_lines if expected in line], report.err
    assert snapshot(workspace) == before


def test_importing_with_a_replacement_that_drops_a_stored_code_says_so(cli, home, tmp_path):
    workspace, run, sheet = home
    (workspace / "sessions" / "midpoint.toml").write_text(
        (SESSIONS / "midpoint.toml").read_text(encoding="utf-8").replace('code = "M-R1"\n', 'code = "M-R1B"\n'),
        encoding="utf-8")
    expected = f"warning: session `midpoint` no longer asks M-R1, which 1 stored run(s) hold answers to ({run})"
    before = snapshot(workspace)
    imported = cli("import", run, sheet)  # Ben's sheet, printed before: it still says M-R1
    assert imported.code == 2
    assert expected in imported.err_lines[0] and "unknown code `M-R1`" in imported.err_lines[-1], imported.err
    assert snapshot(workspace) == before


def test_validate_checks_the_workspace_pattern_file(cli, workspace):
    (workspace / "patterns.toml").write_text('[[patterns]]\nid = "quiet"\nname = "Quiet"\nlevel = "pear"\n',
                                             encoding="utf-8")
    checked = cli("validate")
    assert checked.code == 2
    assert "/patterns.toml: patterns[1].level: unknown value `pear` (did you mean `pair`?)" in checked.err_lines[0]
    assert all("patterns.toml: patterns[1]." in line for line in checked.err_lines), checked.err_lines
    assert "Traceback" not in checked.err


def test_a_real_process_stops_on_the_broken_file(home):
    workspace, run, _ = home
    (workspace / "sessions" / "midpoint.toml").write_text("id = ", encoding="utf-8")
    before = snapshot(workspace)
    result = run_process("print", "summary", run, env={"FACILITATOR_HOME": str(workspace)}, cwd=workspace)
    line = refused(result, "sessions/midpoint.toml")
    assert line.startswith("sessions/midpoint.toml: session `midpoint` cannot be used while this file is broken"
                           " (at line 1:6: TOML syntax error"), line
    assert snapshot(workspace) == before
