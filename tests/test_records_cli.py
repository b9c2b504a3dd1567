"""Pairs, runs, answer sheets, import and export, used from the command line."""

from __future__ import annotations

import csv
import io
import json
import shutil
import tomllib
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"


@pytest.fixture
def run_id(workspace, cli) -> str:
    (workspace / "sessions").mkdir()
    shutil.copy(DATA / "pair-review.toml", workspace / "sessions")
    assert cli("pair", "add", "ana-ben", "--mentor", "Ana Ruiz", "--mentee", "Ben Ode", "--cohort", "spring").code == 0
    result = cli("start", "pair-review", "--pair", "ana-ben")
    assert result.code == 0, result.err
    return result.out.strip()


def sheet(cli, tmp_path, role: str, **answers) -> Path:
    """A filled answer sheet, made the way a user would: from `facilitator answers`."""
    path = tmp_path / f"{role}.toml"
    assert cli("answers", "pair-review", "--role", role, "-o", path).code == 0
    text = path.read_text(encoding="utf-8")
    for code, value in answers.items():
        code = code.replace("_", "-")
        lines = text.splitlines()
        idx = next(i for i, line in enumerate(lines) if line.startswith(f"{code} = "))
        lines[idx] = f"{code} = {json.dumps(value)}"
        text = "\n".join(lines) + "\n"
    path.write_text(text, encoding="utf-8")
    return path


def record_bytes(workspace: Path, run_id: str) -> bytes:
    return (workspace / "records" / f"{run_id}.toml").read_bytes()


def test_pair_add_writes_program_toml(cli, workspace):
    assert cli("pair", "add", "ana-ben", "--mentor", "Ana Ruiz", "--mentee", "Ben Ode").code == 0
    program = tomllib.loads((workspace / "program.toml").read_text(encoding="utf-8"))
    assert program["pairs"][0] == {"id": "ana-ben", "mentor": "ana-ruiz", "mentee": "ben-ode",
                                   "started": program["pairs"][0]["started"]}
    again = cli("pair", "add", "ana-ben", "--mentor", "X", "--mentee", "Y")
    assert again.code == 2 and "already exists" in again.err
    listing = cli("pairs")
    assert "ana-ben: Ana Ruiz (mentor) & Ben Ode (mentee)" in listing.out


def test_hand_edited_program_gets_precise_errors(cli, workspace):
    (workspace / "program.toml").write_text(
        'name = "Spring"\n[[people]]\nid = "ana"\nname = "Ana"\n'
        '[[pairs]]\nid = "p1"\nmentor = "ana"\nmentee = "bn"\n[[pairs]]\nid = "p2"\nmentr = "ana"\n',
        encoding="utf-8")
    result = cli("pairs")
    assert result.code == 2
    assert result.err_lines[0].endswith("program.toml: pairs[2].mentr: unknown key `mentr` (did you mean `mentor`?)")
    (workspace / "program.toml").write_text(
        'name = "Spring"\n[[people]]\nid = "ana"\nname = "Ana"\n[[pairs]]\nid = "p1"\nmentor = "ana"\nmentee = "bn"\n',
        encoding="utf-8")
    result = cli("pairs")
    assert result.code == 2
    assert len(result.err_lines) == 1
    assert result.err_lines[0].endswith("program.toml: pairs[1].mentee: unknown person `bn`")


def test_answer_sheet_carries_codes_and_types(cli, run_id):
    result = cli("answers", "pair-review", "--role", "mentee")
    assert result.code == 0
    doc = tomllib.loads(result.out)
    assert doc["session"] == "pair-review" and doc["role"] == "mentee"
    assert doc["answers"] == {"P-W1": "", "P-R1": 0, "P-N1": -1, "P-F1": "", "P-C1": "", "P-A1": "", "P-A2": []}
    assert "# Our meeting rhythm works for me. (rating 1-5: 1 Strongly disagree" in result.out
    assert "PRIVATE" in result.out
    mentor = tomllib.loads(cli("answers", "pair-review", "--role", "mentor").out)
    assert "P-N1" not in mentor["answers"]  # asked of the mentee only
    bad = cli("answers", "pair-review", "--role", "mentro")
    assert bad.code == 2 and "did you mean `mentor`" in bad.err


