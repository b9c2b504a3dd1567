"""Whatever bytes or TOML a person feeds `validate`, the answer is exit 0 or 2, never a crash."""

from __future__ import annotations

import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from facilitator.cli import main

keys = st.sampled_from(
    ["id", "title", "kind", "purpose", "minutes", "roles", "steps", "questions", "type", "code", "text",
     "scale", "reveals", "options", "name", "measure", "x", "min", "max", "labels", "scenario"]
) | st.text(min_size=1, max_size=8)
scalars = (
    st.sampled_from(["midpoint", "reflection", "rating", "mentor", "talk", "M-R1", "reveal", "text"])
    | st.integers(-5, 2000) | st.booleans() | st.text(max_size=10) | st.floats(allow_nan=False)
)
documents = st.recursive(
    st.dictionaries(keys, scalars, max_size=6),
    lambda inner: st.dictionaries(keys, inner | st.lists(inner, max_size=3) | scalars, max_size=6),
    max_leaves=30,
)

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _validate(tmp_path, data: bytes, capsys) -> None:
    path = tmp_path / "fuzz.toml"
    path.write_bytes(data)
    code = main(["validate", str(path)])
    err = capsys.readouterr().err
    assert code in (0, 2), err
    assert "Traceback" not in err
    if code == 2:
        assert err.strip(), "a rejected file must say why"


@SETTINGS
@given(data=st.binary(max_size=300))
def test_random_bytes(tmp_path, capsys, data):
    _validate(tmp_path, data, capsys)


@SETTINGS
@given(doc=documents)
def test_random_toml_documents(tmp_path, capsys, doc):
    _validate(tmp_path, tomli_w.dumps(doc).encode(), capsys)


@SETTINGS
@given(doc=documents, step=documents)
def test_random_steps_inside_a_session_shape(tmp_path, capsys, doc, step):
    shaped = {"id": "x", "title": "X", "kind": "custom", "purpose": "p", "minutes": 5,
              "roles": [{"id": "mentor", "name": "Mentor"}], "steps": [step, doc]}
    _validate(tmp_path, tomli_w.dumps(shaped).encode(), capsys)
