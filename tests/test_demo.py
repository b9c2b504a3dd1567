"""The demo workspace: built once through the engine, complete, valid, and left alone after."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from facilitator.agreements import load_agreement
from facilitator.demo import AUTUMN_ID, COHORT_ID, create_demo, demo_root
from facilitator.records import load_record

SPRING = ["helen-tomas", "rajesh-lena", "grace-wei", "david-amina"]
AUTUMN = ["sofia-kwame", "hiroshi-fatima", "siobhan-ana"]
PAIRS = SPRING + AUTUMN
MIDPOINT_PAIRS = [p for p in PAIRS if p != "david-amina"]
CLOSED = {"rajesh-lena": "early", "grace-wei": "completed", "sofia-kwame": "completed",
          "hiroshi-fatima": "completed"}
OUTCOMES = ("outcome_career", "outcome_skills", "outcome_satisfaction", "outcome_belonging")


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("demo") / "demo"
    create_demo(root)
    return root


def _records(root: Path):
    from facilitator.workspace import Workspace

    records, broken = Workspace(root).records()
    assert broken == []
    return records


def _answers(record, code):
    return {e.role: e.value for e in record.entries if e.code == code}


def _snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_program_has_two_cohorts_and_seven_pairs(demo):
    from facilitator.workspace import Workspace

    program = Workspace(demo).program()
    assert program.name == "Northside Mentoring 2026"
    assert [(c.id, c.name) for c in program.cohorts] == [(COHORT_ID, "Spring cohort"), (AUTUMN_ID, "Autumn cohort")]
    assert [p.id for p in program.pairs] == PAIRS
    assert [p.cohort for p in program.pairs] == [COHORT_ID] * 4 + [AUTUMN_ID] * 3
    assert all(p.started for p in program.pairs)
    assert len(program.people) == 14 and len({p.id for p in program.people}) == 14
    assert program.cohort_mentors(COHORT_ID) == [p.mentor for p in program.pairs[:4]]
    assert program.cohort_mentors(AUTUMN_ID) == [p.mentor for p in program.pairs[4:]]


def test_ended_pairs_are_recorded_with_the_date_of_their_closing(demo):
    from facilitator.workspace import Workspace

    program = Workspace(demo).program()
    closings = {r.pair: r for r in _records(demo) if r.session == "closing"}
    assert sorted(closings) == sorted(CLOSED)
    for pair in program.pairs:
        if pair.id in CLOSED:
            assert pair.ending == CLOSED[pair.id]
            assert pair.ended == closings[pair.id].created[:10]
            assert pair.started < pair.ended < date.today().isoformat()
        else:
            assert (pair.ended, pair.ending) == ("", "")


def test_every_record_loads_and_only_one_run_is_open(demo):
    records = _records(demo)
    assert len(records) == 7 + 7 + 4 + 2  # expectations, midpoints (one open), closings, cohort meetings
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


def test_runs_are_dated_in_the_past_in_the_order_they_took_place(demo):
    from facilitator.workspace import Workspace

    program = Workspace(demo).program()
    records = _records(demo)
    today = date.today().isoformat()
    order = {"expectations": 0, "midpoint": 1, "closing": 2}
    for pair in program.pairs:
        runs = sorted((r for r in records if r.pair == pair.id), key=lambda r: r.created)
        assert [r.session for r in runs] == sorted((r.session for r in runs), key=order.get)
        assert pair.started <= runs[0].created[:10]
        versions = load_agreement(demo / "agreements", pair.id).versions
        for version in versions:  # each version is dated the day of the run that made it
            assert version.date == next(r for r in runs if r.id == version.run).created[:10]
    for r in records:
        assert r.created[:10] < today and r.id.startswith(r.created[:10])
        assert all(r.created <= e.at <= r.updated for e in r.entries)
        if r.finished:
            assert r.created < r.finished <= r.updated
    first, second = [r for r in records if r.kind == "cohort"]
    spring = [r for r in records if r.pair in SPRING]
    assert max(r.created for r in spring if r.session == "expectations") < first.created
    assert first.created < min(r.created for r in spring if r.session == "midpoint") < second.created


def test_midpoints_show_their_situations(demo):
    records = _records(demo)
    midpoints = {r.pair: r for r in records if r.session == "midpoint" and r.is_finished}
    assert sorted(midpoints) == sorted(MIDPOINT_PAIRS)

    gap = midpoints["helen-tomas"]
    assert _answers(gap, "M-R1") == {"mentor": 5, "mentee": 1}
    assert gap.patterns.confirmed == ["perception_gap"]
    performed = midpoints["rajesh-lena"]
    ratings = [e.value for e in performed.entries if e.code.startswith("M-R")]
    assert ratings and min(ratings) >= 4
    assert set(_answers(performed, "M-W2").values()) == {"Nothing really."}
    healthy = midpoints["grace-wei"]
    for code in (f"M-R{i}" for i in range(1, 14)):
        both = _answers(healthy, code)
        assert min(both.values()) >= 3 and max(both.values()) - min(both.values()) <= 1
    assert _answers(midpoints["hiroshi-fatima"], "M-R9") == {"mentor": 4, "mentee": 2}
    for record in midpoints.values():
        assert record.revealed == ["reflect"]
        assert record.notes and record.actions and record.term_reasons
        assert set(_answers(record, "M-K1")) == {"mentor", "mentee"}
        assert record.agreement_version == 2


def test_closing_runs_have_both_reflections_outcomes_and_the_transition(demo):
    closings = {r.pair: r for r in _records(demo) if r.session == "closing"}
    for pair, record in closings.items():
        assert record.is_finished and record.revealed == ["reflect"] and record.notes
        assert record.step == 5  # the goodbye
        for code in ("C-W1", "C-W2", "C-W3", "C-W4", "C-I1", "C-N1", "C-N2", "C-S1", "C-T1",
                     *(f"C-R{i}" for i in range(1, 14))):
            assert set(_answers(record, code)) == {"mentor", "mentee"}, (pair, code)
        for code in ("C-G1", "C-G2", "C-G3", "C-M1", "C-T2", "C-I2"):
            assert set(_answers(record, code)) == {"mentee"}, (pair, code)
        for code in ("C-L1", "C-L2", "C-H1"):
            assert set(_answers(record, code)) == {"mentor"}, (pair, code)
        assert record.agreement_version == 0, "a closing changes no terms"
    high = closings["grace-wei"]
    assert all(v >= 4 for code in ("C-G1", "C-G2", "C-S1", "C-G3") for v in _answers(high, code).values())
    early = closings["rajesh-lena"]
    said = " ".join(_answers(early, "C-W1").values()).lower()
    assert "early" in said and "goal" in said


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


def test_each_run_is_read_against_the_agreement_it_began_with(demo):
    from facilitator.patterns import Analysis
    from facilitator.workspace import Workspace

    analysis = Analysis(Workspace(demo))
    for r in analysis.records:
        if not r.pair:
            continue
        version = analysis.agreement_for(r)
        expected = {"expectations": None, "midpoint": 1, "closing": 2}[r.session]
        assert (version.version if version else None) == expected, r.id


@pytest.mark.parametrize("pair, session, pattern", [
    ("helen-tomas", "midpoint", "Perception gap [confirmed]"),
    ("helen-tomas", "midpoint", "Unmet cadence — 3 meetings held in 13 weeks"),
    ("rajesh-lena", "midpoint", "Performed agreement"),
    ("david-amina", "midpoint", "Withdrawal"),
    ("hiroshi-fatima", "midpoint", "Perception gap [confirmed]"),
])
def test_patterns_command_finds_each_situation(demo, cli, pair, session, pattern):
    (run,) = [r for r in _records(demo) if r.pair == pair and r.session == session]
    result = cli("--workspace", demo, "patterns", run.id)
    assert result.code == 0, result.err
    assert pattern in result.out


def test_program_figures_have_outcomes_and_endings_for_both_cohorts(demo):
    from facilitator.patterns import program_figures
    from facilitator.workspace import Workspace

    figures = program_figures(Workspace(demo))
    spring, autumn = figures["cohorts"]
    assert (spring["id"], spring["pairs"], autumn["id"], autumn["pairs"]) == (COHORT_ID, 4, AUTUMN_ID, 3)
    assert {k: spring["endings"][k] for k in ("completed", "early", "ongoing")} == \
        {"completed": 1, "early": 1, "ongoing": 2}
    assert {k: autumn["endings"][k] for k in ("completed", "early", "ongoing")} == \
        {"completed": 2, "early": 0, "ongoing": 1}
    assert figures["total"]["endings"]["early"] == 1 and figures["total"]["endings"]["completed"] == 3
    for group in (spring, autumn, figures["total"]):
        for measure in OUTCOMES:
            outcome = group["outcomes"][measure]
            assert outcome["mean"] is not None and 1 <= outcome["mean"] <= 5, (group["name"], measure)
        satisfaction = group["outcomes"]["outcome_satisfaction"]["by_role"]
        assert set(satisfaction) == {"mentor", "mentee"}
        for measure in ("outcome_career", "outcome_skills", "outcome_belonging"):
            assert set(group["outcomes"][measure]["by_role"]) == {"mentee"}
    assert spring["outcomes"]["outcome_career"]["answers"] == autumn["outcomes"]["outcome_career"]["answers"] == 2
    assert spring["completeness"]["unfinished_runs"] == 1 and autumn["completeness"]["unfinished_runs"] == 0
    assert figures["unanalysed_runs"] == [] and figures["unreadable_records"] == []


def test_second_cohort_meeting_carries_the_first_ones_commitments(demo):
    records = _records(demo)
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


def test_building_twice_the_same_day_gives_the_same_files(demo, tmp_path):
    again = tmp_path / "demo"
    create_demo(again)
    built = ("program.toml", "agreements/", "records/")  # not what commands cache in the workspace since
    first, second = ({k: v for k, v in _snapshot(root).items() if k.startswith(built)} for root in (demo, again))
    if (demo / "program.toml").read_bytes() != (again / "program.toml").read_bytes():
        pytest.skip("built on different days (midnight passed in between)")
    assert first == second


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
    assert {r["cohort"] for r in rows} == {COHORT_ID, AUTUMN_ID}
    assert {r["session"] for r in rows} == {"expectations", "midpoint", "closing", "cohort-meeting"}
    assert not any(r["code"] in ("E-P1", "M-P1", "C-P1") for r in rows), "private answers stay out of the export"

    result = cli("--workspace", demo, "export")
    assert result.code == 0 and result.out.startswith("run,date,session,pair,cohort,person")


def test_demo_root_is_in_the_user_data_folder():
    assert demo_root().name == "demo"
    assert demo_root().parent.name.lower() == "facilitator"

