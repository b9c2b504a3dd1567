"""Right-to-left paper (issue 17 item 3): a session in Hebrew (`language = "he"`) prints with
its page corners mirrored as a reader of Hebrew expects them: the running title top right,
the copy mark bottom right, the text set from the right margin; a named packet (one shared
sheet, each person's stamp over it) keeps the title once per page, on the right. The English
copy of the same sheet keeps its title top left."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pdfplumber
import pytest

from tests.conftest import ROOT
from tests.pdflayout import BOTTOM_MARGIN, MM, TOP_MARGIN

FIXTURE = ROOT / "tests" / "data" / "rtl" / "hebrew-checkin.toml"
TITLE = "שיחת אמצע בין חונך לחניך"
STEP = "מחשבות אישיות"
SIDE = 17 * MM  # print.css: the page's left and right margins
HEBREW = re.compile(r"[\u0590-\u05FF]")


@pytest.fixture
def hebrew(workspace, cli) -> Path:
    sessions = workspace / "sessions"
    sessions.mkdir()
    shutil.copy(FIXTURE, sessions / FIXTURE.name)
    english = FIXTURE.read_text(encoding="utf-8").replace('language = "he"', 'language = "en"')
    (sessions / "english-checkin.toml").write_text(english.replace('id = "hebrew-checkin"', 'id = "english-checkin"'),
                                                   encoding="utf-8")
    assert cli("pair", "add", "dana-yossi", "--mentor", "Dana Levi", "--mentee", "Yossi Cohen").code == 0
    return workspace


def _words(page, top: float, bottom: float) -> list[dict]:
    return [w for w in page.extract_words() if top <= w["top"] < bottom]


def _span(words: list[dict]) -> tuple[float, float]:
    return min(w["x0"] for w in words), max(w["x1"] for w in words)


def _hebrew_line(page, text: str, top: float = 0, bottom: float = 10_000) -> list[dict]:
    """The words of one line of Hebrew (pdfplumber gives them in visual order, letters reversed)."""
    wanted = set(text.split())
    found = [w for w in _words(page, top, bottom) if w["text"][::-1] in wanted]
    assert found, f"{text!r} not found"
    first = min(found, key=lambda w: w["top"])
    return [w for w in found if abs(w["top"] - first["top"]) < 3]


def _print(cli, out: Path, *args: str) -> Path:
    result = cli("print", *args, "-o", out)
    assert result.code == 0, result.err
    return out


def test_a_hebrew_worksheet_has_its_running_title_top_right_and_its_text_from_the_right(hebrew, cli, tmp_path):
    pdf = _print(cli, tmp_path / "he.pdf", "worksheet", "hebrew-checkin", "--role", "mentee")
    with pdfplumber.open(pdf) as doc:
        page = doc.pages[0]
        head = _hebrew_line(page, TITLE, 0, TOP_MARGIN)
        x0, x1 = _span(head)
        assert abs(x1 - (page.width - SIDE)) < 2 and x0 > page.width / 2, (x0, x1)  # ends at the right margin
        assert not [w for w in _words(page, 0, TOP_MARGIN) if w["x0"] < page.width / 3 and HEBREW.search(w["text"])]
        step = _hebrew_line(page, STEP, TOP_MARGIN)
        assert abs(_span(step)[1] - (page.width - SIDE)) < 2  # a heading starts at the right margin
        question = _hebrew_line(page, "קצב הפגישות שלנו מתאים לי.", TOP_MARGIN)
        assert _span(question)[0] > page.width / 2  # a rating's text on the right, its circles to the left
        circles = [w for w in _words(page, question[0]["top"] - 4, question[0]["top"] + 8) if w["text"] in "12345"]
        assert circles and max(w["x1"] for w in circles) < _span(question)[0]
        # the circles run from 5 on the left to 1 on the right: read from the right, 1 comes first
        assert [w["text"] for w in sorted(circles, key=lambda w: w["x0"])] == ["5", "4", "3", "2", "1"]


def test_the_same_sheet_in_english_keeps_its_title_top_left(hebrew, cli, tmp_path):
    pdf = _print(cli, tmp_path / "en.pdf", "worksheet", "english-checkin", "--role", "mentee")
    with pdfplumber.open(pdf) as doc:
        page = doc.pages[0]
        x0, x1 = _span(_hebrew_line(page, TITLE, 0, TOP_MARGIN))
        assert abs(x0 - SIDE) < 2 and x1 < page.width / 2, (x0, x1)


def test_a_named_hebrew_packet_prints_each_title_once_top_right(hebrew, cli, tmp_path):
    """The shared sheet carries the title; each person's stamp only their name and sheet id:
    mirrored, the stamp must not print the title a second time over the sheet's."""
    pdf = _print(cli, tmp_path / "packet.pdf", "worksheet", "hebrew-checkin", "--pair", "dana-yossi")
    with pdfplumber.open(pdf) as doc:
        assert len(doc.pages) == 2
        for page in doc.pages:
            head = _hebrew_line(page, TITLE, 0, TOP_MARGIN)
            assert len(head) == len(TITLE.split()), [w["text"] for w in head]  # once, not overprinted
            assert abs(_span(head)[1] - (page.width - SIDE)) < 2
            counter = [w for w in _words(page, page.height - BOTTOM_MARGIN, page.height) if w["text"] == "page"]
            assert len(counter) == 1  # "page 1 of 1", stamped once


def test_the_copy_mark_of_a_hebrew_summary_is_bottom_right(hebrew, cli, tmp_path):
    from facilitator.engine import RunEngine
    from facilitator.workspace import Workspace

    ws = Workspace(hebrew)
    with RunEngine.create(ws, "hebrew-checkin", pair="dana-yossi") as engine:
        engine.answer("dana-levi", "H-W1", "שיחות פתוחות וכנות")
        engine.answer("yossi-cohen", "H-W1", "שאלות טובות")
        engine.finish()
        run = engine.record.id
    pdf = _print(cli, tmp_path / "summary.pdf", "summary", run, "--audience", "facilitator")
    with pdfplumber.open(pdf) as doc:
        for page in doc.pages:
            foot = _words(page, page.height - BOTTOM_MARGIN, page.height)
            mark = [w for w in foot if w["text"] in ("Facilitator's", "Facilitator’s", "confidential")]
            assert mark, [w["text"] for w in foot]
            assert _span(mark)[1] > page.width - SIDE - 2 and _span(mark)[0] > page.width / 2
            assert abs(_span(_hebrew_line(page, TITLE, 0, TOP_MARGIN))[1] - (page.width - SIDE)) < 2
