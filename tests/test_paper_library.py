"""Every document of the bundled library, printed from the demo program on A4 and Letter and
read back as a reader sees it (text positions, tests/pdflayout.py): the scale's header on
every page with rating rows, no heading as the last text of a page, no empty table column,
and no text meant for the team (source names, "seed", backticks, file names)."""

from __future__ import annotations

import re
from pathlib import Path

import pypdf
import pytest

from facilitator.cli import main
from facilitator.workspace import Workspace
from tests import pdflayout

PAPERS = ("a4", "letter")
# every document on A4; on Letter (a shorter page) the ones whose breaks differ most
LETTER_TOO = ("guide", "worksheet", "fillable", "rolecards", "plain", "agreement")


def _jobs(ws: Workspace) -> list[tuple[str, list[str]]]:
    jobs = []
    for entry in ws.library.entries.values():
        s = entry.session
        jobs.append((f"guide-{s.id}", ["guide", s.id]))
        if any(s.questions_for(r.id) for r in s.roles):
            jobs.append((f"worksheet-{s.id}", ["worksheet", s.id]))
        if any(r.brief or r.checklist for r in s.roles):
            jobs.append((f"rolecards-{s.id}", ["rolecards", s.id]))
    jobs.append(("fillable-midpoint", ["worksheet", "midpoint", "--role", "mentor", "--fillable"]))
    jobs.append(("plain-midpoint", ["worksheet", "midpoint", "--role", "mentor"]))
    jobs.append(("fillable-closing", ["worksheet", "closing", "--role", "mentee", "--fillable"]))
    jobs.append(("packet-midpoint", ["worksheet", "midpoint", "--pair", "helen-tomas"]))  # stamped on a shared sheet
    kinds: set[str] = set()
    for record in sorted((ws.root / "records").glob("*.toml")):
        kind = record.stem[11:].rsplit("-", 2)[0] if "cohort" not in record.stem else "cohort"
        if kind in kinds or "david" in record.stem or "roleplay" in record.stem:  # one finished run of each kind
            continue
        kinds.add(kind)
        for audience in ("shared", "facilitator"):
            jobs.append((f"summary-{record.stem}-{audience}", ["summary", record.stem, "--audience", audience]))
    jobs.append(("report", ["report"]))
    jobs.append(("agreement", ["agreement", "helen-tomas"]))
    workshop = next((ws.root / "records").glob("*roleplay*")).stem
    jobs.append(("trios", ["trios", workshop]))
    jobs.append(("summary-roleplay", ["summary", workshop]))
    return jobs


def _workshop(ws: Workspace) -> None:
    """A role-play workshop of the spring cohort, ticked and noted: the demo has none."""
    from facilitator.engine import RunEngine

    spring = [p.id for p in ws.program().pairs if p.cohort == "spring"]
    with RunEngine.create(ws, "roleplay-broader-scope", pairs=spring) as engine:
        item = engine.checklist()[0]
        for n in (1, 2, 3):
            engine.jump(f"round-{n}")
            for trio in range(1, len(engine.record.trios) + 1):
                engine.toggle_tick(trio, item)
                for observer in engine.cast(trio)["observer"]:
                    engine.answer(observer, f"RS-O{n}", f"Round {n}: she named the budget first.")
        engine.finish()


@pytest.fixture(scope="module")
def printed(tmp_path_factory) -> dict[tuple[str, str], Path]:
    from facilitator.demo import create_demo

    root = tmp_path_factory.mktemp("paper") / "demo"
    ws = create_demo(root)
    _workshop(ws)
    out: dict[tuple[str, str], Path] = {}
    for paper in PAPERS:
        for name, args in _jobs(ws):
            if paper == "letter" and not name.startswith(LETTER_TOO):
                continue
            target = root.parent / paper / f"{name}.pdf"
            code = main(["--workspace", str(root), "print", *args, "--paper", paper, "-o", str(target)])
            assert code == 0, (name, paper)
            out[(name, paper)] = target
    return out


@pytest.fixture(scope="module")
def layouts(printed) -> dict[tuple[str, str], list[pdflayout.Page]]:
    return {key: pdflayout.read(path) for key, path in printed.items()}


def test_every_kind_of_document_is_printed(printed):
    names = {name.split("-")[0] for name, _ in printed}
    assert {"guide", "worksheet", "rolecards", "fillable", "packet", "summary", "report", "plain", "agreement",
            "trios"} <= names


def test_no_heading_or_label_ends_a_page(layouts):
    found = {f"{name} ({paper})": bad for (name, paper), pages in layouts.items()
             if (bad := pdflayout.last_heading(pages))}
    assert not found, found


