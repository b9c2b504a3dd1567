"""Printed documents, read back as a user's PDF reader would (pypdf)."""

from __future__ import annotations

import socket
import threading
from pathlib import Path

import pypdf
from pypdf.generic import NameObject

from facilitator.engine import RunEngine
from facilitator.workspace import Workspace

DATA = Path(__file__).parent / "data"
A4 = (595, 842)
LETTER = (612, 792)




def text_of(path: Path) -> list[str]:
    return [page.extract_text() for page in pypdf.PdfReader(path).pages]


def page_size(path: Path) -> tuple[int, int]:
    box = pypdf.PdfReader(path).pages[0].mediabox
    return round(float(box.width)), round(float(box.height))


def fonts_embedded(path: Path) -> bool:
    reader = pypdf.PdfReader(path)
    seen = 0
    for page in reader.pages:
        fonts = page["/Resources"].get_object().get("/Font", {})
        for ref in fonts.values():
            font = ref.get_object()
            descendants = font.get("/DescendantFonts")
            descriptor = (descendants[0].get_object() if descendants else font).get("/FontDescriptor")
            if descriptor is None:
                return False
            descriptor = descriptor.get_object()
            if not any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                return False
            seen += 1
    return seen > 0


def test_blank_worksheet_per_role_carries_every_code(cli, ws, tmp_path):
    out = tmp_path / "mentee.pdf"
    result = cli("print", "worksheet", "pair-review", "--role", "mentee", "-o", out)
    assert result.code == 0, result.err
    pages = text_of(out)
    text = " ".join(" ".join(pages).split())
    for code in ("P-W1", "P-R1", "P-N1", "P-F1", "P-C1", "P-A1", "P-A2"):
        assert code in text
    assert "Pair review" in text and "Mentee worksheet" in text and "pair-review/mentee" in text
    assert f"page 1 of {len(pages)}" in pages[0]
    assert "Strongly disagree" in text and "Continue with changes" in text
    mentor = "\n".join(text_of(tmp_path / "m.pdf")) if cli(
        "print", "worksheet", "pair-review", "--role", "mentor", "-o", tmp_path / "m.pdf").code == 0 else ""
    assert "P-N1" not in mentor  # the count is asked of the mentee only


def test_named_packet_keeps_page_numbers_per_sheet(cli, ws, tmp_path):
    out = tmp_path / "packet.pdf"
    result = cli("print", "worksheet", "pair-review", "--pair", "ana-ben", "-o", out)
    assert result.code == 0, result.err
    pages = text_of(out)
    starts = [i for i, p in enumerate(pages) if "page 1 of" in p]
    assert len(starts) == 2
    assert "Ana Ruiz" in pages[starts[0]] and "Ben Ode" in pages[starts[1]]
    assert "pair-review/ana-ruiz" in pages[0] and "pair-review/ben-ode" in pages[starts[1]]
    second_sheet = len(pages) - starts[1]
    assert f"page {second_sheet} of {second_sheet}" in pages[-1]


def test_cohort_packet_names_each_mentor(cli, ws, tmp_path):
    out = tmp_path / "cohort.pdf"
    assert cli("print", "worksheet", "cohort-test", "--cohort", "spring", "-o", out).code == 0
    text = "\n".join(text_of(out))
    assert "Ana Ruiz" in text and "Cy Lam" in text and "Ben Ode" not in text


def test_paper_sizes_and_embedded_fonts(cli, ws, tmp_path):
    a4, letter = tmp_path / "a4.pdf", tmp_path / "letter.pdf"
    assert cli("print", "worksheet", "pair-review", "--role", "mentor", "-o", a4).code == 0
    assert cli("print", "worksheet", "pair-review", "--role", "mentor", "--paper", "letter", "-o", letter).code == 0
    assert page_size(a4) == A4
    assert page_size(letter) == LETTER
    assert fonts_embedded(a4) and fonts_embedded(letter)


def test_html_is_written_for_template_authors(cli, ws, tmp_path):
    html = tmp_path / "sheet.html"
    assert cli("print", "worksheet", "pair-review", "--role", "mentor", "-o", tmp_path / "x.pdf",
               "--html", html).code == 0
    assert "P-R1" in html.read_text(encoding="utf-8")


