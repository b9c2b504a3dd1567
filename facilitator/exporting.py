"""`facilitator export`: one row per answer, for spreadsheets and scripts."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from facilitator.engine import FACILITATOR, ROOM, RunEngine
from facilitator.errors import InvalidFile, UserError
from facilitator.presentation import answer_text
from facilitator.values import is_control
from facilitator.workspace import Broken, Workspace

COLUMNS = ["run", "date", "session", "pair", "cohort", "person", "name", "role", "code", "measure", "value", "late"]


def answer_rows(workspace: Workspace, include_private: bool) -> tuple[list[dict[str, Any]], list[Broken]]:
    records, broken = workspace.records()
    program = workspace.program()
    rows = []
    for record in records:
        try:
            session = workspace.library.get(record.session)
        except InvalidFile:
            raise  # its session's file is broken or doubled: stop rather than leave its answers out
        except UserError:
            broken.append(Broken(workspace.record_file(record.id), f"session `{record.session}` not found"))
            continue
        cohort = record.cohort
        if record.pair and not cohort:
            cohort = next((p.cohort or "" for p in program.pairs if p.id == record.pair), "")
        # the engine's gate decides: without --include-private, what the room may see (no private
        # answer, nothing of a reflection still sealed); with it, the facilitator's whole view
        viewer = FACILITATOR if include_private else ROOM
        for entry in RunEngine(workspace, session, record, None).entries(viewer):
            q = session.question(entry.code)
            if q is None:
                continue
            rows.append({
                "run": record.id, "date": record.created[:10], "session": record.session, "pair": record.pair,
                "cohort": cohort, "person": entry.person,
                "name": program.name_of(entry.person), "role": entry.role, "code": entry.code,
                "measure": q.measure or "", "value": entry.value, "late": entry.late,
            })
    return rows, broken


def render(rows: list[dict[str, Any]], fmt: str, figures: dict | None = None) -> str:
    if fmt == "json":
        doc: dict[str, Any] = {"answers": rows}
        if figures is not None:
            doc["figures"] = figures
        text = json.dumps(doc, indent=2, ensure_ascii=False)
        # json escapes C0 controls only; DEL and the C1 set (a one-byte CSI) reach a terminal raw
        return "".join(f"\\u{ord(c):04x}" if is_control(c) else c for c in text) + "\n"
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({**row, "value": _cell(row["value"]), "late": "entered after the reveal" if row["late"] else ""})
    return out.getvalue()


def _cell(value: Any) -> str:
    # An answer saved before control characters were refused may still hold one (ESC [2J
    # clears a terminal): it is written as its code, never raw.
    text = "".join(f"\\x{ord(c):02x}" if is_control(c) else c for c in answer_text(value).replace("\r\n", "\n"))
    # A participant's text is data: a spreadsheet must not run "=HYPERLINK(...)" as a formula.
    # It skips leading spaces before it looks for one; a leading CR is already written as \x0d.
    return "'" + text if text.lstrip(" ")[:1] in ("=", "+", "-", "@", "\t") else text
