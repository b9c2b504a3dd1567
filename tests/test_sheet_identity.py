"""Sheets that know whose they are: a named answer sheet or fillable form is imported for its
person only, in a run they take part in; anything else is refused in one line naming both
sides, and the run's record stays byte-for-byte as it was."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pypdf
import pytest

from tests.test_printing import fill


@pytest.fixture(autouse=True)
def sheets_at_hand(tmp_path, monkeypatch):
    """Sheets in the current folder, named as the user typed them."""
    monkeypatch.chdir(tmp_path)


def record_bytes(workspace: Path, run_id: str) -> bytes:
    return (workspace / "records" / f"{run_id}.toml").read_bytes()


def start(cli, pair: str) -> str:
    result = cli("start", "pair-review", "--pair", pair, "--new")
    assert result.code == 0, result.err
    return result.out.strip()


def named_sheet(cli, tmp_path: Path, *args: str, **answers: object) -> Path:
    path = tmp_path / "sheet.toml"
    assert cli("answers", *args, "-o", path).code == 0
    text = path.read_text(encoding="utf-8")
    for code, value in answers.items():
        code = code.replace("_", "-")
        text = text.replace(f"{code} = 0\n", f"{code} = {value}\n").replace(f'{code} = ""\n', f'{code} = "{value}"\n')
    path.write_text(text, encoding="utf-8")
    return path


# ---------------------------------------------------------------- TOML answer sheets


def test_a_named_sheet_says_whose_it_is_and_a_blank_one_does_not(cli, ws):
    run = start(cli, "ana-ben")
    blank = tomllib.loads(cli("answers", "pair-review", "--role", "mentee").out)
    assert "person" not in blank and "run" not in blank
    named = tomllib.loads(cli("answers", "pair-review", "--role", "mentee", "--person", "ben-ode").out)
    assert (named["session"], named["role"], named["person"]) == ("pair-review", "mentee", "ben-ode")
    in_run = cli("answers", "--run", run, "--person", "ben-ode")
    assert in_run.code == 0, in_run.err
    doc = tomllib.loads(in_run.out)
    assert {k: doc[k] for k in ("session", "role", "person", "run")} == {
        "session": "pair-review", "role": "mentee", "person": "ben-ode", "run": run}
    assert in_run.out.startswith("# Pair review — Ben Ode's sheet (mentee).")
    assert f"facilitator import {run} THIS-FILE" in in_run.out
    by_role = tomllib.loads(cli("answers", "--run", run, "--role", "mentor").out)
    assert by_role["person"] == "ana-ruiz"


def test_answers_refuses_a_person_the_run_does_not_have(cli, ws):
    run = start(cli, "ana-ben")
    stranger = cli("answers", "--run", run, "--person", "di-oko")
    assert stranger.code == 2 and len(stranger.err_lines) == 1 and "`di-oko` does not take part" in stranger.err
    wrong_role = cli("answers", "--run", run, "--person", "ben-ode", "--role", "mentor")
    assert wrong_role.err_lines == [f"facilitator: ben-ode is the mentee in run {run}, not the mentor"]
    other_session = cli("answers", "cohort-test", "--run", run, "--person", "ben-ode")
    assert other_session.err_lines == [f"facilitator: run {run} is session `pair-review`, not `cohort-test`"]
    assert cli("answers", "pair-review", "--role", "mentee", "--person", "nobody").code == 2
    assert cli("answers", "pair-review").code == 2


def test_a_named_sheet_imports_without_role_and_only_into_its_run(cli, workspace, tmp_path, ws):
    mine, other = start(cli, "ana-ben"), start(cli, "cy-di")
    sheet = named_sheet(cli, tmp_path, "--run", mine, "--person", "ben-ode", P_R1=2, P_W1="Fixed slots")
    before = record_bytes(workspace, other)
    refused = cli("import", other, "--role", "mentee", sheet)
    assert refused.code == 2
    assert refused.err_lines == [f"facilitator: sheet.toml is Ben Ode's answer sheet (ben-ode) for run {mine},"
                                 f" but this is run {other}"]
    assert record_bytes(workspace, other) == before
    done = cli("import", mine, sheet)
    assert done.code == 0, done.err
    assert "imported 2 new answer(s) for ben-ode" in done.out


def test_a_sheet_named_for_a_person_refuses_another(cli, workspace, tmp_path, ws):
    run = start(cli, "ana-ben")
    sheet = named_sheet(cli, tmp_path, "pair-review", "--role", "mentee", "--person", "ben-ode", P_R1=2)
    before = record_bytes(workspace, run)
    as_mentor = cli("import", run, "--role", "mentor", sheet)
    assert as_mentor.err_lines == [f"facilitator: sheet.toml is Ben Ode's answer sheet (ben-ode), but --role mentor"
                                   f" in run {run} is Ana Ruiz (ana-ruiz)"]
    as_ana = cli("import", run, "--person", "ana-ruiz", sheet)
    assert as_ana.err_lines == ["facilitator: sheet.toml is Ben Ode's answer sheet (ben-ode), but --person is"
                                " Ana Ruiz (ana-ruiz)"]
    elsewhere = cli("import", start(cli, "cy-di"), sheet)
    assert elsewhere.code == 2 and len(elsewhere.err_lines) == 1
    assert "is Ben Ode's answer sheet (ben-ode), who takes no part in run" in elsewhere.err
    assert record_bytes(workspace, run) == before
    assert cli("import", run, "--role", "mentee", sheet).code == 0


def test_a_blank_sheet_still_needs_role_or_person(cli, tmp_path, ws):
    run = start(cli, "ana-ben")
    blank = named_sheet(cli, tmp_path, "pair-review", "--role", "mentee", P_R1=3)
    unsaid = cli("import", run, blank)
    assert unsaid.err_lines == ["facilitator: sheet.toml does not say whose it is: give --role ROLE or --person ID"]
    assert cli("import", run, "--role", "mentee", blank).code == 0


def test_a_sheet_of_another_session_is_named_in_one_line(cli, tmp_path, ws):
    run = start(cli, "ana-ben")
    cohort = tmp_path / "sheet.toml"
    cohort.write_text(cli("answers", "cohort-test", "--role", "mentor").out, encoding="utf-8")
    refused = cli("import", run, "--role", "mentor", cohort)
    assert len(refused.err_lines) == 1
    assert "sheet.toml is the " in refused.err and "(`cohort-test`), but run" in refused.err
    assert refused.err.rstrip().endswith("is Pair review (`pair-review`)")


def test_identity_keys_that_are_not_ids_are_refused(cli, tmp_path, ws):
    run = start(cli, "ana-ben")
    sheet = tmp_path / "sheet.toml"
    sheet.write_text('person = 7\n[answers]\nP-R1 = 3\n', encoding="utf-8")
    refused = cli("import", run, "--role", "mentee", sheet)
    assert refused.code == 2 and len(refused.err_lines) == 1 and "`person` must be an id" in refused.err


# ---------------------------------------------------------------- fillable PDF forms


def test_a_named_form_imported_into_another_pairs_run_is_refused(cli, workspace, tmp_path, ws):
    """Issue 10, case 3: Ben's filled form, imported into Cy & Di's run as "the mentee"."""
    blank = tmp_path / "ben.pdf"
    assert cli("print", "worksheet", "pair-review", "--role", "mentee", "--pair", "ana-ben", "--fillable",
               "-o", blank).code == 0
    keywords = pypdf.PdfReader(blank).metadata["/Keywords"]
    assert keywords == "facilitator-sheet session=pair-review role=mentee person=ben-ode pair=ana-ben"
    filled = tmp_path / "ben-filled.pdf"
    fill(blank, filled, {"P-R1": "2", "P-F1": "I want out of this pairing"})
    theirs, his = start(cli, "cy-di"), start(cli, "ana-ben")
    before = record_bytes(workspace, theirs)
    refused = cli("import", theirs, "--role", "mentee", filled)
    assert refused.code == 2
    assert refused.err_lines == [f"facilitator: ben-filled.pdf is Ben Ode's worksheet (ben-ode), but --role mentee"
                                 f" in run {theirs} is Di Oko (di-oko)"]
    assert record_bytes(workspace, theirs) == before
    done = cli("import", his, filled)
    assert done.code == 0, done.err
    assert "imported 2 new answer(s) for ben-ode" in done.out


def test_a_form_names_its_pair_for_a_person_in_two_pairs(cli, workspace, tmp_path, ws):
    assert cli("pair", "add", "ana-di", "--mentor", "Ana Ruiz", "--mentee", "Di Oko").code == 0
    blank = tmp_path / "ana.pdf"
    assert cli("print", "worksheet", "pair-review", "--role", "mentor", "--pair", "ana-ben", "--fillable",
               "-o", blank).code == 0
    filled = tmp_path / "ana-filled.pdf"
    fill(blank, filled, {"P-R1": "4"})
    other = start(cli, "ana-di")
    before = record_bytes(workspace, other)
    refused = cli("import", other, filled)
    assert refused.err_lines == [f"facilitator: ana-filled.pdf is Ana Ruiz's worksheet (ana-ruiz) for pair ana-ben,"
                                 f" but run {other} is for Ana Ruiz & Di Oko"]
    assert record_bytes(workspace, other) == before


def test_a_blank_form_carries_its_session_and_names_it(cli, workspace, tmp_path, ws):
    blank = tmp_path / "cohort.pdf"
    assert cli("print", "worksheet", "cohort-test", "--role", "mentor", "--fillable", "-o", blank).code == 0
    assert pypdf.PdfReader(blank).metadata["/Keywords"] == "facilitator-sheet session=cohort-test role=mentor"
    run = start(cli, "ana-ben")
    refused = cli("import", run, "--role", "mentor", blank)
    assert len(refused.err_lines) == 1 and "cohort.pdf is the " in refused.err
    assert "worksheet (`cohort-test`), but run" in refused.err and "unknown code" not in refused.err


def test_a_form_without_identity_is_known_by_its_codes(cli, workspace, tmp_path, ws):
    """A form printed before forms carried their identity: its fields name its session."""
    blank = tmp_path / "cohort.pdf"
    assert cli("print", "worksheet", "cohort-test", "--role", "mentor", "--fillable", "-o", blank).code == 0
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(blank))
    writer.add_metadata({"/Keywords": ""})
    old = tmp_path / "old.pdf"
    writer.write(old)
    refused = cli("import", start(cli, "ana-ben"), "--role", "mentor", old)
    assert len(refused.err_lines) == 1 and "old.pdf is a worksheet of another session (" in refused.err
    assert "`cohort-test`" in refused.err and "unknown code" not in refused.err


# ---------------------------------------------------------------- one person's sheet: --person


def test_a_cohort_mentors_own_form_imports_under_that_mentor(cli, workspace, tmp_path, ws):
    """A cohort of two mentors: `--cohort --fillable` is two forms, `--person` is the one for Cy."""
    several = cli("print", "worksheet", "cohort-test", "--cohort", "spring", "--fillable", "-o", tmp_path / "x.pdf")
    assert several.code == 2 and "add --person ID" in several.err
    blank = tmp_path / "cy.pdf"
    printed = cli("print", "worksheet", "cohort-test", "--person", "cy-lam", "--fillable", "-o", blank)
    assert printed.code == 0, printed.err
    assert pypdf.PdfReader(blank).metadata["/Keywords"] == \
        "facilitator-sheet session=cohort-test role=mentor person=cy-lam cohort=spring"
    filled = tmp_path / "cy-filled.pdf"
    fill(blank, filled, {"K-S1": "amber", "K-C1": "Ask Di about the move"})
    run = cli("start", "cohort-test", "--cohort", "spring").out.strip()
    done = cli("import", run, filled)
    assert done.code == 0, done.err
    assert "imported 2 new answer(s) for cy-lam" in done.out
    entries = tomllib.loads(record_bytes(workspace, run).decode())["entries"]
    assert {(e["person"], e["code"], e["value"]) for e in entries} == {
        ("cy-lam", "K-S1", "amber"), ("cy-lam", "K-C1", "Ask Di about the move")}


def test_a_person_sheet_finds_their_role_and_pair(cli, tmp_path, ws):
    out = tmp_path / "ben.pdf"
    printed = cli("print", "worksheet", "pair-review", "--person", "ben-ode", "--fillable", "-o", out)
    assert printed.code == 0, printed.err
    assert pypdf.PdfReader(out).metadata["/Keywords"] == \
        "facilitator-sheet session=pair-review role=mentee person=ben-ode pair=ana-ben"
    default = cli("print", "worksheet", "pair-review", "--person", "ben-ode")
    assert default.code == 0 and " sheets)" not in default.out  # one sheet, not the pair's packet
    assert (ws.out_dir / "pair-review-worksheet-ben-ode.pdf").is_file()


def test_a_person_in_two_pairs_or_the_wrong_role_is_told_in_one_line(cli, tmp_path, ws):
    assert cli("pair", "add", "ana-di", "--mentor", "Ana Ruiz", "--mentee", "Di Oko").code == 0
    out = tmp_path / "ana.pdf"

    def refusal(*args: str) -> list[str]:
        result = cli("print", "worksheet", *args, "--fillable", "-o", out)
        assert result.code == 2 and not out.exists()
        return [line for line in result.err_lines if not line.startswith("printing ")]

    assert refusal("pair-review", "--person", "ana-ruiz") == [
        "facilitator: ana-ruiz is in 2 pairs (ana-ben, ana-di): add --pair ID"]
    assert refusal("pair-review", "--person", "ana-ruiz", "--pair", "cy-di") == [
        "facilitator: ana-ruiz is not in pair `cy-di`"]
    assert refusal("pair-review", "--person", "ben-ode", "--role", "mentor") == [
        "facilitator: ben-ode is the mentee in pair ana-ben, not the mentor"]
    assert refusal("cohort-test", "--person", "ben-ode") == [
        "facilitator: ben-ode mentors no pair in a cohort: a cohort meeting's sheets are its mentors'"]
    assert refusal("pair-review", "--person", "ben-od") == ["facilitator: no person `ben-od` (did you mean `ben-ode`?)"]
    chosen = cli("print", "worksheet", "pair-review", "--person", "ana-ruiz", "--pair", "ana-di", "--fillable",
                 "-o", out)
    assert chosen.code == 0, chosen.err
    assert pypdf.PdfReader(out).metadata["/Keywords"].endswith("role=mentor person=ana-ruiz pair=ana-di")
