"""Filled and scanned sheets made from printed PDFs, for the tests and the benchmark.

A printed worksheet is rasterised, a pen or pencil marks its boxes where the layout map
says they are (filled circles, ticks, crosses, a crossed-out mark beside a new one, a
faint stroke; a scribble in each write-in box), and the page is then handled as a
scanner or a phone would: turned, skewed, scaled, seen in perspective, blurred, noisy,
JPEG-compressed, unevenly lit, a shadow across it. Every mark drawn is recorded, so a
test knows exactly what the reader ought to say.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import cv2
import numpy as np

CLEAR_STYLES = ("fill", "tick", "cross")


@dataclass
class Drawn:
    """What was put on one question: the boxes marked and how, and whether a careful reader could be sure."""
    code: str
    marks: list[tuple[int, str]] = field(default_factory=list)  # (box index, style)
    clear: bool = True  # False: two marks, a correction, a faint stroke: the reader must flag it


def rasterise(pdf: Path, dpi: int) -> list[np.ndarray]:
    import pypdfium2

    document = pypdfium2.PdfDocument(str(pdf))
    return [np.array(document[n].render(scale=dpi / 72, grayscale=True).to_pil().convert("L"))
            for n in range(len(document))]


def _pen(rng: np.random.Generator, faint: bool = False) -> tuple[int, float]:
    """A stroke's grey (0 black) and width in mm: a ballpoint, a felt tip or a pencil."""
    if faint:
        return int(rng.integers(140, 175)), float(rng.uniform(0.35, 0.5))
    return int(rng.integers(0, 95)), float(rng.uniform(0.45, 0.8))


def draw(image: np.ndarray, dpi: float, box: list[float], style: str, rng: np.random.Generator) -> None:
    """One mark over a box (x, y, w, h in mm), a little off centre and of its own size, as a hand makes it."""
    s = dpi / 25.4
    x, y, w, h = box
    cx, cy = (x + w / 2 + rng.uniform(-0.5, 0.5)) * s, (y + h / 2 + rng.uniform(-0.5, 0.5)) * s
    r = max(w, h) / 2 * s * rng.uniform(0.85, 1.15)
    grey, width = _pen(rng, faint=style == "faint")
    thick = max(1, int(round(width * s)))
    if style == "fill":
        cv2.circle(image, (int(cx), int(cy)), int(r * rng.uniform(0.8, 1.0)), grey, -1, cv2.LINE_AA)
    elif style in ("tick", "faint"):
        points = np.array([[cx - r * 0.7, cy], [cx - r * 0.15, cy + r * 0.65], [cx + r * 0.9, cy - r * 0.9]])
        cv2.polylines(image, [points.astype(np.int32)], False, grey, thick, cv2.LINE_AA)
    elif style == "cross":
        d = r * rng.uniform(0.7, 0.95)
        cv2.line(image, (int(cx - d), int(cy - d)), (int(cx + d), int(cy + d)), grey, thick, cv2.LINE_AA)
        cv2.line(image, (int(cx - d), int(cy + d)), (int(cx + d), int(cy - d)), grey, thick, cv2.LINE_AA)
    elif style == "scratch":  # a mark struck out: filled, then scribbled over
        cv2.circle(image, (int(cx), int(cy)), int(r * 0.8), grey, -1, cv2.LINE_AA)
        for k in range(3):
            cv2.line(image, (int(cx - r * 1.3), int(cy - r + k * r)), (int(cx + r * 1.3), int(cy - r * 0.6 + k * r)),
                     grey, thick, cv2.LINE_AA)


