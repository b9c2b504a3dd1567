"""`facilitator new` writes starters that validate; the JSON Schema matches the model."""

from __future__ import annotations

import json
import tomllib

import jsonschema
import pytest

from facilitator.model import KINDS
from facilitator.schema import SCHEMA_FILE, schema, schema_text
from tests.conftest import ROOT, SESSIONS


@pytest.mark.parametrize("kind", KINDS)
def test_new_writes_a_valid_starter_into_the_workspace(cli, workspace, kind):
    result = cli("new", kind, f"my-{kind}")
    assert result.code == 0, result.err
    path = workspace / "sessions" / f"my-{kind}.toml"
    assert path.is_file()
    check = cli("validate", path)
    assert check.code == 0 and check.err == "", check.err
    listed = cli("sessions").out
    assert any(line.startswith(f"my-{kind} ") and line.endswith("workspace") for line in listed.splitlines())


def test_new_refuses_to_overwrite(cli, tmp_path):
    target = tmp_path / "x.toml"
    target.write_text("keep me", encoding="utf-8")
    result = cli("new", "midpoint", "x", "-o", target)
    assert result.code == 2 and "already exists" in result.err
    assert target.read_text(encoding="utf-8") == "keep me"


def test_new_rejects_unknown_kind_and_bad_id(cli):
    result = cli("new", "midpont", "x")
    assert result.code == 2 and "did you mean `midpoint`" in result.err
    assert cli("new", "midpoint", "Bad Id").code == 2


def test_schema_file_is_in_sync_with_the_model():
    on_disk = (ROOT / SCHEMA_FILE).read_text(encoding="utf-8")
    assert on_disk == schema_text(), "run `facilitator schema -o docs/session-format.schema.json`"


@pytest.mark.parametrize("path", sorted(SESSIONS.glob("*.toml")), ids=lambda p: p.stem)
def test_bundled_sessions_satisfy_the_json_schema(path):
    jsonschema.validate(tomllib.loads(path.read_text(encoding="utf-8")), schema())


def test_schema_rejects_what_the_validator_rejects():
    doc = tomllib.loads((SESSIONS / "midpoint.toml").read_text(encoding="utf-8"))
    doc["steps"][0]["titel"] = doc["steps"][0].pop("title")
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(doc, schema())


def test_schema_command_prints_json(cli):
    result = cli("schema")
    assert json.loads(result.out)["title"] == "facilitator session definition"


def test_the_reference_shows_every_step_and_answer_type():
    from facilitator.model import ANSWER_TYPES, STEP_TYPES

    reference = (ROOT / "docs" / "session-format.md").read_text(encoding="utf-8")
    for name in (*STEP_TYPES, *ANSWER_TYPES):
        assert f'type = "{name}"' in reference, name
