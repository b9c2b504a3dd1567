"""The run engine: steps, timers, entries, visibility, agreements and commitments."""

from __future__ import annotations

from pathlib import Path

import pytest

from facilitator.agreements import Table
from facilitator.engine import FACILITATOR, SHARED, PersonViewer, PrivacyError, RunEngine, RunFinished
from facilitator.errors import UserError
from facilitator.records import load_record
from facilitator.values import BadValue
from facilitator.workspace import Workspace

DATA = Path(__file__).parent / "data"
MENTOR, MENTEE = "ana-ruiz", "ben-ode"
AS_MENTOR, AS_MENTEE = PersonViewer(MENTOR), PersonViewer(MENTEE)








def reopen(engine: RunEngine, clock=None) -> RunEngine:
    engine.close()
    return RunEngine.open(engine.workspace, engine.record.id, clock=clock or engine.clock)


def test_moving_through_steps_is_saved(ws, clock):
    engine = RunEngine.create(ws, "pair-review", pair="ana-ben", clock=clock)
    assert engine.step.id == "welcome"
    engine.next()
    engine.next()
    assert engine.step.id == "reveal"
    engine.back()
    assert engine.step.id == "reflect"
    engine.jump("agree")
    engine = reopen(engine)
    assert engine.step.id == "agree"
    engine.next()
    engine.next()  # past the end stays on the last step
    assert engine.step.id == "close"
    with pytest.raises(UserError, match="did you mean `agree`"):
        engine.jump("agre")
    engine.close()


def test_timer_survives_a_reopen_with_the_right_remaining_time(ws, clock):
    engine = RunEngine.create(ws, "pair-review", pair="ana-ben", clock=clock)
    engine.start_timer()
    clock.now += 90
    assert engine.remaining() == 5 * 60 - 90
    engine.extend_timer(1)
    assert engine.remaining() == 6 * 60 - 90
    engine = reopen(engine)  # closing stopped the clock: the time the run was closed does not count
    clock.now += 30
    assert not engine.running()
    assert engine.remaining() == 6 * 60 - 90
    engine.start_timer()
    clock.now += 30
    assert engine.running()
    assert engine.remaining() == 6 * 60 - 120
    engine.pause_timer()
    clock.now += 1000
    engine = reopen(engine)
    assert not engine.running()
    assert engine.remaining() == 6 * 60 - 120
    engine.start_timer()
    clock.now += 600
    assert engine.remaining() < 0  # overrun counts up
    engine.reset_timer()
    assert engine.remaining() == 5 * 60
    engine.close()


def test_changing_step_pauses_the_clock_and_each_step_keeps_its_own(ws, clock):
    engine = RunEngine.create(ws, "pair-review", pair="ana-ben", clock=clock)
    engine.start_timer()
    clock.now += 60
    engine.next()
    assert not engine.running() and engine.remaining() == 10 * 60
    engine.back()
    assert engine.remaining() == 4 * 60
    engine.close()


def test_entries_are_per_person_and_checked(ws):
    engine = RunEngine.create(ws, "pair-review", pair="ana-ben")
    engine.answer(MENTOR, "P-R1", 5)
    engine.answer(MENTEE, "P-R1", 1)
    engine.answer(MENTEE, "P-N1", 0)  # zero meetings is an answer
    with pytest.raises(BadValue, match="P-R1: rating 6 is out of range 1-5"):
        engine.answer(MENTOR, "P-R1", 6)
    with pytest.raises(BadValue, match="P-N1: not on the mentor's sheet"):
        engine.answer(MENTOR, "P-N1", 3)
    with pytest.raises(BadValue, match="unknown code `P-R9`"):
        engine.answer(MENTOR, "P-R9", 3)
    with pytest.raises(BadValue, match="expected a whole number"):
        engine.answer(MENTOR, "P-R1", "five")
    with pytest.raises(BadValue, match="not an option"):
        engine.answer(MENTOR, "P-C1", "Stop")
    engine.answer(MENTOR, "P-R1", 0)  # 0 = not answered: removes it
    engine = reopen(engine)
    assert engine.own_answer(MENTOR, "P-R1") is None
    assert engine.own_answer(MENTEE, "P-R1") == 1
    assert engine.own_answer(MENTEE, "P-N1") == 0
    engine.close()


