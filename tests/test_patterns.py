"""The pattern library, `facilitator patterns`, and the program figures."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from facilitator.engine import RunEngine
from facilitator.patterns import Analysis, load_patterns, program_figures, run_findings
from facilitator.patterns.cadence import expected_from_term, parse_cadence
from facilitator.patterns.context import known_measures
from facilitator.patterns.library import LEVELS, placeholders
from facilitator.workspace import Workspace
from tests.test_patterns_precision import BASE, sheet

DATA = Path(__file__).parent / "data" / "patterns"
MENTOR, MENTEE = "ana-ruiz", "ben-ode"


@pytest.fixture
def ws(workspace, cli) -> Workspace:
    assert cli("pair", "add", "ana-ben", "--mentor", "Ana Ruiz", "--mentee", "Ben Ode", "--cohort", "spring").code == 0
    w = Workspace(workspace)
    program = w.program()
    program.pairs[0].started = (date.today() - timedelta(weeks=12)).isoformat()
    w.save_program(program)
    return w


def kickoff(w: Workspace, pair: str = "ana-ben", mentor: str = MENTOR, mentee: str = MENTEE,
            cadence: str = "Every two weeks") -> None:
    with RunEngine.create(w, "expectations", pair=pair) as run:
        run.answer_many(mentee, sheet(run.session, "mentee", BASE["both"], BASE["mentee"]) | {"E-A11": cadence}, "sheet")
        run.answer_many(mentor, sheet(run.session, "mentor", BASE["both"], BASE["mentor"]), "sheet")
        run.finish()


def midpoint(w: Workspace, mentor: dict, mentee: dict, pair: str = "ana-ben", people=(MENTOR, MENTEE),
             session: str = "midpoint") -> str:
    with RunEngine.create(w, session, pair=pair) as run:
        if mentor is not None:
            run.answer_many(people[0], sheet(run.session, "mentor", BASE["both"], BASE["mentor"], mentor), "sheet")
        if mentee is not None:
            run.answer_many(people[1], sheet(run.session, "mentee", BASE["both"], BASE["mentee"], mentee), "sheet")
        return run.record.id


# ---------------------------------------------------------------- the library


# measures of the shared contract whose sessions (stretch check-in, expectations rework) arrive from
# other branches: until they do, no bundled session asks them
CONTRACT = {"kickoff_goal", "kickoff_goal_guess", "stretch_hours", "day_job_ok", "sponsor_contact",
            "sponsor_contact_sponsor", "sponsor_knows_work"}


def test_the_bundled_library_names_the_whole_catalogue(workspace):
    library = load_patterns(None, known_measures(Workspace(workspace)))
    # every measure and option it names is used by a bundled session
    assert library.warnings == []  # nothing a user is told about the bundled file
    assert [w for w in library.bundled_warnings if not any(f"`{m}`" in w for m in CONTRACT)] == []
    by_level = {level: [p.id for p in library.at(level)] for level in LEVELS}
    assert by_level["pair"] == ["perception_gap", "performed_agreement", "unmet_cadence", "meeting_count_disagreement",
                                "availability_mismatch", "stalled_objectives", "dependency", "over_direction",
                                "role_ambiguity", "one_way_street", "reciprocity_not_delivered", "run_its_course",
                                "poor_fit", "continuation_disagreement", "withdrawal", "kickoff_goal_mismatch",
                                "stretch_overload", "sponsor_invisible"]
    assert by_level["cohort"] == ["shared_challenge", "red_streak", "commitments_not_kept", "absence_streak",
                                  "cohort_one_way_street", "low_meeting_counts"]
    assert by_level["program"]
    for p in library.patterns:
        assert p.description.strip() and p.questions and p.evidence
        assert "{" in p.evidence and placeholders(p.rule)
        for text in (p.name, p.description, *p.questions):  # read with role ids where no session is in view
            assert "{" not in text and "senior" not in text.lower() and "junior" not in text.lower(), text


def test_the_bundled_file_ships_inside_the_package():
    import facilitator

    assert (Path(facilitator.__file__).parent / "data" / "patterns.toml").is_file()


def test_workspace_patterns_replace_add_and_disable(cli, workspace):
    (workspace / "patterns.toml").write_text('''
disable = ["withdrawal"]

[labels]
fit = "how well we fit"

[[patterns]]
id = "perception_gap"
name = "Big perception gap"
level = "pair"
description = "Three points apart."
evidence = "{label}: {mentor} vs {mentee}"
questions = ["What do you each see?"]
[patterns.rule]
kind = "gap"
min = 3

[[patterns]]
id = "low_communication"
name = "Low communication"
level = "pair"
description = "Someone finds it hard to talk openly."
evidence = "{label} ({code}: {values})"
questions = ["What is hard to say?"]
[patterns.rule]
kind = "level"
measures = ["communication"]
match = "any"
at_most = 2
''', encoding="utf-8")
    result = cli("patterns", "--list", "--json")
    assert result.code == 0, result.err
    rows = {row["id"]: row for row in json.loads(result.out)}
    assert rows["perception_gap"]["name"] == "Big perception gap" and rows["perception_gap"]["source"] == "workspace"
    assert list(rows).index("perception_gap") == 0  # a replaced pattern keeps its place
    assert rows["low_communication"]["source"] == "workspace"
    assert "withdrawal" not in rows
    library = load_patterns(workspace)
    assert library.label("fit") == "how well we fit" and library.label("cadence_fit") == "meeting rhythm"


BAD = '''
disabel = ["withdrawal"]

[[patterns]]
id = "one"
name = "One"
level = "pair"
description = "x"
evidence = "{label}"
questions = ["q"]
[patterns.rule]
kind = "gapp"

[[patterns]]
id = "two"
name = "Two"
level = "pairs"
description = "x"
evidence = "{label}"
questions = ["q"]
[patterns.rule]
kind = "level"
measures = ["fit"]
at_mots = 2

[[patterns]]
id = "three"
name = "Three"
level = "pair"
description = "x"
evidence = "{label} {gapp} {code.upper}"
questions = ["q"]
[patterns.rule]
kind = "any"
[[patterns.rule.rules]]
kind = "gap"
[[patterns.rule.rules]]
kind = "streak"
measure = "relationship_status"
values = ["red"]

[[patterns]]
id = "four"
name = "Four"
level = "pair"
description = "x"
evidence = "{label}"
questions = ["q"]
[patterns.rule]
kind = "level"
measures = ["fit"]

[[patterns]]
id = "four"
name = "Four again"
level = "pair"
description = "x"
evidence = "{label} {gap}"
questions = ["q"]
[patterns.rule]
kind = "gap"
'''


def test_a_bad_pattern_file_gives_one_line_per_problem_and_exit_2(cli, workspace):
    (workspace / "patterns.toml").write_text(BAD, encoding="utf-8")
    result = cli("patterns", "--list")
    assert result.code == 2 and result.out == ""
    assert "Traceback" not in result.err
    lines = result.err_lines
    assert all(line.startswith(str(workspace / "patterns.toml")) or line.startswith("patterns.toml") for line in lines)
    text = "\n".join(lines)
    assert "disabel: unknown key `disabel` (did you mean `disable`?)" in text
    assert "patterns[1].rule.kind: unknown kind `gapp` (did you mean `gap`?)" in text
    assert "patterns[2].level: unknown value `pairs` (did you mean `pair`?)" in text
    assert "patterns[2].rule.at_mots: unknown key `at_mots` (did you mean `at_most`?)" in text
    assert "patterns[3].rule.rules[2].kind: a `streak` rule works at the cohort level" in text
    assert "patterns[3].evidence: unknown placeholder {gapp}" in text  # `any` offers what all its rules offer
    assert "patterns[3].evidence: placeholder {code.upper}: use a plain name" in text
    assert "patterns[4].rule: say `at_most` or `at_least`" in text
    assert "patterns[5].id: duplicate pattern id `four` (already used at patterns[4].id)" not in text  # 4 failed
    assert len(lines) == 8, lines


def test_placeholders_are_checked_against_the_rule(tmp_path):
    from facilitator.patterns.library import check_pattern_file

    path = tmp_path / "p.toml"
    path.write_text('''
[[patterns]]
id = "x"
name = "X"
level = "pair"
description = "x"
evidence = "{label} {gapp} {mentor}"
questions = ["q"]
[patterns.rule]
kind = "gap"

[[patterns]]
id = "x"
name = "X"
level = "pair"
description = "x"
evidence = "{label}"
questions = ["q"]
[patterns.rule]
kind = "level"
measures = ["fit"]
at_most = 2
''', encoding="utf-8")
    errors = check_pattern_file(path).problems.errors
    assert errors[0].endswith("patterns[1].evidence: unknown placeholder {gapp} (did you mean `gap`?); this rule"
                              " offers: {code}, {gap}, {label}, {measure}, {mentee}, {mentor}, {question}, {values},"
                              " {who}")
    assert len(errors) == 1  # the second `x` is fine: the first one failed


def test_a_toml_syntax_error_in_the_pattern_file(cli, workspace):
    (workspace / "patterns.toml").write_text("[[patterns]\nid = 1\n", encoding="utf-8")
    result = cli("patterns", "--list")
    assert result.code == 2
    assert "patterns.toml:1:" in result.err and "TOML syntax error" in result.err


# ---------------------------------------------------------------- cadence


@pytest.mark.parametrize("text, weeks, expected", [
    ("Weekly", 12, 12),
    ("weekly, 60 minutes", 8, 8),
    ("Every two weeks, 45 minutes", 12, 6),
    ("every other week", 12, 6),
    ("fortnightly", 10, 5),
    ("Monthly", 26, 6),
    ("twice a month", 13, 6),
    ("3 times a month", 52 / 12 * 2, 6),
    ("once a quarter", 26, 2),
    ("Weekly for the first month, then monthly", 20, 7),
    ("weekly for 6 weeks, then every two weeks", 12, 9),
    ("Mentor: Monthly\nMentee: Weekly", 13, 3),
])
def test_the_agreed_rhythm_is_read(text, weeks, expected):
    assert expected_from_term(text, weeks) == expected


@pytest.mark.parametrize("text", ["We meet when we can", "", "as needed"])
def test_a_rhythm_that_cannot_be_read_is_none(text):
    assert parse_cadence(text) is None


# ---------------------------------------------------------------- the command


def test_patterns_cli_text_and_json(cli, ws):
    kickoff(ws)
    run_id = midpoint(ws, {"cadence_fit": 5, "meetings_held": 3}, {"cadence_fit": 1, "meetings_held": 2})
    with RunEngine.open(ws, run_id) as engine:
        engine.dismiss_pattern("unmet_cadence")
        engine.add_pattern("Both avoid the deadline")

    text = cli("patterns", run_id)
    assert text.code == 0, text.err
    lines = text.out.splitlines()
    assert lines[0] == f"Facilitated midpoint review · Ana Ruiz & Ben Ode · run {run_id}"
    assert "◆ Perception gap — meeting rhythm (M-R1: mentor 5, mentee 1)" in lines
    assert lines[lines.index("◆ Perception gap — meeting rhythm (M-R1: mentor 5, mentee 1)") + 1] == \
        "  Ask: What would a 5 look like to each of you?"
    assert any(line.startswith("✕ Unmet cadence [dismissed] — 3 meetings held in 12 weeks") for line in lines)
    assert "  · Both avoid the deadline" in lines

    result = cli("patterns", run_id, "--json")
    findings = json.loads(result.out)
    assert isinstance(findings, list)
    gap = next(f for f in findings if f["id"] == "perception_gap")
    assert gap["status"] == "proposed" and gap["level"] == "pair" and gap["name"] == "Perception gap"
    assert gap["summary"] == "meeting rhythm (M-R1: mentor 5, mentee 1)"
    assert gap["questions"][0] == "What would a 5 look like to each of you?"
    assert [(e["code"], e["person"], e["role"], e["value"]) for e in gap["evidence"]] == [
        ("M-R1", MENTOR, "mentor", 5), ("M-R1", MENTEE, "mentee", 1)]
    cadence = next(f for f in findings if f["id"] == "unmet_cadence")
    assert cadence["status"] == "dismissed"
    assert {"code": "M-N1", "person": MENTOR, "role": "mentor", "value": 3}.items() <= cadence["evidence"][0].items()
    assert cadence["evidence"][-1]["source"] == "agreement" and cadence["evidence"][-1]["value"] == "Every two weeks"

    with RunEngine.open(ws, run_id) as engine:
        engine.confirm_pattern("perception_gap")
    findings = json.loads(cli("patterns", run_id, "--json").out)
    assert next(f for f in findings if f["id"] == "perception_gap")["status"] == "confirmed"


def test_no_finding_without_evidence_and_missing_answers_are_named(cli, ws):
    kickoff(ws)
    run_id = midpoint(ws, {"cadence_fit": 5}, None)  # the mentee has not answered yet
    findings = json.loads(cli("patterns", run_id, "--json").out)
    for f in findings:
        assert f["evidence"] or f["status"] == "no data"
    lacking = {f["id"]: f for f in findings if f["status"] == "no data"}
    assert "perception_gap" in lacking and "availability_mismatch" in lacking
    assert {"measure": "cadence_fit", "role": "mentee", "codes": ["M-R1"]} in lacking["perception_gap"]["missing"]
    assert lacking["perception_gap"]["summary"].startswith("not enough answers: ")
    text = cli("patterns", run_id).out
    assert "Not enough answers to check yet:" in text
    line = next(x for x in text.splitlines() if x.startswith("  · Perception gap: "))
    assert line.startswith("  · Perception gap: meeting rhythm, progress on objectives, ")
    assert line.endswith(" from the mentee (M-R1, M-R2, M-R3, M-R5, M-R6, M-R7, M-R8, M-R9, M-R10, M-R11,"  # M-R4: nobody
                         " M-R12, M-R13)")


def test_a_cadence_we_cannot_read_is_reported_not_guessed(cli, ws):
    kickoff(ws, cadence="We meet when it suits us")
    run_id = midpoint(ws, {"meetings_held": 1}, {"meetings_held": 1})
    findings = json.loads(cli("patterns", run_id, "--json").out)
    cadence = next(f for f in findings if f["id"] == "unmet_cadence")
    assert cadence["status"] == "no data"
    assert "We meet when it suits us" in cadence["missing"][0]["what"]


def test_a_pair_without_an_agreement_lacks_the_cadence(cli, ws):
    run_id = midpoint(ws, {"meetings_held": 1}, {"meetings_held": 1})
    cadence = next(f for f in json.loads(cli("patterns", run_id, "--json").out) if f["id"] == "unmet_cadence")
    assert cadence["status"] == "no data" and cadence["missing"] == [{"what": "the agreement's `cadence` term"}]


def test_private_answers_are_never_cited(cli, ws, workspace):
    (workspace / "sessions").mkdir(exist_ok=True)
    shutil.copy(DATA / "private-check.toml", workspace / "sessions")
    with RunEngine.create(Workspace(workspace), "private-check", pair="ana-ben") as run:
        run.answer(MENTOR, "X-R1", 5)
        run.answer(MENTEE, "X-R1", 1)  # private: a gap the facilitator sees but no pattern cites
        run.answer(MENTOR, "X-R2", 4)
        run.answer(MENTEE, "X-R2", 4)
        run.answer(MENTOR, "X-W2", "nothing")
        run.answer(MENTEE, "X-W2", "nothing")
        run_id = run.record.id
    findings = json.loads(cli("patterns", run_id, "--json").out)
    assert "perception_gap" not in {f["id"] for f in findings}
    codes = {e["code"] for f in findings for e in f["evidence"]}
    assert "X-R1" not in codes and "X-P1" not in codes


def test_unknown_run_is_a_clear_error(cli, ws):
    kickoff(ws)
    result = cli("patterns", "2026-01-01-midpoint-ana-bem")
    assert result.code == 2 and "no run" in result.err
    assert cli("patterns").code == 2


def test_cohort_meeting_findings_name_mentors(cli, ws):
    with RunEngine.create(ws, "cohort-meeting", cohort="spring") as run:
        run.answer(MENTOR, "K-S1", "red")
    with RunEngine.create(ws, "cohort-meeting", cohort="spring") as run:
        run.answer(MENTOR, "K-S1", "red")
        run_id = run.record.id
    result = cli("patterns", run_id)
    assert "◆ Status red two meetings running — Ana Ruiz: relationship status red, 2 meetings running" in result.out


# ---------------------------------------------------------------- program figures


def test_program_figures(cli, ws, workspace):
    for pid, mentor, mentee in (("cy-di", "Cy Lam", "Di Oko"), ("ed-fa", "Ed Po", "Fa Qi"),
                                ("gu-ha", "Gu Ra", "Ha Su")):
        assert cli("pair", "add", pid, "--mentor", mentor, "--mentee", mentee,
                   "--cohort", "spring" if pid != "gu-ha" else "autumn").code == 0
    w = Workspace(workspace)
    program = w.program()
    started = (date.today() - timedelta(weeks=12)).isoformat()
    for p in program.pairs:
        p.started = started
    program.pairs[3].ending = "completed"
    w.save_program(program)
    people = {p.id: (p.mentor, p.mentee) for p in program.pairs}
    for pid in ("ana-ben", "cy-di", "ed-fa"):
        kickoff(w, pid, *people[pid])
    midpoint(w, {"cadence_fit": 5}, {"cadence_fit": 1}, "ana-ben", people["ana-ben"])
    midpoint(w, {"cadence_fit": 5, "continuation": "Continue with changes"},
             {"cadence_fit": 2, "continuation": "Ask for a rematch"}, "cy-di", people["cy-di"])
    closing = midpoint(w, {"outcome_satisfaction": 5}, {"outcome_career": 2, "outcome_satisfaction": 3},
                       "ana-ben", people["ana-ben"], session="closing")
    with RunEngine.open(w, closing) as engine:
        engine.finish()
    for month in range(2):
        with RunEngine.create(w, "cohort-meeting", cohort="spring") as run:
            run.answer("ana-ruiz", "K-S3", "We had to reschedule twice")
            run.answer("cy-lam", "K-S3", "Her confidence dropped")

    figures = program_figures(w)
    json.dumps(figures)  # plain data
    spring = next(c for c in figures["cohorts"] if c["id"] == "spring")
    autumn = next(c for c in figures["cohorts"] if c["id"] == "autumn")
    assert spring["pairs"] == 3 and autumn["pairs"] == 1
    assert spring["patterns"]["perception_gap"] == {"name": "Perception gap", "pairs": 2, "confirmed": 0,
                                                    "share": 0.667}
    assert spring["patterns"]["poor_fit"]["pairs"] == 1
    assert spring["endings"] == {"completed": 1, "early": 1, "ongoing": 1, "early_reasons": {"rematch": 1}}
    assert autumn["endings"]["completed"] == 1  # recorded in program.toml
    assert spring["outcomes"]["outcome_satisfaction"]["mean"] == 4.0
    assert spring["outcomes"]["outcome_satisfaction"]["by_role"] == {"mentee": 3.0, "mentor": 5.0}
    assert spring["outcomes"]["outcome_career"]["mean"] == 2.0
    assert autumn["outcomes"]["outcome_career"]["mean"] is None
    themes = {t["theme"]: t for t in spring["themes"]}
    assert themes["time and scheduling"] == {"theme": "time and scheduling", "meetings": 2, "mentions": 2,
                                             "recurring": True}
    assert themes["confidence"]["recurring"] is True
    assert spring["completeness"]["pairs_without_midpoint"] == ["ed-fa"]
    assert autumn["completeness"]["pairs_without_runs"] == ["gu-ha"]
    assert figures["total"]["pairs"] == 4
    assert figures["total"]["patterns"]["perception_gap"]["pairs"] == 2
    # a third of spring's pairs or more share a pattern: a program-level finding
    program_level = {(f["cohort"], f["pattern"]) for f in figures["findings"]}
    assert ("spring", "perception_gap") in program_level
    finding = next(f for f in figures["findings"] if f["pattern"] == "perception_gap")
    assert finding["summary"] == "Perception gap in 2 of 3 pairs of cohort Spring (67%)"
    assert {e["pair"] for e in finding["evidence"]} == {"ana-ben", "cy-di"}

    only = program_figures(w, "autumn")
    assert [c["id"] for c in only["cohorts"]] == ["autumn"] and only["total"]["pairs"] == 1
    text = cli("patterns", "--program")
    assert text.code == 0 and "Perception gap: 2 pair(s) (67%)" in text.out
    assert json.loads(cli("patterns", "--program", "--cohort", "spring", "--json").out)["cohort"] == "spring"
    bad = cli("patterns", "--program", "--cohort", "sprnig")
    assert bad.code == 2 and "did you mean `spring`" in bad.err


def test_a_dismissed_pattern_does_not_count_in_the_figures(ws):
    kickoff(ws)
    run_id = midpoint(ws, {"cadence_fit": 5}, {"cadence_fit": 1})
    assert program_figures(ws)["total"]["patterns"]["perception_gap"]["pairs"] == 1
    with RunEngine.open(ws, run_id) as engine:
        engine.dismiss_pattern("perception_gap")
    assert program_figures(ws)["total"]["patterns"]["perception_gap"]["pairs"] == 0


def test_findings_reuse_one_analysis(ws):
    kickoff(ws)
    run_id = midpoint(ws, {"cadence_fit": 5}, {"cadence_fit": 1})
    analysis = Analysis(ws)
    first = run_findings(analysis, ws.load_run(run_id))
    assert [f.to_json() for f in run_findings(analysis, ws.load_run(run_id))] == [f.to_json() for f in first]


# ---------------------------------------------------------------- layers


def test_patterns_import_neither_textual_nor_printing():
    code = (
        "import json, sys\n"
        "import facilitator.patterns, facilitator.cli.patterns, facilitator.patterns.render\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('textual', 'weasyprint', 'jinja2'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert json.loads(out) == []


def test_the_bench_data_analyses(workspace):
    """The benchmark's synthetic program stays analysable (a small one, in memory)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("patterns_bench", Path(__file__).parent.parent / "bench"
                                                  / "patterns_bench.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    program, records, agreements = bench.synthetic(30)
    ws = Workspace(workspace)
    figures = program_figures(ws, analysis=Analysis(ws, records=records, program=program, agreements=agreements))
    assert figures["total"]["pairs"] == 30 and len(figures["cohorts"]) == 2
    assert any(row["pairs"] for row in figures["total"]["patterns"].values())
    assert figures["total"]["endings"]["completed"] + figures["total"]["endings"]["early"] > 0
    assert sum(row["meetings"] for row in figures["total"]["cohort_patterns"].values()) > 0