def scribble(image: np.ndarray, dpi: float, box: list[float], rng: np.random.Generator) -> None:
    """Handwriting-like strokes along a write-in box's first line."""
    s = dpi / 25.4
    x, y, w, h = box
    grey, width = _pen(rng)
    px = x + 2
    base = y + min(h, 9) - 2
    while px < x + min(w, 90):
        n = int(rng.integers(3, 7))
        xs = np.linspace(px, px + n * 1.6, n * 3)
        ys = base - 1.5 - 1.5 * np.abs(np.sin(xs * rng.uniform(1.5, 3)))
        points = np.stack([xs * s, ys * s], axis=1).astype(np.int32)
        cv2.polylines(image, [points], False, grey, max(1, int(width * s)), cv2.LINE_AA)
        px += n * 1.6 + 2.5


def fill(pages: list[np.ndarray], dpi: float, layout: dict[str, Any], first_page: int, answers: dict[str, Drawn],
         rng: np.random.Generator, write: bool = True) -> None:
    """Draw `answers` on a sheet's rasterised pages (its page 1 is pages[first_page])."""
    for n, page_map in enumerate(layout["pages"]):
        image = pages[first_page + n]
        for code, index, *box in page_map["marks"]:
            drawn = answers.get(code)
            for at, style in drawn.marks if drawn else ():
                if at == index:
                    draw(image, dpi, box, style, rng)
        if write:
            for code, *box in page_map["writes"]:
                scribble(image, dpi, box, rng)


def plan(questions: list[tuple[str, str, int]], rng: np.random.Generator, unclear: float = 0.08,
         blank: float = 0.1) -> dict[str, Drawn]:
    """What a participant marks: (code, kind, boxes) for each question; most clear, some left blank,
    some ambiguous (two marks, a correction, a faint stroke)."""
    out = {}
    for code, kind, boxes in questions:
        roll = rng.random()
        if roll < blank:
            out[code] = Drawn(code, [], True)
        elif roll < blank + unclear and boxes > 1:
            first, second = (int(i) for i in rng.choice(boxes, 2, replace=False))
            trouble = rng.choice(["double", "correction", "faint"])
            marks = {"double": [(first, "fill"), (second, "cross")],
                     "correction": [(first, "scratch"), (second, "fill")],
                     "faint": [(first, "faint")]}[str(trouble)]
            out[code] = Drawn(code, marks, False)
        elif kind == "multi":
            chosen = [i for i in range(boxes) if rng.random() < 0.4]
            out[code] = Drawn(code, [(i, str(rng.choice(["tick", "cross", "fill"]))) for i in chosen], True)
        else:
            out[code] = Drawn(code, [(int(rng.integers(boxes)), str(rng.choice(CLEAR_STYLES)))], True)
    return out


# ------------------------------------------------------------------ what a scanner or a phone does to a page


