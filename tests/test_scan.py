"""`facilitator scan`: filled paper worksheets, scanned or photographed, read back into the run.

Real sheets throughout: a packet printed by WeasyPrint, rasterised, marked by a synthetic
pen where the layout says its boxes are, then put through a scanner's or a phone's
distortions (facilitator.scanning.synthetic). Clear marks must arrive exactly; anything
ambiguous must be flagged and left unanswered; a page that cannot be read must stop the
import with its file and page named, the run untouched.
"""

from __future__ import annotations

import json
import stat
from pathlib import Path

import cv2
import numpy as np
import pytest

from facilitator import model
from facilitator.engine import RunEngine
from facilitator.scanning import read, synthetic
from facilitator.scanning.marks import labels
from facilitator.scanning.synthetic import Drawn

MENTOR, MENTEE = "ana-ruiz", "ben-ode"
DPI = 200


@pytest.fixture(autouse=True)
def here(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)


def printed(cli, session: str = "midpoint", *args: str) -> Path:
    out = Path(f"{session}-packet.pdf")
    result = cli("print", "worksheet", session, *(args or ("--pair", "ana-ben")), "-o", out)
    assert result.code == 0, result.err
    return out


def start(cli, session: str = "midpoint") -> str:
    result = cli("start", session, "--pair", "ana-ben")
    assert result.code == 0, result.err
    return result.out.strip()


def layout_of(workspace: Path, key: str) -> dict:
    return json.loads((workspace / ".cache" / "scan" / f"{key}.json").read_text())


def mark_questions(ws, session: str, role: str) -> list[tuple[str, str, int]]:
    s = ws.library.get(session)
    return [(q.code, model.answer_type(q), len(labels(q))) for _, q in s.questions_for(role)
            if model.answer_type(q) in ("rating", "choice", "yesno", "multi")]


def fill_packet(workspace: Path, packet: Path, plans: dict[str, dict[str, Drawn]], seed: int = 1
                ) -> list[np.ndarray]:
    """The packet's pages with each person's marks drawn (people not in `plans` left blank)."""
    rng = np.random.default_rng(seed)
    pages = synthetic.rasterise(packet, DPI)
    at = 0
    while at < len(pages):
        code = read.decode(pages[at])[0]
        layout = layout_of(workspace, code.key)
        synthetic.fill(pages, DPI, layout, at, plans.get(code.person, {}), rng)
        at += len(layout["pages"])
    return pages


def clear_plan(ws, role: str, seed: int) -> dict[str, Drawn]:
    return synthetic.plan(mark_questions(ws, "midpoint", role), np.random.default_rng(seed), unclear=0.0, blank=0.15)


def expected_answers(ws, plan: dict[str, Drawn]) -> dict:
    session = ws.library.get("midpoint")
    questions = {q.code: q for _, q in session.questions()}
    out = {}
    for code, drawn in plan.items():
        value = synthetic.expected(questions[code], drawn)
        if value is not None:
            out[code] = value
    return out


def answers_in_run(ws, run: str, person: str) -> dict:
    with RunEngine.open(ws, run, lock=False) as engine:
        return {e.code: e.value for e in engine.record.entries if e.person == person}


# ---------------------------------------------------------------- the printed marks


def test_every_printed_page_names_itself_and_has_its_boxes_mapped(cli, ws, workspace):
    packet = printed(cli)
    pages = synthetic.rasterise(packet, 150)
    codes = [read.decode(p)[0] for p in pages]
    people = [(c.person, c.page) for c in codes]
    mentor_pages = len([c for c in codes if c.person == MENTOR])
    assert people == [(MENTOR, n) for n in range(1, mentor_pages + 1)] + \
        [(MENTEE, n) for n in range(1, len(pages) - mentor_pages + 1)]
    assert {c.pair for c in codes} == {"ana-ben"} and {c.session for c in codes} == {"midpoint"}
    mentee = layout_of(workspace, codes[-1].key)
    boxes = {m[0] for p in mentee["pages"] for m in p["marks"]}
    writes = {w[0] for p in mentee["pages"] for w in p["writes"]}
    questions = {q.code: model.answer_type(q) for _, q in ws.library.get("midpoint").questions_for("mentee")}
    assert boxes == {c for c, t in questions.items() if t in ("rating", "choice", "yesno", "multi")}
    assert writes == {c for c, t in questions.items() if t not in ("rating", "choice", "yesno", "multi")}
    # a blank sheet is the same layout, and says only its role
    blank = printed(cli, "midpoint", "--role", "mentee")
    first = read.decode(synthetic.rasterise(blank, 150)[0])[0]
    assert (first.key, first.role, first.person, first.pair) == (codes[-1].key, "mentee", "", "")