def test_findings_outlive_their_analysis(ws):
    """The app keeps findings after the analysis is gone: summaries are made on demand."""
    import gc

    from facilitator.patterns import findings_for_run

    kickoff(ws)
    run_id = midpoint(ws, {"cadence_fit": 5}, {"cadence_fit": 1})
    findings = findings_for_run(ws, run_id)
    gc.collect()
    gap = next(f for f in findings if f.id == "perception_gap")
    assert gap.summary == "meeting rhythm (M-R1: mentor 5, mentee 1)" and gap.to_json()["evidence"]


def test_every_registered_rule_kind_is_documented_with_its_levels():
    from facilitator.patterns.kinds import REGISTRY

    docs = (Path(__file__).parent.parent / "docs" / "patterns.md").read_text(encoding="utf-8")
    for kind in REGISTRY:
        levels = "all" if set(kind.levels) == set(LEVELS) else ", ".join(kind.levels)
        assert f"| `{kind.name}` | {levels} |" in docs, kind.name


def test_the_records_query_gives_what_filtering_by_hand_gives(ws):
    kickoff(ws)
    midpoint(ws, {"cadence_fit": 5}, {"cadence_fit": 1})
    with RunEngine.create(ws, "cohort-meeting", cohort="spring") as run:
        run.finish()
    every, _ = ws.records()
    by_hand = {
        "pair": lambda r, v: r.pair == v or v in r.pairs, "cohort": lambda r, v: r.cohort == v,
        "kind": lambda r, v: r.kind == v,
    }
    queries = [{"pair": "ana-ben"}, {"cohort": "spring"}, {"kind": "midpoint"}, {"cohort": "spring", "kind": "cohort"},
               {"pair": "ana"}, {}]
    for query in queries:
        wanted = [r.id for r in every if all(by_hand[k](r, v) for k, v in query.items())]
        assert wanted or query["pair"] == "ana"
        shutil.rmtree(ws.root / ".cache", ignore_errors=True)
        assert [r.id for r in ws.records(**query)[0]] == wanted, ("from the files", query)
        ws.records()  # every record in the cache
        assert [r.id for r in ws.records(**query)[0]] == wanted, ("from the cache", query)


