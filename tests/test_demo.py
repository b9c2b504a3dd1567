"""The demo workspace: built once through the engine, complete, valid, and left alone after."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from facilitator.agreements import load_agreement
from facilitator.demo import COHORT_ID, create_demo, demo_root
from facilitator.records import load_record

PAIRS = ["helen-tomas", "rajesh-lena", "grace-wei", "david-amina"]
MIDPOINT_PAIRS = PAIRS[:3]


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("demo") / "demo"
    create_demo(root)
    return root


def _snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_program_has_the_cohort_and_four_pairs(demo):
    from facilitator.workspace import Workspace

    program = Workspace(demo).program()
    assert program.name == "Northside Mentoring 2026"
    assert [c.id for c in program.cohorts] == [COHORT_ID]
    assert [p.id for p in program.pairs] == PAIRS
    assert all(p.cohort == COHORT_ID and p.started for p in program.pairs)
    assert len(program.people) == 8
    assert program.cohort_mentors(COHORT_ID) == [p.mentor for p in program.pairs]


def test_every_record_loads_and_only_one_run_is_open(demo):
    from facilitator.workspace import Workspace

    records, broken = Workspace(demo).records()
    assert broken == []
    assert len(records) == 4 + 4 + 2
    for path in (demo / "records").glob("*.toml"):
        load_record(path)
    assert not list(demo.rglob("*.lock")), "every run lock is released"
    assert [p.name for p in demo.parent.iterdir()] == ["demo"], "no staging folder left behind"

    by_kind = {}
    for r in records:
        by_kind.setdefault((r.session, r.subject), []).append(r)
    for pair in PAIRS:
        (expectations,) = by_kind[("expectations", pair)]
        assert expectations.is_finished and expectations.agreement_version == 1
        assert {e.role for e in expectations.entries} == {"mentor", "mentee"}

    open_runs = [r for r in records if not r.is_finished]
    assert len(open_runs) == 1
    (run,) = open_runs
    assert (run.session, run.pair, run.step) == ("midpoint", "david-amina", 1)  # the reflection step
    assert run.entries and {e.person for e in run.entries} == {"david-novak"}


def test_midpoints_show_three_situations(demo):
    from facilitator.workspace import Workspace

    records, _ = Workspace(demo).records()
    midpoints = {r.pair: r for r in records if r.session == "midpoint" and r.is_finished}
    assert sorted(midpoints) == sorted(MIDPOINT_PAIRS)

    def answers(record, code):
        return {e.role: e.value for e in record.entries if e.code == code}

    gap = midpoints["helen-tomas"]
    assert answers(gap, "M-R1") == {"mentor": 5, "mentee": 1}
    assert gap.patterns.confirmed == ["perception_gap"]
    performed = midpoints["rajesh-lena"]
    ratings = [e.value for e in performed.entries if e.code.startswith("M-R")]
    assert ratings and min(ratings) >= 4
    assert set(answers(performed, "M-W2").values()) == {"Nothing really."}
    healthy = midpoints["grace-wei"]
    for code in (f"M-R{i}" for i in range(1, 14)):
        both = answers(healthy, code)
        assert min(both.values()) >= 3 and max(both.values()) - min(both.values()) <= 1
    for record in midpoints.values():
        assert record.revealed == ["reflect"]
        assert record.notes and record.actions and record.term_reasons
        assert set(answers(record, "M-K1")) == {"mentor", "mentee"}
        assert record.agreement_version == 2


def test_agreements_v1_for_every_pair_and_v2_after_a_midpoint(demo):
    for pair in PAIRS:
        versions = load_agreement(demo / "agreements", pair).versions
        assert versions[0].version == 1 and versions[0].session == "expectations"
        assert {"goals", "objectives", "cadence", "reassessment"} <= set(versions[0].terms)
        if pair in MIDPOINT_PAIRS:
            assert [v.version for v in versions] == [1, 2]
            assert versions[1].session == "midpoint"
            assert versions[1].changes and all(c.why for c in versions[1].changes)
        else:
            assert len(versions) == 1
    cadence = load_agreement(demo / "agreements", "helen-tomas").versions[1]
    assert any(c.term == "cadence" and c.before and c.after != c.before for c in cadence.changes)


def test_second_cohort_meeting_carries_the_first_ones_commitments(demo):
    from facilitator.workspace import Workspace

    records, _ = Workspace(demo).records()
    first, second = [r for r in records if r.kind == "cohort"]
    assert first.cohort == second.cohort == COHORT_ID and first.is_finished and second.is_finished
    assert first.carried == []
    made = [(e.person, e.value) for e in first.entries if e.code == "K-N1"]
    assert len(made) == 4
    assert [(c.person, c.text) for c in second.carried] == made
    assert all(c.since == first.id for c in second.carried)
    statuses = [c.status for c in second.carried]
    assert statuses.count("not yet") == 1 and statuses.count("done") == 3
    for meeting in (first, second):
        assert len(meeting.attendance) == 4
        status = {e.person: e.value for e in meeting.entries if e.code == "K-S1"}
        assert len(status) == 4 and status["david-novak"] == "red"
        assert len([e for e in meeting.entries if e.code == "K-K1"]) == 4


def test_calling_again_changes_nothing(demo):
    before = _snapshot(demo)
    create_demo(demo)
    assert _snapshot(demo) == before


def test_pairs_and_export_work_on_the_demo(demo, cli):
    result = cli("--workspace", demo, "pairs")
    assert result.code == 0, result.err
    for pair in PAIRS:
        assert pair in result.out
    assert "Cohort meetings" in result.out

    result = cli("--workspace", demo, "export", "--format", "json")
    assert result.code == 0, result.err
    rows = json.loads(result.out)["answers"]
    assert {r["pair"] for r in rows if r["pair"]} == set(PAIRS)
    assert {r["cohort"] for r in rows} == {COHORT_ID}
    assert not any(r["code"] in ("E-P1", "M-P1") for r in rows), "private answers stay out of the export"

    result = cli("--workspace", demo, "export")
    assert result.code == 0 and result.out.startswith("run,date,session,pair,cohort,person")


def test_demo_root_is_in_the_user_data_folder():
    assert demo_root().name == "demo"
    assert demo_root().parent.name.lower() == "facilitator"


def test_the_demo_module_loads_neither_the_app_nor_the_printer():
    import subprocess
    import sys

    code = ("import sys, facilitator.demo\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'weasyprint', 'jinja2')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
