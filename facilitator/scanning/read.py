"""One scanned page, read: which page it is (its QR code), where it lies (its corner
squares), and how much ink each of its mark boxes holds. What the marks mean is decided in
`marks.py`; this module only measures.

The page is straightened onto its printed geometry (mm, from the layout map) by a
homography from the four corner squares, found near where the QR code says they must be:
that corrects any rotation (the code knows which way is up), skew, scale and a phone's
perspective alike. Lighting is evened out by dividing by the page's own white.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import cv2
import numpy as np
import zxingcpp

from facilitator.scanning.code import PageCode, marker_centres, qr_rect, qr_size
from facilitator.scanning.marks import Box

PX_MM = 6.0  # the straightened page: 6 pixels a millimetre (152 dpi), enough for a pen's mark and a crop
RASTER_DPI = 200  # a scanned PDF's pages are rasterised at this
INK = 0.38  # a pixel this much darker than its page's white is ink


class Unreadable(Exception):
    """A page that cannot be identified or straightened: said by file and page, never guessed at."""


@dataclass
class Page:
    where: str  # "scan.pdf page 3" or "IMG_0042.jpg"
    code: PageCode
    boxes: list[Box] = field(default_factory=list)
    image: Any = None  # the straightened page (grey, 0..255), kept for cutting out write-in boxes
    skew: float = 0.0  # degrees the page lay turned from its nearest quarter turn


def page_count(path: Path) -> int:
    """How many pages a file holds (a photo is one), without reading them."""
    with path.open("rb") as f:
        if f.read(5) != b"%PDF-":
            return 1
    import pypdfium2

    try:
        return len(pypdfium2.PdfDocument(str(path)))
    except pypdfium2.PdfiumError as exc:
        raise Unreadable(f"{path.name}: not a readable PDF ({exc})") from None


def load_images(path: Path, start: int = 0, stop: int | None = None) -> list[tuple[str, np.ndarray]]:
    """Pages of a file as grey images: a PDF's (from `start` to `stop`), or one photo (JPEG, PNG)."""
    with path.open("rb") as f:
        is_pdf = f.read(5) == b"%PDF-"
    if is_pdf:
        import pypdfium2

        try:
            pdf = pypdfium2.PdfDocument(str(path))
        except pypdfium2.PdfiumError as exc:
            raise Unreadable(f"{path.name}: not a readable PDF ({exc})") from None
        return [(f"{path.name} page {n + 1}", _pdf_page(pdf[n])) for n in range(start, min(stop or len(pdf), len(pdf)))]
    data = np.fromfile(str(path), np.uint8)
    image = cv2.imdecode(data, cv2.IMREAD_GRAYSCALE) if data.size else None  # OpenCV asserts on no bytes
    if image is None:
        raise Unreadable(f"{path.name}: not a PDF, JPEG or PNG")
    return [(path.name, image)]


def _pdf_page(page: Any) -> np.ndarray:
    """A scanner's page is one JPEG: decoded straight from the file at about 150 dpi (a fraction of the
    time rendering takes); any other page is rendered."""
    objects = list(page.get_objects(max_depth=1))
    if len(objects) == 1 and type(objects[0]).__name__ == "PdfImage" and objects[0].get_filters() == ["DCTDecode"]:
        width_in = page.get_width() / 72
        pixels = objects[0].get_px_size()[0]
        dpi = pixels / max(width_in, 1e-6)
        flag = cv2.IMREAD_REDUCED_GRAYSCALE_4 if dpi >= 560 else (
            cv2.IMREAD_REDUCED_GRAYSCALE_2 if dpi >= 280 else cv2.IMREAD_GRAYSCALE)
        data = objects[0].get_data(decode_simple=False)
        image = cv2.imdecode(np.frombuffer(bytes(data), np.uint8), flag)
        if image is not None:
            return image
    return np.array(page.render(scale=RASTER_DPI / 72, grayscale=True).to_pil().convert("L"))


