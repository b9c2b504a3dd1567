"""Pattern texts in the language in force (issue 17): a bundled pattern's name, description,
evidence, suggested questions, the labels evidence gives measures and the names of challenge
themes come from the catalogue, and so do the fixed words the pattern engine builds ("Ask:",
"blank", "not enough answers"); the role names a session gives are filled in after translating.
A program's own WORKSPACE/patterns.toml is its own words: printed as written in any language,
even where they match a bundled English text word for word."""

from __future__ import annotations

import re

import pytest

from facilitator import i18n
from facilitator.patterns import Analysis, program_figures, render, run_findings
from facilitator.patterns.library import load_patterns
from facilitator.presentation import subject
from facilitator.workspace import Workspace
from tests.conftest import SESSIONS
from tests.test_paper_german import _flat, english_pieces
from tests.test_patterns import kickoff, midpoint, ws  # noqa: F401 -- the fixture


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Workspace:
    from facilitator.demo import create_demo

    return create_demo(tmp_path_factory.mktemp("demo") / "demo")


def _said_in_german(w: Workspace) -> str:
    """Everything `facilitator patterns` says about the demo program, in German."""
    with i18n.using("de"):
        analysis = Analysis(w)
        out = [render.catalogue_text(analysis.patterns), render.program_text(program_figures(w, analysis=analysis))]
        for record in analysis.records:
            findings = run_findings(analysis, record)
            out.append(render.run_text(record, findings, subject(analysis.program, record)))
    return "\n".join(out)


def test_the_demo_programs_patterns_read_in_german_with_no_english_pattern_text_left(demo):
    text = _said_in_german(demo)
    # findings of every kind the demo shows: found, confirmed, lacking answers, at a cohort meeting
    for german in ("Fragen Sie: Wie sähe eine 5 für jede und jeden von Ihnen aus?", "[bestätigt]",
                   "Treffrhythmus (M-R1: Mentor 5, Mentee 1)", "Für diese Muster fehlen noch Antworten:",
                   "– Antwort der Rolle Mentee (M-", "Zwei Treffen in Folge auf Rot — David Novak: Stand der Beziehung",
                   "Ergebnisse (1–5): beruflicher Aufstieg", "Tandem(s) (25 %)", "mitgeliefert"):
        assert german in text, german
    # a program's and a session's own words are excused (titles, answers quoted as evidence)
    own = _flat("\n".join(p.read_text(encoding="utf-8") for p in (*SESSIONS.glob("*.toml"), *demo.root.rglob("*.toml"))))
    flat = _flat(text)
    left = sorted(piece for piece in english_pieces()
                  if re.search(r"(?<!\w)" + re.escape(piece) + r"(?!\w)", flat) and piece not in own)
    assert not left, left
    assert "„" in flat and "”" not in flat  # answers are quoted „so“ in German, not “so”


def test_english_is_as_before(demo):
    with i18n.using("en"):
        analysis = Analysis(demo)
        record = demo.load_run("2026-08-25-midpoint-helen-tomas")
        text = render.run_text(record, run_findings(analysis, record), subject(analysis.program, record))
    assert "✔ Perception gap [confirmed] — meeting rhythm (M-R1: mentor 5, mentee 1)" in text
    assert "  Ask: What would a 5 look like to each of you?" in text


OWN = '''
format = 1

[labels]
fit = "fit of styles"          # a bundled label, word for word: the program's own now

[[patterns]]
id = "own_gap"
name = "Perception gap"        # a bundled name, word for word
level = "pair"
description = "Our own words."
evidence = "{label} ({code}: {values})"
questions = ["What would a 5 look like to each of you?"]

[patterns.rule]
kind = "gap"
measures = ["cadence_fit"]
'''


