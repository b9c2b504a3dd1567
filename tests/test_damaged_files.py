"""Damaged records and agreements: each reported by name and place in one line, never used,
never written; the other records still load.

Every case goes through the real commands a facilitator would try next: a command about
the damaged run exits 2 with one line naming the file; a command over the whole workspace
exits 0, lists the good runs and names the damaged one; nothing in the workspace changes.
"""

from __future__ import annotations

import hashlib
import json
import math
import socket
import subprocess
import tomllib
from pathlib import Path

import pytest
import tomli_w

from facilitator.agreements import load_agreement
from facilitator.engine import RunEngine
from facilitator.errors import InvalidFile
from facilitator.workspace import Workspace
from tests.conftest import Result

MENTOR = "ana-ruiz"


@pytest.fixture
def runs(workspace, cli) -> tuple[str, str]:
    """A workspace with the pair ana-ben, the starter midpoint session `mt` and two runs."""
    assert cli("pair", "add", "ana-ben", "--mentor", "Ana Ruiz", "--mentee", "Ben Ode").code == 0
    assert cli("new", "midpoint", "mt").code == 0
    good = cli("start", "mt", "--pair", "ana-ben").out.strip()
    damaged = cli("start", "mt", "--pair", "ana-ben", "--new").out.strip()
    assert good and damaged and good != damaged
    return good, damaged


def fingerprint(root: Path) -> dict[str, str]:
    """Every file of the workspace and its hash; the cache is left out (it may be rebuilt any time)."""
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file() and ".cache" not in p.parts}


def entry(code: str, value, at: str) -> dict:
    return {"person": MENTOR, "role": "mentor", "code": code, "value": value, "at": at}


DAMAGE = {  # case: (what is done to the record, where the line must point)
    "a rating given as text": (lambda doc: doc.update(entries=[entry("M-R1", "two", doc["created"])]),
                               "entries[1].value: M-R1: expected a whole number 1-5"),
    "a rating out of range": (lambda doc: doc.update(entries=[entry("M-R1", 99999999, doc["created"])]),
                              "entries[1].value: M-R1: rating 99999999 is out of range 1-5"),
    "a step past the session's last": (lambda doc: doc.update(step=999), "step: the run is at step 1000"),
    "a step below the first": (lambda doc: doc.update(step=-1), "step: expected an integer >= 0"),
    "no participants": (lambda doc: doc.update(participants=[]), "participants: a run has at least one"),
    "a timer that is not a number": (lambda doc: doc.update(timers=[{"step": "welcome", "elapsed": math.nan}]),
                                     "timers[1].elapsed: nan is not a time"),
    "an endless timer": (lambda doc: doc.update(timers=[{"step": "welcome", "running_since": math.inf}]),
                         "timers[1].running_since: inf is not a time"),
    "a text answer holding nested lists": (lambda doc: doc.update(entries=[entry("M-W1", [[1, 2], [3]],
                                                                                 doc["created"])]),
                                           "entries[1].value: M-W1: expected text, got a list"),
}


def damage(path: Path, how) -> None:
    doc = tomllib.loads(path.read_text(encoding="utf-8"))
    how(doc)
    path.write_text(tomli_w.dumps(doc), encoding="utf-8")


def assert_one_line(result: Result, code: int, *needles: str) -> str:
    assert result.code == code, (result.code, result.out, result.err)
    assert "Traceback" not in result.out + result.err
    assert len(result.err_lines) == 1, result.err
    for needle in needles:
        assert needle in result.err, (needle, result.err)
    return result.err_lines[0]


@pytest.mark.parametrize("case", list(DAMAGE))
def test_a_damaged_record_is_named_with_its_place_and_the_others_still_load(runs, workspace, cli, case, tmp_path):
    good, damaged = runs
    how, place = DAMAGE[case]
    path = Workspace(workspace).record_file(damaged)
    assert cli("pairs").code == 0  # the good parse is in the cache now: it must not hide the damage
    damage(path, how)
    before = fingerprint(workspace)
    named = f"{path.name}: {place}"
    sheet = tmp_path / "sheet.toml"
    sheet.write_text('session = "mt"\nrole = "mentor"\n\n[answers]\nM-W1 = "fine"\n', encoding="utf-8")

    for command in (["resume", "--print", damaged], ["patterns", damaged], ["patterns", damaged, "--json"],
                    ["import", damaged, "--role", "mentor", sheet]):
        assert_one_line(cli(*command), 2, named)

    listing = cli("pairs")
    assert_one_line(listing, 0, named, "cannot read")
    assert good in listing.out and damaged not in listing.out

    exported = cli("export", "--format", "json")
    assert_one_line(exported, 0, named)
    assert json.loads(exported.out)["answers"] == []  # the good run has none; the damaged one is not read

    program = cli("patterns", "--program", "--json")
    assert_one_line(program, 0, path.name)
    assert [Path(p).name for p in json.loads(program.out)["unreadable_records"]] == [path.name]

    assert cli("resume", "--print", good).code == 0
    assert fingerprint(workspace) == before


