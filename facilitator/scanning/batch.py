"""A stack of scans, read sheet by sheet and imported into their runs by the engine, as
`facilitator import` imports a sheet: same identity checks, same sealing, all or nothing.

Reading the pages is the slow part and each page stands alone, so it runs in worker
processes (one per core); what the marks mean, whose sheet it is and what changes are
decided here, in one process, before anything is written.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from facilitator import model
from facilitator.errors import UserError
from facilitator.i18n import gettext
from facilitator.scanning.code import PageCode
from facilitator.scanning.marks import Reading, read_question
from facilitator.workspace import Workspace

Relayout = Callable[[Workspace, str, str, str], str]  # (workspace, session, role, paper) -> the layout's key now


def layouts_dir(workspace: Workspace) -> Path:
    return workspace.root / ".cache" / "scan"


def scans_dir(workspace: Workspace, run: str) -> Path:
    """Where a run's scanned write-in boxes and its list of marks to confirm are kept."""
    return workspace.root / "scans" / run


@dataclass
class PageResult:
    where: str
    code: PageCode | None = None
    problem: str = ""
    boxes: list[tuple[str, int, float, float, float]] = field(default_factory=list)  # (code, index, fill, tone, trace)
    crops: dict[str, bytes] = field(default_factory=dict)  # write-in code -> PNG
    skew: float = 0.0


@dataclass
class SheetReading:
    """One person's sheet as read: whose, from which pages, each question's reading."""
    code: PageCode
    pages: list[str]
    readings: list[Reading]
    run: str = ""
    missing: list[int] = field(default_factory=list)  # pages of the sheet not in the scan

    @property
    def answers(self) -> dict[str, Any]:
        return {r.code: r.value for r in self.readings if r.status == "clear"}

    @property
    def uncertain(self) -> list[Reading]:
        return [r for r in self.readings if r.status == "uncertain"]

    def to_json(self) -> dict[str, Any]:
        return {"run": self.run, "session": self.code.session, "role": self.code.role, "person": self.code.person,
                "pair": self.code.pair, "cohort": self.code.cohort, "pages": self.pages, "missing_pages": self.missing,
                "readings": [asdict(r) for r in self.readings]}


# ------------------------------------------------------------------ reading pages (in workers)


def _read_file_pages(job: tuple[str, str, int, int]) -> list[PageResult]:
    """Pages `start` to `stop` of one file, each measured against its layout map."""
    from facilitator.scanning import read

    path, folder, start, stop = job
    try:
        images = read.load_images(Path(path), start, stop)
    except (read.Unreadable, OSError) as exc:
        return [PageResult(Path(path).name, problem=str(exc) if isinstance(exc, read.Unreadable)
                           else f"{Path(path).name}: cannot read ({exc})")]
    return [_read_one(where, image, Path(folder)) for where, image in images]


def _jobs(files: list[Path], folder: str, size: int) -> list[tuple[str, str, int, int]]:
    """A scanner's long PDF is shared out a few pages at a time, so every core reads."""
    from facilitator.scanning import read

    jobs = []
    for f in files:
        try:
            count = read.page_count(f)
        except (read.Unreadable, OSError):
            count = 1  # said by the worker, in its words
        jobs += [(str(f), folder, n, min(n + size, count)) for n in range(0, count, size)]
    return jobs


_MAPS: dict[str, dict[str, Any]] = {}


def _layout(folder: Path, key: str) -> dict[str, Any] | None:
    if key not in _MAPS:
        try:
            _MAPS[key] = json.loads((folder / f"{key}.json").read_text())
        except (OSError, ValueError):
            return None
    return _MAPS[key]


def _read_one(where: str, image: Any, folder: Path) -> PageResult:
    import cv2

    from facilitator.scanning import read

    found = read.decode(image)
    if found is None:
        return PageResult(where, problem=f"{where}: no sheet code found (not a facilitator worksheet, or too"
                                         " blurred or dark to read): scan it again")
    code, corners = found
    layout = _layout(folder, code.key)
    if layout is None:
        return PageResult(where, code, problem="layout")  # laid out again in the main process, then read again
    try:
        page = read.measure(where, image, code, corners, layout)
    except read.Unreadable as exc:
        return PageResult(where, code, problem=str(exc))
    crops = {}
    for c, *box in layout["pages"][code.page - 1]["writes"]:
        ok, png = cv2.imencode(".png", read.crop(page, *box))
        crops[c] = crops.get(c, b"") or png.tobytes() if ok else b""
    return PageResult(where, code, boxes=[(b.code, b.index, b.fill, b.tone, b.trace) for b in page.boxes], crops=crops,
                      skew=page.skew)


