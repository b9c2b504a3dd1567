"""Private answers never become shared: refused where a definition would copy them out."""

from __future__ import annotations

import shutil
from pathlib import Path

DATA = Path(__file__).parent / "data"


def _with_private_term(tmp_path: Path, key: str) -> Path:
    text = (DATA / "pair-review.toml").read_text()
    marker = 'code = "P-W1"\ntype = "text"\n'
    assert marker in text
    path = tmp_path / "leaky.toml"
    path.write_text(text.replace(marker, marker + f"private = true\n{key}\n", 1))
    return path


def test_a_private_question_cannot_write_an_agreement_term(cli, tmp_path):
    path = _with_private_term(tmp_path, 'term = "what_works"')
    result = cli("validate", path)
    assert result.code == 2
    assert len(result.err_lines) == 1, result.err
    line = result.err_lines[0]
    assert "steps[2].questions[1].private" in line and "agreement term" in line


def test_a_private_question_cannot_be_a_cohort_commitment(cli, tmp_path):
    result = cli("validate", _with_private_term(tmp_path, "commitment = true"))
    assert result.code == 2 and "cohort commitment" in result.err


def test_the_shipped_library_has_no_private_term(cli):
    sessions = Path(__file__).resolve().parent.parent / "sessions"
    assert cli("validate", "-q", *sorted(sessions.glob("*.toml"))).code == 0


def test_a_sheet_typed_in_after_the_reveal_needs_late_and_is_marked(cli, ws, tmp_path):
    from facilitator.engine import RunEngine

    with RunEngine.create(ws, "pair-review", pair="ana-ben") as engine:
        engine.jump("reveal", close_missing=True)  # nobody had finished: the facilitator closed it
        run_id = engine.record.id
    sheet = tmp_path / "ben.toml"
    sheet.write_text('session = "pair-review"\nrole = "mentee"\n\n[answers]\nP-W1 = "The agenda is always his"\n')
    record = ws.record_file(run_id)
    before = record.read_bytes()

    refused = cli("import", run_id, "--role", "mentee", sheet)
    assert refused.code == 2 and "--late" in refused.err and len(refused.err_lines) == 1, refused.err
    assert record.read_bytes() == before

    late = cli("import", run_id, "--role", "mentee", sheet, "--late")
    assert late.code == 0 and "after the reveal" in late.out, late.err
    entry = next(e for e in ws.load_run(run_id).entries if e.code == "P-W1")
    assert entry.late and entry.value == "The agenda is always his"


def test_a_sealed_reflection_cannot_hold_a_cohort_commitment(cli, tmp_path):
    text = (DATA / "pair-review.toml").read_text()
    marker = 'code = "P-W1"\ntype = "text"\n'  # in the reflection step
    path = tmp_path / "sealed-commitment.toml"
    path.write_text(text.replace(marker, marker + "commitment = true\n", 1))
    result = cli("validate", path)
    assert result.code == 2 and len(result.err_lines) == 1, result.err
    assert "steps[2].questions[1].commitment" in result.err and "sealed" in result.err