def test_every_page_with_rating_rows_shows_the_scale(layouts):
    checked = 0
    found = {}
    for (name, paper), pages in layouts.items():
        if not name.startswith(("worksheet", "fillable", "packet", "plain")):
            continue
        checked += sum(1 for p in pages if p.point_digits)
        if missing := pdflayout.pages_without_scale_head(pages):
            found[f"{name} ({paper})"] = missing
    assert checked > 10  # the grids run over several pages: the test reads real rating rows
    assert not found, found


def test_no_table_has_an_empty_column(layouts):
    found = {f"{name} ({paper})": bad for (name, paper), pages in layouts.items()
             if not name.startswith(("worksheet", "fillable", "packet", "plain", "rolecards"))  # blank tables: to write in
             and (bad := pdflayout.empty_columns(pages))}
    assert not found, found


TEAM_TEXT = re.compile(r"\bseeds?\b|`|\b[\w-]+\.(?:toml|py|html|css)\b|\bsessions/|\bfacilitator (?:print|import|"
                       r"start|run|answers)\b", re.IGNORECASE)


def test_no_text_meant_for_the_team(printed):
    found = {}
    for (name, paper), path in printed.items():
        if paper != "a4":
            continue
        for n, page in enumerate(pypdf.PdfReader(path).pages, 1):
            for line in (page.extract_text() or "").splitlines():
                if TEAM_TEXT.search(line):
                    found.setdefault(name, []).append(f"page {n}: {line.strip()[:80]}")
    assert not found, found


def test_every_pdf_says_what_it_is_who_made_it_when_and_in_what_language(printed):
    for (name, paper), path in printed.items():
        reader = pypdf.PdfReader(path)
        info = reader.metadata or {}
        assert info.get("/Title") and " · " in info["/Title"], (name, info.get("/Title"))  # with the copy type
        assert info.get("/Author") == "Northside Mentoring 2026", name
        assert info.get("/Creator") == "facilitator", name
        assert str(info.get("/CreationDate", "")).startswith("D:20"), name
        assert reader.trailer["/Root"].get("/Lang") == "en", name


def _outline(path: Path) -> list[tuple[int, str]]:
    def walk(items, depth=0):
        for item in items:
            if isinstance(item, list):
                yield from walk(item, depth + 1)
            else:
                yield depth, item.title
    return list(walk(pypdf.PdfReader(path).outline))


def test_guides_have_a_bookmark_per_step_and_packets_one_per_person(printed):
    outline = [title for _, title in _outline(printed[("guide-midpoint", "a4")])]
    assert "1. Welcome: why we pause" in outline[:6] or any(t.startswith("1. ") for t in outline)
    steps = [t for t in outline if t[:1].isdigit()]
    assert len(steps) == 7 and steps[-1].startswith("7. ")
    people = [title for depth, title in _outline(printed[("packet-midpoint", "a4")]) if depth == 0]
    assert people == ["Helen Okafor", "Tomás Rivera"]


def test_shared_documents_are_tagged_and_private_ones_say_whose_they_are(printed):
    shared = pypdf.PdfReader(printed[("report", "a4")]).trailer["/Root"]
    assert "/StructTreeRoot" in shared and shared["/MarkInfo"]["/Marked"]
    private = next(path for (name, _), path in printed.items() if name.endswith("-facilitator"))
    assert "Facilitator’s copy" in pypdf.PdfReader(private).metadata["/Title"]


def test_the_fillable_form_stays_small_and_every_option_sits_beside_its_label(printed):
    plain = printed[("plain-midpoint", "a4")].stat().st_size
    form = printed[("fillable-midpoint", "a4")].stat().st_size
    assert form < 2 * plain  # its fields' font is a small Latin cut, not the whole of Carlito
    import pdfplumber

    checked = 0
    with pdfplumber.open(printed[("fillable-midpoint", "a4")]) as pdf:
        for page in pdf.pages:
            words = page.extract_words()
            for box in page.annots:
                label = str(box["data"].get("TU", b""), "latin-1")
                if not str(getattr(box["data"].get("FT"), "name", "")) == "Btn" or label.isdigit():
                    continue  # a rating's points are numbered in the grid's head
                beside = [w for w in words if abs(w["top"] - box["top"]) < 8 and 0 <= w["x0"] - box["x1"] < 20]
                assert beside, f"page {page.page_number}: nothing beside the box for {label!r}"
                checked += 1
    assert checked >= 4


def test_no_word_runs_past_the_text_column(printed):
    """Inline bold (codes, labels) meets wrapped text on every document: no word may stick out
    of the column (WeasyPrint 70 mis-sets lines where a break falls inside bold text)."""
    import pdfplumber

    margin = 17 / 25.4 * 72  # print.css: @page margin, left and right
    found = {}
    for (name, paper), path in printed.items():
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                for word in page.extract_words():
                    if word["x1"] > page.width - margin + 1.5 or word["x0"] < margin - 1.5:
                        found.setdefault(f"{name} ({paper})", []).append(f"page {page.page_number}: {word['text']}")
    assert not found, found
