"""The marks that make a printed worksheet readable by `facilitator scan`, and its layout map.

Printing side of docs/scanning.md: the corner squares and each page's QR code (drawn as
page backgrounds by worksheets/scanmarks.html, so they cost the layout nothing and sit in
the margins), and the map of every mark box and write-in box, read from the very
WeasyPrint layout that printed the page and kept in WORKSPACE/.cache/scan/KEY.json.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote

from markupsafe import Markup

from facilitator.scanning.code import MARKER, PAPER, PageCode, marker_centres, qr_rect, qr_size

MAP_VERSION = 1
# print.css's @page margin (top, left): a page background is placed from the page area's corner
MARGIN_TOP, MARGIN_LEFT = 20.0, 17.0
PX_MM = 25.4 / 96
KEY_ATTRIBUTE = "data-scan-key"
LAYOUT_DIR: Path | None = None  # where render() keeps the maps; set by print_worksheet for its workspace
_KEY = re.compile(r'data-scan-key="([0-9a-f]+)"')
_CREATED = re.compile(r'<meta name="dcterms.created"[^>]*>')


def layout_key(base_html: str) -> str:
    """The layout's name: the shared sheet's HTML (without its print date), hashed.

    Every copy of a role's sheet (blank, named, in a packet) has the same boxes in the same
    places, so they share one key; a changed session or template makes another."""
    return hashlib.sha256(without_print_date(base_html).encode()).hexdigest()[:10]


def without_print_date(html: str) -> str:
    """The HTML as it would be any day: the same sheet printed again is the same text."""
    return _CREATED.sub("", html)


def markers_uri(paper: str) -> str:
    return MARKS_URL + paper  # drawn by markers_svg when a page is laid out: one short name in each page's rule


MARKS_URL = "facilitator-marks:"


@lru_cache(maxsize=4)
def markers_svg(url: str) -> bytes:
    """The four corner squares on a page of this paper (a MARKS_URL), as an SVG the page's size."""
    paper = url[len(MARKS_URL):]
    width, height = PAPER[paper]
    squares = "".join(f'<rect x="{x - MARKER / 2}" y="{y - MARKER / 2}" width="{MARKER}" height="{MARKER}"/>'
                      for x, y in marker_centres(paper))
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}mm" height="{height}mm" '
            f'viewBox="0 0 {width} {height}">{squares}</svg>').encode()


QR_URL = "facilitator-qr:"  # a page's code, made when its page is laid out (render's fetcher asks qr_image)


def qr(code: PageCode) -> dict[str, Any]:
    """One page's QR code as a page background: its address, size and place (mm, from the page area's corner).

    The address names the code's text, and the picture is made only when WeasyPrint lays out
    a page that shows it: a sheet is given codes for more pages than it runs to, and a
    packet's stamps are laid out in worker processes, which then make their own codes."""
    text = code.text()
    x, y, size, _ = qr_rect(code.paper, qr_size(_modules(text)))
    # Markup: the template's finalize would otherwise break the long address with soft breaks
    return {"uri": Markup(QR_URL + quote(text, safe="")), "size": size, "x": round(x - MARGIN_LEFT, 2),
            "y": round(y - MARGIN_TOP, 2)}


def _modules(text: str) -> int:
    """The symbol's side in modules, from the text's length alone (no code is made)."""
    from segno import consts, encoder

    version = encoder.find_version(encoder.prepare_data(text, None, None), consts.ERROR_LEVEL_M, eci=False,
                                   micro=False)
    return encoder.calc_matrix_size(version)


@lru_cache(maxsize=64)  # a sheet laid out twice (render's snug try) asks for each page's code twice
def qr_image(url: str) -> bytes:
    """The PNG of the QR code a QR_URL names: one pixel per module, black on white.

    A picture, not a path: WeasyPrint draws a vector code's hundreds of strokes in Python,
    most of a named packet's time; scanmarks.html has the page draw it unsmoothed, so its
    modules print as sharp squares."""
    import segno
    from PIL import Image

    text = unquote(url[len(QR_URL):])
    with _quick_mask():
        symbol = segno.make(text, error="m", micro=False)
    side = len(symbol.matrix)
    picture = Image.frombytes("L", (side, side), b"".join(symbol.matrix).translate(_GREY))
    out = io.BytesIO()
    picture.save(out, format="PNG")
    return out.getvalue()