def test_guide_has_agenda_times_script_and_notes(cli, ws, tmp_path):
    out = tmp_path / "guide.pdf"
    assert cli("print", "guide", "pair-review", "--start", "09:30", "-o", out).code == 0
    text = "\n".join(text_of(out))
    for needle in ("09:30", "09:35", "10:10", "Only for the facilitator.", "Mentee worksheet", "Welcome"):
        assert needle in text, needle
    bad = cli("print", "guide", "pair-review", "--start", "9.30")
    assert bad.code == 2 and "HH:MM" in bad.err


def test_rolecards_carry_private_briefs_and_the_checklist(cli, ws, tmp_path):
    out = tmp_path / "cards.pdf"
    assert cli("print", "rolecards", "roleplay-test", "-o", out).code == 0
    text = "\n".join(text_of(out))
    for needle in ("You want more scope.", "You have a budget freeze.", "Observer checklist", "Clear request",
                   "Someone asks for more scope."):
        assert needle in text, needle
    none = cli("print", "rolecards", "pair-review")
    assert none.code == 2 and "no role briefs" in none.err


def finished_midpoint(ws: Workspace, **answers: str) -> str:
    with RunEngine.create(ws, "pair-review", pair="ana-ben") as engine:
        engine.jump("reflect")
        engine.answer("ana-ruiz", "P-W1", answers.get("mentor", "We meet every week"))
        engine.answer("ben-ode", "P-W1", answers.get("mentee", "The agenda is always his"))
        engine.answer("ana-ruiz", "P-R1", 5)
        engine.answer("ben-ode", "P-R1", 1)
        engine.answer("ben-ode", "P-F1", "PRIVATE-ANSWER I want a new mentor")
        engine.add_note("FACILITATOR-NOTE Ben went quiet")
        engine.jump("reveal", close_missing=True)  # neither has answered everything: closed for both
        engine.confirm_pattern("perception_gap")
        engine.add_action("Send the agenda two days before", "Ben", "2026-12-01")
        engine.answer("ana-ruiz", "P-A1", "Every two weeks")
        engine.answer("ben-ode", "P-A1", "Every two weeks")
        engine.finish()
        return engine.record.id


def test_shared_summary_never_holds_private_answers_or_notes(cli, ws, tmp_path):
    run_id = finished_midpoint(ws)
    shared, private = tmp_path / "shared.pdf", tmp_path / "fac.pdf"
    assert cli("print", "summary", run_id, "-o", shared).code == 0
    assert cli("print", "summary", run_id, "--audience", "facilitator", "-o", private).code == 0
    shared_text, private_text = "\n".join(text_of(shared)), "\n".join(text_of(private))
    for needle in ("We meet every week", "The agenda is always his", "Send the agenda", "Perception gap"):
        assert needle in shared_text, needle
    assert "PRIVATE-ANSWER" not in shared_text and "FACILITATOR-NOTE" not in shared_text
    assert "PRIVATE-ANSWER" in private_text and "FACILITATOR-NOTE" in private_text


def test_cohort_summary_is_the_minutes(cli, ws, tmp_path):
    with RunEngine.create(ws, "cohort-test", cohort="spring") as engine:
        engine.set_attendance(["ana-ruiz"])
        engine.answer("ana-ruiz", "K-S1", "amber")
        engine.answer("cy-lam", "K-C1", "Book the next three meetings")
        run_id = engine.record.id
    out = tmp_path / "minutes.pdf"
    assert cli("print", "summary", run_id, "-o", out).code == 0
    text = "\n".join(text_of(out))
    for needle in ("minutes", "Present: Ana Ruiz", "Absent: Cy Lam", "amber", "Book the next three meetings"):
        assert needle in text, needle


def test_agreement_prints_with_its_history(cli, ws, tmp_path):
    finished_midpoint(ws)
    with RunEngine.create(ws, "pair-review", pair="ana-ben") as engine:
        engine.set_term("cadence", "Weekly for a month", why="Ben needs more support now")
        engine.finish()
    out = tmp_path / "agreement.pdf"
    assert cli("print", "agreement", "ana-ben", "-o", out).code == 0
    text = " ".join(" ".join(text_of(out)).split())
    for needle in ("Weekly for a month", "Revision history", "Ben needs more support now", "First agreement",
                   "version 2"):
        assert needle in text, needle
    assert cli("print", "agreement", "cy-di").code == 2  # no agreement yet: a clear line


