"""What makes printing fast must not change what is printed (issue 13, item 10).

The QR codes are segno's own codes (same mask, same modules), drawn unsmoothed; a sheet
whose last page holds a stray line is still pulled back, and printed again the same way
from the decision kept for it; fontTools' heavy parts load only when used; `validate`
never checks a file from a parse of what it held before.
"""

from __future__ import annotations

import random
import string
import subprocess
import sys
from pathlib import Path

import pypdf
import pytest
import segno

from facilitator.printing import render, scanmarks
from facilitator.scanning.code import PageCode


def test_quick_mask_makes_the_code_segno_makes():
    rnd = random.Random(13)
    texts = [PageCode("%010x" % rnd.getrandbits(40), rnd.randint(1, 12), "midpoint", rnd.choice(["mentor", "mentee"]),
                      rnd.choice(["a4", "letter"]), f"person-{n}", f"pair-{n}", "", "").text() for n in range(150)]
    texts += ["".join(rnd.choice(string.printable[:80]) for _ in range(rnd.randint(1, 120))) for _ in range(150)]
    for text in texts:
        plain = segno.make(text, error="m", micro=False)
        with scanmarks._quick_mask():
            quick = segno.make(text, error="m", micro=False)
        assert (quick.mask, quick.matrix) == (plain.mask, plain.matrix), text


def test_qr_picture_is_the_code_one_pixel_per_module():
    from io import BytesIO

    from PIL import Image

    code = PageCode("0123456789", 3, "midpoint", "mentee", "a4", "ben-ode", "ana-ben")
    address = scanmarks.qr(code)["uri"]
    assert address.startswith(scanmarks.QR_URL) and len(address) < 200  # a short name in the page's rule
    picture = Image.open(BytesIO(scanmarks.qr_image(str(address))))
    symbol = segno.make(code.text(), error="m", micro=False)
    assert picture.mode == "L" and picture.size == (len(symbol.matrix),) * 2
    assert [[picture.getpixel((x, y)) == 0 for x in range(picture.width)] for y in range(picture.height)] == \
        [[bool(m) for m in row] for row in symbol.matrix]


def test_printed_codes_are_drawn_unsmoothed(cli, ws, tmp_path):
    out = tmp_path / "sheet.pdf"
    assert cli("print", "worksheet", "midpoint", "--role", "mentee", "-o", out).code == 0
    images = []
    for page in pypdf.PdfReader(out).pages:
        pending = [page["/Resources"]]
        while pending:  # the page's pictures, also those inside its forms and groups
            resources = pending.pop().get_object()
            for xobject in (resources.get("/XObject") or {}).values():
                xobject = xobject.get_object()
                if xobject.get("/Subtype") == "/Image":
                    images.append(xobject)
                elif "/Resources" in xobject:
                    pending.append(xobject["/Resources"])
    assert images, "each page has its code"
    assert all("/Interpolate" in image and image["/Interpolate"] == False for image in images)  # noqa: E712


# ------------------------------------------------------------------ the snug layout, decided once


def _sheet(questions: int, forced_break: bool = False) -> str:
    body = "".join(f'<div class="question"><div class="q-head">Question {n}</div>'
                   f'<div class="lines"><div class="line"></div></div></div>' for n in range(questions))
    if forced_break:  # the last question on a page of its own, whatever the spacing
        body += '<div class="page-break"></div><div class="question"><div class="q-head">Last</div></div>'
    return f'<!doctype html><html lang="en" data-fit><head><meta charset="utf-8"><title>t</title></head>' \
           f"<body>{body}</body></html>"


@pytest.fixture
def decisions(tmp_path, monkeypatch):
    folder = tmp_path / "fit"
    folder.mkdir()
    monkeypatch.setattr(render, "_fit_folder", lambda: folder)
    return folder


