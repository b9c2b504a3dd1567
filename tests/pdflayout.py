"""What a reader sees on each page of a printed PDF, from the text positions (pdfplumber):
the lines of text in reading order, which of them are headings, the rating rows and the
tables, so layout tests can say "this heading ends page 2" as a reader would."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pdfplumber

MM = 72 / 25.4
TOP_MARGIN = 20 * MM  # the running head (title, sheet id) sits in the page's top margin
BOTTOM_MARGIN = 18 * MM  # "page X of Y" and the copy mark in the bottom one


@dataclass
class Line:
    text: str
    top: float
    bottom: float
    size: float  # the largest character's size
    bold: bool  # every letter bold

    @property
    def heading(self) -> bool:
        """A heading or a label (h1-h3, a step's head, an uppercase label such as SAY or TIMING)."""
        if not self.bold:
            return False
        letters = [c for c in self.text if c.isalpha()]
        return self.size >= 11.9 or bool(letters) and all(c.isupper() for c in letters) and len(letters) > 2


@dataclass
class Page:
    number: int
    lines: list[Line]
    point_digits: list[tuple[float, float]]  # (x, top) of each point (its digit or radio) in a rating row
    tables: list[list[list[str | None]]]


def _name(value: object) -> str:
    return str(getattr(value, "name", value))


def _lines(words: list[dict]) -> list[Line]:
    words = sorted(words, key=lambda w: (round(w["top"]), w["x0"]))
    rows: list[list[dict]] = []
    for w in words:
        if rows and abs(rows[-1][0]["top"] - w["top"]) < 3:
            rows[-1].append(w)
        else:
            rows.append([w])
    out = []
    for row in rows:
        row.sort(key=lambda w: w["x0"])
        chars = [c for w in row for c in w["chars"] if not c["text"].isspace()]
        bold = all("Bold" in c["fontname"] for c in chars if c["text"].isalpha()) and any(
            c["text"].isalpha() for c in chars)
        out.append(Line(" ".join(w["text"] for w in row), min(w["top"] for w in row),
                        max(w["bottom"] for w in row), max(c["size"] for c in chars), bold))
    return out


def read(path: Path) -> list[Page]:
    pages = []
    with pdfplumber.open(path) as pdf:
        for n, page in enumerate(pdf.pages, 1):
            body = page.crop((0, TOP_MARGIN, page.width, page.height - BOTTOM_MARGIN))
            words = body.extract_words(extra_attrs=["size"], keep_blank_chars=False, return_chars=True)
            # a point's number in a rating row: small, not bold (the header's numbers are bold)
            digits = [(c["x0"], c["top"]) for c in body.chars if c["text"].isdigit() and 8 <= c["size"] <= 9
                      and c["x0"] > page.width * 0.5 and "Bold" not in c["fontname"]]
            # a fillable sheet's rating rows: radio buttons named by a point's number, right of the text
            digits += [(a["x0"], a["top"]) for a in page.annots or []
                       if _name((a.get("data") or {}).get("FT")) == "Btn" and a["x0"] > page.width * 0.5
                       and str(a["data"].get("TU", b""), "latin-1").isdigit()]
            tables = [_with_boxes(t, body.rects) for t in body.find_tables()]
            pages.append(Page(n, _lines(words), digits, tables))
    return pages


def _with_boxes(table, rects: list[dict]) -> list[list[str | None]]:
    """The table's text, a cell holding a small drawn box (a box to tick) read as "☐": a column
    of boxes is there to be ticked, not empty."""
    rows = table.extract()
    for r, row in enumerate(table.rows):
        for c, cell in enumerate(row.cells):
            if cell is None or c >= len(rows[r]) or (rows[r][c] or "").strip():
                continue
            x0, top, x1, bottom = cell
            if any(2 < rect["width"] < 20 and 2 < rect["height"] < 20 and x0 <= rect["x0"] and rect["x1"] <= x1
                   and top <= rect["top"] and rect["bottom"] <= bottom for rect in rects):
                rows[r][c] = "☐"
    return rows


def last_heading(pages: list[Page]) -> list[str]:
    """Pages (but the last) whose last line of text is a heading or a label."""
    return [f"page {p.number}: {p.lines[-1].text!r}" for p in pages[:-1] if p.lines and p.lines[-1].heading]


def pages_without_scale_head(pages: list[Page], head: str = "one per line.") -> list[int]:
    """Pages with rating rows (digits in the point columns) but no scale header above the first row."""
    missing = []
    for p in pages:
        if not p.point_digits:
            continue
        first = min(top for _, top in p.point_digits)
        heads = [line for line in p.lines if head in line.text and line.top <= first]
        if not heads:
            missing.append(p.number)
    return missing


def empty_columns(pages: list[Page]) -> list[str]:
    """Ruled tables with a column whose every cell below the header row is blank."""
    found = []
    for p in pages:
        for t in p.tables:
            if len(t) < 2 or not any((cell or "").strip() for cell in t[0]):
                continue  # ruled lines with no header row: a chart's grid, a checklist's boxes
            for i in range(len(t[0])):
                if t[0][i] is None:
                    continue  # a spanned cell
                # a cell read as None is covered by one that spans it (a version's changes under
                # its row in the agreement's history): the spanning cell holds the text
                if all(row[i] is not None and not row[i].strip() for row in t[1:] if i < len(row)):
                    found.append(f"page {p.number}: column {t[0][i]!r} is empty")
    return found