# ---------------------------------------------------------------- reading clear marks


def test_a_scanned_packet_puts_exactly_the_marks_made_into_the_run(cli, ws, workspace):
    packet = printed(cli)
    run = start(cli)
    plans = {MENTOR: clear_plan(ws, "mentor", 1), MENTEE: clear_plan(ws, "mentee", 2)}
    rng = np.random.default_rng(3)
    scanned = [synthetic.scanner(p, rng) for p in fill_packet(workspace, packet, plans)]
    synthetic.to_pdf(scanned, Path("scan.pdf"), DPI)
    result = cli("scan", "scan.pdf", "--serial")  # no RUN: the sheets name their pair
    assert result.code == 0, result.err
    assert "Ana Ruiz (ana-ruiz), mentor" in result.out and "to confirm" not in result.out
    for person, plan in plans.items():
        assert answers_in_run(ws, run, person) == expected_answers(ws, plan)
    # each write-in box is kept as an image beside the run, for its owner's eyes only
    crops = sorted((workspace / "scans" / run).glob(f"{MENTEE}-*.png"))
    assert {p.stem.split("-", 2)[-1] for p in crops} >= {"M-W1", "M-N1"}
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in crops)
    assert cv2.imread(str(crops[0])) is not None
    # scanning the same sheets again changes nothing
    before = (workspace / "records" / f"{run}.toml").read_bytes()
    again = cli("scan", run, "scan.pdf", "--serial")
    assert again.code == 0, again.err
    assert (workspace / "records" / f"{run}.toml").read_bytes() == before


def test_phone_photos_read_as_the_scan_does(cli, ws, workspace):
    packet = printed(cli)
    run = start(cli)
    plans = {MENTEE: clear_plan(ws, "mentee", 5)}
    rng = np.random.default_rng(6)
    pages = fill_packet(workspace, packet, plans)
    mentee_pages = [p for p in pages if read.decode(p)[0].person == MENTEE]
    files = []
    for n, page in enumerate(mentee_pages):
        files.append(f"IMG_{n}.jpg")
        cv2.imwrite(files[-1], synthetic.phone(page, rng, DPI))
    result = cli("scan", run, *files, "--serial", "--json")
    assert result.code == 0, result.err
    reading = json.loads(result.out)
    assert [s["person"] for s in reading["sheets"]] == [MENTEE]
    assert answers_in_run(ws, run, MENTEE) == expected_answers(ws, plans[MENTEE])


# ---------------------------------------------------------------- never a guess


def test_two_marks_a_correction_and_a_faint_stroke_are_flagged_and_left_unanswered(cli, ws, workspace):
    packet = printed(cli)
    run = start(cli)
    plan = {"M-R1": Drawn("M-R1", [(1, "fill"), (3, "cross")], False),
            "M-R2": Drawn("M-R2", [(0, "scratch"), (4, "fill")], False),
            "M-R3": Drawn("M-R3", [(2, "faint")], False),
            "M-R4": Drawn("M-R4", [(3, "fill")], True),
            "M-C1": Drawn("M-C1", [(2, "tick")], True)}
    rng = np.random.default_rng(8)
    scanned = [synthetic.scanner(p, rng) for p in fill_packet(workspace, packet, {MENTEE: plan})]
    synthetic.to_pdf(scanned, Path("scan.pdf"), DPI)
    result = cli("scan", run, "scan.pdf", "--serial")
    assert result.code == 0, result.err
    assert "to confirm M-R1: marks in 2 and 4" in result.out
    assert "to confirm M-R2: marks in 1 and 5" in result.out
    assert "to confirm M-R3:" in result.out
    question = {q.code: q for _, q in ws.library.get("midpoint").questions()}["M-C1"]
    assert answers_in_run(ws, run, MENTEE) == {"M-R4": 4, "M-C1": question.options[2]}
    review = json.loads((workspace / "scans" / run / "review.json").read_text())
    flagged = [r["code"] for r in review["sheets"][MENTEE]["readings"] if r["status"] == "uncertain"]
    assert flagged == ["M-R1", "M-R2", "M-R3"]