def scanner(image: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """An office scanner: a page fed up to 3 degrees askew, a touch of blur and noise, JPEG at 90."""
    out = _turn(image, rng.uniform(-3, 3), rng.uniform(0.98, 1.02), 255)
    out = cv2.GaussianBlur(out, (0, 0), 0.6)
    out = _noise(out, rng, 4)
    return _jpeg(out, 90)


def phone(image: np.ndarray, rng: np.random.Generator, dpi: float) -> np.ndarray:
    """A phone photo: the page on a desk, seen in perspective at any quarter turn and up to 10 degrees
    more, about 150 dpi on the page, lit from one side with a shadow across it, soft, noisy, JPEG at 75."""
    h, w = image.shape
    scale = 150 / dpi
    small = cv2.resize(image, (int(w * scale), int(h * scale)), interpolation=cv2.INTER_AREA)
    sh, sw = small.shape
    pad = int(0.12 * max(sh, sw))
    desk = np.full((sh + 2 * pad, sw + 2 * pad), int(rng.integers(60, 110)), np.uint8)
    source = np.float32([[0, 0], [sw, 0], [sw, sh], [0, sh]])
    jitter = lambda: rng.uniform(-0.05, 0.05) * sw  # noqa: E731
    target = np.float32([[pad + jitter(), pad + jitter()], [pad + sw + jitter(), pad + jitter()],
                         [pad + sw + jitter(), pad + sh + jitter()], [pad + jitter(), pad + sh + jitter()]])
    warp = cv2.getPerspectiveTransform(source, target)
    page = cv2.warpPerspective(small, warp, desk.shape[::-1], flags=cv2.INTER_LINEAR, borderValue=0)
    mask = cv2.warpPerspective(np.full_like(small, 255), warp, desk.shape[::-1], flags=cv2.INTER_NEAREST)
    photo = np.where(mask > 0, page, desk).astype(np.float32)
    yy, xx = np.mgrid[:photo.shape[0], :photo.shape[1]].astype(np.float32)
    angle = rng.uniform(0, 2 * np.pi)
    ramp = (np.cos(angle) * xx + np.sin(angle) * yy) / max(photo.shape)
    light = 0.72 + 0.28 * (ramp - ramp.min()) / max(1e-6, ramp.max() - ramp.min())
    edge = rng.uniform(0.3, 0.7) * photo.shape[1]
    shadow = np.where(xx + 0.3 * yy < edge, rng.uniform(0.7, 0.85), 1.0)
    photo = photo * light * cv2.GaussianBlur(shadow.astype(np.float32), (0, 0), 25)
    out = np.clip(photo, 0, 255).astype(np.uint8)
    quarter = int(rng.integers(4))
    out = np.ascontiguousarray(np.rot90(out, quarter))
    out = _turn(out, rng.uniform(-10, 10), 1.0, int(desk[0, 0]))
    out = cv2.GaussianBlur(out, (0, 0), rng.uniform(0.5, 0.9))
    out = _noise(out, rng, 6)
    return _jpeg(out, 75)


def _turn(image: np.ndarray, degrees: float, scale: float, border: int) -> np.ndarray:
    h, w = image.shape
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), degrees, scale)
    cos, sin = abs(matrix[0, 0]), abs(matrix[0, 1])
    nw, nh = int(h * sin + w * cos), int(h * cos + w * sin)
    matrix[0, 2] += nw / 2 - w / 2
    matrix[1, 2] += nh / 2 - h / 2
    return cv2.warpAffine(image, matrix, (nw, nh), flags=cv2.INTER_LINEAR, borderValue=border)


def _noise(image: np.ndarray, rng: np.random.Generator, sigma: float) -> np.ndarray:
    noisy = image.astype(np.float32) + rng.standard_normal(image.shape, dtype=np.float32) * sigma
    return np.clip(noisy, 0, 255).astype(np.uint8)


def _jpeg(image: np.ndarray, quality: int) -> np.ndarray:
    ok, data = cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, quality])
    return cv2.imdecode(data, cv2.IMREAD_GRAYSCALE)


def to_pdf(images: list[np.ndarray], target: Path, dpi: int) -> None:
    """Scanned pages as one PDF, as a scanner hands it over (JPEG pages)."""
    from PIL import Image

    pictures = [Image.fromarray(i) for i in images]
    pictures[0].save(target, "PDF", save_all=True, append_images=pictures[1:], resolution=dpi)


def expected(q: Any, drawn: Drawn) -> Any:
    """The answer a drawn question holds, as the engine would store it (None: blank)."""
    from facilitator import model
    from facilitator.scanning.marks import value_of

    chosen = sorted({i for i, _ in drawn.marks})
    if model.answer_type(q) == "multi":
        return value_of(q, chosen) if chosen else None
    return value_of(q, chosen[:1]) if chosen else None


def judge(q: Any, drawn: Drawn, reading: Any) -> str:
    """"right" (read as drawn, or flagged when it had to be), "flagged" (a clear mark left to confirm),
    or "misread" (a value taken that is not what was drawn: the one outcome never allowed)."""
    if reading.status == "uncertain":
        return "right" if not drawn.clear else "flagged"
    if not drawn.clear:
        return "misread"
    got = reading.value if reading.status == "clear" else None
    return "right" if got == expected(q, drawn) else "misread"