@contextmanager
def _quick_mask() -> Iterator[None]:
    """segno's choice of mask (the one with the lowest penalty, ISO/IEC 18004 7.8.3), worked out
    on whole rows at once: the same code, in a fifth of the time."""
    from segno import encoder

    original = encoder.find_and_apply_best_mask
    encoder.find_and_apply_best_mask = lambda matrix, width, height, proposed=None: (
        _best_mask(matrix, width) if proposed is None and width == height and width >= 21
        else original(matrix, width, height, proposed))
    try:
        yield
    finally:
        encoder.find_and_apply_best_mask = original


@lru_cache(maxsize=8)
def _mask_rows(side: int) -> list[list[int]]:
    """Per mask pattern, each row's mask over the encoding region, as one int (a byte per module)."""
    from segno import encoder

    function = encoder.make_matrix(side, side)
    encoder.add_finder_patterns(function, side, side)
    encoder.add_alignment_patterns(function, side, side)
    function[-8][8] = 0x1
    return [[int.from_bytes(bytes(1 if function[i][j] > 0x1 and pattern(i, j) else 0 for j in range(side)), "big")
             for i in range(side)] for pattern in encoder.get_data_mask_functions(False)]


_RUN = re.compile(rb"\x00{5,}|\x01{5,}")
_N3 = b"\x01\x00\x01\x01\x01\x00\x01"
_BITS = bytes.maketrans(b"\x00\x01", b"01")
_GREY = bytes.maketrans(b"\x00\x01", b"\xff\x00")  # light modules white, dark black


def _best_mask(matrix: Any, side: int) -> tuple[int, tuple[bytearray, ...]]:
    best = None
    for number, rows in enumerate(_mask_rows(side)):
        masked = [(int.from_bytes(row, "big") ^ m).to_bytes(side, "big") for row, m in zip(matrix, rows)]
        score = _penalty(masked, side)
        if best is None or score < best[0]:
            best = (score, number, masked)
    assert best is not None
    return best[1], tuple(bytearray(row) for row in best[2])


def _penalty(rows: list[bytes], side: int) -> int:
    """segno's mask_scores (N1 + N2 + N3 + N4), counted the same way: on all rows and columns at
    once (apart by a byte no run or pattern crosses) and on rows as bit sets."""
    lines = b"\x02".join([*rows, *(bytes(c) for c in zip(*rows))])
    n1 = sum(len(m[0]) - 2 for m in _RUN.finditer(lines))
    n3 = _n3(lines, side)
    n2 = 0
    inner = ((1 << side) - 1) ^ 1  # columns 1 onwards: a 2x2 block's right column
    previous = None
    for row in rows:
        r = int(row[::-1].translate(_BITS), 2)  # bit j is module j
        if previous is not None:  # a 2x2 block of one colour: each row even, and the two rows alike
            n2 += 3 * (~(r ^ (r << 1)) & ~(previous ^ (previous << 1)) & ~(r ^ previous) & inner).bit_count()
        previous = r
    dark = sum(row.count(1) for row in rows)
    n4 = 10 * int(abs(float(dark) / side ** 2 * 100 - 50) / 5)
    return n1 + n2 + n3 + n4


def _n3(lines: bytes, size: int) -> int:
    """segno's count of finder-like runs (1:1:3:1:1 with four light modules beside), to the letter,
    in each line of `lines` (lines of `size` modules, a separator after each)."""
    count = 0
    at = lines.find(_N3)
    while at != -1:
        start = at - at % (size + 1)
        idx = at - start
        offset = idx + 7
        if idx in (0, size - 7) or not any(lines[start + max(idx - 4, 0):start + idx]) \
                or not any(lines[start + offset:start + min(offset + 4, size)]):
            count += 40
        else:
            offset = idx + 4
        at = lines.find(_N3, start + offset)
    return count