def decode(image: np.ndarray) -> tuple[PageCode, np.ndarray] | None:
    """The page's code and its four corners in the image (clockwise from the code's own top left)."""
    # the usual reading first; a small, soft or unevenly lit code once more at twice the size, and
    # with a plain threshold (which copes with a code half in shadow): only a hard page pays for those
    tries = ((1, zxingcpp.Binarizer.LocalAverage), (2, zxingcpp.Binarizer.LocalAverage),
             (2, zxingcpp.Binarizer.FixedThreshold), (1, zxingcpp.Binarizer.FixedThreshold), (3, None))
    located: list[np.ndarray] = []  # codes seen but not read (a checksum off): where to look harder
    for scale, binarizer in tries:
        if binarizer is None:  # last: the light evened out first, at twice the size
            attempt = cv2.createCLAHE(2.0, (8, 8)).apply(cv2.resize(image, None, fx=2, fy=2,
                                                                    interpolation=cv2.INTER_CUBIC))
            scale, binarizer = 2, zxingcpp.Binarizer.LocalAverage
        else:
            attempt = image if scale == 1 else cv2.resize(image, None, fx=scale, fy=scale,
                                                          interpolation=cv2.INTER_CUBIC)
        found = _read(attempt, binarizer, scale, located)
        if found is not None:
            return found
    return _look_closer(image, located)


def _read(image: np.ndarray, binarizer: Any, scale: float, located: list[np.ndarray],
          offset: tuple[int, int] = (0, 0)) -> tuple[PageCode, np.ndarray] | None:
    """A facilitator code read whole (its error correction agreeing), corners in the original image."""
    for found in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode, binarizer=binarizer,
                                        return_errors=True):
        p = found.position
        corners = np.array([[p.top_left.x, p.top_left.y], [p.top_right.x, p.top_right.y],
                            [p.bottom_right.x, p.bottom_right.y], [p.bottom_left.x, p.bottom_left.y]],
                           np.float64) / scale + np.array(offset, np.float64)
        if not found.valid:
            located.append(corners)
            continue
        code = PageCode.parse(found.text)
        if code is not None:
            return code, corners
    return None


def _look_closer(image: np.ndarray, located: list[np.ndarray]) -> tuple[PageCode, np.ndarray] | None:
    """A code found but not read, read again from its own patch: enlarged by several factors, sharpened,
    its light evened out. Cheap (the patch is small), and still only a code whose error correction
    agrees is taken: a page is never identified by a guess."""
    h, w = image.shape
    seen: list[np.ndarray] = []
    for corners in located:
        centre = corners.mean(axis=0)
        if any(np.linalg.norm(centre - c) < 10 for c in seen):
            continue
        seen.append(centre)
        side = max(np.ptp(corners[:, 0]), np.ptp(corners[:, 1]), 20.0)
        x0, y0 = int(max(0, centre[0] - side)), int(max(0, centre[1] - side))
        x1, y1 = int(min(w, centre[0] + side)), int(min(h, centre[1] + side))
        patch = image[y0:y1, x0:x1]
        if patch.size == 0:
            continue
        sharp = cv2.addWeighted(patch, 1.8, cv2.GaussianBlur(patch, (0, 0), 1.5), -0.8, 0)
        even = cv2.createCLAHE(2.0, (4, 4)).apply(patch)
        for scale in (1.5, 2.5, 3.0, 2.0, 4.0, 1.25):
            for source in (patch, sharp, even):
                big = cv2.resize(source, None, fx=scale, fy=scale, interpolation=cv2.INTER_CUBIC)
                for binarizer in (zxingcpp.Binarizer.LocalAverage, zxingcpp.Binarizer.FixedThreshold,
                                  zxingcpp.Binarizer.GlobalHistogram):
                    found = _read(big, binarizer, scale, [], (x0, y0))
                    if found is not None:
                        return found
    return None


def read_page(where: str, image: np.ndarray, layout: dict[str, Any]) -> Page:
    """Measure every mark box of the page `layout` (the layout map) describes."""
    found = decode(image)
    if found is None:
        raise Unreadable(f"{where}: no sheet code found (not a facilitator worksheet, or too blurred to read)")
    code, corners = found
    return measure(where, image, code, corners, layout)


def measure(where: str, image: np.ndarray, code: PageCode, corners: np.ndarray, layout: dict[str, Any]) -> Page:
    if not 1 <= code.page <= len(layout["pages"]):
        raise Unreadable(f"{where}: the code names page {code.page}, but the sheet has {len(layout['pages'])}")
    homography = align(where, image, code, corners, layout)
    width, height = _page_mm(layout)
    straight = cv2.warpPerspective(image, homography, (int(width * PX_MM), int(height * PX_MM)),
                                   flags=cv2.INTER_AREA if _scale(homography) < 1 else cv2.INTER_LINEAR,
                                   borderValue=255)
    soft = cv2.GaussianBlur(straight, (0, 0), 0.8)  # scanner noise and JPEG speckle are not ink; a stroke is
    boxes = [Box(c, i, *_fill(soft, x, y, w, h)) for c, i, x, y, w, h in layout["pages"][code.page - 1]["marks"]]
    edge = corners[1] - corners[0]
    angle = np.degrees(np.arctan2(edge[1], edge[0]))
    skew = float((angle + 45) % 90 - 45)
    return Page(where, code, boxes, straight, skew)


