"""Every class of bad session file: exit 2, one precise line naming file and key, no traceback."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from tests.conftest import run_process

GOOD = '''id = "tiny"
title = "Tiny review"
kind = "midpoint"
purpose = "A small review."
minutes = 20

[[roles]]
id = "mentor"
name = "Mentor"

[[roles]]
id = "mentee"
name = "Mentee"

[[steps]]
id = "reflect"
type = "reflection"
title = "Reflect"
minutes = 10

[[steps.questions]]
code = "T-R1"
type = "rating"
text = "Our meeting rhythm works for me."
measure = "cadence_fit"

[[steps]]
id = "reveal"
type = "reveal"
title = "Reveal"
minutes = 10
reveals = ["reflect"]
'''


def write(tmp_path: Path, text: str | bytes, name: str = "session.toml") -> Path:
    path = tmp_path / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode())
    return path


def only_line(result) -> str:
    assert result.code == 2, result
    assert "Traceback" not in result.err
    assert len(result.err_lines) == 1, result.err_lines
    return result.err_lines[0]


def test_the_good_file_is_valid(cli, tmp_path):
    result = cli("validate", write(tmp_path, GOOD))
    assert result.code == 0, result.err
    assert "ok (midpoint, 2 steps, 20 minutes)" in result.out


def test_toml_syntax_error_gives_line_and_column(cli, tmp_path):
    line = only_line(cli("validate", write(tmp_path, GOOD.replace('minutes = 20', 'minutes = = 20'))))
    assert re.match(r"^.*session\.toml:5:\d+: TOML syntax error", line), line


def test_truncated_file_points_at_its_end(cli, tmp_path):
    line = only_line(cli("validate", write(tmp_path, GOOD[: GOOD.index("[[steps]]") + 5])))
    assert "session.toml:" in line and "TOML syntax error" in line


def test_unknown_key_suggests_the_right_one(cli, tmp_path):
    line = only_line(cli("validate", write(tmp_path, GOOD.replace('title = "Reflect"', 'titel = "Reflect"'))))
    assert line.endswith("session.toml: steps[1].titel: unknown key `titel` (did you mean `title`?)"), line


def test_misspelt_top_level_key_is_one_line(cli, tmp_path):
    line = only_line(cli("validate", write(tmp_path, GOOD.replace('purpose =', 'purpse ='))))
    assert "purpse: unknown key `purpse` (did you mean `purpose`?)" in line


def test_wrong_type_names_location_and_types(cli, tmp_path):
    line = only_line(cli("validate", write(tmp_path, GOOD.replace("minutes = 10\n", 'minutes = "ten"\n', 1))))
    assert line.endswith("steps[1].minutes: expected a number, got a string"), line


def test_wrong_nested_type(cli, tmp_path):
    bad = GOOD.replace('measure = "cadence_fit"', 'measure = "cadence_fit"\nscale = "five"')
    line = only_line(cli("validate", write(tmp_path, bad)))
    assert line.endswith("steps[1].questions[1].scale: expected a table, got a string"), line


def test_missing_required_field(cli, tmp_path):
    line = only_line(cli("validate", write(tmp_path, GOOD.replace('code = "T-R1"\n', ""))))
    assert line.endswith("steps[1].questions[1].code: missing (required)"), line


def test_unknown_answer_type_suggests(cli, tmp_path):
    line = only_line(cli("validate", write(tmp_path, GOOD.replace('type = "rating"', 'type = "ratng"'))))
    assert "steps[1].questions[1].type: unknown type `ratng` (did you mean `rating`?)" in line


def test_duplicate_step_id(cli, tmp_path):
    line = only_line(cli("validate", write(tmp_path, GOOD.replace('id = "reveal"', 'id = "reflect"'))))
    assert "steps[2].id: duplicate step id `reflect` (already used at steps[1].id)" in line


def test_duplicate_question_code(cli, tmp_path):
    extra = '\n[[steps.questions]]\ncode = "T-R1"\ntype = "text"\ntext = "Again"\n'
    bad = GOOD.replace("\n[[steps]]\nid = \"reveal\"", extra + "\n[[steps]]\nid = \"reveal\"")
    line = only_line(cli("validate", write(tmp_path, bad)))
    assert "steps[1].questions[2].code: duplicate question code `T-R1`" in line


def test_reveal_naming_unknown_step(cli, tmp_path):
    line = only_line(cli("validate", write(tmp_path, GOOD.replace('reveals = ["reflect"]', 'reveals = ["reflct"]'))))
    assert "steps[2].reveals[1]: unknown step `reflct` (did you mean `reflect`?)" in line


def test_question_for_undeclared_role(cli, tmp_path):
    bad = GOOD.replace('measure = "cadence_fit"', 'measure = "cadence_fit"\nroles = ["mentei"]')
    line = only_line(cli("validate", write(tmp_path, bad)))
    assert "steps[1].questions[1].roles[1]: unknown role `mentei` (did you mean `mentee`?)" in line


def test_several_problems_reported_together(cli, tmp_path):
    bad = (GOOD.replace('title = "Reflect"', 'titel = "Reflect"')
           .replace('kind = "midpoint"', 'kind = "midpont"')
           .replace("minutes = 10\nreveals", 'minutes = "10"\nreveals'))
    result = cli("validate", write(tmp_path, bad))
    assert result.code == 2
    assert len(result.err_lines) == 3, result.err_lines
    assert any("kind: unknown value `midpont` (did you mean `midpoint`?)" in line for line in result.err_lines)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "the file is empty"),
        (b"   \n\n", "the file is empty"),
        (b"\x00\x01\x02\xff\xfe binary", "not a text file"),
        (b"\xff\xfe\xfa junk", "not a UTF-8 text file"),
    ],
)
def test_empty_and_binary_files(cli, tmp_path, content, expected):
    line = only_line(cli("validate", write(tmp_path, content)))
    assert "session.toml: " in line and expected in line


def test_missing_path_and_directory(cli, tmp_path):
    assert "nope.toml: no such file" in only_line(cli("validate", tmp_path / "nope.toml"))
    assert "is a folder" in only_line(cli("validate", tmp_path))


def test_minutes_that_do_not_add_up_warn_but_pass(cli, tmp_path):
    result = cli("validate", write(tmp_path, GOOD.replace("minutes = 20", "minutes = 25", 1)))
    assert result.code == 0
    assert "warning: minutes: the steps add up to 20 minutes but the session says 25" in result.err


def test_one_bad_file_among_good_ones(cli, tmp_path):
    good = write(tmp_path, GOOD, "good.toml")
    bad = write(tmp_path, "id = 3", "bad.toml")
    result = cli("validate", good, bad)
    assert result.code == 2
    assert "good.toml: ok" in result.out
    assert all("bad.toml" in line for line in result.err_lines)


def test_a_real_process_prints_no_traceback(tmp_path):
    result = run_process("validate", write(tmp_path, b"\x89PNG\r\n\x1a\n\x00\x00junk"), tmp_path / "missing.toml")
    assert result.code == 2
    assert "Traceback" not in result.err
    assert len(result.err_lines) == 2


# ---------------------------------------------------------------- contradictions a whole session cannot hold

ROUND_ROBIN = '''
[[steps]]
id = "turns"
type = "round_robin"
title = "Turns"
minutes = 0
speaker_minutes = 60
'''

ROLEPLAY = '''id = "play"
title = "Play"
kind = "roleplay"
audience = "workshop"
purpose = "Practise."
minutes = 20

[scenario]
situation = "A hard conversation."

[[roles]]
id = "asker"
name = "Asker"

[[roles]]
id = "counterpart"
name = "Counterpart"

[[steps]]
id = "round-a"
type = "roleplay"
title = "First round"
minutes = 10
round = 10

[[steps]]
id = "round-b"
type = "roleplay"
title = "Second round"
minutes = 10
round = 1
'''

TERM_TWICE = GOOD.replace('measure = "cadence_fit"\n', '''measure = "cadence_fit"

[[steps.questions]]
code = "T-T1"
type = "text"
text = "How often do we meet?"
term = "cadence"

[[steps.questions]]
code = "T-T2"
type = "text"
text = "And how often between meetings?"
term = "cadence"
''')


@pytest.mark.parametrize("bad, expected", [
    (GOOD.replace('title = "Tiny review"', 'title = "   "'), "session.toml: title: blank: write the text"),
    (GOOD.replace('name = "Mentee"', 'name = "\t"'), "session.toml: roles[2].name: blank"),
    (GOOD.replace('text = "Our meeting rhythm works for me."', 'text = " "'),
     "session.toml: steps[1].questions[1].text: blank"),
    (GOOD.replace('measure = "cadence_fit"', 'measure = "cadence_fit"\nscale = { low = "" }'),
     "session.toml: steps[1].questions[1].scale.low: blank"),
    (GOOD.replace('measure = "cadence_fit"', 'measure = "cadence_fit"\nscale = { labels = ["No", "", "Half", "Mostly", "Yes"] }'),
     "session.toml: steps[1].questions[1].scale.labels[2]: blank"),
    (GOOD.replace('reveals = ["reflect"]', 'reveals = ["reflect", "reflect"]'),
     "session.toml: steps[2].reveals[2]: duplicate reveal `reflect` (already used at steps[2].reveals[1])"),
    (GOOD.replace('reveals = ["reflect"]', 'reveals = ["reflect"]\nshow = ["agreement", "agreement"]'),
     "session.toml: steps[2].show[2]: duplicate `show` entry `agreement` (already used at steps[2].show[1])"),
    (GOOD.replace('reveals = ["reflect"]', 'reveals = ["reflect"]\nshow = ["commitments"]'),
     "session.toml: steps[2].show[1]: `commitments` shows last meeting's commitments, which only a cohort meeting"
     " carries, but this is a pair session"),
    (GOOD + ROUND_ROBIN, "session.toml: steps[3].speaker_minutes: one turn takes 60 minutes, more than the whole"
                         " step's 0"),
    (GOOD.replace('reveals = ["reflect"]', 'reveals = ["reflect"]\nphases = [{ title = "Read", minutes = 6 },'
                                           ' { title = "Talk", minutes = 6 }]'),
     "session.toml: steps[2].phases: the phases take 12 minutes, more than the step's 10"),
    (ROLEPLAY, "session.toml: steps[2].round: round 1 comes after round 10: number the rounds in the order"
               " they are played"),
    (ROLEPLAY.replace("round = 10", "round = 2").replace("round = 1\n", "round = 3\n"),
     "session.toml: steps[1].round: round 2 is the first, but there is no round 1"),
    (TERM_TWICE, "session.toml: steps[1].questions[3].term: term `cadence` is already written by"
                 " steps[1].questions[2] (T-T1)"),
    (GOOD.replace('id = "reveal"\ntype = "reveal"', 'id = "reveal"\ntype = "roleplay"').replace(
        'reveals = ["reflect"]', ''),
     "session.toml: steps[2].type: a `roleplay` step is a round the trios play: it belongs in a roleplay session"),
], ids=["title", "role-name", "question-text", "scale-low", "scale-label", "reveals-twice", "show-twice",
        "commitments-on-a-pair", "speaker-minutes", "phases-over", "round-10-first", "round-2-first", "term-twice",
        "roleplay-step-in-a-pair"])
def test_each_contradiction_is_one_precise_line(cli, tmp_path, bad, expected):
    path = write(tmp_path, bad)
    before = path.read_bytes()
    line = only_line(cli("validate", path))
    assert expected in line, line
    assert path.read_bytes() == before


def test_rounds_played_out_of_order_name_the_later_one(cli, tmp_path):
    bad = ROLEPLAY.replace("round = 10", "round = 1")
    bad = bad[:bad.rindex("round = 1")] + "round = 2\n" + '''
[[steps]]
id = "round-c"
type = "roleplay"
title = "Again"
minutes = 0
round = 1
'''
    line = only_line(cli("validate", write(tmp_path, bad)))
    assert line.endswith("session.toml: steps[3].round: round 1 comes after round 2: number the rounds in the order"
                         " they are played"), line


def test_the_shapes_that_fit_still_pass(cli, tmp_path):
    fitting = GOOD.replace('reveals = ["reflect"]', 'reveals = ["reflect"]\nshow = ["agreement"]\nphases = ['
                           '{ title = "Read", minutes = 4 }, { title = "Talk", minutes = 6 }]')
    result = cli("validate", write(tmp_path, fitting + ROUND_ROBIN.replace("minutes = 0", "minutes = 60")
                                   .replace("speaker_minutes = 60", "speaker_minutes = 5")))
    assert result.code == 0, result.err


def test_a_role_start_cannot_seat_is_a_warning_in_starts_words(cli, tmp_path):
    sponsor = GOOD.replace('[[steps]]', '[[roles]]\nid = "sponsor"\nname = "Sponsor"\n\n[[steps]]', 1)
    result = cli("validate", write(tmp_path, sponsor))
    assert result.code == 0
    assert "ok (midpoint" in result.out
    assert len(result.err_lines) == 1, result.err_lines
    assert ("session.toml: warning: roles[3]: `facilitator start` will refuse this session: it needs the role"
            " `sponsor`, which a pair run does not seat (it seats mentor and mentee)") in result.err_lines[0]
    # and start does refuse it, for the same role
    sessions = Path(os.environ["FACILITATOR_HOME"]) / "sessions"
    sessions.mkdir()
    (sessions / "tiny.toml").write_text(sponsor, encoding="utf-8")
    assert cli("pair", "add", "ana-ben", "--mentor", "Ana", "--mentee", "Ben").code == 0
    started = cli("start", "tiny", "--pair", "ana-ben")
    assert started.code == 2 and "sponsor" in started.err
    quiet = GOOD.replace('[[steps]]', '[[roles]]\nid = "sponsor"\nname = "Sponsor"\nanswers = false\n\n[[steps]]', 1)
    assert cli("validate", write(tmp_path, quiet, "quiet.toml")).err == ""


def test_a_pattern_file_is_checked_by_the_pattern_loader(cli, tmp_path):
    path = write(tmp_path, '[[patterns]]\nid = "late"\nname = "  "\n', "patterns.toml")
    result = cli("validate", path)
    assert result.code == 2
    assert result.err_lines[0] == f"{path}: patterns[1].name: blank: write the text (spaces alone say nothing)" \
        or result.err_lines[0].endswith("patterns.toml: patterns[1].name: blank: write the text (spaces alone say"
                                        " nothing)"), result.err_lines
    assert "Traceback" not in result.err
    bundled = Path(__file__).resolve().parent.parent / "facilitator" / "data" / "patterns.toml"
    result = cli("validate", bundled)
    assert result.code == 0, result.err
    assert "patterns.toml: ok (" in result.out
