"""What holds a run, who may read the workspace's files, and what a closed run's clock does.

* A lock is taken over only when it is facilitator's own and its process is gone; anything
  else in a lock file is reported in one line and left as it was (issue 15, item 3).
* Read-only commands take no lock: they work beside an open run and on a read-only workspace.
* The workspace's folders are 0700 and its files 0600 (item 7).
* The step clock counts only while the run is open (item 8).
"""

from __future__ import annotations

import json
import os
import socket
import stat
import subprocess
from pathlib import Path

import pytest

from facilitator import records as records_module
from facilitator.engine import RunEngine
from facilitator.records import Lock, load_record
from facilitator.workspace import Workspace
from tests.test_durability import assert_refused, readonly_ws, run_unprivileged, start_run, write_sheet  # noqa: F401

T0 = 1_795_000_000.0


@pytest.fixture
def ws(workspace, cli) -> Path:
    """A workspace with the pair ana-ben and the starter midpoint session `mt`."""
    assert cli("pair", "add", "ana-ben", "--mentor", "Ana Ruiz", "--mentee", "Ben Ode").code == 0
    assert cli("new", "midpoint", "mt").code == 0
    return workspace


@pytest.fixture
def live_pid():
    holder = subprocess.Popen(["sleep", "30"])
    yield holder.pid
    holder.kill()
    holder.wait()


def lock_of(ws: Path, run_id: str) -> Path:
    return Workspace(ws).record_file(run_id).with_suffix(".lock")


def _written_by_us(pid) -> dict:
    return {"pid": pid, "host": socket.gethostname(), "since": "2026-01-01T09:00:00+00:00"}


FOREIGN = {  # what a lock file says: why it is not one of ours
    "a pid written as text": lambda pid: json.dumps({**_written_by_us(pid), "pid": str(pid)}),
    "pid 0 (to os.kill, this process group)": lambda pid: json.dumps(_written_by_us(0)),
    "pid -1 (to os.kill, every process)": lambda pid: json.dumps(_written_by_us(-1)),
    "a 20-digit pid": lambda pid: json.dumps(_written_by_us(12345678901234567890)),
    "a pid that is true": lambda pid: json.dumps(_written_by_us(True)),
    "an unknown key": lambda pid: json.dumps({**_written_by_us(pid), "note": "mine"}),
    "no host": lambda pid: json.dumps({"pid": pid, "since": "2026-01-01T09:00:00"}),
    "not JSON": lambda pid: f"locked by {pid}",
    "a JSON list": lambda pid: json.dumps([pid]),
}


@pytest.mark.parametrize("case", list(FOREIGN))
@pytest.mark.parametrize("command", ["import", "resume"])
def test_a_lock_that_is_not_ours_is_reported_and_never_taken_over(ws, cli, tmp_path, live_pid, monkeypatch,
                                                                  case, command):
    run_id = start_run(cli)
    lock = lock_of(ws, run_id)
    lock.write_text(FOREIGN[case](live_pid))
    held = lock.read_bytes()
    record = Workspace(ws).record_file(run_id).read_bytes()
    signalled = []
    real_kill = os.kill
    monkeypatch.setattr(records_module.os, "kill", lambda pid, sig: signalled.append(pid) or real_kill(pid, sig))
    args = ["import", run_id, "--role", "mentor", write_sheet(tmp_path)] if command == "import" else ["resume", run_id]
    assert_refused(cli(*args), lock.name, "not a lock facilitator writes", "delete the file")
    assert lock.read_bytes() == held and Workspace(ws).record_file(run_id).read_bytes() == record
    assert signalled == []  # no pid from a foreign file is ever signalled: not 0, not -1, not 20 digits


def test_a_lock_from_another_host_names_the_host_and_how_to_clear_it(ws, cli):
    run_id = start_run(cli)
    lock = lock_of(ws, run_id)
    lock.write_text(json.dumps({**_written_by_us(4242), "host": "studio-laptop"}))
    held = lock.read_bytes()
    result = cli("resume", run_id)
    assert_refused(result, "open on host studio-laptop", "process 4242", f"delete {lock}")
    assert lock.read_bytes() == held
    lock.unlink()  # the documented way: facilitator is not running there
    assert cli("resume", run_id).code == 0


