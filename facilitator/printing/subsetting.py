"""Fonts cut to size fast where libharfbuzz-subset0 is missing.

WeasyPrint then subsets every font of every document with fontTools, which takes most of
a second per font: a named packet (a stamp per person) spends most of its time there. The
glyphs a sheet uses are nearly always among the font's Latin ones, so each font is cut to
that whole set once (kept glyph ids make one cut serve every document) and the cut is kept
in the user's cache folder, keyed by the font's bytes: later prints reuse it. A document
with other glyphs is cut as WeasyPrint would.
"""

from __future__ import annotations

import hashlib
import io
from functools import cache
from pathlib import Path
from typing import Any

# Basic Latin, Latin-1, Latin Extended-A, punctuation, the euro, ™, arrows, ✂: what sheets are set in
COMMON = [(0x20, 0x7E), (0xA0, 0x17F), (0x2010, 0x2027), (0x2030, 0x203A), (0x20AC, 0x20AC), (0x2122, 0x2122),
          (0x2190, 0x2193), (0x2702, 0x2702)]


MAX_EXTRA = 40  # beyond this many glyphs outside the common set, the text is in another script


def install() -> None:
    """Use the cached cuts when WeasyPrint has no HarfBuzz subsetter (else nothing changes)."""
    from weasyprint.pdf import fonts
    from weasyprint.text.ffi import harfbuzz, harfbuzz_subset

    if harfbuzz_subset is not None and harfbuzz.hb_version_atleast(4, 1, 0):
        return
    original = fonts.Font._fonttools_subset
    if getattr(original, "cached", False):
        return

    def subset(font: Any, to_unicode: dict, hinting: bool) -> None:
        digest = hashlib.sha1(font.file_content).hexdigest()
        common = _common_glyphs(digest, font.file_content, font.index)
        extra = sorted(set(to_unicode) - common)  # ligatures and the like, reached by no character
        if not common or len(extra) > MAX_EXTRA:
            return original(font, to_unicode, hinting)
        extras = hashlib.sha1(repr(extra).encode()).hexdigest()[:12]
        key = f"{digest}-{font.index}-{int(bool(hinting))}-{int(bool(font.missing))}-{extras}"
        cut = _read(key)
        if cut is None:
            original(font, dict.fromkeys([*common, *extra], ""), hinting)
            _write(key, font.file_content)
        else:
            font.file_content = cut

    subset.cached = True  # type: ignore[attr-defined]
    fonts.Font._fonttools_subset = subset


@cache
def _common_glyphs(digest: str, data: bytes, index: int) -> frozenset[int]:
    from fontTools.ttLib import TTFont

    try:
        font = TTFont(io.BytesIO(data), fontNumber=index, lazy=True)
        cmap = font.getBestCmap() or {}
        order = {name: gid for gid, name in enumerate(font.getGlyphOrder())}
    except Exception:  # a font fontTools cannot read: WeasyPrint's own path says so
        return frozenset()
    gids = {order[name] for code, name in cmap.items() if any(lo <= code <= hi for lo, hi in COMMON)}
    return frozenset(gids | {0})


_memory: dict[str, bytes] = {}


def _folder() -> Path | None:
    from facilitator.settings import user_cache_folder

    return user_cache_folder("fonts")


def _read(key: str) -> bytes | None:
    if key in _memory:
        return _memory[key]
    folder = _folder()
    try:
        data = (folder / f"{key}.ttf").read_bytes() if folder else None
    except OSError:
        data = None
    if data:
        _memory[key] = data
    return data


def _write(key: str, data: bytes) -> None:
    _memory[key] = data
    folder = _folder()
    if folder is None:
        return
    from facilitator.tomlfile import write_bytes_atomically

    try:
        write_bytes_atomically(folder / f"{key}.ttf", data, 0o600)
    except OSError:
        pass  # no cache this time: the next print cuts the font again