def test_what_participants_typed_prints_as_text_and_fetches_nothing(cli, ws, tmp_path):
    hits: list[bytes] = []
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(5)
    server.settimeout(0.2)
    port = server.getsockname()[1]
    stop = threading.Event()

    def listen() -> None:
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except OSError:
                continue
            hits.append(conn.recv(100))
            conn.close()

    thread = threading.Thread(target=listen, daemon=True)
    thread.start()
    try:
        evil = (f'<img src="http://127.0.0.1:{port}/x"> <link rel=stylesheet href="http://127.0.0.1:{port}/s.css">'
                ' {{ 7*7 }} <script>alert(1)</script> <img src="file:///etc/passwd">'
                f' <style>@import url(http://127.0.0.1:{port}/i.css);</style>')
        run_id = finished_midpoint(ws, mentor=evil)
        out = tmp_path / "summary.pdf"
        result = cli("print", "summary", run_id, "-o", out, "--html", tmp_path / "s.html")
        assert result.code == 0, result.err
    finally:
        stop.set()
        thread.join()
        server.close()
    assert hits == []
    text = " ".join(" ".join(text_of(out)).split())
    assert "{{ 7*7 }}" in text and "<script>alert(1)</script>" in text  # printed as typed, never run
    assert f'<img src="http://127.0.0.1:{port}/x">' in text
    assert "root:" not in text


def test_a_20000_character_answer_flows_across_pages(cli, ws, tmp_path):
    long = "I want to talk about this. " * 740  # 19,980 characters: just under the limit
    run_id = finished_midpoint(ws, mentor=long)
    out = tmp_path / "long.pdf"
    assert cli("print", "summary", run_id, "-o", out).code == 0
    pages = text_of(out)
    assert len(pages) >= 3
    flowing = " ".join(" ".join(pages).split())
    assert flowing.count("I want to talk about this.") >= 730  # a few may break at a page edge


def test_cjk_arabic_and_emoji_render(cli, ws, tmp_path):
    run_id = finished_midpoint(ws, mentor="目標を達成する 进展顺利", mentee="التقدم جيد 🎉🙂 Ünïcødé")
    out = tmp_path / "world.pdf"
    result = cli("print", "summary", run_id, "-o", out)
    assert result.code == 0, result.err
    assert len(pypdf.PdfReader(out).pages) >= 1 and fonts_embedded(out)


def test_print_errors_are_one_line(cli, ws):
    for args in (["print", "worksheet", "no-such"], ["print", "summary", "no-run"], ["print", "agreement", "nobody"],
                 ["print", "worksheet", "pair-review", "--role", "observer"]):
        result = cli(*args)
        assert result.code == 2, args
        assert len(result.err_lines) == 1 and "Traceback" not in result.err


def fill(source: Path, target: Path, values: dict[str, str]) -> None:
    """Fill a form as a PDF viewer would: text fields by value, radio groups by state."""
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(source))
    fields = {f.get("/T"): f for f in (a.get_object() for p in writer.pages for a in p.get("/Annots", []))
              if f.get("/T")}
    groups = {}
    for page in writer.pages:
        for annot in page.get("/Annots", []):
            widget = annot.get_object()
            parent = widget.get("/Parent")
            if parent is not None:
                groups.setdefault(parent.get_object()["/T"], []).append(widget)
    for name, value in values.items():
        if name in groups:
            parent = groups[name][0]["/Parent"].get_object()
            index = [str(o) for o in parent["/Opt"]].index(value)
            parent[NameObject("/V")] = NameObject(f"/{index}")
            for widget in groups[name]:
                states = [k for k in widget["/AP"]["/N"].keys() if k != "/Off"]
                widget[NameObject("/AS")] = NameObject(f"/{index}" if f"/{index}" in states else "/Off")
        else:
            assert name in fields, name
    text_values = {k: v for k, v in values.items() if k not in groups}
    for page in writer.pages:
        writer.update_page_form_field_values(page, text_values, auto_regenerate=False)
    writer.write(target)