def test_the_lines_say_the_file_and_the_place_exactly(runs, workspace, cli, monkeypatch):
    _, damaged = runs
    monkeypatch.chdir(workspace)
    path = Workspace(workspace).record_file(damaged)
    damage(path, lambda doc: doc.update(step=999))
    result = cli("resume", "--print", damaged)
    assert result.err_lines == [f"records/{damaged}.toml: step: the run is at step 1000, but session `mt` has 4 steps"]


def test_a_record_that_changed_is_checked_again_though_its_good_parse_is_cached(runs, workspace, cli):
    _, damaged = runs
    ws = Workspace(workspace)
    assert cli("pairs").err == ""
    assert (workspace / ".cache" / "records.msgpack").exists()
    damage(ws.record_file(damaged), lambda doc: doc.update(entries=[entry("M-R1", 7, doc["created"])]))
    records, broken = Workspace(workspace).records()
    assert damaged not in [r.id for r in records]
    assert [b.path.name for b in broken] == [f"{damaged}.toml"] and "out of range 1-5" in broken[0].reason


# ---------------------------------------------------------------- a record is its file (issue 10, case 5)


def test_a_copied_record_is_refused_by_name_and_never_written_even_past_a_live_lock(runs, workspace, cli, tmp_path):
    _, run_id = runs
    ws = Workspace(workspace)
    original = ws.record_file(run_id)
    copy = original.with_name(f"{run_id}.bak.toml")
    copy.write_bytes(original.read_bytes())  # cp records/RUN.toml records/RUN.bak.toml
    sheet = tmp_path / "sheet.toml"
    sheet.write_text('session = "mt"\nrole = "mentor"\n\n[answers]\nM-W1 = "I want out"\nM-R1 = 2\n', encoding="utf-8")
    holder = subprocess.Popen(["sleep", "30"])
    lock = original.with_suffix(".lock")
    try:
        lock.write_text(json.dumps({"pid": holder.pid, "host": socket.gethostname(), "since": "2026-01-01T09:00:00"}))
        before = fingerprint(workspace)
        line = assert_one_line(cli("import", f"{run_id}.bak", "--role", "mentor", sheet), 2, copy.name)
        assert f"the record says it is run `{run_id}`" in line
        assert fingerprint(workspace) == before  # both records, and the live holder's lock, as they were
        assert not copy.with_suffix(".lock").exists()
        listing = cli("pairs")
        assert_one_line(listing, 0, copy.name)
        assert run_id in listing.out
    finally:
        holder.kill()
        holder.wait()


def test_every_save_goes_to_the_file_that_was_opened(runs, workspace):
    _, run_id = runs
    ws = Workspace(workspace)
    with RunEngine.open(ws, run_id) as engine:
        engine.record.id = "somewhere-else"  # whatever the record says, the opened file is written
        engine.add_note("kept")
        assert "kept" in ws.record_file(run_id).read_text(encoding="utf-8")
    assert not ws.record_file("somewhere-else").exists()


# ---------------------------------------------------------------- agreements


def test_an_agreement_naming_another_pair_is_refused_and_counts_for_nothing(runs, workspace, cli):
    folder = workspace / "agreements"
    folder.mkdir()
    path = folder / "ana-ben.toml"
    path.write_text('format = 1\npair = "cy-di"\n\n[[versions]]\nversion = 1\nrun = "r"\nsession = "mt"\n'
                    'date = "2026-01-01"\nterms = { cadence = "weekly" }\n', encoding="utf-8")
    before = fingerprint(workspace)
    with pytest.raises(InvalidFile, match=r"ana-ben.toml: pair: the agreement says it is pair `cy-di`'s"):
        load_agreement(folder, "ana-ben")
    assert Workspace(workspace).agreements() == {}
    result = cli("print", "agreement", "ana-ben", "-o", workspace.parent / "agreement.pdf")
    assert result.code == 2 and "Traceback" not in result.err
    assert [line for line in result.err_lines if "ana-ben.toml" in line] == [
        f"{path}: pair: the agreement says it is pair `cy-di`'s, but its file is ana-ben.toml"]
    assert cli("patterns", "--program").code == 0
    assert fingerprint(workspace) == before


@pytest.mark.parametrize("version", ["0", "-1", '"two"'])
def test_an_agreement_version_must_count_from_one(runs, workspace, version):
    folder = workspace / "agreements"
    folder.mkdir()
    (folder / "ana-ben.toml").write_text(f'format = 1\npair = "ana-ben"\n\n[[versions]]\nversion = {version}\n'
                                         f'run = "r"\nsession = "mt"\ndate = "2026-01-01"\n', encoding="utf-8")
    with pytest.raises(InvalidFile, match=r"ana-ben.toml: versions\[1\].version"):
        load_agreement(folder, "ana-ben")