def _page_mm(layout: dict[str, Any]) -> tuple[float, float]:
    from facilitator.scanning.code import PAPER

    return PAPER[layout["paper"]]


def _scale(homography: np.ndarray) -> float:
    return float(np.sqrt(abs(np.linalg.det(homography[:2, :2]))))


def align(where: str, image: np.ndarray, code: PageCode, corners: np.ndarray, layout: dict[str, Any]) -> np.ndarray:
    """The homography from the image to the straightened page (PX_MM pixels a mm)."""
    import segno

    modules = segno.make(code.text(), error="m", micro=False).symbol_size(border=0)[0]
    x, y, size, _ = qr_rect(code.paper, qr_size(modules))
    printed = np.array([[x, y], [x + size, y], [x + size, y + size], [x, y + size]], np.float64)
    # the code is small: a turn, a scale and a shift from it (not a perspective, which its few
    # pixels of corner error would swing wildly across the page) says roughly where the nearest
    # square is; each square found then corrects the guess for the next, farther one
    centres = marker_centres(code.paper)
    side = layout.get("marker_size", 6.0)
    qr_centre = printed.mean(axis=0)
    order = sorted(range(4), key=lambda i: np.hypot(*(np.array(centres[i]) - qr_centre)))
    found: dict[int, tuple[float, float]] = {}
    for i in order:
        if len(found) >= 3:
            known = [centres[j] for j in found]
            guess = cv2.getAffineTransform(np.float32(known), np.float32([found[j] for j in found]))
        else:
            source = np.vstack([printed, [centres[j] for j in found]]) if found else printed
            seen = np.vstack([corners, [found[j] for j in found]]) if found else corners
            guess, _ = (cv2.estimateAffine2D if found else cv2.estimateAffinePartial2D)(
                source.astype(np.float32), seen.astype(np.float32))
        back = np.vstack([guess, [0.0, 0.0, 1.0]])
        spot = _find_square(image, back, *centres[i], side)
        if spot is None:
            raise Unreadable(f"{where}: a corner square is missing or hidden (near {_corner_name(*centres[i], code)}):"
                             " scan the whole page, corners included")
        found[i] = spot
    found_list = [found[i] for i in range(4)]
    target = np.array(centres, np.float32) * PX_MM
    return cv2.getPerspectiveTransform(np.array(found_list, np.float32), target)


def _corner_name(cx: float, cy: float, code: PageCode) -> str:
    from facilitator.scanning.code import PAPER

    width, height = PAPER[code.paper]
    return f"the {'top' if cy < height / 2 else 'bottom'} {'left' if cx < width / 2 else 'right'}"