# ---------------------------------------------------------------- reading text


@pytest.mark.parametrize("text, nothing", [
    ("Not much, to be honest", True),
    ("Nothing really.", True),
    ("nothing at the moment", True),
    ("Honestly? Not a lot.", True),
    ("N/A", True),
    ("-", True),
    ("Not much, but she showed me how her team uses dashboards", False),
    ("Weekly calls help", False),
    ("Time.", False),
    ("Little things about her tools add up", False),
])
def test_an_answer_says_nothing_clause_by_clause(text, nothing):
    from facilitator.patterns.text import says_nothing

    assert says_nothing(text, frozenset({"not much", "little"}), True, 0) is nothing


@pytest.mark.parametrize("text, found", [
    ("She decides for me", ["decides for me"]),
    ("She never decides for me", []),
    ("I would not say she decides for me", []),
    ("It's not perfect, but she decides for me", ["decides for me"]),  # the negation is in another clause
    ("We don't need a rematch", []),
    ("No need for a rematch, honestly", []),
    ("A rematch would help us both", ["rematch"]),
    ("She hasn't lost interest", []),
    ("I don't feel heard", ["don't feel heard"]),  # a keyword that itself says "not"
])
def test_keywords_are_not_counted_when_negated(text, found):
    from facilitator.patterns.text import Matcher, normalise

    matcher = Matcher.of(["decides for me", "rematch", "lost interest", "don't feel heard"])
    assert matcher.findall(normalise(text)) == found