def test_reflections_stay_hidden_until_the_reveal(ws):
    engine = RunEngine.create(ws, "pair-review", pair="ana-ben")
    engine.jump("reflect")
    engine.answer(MENTOR, "P-W1", "We meet every week")
    engine.answer(MENTEE, "P-W1", "The agenda is always his")
    engine.answer(MENTEE, "P-F1", "I want to change mentor")

    # the mentee sees their own answers, not the mentor's; asking for them is refused
    assert {e.value for e in engine.entries(AS_MENTEE)} == {"The agenda is always his", "I want to change mentor"}
    with pytest.raises(PrivacyError):
        engine.answers_of(MENTOR, AS_MENTEE)
    with pytest.raises(PrivacyError):
        engine.answers_of(MENTEE, SHARED)
    assert engine.entries(SHARED) == []
    # the facilitator's view is distinct and complete
    assert len(engine.entries(FACILITATOR)) == 3
    assert engine.done(MENTOR) is False  # P-R1 is still open

    engine.next()  # the reveal step, with both still writing: it stays sealed
    assert not engine.is_revealed("reflect") and engine.entries(SHARED) == []
    engine.reveal(close_missing=True)  # the facilitator closes it for both
    assert engine.is_revealed("reflect")
    assert [e.value for e in engine.answers_of(MENTOR, AS_MENTEE)] == ["We meet every week"]
    shared = {e.value for e in engine.entries(SHARED)}
    assert shared == {"We meet every week", "The agenda is always his"}
    assert "I want to change mentor" not in {e.value for e in engine.entries(AS_MENTOR)}  # private stays private
    engine.back()  # going back does not un-reveal
    assert engine.is_revealed("reflect")
    engine.close()


def test_facilitator_notes_only_in_the_facilitator_view(ws):
    engine = RunEngine.create(ws, "pair-review", pair="ana-ben")
    engine.add_note("Ben looked tense when cadence came up")
    assert engine.notes(FACILITATOR)[0].text.startswith("Ben looked")
    assert engine.notes(SHARED) == [] and engine.notes(AS_MENTEE) == []
    engine.close()


def test_agreement_versions_with_change_log(ws):
    first = RunEngine.create(ws, "pair-review", pair="ana-ben")
    first.answer(MENTOR, "P-A1", "Every two weeks, 45 minutes")
    first.answer(MENTEE, "P-A1", "Every two weeks, 45 minutes")
    first.answer(MENTOR, "P-A2", [["Lead a design review", "March"]])
    v1 = first.finish()
    first.close()
    assert v1.version == 1 and v1.terms["cadence"] == "Every two weeks, 45 minutes"

    second = RunEngine.create(ws, "pair-review", pair="ana-ben")
    assert second.current_agreement().version == 1
    second.set_term("cadence", "Weekly for a month, then every two weeks", why="Ben asked for more support")
    v2 = second.finish()
    assert v2.version == 2
    assert [(c.term, c.before, c.after, c.why) for c in v2.changes] == [
        ("cadence", "Every two weeks, 45 minutes", "Weekly for a month, then every two weeks",
         "Ben asked for more support")]
    assert v2.terms["objectives"] == Table(columns=["Objective", "By when"],  # unchanged terms carry over, as tables
                                           rows=[["Lead a design review", "March"]])
    history = second.agreement_history()
    assert [v.version for v in history] == [1, 2]
    second.close()

    third = RunEngine.create(ws, "pair-review", pair="ana-ben")
    assert third.finish() is None  # nothing changed, no new version
    assert len(third.agreement_history()) == 2
    third.close()