def test_a_live_lock_of_ours_is_refused_and_a_dead_one_taken_over(ws, cli, live_pid):
    run_id = start_run(cli)
    lock = lock_of(ws, run_id)
    lock.write_text(json.dumps(_written_by_us(live_pid)))
    assert_refused(cli("resume", run_id), f"open elsewhere (process {live_pid} since 2026-01-01T09:00:00+00:00)")
    dead = subprocess.Popen(["true"])
    dead.wait()
    lock.write_text(json.dumps(_written_by_us(dead.pid)))
    assert cli("resume", run_id).code == 0
    assert not lock.exists()


def test_a_lock_that_vanishes_mid_check_is_tried_again(ws, cli, monkeypatch):
    run_id = start_run(cli)
    create = Lock._create
    seen = []

    def lock_taken_then_let_go(self, content):
        if not seen:  # the first try finds a lock, which is gone by the time it is read
            seen.append(True)
            raise FileExistsError(str(self.path))
        create(self, content)

    monkeypatch.setattr(Lock, "_create", lock_taken_then_let_go)
    result = cli("resume", run_id)
    assert result.code == 0 and "?" not in result.err, result.err
    assert seen == [True]


def test_a_lock_read_between_two_looks_never_says_process_question_mark(ws, cli, live_pid, monkeypatch):
    """The holder is read once: what the refusal says is what was judged."""
    run_id = start_run(cli)
    lock = lock_of(ws, run_id)
    lock.write_text(json.dumps(_written_by_us(live_pid)))
    holder = Lock.holder

    def read_then_vanish(self):
        found = holder(self)
        self.path.unlink(missing_ok=True)  # the other process lets go right after our look
        return found

    monkeypatch.setattr(Lock, "holder", read_then_vanish)
    assert_refused(cli("resume", run_id), f"process {live_pid} since")


def test_taking_over_a_stale_lock_never_removes_the_live_one_that_just_replaced_it(ws, cli, live_pid, monkeypatch):
    run_id = start_run(cli)
    lock = lock_of(ws, run_id)
    dead = subprocess.Popen(["true"])
    dead.wait()
    stale = json.dumps(_written_by_us(dead.pid)).encode()
    lock.write_text(json.dumps(_written_by_us(live_pid)))  # another process took over first
    fresh = lock.read_bytes()
    look = Lock._look
    looks = []

    def judged_before_the_other_took_over(self):
        looks.append(True)
        return (stale, "stale") if len(looks) == 1 else look(self)

    monkeypatch.setattr(Lock, "_look", judged_before_the_other_took_over)
    assert_refused(cli("resume", run_id), f"open elsewhere (process {live_pid}")
    assert lock.read_bytes() == fresh
    assert not list(lock.parent.glob(".*.stale"))


# ---------------------------------------------------------------- read-only commands take no lock


READ_ONLY = [["resume", "--print", "{run}"], ["pairs"], ["export", "--format", "json"], ["patterns", "{run}"],
             ["patterns", "--program"]]


def test_reading_commands_take_no_lock_and_work_beside_an_open_run(ws, cli, tmp_path):
    run_id = start_run(cli)
    with RunEngine.open(Workspace(ws), run_id):  # the app has the run open
        lock = lock_of(ws, run_id)
        held = lock.read_bytes()
        for command in READ_ONLY + [["print", "summary", "{run}", "-o", str(tmp_path / "summary.pdf")]]:
            result = cli(*[part.format(run=run_id) for part in command])
            assert result.code == 0 and "Traceback" not in result.err, (command, result.err)
            assert lock.read_bytes() == held, command
    assert (tmp_path / "summary.pdf").exists()


def test_reading_commands_work_on_a_read_only_workspace(readonly_ws):
    home, run_id, _ = readonly_ws
    for command in READ_ONLY:
        result = run_unprivileged(*[part.format(run=run_id) for part in command], home=home)
        assert result.code == 0 and result.err == "", (command, result.err)
    assert not list(home.rglob("*.lock"))