def test_import_merges_and_reimport_changes_nothing(cli, workspace, tmp_path, run_id):
    path = sheet(cli, tmp_path, "mentee", P_W1="The agenda is always his", P_R1=1, P_N1=2)
    first = cli("import", run_id, "--role", "mentee", path)
    assert first.code == 0, first.err
    assert "imported 3 new answer(s) for ben-ode" in first.out
    before = record_bytes(workspace, run_id)
    again = cli("import", run_id, "--role", "mentee", path)
    assert again.code == 0 and "nothing changed" in again.out
    assert record_bytes(workspace, run_id) == before


def test_import_over_different_answers_needs_replace(cli, workspace, tmp_path, run_id):
    cli("import", run_id, "--role", "mentee", sheet(cli, tmp_path, "mentee", P_R1=1))
    before = record_bytes(workspace, run_id)
    changed = sheet(cli, tmp_path, "mentee", P_R1=4)
    refused = cli("import", run_id, "--role", "mentee", changed)
    assert refused.code == 2
    assert "P-R1: already has 1, the sheet says 4" in refused.err
    assert record_bytes(workspace, run_id) == before
    replaced = cli("import", run_id, "--role", "mentee", changed, "--replace")
    assert replaced.code == 0 and "replaced P-R1: 1 -> 4" in replaced.out


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        ({"P_R1": 9}, "P-R1: rating 9 is out of range 1-5"),
        ({"P_R1": "five"}, "P-R1: expected a whole number 1-5"),
        ({"P_W1": 42}, "P-W1: expected text, got a number"),
        ({"P_C1": "Stop now"}, "P-C1: `Stop now` is not an option"),
        ({"P_N1": -3}, "P-N1: count -3 is out of range"),
    ],
)
def test_a_bad_answer_rejects_the_whole_file(cli, workspace, tmp_path, run_id, answers, message):
    path = sheet(cli, tmp_path, "mentee", **{"P_R1": 3, **answers})
    before = record_bytes(workspace, run_id)
    result = cli("import", run_id, "--role", "mentee", path)
    assert result.code == 2
    assert any(message in line for line in result.err_lines), result.err_lines
    assert record_bytes(workspace, run_id) == before


def test_unknown_codes_are_named(cli, workspace, tmp_path, run_id):
    path = tmp_path / "s.toml"
    path.write_text('[answers]\nP-R1 = 3\nP-R7 = 2\nZZ = "x"\n', encoding="utf-8")
    before = record_bytes(workspace, run_id)
    result = cli("import", run_id, "--person", "ben-ode", path)
    assert result.code == 2
    assert len(result.err_lines) == 2
    assert "unknown code `P-R7` (did you mean `P-R1`?)" in result.err_lines[0]
    assert record_bytes(workspace, run_id) == before


def test_sheet_for_the_wrong_role_or_without_answers(cli, tmp_path, run_id):
    mentor_sheet = sheet(cli, tmp_path, "mentor", P_R1=3)
    wrong = cli("import", run_id, "--role", "mentee", mentor_sheet)
    assert wrong.code == 2 and "this is a mentor sheet" in wrong.err
    empty = tmp_path / "empty.toml"
    empty.write_text("x = 1\n", encoding="utf-8")
    assert "no [answers] table" in cli("import", run_id, "--role", "mentee", empty).err
    assert cli("import", run_id, "--role", "observer", mentor_sheet).code == 2


def test_export_csv_and_json_leave_private_answers_out(cli, tmp_path, run_id):
    cli("import", run_id, "--role", "mentee",
        sheet(cli, tmp_path, "mentee", P_W1="=HYPERLINK(\"http://x\")", P_R1=2, P_F1="I want a new mentor"))
    assert not [r for r in csv.DictReader(io.StringIO(cli("export").out)) if r["run"] == run_id]  # still sealed
    from facilitator.engine import RunEngine
    from facilitator.workspace import Workspace

    with RunEngine.open(Workspace.open(None), run_id) as engine:
        engine.jump("reveal", close_missing=True)
    rows = list(csv.DictReader(io.StringIO(cli("export").out)))
    assert {r["code"] for r in rows} == {"P-W1", "P-R1"}
    rating = next(r for r in rows if r["code"] == "P-R1")
    assert rating["measure"] == "cadence_fit" and rating["value"] == "2" and rating["cohort"] == "spring"
    assert rating["person"] == "ben-ode" and rating["role"] == "mentee" and rating["session"] == "pair-review"
    assert next(r for r in rows if r["code"] == "P-W1")["value"].startswith("'=")  # no formula in a spreadsheet
    everything = json.loads(cli("export", "--format", "json", "--include-private").out)["answers"]
    assert "I want a new mentor" in [a["value"] for a in everything]
    out = tmp_path / "answers.csv"
    assert cli("export", "-o", out).code == 0 and out.read_text(encoding="utf-8").startswith("run,date,")