def test_parties_who_disagree_on_a_term_are_both_kept(ws):
    engine = RunEngine.create(ws, "pair-review", pair="ana-ben")
    engine.answer(MENTOR, "P-A1", "Monthly")
    engine.answer(MENTEE, "P-A1", "Weekly")
    assert engine.run_terms()["cadence"] == "Mentor: Monthly\nMentee: Weekly"
    engine.close()


def test_actions_and_patterns_are_recorded(ws):
    engine = RunEngine.create(ws, "pair-review", pair="ana-ben")
    engine.add_action("Send the agenda two days before", "Ben", "2026-12-01")
    engine.set_action_status(0, "done")
    engine.confirm_pattern("perception_gap")
    engine.dismiss_pattern("performed_agreement")
    engine.confirm_pattern("performed_agreement")  # changing one's mind moves it
    engine.add_pattern("Both avoid talking about the deadline")
    record = load_record(ws.record_file(engine.record.id))
    assert record.actions[0].status == "done" and record.actions[0].who == "Ben"
    assert record.patterns.confirmed == ["perception_gap", "performed_agreement"]
    assert record.patterns.dismissed == []
    assert record.patterns.added == ["Both avoid talking about the deadline"]
    with pytest.raises(UserError):
        engine.add_action("  ", "Ben")
    engine.close()


def test_a_finished_run_cannot_be_changed(ws):
    engine = RunEngine.create(ws, "pair-review", pair="ana-ben")
    engine.finish()
    with pytest.raises(RunFinished):
        engine.answer(MENTOR, "P-R1", 3)
    with pytest.raises(RunFinished):
        engine.next()
    engine.close()


def test_a_second_writer_is_locked_out(ws):
    engine = RunEngine.create(ws, "pair-review", pair="ana-ben")
    with pytest.raises(UserError, match="open elsewhere"):
        RunEngine.open(ws, engine.record.id)
    engine.close()
    RunEngine.open(ws, engine.record.id).close()


def test_cohort_commitments_carry_forward(ws):
    first = RunEngine.create(ws, "cohort-test", cohort="spring")
    assert sorted(p.person for p in first.record.participants) == ["ana-ruiz", "cy-lam"]
    first.set_attendance(["ana-ruiz", "cy-lam"])
    first.answer("ana-ruiz", "K-S1", "red")
    first.answer("ana-ruiz", "K-C1", "Ask Ben what he needs between meetings")
    first.answer("cy-lam", "K-C1", "Book the next three meetings")
    first.finish()
    first.close()

    second = RunEngine.create(ws, "cohort-test", cohort="spring")
    carried = second.record.carried
    assert [(c.person, c.text) for c in carried] == [
        ("ana-ruiz", "Ask Ben what he needs between meetings"), ("cy-lam", "Book the next three meetings")]
    assert all(c.since == first.record.id for c in carried)
    second.set_commitment_status(0, "not yet")
    second.set_commitment_status(1, "done")
    with pytest.raises(UserError, match="unknown status"):
        second.set_commitment_status(0, "maybe")
    second.answer("cy-lam", "K-C1", "Try the two-question check-in")
    second.finish()
    second.close()

    third = RunEngine.create(ws, "cohort-test", cohort="spring")
    assert [(c.person, c.text, c.since) for c in third.record.carried] == [
        ("ana-ruiz", "Ask Ben what he needs between meetings", first.record.id),
        ("cy-lam", "Try the two-question check-in", second.record.id),
    ]
    third.close()


def test_attendance_only_for_cohort_members(ws):
    engine = RunEngine.create(ws, "cohort-test", cohort="spring")
    with pytest.raises(UserError, match="does not take part"):
        engine.set_attendance(["ben-ode"])
    engine.close()


