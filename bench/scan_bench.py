"""Scanning figures for `make bench` (issue 16): how many marks `facilitator scan` reads right
on synthetic scanner and phone sets of 60 filled sheets, that no mark is ever silently
misread, and how many pages a minute the whole process reads on this machine.

Each set is a cohort packet of named worksheets printed for 30 pairs, filled by
facilitator.scanning.synthetic (a pen or pencil in every mark box; now and then two marks,
a correction or a faint stroke, which must be flagged), then scanned: at 300 dpi with up to
3 degrees of skew, or photographed (perspective, uneven light, a shadow, 150 dpi).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
FACILITATOR = str(Path(sys.executable).parent / "facilitator")
SESSION = "midpoint"

sys.path.insert(0, str(Path(__file__).parent))
from printing_bench import _line, _program as _workspace  # noqa: E402  one bench program, one figure line


def filled_set(home: Path, packet: Path, kind: str, seed: int, out: Path) -> tuple[dict, list[Path]]:
    """The packet filled and scanned (kind "scanner": one PDF; "phone": a JPEG a page); what was drawn."""
    import cv2

    from facilitator import model
    from facilitator.scanning import read, synthetic
    from facilitator.scanning.marks import labels
    from facilitator.workspace import Workspace

    session = Workspace(home).library.get(SESSION)
    rng = np.random.default_rng(seed)
    dpi = 300
    pages = synthetic.rasterise(packet, dpi)
    truth: dict[str, dict] = {}
    at = 0
    while at < len(pages):
        code = read.decode(pages[at])[0]
        layout = json.loads((home / ".cache" / "scan" / f"{code.key}.json").read_text())
        questions = [(q.code, model.answer_type(q), len(labels(q))) for _, q in session.questions_for(code.role)
                     if model.answer_type(q) in ("rating", "choice", "yesno", "multi")]
        drawn = synthetic.plan(questions, rng)
        synthetic.fill(pages, dpi, layout, at, drawn, rng)
        truth[code.person] = drawn
        at += len(layout["pages"])
    if kind == "scanner":
        target = out / "scan.pdf"
        synthetic.to_pdf([synthetic.scanner(p, rng) for p in pages], target, dpi)
        return truth, [target]
    files = []
    for n, page in enumerate(pages):
        files.append(out / f"IMG_{n:04d}.jpg")
        cv2.imwrite(str(files[-1]), synthetic.phone(page, rng, dpi))
    return truth, files


def judged(home: Path, truth: dict, reading: dict) -> dict[str, int]:
    from facilitator.scanning import synthetic
    from facilitator.scanning.marks import Reading
    from facilitator.workspace import Workspace

    session = Workspace(home).library.get(SESSION)
    questions = {q.code: q for _, q in session.questions()}
    tally = {"right": 0, "flagged": 0, "misread": 0}
    for sheet in reading["sheets"]:
        drawn = truth[sheet["person"]]
        for r in sheet["readings"]:
            if r["code"] in drawn:
                verdict = synthetic.judge(questions[r["code"]], drawn[r["code"]], Reading(**r))
                tally[verdict] += 1
                if verdict != "right":  # what went wrong, to look at
                    print(f"    {verdict}: {sheet['person']} {r['code']} drawn {drawn[r['code']].marks}"
                          f" read {r['status']} {r['value']!r} {r['seen']}")
    return tally


def run(pairs: int = 30) -> list[bool]:
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp) / "ws"
        _workspace(home, pairs)
        env = {**os.environ, "FACILITATOR_HOME": str(home)}
        packet = Path(tmp) / "packet.pdf"
        subprocess.run([FACILITATOR, "print", "worksheet", SESSION, "--cohort", "autumn", "-o", str(packet)],
                       env=env, check=True, capture_output=True)
        for i in range(1, pairs + 1):
            subprocess.run([FACILITATOR, "start", SESSION, "--pair", f"pair-{i}"], env=env, check=True,
                           capture_output=True)
        for kind, seed, goal in (("scanner", 7, 99.9), ("phone", 11, 99.0)):
            folder = Path(tmp) / kind
            folder.mkdir()
            truth, files = filled_set(home, packet, kind, seed, folder)
            start = time.perf_counter()
            proc = subprocess.run([FACILITATOR, "scan", *map(str, files), "--json", "--dry-run"], env=env,
                                  capture_output=True, text=True)
            seconds = time.perf_counter() - start
            if proc.returncode != 0:
                print(f"scan ({kind}) failed: {proc.stderr.strip()[:400]}")
                results.append(False)
                continue
            reading = json.loads(proc.stdout)
            tally = judged(home, truth, reading)
            marks = sum(tally.values())
            label = "scanner-quality (300 dpi, ±3°)" if kind == "scanner" else \
                "phone-photo-like (perspective, light, 150 dpi)"
            print(f"  {kind}: {len(truth)} sheets, {reading['pages']} pages, {marks} marks: {tally['right']} right,"
                  f" {tally['flagged']} clear marks left to confirm, {tally['misread']} misread")
            results.append(_line(f"{label}: marks read correctly", 100 * tally["right"] / marks, "%",
                                 f">= {goal} %", 100 * tally["right"] / marks >= goal))
            results.append(_line(f"{label}: silent misreads", tally["misread"], "", "0", tally["misread"] == 0))
            rate = reading["pages"] / seconds * 60
            results.append(_line(f"scan speed, whole process ({'scanner PDF' if kind == 'scanner' else 'phone JPEGs'})",
                                 rate, "pages/min", ">= 200", rate >= 200))
    return results


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    ok = run(int(sys.argv[1]) if len(sys.argv) > 1 else 30)
    raise SystemExit(0 if all(ok) else 1)
