"""What issue 13 left for last: a SAY or notes box longer than a page says it goes on; a
summary draws the agreement terms its run changed as the agreement does (tables, lists);
names and answers in any script print with the system's Noto fonts, and a character no
font has is named in one line; the trio sheet and role cards follow the shared rules."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pdfplumber
import pypdf
import pytest

from facilitator.agreements import Table
from facilitator.engine import RunEngine
from tests import pdflayout
from tests.test_printing import finished_midpoint

CONTINUED = "SAY, CONTINUED FROM THE PAGE BEFORE"


def _heads(path: Path) -> list[str]:
    """Each page's running head (the top margin), as a reader sees it."""
    with pdfplumber.open(path) as pdf:
        return [page.crop((0, 0, page.width, pdflayout.TOP_MARGIN)).extract_text() or "" for page in pdf.pages]


def _session_with_a_long_say(ws) -> None:
    source = (ws.root / "sessions" / "pair-review.toml").read_text("utf-8")
    long = "\\n\\n".join(f"Part {i}: each of you says what went well and what did not, in your own words and"
                         " without interrupting the other; then we swap." for i in range(45))
    source = source.replace('id = "pair-review"', 'id = "long-say"', 1)
    source = source.replace('say = "Welcome."', f'say = "{long}"', 1)
    notes = "\\n\\n".join(["Only for the facilitator."] +
                          [f"Note {i}: watch who speaks first, and for how long." for i in range(30)])
    source = source.replace('notes = "Only for the facilitator."', f'notes = "{notes}"', 1)  # shorter than a page: whole
    (ws.root / "sessions" / "long-say.toml").write_text(source, "utf-8")


def test_a_say_box_longer_than_a_page_is_marked_where_it_goes_on(cli, ws, tmp_path):
    _session_with_a_long_say(ws)
    for paper in ("a4", "letter"):
        out = tmp_path / f"guide-{paper}.pdf"
        assert cli("print", "guide", "long-say", "--paper", paper, "-o", out).code == 0
        heads = _heads(out)
        with pdfplumber.open(out) as pdf:
            pages = [page.extract_text() or "" for page in pdf.pages]
        holding = [n for n, text in enumerate(pages) if "Part " in text]
        assert len(holding) >= 2, "the box runs over a page"
        first, rest = holding[0], holding[1:]
        assert CONTINUED not in heads[first], "the page the box starts on is not marked"
        assert all(CONTINUED in heads[n] for n in rest), (paper, heads)
        assert "Part 0:" in pages[first] and "Welcome" in pages[first], "a long box starts where it is"
        notes = next(n for n, text in enumerate(pages) if "FACILITATOR NOTES" in text)
        assert notes > rest[-1] and "Note 29:" in pages[notes], "a box shorter than a page is kept whole"
        assert not any("CONTINUED" in heads[n] for n in range(rest[-1] + 1, len(pages))), "the mark ends with the box"


def test_the_summary_draws_a_changed_table_term_as_a_table(cli, ws, tmp_path):
    with RunEngine.create(ws, "pair-review", pair="ana-ben") as engine:
        engine.set_term("objectives", Table(columns=["Objective", "By when"],
                                            rows=[["Lead a design review", "March"], ["Run a retro", "May"]]))
        engine.set_term("cadence", "Every two weeks")
        engine.finish()
        first = engine.record.id
    with RunEngine.create(ws, "pair-review", pair="ana-ben") as engine:
        engine.set_term("objectives", Table(columns=["Objective", "By when"],
                                            rows=[["Lead a design review", "April"], ["Run a retro", "May"]]),
                        why="The review moved")
        engine.finish()
        second = engine.record.id
    for run, expected in ((first, [["Objective", "By when"], ["Lead a design review", "March"],
                                   ["Run a retro", "May"]]),
                          (second, [["", "Objective", "By when"], ["was", "Lead a design review", "March"],
                                    ["now", "Lead a design review", "April"]])):
        out = tmp_path / f"{run}.pdf"
        assert cli("print", "summary", run, "-o", out).code == 0
        with pdfplumber.open(out) as pdf:
            tables = [t for page in pdf.pages for t in page.extract_tables()]
            text = "\n".join(page.extract_text() or "" for page in pdf.pages)
        assert expected in tables, tables
        assert " / " not in text and "; Run a retro" not in text, "no row run into a line of text"
    assert "Why: The review moved" in text and "Agreement: version 2" in text


