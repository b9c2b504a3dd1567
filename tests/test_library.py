"""The bundled library: every file valid, round-trips, and follows the content rules."""

from __future__ import annotations

from collections import defaultdict

import pytest
import tomli_w

from facilitator import model
from facilitator.definitions import check_document, check_file, to_document
from facilitator.library import load_library
from tests.conftest import SESSIONS

FILES = sorted(SESSIONS.glob("*.toml"))
PATTERN_MEASURES = {"cadence_fit", "progress", "communication", "availability", "fit", "decision_autonomy",
                    "mentee_voice", "role_clarity"}


def sessions_of(kind: str) -> list[model.Session]:
    return [s for s in load_library().entries.values() for s in [s.session] if s.kind == kind]


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_bundled_file_is_valid_without_warnings(path):
    checked = check_file(path)
    assert checked.errors == []
    assert checked.warnings == []


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_load_write_load_gives_an_equal_model(path, tmp_path):
    session = check_file(path).session
    copy = tmp_path / path.name
    copy.write_text(tomli_w.dumps(to_document(session)), encoding="utf-8")
    again = check_file(copy).session
    assert again == session


def test_library_has_every_kind_and_four_roleplays():
    kinds = defaultdict(list)
    for entry in load_library().entries.values():
        kinds[entry.session.kind].append(entry.session.id)
    for kind in ("expectations", "midpoint", "closing", "cohort"):
        assert kinds[kind], f"no bundled {kind} session"
    assert len(kinds["roleplay"]) >= 4


def test_every_rating_is_a_labelled_scale():
    for entry in load_library().entries.values():
        for _, q in entry.session.questions():
            if isinstance(q, model.RatingQuestion):
                assert q.scale.low and q.scale.high, (entry.session.id, q.code)


def rated_measures(session: model.Session) -> dict[str, set[str]]:
    by_role: dict[str, set[str]] = defaultdict(set)
    for step, q in session.questions():
        if isinstance(q, model.RatingQuestion) and q.measure:
            for role in session.answering_roles(step, q):
                by_role[role].add(q.measure)
    return by_role


def test_midpoint_and_closing_ask_both_parties_the_same_rated_items():
    midpoint, closing = sessions_of("midpoint")[0], sessions_of("closing")[0]
    for session in (midpoint, closing):
        by_role = rated_measures(session)
        assert PATTERN_MEASURES <= by_role["mentor"], session.id
        assert PATTERN_MEASURES <= by_role["mentee"], session.id
    assert PATTERN_MEASURES <= rated_measures(midpoint)["mentor"] & rated_measures(closing)["mentor"]


def test_midpoint_reflects_separately_then_reveals():
    midpoint = sessions_of("midpoint")[0]
    types = [model.step_type(s) for s in midpoint.steps]
    assert types.index("reflection") < types.index("reveal")
    measures = {q.measure for _, q in midpoint.questions()}
    assert {"working", "not_working", "meetings_held", "reverse_learning", "continuation"} <= measures
    assert any(q.private for _, q in midpoint.questions()), "a facilitator-only question"


def test_expectations_marks_the_agreement_terms():
    expectations = sessions_of("expectations")[0]
    terms = {q.term for _, q in expectations.questions() if q.term}
    assert {"goals", "cadence", "objectives", "responsibilities", "success"} <= terms


@pytest.mark.parametrize("session", sessions_of("roleplay"), ids=lambda s: s.id)
def test_roleplay_has_situation_briefs_checklist_swap_and_debrief(session):
    assert session.scenario and len(session.scenario.situation) > 80
    briefed = [r for r in session.roles if r.brief]
    assert len(briefed) >= 2
    assert any(r.checklist for r in session.roles), "an observer checklist"
    rounds = [s for s in session.steps if isinstance(s, model.RoleplayStep)]
    assert len(rounds) >= 2 and any(r.swap for r in rounds)
    assert any(isinstance(s, model.DiscussionStep) and s.prompts for s in session.steps), "a debrief"
    assert any(isinstance(s, model.AgreementStep) for s in session.steps), "agreed terms written down"


def test_cohort_meeting_has_round_robin_commitments_and_a_timed_consult():
    cohort = sessions_of("cohort")[0]
    assert any(isinstance(s, model.RoundRobinStep) for s in cohort.steps)
    assert any("commitments" in s.show for s in cohort.steps)
    assert any(getattr(s, "parts", None) for s in cohort.steps), "the case consult runs in timed parts"
    assert any(q.commitment for _, q in cohort.questions())


def test_workspace_session_overrides_bundled_by_id(tmp_path):
    bundled_mid = sessions_of("midpoint")[0]
    doc = to_document(bundled_mid)
    doc["title"] = "Our own midpoint"
    (tmp_path / "mine.toml").write_text(tomli_w.dumps(doc), encoding="utf-8")
    library = load_library(tmp_path)
    entry = library.entry(bundled_mid.id)
    assert entry.source == "workspace" and entry.session.title == "Our own midpoint"


def test_sessions_command_lists_the_library(cli):
    result = cli("sessions")
    assert result.code == 0
    lines = result.out.splitlines()
    assert lines[0].split() == ["ID", "KIND", "MIN", "TITLE", "SOURCE"]
    assert len(lines) == 1 + len(FILES)
    assert all(line.rstrip().endswith("bundled") for line in lines[1:])