def test_a_programs_own_patterns_stay_as_written_in_german(ws):  # noqa: F811
    (ws.root / "patterns.toml").write_text(OWN, encoding="utf-8")
    kickoff(ws)
    run_id = midpoint(ws, {"cadence_fit": 5, "fit": 1}, {"cadence_fit": 1, "fit": 4})
    with i18n.using("de"):
        library = load_patterns(ws.root)
        assert library.label("fit") == "fit of styles"  # its own label, not "Passung der Arbeitsstile"
        assert library.label("cadence_fit") == "Treffrhythmus"  # a bundled one, in German
        findings = {f.id: f for f in run_findings(Analysis(ws), ws.load_run(run_id))}
        own, bundled = findings["own_gap"], findings["perception_gap"]
        assert (own.pattern.name, own.pattern.description, own.pattern.questions) == (
            "Perception gap", "Our own words.", ["What would a 5 look like to each of you?"])
        assert own.summary == "Treffrhythmus (M-R1: Mentor 5, Mentee 1)"  # its template as written, German labels
        assert bundled.pattern.name == "Unterschiedliche Wahrnehmung"
        assert "fit of styles (M-R7: Mentor 1, Mentee 4)" in bundled.summary
        assert bundled.pattern.questions[0] == "Wie sähe eine 5 für jede und jeden von Ihnen aus?"


def test_the_language_is_read_where_the_text_is_shown_not_where_it_was_first_made(ws):  # noqa: F811
    """One analysis, read in two languages (a German print from the English app): each reads its own."""
    kickoff(ws)
    run_id = midpoint(ws, {"cadence_fit": 5}, {"cadence_fit": 1})
    analysis = Analysis(ws)
    record = ws.load_run(run_id)
    with i18n.using("en"):
        english = next(f for f in run_findings(analysis, record) if f.id == "perception_gap")
        assert (english.pattern.name, english.summary) == ("Perception gap", "meeting rhythm (M-R1: mentor 5, mentee 1)")
    with i18n.using("de"):
        german = next(f for f in run_findings(analysis, record) if f.id == "perception_gap")
        assert (german.pattern.name, german.summary) == ("Unterschiedliche Wahrnehmung",
                                                         "Treffrhythmus (M-R1: Mentor 5, Mentee 1)")


def test_the_patterns_command_speaks_the_language_in_force(ws, cli, monkeypatch):  # noqa: F811
    """`facilitator patterns` writes its findings through the same catalogue: with German in
    force (the `language` setting, as the command line sets it at its start), German lines."""
    kickoff(ws)
    run_id = midpoint(ws, {"cadence_fit": 5, "meetings_held": 3}, {"cadence_fit": 1, "meetings_held": 2})
    monkeypatch.setenv("FACILITATOR_LANGUAGE", "de")
    found = cli("patterns", run_id)
    listed = cli("patterns", "--list")
    assert found.code == 0, found.err
    lines = found.out.splitlines()
    assert lines[0].endswith(f"· Ana Ruiz & Ben Ode · Durchgang {run_id}")
    gap = "◆ Unterschiedliche Wahrnehmung — Treffrhythmus (M-R1: Mentor 5, Mentee 1)"
    assert gap in lines and lines[lines.index(gap) + 1] == "  Fragen Sie: Wie sähe eine 5 für jede und jeden von Ihnen aus?"
    assert any(line.startswith("◆ Rhythmus nicht eingehalten — 3 Treffen in 12 Wochen") for line in lines), lines
    assert listed.out.splitlines()[0].split() == ["ID", "EBENE", "NAME", "QUELLE"]
    assert listed.out.splitlines()[1].split()[:3] == ["perception_gap", "Tandem", "Unterschiedliche"]


def test_every_translated_evidence_template_names_only_what_its_rule_offers():
    """A German template with a placeholder its rule does not offer would fall back to the plain
    form at every finding: each is checked as the pattern file's own templates are."""
    from facilitator.patterns.kinds import placeholders
    from facilitator.patterns.library import _check_template
    from facilitator.validation import Problems

    library = load_patterns(None)
    problems = Problems("de")
    with i18n.using("de"):
        for pattern in library.templates.values():
            german = i18n.gettext(pattern.evidence)
            assert german != pattern.evidence or pattern.evidence == "{label} ({code}: {values})", pattern.id
            _check_template(german, placeholders(pattern.rule), pattern.id, problems)
    assert not problems.errors, problems.errors
