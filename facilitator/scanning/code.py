"""What a printed sheet says about itself to a scanner, shared by printing and scanning.

Every page of a paper worksheet carries four solid corner squares (alignment) and a QR
code holding the page's identity: the layout key (which printed layout this page is, so
the scanner finds every mark box without a template), the page number, the session, the
role, the paper, and whose sheet it is. Plain Python: printing imports it without the
scanning libraries.
"""

from __future__ import annotations

from dataclasses import dataclass

PREFIX = "F1"
PAPER = {"a4": (210.0, 297.0), "letter": (215.9, 279.4)}  # mm
MARKER = 6.0  # each corner square's side, mm
MARKER_INSET = 6.0  # from each page edge to its square: inside every printer's unprintable edge
QR_MODULE = 0.42  # mm per QR module: about 2.5 pixels at 150 dpi, what a phone photo still resolves
QR_BOTTOM = 4.0  # mm from the page's bottom edge to the code's
QR_RIGHT = 17.0  # mm from the right edge: under the right end of the text column


def marker_centres(paper: str) -> list[tuple[float, float]]:
    """The four squares' centres on the page in mm, clockwise from top left."""
    width, height = PAPER[paper]
    near, far_x, far_y = MARKER_INSET + MARKER / 2, width - MARKER_INSET - MARKER / 2, height - MARKER_INSET - MARKER / 2
    return [(near, near), (far_x, near), (far_x, far_y), (near, far_y)]


@dataclass(frozen=True)
class PageCode:
    key: str  # the layout's key: its mark boxes are in the layout map of that name
    page: int
    session: str
    role: str
    paper: str
    person: str = ""
    pair: str = ""
    cohort: str = ""
    run: str = ""

    def text(self) -> str:
        group = f"p.{self.pair}" if self.pair else (f"c.{self.cohort}" if self.cohort else "")
        return "|".join([PREFIX, self.key, str(self.page), self.session, self.role, self.paper[:1], self.person,
                         group, self.run])

    @classmethod
    def parse(cls, text: str) -> PageCode | None:
        """None for any code that is not a facilitator page's (a QR code of something else on the page)."""
        parts = text.split("|")
        if len(parts) != 9 or parts[0] != PREFIX or not parts[2].isdigit():
            return None
        paper = {"a": "a4", "l": "letter"}.get(parts[5])
        if paper is None or not parts[1] or not parts[3] or not parts[4]:
            return None
        group = parts[7]
        return cls(parts[1], int(parts[2]), parts[3], parts[4], paper, parts[6],
                   pair=group[2:] if group.startswith("p.") else "",
                   cohort=group[2:] if group.startswith("c.") else "", run=parts[8])


def qr_size(modules: int) -> float:
    """The printed code's side in mm for a symbol of this many modules (kept within the bottom margin)."""
    return round(min(16.0, max(13.0, modules * QR_MODULE)), 2)


def qr_rect(paper: str, size: float) -> tuple[float, float, float, float]:
    """Where the code sits on the page: (x, y, width, height) in mm from the top left."""
    width, height = PAPER[paper]
    return (round(width - QR_RIGHT - size, 2), round(height - QR_BOTTOM - size, 2), size, size)
