"""The marks that make a printed worksheet readable by `facilitator scan`, and its layout map.

Printing side of docs/scanning.md: the corner squares and each page's QR code (drawn as
page backgrounds by worksheets/scanmarks.html, so they cost the layout nothing and sit in
the margins), and the map of every mark box and write-in box, read from the very
WeasyPrint layout that printed the page and kept in WORKSPACE/.cache/scan/KEY.json.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import re
from pathlib import Path
from typing import Any

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
    return hashlib.sha256(_CREATED.sub("", base_html).encode()).hexdigest()[:10]


def _svg_uri(svg: str) -> Markup:
    # Markup: the template's finalize would otherwise break the long base64 run with soft breaks
    return Markup("data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode())


def markers_uri(paper: str) -> str:
    width, height = PAPER[paper]
    squares = "".join(f'<rect x="{x - MARKER / 2}" y="{y - MARKER / 2}" width="{MARKER}" height="{MARKER}"/>'
                      for x, y in marker_centres(paper))
    return _svg_uri(f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}mm" height="{height}mm" '
                    f'viewBox="0 0 {width} {height}">{squares}</svg>')


def qr(code: PageCode) -> dict[str, Any]:
    """One page's QR code as a page background: its image, size and place (mm, from the page area's corner)."""
    import segno

    symbol = segno.make(code.text(), error="m", micro=False)
    out = io.BytesIO()
    symbol.save(out, kind="svg", xmldecl=False, border=0, scale=1, nl=False)
    x, y, size, _ = qr_rect(code.paper, qr_size(symbol.symbol_size(border=0)[0]))
    return {"uri": _svg_uri(out.getvalue().decode()), "size": size, "x": round(x - MARGIN_LEFT, 2),
            "y": round(y - MARGIN_TOP, 2)}


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
