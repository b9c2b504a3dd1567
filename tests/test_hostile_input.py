"""Hostile input: numbers too long to read, control characters, spreadsheet formulas, crash leftovers."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import sys
import time
from pathlib import Path

import pytest
import tomli_w

from facilitator.exporting import _cell
from facilitator.tomlfile import TEMP_FILE_MAX_AGE, sweep_temp_files, write_atomically

DATA = Path(__file__).parent / "data"
HUGE = "7" * (sys.get_int_max_str_digits() + 700)  # past the limit int() accepts from text


@pytest.fixture
def run_id(workspace, cli) -> str:
    (workspace / "sessions").mkdir()
    shutil.copy(DATA / "pair-review.toml", workspace / "sessions")
    assert cli("pair", "add", "ana-ben", "--mentor", "Ana Ruiz", "--mentee", "Ben Ode").code == 0
    result = cli("start", "pair-review", "--pair", "ana-ben")
    assert result.code == 0, result.err
    return result.out.strip()


def _one_line_naming(result, name: str, line: int) -> None:
    assert result.code == 2, result.err
    assert len(result.err_lines) == 1, result.err_lines
    assert f"{name}:{line}:" in result.err_lines[0] and "digits" in result.err_lines[0], result.err_lines[0]
    assert "Traceback" not in result.err


def _tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


# ---------------------------------------------------------------- a number too long to read


def test_a_huge_number_in_program_toml_is_one_line(cli, workspace, run_id):
    program = workspace / "program.toml"
    program.write_text(program.read_text(encoding="utf-8") + f"size = {HUGE}\n", encoding="utf-8")
    line = program.read_text(encoding="utf-8").count("\n")
    before = _tree(workspace)
    _one_line_naming(cli("pairs"), "program.toml", line)
    assert _tree(workspace) == before


def test_a_huge_number_in_a_session_file_is_one_line(cli, workspace):
    session = workspace / "huge.toml"
    text = (DATA / "pair-review.toml").read_text(encoding="utf-8").replace("minutes = 40", f"minutes = {HUGE}")
    session.write_text(text, encoding="utf-8")
    line = text.splitlines().index(f"minutes = {HUGE}") + 1
    _one_line_naming(cli("validate", session), "huge.toml", line)


def test_a_huge_number_in_a_record_is_one_line(cli, workspace, run_id):
    record = workspace / "records" / f"{run_id}.toml"
    lines = record.read_text(encoding="utf-8").splitlines(keepends=True)
    record.write_text("".join([lines[0], f"step = {HUGE}\n", *lines[1:]]), encoding="utf-8")
    line = 2
    before = _tree(workspace)
    _one_line_naming(cli("resume", run_id, "--print"), f"{run_id}.toml", line)
    assert _tree(workspace) == before


def test_a_huge_number_in_an_answer_sheet_is_one_line(cli, workspace, tmp_path, run_id):
    sheet = tmp_path / "mentee.toml"
    sheet.write_text(f'[answers]\nP-W1 = "fine"\nP-N1 = {HUGE}\n', encoding="utf-8")
    before = _tree(workspace)
    _one_line_naming(cli("import", run_id, "--role", "mentee", sheet), "mentee.toml", 3)
    assert _tree(workspace) == before


# ---------------------------------------------------------------- control characters


@pytest.mark.parametrize("hostile", ["clear\u001b[2J", "nul\u0000here", "bell\u0007", "del\u007f", "csi\u009b2J",
                                     "lone\rreturn"])
@pytest.mark.parametrize("code", ["P-W1", "P-A1", "P-A2"])
def test_control_characters_are_refused_at_import_naming_the_code(cli, workspace, tmp_path, run_id, hostile, code):
    value = [[hostile, "soon"]] if code == "P-A2" else hostile
    sheet = tmp_path / "mentee.toml"
    sheet.write_text(f"[answers]\n{code} = {json.dumps(value)}\n", encoding="utf-8")
    before = _tree(workspace)
    result = cli("import", run_id, "--role", "mentee", sheet)
    assert result.code == 2, result.err
    assert len(result.err_lines) == 1 and f"{code}: contains the control character U+" in result.err_lines[0]
    assert _tree(workspace) == before


def test_control_characters_in_a_list_answer_are_refused(ws):
    from facilitator.engine import RunEngine
    from facilitator.model import ListQuestion
    from facilitator.values import BadValue, check_value

    question = ListQuestion(code="L-1", text="Three things")
    assert check_value(question, ["fine", "also fine"]) == ["fine", "also fine"]
    with pytest.raises(BadValue, match=r"U\+001B"):
        check_value(question, ["fine", "\u001b]0;pwned\u0007"])
    with RunEngine.create(ws, "pair-review", pair="ana-ben") as engine, pytest.raises(BadValue, match="^P-W1: "):
        engine.answer("ana-ruiz", "P-W1", "tab\tis fine, \u001b is not")


def test_line_breaks_and_tabs_stay_and_windows_line_breaks_become_plain(ws):
    from facilitator.engine import RunEngine

    with RunEngine.create(ws, "pair-review", pair="ana-ben") as engine:
        assert engine.answer("ana-ruiz", "P-W1", "one\r\ntwo\tthree\n") == "one\ntwo\tthree\n"


def test_export_never_writes_a_control_character_raw(cli, workspace, run_id):
    """An answer saved before the refusal existed may still hold one: export shows its code instead."""
    _record_holding(workspace, run_id, "old \u001b[2J \u0000 \u009b \r end")
    out = cli("export")
    assert out.code == 0, out.err
    assert not _raw_controls(out.out)
    value = next(r for r in csv.DictReader(io.StringIO(out.out)) if r["code"] == "P-W1")["value"]
    assert value == "old \\x1b[2J \\x00 \\x9b \\x0d end"


def _raw_controls(text: str) -> list[str]:
    return [c for c in text if c not in "\n\t" and (ord(c) < 0x20 or 0x7f <= ord(c) < 0xa0)]


def _record_holding(workspace: Path, run_id: str, value: str) -> None:
    """An answer saved before control characters were refused, written as the old tool wrote it."""
    import tomllib

    record = workspace / "records" / f"{run_id}.toml"
    entry = {"person": "ben-ode", "role": "mentee", "code": "P-W1", "value": value, "at": "2026-11-18T10:00:00",
             "source": "sheet"}
    doc = tomllib.loads(record.read_text(encoding="utf-8"))
    doc.setdefault("entries", []).append(entry)
    doc["revealed"] = ["reflect"]  # shown at the reveal, so export carries it
    record.write_text(tomli_w.dumps(doc), encoding="utf-8")


def test_export_json_escapes_c0_control_characters(cli, workspace, run_id):
    _record_holding(workspace, run_id, "old \u001b[2J \u0000 \r end")
    out = cli("export", "--format", "json")
    assert out.code == 0 and not _raw_controls(out.out)


def test_export_json_escapes_c1_control_characters(cli, workspace, run_id):
    _record_holding(workspace, run_id, "old \u009b2J \u007f end")
    out = cli("export", "--format", "json")
    assert out.code == 0 and not _raw_controls(out.out)


# ---------------------------------------------------------------- spreadsheet formulas


@pytest.mark.parametrize("text", ["=1+1", "+1+1", "-2+3+cmd|' /C calc'!A0", "@SUM(A1)", "\t=1", "\r=1",
                                  " =1+1", "   -2+3", "  @x", " \t=1"])
def test_every_formula_lead_is_neutralised(text):
    cell = _cell(text)
    assert cell.lstrip(" ")[:1] not in ("=", "+", "-", "@", "\t", "\r"), repr(cell)
    assert not cell.startswith(" ") or cell.startswith("'"), repr(cell)


@pytest.mark.parametrize("text", ["plain words", "3 meetings", "a - b", "x=1", "e@mail"])
def test_ordinary_text_is_left_as_it_is(text):
    assert _cell(text) == text


def test_export_neutralises_a_formula_behind_spaces(cli, workspace, tmp_path, run_id):
    sheet = tmp_path / "mentee.toml"
    sheet.write_text('[answers]\nP-W1 = " =1+1"\nP-A1 = "-2+3+cmd|\' /C calc\'!A0"\n', encoding="utf-8")
    assert cli("import", run_id, "--role", "mentee", sheet).code == 0
    values = {r["code"]: r["value"] for r in csv.DictReader(io.StringIO(cli("export", "--include-private").out))}
    assert values == {"P-W1": "' =1+1", "P-A1": "'-2+3+cmd|' /C calc'!A0"}


# ---------------------------------------------------------------- crash leftovers


def _leftover(folder: Path, name: str, age: float) -> Path:
    path = folder / name
    path.write_text("half a record", encoding="utf-8")
    then = time.time() - age
    os.utime(path, (then, then))
    return path


def test_a_crash_leftover_is_swept_at_the_next_write_into_its_folder(tmp_path):
    old = _leftover(tmp_path, ".2026-11-18-pair-review-ana-ben.toml.k3j_9xq2.tmp", TEMP_FILE_MAX_AGE + 30)
    old_lock = _leftover(tmp_path, ".2026-11-18-pair-review-ana-ben.lock.ab12cd34.tmp", 3600)
    write_atomically(tmp_path / "program.toml", "x = 1\n")
    assert not old.exists() and not old_lock.exists()
    assert (tmp_path / "program.toml").read_text() == "x = 1\n"


def test_the_sweep_leaves_a_writer_in_progress_and_files_not_its_own(tmp_path):
    fresh = _leftover(tmp_path, ".program.toml.abcdefgh.tmp", 5)  # another writer, right now
    kept = [
        _leftover(tmp_path, name, 3600)
        for name in ("program.toml.abcdefgh.tmp",  # no leading dot
                     ".program.toml.abcdefg.tmp",  # 7 random characters, not mkstemp's 8
                     ".program.toml.ABCDEFGH.tmp",  # mkstemp never uses capitals
                     ".program.toml.abcdefgh.tmp~", "notes.tmp", ".x.abcdefgh.part", "my.abcdefgh.tmp")
    ]
    folder = tmp_path / ".dir.abcdefgh.tmp"
    folder.mkdir()
    assert sweep_temp_files(tmp_path) == []
    assert fresh.exists() and folder.is_dir() and all(p.exists() for p in kept)


def test_a_record_save_sweeps_the_records_folder(cli, workspace, run_id, tmp_path):
    records = workspace / "records"
    old = _leftover(records, f".{run_id}.toml.zz99zz99.tmp", 600)
    sheet = tmp_path / "mentee.toml"
    sheet.write_text('[answers]\nP-W1 = "fine"\n', encoding="utf-8")
    assert cli("import", run_id, "--role", "mentee", sheet).code == 0
    assert not old.exists()
    assert sorted(p.name for p in records.iterdir()) == [f"{run_id}.toml"]
