"""Long and oversized answers on paper: an unbroken word wraps inside the page and reads
back whole; an answer over the size limit is refused in one line naming its code."""

from __future__ import annotations

import re

import pypdf
import pytest

from facilitator.engine import RunEngine
from facilitator.values import MAX_ANSWER_CHARS, BadValue
from tests.test_printing import finished_midpoint


def test_one_long_unbroken_word_wraps_and_reads_back_whole(cli, ws, tmp_path):
    word = "".join(chr(ord("a") + i % 26) for i in range(15_000))
    run_id = finished_midpoint(ws, mentor=word)
    out = tmp_path / "word.pdf"
    assert cli("print", "summary", run_id, "-o", out).code == 0
    reader = pypdf.PdfReader(out)
    text = "".join(page.extract_text() for page in reader.pages)
    letters = re.sub(r"[^a-z]", "", text)
    assert word[:200] in letters and word[-200:] in letters  # nothing cut off at the right edge
    width = float(reader.pages[0].mediabox.width)
    import pdfplumber

    with pdfplumber.open(out) as pdf:
        assert all(c["x1"] <= width - 40 for page in pdf.pages for c in page.chars)  # inside the margin
    assert len(reader.pages) >= 3


def test_an_answer_over_the_limit_is_refused_naming_its_code(ws):
    with RunEngine.create(ws, "pair-review", pair="ana-ben") as engine:
        engine.jump("reflect")
        with pytest.raises(BadValue) as refused:
            engine.answer("ana-ruiz", "P-W1", "x" * (MAX_ANSWER_CHARS + 1))
        assert str(refused.value).startswith("P-W1: ")
        assert "20,000" in str(refused.value) and "\n" not in str(refused.value)
        engine.answer("ana-ruiz", "P-W1", "x" * MAX_ANSWER_CHARS)  # at the limit: taken


def test_an_oversized_answer_sheet_is_refused_in_one_line(cli, ws, tmp_path):
    with RunEngine.create(ws, "pair-review", pair="ana-ben") as engine:
        run_id = engine.record.id
    sheet = tmp_path / "sheet.toml"
    assert cli("answers", "--run", run_id, "--person", "ana-ruiz", "-o", sheet).code == 0
    text = sheet.read_text("utf-8")
    code = re.search(r'^"?(P-W1)"?\s*=\s*""', text, flags=re.M)
    assert code, text[:400]
    sheet.write_text(text.replace(code.group(0), f'{code.group(1)} = "{"y" * 50_000}"', 1), "utf-8")
    result = cli("import", run_id, sheet)
    assert result.code == 2
    assert len(result.err_lines) == 1 and "P-W1" in result.err and "20,000" in result.err


def test_characters_without_a_font_are_named_in_one_line(cli, ws, tmp_path):
    run_id = finished_midpoint(ws, mentor="目標を達成する 进展顺利", mentee="التقدم جيد 🎉 Ünïcødé Ελληνικά Кириллица")
    result = cli("print", "summary", run_id, "-o", tmp_path / "world.pdf")
    assert result.code == 0, result.err
    notes = [line for line in result.err_lines if "no font" in line]
    others = [line for line in result.err_lines if "no font" not in line and not line.startswith("printing")]
    assert not others, others  # nothing else on stderr: no library's own remarks
    assert len(notes) <= 1
    if notes:  # this machine lacks a font: the note names the characters and the Debian packages
        assert "apt-get install" in notes[0] and "fonts-noto" in notes[0]
        assert "Ü" not in notes[0] and "Ε" not in notes[0]  # Carlito covers Latin, Greek and Cyrillic