def _has_fonts(*families: str) -> bool:
    if not shutil.which("fc-list"):
        return False
    listed = subprocess.run(["fc-list", ":", "family"], capture_output=True, text=True).stdout
    return all(f in listed for f in families)


NOTO = ("Noto Sans CJK", "Noto Color Emoji", "Noto Sans Arabic", "Noto Sans Hebrew", "Noto Sans Devanagari")
WORLD = ("中文：我们见面很有用。日本語：会議はとても役に立ちます。العربية: الاجتماعات مفيدة."
         " עברית: הפגישות מועילות. हिन्दी: बैठकें उपयोगी हैं। Ελληνικά: βοηθούν. Русский: полезны. 👍🎉")


@pytest.mark.skipif(not _has_fonts(*NOTO), reason="needs fonts-noto-core, fonts-noto-cjk, fonts-noto-color-emoji")
def test_every_script_prints_with_the_system_fonts_and_a_fontless_character_is_named(cli, ws, tmp_path):
    program = ws.root / "program.toml"
    program.write_text(program.read_text("utf-8").replace("Ana Ruiz", "王秀英 Ana 岡田"), "utf-8")  # a name in CJK
    run_id = finished_midpoint(ws, mentor=WORLD, mentee="Τομάς 😀 Томас אבג")
    out = tmp_path / "world.pdf"
    result = cli("print", "summary", run_id, "-o", out)
    assert result.code == 0 and not [line for line in result.err_lines if "no font" in line], result.err
    fonts = {str(f) for page in pypdf.PdfReader(out).pages
             for f in (page["/Resources"].get("/Font") or {}).values()
             for f in [str(f.get_object().get("/BaseFont")).replace("-", "")]}
    for family in ("NotoSansCJK", "NotoColorEmoji", "NotoSansDevanagari"):
        assert any(family in f for f in fonts), (family, fonts)  # each script from a font that has it
    # Arabic and Hebrew: DejaVu Sans (next in the stylesheet's list) has them, else Noto
    assert any(f in name for f in ("DejaVuSans", "NotoSansArabic") for name in fonts), fonts

    fontless = finished_midpoint(ws, mentor="A private-use sign \ue000 here")
    result = cli("print", "summary", fontless, "-o", tmp_path / "fontless.pdf")
    notes = [line for line in result.err_lines if "no font" in line]
    assert result.code == 0 and len(notes) == 1 and "U+E000" in notes[0], result.err


def test_a_latin_sheet_takes_no_fallback_font(cli, ws, tmp_path):
    """The system's many fonts are looked at only for a character Carlito lacks."""
    out = tmp_path / "sheet.pdf"
    assert cli("print", "worksheet", "pair-review", "--role", "mentee", "-o", out).code == 0
    fonts = {str(f.get_object().get("/BaseFont")) for page in pypdf.PdfReader(out).pages
             for f in (page["/Resources"].get("/Font") or {}).values()}
    assert fonts and all("Carlito" in f for f in fonts), fonts


def test_the_trio_sheet_and_role_cards_follow_the_shared_rules(cli, ws, tmp_path):
    for pair in ("ef-gh", "ij-kl"):
        assert cli("pair", "add", pair, "--mentor", f"M {pair}", "--mentee", f"E {pair}", "--cohort", "spring").code == 0
    with RunEngine.create(ws, "roleplay-broader-scope", pairs=["ana-ben", "cy-di", "ef-gh", "ij-kl"]) as engine:
        run_id = engine.record.id
    sheet, cards = tmp_path / "trios.pdf", tmp_path / "cards.pdf"
    assert cli("print", "trios", run_id, "-o", sheet).code == 0
    assert cli("print", "rolecards", "roleplay-broader-scope", "-o", cards).code == 0
    for path, copy in ((sheet, "Shared copy"), (cards, "Role cards")):
        reader = pypdf.PdfReader(path)
        root = reader.trailer["/Root"]
        assert reader.metadata["/Title"].endswith(f" · {copy}"), reader.metadata["/Title"]
        assert reader.metadata["/Author"] and root.get("/Lang") == "en"
        assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"], "tagged for a screen reader"
        pages = pdflayout.read(path)
        assert not pdflayout.last_heading(pages) and not pdflayout.empty_columns(pages)
    checklist = [t for p in pdflayout.read(cards) for t in p.tables if t and t[0] and "Round 1" in t[0]]
    assert checklist and checklist[0][0][0] and all(cell == "☐" for row in checklist[0][1:] for cell in row[1:]), \
        "a header row over one box per round"