# ---------------------------------------------------------------- the same rules as import


def test_a_page_that_cannot_be_read_stops_the_scan_and_is_named(cli, ws, workspace):
    packet = printed(cli)
    run = start(cli)
    pages = fill_packet(workspace, packet, {MENTEE: clear_plan(ws, "mentee", 9)})
    cv2.imwrite("good.png", pages[-1])
    cv2.imwrite("notes.png", np.full((1200, 900), 250, np.uint8))  # a page of something else
    cropped = pages[-2].copy()
    cropped[: DPI // 2, : DPI // 2] = 255  # the top left corner square cut off
    cv2.imwrite("cropped.png", cropped)
    before = (workspace / "records" / f"{run}.toml").read_bytes()
    result = cli("scan", run, "good.png", "notes.png", "cropped.png", "--serial")
    assert result.code == 2
    assert any(line.startswith("facilitator: notes.png: no sheet code found") for line in result.err_lines)
    assert any("cropped.png: a corner square is missing or hidden (near the top left)" in line
               for line in result.err_lines)
    assert "nothing imported" in result.err
    assert (workspace / "records" / f"{run}.toml").read_bytes() == before
    assert not (workspace / "scans").exists()


def test_an_empty_or_foreign_file_is_refused_in_one_line_each(cli, ws, workspace):
    run = start(cli)
    Path("empty.jpg").write_bytes(b"")
    Path("notes.png").write_text("not a picture", encoding="utf-8")
    before = (workspace / "records" / f"{run}.toml").read_bytes()
    result = cli("scan", run, "empty.jpg", "notes.png", "--serial")
    assert result.code == 2, result.err
    assert "facilitator: empty.jpg: not a PDF, JPEG or PNG" in result.err_lines
    assert "facilitator: notes.png: not a PDF, JPEG or PNG" in result.err_lines
    assert "unexpected" not in result.err and "Traceback" not in result.err
    assert (workspace / "records" / f"{run}.toml").read_bytes() == before


def test_a_sheet_for_another_pair_is_refused_naming_both(cli, ws, workspace):
    packet = printed(cli)
    other = cli("start", "midpoint", "--pair", "cy-di").out.strip()
    pages = fill_packet(workspace, packet, {MENTEE: clear_plan(ws, "mentee", 10)})
    cv2.imwrite("ben.png", pages[-1])
    result = cli("scan", other, "ben.png", "--serial")
    assert result.code == 2
    assert result.err_lines == [f"facilitator: ben.png is Ben Ode's worksheet (ben-ode), who takes no part in run"
                                f" {other} (Cy Lam & Di Oko)"]


def test_after_the_reveal_a_scanned_reflection_needs_late(cli, ws, workspace, clock):
    packet = printed(cli, "pair-review")
    engine = RunEngine.create(ws, "pair-review", pair="ana-ben", clock=clock)
    engine.jump("reveal", close_missing=True)
    run = engine.record.id
    engine.close()
    pages = fill_packet(workspace, packet, {MENTEE: {"P-R1": Drawn("P-R1", [(3, "fill")], True)}})
    mentee = [p for p in pages if read.decode(p)[0].person == MENTEE]
    synthetic.to_pdf(mentee, Path("ben.pdf"), DPI)
    before = (workspace / "records" / f"{run}.toml").read_bytes()
    refused = cli("scan", run, "ben.pdf", "--serial")
    assert refused.code == 2 and "P-R1" in refused.err and "--late" in refused.err
    assert (workspace / "records" / f"{run}.toml").read_bytes() == before
    late = cli("scan", run, "ben.pdf", "--serial", "--late")
    assert late.code == 0, late.err
    with RunEngine.open(ws, run, lock=False) as engine:
        entry = next(e for e in engine.record.entries if e.person == MENTEE and e.code == "P-R1")
    assert (entry.value, entry.late, entry.source) == (4, True, "scan")


def test_scan_without_files_or_with_a_missing_one_says_so(cli, ws):
    assert cli("scan", "nowhere.pdf").err.strip() == "facilitator: nowhere.pdf: no such file"
    result = cli("scan", "some-run")
    assert result.code == 2 and "give the scanned files" in result.err