def read_pages(workspace: Workspace, files: list[Path], relayout: Relayout | None, parallel: bool = True
               ) -> list[PageResult]:
    folder = str(layouts_dir(workspace))
    workers = min(os.cpu_count() or 1, 4)
    jobs = _jobs(files, folder, 4)
    if parallel and workers > 1 and len(jobs) > 1:
        import multiprocessing

        with multiprocessing.get_context("fork").Pool(workers) as pool:
            results = [r for rs in pool.imap(_read_file_pages, jobs) for r in rs]
    else:
        results = [r for job in jobs for r in _read_file_pages(job)]
    if any(r.problem == "layout" for r in results):  # a sheet printed elsewhere: lay its role's sheet out again
        results = _with_layouts(workspace, files, results, relayout)
    return results


def _with_layouts(workspace: Workspace, files: list[Path], results: list[PageResult],
                  relayout: Relayout | None) -> list[PageResult]:
    wanted = {r.code.key: r.code for r in results if r.problem == "layout" and r.code}
    for key, code in wanted.items():
        now = relayout(workspace, code.session, code.role, code.paper) if relayout else ""
        if now != key:
            why = (f"it was printed from another version of session `{code.session}` (or its templates):"
                   " print the worksheets again") if relayout else "its layout is not in this workspace"
            for r in results:
                if r.problem == "layout" and r.code and r.code.key == key:
                    r.problem = f"{r.where}: cannot find where its boxes are: {why}"
    _MAPS.clear()
    out = []
    for r in results:
        if r.problem != "layout":
            out.append(r)
            continue
        file, _, page = r.where.rpartition(" page ")
        path = next(f for f in files if f.name == (file if page.isdigit() else r.where))
        n = int(page) - 1 if page.isdigit() else 0
        out += _read_file_pages((str(path), str(layouts_dir(workspace)), n, n + 1))
    return out


# ------------------------------------------------------------------ pages into sheets


def sheets_of(workspace: Workspace, results: list[PageResult]) -> list[SheetReading]:
    """The pages of each person's sheet together, each question read, in the order first scanned."""
    groups: dict[tuple, list[PageResult]] = {}
    for r in results:
        if r.code is not None and not r.problem:
            groups.setdefault(_whose(r.code), []).append(r)
    sheets = []
    for pages in groups.values():
        code = pages[0].code
        session = workspace.library.get(code.session)
        layout = _layout(layouts_dir(workspace), code.key) or {"pages": []}
        boxes: dict[str, dict[int, list]] = {}
        for p in pages:
            for c, index, *measured in p.boxes:
                boxes.setdefault(c, {}).setdefault(index, []).append(tuple(measured))
        readings = []
        for _, q in session.questions_for(code.role):
            if q.code in boxes:
                readings.append(_read(q, boxes[q.code]))
            elif any(q.code in p.crops for p in pages):
                readings.append(Reading(q.code, "write", confidence=1.0))
        printed = {p.code.page for p in pages}
        missing = [n for n in range(1, len(layout["pages"]) + 1) if n not in printed]
        sheets.append(SheetReading(code, [p.where for p in pages], readings, missing=missing))
    return sheets


def _whose(code: PageCode) -> tuple:
    return (code.key, code.session, code.role, code.person, code.pair, code.cohort, code.run)


def _read(q: model.Question, boxes: dict[int, list[tuple[float, ...]]]) -> Reading:
    """A question read from its boxes; the same page scanned twice must read the same both times."""
    from facilitator.scanning.marks import Box

    takes = max(len(v) for v in boxes.values())
    readings = [read_question(q, [Box(q.code, i, *v[min(n, len(v) - 1)]) for i, v in boxes.items()])
                for n in range(takes)]
    first = readings[0]
    if any((r.status, r.value) != (first.status, first.value) for r in readings[1:]):
        return Reading(q.code, "uncertain", seen="two scans of this page read differently", confidence=0.0,
                       options=first.options)
    return first


# ------------------------------------------------------------------ into the runs


def run_of(workspace: Workspace, code: PageCode, run: str | None) -> str:
    """The run a sheet belongs to: the one given, the one it names, or its pair's (cohort's) only run
    of the session; never a guess between two."""
    if run:
        return run
    if code.run:
        return code.run
    records, _ = workspace.records(pair=code.pair or None, cohort=code.cohort or None)
    runs = [r.id for r in records if r.session == code.session and r.pair == code.pair and r.cohort == code.cohort]
    group = f"pair {code.pair}" if code.pair else (f"cohort {code.cohort}" if code.cohort else "")
    if not runs:
        raise UserError(gettext("no run of `%(session)s` for %(group)s: give RUN, or start one "
                                "(`facilitator start %(session)s --pair ID`)")
                % {"session": code.session, "group": group or gettext("this blank sheet")})
    if len(runs) > 1:
        raise UserError(gettext("%(group)s has %(count)s runs of `%(session)s` (%(runs)s): give RUN")
                % {"group": group, "count": len(runs), "session": code.session, "runs": ', '.join(runs)})
    return runs[0]