def test_fillable_worksheet_round_trips_through_import(cli, ws, tmp_path):
    blank = tmp_path / "fillable.pdf"
    assert cli("print", "worksheet", "pair-review", "--role", "mentee", "--fillable", "-o", blank).code == 0
    names = set(pypdf.PdfReader(blank).get_fields())
    assert {"P-W1", "P-R1", "P-N1", "P-C1", "P-A1", "P-A2.1.1"} <= names
    filled = tmp_path / "filled.pdf"
    fill(blank, filled, {"P-W1": "Ana <b>listens</b>", "P-R1": "2", "P-N1": "3", "P-C1": "Continue with changes",
                         "P-A2.1.1": "Lead a review", "P-A2.1.2": "March"})
    run_id = cli("start", "pair-review", "--pair", "ana-ben").out.strip()
    result = cli("import", run_id, "--role", "mentee", filled)
    assert result.code == 0, result.err
    with RunEngine.open(ws, run_id, lock=False) as engine:
        assert engine.own_answer("ben-ode", "P-W1") == "Ana <b>listens</b>"
        assert engine.own_answer("ben-ode", "P-R1") == 2
        assert engine.own_answer("ben-ode", "P-N1") == 3
        assert engine.own_answer("ben-ode", "P-C1") == "Continue with changes"
        assert engine.own_answer("ben-ode", "P-A2") == [["Lead a review", "March"]]
    again = cli("import", run_id, "--role", "mentee", filled)
    assert again.code == 0 and "nothing changed" in again.out
    bad = tmp_path / "bad.pdf"
    fill(blank, bad, {"P-N1": "lots"})
    rejected = cli("import", run_id, "--role", "mentee", bad)
    assert rejected.code == 2 and "P-N1" in rejected.err


def test_the_facilitators_copy_is_readable_by_the_facilitator_only(cli, ws, tmp_path):
    run_id = finished_midpoint(ws)
    out = tmp_path / "fac.pdf"
    assert cli("print", "summary", run_id, "--audience", "facilitator", "-o", out).code == 0
    assert out.stat().st_mode & 0o777 == 0o600


# ---------------------------------------------------------------- the catalogue: one table for the CLI and the app


def test_the_catalogue_loads_no_printer():
    import json
    import subprocess
    import sys

    code = ("import json, sys\nimport facilitator.printing.catalogue, facilitator.cli.printing\n"
            "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in ('weasyprint', 'jinja2', 'textual'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert json.loads(out) == []


def test_every_catalogue_entry_is_a_print_command(capsys):
    import pytest

    from facilitator.cli import main
    from facilitator.printing.catalogue import DOCUMENTS

    for doc in DOCUMENTS:
        with pytest.raises(SystemExit) as done:
            main(["print", doc.name, "--help"])
        assert done.value.code == 0
        assert doc.help[1:] in " ".join(capsys.readouterr().out.split())


def test_the_run_menu_offers_what_the_run_can_print(ws):
    from facilitator.printing.catalogue import run_menu

    with RunEngine.create(ws, "pair-review", pair="ana-ben") as engine:
        assert [key for key, _ in run_menu(engine)] == ["worksheet", "guide", "summary-shared",
                                                         "summary-facilitator", "agreement", "report"]
    with RunEngine.create(ws, "cohort-test", cohort="spring") as engine:
        keys = [key for key, _ in run_menu(engine)]
        assert "agreement" not in keys and "rolecards" not in keys
    with RunEngine.create(ws, "roleplay-test", pairs=["ana-ben", "cy-di"]) as engine:
        assert "rolecards" in [key for key, _ in run_menu(engine)]


def test_the_app_and_the_command_line_name_a_run_s_files_alike(cli, ws):
    from facilitator.printing.catalogue import print_for_run

    run_id = finished_midpoint(ws)
    with RunEngine.open(ws, run_id, lock=False) as engine:
        from_app = print_for_run(engine, "summary-facilitator")
    assert from_app == ws.out_dir / f"{run_id}-facilitator.pdf" and from_app.exists()
    from_app.unlink()
    printed = cli("print", "summary", run_id, "--audience", "facilitator")
    assert printed.code == 0 and str(from_app) in printed.out and from_app.exists()


def test_the_app_prints_from_its_menu_in_a_worker(ws):
    import asyncio

    from facilitator.tui.app import build_app
    from tests.conftest import Clock

    async def run() -> list[str]:
        app = build_app(ws, session="pair-review", pair="ana-ben", clock=Clock())
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            await pilot.press("p")
            await pilot.pause()
            await pilot.press("down", "enter")  # the second choice: the facilitator guide
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause()
            return [n.message for n in app._notifications]

    said = asyncio.run(run())
    guide = ws.out_dir / "pair-review-guide.pdf"
    assert guide.exists() and any(f"Printed: {guide}" in line for line in said), said