def test_sessions_reports_a_broken_workspace_file_and_lists_the_rest(cli, workspace):
    (workspace / "sessions").mkdir()
    (workspace / "sessions" / "broken.toml").write_text("id = ", encoding="utf-8")
    result = cli("sessions")
    assert result.code == 0
    assert "broken.toml" in result.err
    assert len(result.out.splitlines()) == 1 + len(FILES)


def test_check_document_accepts_plain_data():
    doc = to_document(sessions_of("midpoint")[0])
    assert check_document(doc, "memory").session is not None


# ---------------------------------------------------------------- codes on paper


def _series(code: str) -> tuple[str, int]:
    stem = code.rstrip("0123456789")
    return stem, int(code[len(stem):] or 0)


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_each_role_sheet_numbers_its_codes_without_a_gap(path):
    session = check_file(path).session
    for role in session.roles:
        numbers: dict[str, list[int]] = defaultdict(list)
        for _, q in session.questions_for(role.id):
            stem, n = _series(q.code)
            numbers[stem].append(n)
        for stem, seen in numbers.items():
            assert sorted(seen) == list(range(1, len(seen) + 1)), (session.id, role.id, stem, sorted(seen))


def test_a_renumbered_code_is_never_a_code_in_use_anywhere_it_was():
    for entry in load_library().entries.values():
        codes = {q.code for _, q in entry.session.questions()}
        for _, q in entry.session.questions():
            assert not set(q.was) & codes, (entry.session.id, q.code)


def test_validate_refuses_an_old_code_that_is_still_in_use(tmp_path):
    doc = to_document(sessions_of("midpoint")[0])
    doc["steps"][1]["questions"][0]["was"] = ["M-W2"]
    checked = check_document(doc, "mine.toml")
    assert any("M-W2" in e and "old code" in e for e in checked.errors), checked.errors


def _old_record(cli, workspace) -> "Path":
    """An expectations run whose record was written before the renumbering: old codes only."""
    import tomllib

    assert cli("pair", "add", "p1", "--mentor", "Ana Ruiz", "--mentee", "Ben Ode").code == 0
    assert cli("start", "expectations", "--pair", "p1").code == 0
    path = next((workspace / "records").glob("*.toml"))
    doc = tomllib.loads(path.read_text(encoding="utf-8"))
    who = {p["role"]: p["person"] for p in doc["participants"]}
    stamp = doc["created"]

    def entry(role, code, value):
        return {"person": who[role], "role": role, "code": code, "value": value, "at": stamp, "source": "sheet"}

    doc["entries"] = [
        entry("mentee", "E-Q1", "Lead the quarterly review"),
        entry("mentee", "E-A1", "Lead the quarterly review by June"),  # the agreed wording wins
        entry("mentee", "E-Q7", "weekly check-in"),
        entry("mentee", "E-A10", "A view of how newer analysts work"),
        entry("mentor", "E-A10", "How newer analysts use open data"),
        entry("mentor", "E-Q8", "occasional message"),
        entry("mentee", "E-A11", "Every two weeks, an hour"),
    ]
    path.write_text(tomli_w.dumps(doc), encoding="utf-8")
    return path


def test_an_old_record_keeps_its_answers_under_the_new_codes(cli, workspace):
    from facilitator.engine import RunEngine
    from facilitator.viewers import FACILITATOR
    from facilitator.workspace import Workspace

    path = _old_record(cli, workspace)
    engine = RunEngine.open(Workspace(workspace), path.stem)
    try:
        seen = {(e.role, e.code): e.value for e in engine.entries(FACILITATOR)}
    finally:
        engine.close()
    assert seen[("mentee", "E-W1")] == "Lead the quarterly review by June"
    assert seen[("mentee", "E-W3")] == "weekly check-in"
    assert seen[("mentor", "E-O3")] == "occasional message"
    # one old code split by role: each party's answer goes to the question they are asked now
    assert seen[("mentee", "E-W4")] == "A view of how newer analysts work"
    assert seen[("mentor", "E-O4")] == "How newer analysts use open data"
    assert seen[("mentee", "E-L7")] == "Every two weeks, an hour"

    result = cli("export", "--format", "json")
    assert result.code == 0
    assert '"E-L7"' in result.out and '"E-A11"' not in result.out


def test_an_old_printed_sheet_imports_under_the_new_codes(cli, workspace, tmp_path):
    import tomllib

    assert cli("pair", "add", "p1", "--mentor", "Ana Ruiz", "--mentee", "Ben Ode").code == 0
    assert cli("start", "expectations", "--pair", "p1").code == 0
    run = next((workspace / "records").glob("*.toml")).stem
    sheet = tmp_path / "old-sheet.toml"
    sheet.write_text(tomli_w.dumps({"answers": {"E-Q1": "Present to the board", "E-Q7": "none"}}),
                     encoding="utf-8")
    result = cli("import", run, str(sheet), "--role", "mentee")
    assert result.code == 0, result.err
    doc = tomllib.loads((workspace / "records" / f"{run}.toml").read_text(encoding="utf-8"))
    stored = {e["code"]: e["value"] for e in doc["entries"]}
    assert stored == {"E-W1": "Present to the board", "E-W3": "none"}