def test_roleplay_run_for_a_workshop_of_pairs(ws):
    engine = RunEngine.create(ws, "roleplay-test", pairs=["ana-ben", "cy-di"])
    assert len(engine.record.participants) == 4
    engine.next()
    assert engine.step.swap
    engine.next()
    engine.finish()
    assert load_record(ws.record_file(engine.record.id)).is_finished
    engine.close()


def test_a_run_needs_the_roles_its_session_asks_for(ws):
    with pytest.raises(UserError, match="needs the role"):
        RunEngine.create(ws, "pair-review", cohort="spring")


def test_unknown_pair_and_session_are_clear(ws):
    with pytest.raises(UserError, match="did you mean `ana-ben`"):
        RunEngine.create(ws, "pair-review", pair="ana-bem")
    with pytest.raises(UserError, match="did you mean `pair-review`"):
        RunEngine.create(ws, "pair-reveiw", pair="ana-ben")


def test_record_file_is_private_and_versioned(ws):
    engine = RunEngine.create(ws, "pair-review", pair="ana-ben")
    path = ws.record_file(engine.record.id)
    assert path.stat().st_mode & 0o777 == 0o600
    assert "format = 1" in path.read_text(encoding="utf-8")
    engine.close()


def test_roleplay_answers_are_kept_under_the_role_played(ws):
    (ws.root / "sessions" / "roleplay-test.toml").write_text(
        (DATA / "roleplay-test.toml").read_text(encoding="utf-8")
        + '\n[[steps.questions]]\ncode = "RT-T1"\ntype = "text"\ntext = "What we agreed"\nroles = ["asker"]\n',
        encoding="utf-8")
    ws = Workspace(ws.root)
    engine = RunEngine.create(ws, "roleplay-test", pairs=["ana-ben"])
    engine.deal_trios(seed=1)
    # the question is at the debrief: the asker of the last round answers (a pair plays without an observer)
    asker = engine.cast(1, "debrief")["asker"][0]
    engine.answer(asker, "RT-T1", "Two sprints on the payments queue")
    assert engine.record.entries[0].role == "asker" and engine.record.entries[0].person == asker
    engine.close()


def test_typed_answers_become_values(ws):
    from facilitator.values import as_typed, from_typed

    session = ws.library.get("pair-review")
    q = {code: session.question(code) for code in ("P-R1", "P-N1", "P-C1", "P-A2", "P-W1")}
    assert from_typed(q["P-R1"], " 4 ") == 4
    assert from_typed(q["P-N1"], "0") == 0
    assert from_typed(q["P-C1"], "2") == "Continue with changes"
    assert from_typed(q["P-A2"], "Lead a review | March; Present | May") == [["Lead a review", "March"],
                                                                           ["Present", "May"]]
    for code, typed in (("P-R1", "4"), ("P-C1", "Continue with changes"), ("P-A2", "a | b"), ("P-W1", "x")):
        assert as_typed(q[code], from_typed(q[code], typed)) == typed


def test_the_gate_scopes_one_persons_answers_to_steps(ws):
    engine = RunEngine.create(ws, "pair-review", pair="ana-ben")
    engine.jump("reflect")
    engine.answer(MENTEE, "P-W1", "The agenda is always his")
    engine.answer(MENTEE, "P-F1", "I want to change mentor")
    with pytest.raises(PrivacyError):
        engine.answers_of(MENTEE, SHARED, steps=["reflect"])
    assert engine.answers_of(MENTEE, SHARED, steps=["welcome"]) == []  # nothing hidden there
    assert {e.code for e in engine.answers_of(MENTEE, AS_MENTEE)} == {"P-W1", "P-F1"}  # the curtain: all of their own
    assert engine.own_answer(MENTEE, "P-F1") == "I want to change mentor"
    engine.jump("reveal", close_missing=True)
    assert [e.value for e in engine.answers_of(MENTEE, SHARED, steps=["reflect"])] == ["The agenda is always his"]
    engine.close()