def test_a_theme_word_too_common_to_mean_anything_is_warned_about(cli, workspace):
    (workspace / "patterns.toml").write_text('''
[[patterns]]
id = "vague"
name = "Vague"
level = "cohort"
description = "x"
evidence = "{theme} ({code})"
questions = ["q"]
[patterns.rule]
kind = "keywords"
measures = ["challenge_theme"]
min_people = 2
[patterns.rule.themes]
"goals" = ["goal", "lost focus"]
''', encoding="utf-8")
    library = load_patterns(workspace, known_measures(Workspace(workspace)))
    assert library.get("vague")
    assert any("patterns[1].rule.themes.goals: `goal` is too common to mark a theme" in w for w in library.warnings)


@pytest.mark.parametrize("text, expected", [
    ("2027-03-01", date(2027, 3, 1)), ("1 March 2027", date(2027, 3, 1)), ("Mar 1, 2027", date(2027, 3, 1)),
    ("September 2026", date(2026, 9, 1)), ("2026-09", date(2026, 9, 1)), ("next spring", None), ("", None),
])
def test_checkpoint_dates_are_read_as_people_write_them(text, expected):
    from facilitator.patterns.schedule import read_date

    assert read_date(text) == expected


# ---------------------------------------------------------------- role names


def test_pattern_text_names_roles_as_the_session_does(cli, ws, workspace):
    """Reverse mentoring: the junior colleague holds the role `mentor`, named "Reverse mentor"."""
    (workspace / "sessions").mkdir(exist_ok=True)
    shutil.copy(DATA / "reverse-check.toml", workspace / "sessions")
    with RunEngine.create(Workspace(workspace), "reverse-check", pair="ana-ben") as run:
        run.answer(MENTOR, "R-1", 2)
        run.answer(MENTEE, "R-1", 3)
        run.answer(MENTOR, "R-2", 4)
        run_id = run.record.id
    (finding,) = [f for f in run_findings(Analysis(ws), ws.load_run(run_id)) if f.id == "dependency"]
    assert finding.summary == "senior colleague makes own decisions (R-1: reverse mentor 2)"
    assert finding.pattern.questions[:2] == [
        "Senior colleague, tell me about a decision you made since the kickoff. Who made it?",
        "Reverse mentor, when did you last hold back an answer so the senior colleague could find their own?"]
    assert "The senior colleague defers decisions and the reverse mentor solves" in finding.pattern.description
    text = cli("patterns", run_id).out
    assert "  Ask: Reverse mentor, when did you last hold back an answer" in text
    lacking = next(f for f in run_findings(Analysis(ws), ws.load_run(run_id)) if f.id == "perception_gap")
    assert lacking.summary == "not enough answers: meeting rhythm from the senior colleague (R-2)"
    listed = json.loads(cli("patterns", "--list", "--json").out)
    dependency = next(row for row in listed if row["id"] == "dependency")
    assert dependency["questions"][1].startswith("Mentor, when did you last hold back")  # no session: role ids
