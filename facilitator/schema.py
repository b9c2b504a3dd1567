"""The JSON Schema of the session format, generated from the model itself."""

from __future__ import annotations

import json

import msgspec

from facilitator.model import Session

SCHEMA_FILE = "docs/session-format.schema.json"


def schema() -> dict:
    generated = msgspec.json.schema(Session)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "facilitator session definition",
        "description": "One session of a mentoring program. Reference: docs/session-format.md",
        **generated,
    }


def schema_text() -> str:
    return json.dumps(schema(), indent=2, ensure_ascii=False) + "\n"
