"""`facilitator scan` on sheets of every answer type, and on a session that quotes its people.

A number, a date, a count, a list, a table or a text is written by hand: the scan cuts
each out as an image for the facilitator to type, and never reads a value into the run
from it. A session quoting names (the stretch check-in, with its sponsor) prints a sheet
per person with their names in the questions; scanned as one PDF or as photos, every
mark lands under the person whose sheet it is, the sponsor's included.
"""

from __future__ import annotations

import json
from pathlib import Path

import cv2
import numpy as np
import pytest

from facilitator.engine import RunEngine
from facilitator.scanning import read, synthetic
from facilitator.scanning.synthetic import Drawn

MENTOR, MENTEE, SPONSOR = "ana-ruiz", "ben-ode", "dana-ruiz"
DPI = 200
HANDWRITTEN = ("text", "count", "date", "number", "list", "table")


@pytest.fixture(autouse=True)
def here(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)


def layout_of(workspace: Path, key: str) -> dict:
    return json.loads((workspace / ".cache" / "scan" / f"{key}.json").read_text())


def filled(workspace: Path, packet: Path, plans: dict[str, dict[str, Drawn]]) -> list[tuple[str, np.ndarray]]:
    """The packet's pages, each person's marks drawn and every write-in box scribbled in; (person, page)."""
    rng = np.random.default_rng(4)
    pages = synthetic.rasterise(packet, DPI)
    out, at = [], 0
    while at < len(pages):
        code = read.decode(pages[at])[0]
        layout = layout_of(workspace, code.key)
        synthetic.fill(pages, DPI, layout, at, plans.get(code.person, {}), rng)
        out += [(code.person, p) for p in pages[at:at + len(layout["pages"])]]
        at += len(layout["pages"])
    return out


def entries(ws, run: str) -> dict[str, dict]:
    with RunEngine.open(ws, run, lock=False) as engine:
        out: dict[str, dict] = {}
        for e in engine.record.entries:
            out.setdefault(e.person, {})[e.code] = e.value
        return out


def kinds(ws, session: str) -> dict[str, str]:
    from facilitator import model

    return {q.code: model.answer_type(q) for _, q in ws.library.get(session).questions()}


def check_written_in(workspace: Path, reading: dict, run: str, types: dict[str, str]) -> set[str]:
    """Every handwritten question is a crop on file, none a value; returns the types seen."""
    seen = set()
    for sheet in reading["sheets"]:
        for r in sheet["readings"]:
            if types[r["code"]] in HANDWRITTEN:
                seen.add(types[r["code"]])
                assert (r["status"], r["value"]) == ("write", None), r
                crop = workspace / "scans" / run / f"{sheet['person']}-{r['code']}.png"
                image = cv2.imread(str(crop), cv2.IMREAD_GRAYSCALE)
                assert image is not None and image.shape[0] > 30, crop
                assert (image < 128).mean() > 0.002, f"{crop.name} holds no ink: the box was cut from the wrong place"
    return seen


def test_every_handwritten_type_is_cropped_for_review_never_read(cli, ws, workspace):
    for session in ("stretch-checkin", "expectations"):
        extra = ("--guest", "sponsor=Dana Ruiz") if session == "stretch-checkin" else ()
        run = cli("start", session, "--pair", "ana-ben", *extra)
        assert run.code == 0, run.err
        run = run.out.strip()
        packet = Path(f"{session}.pdf")
        assert cli("print", "worksheet", session, "--pair", "ana-ben", "-o", packet).code == 0
        pages = [p for _, p in filled(workspace, packet, {})]
        synthetic.to_pdf([synthetic.scanner(p, np.random.default_rng(5)) for p in pages], Path("scan.pdf"), DPI)
        result = cli("scan", run, "scan.pdf", "--serial", "--json")
        assert result.code == 0, result.err
        types = check_written_in(workspace, json.loads(result.out), run, kinds(ws, session))
        assert types >= ({"number", "date", "count", "text"} if session == "stretch-checkin" else
                         {"list", "table", "text"})
        assert entries(ws, run) == {}, "a handwritten box was read as an answer"


@pytest.mark.parametrize("as_photos", [False, True], ids=["one-pdf", "photos"])
def test_a_quoting_session_s_marks_land_under_each_person_sponsor_included(cli, ws, workspace, as_photos):
    run = cli("start", "stretch-checkin", "--pair", "ana-ben", "--guest", "sponsor=Dana Ruiz")
    assert run.code == 0, run.err
    run = run.out.strip()
    assert cli("print", "worksheet", "stretch-checkin", "--pair", "ana-ben", "-o", "sheets.pdf").code == 0
    plans = {MENTEE: {"SC-E2": Drawn("SC-E2", [(1, "fill")])},
             SPONSOR: {"SC-S2": Drawn("SC-S2", [(4, "cross")])}}
    pages = filled(workspace, Path("sheets.pdf"), plans)
    assert [person for person, _ in pages] == [MENTOR, MENTEE, SPONSOR]
    rng = np.random.default_rng(9)
    if as_photos:
        files = []
        for n, (_, page) in enumerate(reversed(pages)):  # photographed in any order
            files.append(f"IMG_{n}.jpg")
            cv2.imwrite(files[-1], synthetic.phone(page, rng, DPI))
    else:
        synthetic.to_pdf([synthetic.scanner(p, rng) for _, p in pages], Path("scan.pdf"), DPI)
        files = ["scan.pdf"]
    result = cli("scan", *files, "--serial", "--json")  # no RUN: the sheets name their pair
    assert result.code == 0, result.err
    reading = json.loads(result.out)
    assert sorted(s["person"] for s in reading["sheets"]) == sorted([MENTOR, MENTEE, SPONSOR])
    assert entries(ws, run) == {MENTEE: {"SC-E2": 2}, SPONSOR: {"SC-S2": 5}}
    sponsor = next(s for s in reading["sheets"] if s["person"] == SPONSOR)
    assert sponsor["role"] == "sponsor"
    assert {r["code"] for r in sponsor["readings"] if r["status"] == "write"} == {"SC-S1", "SC-S3", "SC-S4"}
    check_written_in(workspace, reading, run, kinds(ws, "stretch-checkin"))
