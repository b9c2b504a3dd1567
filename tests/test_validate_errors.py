"""Every class of bad session file: exit 2, one precise line naming file and key, no traceback."""

from __future__ import annotations

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