def _find_square(image: np.ndarray, back: np.ndarray, cx: float, cy: float, side: float) -> tuple[float, float] | None:
    """The centre of the solid square printed at (cx, cy) mm, searched for around where the code puts it."""
    def to_image(px: float, py: float) -> np.ndarray:
        v = back @ np.array([px, py, 1.0])
        return v[:2] / v[2]

    centre = to_image(cx, cy)
    mm = np.linalg.norm(to_image(cx + 10, cy) - centre) / 10  # image pixels a mm, there
    reach = int(mm * 55)  # the guess is off by up to a few cm across a photo in perspective
    x0, y0 = int(centre[0]) - reach, int(centre[1]) - reach
    h, w = image.shape
    window = image[max(0, y0):max(0, y0 + 2 * reach), max(0, x0):max(0, x0 + 2 * reach)]
    if window.size == 0 or min(window.shape) < reach // 2:
        return None
    x0, y0 = max(0, x0), max(0, y0)
    shrink = min(1.0, 3.0 / mm)  # looked for at 3 pixels a mm: a 6 mm square is plenty, and it is quick
    if shrink < 1.0:
        window = cv2.resize(window, None, fx=shrink, fy=shrink, interpolation=cv2.INTER_AREA)
        mm *= shrink
    small = cv2.GaussianBlur(window, (0, 0), max(1.0, mm * 0.3))
    # dark against what is around it: a shadow, dim light or the desk beyond the page is not
    k = int(mm * 11) | 1
    around = cv2.dilate(small, cv2.getStructuringElement(cv2.MORPH_RECT, (k, k))).astype(np.float32)
    dark = (small < around * 0.55).astype(np.uint8)
    count, labels, stats, centroids = cv2.connectedComponentsWithStats(dark, connectivity=8)
    expected = (side * mm) ** 2
    best, best_distance = None, None
    for n in range(1, count):
        area = stats[n, cv2.CC_STAT_AREA]
        bw, bh = stats[n, cv2.CC_STAT_WIDTH], stats[n, cv2.CC_STAT_HEIGHT]
        if not 0.45 * expected < area < 1.9 * expected or not 0.6 < bw / max(bh, 1) < 1.6:
            continue
        if area / float(bw * bh) < 0.6:  # solid, not a letter or a ring
            continue
        outline = cv2.findNonZero((labels[max(0, stats[n, 1]):stats[n, 1] + bh, stats[n, 0]:stats[n, 0] + bw] == n)
                                  .astype(np.uint8))
        (_, _), (rw, rh), _ = cv2.minAreaRect(outline)
        if area / max(rw * rh, 1.0) < 0.86:  # a square at any turn fills its tightest box; a filled circle does not
            continue
        # pixel centres: the shrunk window's pixel i covers the original's (i + 0.5) / shrink - 0.5
        point = np.array([(centroids[n][0] + 0.5) / shrink - 0.5 + x0, (centroids[n][1] + 0.5) / shrink - 0.5 + y0])
        distance = np.linalg.norm(point - centre)
        if best_distance is None or distance < best_distance:
            best, best_distance = point, distance
    return None if best is None else (float(best[0]), float(best[1]))


def _fill(image: np.ndarray, x: float, y: float, w: float, h: float) -> tuple[float, float, float]:
    """How much ink a box holds (0..1), its printed parts left out, and how dark that ink is.

    A rating circle holds its printed number: only the ring between the number and the
    outline is counted, which a filled circle, a cross or a tick all cross and a blank never
    does. A small tick box is counted in the disc inside its outline."""
    pad = 1.5
    x0, y0 = max(0, int((x - pad) * PX_MM)), max(0, int((y - pad) * PX_MM))
    around = image[y0:int((y + h + pad) * PX_MM) + 1, x0:int((x + w + pad) * PX_MM) + 1]
    if around.size == 0:
        return 0.0, 0.0, 0.0
    # the paper's white right here: a shadow's edge or a lamp's falloff across the page divides out
    white = max(float(np.percentile(around, 92)), 1.0)
    ink = np.clip(1.0 - around.astype(np.float32) / white, 0.0, 1.0)
    yy, xx = np.ogrid[:around.shape[0], :around.shape[1]]
    # distances in mm from the box's true centre (pixel i's centre is at (i + 0.5) / PX_MM)
    dx = (xx + x0 + 0.5) / PX_MM - (x + w / 2)
    dy = (yy + y0 + 0.5) / PX_MM - (y + h / 2)
    r = np.sqrt(dx ** 2 + dy ** 2) / (w / 2)
    edge = (1.0 if w >= 5.5 else 0.7) / (w / 2)  # the outline, softened by the lens, and a little misalignment
    inside = (r >= 0.5) & (r <= 1 - edge) if w >= 5.5 else r <= 1 - edge
    values = ink[inside]
    if values.size == 0:
        return 0.0, 0.0, 0.0
    strong = np.clip((values - 0.15) / 0.85, 0.0, 1.0)  # paper grain and scanner noise are not ink
    marked = values[values > INK]
    # a faint pencil line is this dark; blurred noise never is. Counted clear of the outline's inner
    # edge, which a soft phone photo smears a little inwards: a stroke across the box reaches here
    near = (r <= 1 - edge - 0.12)[inside] if w < 5.5 else np.ones(values.shape, bool)
    touched = float((values[near] > 0.18).mean()) if near.any() else 0.0
    return float(strong.mean()), float(marked.mean()) if marked.size > 4 else 0.0, touched


def crop(page: Page, x: float, y: float, w: float, h: float) -> np.ndarray:
    """A write-in box cut out of the straightened page, a millimetre of margin around it."""
    x0, y0 = max(0, int((x - 1) * PX_MM)), max(0, int((y - 1) * PX_MM))
    return page.image[y0:int((y + h + 1) * PX_MM), x0:int((x + w + 1) * PX_MM)]