def marks(paper: str, codes: list[PageCode], markers: bool = True) -> dict[str, Any]:
    """What scanmarks.html draws: the corner squares (once per layout) and a code per page."""
    width, height = PAPER[paper]
    return {"markers": markers_uri(paper) if markers else "", "width": width, "height": height,
            "left": -MARGIN_LEFT, "top": -MARGIN_TOP, "codes": [qr(c) for c in codes]}


# ------------------------------------------------------------------ the layout map


def keep_layout(document: Any, html: str) -> None:
    """After a worksheet is laid out: its map of boxes, unless the workspace has it already."""
    found = _KEY.search(html[:4000])
    if LAYOUT_DIR is None or not found:
        return
    target = LAYOUT_DIR / f"{found.group(1)}.json"
    if target.exists():
        return
    from facilitator.tomlfile import write_bytes_atomically

    try:
        LAYOUT_DIR.mkdir(parents=True, exist_ok=True, mode=0o700)
        write_bytes_atomically(target, json.dumps(layout_map(document, found.group(1))).encode(), 0o600)
    except OSError:
        pass  # a map is a cache: scanning lays the sheet out again if it is missing


def layout_map(document: Any, key: str) -> dict[str, Any]:
    """Every mark box (circle, box) and write-in area on every page, in mm from the page's top left."""
    html = document.pages[0]._page_box
    paper = "letter" if abs(html.margin_width() * PX_MM - PAPER["letter"][0]) < 1 else "a4"
    pages = []
    for page in document.pages:
        marks: list[list[Any]] = []
        writes: list[list[Any]] = []
        counters: dict[str, int] = {}
        _walk(page._page_box, "", marks, writes, counters)
        pages.append({"marks": marks, "writes": writes})
    boxed = {m[0] for page in pages for m in page["marks"]}
    for page in pages:  # a question of boxes is read from its boxes; only the others are written in
        page["writes"] = [w for w in page["writes"] if w[0] not in boxed]
    return {"version": MAP_VERSION, "key": key, "paper": paper, "markers": marker_centres(paper),
            "marker_size": MARKER, "pages": pages}


def _rect(box: Any) -> list[float]:
    return [round(v * PX_MM, 2) for v in (box.border_box_x(), box.border_box_y(), box.border_width(),
                                           box.border_height())]


def _walk(box: Any, code: str, marks: list, writes: list, counters: dict[str, int]) -> None:
    element = getattr(box, "element", None)
    classes = set((element.get("class") or "").split()) if element is not None else set()
    if element is not None and element.get("data-code") and getattr(box, "element_tag", "") in ("div", "tr"):
        code = element.get("data-code")
    if code and ("circle" in classes or "box" in classes) and box.border_width() > 0:
        index = counters.get(code, 0)
        counters[code] = index + 1
        marks.append([code, index, *_rect(box)])
        return
    if code and "answer" in classes and box.border_height() > 0:
        writes.append([code, *_rect(box)])
    for child in getattr(box, "children", ()):
        _walk(child, code, marks, writes, counters)


def relayout(workspace: Any, session_id: str, role: str, paper: str) -> str:
    """Lay a role's shared sheet out again, for scans of a sheet whose map this workspace lacks;
    returns the layout's key now (a scan with another key was printed from another version)."""
    global LAYOUT_DIR
    from facilitator.printing.documents import base_sheet_html
    from facilitator.printing.render import render

    session = workspace.library.get(session_id)
    key = layout_key(base_sheet_html(workspace, session, role, paper))
    LAYOUT_DIR = workspace.root / ".cache" / "scan"
    if not (LAYOUT_DIR / f"{key}.json").exists():
        render(base_sheet_html(workspace, session, role, paper, key=key))
    return key