@pytest.fixture
def layouts(monkeypatch):
    """How many times render() lays a document out (the real layout, counted)."""
    count = []
    real = render._layout

    def counted(parsed, forms):
        count.append(parsed.etree_element.get("data-snug") is not None)
        return real(parsed, forms)

    monkeypatch.setattr(render, "_layout", counted)
    return count


def _plain_and_snug(html: str) -> tuple[object, object]:
    parsed = render._parse(html)
    plain = render._layout(parsed, False)
    return plain, render._layout(render._snug(render._parse(html)), False)


def _stray_sheet(pulled: bool) -> tuple[str, int]:
    """A sheet whose plain layout ends on a stray line, which snug spacing pulls back (or cannot)."""
    for questions in range(24, 34):
        html = _sheet(questions, forced_break=not pulled)
        plain, snug = _plain_and_snug(html)
        stray = len(plain.pages) > 1 and render._filled(plain.pages[-1]) < render.STRAY
        if stray and (len(snug.pages) < len(plain.pages)) == pulled:
            return html, len(plain.pages)
    pytest.skip("no such sheet with this stylesheet")


def test_a_stray_line_is_pulled_back_and_the_next_print_lays_out_once(decisions, layouts):
    html, plain_pages = _stray_sheet(pulled=True)
    layouts.clear()
    first = render.render(html)
    assert first.pages == plain_pages - 1, "the stray line is pulled back"
    assert layouts == [False, True], "decided by laying it out both ways"
    assert len(list(decisions.iterdir())) == 1
    layouts.clear()
    again = render.render(html.replace("<title>t</title>", '<title>t</title><meta name="dcterms.created" '
                                                           'content="2031-01-01T09:00:00+00:00">'))
    assert again.pages == first.pages and layouts == [True], "printed another day: laid out once, snug"
    texts = [[b.text for b in _lines(p)] for p in first.document.pages]
    assert [[b.text for b in _lines(p)] for p in again.document.pages] == texts


def test_where_snug_spacing_pulls_nothing_back_the_sheet_stays_as_it_was(decisions, layouts):
    html, plain_pages = _stray_sheet(pulled=False)
    layouts.clear()
    assert render.render(html).pages == plain_pages and layouts == [False, True]
    layouts.clear()
    assert render.render(html).pages == plain_pages and layouts == [False], "known: no second try"
    layouts.clear()
    render.render(html.replace("Question 0", "Question zero"))
    assert layouts == [False, True], "another sheet is decided afresh"


def _lines(page) -> list:
    from weasyprint.formatting_structure import boxes

    found, pending = [], [page._page_box]
    while pending:
        box = pending.pop()
        if isinstance(box, boxes.TextBox):
            found.append(box)
        pending.extend(getattr(box, "children", ()))
    return found


# ------------------------------------------------------------------ start-up and validate


def test_font_tools_load_only_when_used():
    script = (
        "import sys\n"
        "import facilitator.printing.render\n"
        "from facilitator.printing.libraries import _StandIn\n"
        "assert isinstance(sys.modules['fontTools.subset'], _StandIn)\n"
        "from fontTools import subset\n"
        "from fontTools.subset import Subsetter\n"
        "assert subset.Options().__class__.__module__ == 'fontTools.subset'\n"
        "assert not isinstance(sys.modules['fontTools.subset'], _StandIn)\n"
        "from fontTools.varLib.instancer import instantiateVariableFont\n"
        "print('ok', Subsetter.__name__, callable(instantiateVariableFont))\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          cwd=Path(__file__).resolve().parent.parent, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok Subsetter True"


def test_a_file_changed_between_two_reads_is_read_again(tmp_path):
    from facilitator.tomlfile import read_toml, read_toml_again

    path = tmp_path / "s.toml"
    path.write_text('id = "one"\n')
    assert read_toml(path) == {"id": "one"}
    path.write_text('id = "two"\n')
    assert read_toml_again(path) == {"id": "two"}
    assert read_toml_again(path) == {"id": "two"}, "handed on once, then read afresh"