# ---------------------------------------------------------------- modes


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_workspace_folders_are_its_owners_and_every_file_written_is_0600(ws, cli, tmp_path):
    run_id = start_run(cli)
    engine = RunEngine.create(Workspace(ws), "mt", pair="ana-ben")
    engine.set_term("cadence", "weekly")
    engine.save_agreement()
    engine.close()
    assert cli("pairs").code == 0  # fills the cache
    assert cli("print", "summary", run_id).code == 0  # into out/
    for folder in ("records", "agreements", ".cache", "out"):
        assert mode(ws / folder) == 0o700, folder
        for path in (ws / folder).iterdir():
            assert mode(path) == 0o600, path
    assert mode(ws / "program.toml") == 0o600


def test_a_workspace_folder_found_open_is_closed_on_the_next_write(ws, cli):
    run_id = start_run(cli)
    (ws / "records").chmod(0o755)
    (ws / ".cache").chmod(0o755)
    assert mode(ws / "records") == 0o755
    assert cli("pairs").code == 0  # reading changes nothing
    assert mode(ws / "records") == 0o755
    assert cli("import", run_id, "--role", "mentor", write_sheet(ws.parent)).code == 0
    assert mode(ws / "records") == 0o700 and mode(ws / ".cache") == 0o700


def test_a_shared_copy_printed_outside_the_workspace_follows_the_umask(ws, cli, tmp_path):
    run_id = start_run(cli)
    shared = tmp_path / "handouts"
    shared.mkdir()
    shared.chmod(0o755)
    umask = os.umask(0o022)
    try:
        assert cli("print", "summary", run_id, "-o", shared / "summary.pdf").code == 0
        assert cli("print", "summary", run_id, "--audience", "facilitator", "-o", shared / "mine.pdf").code == 0
    finally:
        os.umask(umask)
    assert mode(shared / "summary.pdf") == 0o644  # the user's to share, where they chose
    assert mode(shared / "mine.pdf") == 0o600  # a facilitator's copy never


# ---------------------------------------------------------------- the clock while the run is closed


def test_closing_a_run_stops_its_clock(ws, clock):
    engine = RunEngine.create(Workspace(ws), "mt", pair="ana-ben", clock=clock)
    engine.start_timer()
    clock.now += 90
    engine.close()
    saved = load_record(engine.path).timers[0]
    assert saved.running_since == 0 and saved.elapsed == 90
    clock.now += 3600  # an hour closed
    with RunEngine.open(Workspace(ws), engine.record.id, clock=clock) as again:
        assert not again.running() and again.elapsed() == 90


def test_a_clock_left_running_by_a_killed_app_stops_at_the_last_save(ws, clock):
    engine = RunEngine.create(Workspace(ws), "mt", pair="ana-ben", clock=clock)
    engine.start_timer()
    clock.now += 120
    engine.add_note("two minutes in")  # the last save before the kill
    clock.now += 600
    engine.lock.path.unlink()  # killed: no close, and its lock is gone with its process
    clock.now += 3600
    with RunEngine.open(Workspace(ws), engine.record.id, clock=clock) as again:
        assert not again.running() and again.elapsed() == 120
    for run_id in (engine.record.id,):  # a read-only look works it out the same way, and writes nothing
        before = Workspace(ws).record_file(run_id).read_bytes()
        with RunEngine.open(Workspace(ws), run_id, clock=clock, lock=False) as look:
            assert not look.running() and look.elapsed() == 120
        assert Workspace(ws).record_file(run_id).read_bytes() == before


def test_a_read_only_look_at_a_run_open_elsewhere_shows_its_clock_running(ws, clock):
    engine = RunEngine.create(Workspace(ws), "mt", pair="ana-ben", clock=clock)
    engine.start_timer()
    clock.now += 30
    with RunEngine.open(Workspace(ws), engine.record.id, clock=clock, lock=False) as look:
        assert look.running() and look.elapsed() == 30
    engine.close()