def test_resume_shows_where_the_run_stopped(cli, run_id, workspace):
    from facilitator.engine import RunEngine
    from facilitator.workspace import Workspace

    with RunEngine.open(Workspace(workspace), run_id) as engine:
        engine.jump("reveal")
        engine.answer("ana-ruiz", "P-R1", 5)
    result = cli("resume", run_id)
    assert result.code == 0
    assert "step 3 of 6: Reveal" in result.out
    assert "ana-ruiz (mentor): 1 answer(s)" in result.out
    missing = cli("resume", run_id[:-1])
    assert missing.code == 2 and "did you mean" in missing.err


def test_start_needs_a_known_pair(cli, run_id):
    result = cli("start", "pair-review", "--pair", "nobody")
    assert result.code == 2 and "no pair `nobody`" in result.err


# ---------------------------------------------------------------- ids: a refused or unknown id is offered the one meant


def test_pair_add_offers_the_pair_id_it_would_accept(cli, workspace):
    refused = cli("pair", "add", "Ana-Ben", "--mentor", "Ana Ruiz", "--mentee", "Ben Ode")
    assert refused.code == 2 and refused.err_lines == [
        "facilitator: pair id `Ana-Ben`: use lower-case letters, digits, - and _ (did you mean `ana-ben`?)"]
    assert not (workspace / "program.toml").exists()
    assert cli("pair", "add", "ana-ben", "--mentor", "Ana Ruiz", "--mentee", "Ben Ode").code == 0


def test_pair_add_offers_the_cohort_id_it_would_accept(cli, workspace):
    refused = cli("pair", "add", "ana-ben", "--mentor", "Ana Ruiz", "--mentee", "Ben Ode", "--cohort", "Spring 2025")
    assert refused.code == 2 and "cohort id `Spring 2025`" in refused.err and "(did you mean `spring-2025`?)" in refused.err
    assert cli("pair", "add", "ana-ben", "--mentor", "Ana Ruiz", "--mentee", "Ben Ode", "--cohort", "spring").code == 0
    again = cli("pair", "add", "cy-di", "--mentor", "Cy Lam", "--mentee", "Di Oko", "--cohort", "Spring")
    assert again.code == 2 and "(did you mean `spring`?)" in again.err


def test_pair_ids_may_start_with_a_digit(cli):
    assert cli("pair", "add", "07-ana-ben", "--mentor", "Ana Ruiz", "--mentee", "Ben Ode", "--cohort", "2025").code == 0


def test_an_unknown_pair_is_offered_the_id_it_differs_from_only_in_case(cli, run_id):
    unknown = cli("start", "pair-review", "--pair", "Ana-Ben")
    assert unknown.code == 2 and "no pair `Ana-Ben` (did you mean `ana-ben`?)" in unknown.err


def test_new_offers_the_session_id_it_would_accept(cli):
    refused = cli("new", "midpoint", "Team Midpoint")
    assert refused.code == 2 and "(did you mean `team-midpoint`?)" in refused.err
    digit = cli("new", "midpoint", "2025-midpoint")
    assert digit.code == 2 and "starting with a letter (did you mean `midpoint`?)" in digit.err


@pytest.mark.parametrize(("typed", "known", "hint"), [
    ("AB", ["ab", "cd"], " (did you mean `ab`?)"),  # too short for a spelling match; the same id all the same
    ("David Amina", ["david-amina"], " (did you mean `david-amina`?)"),
    ("ana-bem", ["ana-ben"], " (did you mean `ana-ben`?)"),
    ("zzz", ["ana-ben"], ""),
])
def test_unknown_ids_are_matched_ignoring_case_and_spaces(typed, known, hint):
    from facilitator import ids

    assert ids.did_you_mean(typed, known) == hint
