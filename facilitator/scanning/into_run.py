"""Scanned sheets into their runs, through the engine exactly as `facilitator import` goes:
the sheet's identity checked against the run and the person (sheets.identify), every value
checked (sheets.plan_import), sealed steps refused without --late; every sheet of the scan
planned before any is written, so a refusal leaves every run as it was.

What was uncertain is not imported; it is kept beside the run (scans/RUN/review.json) with
each write-in box's crop (owner-only PNGs), for the facilitator to confirm in the app.
"""

from __future__ import annotations

import json
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from facilitator.engine import RunEngine
from facilitator.errors import UserError
from facilitator.scanning.batch import PageResult, SheetReading, run_of, scans_dir
from facilitator.sheets import Identity, ImportPlan, Sheet, identify, plan_import
from facilitator.tomlfile import write_bytes_atomically
from facilitator.workspace import Workspace

SOURCE = "scan"


@dataclass
class Imported:
    sheet: SheetReading
    person: str
    plan: ImportPlan
    crops: dict[str, str] = field(default_factory=dict)  # code -> the crop's file


def import_sheets(workspace: Workspace, sheets: list[SheetReading], pages: list[PageResult], *, run: str | None,
                  person: str | None = None, role: str | None = None, late: bool = False, replace: bool = False,
                  dry_run: bool = False) -> list[Imported]:
    for sheet in sheets:
        sheet.run = run_of(workspace, sheet.code, run)
    done: list[Imported] = []
    with ExitStack() as stack:
        engines: dict[str, RunEngine] = {}
        for sheet in sheets:
            if sheet.run not in engines:
                engines[sheet.run] = stack.enter_context(RunEngine.open(workspace, sheet.run, lock=not dry_run))
            engine = engines[sheet.run]
            c = sheet.code
            paper = Sheet(Path(sheet.pages[0]), Identity(c.session, c.role, c.person, c.pair, c.cohort, c.run),
                          sheet.answers, {r.code for r in sheet.readings}, "worksheet")
            who = identify(workspace, engine, paper, person=person, role=role)
            done.append(Imported(sheet, who, plan_import(engine, who, paper)))
        _refuse(done, engines, late, replace)
        if dry_run:
            return done
        for item in done:
            item.crops = _keep(workspace, item, pages)
            if item.plan.changes:
                engines[item.sheet.run].answer_many(item.person, item.plan.changes, source=SOURCE, late=late)
        for run_id in engines:
            _review_file(workspace, run_id, [d for d in done if d.sheet.run == run_id])
    return done


def _refuse(done: list[Imported], engines: dict[str, RunEngine], late: bool, replace: bool) -> None:
    """Everything that would stop a sheet, for every sheet, before any is written."""
    problems = []
    for item in done:
        engine, where = engines[item.sheet.run], item.sheet.pages[0]
        for code, (before, after) in item.plan.replaced.items():
            if not replace:
                problems.append(f"{where}: {code} already has {before!r} in run {item.sheet.run}, the sheet says"
                                f" {after!r}")
        if not late:
            sealed = [code for code in item.plan.changes if engine.sealing(engine._asked_in(code))]
            if sealed:
                problems.append(f"{where}: {', '.join(sealed)}: already revealed in run {item.sheet.run}: use --late"
                                " to enter them as late (marked “entered after the reveal”)")
    if any("already has" in p for p in problems):
        problems.append("nothing imported: use --replace to replace these answers")
    elif problems:
        problems.append("nothing imported")
    if problems:
        raise UserError(*problems)


def _keep(workspace: Workspace, item: Imported, pages: list[PageResult]) -> dict[str, str]:
    """Each write-in box's crop, beside the run, readable by its owner only."""
    folder = scans_dir(workspace, item.sheet.run)
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    kept = {}
    for page in pages:
        if page.code is None or page.where not in item.sheet.pages:
            continue
        for code, png in page.crops.items():
            if png and code not in kept:
                target = folder / f"{item.person}-{code}.png"
                write_bytes_atomically(target, png, 0o600)
                kept[code] = str(target)
    for reading in item.sheet.readings:
        reading.crop = kept.get(reading.code, reading.crop)
    return kept


def _review_file(workspace: Workspace, run_id: str, done: list[Imported]) -> None:
    """What the review screen shows: per sheet what was read, what to confirm, the crops."""
    target = scans_dir(workspace, run_id) / "review.json"
    try:
        kept: dict[str, Any] = json.loads(target.read_text())
    except (OSError, ValueError):
        kept = {"sheets": {}}
    for item in done:
        kept["sheets"][item.person] = dict(item.sheet.to_json(), person=item.person)
    write_bytes_atomically(target, json.dumps(kept, indent=1).encode(), 0o600)


def pending(workspace: Workspace, run_id: str) -> dict[str, Any]:
    """The run's last scans, as kept for review ({} if it has none)."""
    try:
        return json.loads((scans_dir(workspace, run_id) / "review.json").read_text())
    except (OSError, ValueError):
        return {}


def confirm(workspace: Workspace, engine: RunEngine, person: str, code: str, value: Any, late: bool = False) -> None:
    """The facilitator's word on an uncertain mark: the answer (None: leave it blank), entered as a scan's."""
    if value is not None:
        engine.answer_many(person, {code: value}, source=SOURCE, late=late)
    target = scans_dir(workspace, engine.record.id) / "review.json"
    kept = pending(workspace, engine.record.id)
    for reading in kept.get("sheets", {}).get(person, {}).get("readings", []):
        if reading["code"] == code and reading["status"] == "uncertain":
            reading.update(status="confirmed", value=value)
    if kept:
        write_bytes_atomically(target, json.dumps(kept, indent=1).encode(), 0o600)
